"""Turn the codes or ids that a service receives into rows, with an error naming the field."""

from __future__ import annotations

import json
import threading
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext as _


def resolve(model, field: str, value: Any):
    """The row of `model` whose key is `value` (or None for an empty value)."""
    if value is None or value == "":
        return None
    if isinstance(value, model):
        return value
    try:
        return model.objects.get(pk=value)
    except (model.DoesNotExist, ValueError, TypeError):
        raise ValidationError({field: _("Unknown code '%(value)s'.") % {"value": value}}) from None


def resolve_many(model, field: str, values) -> list:
    """The rows of `model` for a list of keys, in the list's order, each once."""
    if isinstance(values, str | bytes) or not hasattr(values, "__iter__"):
        raise ValidationError({field: _("Expected a list of codes.")})
    keys = [str(v.pk) if isinstance(v, model) else str(v) for v in values]
    found = {str(k): v for k, v in model.objects.in_bulk(keys).items()}
    missing = [k for k in keys if k not in found]
    if missing:
        raise ValidationError(
            {field: _("Unknown code(s): %(values)s.") % {"values": ", ".join(missing[:20])}}
        )
    return list(dict.fromkeys(found[k] for k in keys))


def ids_in(column: str, ids: list[int]) -> dict:
    """``{column}__in`` keyword for a list of integer ids, sent as one parameter.

    For the bulk readers (an export asks ten such questions for every 500 activities): Django
    prepares each value of an ``__in`` list in Python, a tenth of an export's time; here the
    ids go as one JSON array (SQLite, ``json_each``) or one array (PostgreSQL, ``unnest``),
    which the database reads through the same index.
    """
    values = [int(i) for i in ids]
    if connection.vendor == "postgresql":
        subquery = RawSQL("SELECT unnest(%s::bigint[])", (values,))
    else:
        subquery = RawSQL("SELECT value FROM json_each(%s)", (json.dumps(values),))
    return {f"{column}__in": subquery}


_SENTINEL = 987_654_321_012  # an id no table holds: it marks where the ids go in the SQL


class RowsById:
    """A ``values_list`` query by a list of ids, compiled once per database connection.

    The pages that show a few activities (a results page: twenty) ask the same three or four
    questions on every request; building each through the ORM costs more than the database
    takes to answer it. `build(ids)` returns the queryset (written with ``ids_in``); its SQL and
    its columns' converters are kept, and each call only sends new ids and converts the rows as
    the queryset would have.
    """

    def __init__(self, build):
        self.build = build
        self._local = threading.local()  # (each thread has its own connection)

    def __call__(self, ids: list[int]) -> list[tuple]:
        if not ids:
            return []
        wrapper = connections[connection.alias]
        kept = getattr(self._local, "compiled", None)
        if kept is None or kept[0] is not wrapper:
            kept = self._local.compiled = (wrapper, self._compile(connection.alias))
        compiled = kept[1]
        sql, params, at, compiler, converters = compiled
        values = [int(i) for i in ids]
        params = list(params)
        params[at] = values if connection.vendor == "postgresql" else json.dumps(values)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if converters:
            rows = list(compiler.apply_converters(rows, converters))
        return [tuple(row) for row in rows]

    def _compile(self, alias: str) -> tuple:
        query = self.build([_SENTINEL]).query
        compiler = query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        marker = [_SENTINEL] if connection.vendor == "postgresql" else json.dumps([_SENTINEL])
        at = [i for i, p in enumerate(params) if p == marker]
        if len(at) != 1:
            raise ValueError("RowsById: the query must take its ids once, through ids_in")
        fields = [s[0] for s in compiler.select[: compiler.col_count]]
        return (sql, tuple(params), at[0], compiler, compiler.get_converters(fields))
