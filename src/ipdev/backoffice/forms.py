"""Forms of the workspace pages. They parse input; the services validate and write."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ipdev.accounts.models import LANGUAGES, Notify
from ipdev.core.translations import LANGUAGE_CHOICES
from ipdev.matchmaking import services as match_services
from ipdev.matchmaking.models import TRANSLATABLE, Need, Offer, SupportType
from ipdev.reference import models as ref
from ipdev.roster.models import Availability, Level

from .stale import VERSION_FIELDS, VersionedForm
from .uploads import accepted_types


class DateInput(forms.DateInput):
    input_type = "date"


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's field errors on the form (unknown fields on the form as a whole)."""
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    for name, messages in errors.items():
        form.add_error(name if name in form.fields else None, messages)


class ListingForm(VersionedForm):
    """A need or an offer. Edited, it carries the version it was opened at: a save based on
    an older version is refused and says what the other person changed."""

    versioned_model = None  # Need or Offer: names and labels of the changes shown

    title = forms.CharField(max_length=300, label=_("Title"))
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), label=_("Description"))
    text_language = forms.ChoiceField(
        choices=LANGUAGE_CHOICES,
        initial="en",
        required=False,
        label=_("Language of the title and description"),
        help_text=_("Suggestions compare texts language by language: add translations below."),
    )
    support_types = forms.MultipleChoiceField(
        choices=SupportType.choices, widget=forms.CheckboxSelectMultiple, label=_("Type of support")
    )
    ip_areas = forms.ModelMultipleChoiceField(
        queryset=ref.IPArea.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("IP areas"),
    )
    languages = forms.ModelMultipleChoiceField(
        queryset=ref.Language.objects.filter(code__in=["ar", "zh", "en", "fr", "ru", "es", "pt"]),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Languages"),
    )
    currency = forms.ModelChoiceField(
        queryset=ref.Currency.objects.all(), initial="CHF", label=_("Currency")
    )
    period_start = forms.DateField(required=False, widget=DateInput, label=_("From"))
    period_end = forms.DateField(required=False, widget=DateInput, label=_("Until"))
    contact_name = forms.CharField(
        max_length=200, required=False, label=_("Contact name (private)")
    )
    contact_email = forms.EmailField(required=False, label=_("Contact email (private)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        given = (self.initial or {}).get("translations") or {}
        for code, language in LANGUAGE_CHOICES:
            self.fields[f"title_{code}"] = forms.CharField(
                max_length=300,
                required=False,
                label=_("Title in %(language)s") % {"language": language},
            )
            self.fields[f"description_{code}"] = forms.CharField(
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                label=_("Description in %(language)s") % {"language": language},
            )
            for name in TRANSLATABLE:
                self.initial.setdefault(f"{name}_{code}", given.get(code, {}).get(name, ""))

    def clean_text_language(self) -> str:
        # Left out of a post (scripts, old forms): the listing keeps its language.
        return self.cleaned_data.get("text_language") or self.initial.get("text_language") or "en"

    def clean(self):
        data = super().clean()
        original = data.get("text_language")
        for name in TRANSLATABLE:
            if (data.get(f"{name}_{original}") or "").strip():
                self.add_error(
                    f"{name}_{original}",
                    _("This is the language the text is written in: write it above."),
                )
        return data

    def translation_fields(self) -> list:
        """The per-language fields, shown apart from the others."""
        return [self[n] for n in self.fields if n.split("_")[0] in TRANSLATABLE and "_" in n]

    def main_fields(self) -> list:
        extra = {f.name for f in self.translation_fields()}
        return [self[n] for n in self.fields if n not in extra and not self[n].is_hidden]

    def translations_given(self) -> bool:
        """Whether a translation is filled in or refused (its section is then shown open)."""
        return any(f.value() or f.errors for f in self.translation_fields())

    def text_fields(self) -> list:
        """The texts and their language, shown first, followed by the translations."""
        return [self[n] for n in ("title", "description", "text_language")]

    def other_fields(self) -> list:
        first = {"title", "description", "text_language"}
        return [f for f in self.main_fields() if f.name not in first]

    def open_at(self, listing) -> None:
        """Carry the listing's version, and the values it had, in the form."""
        self.set_version(match_services.snapshot(listing), listing.version)

    def check_current(self, listing) -> None:
        """Refuse the save (ValidationError in words) if the listing changed since the form
        was opened; call it in the transaction that saves."""
        locked = type(listing).objects.select_for_update().get(pk=listing.pk)
        self.check_version(
            lambda: (match_services.snapshot(locked), locked.version),
            history_of=locked,
            project=_flat_translations,
        )

    def listing_data(self) -> dict:
        """The cleaned data as the services take it: per-language fields as `translations`
        (the original language left out)."""
        data, original = dict(self.cleaned_data), self.cleaned_data.get("text_language")
        for name in VERSION_FIELDS:
            data.pop(name, None)
        translations = {}
        for code, _language in LANGUAGE_CHOICES:
            texts = {name: data.pop(f"{name}_{code}", "") for name in TRANSLATABLE}
            if code != original:
                translations[code] = texts
        data["translations"] = translations
        return data


def _flat_translations(state) -> dict:
    """A listing's snapshot with its translations as the form's per-language fields."""
    out = {k: v for k, v in state.items() if k != "translations"}
    for code, texts in (state.get("translations") or {}).items():
        for name, text in (texts or {}).items():
            out[f"{name}_{code}"] = text
    return out


class NeedForm(ListingForm):
    versioned_model = Need
    country = forms.ModelChoiceField(queryset=ref.beneficiary_countries(), label=_("Country"))
    beneficiaries = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("Beneficiaries")
    )
    budget = forms.DecimalField(
        max_digits=14, decimal_places=2, required=False, label=_("Estimated budget")
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and not user.is_wipo_staff:
            codes = user.focal_country_codes()
            self.fields["country"].queryset = ref.beneficiary_countries().filter(code__in=codes)
            if len(codes) == 1:  # the focal point's only country
                self.initial.setdefault("country", next(iter(codes)))


GROUPS = [
    ("ldc", _("Least developed countries")),
    ("developing", _("Developing countries")),
    ("transition", _("Countries in transition")),
]


class OfferForm(ListingForm):
    versioned_model = Offer
    eligible_groups = forms.MultipleChoiceField(
        choices=GROUPS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Eligible groups"),
    )
    eligible_countries = forms.ModelMultipleChoiceField(
        queryset=ref.beneficiary_countries(),
        required=False,
        help_text=_("Empty: any country."),
        label=_("Eligible countries"),
    )
    ldc_transition_years = forms.IntegerField(
        min_value=0,
        max_value=12,
        required=False,
        initial=0,
        label=_("Years a graduated LDC stays eligible"),
        help_text=_(
            "For an offer open to least developed countries: a country that has left the list "
            "remains eligible this many years after leaving (0: not at all)."
        ),
    )
    amount = forms.DecimalField(max_digits=14, decimal_places=2, required=False, label=_("Amount"))
    capacity = forms.CharField(max_length=300, required=False, label=_("Capacity"))


class AssessmentForm(forms.Form):
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Comment")
    )


class NoteForm(forms.Form):
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("Note")
    )


class ProfileChangeForm(forms.Form):
    """What a consultant may change; staff validate it before it is public."""

    biography = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}), required=False, label=_("Biography")
    )
    skills = forms.CharField(required=False, help_text=_("Separated by commas."), label=_("Skills"))
    availability = forms.ChoiceField(choices=Availability.choices, label=_("Availability"))
    ip_areas = forms.ModelMultipleChoiceField(
        queryset=ref.IPArea.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("IP areas"),
    )
    email = forms.EmailField(required=False, label=_("Email (private)"))
    phone = forms.CharField(max_length=50, required=False, label=_("Phone (private)"))
    address = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("Address")
    )
    daily_fee = forms.DecimalField(
        max_digits=10, decimal_places=2, required=False, label=_("Daily fee (private)")
    )

    def __init__(self, *args, languages: list[tuple[str, str]] = (), **kwargs):
        """`languages`: the profile's (code, level) pairs; two empty rows follow them."""
        super().__init__(*args, **kwargs)
        self.known_languages = sorted(languages)
        rows = len(self.known_languages) + 2
        if self.is_bound:
            posted = (_row_number(k) for k in self.data if k.startswith("language_"))
            rows = max(rows, *posted, 0)
        known = ((lang.code, lang.localized_name) for lang in ref.Language.objects.all())
        names = [("", "—"), *sorted(known, key=lambda pair: pair[1])]
        for n in range(1, rows + 1):
            code, level = (
                self.known_languages[n - 1] if n <= len(self.known_languages) else ("", "")
            )
            self.fields[f"language_{n}"] = forms.ChoiceField(
                choices=names, required=False, initial=code, label=_("Language %(n)d") % {"n": n}
            )
            self.fields[f"level_{n}"] = forms.ChoiceField(
                choices=[("", "—"), *Level.choices],
                required=False,
                initial=level,
                label=_("Level in language %(n)d") % {"n": n},
            )
        self.language_count = rows

    def language_rows(self):
        """(language, level) bound fields, row by row, for the template."""
        return [
            (self[f"language_{n}"], self[f"level_{n}"]) for n in range(1, self.language_count + 1)
        ]

    def other_fields(self):
        return [f for f in self if not f.name.startswith(("language_", "level_"))]

    def clean(self):
        data = super().clean()
        chosen, seen = [], set()
        for n in range(1, self.language_count + 1):
            code, level = data.get(f"language_{n}"), data.get(f"level_{n}")
            if code and not level:
                self.add_error(f"level_{n}", _("Choose the level for this language."))
            elif level and not code:
                self.add_error(f"language_{n}", _("Choose the language for this level."))
            elif code in seen:
                self.add_error(f"language_{n}", _("This language is already listed."))
            elif code:
                seen.add(code)
                chosen.append((code, level))
        data["languages"] = [{"language": c, "level": lvl} for c, lvl in chosen]
        self.languages_changed = sorted(chosen) != self.known_languages
        return data


def _row_number(key: str) -> int:
    tail = key.rpartition("_")[2]
    return int(tail) if tail.isdigit() and 0 < int(tail) <= 50 else 0


class CVForm(forms.Form):
    file = forms.FileField(
        label=_("CV"),
        widget=forms.ClearableFileInput(attrs={"accept": accepted_types()}),
        help_text=_("Accepted: %(types)s.") % {"types": accepted_types().replace(",", ", ")},
    )


class DeclarationForm(forms.Form):
    has_conflict = forms.TypedChoiceField(
        choices=[("no", _("I have no conflict of interest")), ("yes", _("I declare an interest"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        label=_("Conflict of interest"),
    )
    statement = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Statement")
    )


class SettingsForm(forms.Form):
    language = forms.ChoiceField(
        choices=[("", _("The site's language")), *LANGUAGES],
        required=False,
        label=_("Language of your e-mails"),
    )
    notifications = forms.ChoiceField(
        choices=Notify.choices,
        widget=forms.RadioSelect,
        label=_("How often we e-mail you"),
        help_text=_(
            "About WIPO Match suggestions and matches, and what else concerns you. A digest"
            " gathers everything in one e-mail."
        ),
    )
    threshold = forms.FloatField(
        min_value=0,
        max_value=1,
        label=_("WIPO Match: only suggestions with a relevance of at least"),
        help_text=_("From 0 (every suggestion) to 1 (only perfect matches)."),
        widget=forms.NumberInput(attrs={"step": "0.05"}),
    )


class PreferenceForm(forms.Form):
    mode = forms.ChoiceField(choices=Notify.choices, label=_("Email notifications"))
    threshold = forms.FloatField(
        min_value=0, max_value=1, label=_("Only suggestions with a relevance of at least")
    )
