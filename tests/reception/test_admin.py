"""The admin: administrators read sessions and voter meetings; nobody adds or edits them there."""

import pytest
from django.urls import reverse

from danvan.accounts.roles import Role
from danvan.history.models import Change
from reception.models import ReceptionSchedule
from tests.factories import SessionFactory, UnitFactory, UserFactory, VoterMeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator():
    return UserFactory(roles=[Role.ADMINISTRATOR], is_staff=True)


def test_an_administrator_reads_sessions_but_cannot_add_or_change_them(client, administrator, units):
    session = SessionFactory(place="Trụ sở UBND phường", hosts=[units["committee"]])
    client.force_login(administrator)
    changelist = client.get(reverse("admin:reception_receptionsession_changelist"))
    assert changelist.status_code == 200 and "Trụ sở UBND phường" in changelist.content.decode()
    assert client.get(reverse("admin:reception_receptionsession_changelist"), {"q": "Trụ sở"}).status_code == 200
    detail = client.get(reverse("admin:reception_receptionsession_change", args=[session.pk]))
    assert detail.status_code == 200 and 'name="_save"' not in detail.content.decode()
    assert client.get(reverse("admin:reception_receptionsession_add")).status_code == 403
    response = client.post(reverse("admin:reception_receptionsession_change", args=[session.pk]), {"place": "Khác"})
    assert response.status_code == 403
    session.refresh_from_db()
    assert session.place == "Trụ sở UBND phường"


def test_voter_meetings_are_read_only_in_the_admin(client, administrator):
    meeting = VoterMeetingFactory()
    client.force_login(administrator)
    assert client.get(reverse("admin:reception_votermeeting_changelist")).status_code == 200
    assert client.get(reverse("admin:reception_votermeeting_change", args=[meeting.pk])).status_code == 200
    assert client.get(reverse("admin:reception_votermeeting_add")).status_code == 403


def test_saving_a_schedule_in_the_admin_materialises_its_sessions_with_history(client, time_machine):
    time_machine.move_to("2026-03-10 08:00 +0700", tick=False)
    superuser = UserFactory(is_superuser=True, is_staff=True)
    host = UnitFactory(name="UBND phường Tân Phong")
    client.force_login(superuser)
    response = client.post(
        reverse("admin:reception_receptionschedule_add"),
        {
            "name": "Tiếp công dân ngày 25", "hosts": [host.pk], "recurrence": "monthly_days", "days_of_month": "25",
            "presiding_position": "Chủ tịch UBND phường", "place": "Trụ sở", "start_time": "07:30",
            "end_time": "11:30", "valid_from": "01/01/2026", "holiday_policy": "move_next", "is_published": "on",
        },
    )  # fmt: skip
    assert response.status_code == 302
    sessions = ReceptionSchedule.objects.get().sessions.all()
    assert sessions.count() == 4  # 25/3 to 25/6, within the 120 days ahead
    rows = Change.objects.filter(content_type__model="receptionsession")
    assert rows.count() == 4 and {row.actor for row in rows} == {superuser}


def test_the_admin_names_the_fields_in_vietnamese(client, administrator, units, people, category):
    session = SessionFactory(hosts=[units["committee"]])
    client.force_login(administrator)
    html = client.get(reverse("admin:reception_receptionsession_change", args=[session.pk])).content.decode()
    assert "Lịch tiếp công dân" in html and "Ngày theo lịch" in html
    assert "Schedule" not in html and "Rule date" not in html
