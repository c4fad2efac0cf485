import pytest
import time_machine
from django.urls import reverse

from danvan.accounts.roles import Role
from danvan.orgunits.models import UnitKind
from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


@time_machine.travel("2026-11-22 09:00 +0700")
def test_home_shows_roles_units_and_the_coming_holiday(client):
    unit = UnitFactory(name="UBND phường Tân Phong", kind=UnitKind.PEOPLE_COMMITTEE)
    user = UserFactory(full_name="Lường Thị Thu", roles=[Role.RECEPTION_OFFICER], units=[unit])
    client.force_login(user)
    html = client.get("/").content.decode()
    assert "Xin chào, Lường Thị Thu" in html
    assert "Cán bộ tiếp công dân" in html
    assert "UBND phường Tân Phong" in html
    # Sunday 22/11/2026; Tuesday 24/11 is Vietnamese Culture Day.
    assert "Ngày nghỉ (Chủ nhật)" in html
    assert "Ngày làm việc tiếp theo: Thứ Hai, 23/11/2026" in html
    assert "Ngày Văn hóa Việt Nam" in html


def test_navbar_shows_administration_only_to_administrators(client):
    admin_url = reverse("admin:index")
    officer = UserFactory(roles=[Role.HANDLER])
    admin = UserFactory(roles=[Role.ADMINISTRATOR], is_staff=True)
    client.force_login(officer)
    assert f'href="{admin_url}"' not in client.get("/").content.decode()
    client.force_login(admin)
    assert f'href="{admin_url}"' in client.get("/").content.decode()


def test_language_switch_to_english_and_back(client):
    client.force_login(UserFactory(full_name="Trần Minh Đức"))
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Hello, Trần Minh Đức" in client.get("/").content.decode()
    client.post(reverse("set_language"), {"language": "vi", "next": "/"})
    assert "Xin chào, Trần Minh Đức" in client.get("/").content.decode()


def test_home_takes_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    units = [UnitFactory() for _ in range(5)]
    client.force_login(UserFactory(roles=[Role.LEADER, Role.HANDLER], units=units))
    with django_assert_max_num_queries(12):
        assert client.get("/").status_code == 200


def test_days_off_page_lists_the_year(client):
    client.force_login(UserFactory())
    html = client.get(reverse("workdays:year", args=[2026])).content.decode()
    assert "Tết Nguyên Đán" in html
    assert "22/08/2026" in html  # the Saturday worked for the 2/9 bridge day
    assert client.get(reverse("workdays:year", args=[1800])).status_code == 404


def test_error_pages_are_in_vietnamese(client):
    client.force_login(UserFactory())
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_server_error_page_renders_without_a_request():
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("vi"):
        html = render_to_string("500.html")
    assert "Hệ thống đang gặp sự cố" in html


def test_access_denied_page_is_in_vietnamese(rf):
    from django.contrib.auth.models import AnonymousUser
    from django.core.exceptions import PermissionDenied
    from django.utils import translation
    from django.views.defaults import permission_denied

    request = rf.get("/")
    request.user = AnonymousUser()
    with translation.override("vi"):
        response = permission_denied(request, PermissionDenied())
    assert response.status_code == 403
    assert "Bạn không có quyền truy cập trang này" in response.content.decode()
