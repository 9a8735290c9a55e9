"""The browser tests wait on functions, never on bare expressions.

Playwright polls a bare expression string with ``eval`` inside the page, which
the portal's Content-Security-Policy (``script-src 'self'``) refuses whenever
the first check is false, so such a wait fails only when the page is slow.
A function string is called through the DevTools protocol and is not blocked.
"""

import re
from pathlib import Path

HERE = Path(__file__).parent
CALL = re.compile(r"wait_for_function\(\s*(?P<quote>[\"'])(?P<start>.{0,8})", re.S)


def bare_expressions(text):
    return [
        m.group(0)
        for m in CALL.finditer(text)
        if not m.group("start").lstrip().startswith(("()", "function", "(el", "(x"))
    ]


def test_no_browser_test_waits_on_a_bare_expression():
    found = {
        path.name: bare_expressions(path.read_text(encoding="utf-8"))
        for path in HERE.glob("*.py")
        if path.name != Path(__file__).name
    }
    assert {name: calls for name, calls in found.items() if calls} == {}


def test_the_check_finds_a_bare_expression():
    assert bare_expressions('page.wait_for_function("location.search")')
    assert not bare_expressions('page.wait_for_function(\n  "() => location.search")')
