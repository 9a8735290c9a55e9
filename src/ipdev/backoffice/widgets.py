"""Admin widgets that stay up whatever a request carries."""

from __future__ import annotations

from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.forms import ModelChoiceField, ModelMultipleChoiceField

from ipdev.core.bounds import INT_MAX


class ValidChoicesOnly:
    """Django's autocomplete widgets look the selected values up as they are: 'abc' for an
    integer key, a NUL character or a number past the column's range ends in a server error
    when a form with such a value (posted, or `?field=` on an add page) is shown again. Only
    values the key could hold are looked up; the form's own validation names the bad one."""

    def optgroups(self, name, value, attr=None):
        opts = self.field.remote_field.model._meta
        key = opts.get_field(getattr(self.field.remote_field, "field_name", opts.pk.attname))
        return super().optgroups(name, [v for v in value if _fits(key, v)], attr)


def _fits(key, value) -> bool:
    text = str(value)
    if "\x00" in text or len(text) > 200:
        return False
    try:
        python = key.to_python(value)
    except (ValidationError, ValueError, TypeError):
        return False
    return not isinstance(python, int) or -INT_MAX <= python <= 2**63 - 1


class SafeAutocompleteSelect(ValidChoicesOnly, AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(ValidChoicesOnly, AutocompleteSelectMultiple):
    pass


class _RefusesWhatNoKeyHolds:
    """A choice of rows that names a value no key could hold as a bad choice, instead of
    passing it to the database (a number past the column's range fails there)."""

    def _key(self):
        opts = self.queryset.model._meta
        return opts.get_field(self.to_field_name) if self.to_field_name else opts.pk

    def _refuse_unfit(self, values) -> None:
        key = self._key()
        for value in values:
            if value not in self.empty_values and not _fits(key, value):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": str(value)[:40]},
                )


class SafeModelChoiceField(_RefusesWhatNoKeyHolds, ModelChoiceField):
    def to_python(self, value):
        self._refuse_unfit([value])
        return super().to_python(value)


class SafeModelMultipleChoiceField(_RefusesWhatNoKeyHolds, ModelMultipleChoiceField):
    def _check_values(self, value):
        self._refuse_unfit(list(value))
        return super()._check_values(value)
