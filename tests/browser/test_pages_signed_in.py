"""Every main page of a signed-in persona, checked as page_checks.py says."""

import pytest

from tests.browser import page_checks
from tests.browser.page_checks import MARKS, PAGES, check_every_view

# The module's world and the fixtures that keep it (see page_checks).
world = page_checks.world
transactional_db = page_checks.transactional_db
_reference_data_and_empty_index = page_checks._reference_data_and_empty_index

pytestmark = MARKS


@pytest.mark.parametrize("spec", [p for p in PAGES if p.persona], ids=lambda p: p.name)
def test_signed_in_page_is_accessible_responsive_and_error_free(spec, browser, live_server, world):
    check_every_view(spec, browser, live_server, world)
