"""Input types (checked here, rules checked by the services) and output shapes of API v1.

Activity output serializers render the selectors' dataclasses, never the model, so the consent
rule decides which details appear.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import serializers

from ipdev.activities.models import Activity, ActivityDocument, Consent, DetailGroup, Scope, Status

TEXT_MAX = 50_000  # long enough for any real description; refuses megabyte strings
MAX_CODES = 300  # more than there are countries
INT_MAX = 2_147_483_647  # the database's PositiveIntegerField


class ErrorSerializer(serializers.Serializer):
    """The one error shape of every 4xx response."""

    detail = serializers.CharField(help_text="A sentence for people.")
    code = serializers.CharField(help_text="A stable code for programs, e.g. `invalid`.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Messages per input field (`non_field_errors` for the whole request); "
        "empty unless the input was invalid.",
    )


# Input


class StrictSerializer(serializers.Serializer):
    """Refuses fields it does not know, naming them, instead of silently dropping them."""

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            unknown = sorted(str(k) for k in data if k not in self.fields)
            if unknown:
                raise serializers.ValidationError(
                    {key: [_("Unknown field.")] for key in unknown[:20]}
                )
        return super().to_internal_value(data)


class BoundedListField(serializers.ListField):
    """A list refused by its length before any item is looked at."""

    def to_internal_value(self, data):
        if isinstance(data, list) and self.max_length is not None and len(data) > self.max_length:
            self.fail("max_length", max_length=self.max_length)
        return super().to_internal_value(data)


class CodeField(serializers.CharField):
    """A reference code; the service checks that it exists."""

    def __init__(self, *, upper: bool = False, **kwargs):
        self.upper = upper
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        return value.upper() if self.upper else value


def codes(max_length: int = 40, *, upper: bool = False, help_text: str = "") -> BoundedListField:
    return BoundedListField(
        child=CodeField(max_length=max_length, upper=upper),
        max_length=MAX_CODES,
        required=False,
        help_text=help_text,
    )


def numbers(max_value: int = 32767, *, help_text: str = "") -> BoundedListField:
    return BoundedListField(
        child=serializers.IntegerField(min_value=1, max_value=max_value),
        max_length=MAX_CODES,
        required=False,
        help_text=help_text,
    )


def text(max_length: int = TEXT_MAX, **kwargs) -> serializers.CharField:
    return serializers.CharField(
        max_length=max_length, required=False, allow_blank=True, trim_whitespace=False, **kwargs
    )


def count() -> serializers.IntegerField:
    return serializers.IntegerField(min_value=0, max_value=INT_MAX, required=False, allow_null=True)


class ActivityWriteSerializer(StrictSerializer):
    """Fields of an activity a writer may set. Relations are codes (reference primary keys)."""

    identifier = text(200, help_text="Unique; generated when left empty.")
    title = serializers.CharField(max_length=500)
    summary = text(help_text="Public summary.")
    text_language = serializers.CharField(
        max_length=3, required=False, help_text="ISO 639-1 code of the title and summary, e.g. en."
    )
    translations = serializers.JSONField(
        required=False,
        help_text='Title and summary in other UN languages: {"fr": {"title": "...", '
        '"summary": "..."}} (keys ar, zh, en, fr, ru, es).',
    )
    description = text()
    objectives = text()
    outcomes = text()
    lessons = text()
    beneficiary_institutions = text()
    participants_total = count()
    participants_women = count()
    participants_men = count()
    cost = serializers.DecimalField(
        max_digits=16, decimal_places=2, required=False, allow_null=True, coerce_to_string=True
    )
    currency = CodeField(max_length=3, upper=True, required=False, help_text="ISO 4217, e.g. CHF.")
    category = CodeField(help_text="Activity category code, e.g. `capacity-building`.")
    delivery_mode = CodeField(help_text="Delivery mode code, e.g. `workshop`.")
    status = serializers.ChoiceField(choices=Status.choices, required=False)
    start_date = serializers.DateField()
    end_date = serializers.DateField(required=False, allow_null=True)
    scope = serializers.ChoiceField(choices=Scope.choices, required=False)
    countries = codes(2, upper=True, help_text='ISO 3166-1 alpha-2 codes, e.g. `["KE"]`.')
    regions = codes(3, help_text="UN M49 region codes.")
    ip_areas = codes(help_text="IP area codes.")
    da_recommendations = numbers(45, help_text="Development Agenda recommendation numbers.")
    sdgs = numbers(17, help_text="SDG numbers.")
    expected_results = codes(10, help_text="Expected result codes, e.g. `III.2`.")
    languages = codes(3, help_text="Language codes.")
    partners = numbers(INT_MAX, help_text="Organisation ids.")
    implementing_unit = CodeField(required=False, allow_null=True)
    funding_source = CodeField(required=False, allow_null=True)
    da_project = CodeField(
        required=False, allow_null=True, help_text="Development Agenda project code."
    )


class StatusChangeSerializer(StrictSerializer):
    status = serializers.ChoiceField(choices=Status.choices)
    reason = text(2000)


class DocumentUploadSerializer(StrictSerializer):
    file = serializers.FileField(allow_empty_file=True, max_length=200)
    title = text(300)
    kind = serializers.ChoiceField(
        choices=ActivityDocument.Kind.choices, default=ActivityDocument.Kind.OTHER
    )
    language = CodeField(max_length=3, required=False, allow_blank=True, allow_null=True)


class ConsentWriteSerializer(StrictSerializer):
    country = CodeField(max_length=2, upper=True, required=False, allow_null=True)
    activity = serializers.PrimaryKeyRelatedField(
        queryset=Activity.objects.all(),
        required=False,
        allow_null=True,
        help_text="Only for this activity; leave out for the country's default consent.",
    )
    groups = BoundedListField(
        child=serializers.CharField(max_length=40),
        max_length=20,
        help_text=f"Detail groups made public: {', '.join(DetailGroup.values)}. Empty: refusal.",
    )
    granted_by = serializers.CharField(max_length=300)
    granted_on = serializers.DateField(required=False, help_text="Default: today.")
    valid_until = serializers.DateField(required=False, allow_null=True)
    reference = text(200)


class ConsentRevokeSerializer(StrictSerializer):
    reason = text(2000)


# Output: activities (from the selectors' dataclasses)


class NamedSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class ActivitySummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    identifier = serializers.CharField()
    title = serializers.CharField()
    summary = serializers.CharField()
    text_language = serializers.CharField(help_text="The language the title and summary are in.")
    translations = serializers.DictField(
        child=serializers.DictField(child=serializers.CharField()),
        help_text="Title and summary per other language code.",
    )
    status = serializers.ChoiceField(choices=Status.choices)
    status_label = serializers.CharField()
    start_date = serializers.DateField()
    end_date = serializers.DateField(allow_null=True)
    scope = serializers.ChoiceField(choices=Scope.choices)
    category = NamedSerializer(allow_null=True)
    delivery_mode = NamedSerializer(allow_null=True)
    countries = NamedSerializer(many=True)
    regions = NamedSerializer(many=True)
    reporting_org = NamedSerializer()
    url = serializers.SerializerMethodField()

    def get_url(self, obj) -> str:
        path = reverse("api:activity-detail", args=[obj.id])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class DocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    kind = serializers.ChoiceField(choices=ActivityDocument.Kind.choices)
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    url = serializers.SerializerMethodField()

    def get_url(self, obj) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(obj.url) if request else obj.url


class ActivityDetailSerializer(ActivitySummarySerializer):
    """General information, plus the detail groups this viewer may see (the others are null)."""

    ip_areas = NamedSerializer(many=True)
    da_recommendations = NamedSerializer(many=True)
    sdgs = NamedSerializer(many=True)
    expected_results = NamedSerializer(many=True)
    languages = NamedSerializer(many=True)
    partners = NamedSerializer(many=True)
    implementing_unit = NamedSerializer(allow_null=True)
    funding_source = NamedSerializer(allow_null=True)
    da_project = NamedSerializer(allow_null=True)
    source = serializers.CharField()
    visible_detail_groups = serializers.SerializerMethodField()
    withheld_detail_groups = serializers.SerializerMethodField()
    description = serializers.CharField(allow_null=True)
    objectives = serializers.CharField(allow_null=True)
    outcomes = serializers.CharField(allow_null=True)
    lessons = serializers.CharField(allow_null=True)
    beneficiary_institutions = serializers.CharField(allow_null=True)
    participants_total = serializers.IntegerField(allow_null=True)
    participants_women = serializers.IntegerField(allow_null=True)
    participants_men = serializers.IntegerField(allow_null=True)
    cost = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    currency = serializers.CharField(allow_null=True)
    documents = DocumentSerializer(
        many=True, allow_null=True, help_text="Null when the documents are withheld."
    )

    def get_visible_detail_groups(self, obj) -> list[str]:
        return [g for g in DetailGroup.values if g in obj.visible_groups]

    def get_withheld_detail_groups(self, obj) -> list[str]:
        return list(obj.hidden_groups)

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not instance.shows(DetailGroup.DOCUMENTS):
            data["documents"] = None
        return data


class FacetOptionSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    selected = serializers.BooleanField()


class ActivityPageSerializer(serializers.Serializer):
    count = serializers.IntegerField(source="total")
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = ActivitySummarySerializer(many=True, source="items")
    facets = serializers.DictField(
        child=FacetOptionSerializer(many=True),
        help_text="Per facet, its values with the number of matching activities.",
    )


# Output: consent


class ConsentSerializer(serializers.ModelSerializer):
    # Null when the account that recorded or revoked it was deleted, or (revoked_by) in force.
    recorded_by = serializers.CharField(
        source="recorded_by.username", read_only=True, allow_null=True
    )
    revoked_by = serializers.CharField(
        source="revoked_by.username", read_only=True, allow_null=True
    )
    groups = serializers.ListField(child=serializers.ChoiceField(choices=DetailGroup.choices))
    in_force = serializers.SerializerMethodField()

    class Meta:
        model = Consent
        fields = [
            "id",
            "country",
            "activity",
            "groups",
            "granted_by",
            "granted_on",
            "valid_until",
            "reference",
            "in_force",
            "replaced_on",
            "recorded_by",
            "recorded_at",
            "revoked_at",
            "revoked_by",
            "revoke_reason",
        ]
        read_only_fields = fields

    def get_in_force(self, obj) -> bool:
        return obj.in_force(timezone.localdate())
