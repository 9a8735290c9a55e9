"""The visibility rule (Development Agenda recommendation 5), written once.

General information on every activity is public. A group of details is public only when every
beneficiary country has consent in force for that group (the activity-level consent where one is
in force, otherwise the country's default). Activities imported from other IATI publishers
(``Source.IATI``) were already published in full by their publisher; those of this instance's
own organisation follow the rule however they arrive (entered, or imported: ``Source.IATI_OWN``,
see ``rules.import_source``). Staff see everything; a country's focal points see
everything about the activities of their countries.

Every interface (portal, API, CSV/XLSX/IATI downloads, reports, back-office public previews)
reaches details only through `ConsentIndex.visible_groups`, via the selectors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from ipdev.core.lookups import ids_in

from .models import Consent, DetailGroup, Source

ALL_GROUPS: frozenset[str] = frozenset(DetailGroup.values)


@dataclass(frozen=True)
class Viewer:
    """Who is looking: enough to apply the rule without touching the user again."""

    staff: bool = False
    countries: frozenset[str] = frozenset()

    @classmethod
    def of(cls, user) -> Viewer:
        if user is None or not getattr(user, "is_authenticated", False):
            return PUBLIC
        return cls(staff=user.is_wipo_staff, countries=user.focal_country_codes())

    def sees_everything_of(self, country_codes: Iterable[str]) -> bool:
        return self.staff or bool(self.countries.intersection(country_codes))


PUBLIC = Viewer()


class ConsentIndex:
    """Consents in force on one day: the country defaults and the activity-level consents."""

    def __init__(self, consents: Iterable[Consent], on: dt.date):
        self.on = on
        self.defaults: dict[str, frozenset[str]] = {}
        self.specific: dict[tuple[int, str | None], frozenset[str]] = {}
        for consent in consents:
            if not consent.in_force(on):
                continue
            groups = frozenset(consent.groups) & ALL_GROUPS
            if consent.activity_id is None:
                self.defaults[consent.country_id] = groups
            else:
                self.specific[(consent.activity_id, consent.country_id)] = groups

    @classmethod
    def load(
        cls, activity_ids: Iterable[int] | None = None, on: dt.date | None = None
    ) -> ConsentIndex:
        """Country defaults, plus the activity-level consents of the given activities (or all)."""
        on = on or timezone.localdate()
        live = (
            Consent.objects.filter(revoked_at__isnull=True, granted_on__lte=on)
            .filter(Q(replaced_on__isnull=True) | Q(replaced_on__gt=on))
            .only(
                "country_id",
                "activity_id",
                "groups",
                "granted_on",
                "valid_until",
                "revoked_at",
                "replaced_on",
            )
        )
        rows = list(live.filter(activity__isnull=True))
        if activity_ids is None:
            rows += list(live.filter(activity__isnull=False))
        else:
            ids = list(activity_ids)
            for start in range(0, len(ids), 500):
                rows += list(live.filter(**ids_in("activity_id", ids[start : start + 500])))
        return cls(rows, on)

    def public_groups(
        self, activity_id: int, country_codes: Iterable[str], source: str
    ) -> frozenset[str]:
        """The detail groups anyone may see (all of another publisher's activity)."""
        if source == Source.IATI:
            return ALL_GROUPS
        codes = list(country_codes)
        if not codes:
            return self.specific.get((activity_id, None), frozenset())
        groups = ALL_GROUPS
        for code in codes:
            granted = self.specific.get((activity_id, code))
            if granted is None:
                granted = self.defaults.get(code, frozenset())
            groups = groups & granted
            if not groups:
                break
        return groups

    def visible_groups(
        self, viewer: Viewer, activity_id: int, country_codes: Iterable[str], source: str
    ) -> frozenset[str]:
        """The detail groups this viewer may see of this activity."""
        codes = list(country_codes)
        if viewer.sees_everything_of(codes):
            return ALL_GROUPS
        return self.public_groups(activity_id, codes, source)

    def with_consent(self, consent: Consent) -> ConsentIndex:
        """This index as it would be with one more consent recorded (previews before confirming):
        the new consent takes its target's place on this index's day if it is in force then."""
        other = ConsentIndex([], self.on)
        other.defaults, other.specific = dict(self.defaults), dict(self.specific)
        if consent.in_force(self.on):
            groups = frozenset(consent.groups) & ALL_GROUPS
            if consent.activity_id is None:
                other.defaults[consent.country_id] = groups
            else:
                other.specific[(consent.activity_id, consent.country_id)] = groups
        return other

    def granted(self, activity_id: int, country_code: str | None) -> frozenset[str]:
        """The groups one country consents to for one activity (its own consent or default)."""
        found = self.specific.get((activity_id, country_code))
        if found is None:
            found = self.defaults.get(country_code, frozenset()) if country_code else frozenset()
        return found
