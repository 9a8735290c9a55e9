"""Back office for WIPO Match: staff see every need, offer and match with its history, and
assess submitted listings (publish here; returning needs a comment: the workspace page)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from ipdev.core.language_urls import localized_path
from ipdev.matchmaking import services
from ipdev.matchmaking.models import Match, Need, Offer, State

from .admin import AuditedHistory, StaffPermissions


class ListingAdmin(StaffPermissions, AuditedHistory, admin.ModelAdmin):
    """Read-only rows (the owners write them in the workspace); assessment by action."""

    list_display = ["title", "state", "organisation", "submitted_at", "published_at", "workspace"]
    list_filter = ["state"]
    search_fields = ["title", "description"]
    actions = ["publish", "close"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("Assess"))
    def workspace(self, obj):
        kind = "need" if isinstance(obj, Need) else "offer"
        return format_html(
            '<a href="{}">{}</a>',
            localized_path(f"/workspace/{kind}s/{obj.pk}/"),
            pgettext("link: open a record", "Open"),
        )

    def _each(self, request, queryset, call, label):
        done = 0
        for listing in queryset:
            try:
                call(listing)
                done += 1
            except (ValidationError, PermissionDenied) as exc:
                text = " ".join(getattr(exc, "messages", [str(exc)]))
                self.message_user(request, f"{listing}: {text}", messages.ERROR)
        self.message_user(request, label % done)

    @admin.action(description=_("Publish the selected submitted listings"))
    def publish(self, request, queryset):
        self._each(
            request,
            queryset.filter(state=State.SUBMITTED),
            lambda x: services.listing_assess(user=request.user, listing=x, publish=True),
            _("%d published."),
        )

    @admin.action(description=_("Close the selected listings"))
    def close(self, request, queryset):
        self._each(
            request,
            queryset.exclude(state=State.CLOSED),
            lambda x: services.listing_close(
                user=request.user, listing=x, reason="Closed in the back office."
            ),
            _("%d closed."),
        )


@admin.register(Need)
class NeedAdmin(ListingAdmin):
    list_display = ["title", "country", "state", "submitted_at", "published_at", "workspace"]
    list_filter = ["state", "country__bureau"]


@admin.register(Offer)
class OfferAdmin(ListingAdmin):
    pass


@admin.register(Match)
class MatchAdmin(StaffPermissions, AuditedHistory, admin.ModelAdmin):
    list_display = ["__str__", "state", "match_type", "score", "updated_at"]
    list_filter = ["state", "match_type"]
    search_fields = ["need__title", "offer__title"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False
