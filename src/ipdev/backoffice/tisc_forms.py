"""Forms of the TISC workspace pages. They only parse; the tisc services validate and write.

The report form's fields are named after the service's keys with "__" for "." (the error of
`events.training.men` lands on the field `events__training__men`)."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from ipdev.matchmaking.models import SupportType
from ipdev.reference import models as ref
from ipdev.tisc.models import Certification, NetworkActivity
from ipdev.tisc.services import CRITERIA
from ipdev.tisc.vocab import (
    COURSES,
    EVENTS,
    MEASURES,
    TOTALS,
    AgreementStatus,
    CentreStatus,
    HostType,
    Level,
    Service,
)

HEADINGS = {
    "inquiry_type": _("Inquiries by type"),
    "inquiry_user": _("Inquiries by user category"),
    "delivery": _("Searches and reports delivered"),
}
PARTS = {"events": _("Number of events"), "women": _("Women participants"),
         "men": _("Men participants")}  # fmt: skip
COUNT = {"min_value": 0, "max_value": 10_000_000, "required": False}


def _languages():
    return [("", "—"), *((lang.code, lang.localized_name) for lang in ref.Language.objects.all())]


@dataclass(frozen=True)
class FigureGroup:
    """A fieldset of the report form: its figures and the errors about them together."""

    key: str
    title: str
    fields: list
    errors: list[str]

    @property
    def first_id(self) -> str:
        return self.fields[0].id_for_label


class ReportForm(forms.Form):
    """Every figure of a report: counts, events, staff training rows and success stories."""

    centres_reporting = forms.IntegerField(label=_("Centres reporting"), **COUNT)
    partnerships = forms.IntegerField(label=_("Partnerships"), **COUNT)
    narrative = forms.CharField(
        label=_("Narrative"), required=False, max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )  # fmt: skip

    def __init__(self, *args, training_rows: int = 4, story_rows: int = 2, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = []
        # Errors about a whole group (e.g. two totals that differ), shown on its fieldset.
        self.group_errors: dict[str, list[str]] = {}
        for measure, codes in MEASURES.items():
            names = []
            for code, label in codes.items():
                name = f"counts__{measure}__{code}"
                self.fields[name] = forms.IntegerField(label=label, **COUNT)
                names.append(name)
            self.groups.append((f"counts__{measure}", HEADINGS[measure], names))
        for kind, label in EVENTS.items():
            names = []
            for part, part_label in PARTS.items():
                name = f"events__{kind}__{part}"
                self.fields[name] = forms.IntegerField(label=f"{label}: {part_label}", **COUNT)
                names.append(name)
            self.groups.append((f"events__{kind}", label, names))
        languages = _languages()
        self.training_rows = []
        for i in range(training_rows):
            row = []
            for part, field in (
                ("course", forms.ChoiceField(
                    choices=[("", "—"), *COURSES.items()], required=False, label=_("Course"))),
                ("language", forms.ChoiceField(choices=languages, required=False,
                                               label=_("Language"))),
                ("women", forms.IntegerField(label=_("Women"), **COUNT)),
                ("men", forms.IntegerField(label=_("Men"), **COUNT)),
            ):  # fmt: skip
                name = f"training__{i}__{part}"
                self.fields[name] = field
                row.append(name)
            self.training_rows.append(row)
        self.story_rows = []
        for i in range(story_rows):
            row = []
            for part, field in (
                ("title", forms.CharField(label=_("Title"), required=False, max_length=200)),
                ("text", forms.CharField(label=_("Story"), required=False, max_length=5000,
                                         widget=forms.Textarea(attrs={"rows": 3}))),
                ("public", forms.BooleanField(label=_("May be published"), required=False)),
            ):  # fmt: skip
                name = f"stories__{i}__{part}"
                self.fields[name] = field
                row.append(name)
            self.story_rows.append(row)

    def bound(self, names):
        return [self[name] for name in names]

    @property
    def count_groups(self) -> list[FigureGroup]:
        return [
            FigureGroup(key, title, self.bound(names), self.group_errors.get(key, []))
            for key, title, names in self.groups
        ]

    @property
    def refused_groups(self) -> list[FigureGroup]:
        return [g for g in self.count_groups if g.errors]

    @property
    def training(self):
        return [self.bound(row) for row in self.training_rows]

    @property
    def stories(self):
        return [self.bound(row) for row in self.story_rows]

    def data_for_service(self) -> dict:
        d = self.cleaned_data
        data = {
            "counts": {m: {c: d.get(f"counts__{m}__{c}") for c in codes}
                       for m, codes in MEASURES.items()},
            "events": {k: {p: d.get(f"events__{k}__{p}") for p in PARTS} for k in EVENTS},
            "training": [],
            "stories": [],
            "centres_reporting": d.get("centres_reporting"),
            "partnerships": d.get("partnerships"),
            "narrative": d.get("narrative", ""),
        }  # fmt: skip
        self.sent = {"training": [], "stories": []}  # the form row of each row sent
        for i in range(len(self.training_rows)):
            row = {p: d.get(f"training__{i}__{p}") for p in ("course", "language", "women", "men")}
            if row["course"] or row["language"] or row["women"] or row["men"]:
                data["training"].append(row)
                self.sent["training"].append(i)
        for i in range(len(self.story_rows)):
            row = {p: d.get(f"stories__{i}__{p}") for p in ("title", "text", "public")}
            if row["title"] or row["text"]:
                data["stories"].append(row)
                self.sent["stories"].append(i)
        return data

    @staticmethod
    def initial_from(data: dict) -> dict:
        initial = {}
        for m, codes in data["counts"].items():
            for c, v in codes.items():
                initial[f"counts__{m}__{c}"] = v
        for k, row in data["events"].items():
            for p, v in row.items():
                initial[f"events__{k}__{p}"] = v
        for i, row in enumerate(data["training"]):
            for p, v in row.items():
                initial[f"training__{i}__{p}"] = v
        for i, row in enumerate(data["stories"]):
            for p, v in row.items():
                initial[f"stories__{i}__{p}"] = v
        for name in ("centres_reporting", "partnerships", "narrative"):
            initial[name] = data[name]
        return initial


def report_errors(form: forms.Form, exc) -> None:
    """The service's errors on the report form's fields ("." -> "__"); the rest on the form.

    A row's error is keyed by its position among the rows sent (empty rows are skipped), so it
    is matched back through `rows`."""
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    sent = getattr(form, "sent", {})
    for key, messages in errors.items():
        parts = key.split(".")
        if len(parts) == 3 and parts[0] in sent and parts[1].isdigit():
            rows = sent[parts[0]]
            if int(parts[1]) < len(rows):
                parts[1] = str(rows[int(parts[1])])
        name = "__".join(parts)
        groups = {key for key, _title, _names in getattr(form, "groups", ())}
        if name in groups:
            # about a whole group, such as counts.inquiry_user: shown on its fieldset
            form.group_errors.setdefault(name, []).extend(messages)
            continue
        if name not in form.fields:
            name = next((f for f in form.fields if f.startswith(name + "__")), None)
        form.add_error(name, messages)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Filled-in template (XLSX)"))


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What needs revising"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class CentreForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=300)
    host_institution = forms.CharField(label=_("Host institution"), max_length=300)
    host_type = forms.ChoiceField(label=_("Host type"), choices=HostType.choices)
    city = forms.CharField(label=_("City"), max_length=120)
    latitude = forms.DecimalField(label=_("Latitude"), required=False, max_digits=8,
                                  decimal_places=5)  # fmt: skip
    longitude = forms.DecimalField(label=_("Longitude"), required=False, max_digits=8,
                                   decimal_places=5)  # fmt: skip
    services = forms.MultipleChoiceField(
        label=_("Services"), choices=Service.choices, widget=forms.CheckboxSelectMultiple,
        required=False,
    )  # fmt: skip
    languages = forms.MultipleChoiceField(
        label=_("Languages"), required=False, widget=forms.SelectMultiple(attrs={"size": 6})
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    public_email = forms.EmailField(label=_("Public e-mail"), required=False)
    public_phone = forms.CharField(label=_("Public telephone"), required=False, max_length=40)
    contact_name = forms.CharField(label=_("Contact person"), required=False, max_length=200)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    contact_phone = forms.CharField(label=_("Contact telephone"), required=False, max_length=40)
    status = forms.ChoiceField(label=_("Status"), choices=CentreStatus.choices)
    ror = forms.CharField(label=_("ROR identifier"), required=False, max_length=40)
    agreement_status = forms.ChoiceField(label=_("Host agreement"),
                                         choices=AgreementStatus.choices)  # fmt: skip
    agreement_signed_on = forms.DateField(
        label=_("Host agreement signed on"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].choices = _languages()[1:]

    def data_for_service(self) -> dict:
        d = dict(self.cleaned_data)
        for name in ("latitude", "longitude", "agreement_signed_on"):
            d[name] = str(d[name]) if d[name] is not None else None
        return d


class WorkPlanForm(forms.Form):
    objectives = forms.CharField(label=_("Objectives"), widget=forms.Textarea(attrs={"rows": 4}))
    planned_activities = forms.CharField(
        label=_("Planned activities"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in TOTALS.items():
            self.fields[f"targets__{code}"] = forms.IntegerField(
                label=_("Target: %(figure)s") % {"figure": label}, **COUNT
            )

    def data_for_service(self) -> dict:
        d = self.cleaned_data
        return {
            "objectives": d["objectives"],
            "planned_activities": d.get("planned_activities", ""),
            "targets": {c: d[f"targets__{c}"] for c in TOTALS
                        if d.get(f"targets__{c}") is not None},
        }  # fmt: skip


class LevelForm(forms.Form):
    level = forms.TypedChoiceField(label=_("Maturity level"), coerce=int,
                                   choices=Level.choices)  # fmt: skip
    decided_on = forms.DateField(label=_("Decided on"), required=False,
                                 widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in CRITERIA.items():
            self.fields[f"criteria__{code}"] = forms.CharField(
                label=_("Evidence: %(criterion)s") % {"criterion": label}, required=False,
                max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
            )  # fmt: skip

    def criteria(self) -> dict:
        return {c: self.cleaned_data[f"criteria__{c}"] for c in CRITERIA
                if self.cleaned_data.get(f"criteria__{c}")}  # fmt: skip


class TagForm(forms.Form):
    activity = forms.IntegerField(label=_("Activity number"), min_value=1)
    kind = forms.ChoiceField(label=_("Kind"), choices=NetworkActivity.Kind.choices)


class EnrolForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    sex = forms.ChoiceField(label=_("Sex"), choices=Certification.Sex.choices)
    email = forms.EmailField(label=_("E-mail"), required=False)
    language = forms.ChoiceField(label=_("Language"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = _languages()[1:]


class PhaseForm(forms.Form):
    participant = forms.IntegerField(label=_("Participant"), widget=forms.Select)
    phase = forms.ChoiceField(
        label=_("Phase"),
        choices=[("distance", _("Distance learning")), ("instructor", _("Instructor-led course")),
                 ("practice", _("On-the-job practice"))],
    )  # fmt: skip
    status = forms.ChoiceField(label=_("Status"), choices=Certification.Phase.choices)
    on = forms.DateField(label=_("Completed on"), required=False,
                         widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip

    def __init__(self, *args, participants=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].widget.choices = [(p.pk, p.name) for p in participants]


class SurveyForm(forms.Form):
    centre = forms.IntegerField(label=_("Centre"), widget=forms.Select)
    activity = forms.IntegerField(label=_("Activity number (tagged to the network)"),
                                  min_value=1)  # fmt: skip
    emails = forms.CharField(
        label=_("Users to invite (one e-mail address a line)"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip

    def __init__(self, *args, centres=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].widget.choices = [(c.pk, c.name) for c in centres]

    def people(self) -> list[tuple[str, str]]:
        lines = (self.cleaned_data.get("emails") or "").splitlines()
        return [(line.strip(), "") for line in lines if line.strip()][:500]


class NeedForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}))
    support_types = forms.MultipleChoiceField(
        label=_("Type of support"), choices=SupportType.choices,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip


class AgreementForm(forms.Form):
    sla_file = forms.FileField(
        label=_("Service-level agreement (PDF or DOCX)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx"}),
    )


class FeedForm(forms.Form):
    indicator = forms.IntegerField(label=_("Indicator"), widget=forms.Select)
    total = forms.ChoiceField(label=_("Fed with the year's total of"), choices=TOTALS.items())

    def __init__(self, *args, indicators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].widget.choices = [
            (i.pk, f"{i.name} (#{i.pk})") for i in indicators
        ]


class UnfeedForm(forms.Form):
    feed = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
