"""What each resource shows. Read-only representations; creating a petition is validated by the petitions
app's own intake forms (api/intake.py), so the messages are the pages' messages."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from petitions import selectors as petition_selectors
from petitions.models import Channel, Kind


class UnitRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class PetitionSerializer(serializers.Serializer):
    """A row of the register: the sender's name as lists show it (a sealed identity always redacted)."""

    id = serializers.IntegerField()
    code = serializers.CharField()
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    channel = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    received_date = serializers.DateField()
    handling_unit = UnitRefSerializer()
    category = serializers.CharField(source="category.name")
    summary = serializers.CharField()
    people_count = serializers.IntegerField()
    is_group = serializers.BooleanField()
    is_anonymous = serializers.BooleanField()
    is_sealed = serializers.BooleanField()
    due_date = serializers.DateField(allow_null=True)
    sender = serializers.SerializerMethodField()

    def get_sender(self, petition) -> str:
        return petition_selectors.list_name(petition)


class PersonSerializer(serializers.Serializer):
    """A petitioner as the caller may see them (petitions.selectors.PersonView)."""

    full_name = serializers.CharField()
    citizen_id = serializers.CharField()
    phone = serializers.CharField()
    address = serializers.CharField()
    place = serializers.CharField()
    is_representative = serializers.BooleanField()
    sealed = serializers.BooleanField()


class PetitionDetailSerializer(PetitionSerializer):
    receiving_unit = UnitRefSerializer()
    content = serializers.CharField()
    respondent = serializers.CharField()
    accepted_date = serializers.DateField(allow_null=True)
    is_skipped_level = serializers.BooleanField()
    people = PersonSerializer(many=True, source="api_people")
    identity_revealed = serializers.BooleanField(source="api_revealed")


class PublicEventSerializer(serializers.Serializer):
    """A line of the timeline the citizen sees too (no actor, no internal note)."""

    kind = serializers.CharField()
    label = serializers.CharField(source="get_kind_display")
    at = serializers.DateTimeField(source="created_at")
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    note = serializers.CharField()


class DecisionSerializer(serializers.Serializer):
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    number = serializers.CharField()
    date = serializers.DateField()
    signer = serializers.CharField()
    outcome = serializers.CharField()
    text = serializers.CharField()
    money_to_state = serializers.IntegerField()
    money_to_citizens = serializers.IntegerField()
    land_to_state = serializers.DecimalField(max_digits=14, decimal_places=1, coerce_to_string=False)
    land_to_citizens = serializers.DecimalField(max_digits=14, decimal_places=1, coerce_to_string=False)


class SessionSerializer(serializers.Serializer):
    """A reception session of the caller's units."""

    id = serializers.IntegerField()
    date = serializers.DateField()
    start_time = serializers.TimeField()
    end_time = serializers.TimeField()
    place = serializers.CharField()
    presiding_position = serializers.CharField()
    hosts = UnitRefSerializer(many=True, source="hosts.all")
    is_ad_hoc = serializers.BooleanField()
    is_published = serializers.BooleanField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")


class PublicSessionSerializer(serializers.Serializer):
    """A published session as citizens see it on the calendar (reception.selectors.PublicSession)."""

    uid = serializers.CharField()
    unit_name = serializers.CharField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    place = serializers.CharField()
    presiding = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    reason = serializers.CharField()
    moved_from = serializers.DateField(allow_null=True)


class RecommendationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    body = UnitRefSerializer()
    addressed_to = UnitRefSerializer()
    supervision = serializers.CharField(source="supervision.topic", allow_null=True)
    text = serializers.CharField()
    due_date = serializers.DateField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    percent = serializers.IntegerField()


class ReportQuerySerializer(serializers.Serializer):
    """The period of a report or an export: a kind and number within a year, or explicit dates."""

    period = serializers.ChoiceField(choices=["month", "quarter", "half", "nine", "year", "custom"], default="year")
    year = serializers.IntegerField(min_value=2000, max_value=2100, required=False)
    number = serializers.IntegerField(min_value=1, max_value=12, default=1)
    start = serializers.DateField(required=False)
    end = serializers.DateField(required=False)
    unit = serializers.IntegerField(required=False)

    def validate(self, attrs):
        if attrs["period"] == "custom":
            if not attrs.get("start") or not attrs.get("end"):
                raise serializers.ValidationError(_("Give the first and last day of the period."))
            if attrs["start"] > attrs["end"]:
                raise serializers.ValidationError(_("The period ends before it starts."))
        elif attrs["period"] == "quarter" and attrs["number"] > 4:
            raise serializers.ValidationError({"number": _("A year has four quarters.")})
        return attrs


class PetitionerIntakeSerializer(serializers.Serializer):
    """A petitioner in a new petition (validated by the intake page's petitioner form)."""

    full_name = serializers.CharField(max_length=150)
    citizen_id = serializers.CharField(max_length=12, required=False)
    province_code = serializers.CharField(required=False)
    commune_code = serializers.CharField(required=False)
    address = serializers.CharField(max_length=255, required=False)
    phone = serializers.CharField(max_length=20, required=False)
    is_representative = serializers.BooleanField(required=False)


class PetitionIntakeSerializer(serializers.Serializer):
    """The body of a new petition: the intake page's fields. It documents the request only; the intake page's
    own forms validate it (api/intake.py), so the messages are theirs."""

    kind = serializers.ChoiceField(choices=Kind.choices)
    channel = serializers.ChoiceField(choices=Channel.choices, required=False, help_text="Default: online.")
    received_date = serializers.DateField(required=False, help_text="Default: today.")
    receiving_unit = serializers.IntegerField(required=False, help_text="Default: the client's unit.")
    category = serializers.IntegerField()
    summary = serializers.CharField(max_length=300)
    content = serializers.CharField()
    respondent = serializers.CharField(required=False)
    people_count = serializers.IntegerField(min_value=1)
    is_anonymous = serializers.BooleanField(required=False)
    has_evidence = serializers.BooleanField(required=False)
    is_skipped_level = serializers.BooleanField(required=False)
    is_remote_area = serializers.BooleanField(required=False)
    is_several_places = serializers.BooleanField(required=False)
    first_instance_code = serializers.CharField(required=False)
    first_decision_reference = serializers.CharField(required=False)
    petitioners = PetitionerIntakeSerializer(many=True, required=False)
