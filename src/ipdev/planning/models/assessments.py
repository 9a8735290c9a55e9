"""Needs assessments of a country (CDIP/9/16, recommendations 6-8), kept as dated versions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ipdev.core.bounds import date_in_range


class NeedsAssessment(models.Model):
    """One version of a country's needs assessment; a later version supersedes the earlier."""

    country = models.ForeignKey(
        "reference.Country", on_delete=models.PROTECT, related_name="needs_assessments"
    )
    version = models.PositiveSmallIntegerField(editable=False)
    assessed_on = models.DateField(_("date of the assessment"), validators=[date_in_range])
    title = models.CharField(_("title"), max_length=300)
    findings = models.TextField(_("findings"))
    priorities = models.TextField(_("priorities"))
    risks = models.TextField(_("risks"))
    preparedness = models.TextField(_("preparedness of the country"))
    national_committee = models.TextField(
        _("national committee (members and institutions)"),
        help_text=_("The national committee that took part in the assessment."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["country__name", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "version"], name="needs_assessment_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.country_id} v{self.version} ({self.assessed_on})"
