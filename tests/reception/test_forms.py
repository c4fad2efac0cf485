"""The ad hoc session form: a host select that suits the number of choices, 24-hour times as officials write them."""

from datetime import time

import pytest
from django import forms

from danvan.accounts.roles import Role
from danvan.orgunits.models import UnitKind
from reception.forms import AdHocSessionForm, OneHostSelect
from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_one_host_is_a_plain_select_several_are_checkboxes(units, people):
    assert isinstance(AdHocSessionForm(user=people["officer"]).fields["hosts"].widget, OneHostSelect)
    commune = units["committee"].parent
    UnitFactory(name="HĐND phường Tân Phong", kind=UnitKind.PEOPLE_COUNCIL, parent=commune)
    ward_official = UserFactory(roles=[Role.LEADER], units=[commune])
    widget = AdHocSessionForm(user=ward_official).fields["hosts"].widget
    assert isinstance(widget, forms.CheckboxSelectMultiple)


@pytest.mark.parametrize(("written", "meant"), [("07:30", time(7, 30)), ("7h30", time(7, 30)), ("13.45", time(13, 45))])
def test_times_are_read_on_the_24_hour_clock(units, people, written, meant):
    form = AdHocSessionForm(
        {"hosts": str(units["committee"].pk), "date": "12/03/2026", "start_time": written, "end_time": "17:00",
         "place": "Trụ sở", "presiding_position": "Chủ tịch UBND phường"},
        user=people["officer"],
    )  # fmt: skip
    assert form.is_valid(), form.errors
    assert form.cleaned_data["start_time"] == meant and form.cleaned_data["hosts"].get() == units["committee"]


def test_a_time_that_is_not_one_is_explained(units, people):
    form = AdHocSessionForm({"start_time": "7:30 PM"}, user=people["officer"])
    assert form.errors["start_time"] == ["Ghi giờ theo dạng giờ:phút, ví dụ 07:30."]
