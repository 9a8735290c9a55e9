"""The items of each role's start page, in the order shown (see `waiting` for the registry)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from ipdev.activities import consent_waiting as consent
from ipdev.core.language_urls import localized_path
from ipdev.directories import waiting as directories
from ipdev.evaluation import waiting as evaluation
from ipdev.iati import waiting as iati
from ipdev.matchmaking import waiting as matchmaking
from ipdev.planning.models import RequestStatus
from ipdev.planning.selectors import waiting as planning
from ipdev.roster import waiting as roster
from ipdev.tisc import waiting as tisc

from .waiting import (
    CONSULTANT,
    FOCAL_POINT,
    PROVIDER,
    SEEKER,
    STAFF,
    TISC_COORDINATOR,
    Entry,
    Waiting,
    register,
)


def _work(name: str, query: str = "") -> str:
    return reverse(f"backoffice-work:{name}") + query


def _own_request_stage(status: str):
    return lambda *, user: planning.own_requests(user=user, status=status)


def _listing_entries(*, user) -> list[Entry]:
    return [
        Entry(title, reverse("workspace:listing", args=[kind, pk]), state)
        for kind, pk, title, state in matchmaking.own_listings(user=user)
    ]


def _survey_entries(*, user) -> list[Entry]:
    return [
        Entry(title, localized_path(link)) for title, link in evaluation.to_answer_links(user=user)
    ]


def _renewal_entries(*, user) -> list[Entry]:
    day = roster.renewal_date(user=user)
    if day is None:
        return []
    note = _("Renew by %(date)s") % {"date": formats.date_format(day, "DATE_FORMAT")}
    return [Entry(str(_("Your profile on the roster")), reverse("workspace:profile"), note)]


# Staff.
register(
    Waiting(
        "requests_to_decide",
        _("Requests for assistance to review or decide"),
        {STAFF},
        rows=planning.requests_to_decide,
        link=lambda: _work("requests", "?mine=1"),
    )
)
register(
    Waiting(
        "actuals_submitted",
        _("Indicator results submitted for approval"),
        {STAFF},
        rows=planning.actuals_submitted,
        link=lambda: _work("results"),
    )
)
register(
    Waiting(
        "listings_to_assess",
        _("Needs and offers to assess"),
        {STAFF},
        rows=matchmaking.to_assess,
        link=lambda: reverse("workspace:home") + "#queue-heading",
    )
)
register(
    Waiting(
        "consultant_changes",
        _("Consultant profile changes to validate"),
        {STAFF},
        rows=roster.changes_to_validate,
        link=lambda: reverse("admin:roster_profilechange_changelist") + "?status__exact=pending",
    )
)
register(
    Waiting(
        "declarations_to_review",
        _("Conflict-of-interest declarations to review"),
        {STAFF},
        rows=roster.declarations_to_review,
        link=lambda: reverse("admin:roster_declaration_changelist") + "?review__exact=pending",
    )
)
register(
    Waiting(
        "imports_with_problems",
        _("IATI imports with problems (last 30 days)"),
        {STAFF},
        rows=iati.imports_with_problems,
        link=lambda: reverse("admin:iati_importrun_changelist"),
    )
)
register(
    Waiting(
        "surveys_few_answers",
        _("Open surveys with few answers"),
        {STAFF},
        rows=evaluation.few_answers,
        link=lambda: _work("surveys"),
        help=_("Invited over a week ago; fewer than three in ten have answered."),
    )
)

register(
    Waiting(
        "directory_suggestions",
        _("Suggestions for the knowledge directories to decide"),
        {STAFF},
        rows=directories.suggestions_to_decide,
        link=lambda: _work("directories"),
    )
)
register(
    Waiting(
        "directory_entries_to_verify",
        _("Directory entries not verified for two years"),
        {STAFF},
        rows=directories.entries_to_verify,
        link=lambda: _work("directories", "#due-heading"),
        help=_("Patent registers, database and landscape reports, institutions and IP policies."),
    )
)

register(
    Waiting(
        "details_requests",
        _("Requests for details not answered"),
        {STAFF, FOCAL_POINT},
        rows=consent.details_requests_open,
        link=lambda: _work("details-requests", "?status=open"),
        help=_("Visitors asking for withheld details; the country's focal points decide."),
    )
)
register(
    Waiting(
        "consents_expiring",
        _("Consents expiring in the next 60 days"),
        {STAFF, FOCAL_POINT},
        rows=consent.consents_expiring,
        link=lambda: _work("consent"),
    )
)

register(
    Waiting(
        "tisc_reports_to_review",
        _("TISC reports submitted for review"),
        {STAFF},
        rows=tisc.reports_to_review,
        link=lambda: reverse("workspace:tisc") + "#review-heading",
    )
)
register(
    Waiting(
        "tisc_changes_to_validate",
        _("TISC centre changes to validate"),
        {STAFF},
        rows=tisc.changes_to_validate,
        link=lambda: reverse("workspace:tisc") + "#changes-heading",
    )
)

# Focal points.
register(
    Waiting(
        "consent_decisions",
        _("Activities whose details wait for your consent decision"),
        {FOCAL_POINT},
        rows=consent.awaiting_decision,
        link=lambda: _work("consent"),
    )
)
for _status, _label in (
    (RequestStatus.SUBMITTED, _("Your requests waiting for review")),
    (RequestStatus.IN_REVIEW, _("Your requests in review")),
    (RequestStatus.DEFERRED, _("Your requests deferred")),
):
    register(
        Waiting(
            f"own_requests_{_status}",
            _label,
            {FOCAL_POINT},
            rows=_own_request_stage(_status),
            link=lambda status=_status: _work("requests", f"?status={status}"),
            counts=False,  # WIPO's move, not theirs: shown, not counted as waiting for them
        )
    )
register(
    Waiting(
        "plans_to_validate",
        _("Country plans to validate"),
        {FOCAL_POINT},
        rows=planning.plans_to_validate,
        link=lambda: _work("plans"),
    )
)
register(
    Waiting(
        "actuals_to_report",
        _("Indicator results to report or revise"),
        {FOCAL_POINT},
        rows=planning.actuals_to_report,
        link=lambda: _work("results"),
    )
)
register(
    Waiting(
        "surveys_to_answer",
        _("Surveys to answer"),
        {FOCAL_POINT, CONSULTANT, PROVIDER},
        rows=evaluation.to_answer,
        link=lambda: "#surveys_to_answer",
        entries=_survey_entries,
    )
)


# TISC coordinators.
def _tisc_due_entries(*, user, today) -> list[Entry]:
    return [
        Entry(
            f"{name} {year}" + (f" Q{quarter}" if quarter else ""),
            reverse("workspace:tisc_report_edit", args=[network, year, quarter]),
            _("Due on %(date)s") % {"date": formats.date_format(due, "DATE_FORMAT")},
        )
        for network, year, quarter, name, due in tisc.due_entries(user=user, today=today)
    ]


def _tisc_returned_entries(*, user) -> list[Entry]:
    return [
        Entry(f"{r.network.name} {r.period_label}", reverse("workspace:tisc_report", args=[r.pk]))
        for r in tisc.reports_returned(user=user).select_related("network")[:10]
    ]


register(
    Waiting(
        "tisc_reports_due",
        _("TISC reports due or overdue"),
        {TISC_COORDINATOR},
        rows=tisc.reports_due,
        link=lambda: reverse("workspace:tisc"),
        entries=_tisc_due_entries,
        help=_("From a week before the due date until the report is sent for review."),
    )
)
register(
    Waiting(
        "tisc_reports_returned",
        _("TISC reports returned to correct"),
        {TISC_COORDINATOR},
        rows=tisc.reports_returned,
        link=lambda: reverse("workspace:tisc"),
        entries=_tisc_returned_entries,
    )
)
register(
    Waiting(
        "tisc_changes_pending",
        _("Your TISC centre changes waiting for validation"),
        {TISC_COORDINATOR},
        rows=tisc.own_changes_pending,
        link=lambda: reverse("workspace:tisc"),
        counts=False,  # WIPO's move, not theirs
    )
)

# Consultants.
register(
    Waiting(
        "profile_renewal",
        _("Profile to renew (every four years)"),
        {CONSULTANT},
        rows=roster.renewal_due,
        link=lambda: reverse("workspace:profile"),
        entries=_renewal_entries,
        always_list=True,
    )
)
register(
    Waiting(
        "declarations_to_sign",
        _("Conflict-of-interest declarations to sign"),
        {CONSULTANT},
        rows=roster.declarations_to_sign,
        link=lambda: reverse("workspace:profile") + "#assignments-heading",
    )
)
register(
    Waiting(
        "assignments",
        _("Your current assignments"),
        {CONSULTANT},
        rows=roster.assignments,
        link=lambda: reverse("workspace:profile") + "#assignments-heading",
        counts=False,
    )
)

# Providers and seekers on WIPO Match.
register(
    Waiting(
        "own_listings",
        _("Your needs and offers"),
        {PROVIDER, SEEKER},
        rows=matchmaking.own_open,
        link=lambda: reverse("workspace:home"),
        entries=_listing_entries,
        counts=False,
    )
)
register(
    Waiting(
        "listings_returned",
        _("Needs and offers returned for revision"),
        {PROVIDER, SEEKER},
        rows=matchmaking.own_returned,
        link=lambda: reverse("workspace:home"),
    )
)
register(
    Waiting(
        "new_suggestions",
        _("New suggestions (last two weeks)"),
        {PROVIDER, SEEKER},
        rows=matchmaking.new_suggestions,
        link=lambda: reverse("workspace:home"),
        counts=False,
    )
)
register(
    Waiting(
        "matches_awaiting_move",
        _("Matches waiting for your move"),
        {PROVIDER, SEEKER},
        rows=matchmaking.matches_awaiting_move,
        link=lambda: reverse("workspace:home") + "#matches-heading",
    )
)
