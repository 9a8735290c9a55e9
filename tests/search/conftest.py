"""Helpers for the search tests: documents are built directly, no activities needed."""

import datetime as dt

from ipdev.search.types import SearchDocument


def make_doc(pk: int, title: str = "", text: str = "", date=None, **facets) -> SearchDocument:
    return SearchDocument(
        id=pk,
        title=title,
        text=text,
        date=date or dt.date(2020, 1, 1),
        facets={name: [str(v) for v in values] for name, values in facets.items()},
    )
