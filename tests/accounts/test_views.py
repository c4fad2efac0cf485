import pytest
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def test_pages_require_login_by_default(client):
    response = client.get("/petitions/")
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next=/petitions/"


def test_the_root_is_the_citizens_page_for_visitors(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "Gửi đơn" in response.content.decode()


def test_login_page_is_in_vietnamese_whatever_the_browser_says(client):
    response = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in html
    assert "Đăng nhập dành cho cán bộ" in html
    assert "Tên đăng nhập" in html


def test_login_then_home(client):
    user = UserFactory(full_name="Nguyễn Thị Hoa")
    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "Xin chào, Nguyễn Thị Hoa" in response.content.decode()


def test_wrong_password_says_so_in_vietnamese_and_keeps_the_user_name(client):
    user = UserFactory()
    response = client.post(LOGIN, {"username": user.username, "password": "sai-mat-khau"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in html
    assert f'value="{user.username}"' in html


def test_repeated_wrong_passwords_lock_the_account_for_that_address(client, settings):
    user = UserFactory()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": user.username, "password": "sai-mat-khau"})
    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    html = response.content.decode()
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in html
    assert "15 phút" in html
    assert "_auth_user_id" not in client.session


def test_logout_is_a_post(client):
    client.force_login(UserFactory())
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get("/petitions/").status_code == 302


def test_password_change(client):
    user = UserFactory()
    client.force_login(user)
    url = reverse("accounts:password_change")
    bad = client.post(url, {"old_password": "khong-dung", "new_password1": "x", "new_password2": "y"})
    assert "Mật khẩu cũ không đúng" in bad.content.decode()
    good = client.post(
        url,
        {"old_password": PASSWORD, "new_password1": "Tiep-dan-ngay-10", "new_password2": "Tiep-dan-ngay-10"},
        follow=True,
    )
    assert "Mật khẩu của bạn đã được thay đổi" in good.content.decode()
    user.refresh_from_db()
    assert user.check_password("Tiep-dan-ngay-10")
