"""Sign-in hardening: failed sign-ins throttled per account and per address (django-axes) on
the portal's and the back office's sign-in pages and the API's token exchange; password reset
by e-mail; IPDEV_HTTPS; the Content Security Policy header."""

import os
import re
import secrets
import subprocess
import sys

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client

from ipdev.accounts.models import Role
from tests.factories import UserFactory

PASSWORD = "correct-horse-battery-9"


@pytest.fixture
def member(db, settings):
    settings.AXES_FAILURE_LIMIT = 3
    cache.clear()
    user = UserFactory(
        username="kim.member", role=Role.STAFF, is_staff=True, email="kim@example.org"
    )
    user.set_password(PASSWORD)
    user.save()
    return user


def _fail(client, url, username, times, address="10.0.0.1"):
    for _ in range(times):
        client.post(url, {"username": username, "password": "wrong"}, REMOTE_ADDR=address)


@pytest.mark.parametrize("url", ["/accounts/login/", "/backoffice/login/"])
def test_an_account_is_locked_after_repeated_failures_even_with_the_right_password(member, url):
    client = Client()
    _fail(client, url, member.username, 3)
    answer = client.post(
        url, {"username": member.username, "password": PASSWORD}, REMOTE_ADDR="10.0.0.2"
    )
    assert answer.status_code == 429
    assert "Too many failed sign-ins" in answer.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("url", ["/accounts/login/", "/api/v1/auth/token/"])
def test_an_overlong_user_name_is_refused_and_still_counted(member, url):
    from axes.models import AccessAttempt

    name = "x" * 400
    answer = Client().post(url, {"username": name, "password": "wrong"}, REMOTE_ADDR="10.0.0.7")
    assert answer.status_code in (200, 400)
    attempt = AccessAttempt.objects.get(ip_address="10.0.0.7")
    assert attempt.username == name[:255]


def test_an_address_is_locked_after_failures_on_several_accounts(member):
    client = Client()
    for name in ("alpha", "beta", "gamma"):
        _fail(client, "/accounts/login/", name, 1, address="10.0.0.9")
    answer = client.post(
        "/accounts/login/",
        {"username": member.username, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.9",
    )
    assert answer.status_code == 429
    # The same account from another address still signs in: the address was locked, not it.
    other = Client().post(
        "/accounts/login/",
        {"username": member.username, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.10",
    )
    assert other.status_code == 302


def test_a_success_before_the_limit_forgets_the_failures(member):
    client = Client()
    _fail(client, "/accounts/login/", member.username, 2)
    ok = client.post(
        "/accounts/login/",
        {"username": member.username, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
    )
    assert ok.status_code == 302
    _fail(Client(), "/accounts/login/", member.username, 2)
    again = Client().post(
        "/accounts/login/",
        {"username": member.username, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
    )
    assert again.status_code == 302


def test_the_api_token_exchange_is_throttled_in_json(member):
    client = Client()
    for _ in range(3):
        client.post(
            "/api/v1/auth/token/",
            {"username": member.username, "password": "wrong"},
            REMOTE_ADDR="10.0.0.3",
        )
    answer = client.post(
        "/api/v1/auth/token/",
        {"username": member.username, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.4",
    )
    assert answer.status_code == 429
    assert answer.json()["code"] == "locked_out"
    assert int(answer["Retry-After"]) > 0


def test_password_reset_by_email_sets_a_new_password(member):
    client = Client()
    assert 'id="forgot-password"' in client.get("/accounts/login/").content.decode()
    sent = client.post("/accounts/password_reset/", {"email": "kim@example.org"})
    assert sent.status_code == 302
    assert client.get(sent["Location"]).status_code == 200
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200 and 'id="id_new_password1"' in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else link,
        {"new_password1": "a-new-pass-phrase-42", "new_password2": "a-new-pass-phrase-42"},
    )
    assert done.status_code == 302
    signed_in = Client().post(
        "/accounts/login/",
        {"username": member.username, "password": "a-new-pass-phrase-42"},
        REMOTE_ADDR="10.0.0.5",
    )
    assert signed_in.status_code == 302
    # The link works once.
    assert 'id="reset-invalid"' in client.get(link, follow=True).content.decode()


def test_password_reset_for_an_unknown_address_says_the_same_and_sends_nothing(db):
    answer = Client().post("/accounts/password_reset/", {"email": "nobody@example.org"})
    assert answer.status_code == 302
    assert mail.outbox == []


def test_password_reset_pages_are_translated(db):
    page = Client().get("/fr/accounts/password_reset/")
    assert "Réinitialiser votre mot de passe" in page.content.decode()


def test_the_back_office_sign_in_offers_the_password_reset(db):
    page = Client().get("/backoffice/login/")
    assert "/backoffice/password_reset/" in page.content.decode()
    assert Client().get("/backoffice/password_reset/")["Location"] == "/accounts/password_reset/"


def test_every_page_carries_the_content_security_policy(db):
    policy = Client().get("/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def _deploy_check(tmp_path, **env) -> subprocess.CompletedProcess:
    environ = {
        k: v
        for k, v in os.environ.items()
        # (the browser tests allow Django's async-unsafe calls in this process, not in a server)
        if not k.startswith("IPDEV_") and k not in {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environ.update(
        IPDEV_DATA_DIR=str(tmp_path),
        IPDEV_ALLOWED_HOSTS="ipdev.example.org",
        IPDEV_SITE_URL="https://ipdev.example.org",
        **env,
    )
    return subprocess.run(
        [sys.executable, "-m", "ipdev.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_is_clean_with_https_and_a_proper_secret_key(tmp_path):
    done = _deploy_check(tmp_path, IPDEV_HTTPS="true", IPDEV_SECRET_KEY=secrets.token_urlsafe(60))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_deploy_check_warns_without_https(tmp_path):
    done = _deploy_check(tmp_path, IPDEV_SECRET_KEY=secrets.token_urlsafe(60))
    assert done.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in done.stdout + done.stderr


def test_https_setting_redirects_and_secures_cookies(db, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    answer = Client().get("/", HTTP_HOST="127.0.0.1")
    assert answer.status_code == 301 and answer["Location"].startswith("https://")
    secure = Client().get("/", secure=True)
    assert secure["Strict-Transport-Security"].startswith("max-age=31536000")
