"""IPDEV_SITE_URL, the address in e-mailed links: `ipdev check --deploy` and `ipdev serve` warn
when it is unset or names a host the site does not answer to."""

from io import StringIO

import pytest
from django.core.management import call_command

from ipdev.core.siteurl import problems, site_url_check


def test_a_set_address_on_an_allowed_host_is_fine(settings):
    settings.IPDEV_SITE_URL = "https://ipdev.example.org"
    settings.IPDEV_SITE_URL_SET = True
    settings.ALLOWED_HOSTS = ["ipdev.example.org"]
    assert problems() == []
    assert site_url_check() == []


def test_an_unset_address_is_reported(settings):
    settings.IPDEV_SITE_URL = "http://127.0.0.1:8000"
    settings.IPDEV_SITE_URL_SET = False
    found = problems()
    assert len(found) == 1 and "IPDEV_SITE_URL is not set" in found[0]
    assert [m.id for m in site_url_check()] == ["ipdev.W001"]


def test_an_address_the_site_does_not_answer_to_is_reported(settings):
    settings.IPDEV_SITE_URL = "https://old.example.org"
    settings.IPDEV_SITE_URL_SET = True
    settings.ALLOWED_HOSTS = ["ipdev.example.org", ".example.net"]
    assert "not in IPDEV_ALLOWED_HOSTS" in problems()[0]
    settings.ALLOWED_HOSTS = [".example.org"]  # a leading dot allows the subdomains
    assert problems() == []


def test_not_an_http_address_is_reported(settings):
    settings.IPDEV_SITE_URL = "ipdev.example.org"
    settings.IPDEV_SITE_URL_SET = True
    assert "not an http(s) address" in problems()[0]


def test_serving_elsewhere_than_the_local_default_is_reported(settings):
    settings.IPDEV_SITE_URL = "http://127.0.0.1:8000"
    settings.IPDEV_SITE_URL_SET = True
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    assert problems(serving="127.0.0.1:8000") == []
    assert "Serving on 127.0.0.1:8102" in problems(serving="127.0.0.1:8102")[0]


@pytest.mark.django_db
def test_check_deploy_warns(settings):
    settings.IPDEV_SITE_URL_SET = False
    out = StringIO()
    call_command("check", "--deploy", stdout=out, stderr=out, fail_level="CRITICAL")
    assert "ipdev.W001" in out.getvalue()


def test_serve_prints_the_warning_before_serving(settings, monkeypatch):
    from ipdev.core import serving

    settings.IPDEV_SITE_URL_SET = False
    served = []

    class Server:
        def __init__(self, **kwargs):
            served.append(kwargs)

        def run(self):
            pass

    monkeypatch.setattr(serving, "gunicorn_server", Server)
    err = StringIO()
    call_command("serve", "--port", "8102", stdout=StringIO(), stderr=err)
    assert "IPDEV_SITE_URL is not set" in err.getvalue()
    assert served and served[0]["bind"] == "127.0.0.1:8102"
