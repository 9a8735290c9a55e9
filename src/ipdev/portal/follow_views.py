"""Following a search without an account: its Atom feed (RFC 4287), newest activities first.

Entries carry general information only (title, summary, countries, dates), which is public for
every activity: a feed is the same for every reader, signed in or not."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ipdev.activities import filters, selectors

from .access import public
from .stats_views import filter_chips

FEED_SIZE = 50
ATOM_TYPE = "application/atom+xml; charset=utf-8"
# The search's own parameters, without paging (a feed is always the newest first page).
PAGING = ("page", "per_page", "sort")


def _title(parsed: filters.ParsedQuery, params) -> str:
    chips = filter_chips(parsed, params)
    if not chips:
        return _("Activities: the newest")
    described = "; ".join(f"{c.title}: {c.label}" for c in chips)
    return _("Activities: %(filters)s") % {"filters": described}


@public
@require_GET
def search_feed(request: HttpRequest) -> HttpResponse:
    params = (filters.canonical(request.GET) or request.GET).copy()
    for key in PAGING:
        params.pop(key, None)
    params["sort"] = "newest"
    params["per_page"] = str(FEED_SIZE)
    parsed = filters.parse(params, facets=False)
    if parsed.errors:
        lines = [f"{name}: {message}" for name, message in parsed.errors.items()]
        body = _("The feed was not made because of these filters:") + "\n" + "\n".join(lines)
        return HttpResponse(body + "\n", status=400, content_type="text/plain; charset=utf-8")
    page = selectors.activity_search(user=AnonymousUser(), parsed=parsed)
    for key in ("sort", "per_page"):
        params.pop(key, None)
    query = params.urlencode()
    search_url = request.build_absolute_uri(
        reverse("portal:search") + (f"?{query}" if query else "")
    )
    feed_url = request.build_absolute_uri()
    feed = Atom1Feed(
        title=_title(parsed, params)[:300],
        link=search_url,
        description="",
        language=get_language(),
        feed_url=feed_url,
        feed_guid=feed_url,
        author_name=_("Technical Assistance Database"),
        feed_copyright=_("General information on technical assistance activities"),
    )
    epoch = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    for item in page.items:
        added = item.created_at or epoch
        countries = ", ".join(c.name for c in item.countries) or ", ".join(
            r.name for r in item.regions
        )
        feed.add_item(
            title=item.shown_title.text,
            link=request.build_absolute_uri(reverse("portal:activity", args=[item.id])),
            description=item.shown_summary.text,
            unique_id=request.build_absolute_uri(reverse("portal:activity", args=[item.id])),
            pubdate=added,
            updateddate=added,
            categories=[c for c in (countries, item.status_label) if c],
        )
    response = HttpResponse(content_type=ATOM_TYPE)
    feed.write(response, "utf-8")
    patch_cache_control(response, public=True, max_age=900)
    return response
