import pytest
from django.urls import reverse

from danvan.notifications.models import Notification
from danvan.notifications.services import notify
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return UserFactory()


def add(user, key, title, url=""):
    return notify(recipient=user, kind="test", key=key, title=title, url=url, email=False)[0]


def test_inbox_lists_only_my_notifications_and_the_navbar_counts_unread(client, user):
    add(user, "a", "Đơn KN-0001 sắp đến hạn")
    add(UserFactory(), "a", "Thông báo của người khác")
    client.force_login(user)
    html = client.get(reverse("notifications:inbox")).content.decode()
    assert "Đơn KN-0001 sắp đến hạn" in html
    assert "Thông báo của người khác" not in html
    assert 'data-testid="unread-count">1<' in html


def test_opening_a_notification_marks_it_read_and_follows_its_link(client, user):
    notification = add(user, "a", "Được giao xử lý đơn", url="/days-off/")
    client.force_login(user)
    response = client.post(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302
    assert response["Location"] == "/days-off/"
    notification.refresh_from_db()
    assert notification.is_read


def test_an_outside_link_is_not_followed(client, user):
    notification = add(user, "a", "Liên kết lạ", url="https://evil.example/")
    client.force_login(user)
    response = client.post(reverse("notifications:open", args=[notification.pk]))
    assert response["Location"] == reverse("notifications:inbox")


def test_someone_elses_notification_is_not_found(client, user):
    other = add(UserFactory(), "a", "Không phải của bạn")
    client.force_login(user)
    assert client.post(reverse("notifications:open", args=[other.pk])).status_code == 404
    assert client.get(reverse("notifications:open", args=[other.pk])).status_code == 405


def test_mark_all_read(client, user):
    add(user, "a", "Một")
    add(user, "b", "Hai")
    client.force_login(user)
    response = client.post(reverse("notifications:mark_all_read"), follow=True)
    assert "Đã đánh dấu 2 thông báo là đã đọc" in response.content.decode()
    assert not Notification.objects.filter(read_at__isnull=True).exists()
    unread_page = client.get(reverse("notifications:inbox") + "?unread=1").content.decode()
    assert "Đã đọc hết thông báo" in unread_page


def test_inbox_is_paginated_with_a_fixed_number_of_queries(client, user, django_assert_max_num_queries):
    for index in range(45):
        add(user, f"k{index}", f"Thông báo số {index}")
    client.force_login(user)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("notifications:inbox") + "?page=2").content.decode()
    assert "Thông báo số 24" in page
    assert "Thông báo số 44" not in page
    assert "21–40" in page
