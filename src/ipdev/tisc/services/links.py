"""The network's ties to the other domains, each made through that domain's own services:
TAD activities tagged to it, indicators its reports feed, surveys of a centre's users
(evaluation), WIPO Match needs filed for it (matchmaking)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ipdev.activities.models import Activity
from ipdev.core.audit import audit_log
from ipdev.evaluation import services as evaluation_services
from ipdev.matchmaking import services as match_services
from ipdev.planning.models import Indicator

from ..models import Centre, CentreSurvey, IndicatorFeed, Network, NetworkActivity, NetworkNeed
from ..permissions import require_manager, require_staff
from ..vocab import TOTALS

# The questions every survey of a centre's users asks (the same, so centres compare).
USER_SURVEY_QUESTIONS = (
    (gettext_lazy("How satisfied are you with the centre's service?"), "rating"),
    (gettext_lazy("Did you find the technology information you needed?"), "yes_no"),
    (gettext_lazy("Would you recommend the centre to a colleague?"), "yes_no"),
    (gettext_lazy("How many times did you use the centre this year?"), "number"),
    (gettext_lazy("What should the centre do better?"), "text"),
)


def _activity(value) -> Activity:
    if isinstance(value, Activity):
        return value
    try:
        return Activity.objects.get(pk=value)
    except (Activity.DoesNotExist, ValueError, TypeError):
        raise ValidationError(
            {"activity": _("Unknown activity '%(value)s'.") % {"value": value}}
        ) from None


@transaction.atomic
def activity_tag(*, user, network: Network, activity: Any, kind: str) -> NetworkActivity:
    """Staff tag a TAD activity (a workshop, a regional meeting...) to the network."""
    require_staff(user)
    activity = _activity(activity)
    if kind not in NetworkActivity.Kind.values:
        raise ValidationError(
            {
                "kind": _("Choose one of: %(values)s.")
                % {"values": ", ".join(NetworkActivity.Kind.values)}
            }
        )
    tag, _created = NetworkActivity.objects.update_or_create(
        network=network, activity=activity, defaults={"kind": kind}
    )
    audit_log(
        actor=user,
        action="tisc.activity_tagged",
        obj=network,
        changes={"activities": [None, f"{activity.pk}:{kind}"]},
    )
    return tag


@transaction.atomic
def activity_untag(*, user, tag: NetworkActivity) -> None:
    require_staff(user)
    network, activity_id = tag.network, tag.activity_id
    tag.delete()
    audit_log(
        actor=user,
        action="tisc.activity_untagged",
        obj=network,
        changes={"activities": [str(activity_id), None]},
    )


@transaction.atomic
def indicator_feed_set(*, user, network: Network, indicator: Any, total: str) -> IndicatorFeed:
    """Staff say which indicator a year's total of the network's approved reports feeds."""
    require_staff(user)
    if total not in TOTALS:
        raise ValidationError(
            {"total": _("Choose one of: %(values)s.") % {"values": ", ".join(TOTALS)}}
        )
    try:
        indicator = (
            indicator if isinstance(indicator, Indicator) else Indicator.objects.get(pk=indicator)
        )
    except (Indicator.DoesNotExist, ValueError, TypeError):
        raise ValidationError(
            {"indicator": _("Unknown indicator '%(value)s'.") % {"value": indicator}}
        ) from None
    if not indicator.quantitative:
        raise ValidationError({"indicator": _("Only a quantitative indicator takes a result.")})
    feed, _created = IndicatorFeed.objects.update_or_create(
        network=network, indicator=indicator, defaults={"total": total}
    )
    audit_log(
        actor=user,
        action="tisc.indicator_fed",
        obj=network,
        changes={"feeds": [None, f"{indicator.pk}:{total}"]},
    )
    return feed


@transaction.atomic
def indicator_feed_remove(*, user, feed: IndicatorFeed) -> None:
    """Staff stop feeding an indicator (actuals already recorded stay with the indicator)."""
    require_staff(user)
    network, indicator_id, total = feed.network, feed.indicator_id, feed.total
    feed.delete()
    audit_log(
        actor=user,
        action="tisc.indicator_unfed",
        obj=network,
        changes={"feeds": [f"{indicator_id}:{total}", None]},
    )


@transaction.atomic
def centre_survey_create(
    *,
    user,
    centre: Centre,
    activity: Any,
    people: Iterable[tuple[str, str]],
    closes_on: dt.date | None = None,
) -> CentreSurvey:
    """Staff survey a centre's users, through the evaluation app: a follow-up survey of an
    activity tagged to the centre's network, the standard questions, personal invitations."""
    require_staff(user)
    activity = _activity(activity)
    if not NetworkActivity.objects.filter(network_id=centre.network_id, activity=activity).exists():
        raise ValidationError({"activity": _("Choose an activity tagged to the centre's network.")})
    survey = evaluation_services.survey_create(
        user=user,
        activity=activity,
        kind="follow_up",
        months_after=1,
        title=_("Users of %(centre)s") % {"centre": centre.name},
        audience=_("users of the centre"),
        closes_on=closes_on,
    )
    for text, kind in USER_SURVEY_QUESTIONS:
        evaluation_services.question_add(
            user=user, survey=survey, text=str(text), kind=kind, required=kind != "text"
        )
    link = CentreSurvey.objects.create(centre=centre, survey=survey)
    people = list(people)
    if people:
        evaluation_services.survey_invite(user=user, survey=survey, people=people)
    audit_log(
        actor=user,
        action="tisc.centre_surveyed",
        obj=centre,
        changes={"surveys": [None, survey.pk]},
        message=f"{len(people)} invited",
    )
    return link


@transaction.atomic
def network_need_file(*, user, network: Network, data: Mapping[str, Any]) -> NetworkNeed:
    """A coordinator (or staff) files a WIPO Match need for the network, as a draft need of
    the network's country (matchmaking then assesses it as any other)."""
    require_manager(user, network.pk)
    if network.country_id is None:
        raise ValidationError({"country": _("A regional network files needs per country.")})
    need = match_services.need_create(user=user, data={**data, "country": network.country_id})
    link = NetworkNeed.objects.create(network=network, need=need)
    audit_log(actor=user, action="tisc.need_filed", obj=network, changes={"needs": [None, need.pk]})
    return link
