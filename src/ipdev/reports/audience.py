"""Who a report was built for, as printed on its title page and in its file name."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ipdev.activities.visibility import Viewer


def describe(user) -> str:
    viewer = Viewer.of(user)
    if viewer.staff:
        return _("WIPO staff: every detail is included.")
    if viewer.countries:
        codes = ", ".join(sorted(viewer.countries))
        return (
            _(
                "Focal point (%s): every detail of these countries' activities; elsewhere, details "
                "only where the beneficiary countries consented."
            )
            % codes
        )
    return _(
        "Public: general information on every activity; details only where the beneficiary "
        "countries consented to publish them (Development Agenda recommendation 5)."
    )
