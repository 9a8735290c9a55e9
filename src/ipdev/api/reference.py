"""The reference lists the API publishes: one serializer and one query per list."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from rest_framework import serializers

from ipdev.reference import models as ref


class LocalizedSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="localized_name", help_text="In the request's language.")
    names = serializers.DictField(child=serializers.CharField(), help_text="Name per language.")


def _serializer(model, *fields: str) -> type[serializers.ModelSerializer]:
    meta = type("Meta", (), {"model": model, "fields": [*fields, "name", "names"]})
    return type(f"{model.__name__}Serializer", (LocalizedSerializer,), {"Meta": meta})


class ExpectedResultSerializer(LocalizedSerializer):
    class Meta:
        model = ref.ExpectedResult
        fields = ["code", "order", "name", "names"]


class StrategicGoalSerializer(LocalizedSerializer):
    expected_results = ExpectedResultSerializer(many=True)

    class Meta:
        model = ref.StrategicGoal
        fields = ["code", "order", "name", "names", "expected_results"]


CODED = ("code", "description", "order")


@dataclass(frozen=True)
class ReferenceList:
    name: str
    title: str
    serializer: type[serializers.BaseSerializer]
    queryset: Callable[[], QuerySet]


LISTS: tuple[ReferenceList, ...] = (
    ReferenceList(
        "countries",
        "Countries with development status, WIPO regional bureau and UN M49 region",
        _serializer(
            ref.Country,
            "code",
            "iso3",
            "numeric",
            "status",
            "bureau",
            "region",
            "ldc_since",
            "beneficiary",
        ),
        ref.Country.objects.all,
    ),
    ReferenceList(
        "regions",
        "UN M49 regions",
        _serializer(ref.Region, "code", "parent"),
        ref.Region.objects.all,
    ),
    ReferenceList(
        "bureaus",
        "WIPO regional bureaus",
        _serializer(ref.Bureau, "code", "short_name"),
        ref.Bureau.objects.all,
    ),
    ReferenceList(
        "da-clusters",
        "Development Agenda clusters",
        _serializer(ref.DACluster, "code"),
        ref.DACluster.objects.all,
    ),
    ReferenceList(
        "da-recommendations",
        "The 45 Development Agenda recommendations",
        _serializer(ref.DARecommendation, "number", "cluster", "description"),
        ref.DARecommendation.objects.all,
    ),
    ReferenceList(
        "sdgs",
        "UN Sustainable Development Goals",
        _serializer(ref.SDG, "number", "description"),
        ref.SDG.objects.all,
    ),
    ReferenceList(
        "strategic-goals",
        "WIPO strategic goals and their expected results",
        StrategicGoalSerializer,
        lambda: ref.StrategicGoal.objects.prefetch_related(
            Prefetch("expected_results", queryset=ref.ExpectedResult.objects.order_by("order"))
        ),
    ),
    ReferenceList("ip-areas", "IP areas", _serializer(ref.IPArea, *CODED), ref.IPArea.objects.all),
    ReferenceList(
        "categories",
        "Activity categories",
        _serializer(ref.ActivityCategory, *CODED),
        ref.ActivityCategory.objects.all,
    ),
    ReferenceList(
        "delivery-modes",
        "Delivery modes",
        _serializer(ref.DeliveryMode, *CODED),
        ref.DeliveryMode.objects.all,
    ),
    ReferenceList(
        "funding-sources",
        "Funding sources",
        _serializer(ref.FundingSource, *CODED, "kind", "donor"),
        ref.FundingSource.objects.all,
    ),
    ReferenceList(
        "units",
        "WIPO sectors, divisions and departments",
        _serializer(ref.Unit, *CODED, "sector"),
        ref.Unit.objects.all,
    ),
    ReferenceList(
        "languages", "Languages", _serializer(ref.Language, "code"), ref.Language.objects.all
    ),
    ReferenceList(
        "currencies",
        "Currencies (ISO 4217)",
        _serializer(ref.Currency, "code"),
        ref.Currency.objects.all,
    ),
)
