"""The reference names are read before the server forks, in every interface language: a
search page then names its facets and places without a query for them."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from ipdev.activities import labels
from ipdev.reference.models import names_key

pytestmark = pytest.mark.django_db


def test_after_the_warm_up_no_language_reads_the_reference_names_again():
    labels.warm()
    with CaptureQueriesContext(connection) as queries:
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                for facet in labels.REFERENCE:
                    labels.facet_labels(facet, [])
                    labels.ordered_names(labels.REFERENCE[facet], names_key())
                labels.beneficiary_codes()
    assert len(queries) == 0
    with translation.override("fr"):
        assert labels.facet_labels("country", ["DE"])["DE"] == "Allemagne"
