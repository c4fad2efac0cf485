"""The API's endpoints: thin views over the apps' scoped selectors and services."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from danvan import xlsx
from danvan.orgunits.models import Unit
from petitions import permissions as petition_permissions
from petitions import selectors as petition_selectors
from petitions import services as petition_services
from petitions.models import AccessContext
from reception import selectors as reception_selectors
from supervision import selectors as supervision_selectors

from . import national, reports, serializers
from .intake import IntakeErrors, create_from_payload
from .pagination import DateCursor, IdCursor, RegisterCursor
from .permissions import CanReadReports, client_of

CALENDAR_DAYS = 92


class PetitionList(generics.ListAPIView):
    """The register: every petition the caller's units handle (and those the caller handles)."""

    serializer_class = serializers.PetitionSerializer
    pagination_class = RegisterCursor

    def get_queryset(self):
        return petition_selectors.petition_list(self.request.user)

    @extend_schema(
        request=serializers.PetitionIntakeSerializer,
        responses={201: serializers.PetitionDetailSerializer},
        description="Record a petition from an intake system (scope `create`): the intake page's fields, "
        "with `petitioners` as a list of objects; refused input is answered 400 with the page's messages.",
    )
    def post(self, request):
        if not petition_permissions.can_record_petitions(request.user):
            raise PermissionDenied
        try:
            petition = create_from_payload(user=request.user, client=client_of(request), payload=request.data)
        except IntakeErrors as refused:
            return Response(refused.errors, status=status.HTTP_400_BAD_REQUEST)
        petition = petition_selectors.petition_page(request.user).get(pk=petition.pk)
        return Response(_detail(request, petition, reveal=False), status=status.HTTP_201_CREATED)


def _petition(request, pk):
    """The petition as its page fetches it: 404 unless the caller may open it; a reader's opening logged."""
    user = request.user
    petition = petition_permissions.get_readable_petition_or_404(petition_selectors.petition_page(user), user, pk)
    if not petition_permissions.can_view_petition(user, petition):
        petition_services.record_reader_viewing(petition=petition, user=user)
    return petition


def _detail(request, petition, *, reveal):
    if reveal:
        if not petition_permissions.can_see_identity(request.user, petition):
            raise PermissionDenied(_("You may not see this denouncer's identity."))
        petition_services.record_identity_access(petition=petition, user=request.user, context=AccessContext.DETAIL)
    petition.api_people = petition_selectors.people_for(request.user, petition, reveal=reveal)
    petition.api_revealed = reveal and petition.is_sealed
    return serializers.PetitionDetailSerializer(petition).data


class PetitionDetail(APIView):
    @extend_schema(
        responses=serializers.PetitionDetailSerializer,
        parameters=[OpenApiParameter("reveal", bool, description="Unseal a denouncer's identity (logged).")],
    )
    def get(self, request, pk):
        petition = _petition(request, pk)
        return Response(_detail(request, petition, reveal=request.query_params.get("reveal") in ("1", "true")))


class PetitionTimeline(APIView):
    @extend_schema(responses=serializers.PublicEventSerializer(many=True))
    def get(self, request, pk):
        """The lines of the petition's timeline that the citizen sees too."""
        events = _petition(request, pk).events.filter(is_public=True).order_by("created_at", "pk")
        return Response(serializers.PublicEventSerializer(events, many=True).data)


class PetitionDecisions(APIView):
    @extend_schema(responses=serializers.DecisionSerializer(many=True))
    def get(self, request, pk):
        """The decisions and written answers recorded on the petition."""
        return Response(serializers.DecisionSerializer(_petition(request, pk).decisions.all(), many=True).data)


class SessionList(generics.ListAPIView):
    """Reception sessions hosted by the caller's units and their sub-units."""

    serializer_class = serializers.SessionSerializer
    pagination_class = DateCursor

    def get_queryset(self):
        return reception_selectors.session_list(self.request.user)


class PublicCalendar(APIView):
    """The published reception calendar, as on the citizens' page: no login."""

    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(
        responses=serializers.PublicSessionSerializer(many=True),
        parameters=[OpenApiParameter("unit", int), OpenApiParameter("called_off", bool)],
    )
    def get(self, request):
        unit_id = request.query_params.get("unit", "")
        unit = Unit.objects.filter(pk=int(unit_id)).first() if unit_id.isdigit() else None
        start = timezone.localdate()
        sessions = reception_selectors.published_sessions(
            start=start,
            end=start + timedelta(days=CALENDAR_DAYS),
            unit=unit,
            called_off=request.query_params.get("called_off") in ("1", "true"),
        )
        return Response(serializers.PublicSessionSerializer(sessions, many=True).data)


class RecommendationList(generics.ListAPIView):
    """Supervision recommendations made by or addressed to the caller's units."""

    serializer_class = serializers.RecommendationSerializer
    pagination_class = IdCursor

    def get_queryset(self):
        return supervision_selectors.recommendations_visible_to(self.request.user)


def _report_scope(request):
    query = serializers.ReportQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    units, unit = reports.scope_of(request.user, query.validated_data.get("unit"))
    return reports.period_of(query.validated_data), units, unit


class ReportFigures(APIView):
    permission_classes = [CanReadReports]

    @extend_schema(parameters=[serializers.ReportQuerySerializer], responses=dict)
    def get(self, request):
        """The statutory report's figures for the period and unit (the dashboard's report)."""
        period, units, unit = _report_scope(request)
        return Response(
            {
                "unit": unit.name if unit else None,
                "period": {"start": period.start, "end": period.end, "label": str(period.label)},
                "figures": reports.statutory_figures(units, period),
            }
        )


class NationalExport(APIView):
    permission_classes = [CanReadReports]

    @extend_schema(
        parameters=[serializers.ReportQuerySerializer, OpenApiParameter("output", str, enum=["json", "xlsx"])],
        responses=dict,
    )
    def get(self, request):
        """The period's records for the national database (Decree 55/2022/NĐ-CP, Art 6), as JSON following
        api/schemas/national-v1.schema.json, or as the upload spreadsheet with `output=xlsx`."""
        period, units, unit = _report_scope(request)
        document = national.build(
            user=request.user,
            period=period,
            unit_name=unit.name if unit else _("All units in your scope"),
            units=units if unit else None,
        )
        national.validate(document)
        if request.query_params.get("output") == "xlsx":
            name = f"csdl-quoc-gia-{period.start.isoformat()}-{period.end.isoformat()}.xlsx"
            return xlsx.xlsx_response(national.workbook(document), name)
        return Response(document)


class NationalSchema(APIView):
    """The JSON Schema the national export follows."""

    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(responses=dict)
    def get(self, request):
        return Response(national.schema())
