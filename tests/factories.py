import datetime as dt
from datetime import date

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from danvan.accounts.models import Membership, User
from danvan.orgunits.models import Unit, UnitKind, UnitLevel
from danvan.orgunits.services import create_unit

PASSWORD = "Mat-khau-thu-2026"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"Đơn vị {n}")
    kind = UnitKind.PEOPLE_COMMITTEE
    level = UnitLevel.COMMUNE
    parent = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Through the service, so the tree path is set as in real use.
        return create_unit(**kwargs)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"canbo{n}")
    full_name = factory.Faker("name", locale="vi_VN")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.gov.vn")
    position_title = "Chuyên viên"

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or ():
            self.groups.add(Group.objects.get(name=role))

    @factory.post_generation
    def units(self, create, extracted, **kwargs):
        for index, unit in enumerate(extracted or ()):
            Membership.objects.create(user=self, unit=unit, is_primary=index == 0)


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "petitions.Category"
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Lĩnh vực {n}")


# Reception


class SessionFactory(factory.django.DjangoModelFactory):
    """A planned reception session, today unless told; pass hosts=[unit, ...]."""

    class Meta:
        model = "reception.ReceptionSession"
        skip_postgeneration_save = True

    date = factory.LazyFunction(timezone.localdate)
    start_time = dt.time(7, 30)
    end_time = dt.time(11, 30)
    place = "Trụ sở UBND phường"
    presiding_position = "Chủ tịch UBND phường"

    @factory.post_generation
    def hosts(self, create, extracted, **kwargs):
        if create and extracted:
            self.hosts.set(extracted)


class VoterMeetingFactory(factory.django.DjangoModelFactory):
    """A voter meeting of a People's Council, 60 days before the next council session."""

    class Meta:
        model = "reception.VoterMeeting"

    council = factory.SubFactory(UnitFactory, kind=UnitKind.PEOPLE_COUNCIL)
    next_session_date = dt.date(2026, 6, 25)
    date = factory.LazyAttribute(lambda meeting: meeting.next_session_date - dt.timedelta(days=60))
    place = "Nhà văn hóa tổ 14"
    deputies = "Đỗ Văn Long"
    council_session = "Kỳ họp thứ 5"
    voters_present = 60
    recorded_by = factory.SubFactory(UserFactory)


# Supervision: plain rows for test setup (the services that create them are tested on their own).


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "supervision.SupervisionProgramme"

    year = 2024
    body = factory.SubFactory(UnitFactory, kind=UnitKind.COUNCIL_STANDING, level=UnitLevel.PROVINCE)
    title = factory.Sequence(lambda n: f"Chương trình giám sát số {n}")


class SupervisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "supervision.Supervision"

    programme = factory.SubFactory(ProgrammeFactory)
    topic = factory.Sequence(lambda n: f"Giám sát chuyên đề số {n}")
    kind = "thematic"
    period_from = date(2021, 1, 1)
    period_to = date(2022, 12, 31)


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "supervision.Recommendation"

    kind = "supervision"
    supervision = factory.SubFactory(SupervisionFactory)
    body = factory.LazyAttribute(lambda r: r.supervision.programme.body)
    addressed_to = factory.SubFactory(UnitFactory)
    text = factory.Sequence(lambda n: f"Kiến nghị số {n}")
    due_date = date(2024, 6, 30)


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "supervision.Initiative"

    unit = factory.SubFactory(UnitFactory)
    year = 2024
    name = factory.Sequence(lambda n: f"Mô hình Dân vận khéo số {n}")
    field = "economy"
    start_date = date(2024, 1, 15)
