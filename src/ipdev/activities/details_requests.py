"""Details "on request" (DA recommendation 5), part of the activities' write path.

A visitor asks for the withheld details of an activity; the focal points of its countries are
e-mailed; one of them (or staff, on the member state's behalf) grants the request, which records
a consent for that activity and those groups, or declines it with a reason; the requester is
e-mailed either way. Re-exported by ``activities.services``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from ipdev.core import jobs
from ipdev.core.audit import audit_log
from ipdev.core.language_urls import site_link

from .models import Activity, DetailGroup, DetailsRequest
from .permissions import can_manage_consent
from .visibility import ConsentIndex

# Guards of the public form: per sender (a keyed hash of their address) and per e-mail address.
PER_SENDER_PER_HOUR = 5
PER_EMAIL_PER_DAY = 10
MAX_REASON = 4000


def client_key(address: str) -> str:
    """A keyed hash of the sender's network address (never stored in the clear)."""
    return salted_hmac("ipdev.details-request", address or "-").hexdigest()


def _clean(groups: Iterable[str], email: str, reason: str, name: str) -> dict:
    errors: dict[str, str] = {}
    chosen = [g for g in dict.fromkeys(groups or []) if g in DetailGroup.values]
    if not chosen or len(chosen) != len(list(dict.fromkeys(groups or []))):
        errors["groups"] = _("Choose the details you ask for.")
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = _("Enter a valid e-mail address: the answer is sent there.")
    reason = (reason or "").strip()
    if len(reason) < 10:
        errors["reason"] = _("Say in a sentence why you need these details.")
    elif len(reason) > MAX_REASON:
        errors["reason"] = _("At most %(n)d characters.") % {"n": MAX_REASON}
    if len(name or "") > 200:
        errors["name"] = _("At most %(n)d characters.") % {"n": 200}
    if errors:
        raise ValidationError(errors)
    return {"groups": chosen, "email": email, "reason": reason, "name": (name or "").strip()}


def _site(path: str) -> str:
    """An absolute link in the language the e-mail is composed in."""
    return site_link(path)


def _mail(subject: str, body: str, to: list[str]) -> None:
    """Queued as a background job in this transaction: sent (and retried) only if it commits."""
    if to:
        jobs.enqueue("activities.details_request_mail", subject=str(subject), body=body, to=to)


def focal_points_of(activity: Activity):
    """The active focal points of the activity's countries who have an e-mail address."""
    codes = list(activity.countries.values_list("pk", flat=True))
    return (
        get_user_model()
        .objects.filter(role="focal_point", is_active=True, countries__in=codes)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


@transaction.atomic
def details_request_file(
    *,
    activity: Activity,
    groups: Iterable[str],
    email: str,
    reason: str,
    name: str = "",
    sender: str = "",
    language: str = "en",
    now: dt.datetime | None = None,
) -> DetailsRequest:
    """File a visitor's request for withheld details and e-mail the countries' focal points."""
    now = now or timezone.now()
    data = _clean(groups, email, reason, name)
    withheld = set(DetailGroup.values) - _public_groups(activity)
    if not withheld:
        raise ValidationError({"groups": _("Every detail of this activity is already public.")})
    asked = [g for g in data["groups"] if g in withheld]
    if not asked:
        raise ValidationError({"groups": _("These details are already public.")})
    key = client_key(sender)
    recent = DetailsRequest.objects.filter(created_at__gte=now - dt.timedelta(hours=1))
    if recent.filter(client_key=key).count() >= PER_SENDER_PER_HOUR:
        raise ValidationError(
            {"__all__": _("Too many requests from your address in the last hour; try later.")}
        )
    day = DetailsRequest.objects.filter(created_at__gte=now - dt.timedelta(days=1))
    if day.filter(email__iexact=data["email"]).count() >= PER_EMAIL_PER_DAY:
        raise ValidationError({"email": _("Too many requests from this address today.")})
    if DetailsRequest.objects.filter(
        activity=activity, email__iexact=data["email"], status=DetailsRequest.Status.OPEN
    ).exists():
        raise ValidationError(
            {"email": _("You already asked for the details of this activity; wait for the answer.")}
        )
    filed = DetailsRequest.objects.create(
        activity=activity,
        groups=asked,
        name=data["name"],
        email=data["email"],
        reason=data["reason"],
        language=language[:10],
        client_key=key,
    )
    audit_log(
        actor=None,
        action="consent.details_requested",
        obj=activity,
        changes={"details_request": [None, {"id": filed.pk, "groups": asked}]},
    )
    labels = dict(DetailGroup.choices)
    for user in focal_points_of(activity):
        with translation.override(user.email_language()):
            _mail(
                _("Request for the details of %(identifier)s")
                % {"identifier": activity.identifier},
                _(
                    "A visitor asks for details of an activity of your country that are not "
                    "published.\n\nActivity: %(title)s\nDetails: %(groups)s\n"
                    "Reason: %(reason)s\n\nGrant or decline the request here: %(link)s\n"
                )
                % {
                    "title": activity.title,
                    "groups": "; ".join(str(labels[g]) for g in asked),
                    "reason": filed.reason,
                    "link": _site(reverse("backoffice-work:details-request", args=[filed.pk])),
                },
                [user.email],
            )
    return filed


def _public_groups(activity: Activity) -> set[str]:
    codes = list(activity.countries.values_list("pk", flat=True))
    index = ConsentIndex.load([activity.pk])
    return set(index.public_groups(activity.pk, codes, activity.source))


def _open(request: DetailsRequest, user) -> tuple[DetailsRequest, list[str]]:
    """Lock an open request and name the countries this user decides for."""
    locked = DetailsRequest.objects.select_for_update().select_related("activity")
    request = locked.get(pk=request.pk)
    codes = sorted(request.activity.countries.values_list("pk", flat=True))
    mine = [c for c in codes if can_manage_consent(user, c)]
    if not mine:
        raise PermissionDenied(_("You may not decide on requests for this activity."))
    if request.status != DetailsRequest.Status.OPEN:
        raise ValidationError({"__all__": _("This request was already answered.")})
    return request, mine


def _tell_requester(request: DetailsRequest, subject: str, body: str) -> None:
    with translation.override(request.language):
        link = _site(reverse("portal:activity", args=[request.activity_id]))
        _mail(
            str(subject),
            str(body) % {"link": link, "reason": request.decision_reason},
            [request.email],
        )


@transaction.atomic
def details_request_grant(
    *,
    user,
    request: DetailsRequest,
    granted_by: str,
    valid_until: dt.date | None = None,
    reference: str = "",
) -> DetailsRequest:
    """Grant a request: for each of the activity's countries this user speaks for, a consent
    for this activity adding the groups asked for to those already public for it."""
    from .services import consent_grant

    request, mine = _open(request, user)
    activity = request.activity
    index = ConsentIndex.load([activity.pk])
    made = []
    for code in mine:
        groups = sorted(set(index.granted(activity.pk, code)) | set(request.groups))
        made.append(
            consent_grant(
                user=user,
                country=code,
                activity=activity,
                groups=groups,
                granted_by=granted_by,
                valid_until=valid_until,
                reference=reference or f"Request for details {request.pk}",
            )
        )
    request.status = DetailsRequest.Status.GRANTED
    request.decided_at, request.decided_by = timezone.now(), user
    request.save(update_fields=["status", "decided_at", "decided_by"])
    request.consents.set(made)
    audit_log(
        actor=user,
        action="consent.details_request_granted",
        obj=activity,
        changes={"details_request": [request.pk, {"countries": mine, "groups": request.groups}]},
    )
    public = _public_groups(activity)
    with translation.override(request.language):
        if set(request.groups) <= public:
            body = _(
                "The member state consented to publishing the details you asked for. "
                "They are on the activity's page: %(link)s\n"
            )
        else:
            body = _(
                "One of the activity's beneficiary countries consented to publishing the "
                "details you asked for; they will be on the activity's page once every "
                "beneficiary country has consented: %(link)s\n"
            )
        _tell_requester(request, _("Your request for details was granted"), body)
    return request


@transaction.atomic
def details_request_decline(*, user, request: DetailsRequest, reason: str) -> DetailsRequest:
    """Decline a request, saying why; the requester is told."""
    request, mine = _open(request, user)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the request is declined.")})
    request.status = DetailsRequest.Status.DECLINED
    request.decided_at, request.decided_by = timezone.now(), user
    request.decision_reason = reason
    request.save(update_fields=["status", "decided_at", "decided_by", "decision_reason"])
    audit_log(
        actor=user,
        action="consent.details_request_declined",
        obj=request.activity,
        changes={"details_request": [request.pk, {"countries": mine}]},
        message=reason,
    )
    with translation.override(request.language):
        _tell_requester(
            request,
            _("Your request for details was declined"),
            _(
                "The member state did not consent to publishing the details you asked for.\n\n"
                "Reason: %(reason)s\n\nThe activity: %(link)s\n"
            ),
        )
    return request
