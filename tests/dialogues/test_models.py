"""The norms are configuration: seeded as configurable defaults, and every change to them is audited."""

from datetime import date

import pytest

from danvan.history.models import Change
from dialogues.models import DialogueNorm, HeadPosition

pytestmark = pytest.mark.django_db


def test_every_position_has_a_seeded_default_norm_with_its_basis():
    norms = DialogueNorm.objects.filter(is_default=True)
    assert {norm.position for norm in norms} == set(HeadPosition.values)
    assert all("06-QC/TU" in norm.legal_basis for norm in norms)
    assert DialogueNorm.objects.get(position=HeadPosition.COMMUNE_CHAIRMAN).per_year == 2


def test_a_change_to_a_norm_is_audited():
    norm = DialogueNorm.objects.get(position=HeadPosition.COMMUNE_CHAIRMAN)
    norm.count, norm.period = 1, "quarter"
    norm.save()
    DialogueNorm.objects.create(
        position=HeadPosition.COMMUNE_SECRETARY, count=1, period="quarter", valid_from=date(2026, 1, 1),
        legal_basis="Quy chế sửa đổi",
    )  # fmt: skip
    audited = Change.objects.filter(is_audit=True, object_id=norm.pk).order_by("pk").last()
    assert audited.values["count"] == [2, 1] and audited.values["period"] == ["year", "quarter"]
    assert Change.objects.filter(is_audit=True).count() == 2
    assert norm.per_year == 4
