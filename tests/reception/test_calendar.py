"""The public calendar: filtered by commune, with its .ics feed valid under RFC 5545."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from reception import services
from reception.models import ReceptionSession
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-03-10 08:00 +0700", tick=False)


@pytest.fixture
def sessions(units):
    return {
        "ward": SessionFactory(
            date=date(2026, 3, 12), place="Trụ sở UBND phường Tân Phong, đường Trần Phú, tổ 14, phường Tân Phong",
            presiding_position="Chủ tịch UBND phường", hosts=[units["committee"]],
        ),
        "commune": SessionFactory(date=date(2026, 3, 13), place="Trụ sở UBND xã Bình Lư", hosts=[units["other"]]),
        "cancelled": SessionFactory(date=date(2026, 3, 16), place="Buổi bị hủy", hosts=[units["committee"]]),
    }  # fmt: skip


def feed_of(client, unit):
    response = client.get(reverse("calendar_feed", args=[unit.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    return response.content


def test_the_feed_is_valid_rfc_5545(client, units, sessions, people):
    services.set_session_status(
        session=sessions["cancelled"], actor=people["officer"], status="cancelled", reason="Trùng kỳ họp HĐND"
    )
    raw = feed_of(client, units["province"])
    # Content lines end in CRLF and are folded at 75 octets (RFC 5545 §3.1).
    lines = raw.split(b"\r\n")
    assert lines[-1] == b"" and b"\n" not in b"".join(lines)
    assert all(len(line) <= 75 for line in lines), [line for line in lines if len(line) > 75]
    for line in lines:
        line.decode("utf-8")  # a fold never splits a Vietnamese letter's bytes
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")

    calendar = Calendar.from_ical(raw)
    calendar.validate()
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    # Phone calendars fetch again within hours (RFC 7986 §5.7 needs VALUE=DURATION; Outlook reads the X- one).
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT6H\r\n" in raw and b"X-PUBLISHED-TTL:PT6H\r\n" in raw
    timezones = {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
    assert timezones == {"Asia/Ho_Chi_Minh"}
    for tz in calendar.walk("VTIMEZONE"):
        assert tz.walk("STANDARD")  # a VTIMEZONE needs at least one STANDARD or DAYLIGHT part
    events = calendar.walk("VEVENT")
    assert len(events) == 3
    for event in events:
        for prop in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "SEQUENCE"):
            assert prop in event, prop
        assert event.decoded("DTSTAMP").tzinfo is not None and raw.count(b"DTSTAMP:") == 3
        for prop in ("DTSTART", "DTEND"):
            assert event[prop].params["TZID"] in timezones
            assert event.decoded(prop).tzinfo is not None
        assert event.decoded("DTEND") > event.decoded("DTSTART")
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    ward = next(e for e in events if str(e["UID"]) == f"reception-session-{sessions['ward'].pk}@danvan")
    assert ward.decoded("DTSTART") == datetime(2026, 3, 12, 7, 30, tzinfo=HANOI)
    assert str(ward["STATUS"]) == "CONFIRMED" and int(ward["SEQUENCE"]) == 0
    assert ward["LOCATION"].startswith("Trụ sở UBND phường Tân Phong, đường Trần Phú")
    cancelled = next(e for e in events if str(e["UID"]) == f"reception-session-{sessions['cancelled'].pk}@danvan")
    assert str(cancelled["STATUS"]) == "CANCELLED" and int(cancelled["SEQUENCE"]) == 1
    assert "Trùng kỳ họp HĐND" in str(cancelled["DESCRIPTION"])


def test_the_feed_of_a_commune_has_its_sessions_only(client, units, sessions):
    calendar = Calendar.from_ical(feed_of(client, units["other"].parent))
    assert [str(e["LOCATION"]) for e in calendar.walk("VEVENT")] == ["Trụ sở UBND xã Bình Lư"]


def test_an_empty_feed_is_still_a_valid_calendar(client, units):
    calendar = Calendar.from_ical(feed_of(client, units["other"].parent))
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"] and calendar.walk("VEVENT") == []


def test_the_public_calendar_narrows_to_a_commune_and_its_feed(client, units, sessions):
    commune = units["other"].parent
    html = client.get(reverse("calendar")).content.decode()
    assert re.search(r'<select[^>]*name="unit"', html)
    assert "Tỉnh Lai Châu" in html and "Xã Bình Lư" in html
    assert "Trụ sở UBND xã Bình Lư" in html and "Trụ sở UBND phường Tân Phong" in html
    response = client.get(reverse("calendar"), {"unit": commune.pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Trụ sở UBND xã Bình Lư" in html and "Trụ sở UBND phường Tân Phong" not in html
    assert f'value="{commune.pk}" selected' in html
    assert f'href="{reverse("calendar_feed", args=[commune.pk])}"' in html
    province = client.get(reverse("calendar"), {"unit": units["province"].pk}).content.decode()
    assert "Trụ sở UBND xã Bình Lư" in province and "Trụ sở UBND phường Tân Phong" in province


def test_a_unit_not_in_the_list_is_refused_with_a_message(client, units, sessions):
    response = client.get(reverse("calendar"), {"unit": units["committee"].pk})
    assert response.status_code == 400 and "Trụ sở UBND xã Bình Lư" in response.content.decode()


def test_a_cancelled_session_says_so_on_the_public_calendar(client, units, sessions, people):
    services.set_session_status(
        session=sessions["cancelled"], actor=people["officer"], status="cancelled", reason="Trùng kỳ họp HĐND"
    )
    html = client.get(reverse("calendar")).content.decode()
    assert "Buổi bị hủy" in html and "Trùng kỳ họp HĐND" in html


def test_unpublished_sessions_stay_out_of_the_feed(client, units):
    SessionFactory(date=date(2026, 3, 12), place="Nội bộ", is_published=False, hosts=[units["committee"]])
    assert "Nội bộ" not in feed_of(client, units["province"]).decode()
    assert ReceptionSession.objects.count() == 1
