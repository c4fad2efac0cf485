from datetime import timedelta

import pytest
from axes.models import AccessLog
from django.contrib.sessions.models import Session
from django.utils import timezone

from danvan.accounts import tasks

pytestmark = pytest.mark.django_db


def test_nightly_purge_removes_expired_sessions_and_old_login_logs():
    now = timezone.now()
    Session.objects.create(session_key="old", session_data="", expire_date=now - timedelta(days=1))
    Session.objects.create(session_key="live", session_data="", expire_date=now + timedelta(hours=1))
    old_log = AccessLog.objects.create(username="hoa", ip_address="10.0.0.1", user_agent="x")
    AccessLog.objects.filter(pk=old_log.pk).update(attempt_time=now - timedelta(days=200))
    AccessLog.objects.create(username="hoa", ip_address="10.0.0.1", user_agent="x")

    tasks.purge_expired_login_data()

    assert list(Session.objects.values_list("session_key", flat=True)) == ["live"]
    assert AccessLog.objects.count() == 1
