"""What the browser tests share: sizes, pages opened as a persona, screenshots, error watch, axe.

Screenshots go to $IPDEV_SCREENSHOT_DIR (default test-artifacts/screenshots/, git-ignored) for a
person to look at.
"""

import os
from pathlib import Path

from django.conf import settings
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 360, "height": 740}
SIZES = {"desktop": DESKTOP, "mobile": MOBILE}
# Each role's journey runs in all four: desktop and phone, English and Arabic (right to left).
FLAVOURS = [("desktop", "en"), ("desktop", "ar"), ("mobile", "en"), ("mobile", "ar")]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def screenshot_dir() -> Path:
    return Path(os.environ.get("IPDEV_SCREENSHOT_DIR") or ROOT / "test-artifacts" / "screenshots")


def session_of(user) -> str:
    """A session key for the user, to hand to the browser as its cookie (no login form)."""
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


class Watch:
    """Collects console errors and page errors; any of them fails the test."""

    def __init__(self, page):
        self.problems: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))

    def _console(self, message):
        if message.type == "error":
            self.problems.append(f"console error: {message.text}")


def new_page(browser, base_url: str, *, viewport=DESKTOP, session=None, language="en", **options):
    """A page in a fresh context, signed in with the session key if given, in the language.

    Returns the page and its Watch; close it with page.context.close()."""
    context = browser.new_context(viewport=viewport, locale="en-GB", **options)
    cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": base_url}]
    if session:
        cookies.append({"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base_url})
    context.add_cookies(cookies)
    page = context.new_page()
    return page, Watch(page)


def set_language(page, base_url: str, language: str) -> None:
    """Choose the language as the switcher does, by its cookie, for the next page load."""
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": base_url}]
    )


def shot(page, name: str, whole: bool | None = None) -> Path:
    """A screenshot for a person to look at: the first screen, the whole page, or (by default,
    as the flow tests take them) both."""
    folder = screenshot_dir()
    folder.mkdir(parents=True, exist_ok=True)
    if not whole:
        page.screenshot(path=str(folder / f"{name}.png"))
    if whole is None or whole:
        page.screenshot(path=str(folder / f"{name}-full.png"), full_page=True)
    return folder


def axe_violations(page) -> list[str]:
    """axe-core's WCAG 2.0/2.1 A and AA rules on the page as it is now, one line per violation."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol: the page's Content Security Policy refuses
        # inline scripts, as it should, and a <script> tag added here would be one.
        page.evaluate(AXE.read_text() + "\n;undefined")
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: tags, resultTypes: ['violations']})", AXE_TAGS
    )
    assert result["passes"], "axe ran"
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]
