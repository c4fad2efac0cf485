from datetime import date

import pytest
from django.test import TestCase

from petitions import services
from petitions.models import Kind
from tests.fixtures import PERSON

# A citizen who gave both an e-mail address and a phone number.
CITIZEN = {**PERSON, "email": "nguyenvanan@example.vn", "phone": "0912345678"}


@pytest.fixture(autouse=True)
def _sms_to_files(settings, tmp_path, time_machine):
    """SMS through the file backend into this test's folder; 2 March 2026, 09:00 in Vietnam."""
    settings.SMS_BACKEND = "danvan.messaging.sms.FileBackend"
    settings.SMS_FILE_PATH = tmp_path / "sms"
    settings.SMS_DAILY_LIMIT = 0
    settings.SMS_WITHOUT_DIACRITICS = False
    settings.PORTAL_BASE_URL = "https://danvan.laichau.gov.vn"
    time_machine.move_to("2026-03-02 09:00 +0700", tick=False)


@pytest.fixture
def sms_files(settings):
    """The SMS the file backend wrote so far, as text, oldest first."""

    def read():
        folder = settings.SMS_FILE_PATH
        if not folder.exists():
            return []
        # In the order written: the names carry the (frozen) clock and a random part.
        paths = sorted(folder.glob("*.txt"), key=lambda path: path.stat().st_mtime_ns)
        return [path.read_text(encoding="utf-8") for path in paths]

    return read


def committed(call, **kwargs):
    """A service call whose transaction commits: the on-commit hooks (the sending) run as in real use."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return call(**kwargs)


@pytest.fixture
def petition_of(make_petition, people):
    """A petition received on 6 February 2026 from the citizen given (the one above by default)."""

    def make(kind=Kind.COMPLAINT_FIRST, petitioners=None, **extra):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return make_petition(
                kind=kind, received=date(2026, 2, 6), petitioners=[CITIZEN] if petitioners is None else petitioners,
                **extra,
            )  # fmt: skip

    return make


@pytest.fixture
def accept(people):
    def run(petition):
        committed(services.accept_petition, petition=petition, actor=people["handler"], accepted_date=date(2026, 2, 10))
        petition.refresh_from_db()
        return petition

    return run
