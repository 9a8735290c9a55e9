"""Whether IPDEV_SITE_URL, the address in e-mailed links, can be right for this site.

Links in e-mails (survey invitations, notifications) are built from IPDEV_SITE_URL. Unset, it
points at 127.0.0.1:8000; set to a host the site does not answer to, every link is dead.
`ipdev check --deploy` reports the problems as warnings and `ipdev serve` prints them.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks
from django.http.request import validate_host


def problems(*, serving: str | None = None) -> list[str]:
    """What is wrong with the site's address (empty: nothing); `serving` is host:port served."""
    url = settings.IPDEV_SITE_URL
    found = []
    if not getattr(settings, "IPDEV_SITE_URL_SET", True):
        found.append(
            f"IPDEV_SITE_URL is not set: links in e-mails point to {url}. Set it to the address"
            " people reach this site at."
        )
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or not host:
        found.append(f"IPDEV_SITE_URL={url!r} is not an http(s) address.")
    elif not validate_host(host, settings.ALLOWED_HOSTS):
        found.append(
            f"IPDEV_SITE_URL={url} names the host {host!r}, which is not in"
            f" IPDEV_ALLOWED_HOSTS ({', '.join(settings.ALLOWED_HOSTS) or 'empty'}):"
            " links in e-mails would not reach this site."
        )
    if serving and host in ("127.0.0.1", "localhost") and not found:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        served_host, _sep, served_port = serving.rpartition(":")
        if served_port != str(port) or served_host not in ("127.0.0.1", "localhost"):
            found.append(
                f"Serving on {serving} but IPDEV_SITE_URL is {url}: links in e-mails point"
                " elsewhere."
            )
    return found


@checks.register(checks.Tags.security, deploy=True)
def site_url_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    return [checks.Warning(text, id="ipdev.W001") for text in problems()]
