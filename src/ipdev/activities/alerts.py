"""Saved searches and their alerts: a signed-in user names a search (its query string) and is
told by e-mail of activities added since that match it, at the rhythm of their digests (daily,
or weekly; "an e-mail for each event" gets a daily alert, "no e-mails" none) and in their
language. An alert shows general information only, which is public: no detail, whoever reads it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ipdev.accounts import services as account_services
from ipdev.accounts.models import Notify
from ipdev.core.audit import audit_log
from ipdev.core.language_urls import site_link

from . import filters, selectors
from .models import Activity, SavedSearch

MAX_PER_USER = 50
LISTED = 20  # activities listed per search in one e-mail; the link shows them all
# The parameters a saved search keeps: the query and its filters, not the page or its size.
DROPPED = ("page", "per_page", "csrfmiddlewaretoken", "name")


def normalised_query(query: str) -> str:
    """The query string without paging, its parameters in a stable order."""
    params = QueryDict(query)
    params = filters.canonical(params) or params
    pairs = [(k, v) for k in sorted(params) if k not in DROPPED for v in params.getlist(k) if v]
    return urlencode(pairs)


def saved_searches_of(*, user) -> list[SavedSearch]:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(SavedSearch.objects.filter(user=user))


@transaction.atomic
def saved_search_create(*, user, name: str, query: str) -> SavedSearch:
    """Save a search under a name (unique for the user); alerts start from now."""
    name = (name or "").strip()
    query = normalised_query(query or "")
    errors = {}
    if not name:
        errors["name"] = _("Give the search a name.")
    elif "\x00" in name:
        errors["name"] = _("The name contains a null character.")
    elif len(name) > 120:
        errors["name"] = _("The name is longer than 120 characters.")
    elif SavedSearch.objects.filter(user=user, name=name).exists():
        errors["name"] = _("You already have a saved search with this name.")
    if len(query) > 2000:
        errors["query"] = _("The search is too long to save (over 2,000 characters).")
    elif filters.parse(QueryDict(query), facets=False).errors:
        errors["query"] = _("The search has filters that are not valid; correct them first.")
    if SavedSearch.objects.filter(user=user).count() >= MAX_PER_USER:
        errors["name"] = _("You have %(max)s saved searches already; delete one first.") % {
            "max": MAX_PER_USER
        }
    if errors:
        raise ValidationError(errors)
    search = SavedSearch.objects.create(
        user=user, name=name, query=query, checked_at=timezone.now()
    )
    audit_log(
        actor=user,
        action="saved_search.created",
        obj=search,
        changes={"name": [None, name], "query": [None, query]},
    )
    return search


@transaction.atomic
def saved_search_delete(*, user, pk: int) -> None:
    """Delete one of the user's own saved searches (another's is not found)."""
    search = SavedSearch.objects.filter(user=user, pk=pk).first()
    if search is None:
        raise SavedSearch.DoesNotExist
    audit_log(
        actor=user,
        action="saved_search.deleted",
        obj=search,
        changes={"name": [search.name, None], "query": [search.query, None]},
    )
    search.delete()


def alert_period(user) -> dt.timedelta | None:
    """A day or a week, from the user's digest rhythm; instant e-mails mean a daily alert."""
    if user.notifications == Notify.OFF:
        return None
    return account_services.digest_period(user) or dt.timedelta(days=1)


def new_matches(search: SavedSearch, *, since: dt.datetime, until: dt.datetime) -> list[int]:
    """The activities added in (since, until] that match the search, in its order."""
    added = set(
        Activity.objects.filter(created_at__gt=since, created_at__lte=until).values_list(
            "pk", flat=True
        )
    )
    if not added:
        return []
    parsed = filters.parse(QueryDict(search.query), facets=False)
    found = []
    for pk in selectors.matching_activity_ids(parsed.query):
        if pk in added:
            found.append(pk)
            if len(found) == len(added):
                break
    return found


def link(path: str) -> str:
    """An absolute link in the language the alert is composed in (the recipient's)."""
    return site_link(path)


def _section(search: SavedSearch, ids: list[int]) -> str:
    lines = [
        ngettext(
            "%(name)s: %(count)d new activity",
            "%(name)s: %(count)d new activities",
            len(ids),
        )
        % {"name": search.name, "count": len(ids)}
    ]
    for item in selectors.summaries(ids[:LISTED]):
        where = ", ".join(c.name for c in item.countries) or ", ".join(r.name for r in item.regions)
        when = date_format(item.start_date, "DATE_FORMAT")
        lines.append(f"- {item.shown_title.text} ({where}; {when})")
        lines.append(f"  {link(f'/activities/{item.id}/')}")
    if len(ids) > LISTED:
        lines.append(_("All of them: %(link)s") % {"link": link(f"/activities/?{search.query}")})
    return "\n".join(lines)


def compose(user, found: list[tuple[SavedSearch, list[int]]]) -> tuple[str, str]:
    """The subject and body of one user's alert, in their language."""
    with translation.override(user.email_language()):
        total = sum(len(ids) for _search, ids in found)
        subject = ngettext(
            "%(count)d new activity matches your saved searches",
            "%(count)d new activities match your saved searches",
            total,
        ) % {"count": total}
        sections = "\n\n".join(_section(search, ids) for search, ids in found)
        footer = _("Your saved searches, and how often you hear from us: %(link)s") % {
            "link": link("/workspace/settings/")
        }
    return subject, f"{sections}\n\n--\n{footer}\n"


def send_alerts(*, now: dt.datetime | None = None) -> int:
    """For each saved search whose alert is due, the activities added since the last look;
    one e-mail per user with those of all their searches. Returns the e-mails sent."""
    now = now or timezone.now()
    by_user = defaultdict(list)
    rows = SavedSearch.objects.select_related("user").filter(user__is_active=True)
    for search in rows.order_by("user_id", "name", "id"):
        by_user[search.user].append(search)
    sent = 0
    for user, searches in by_user.items():
        period = alert_period(user)
        if period is None or not user.email:
            continue
        due = [s for s in searches if now - s.checked_at >= period - account_services.DIGEST_SLACK]
        found = [(s, new_matches(s, since=s.checked_at, until=now)) for s in due]
        found = [(s, ids) for s, ids in found if ids]
        if found:
            subject, body = compose(user, found)
            send_mail(subject[:200], body, settings.DEFAULT_FROM_EMAIL, [user.email])
            sent += 1
        SavedSearch.objects.filter(pk__in=[s.pk for s in due]).update(checked_at=now)
    return sent
