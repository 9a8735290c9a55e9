"""The OpenAPI schema is valid and documents the errors; the docs page needs no CDN."""

import re

import pytest
import yaml
from django.contrib.staticfiles import finders
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_schema_is_valid_openapi(tmp_path):
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    schema = yaml.safe_load(out.read_text())
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/activities/" in schema["paths"]


@pytest.fixture
def schema(anonymous):
    response = anonymous.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return response.json()


def test_schema_documents_the_search_filters(schema):
    names = {p["name"] for p in schema["paths"]["/api/v1/activities/"]["get"]["parameters"]}
    assert {
        "q",
        "country",
        "da",
        "sdg",
        "year_from",
        "year_to",
        "sort",
        "page",
        "per_page",
    } <= names


def test_schema_documents_the_one_error_shape(schema):
    error = schema["components"]["schemas"]["Error"]
    assert set(error["required"]) == {"detail", "code", "errors"}
    create = schema["paths"]["/api/v1/activities/"]["post"]["responses"]
    for status in ("400", "401", "403"):
        ref = create[status]["content"]["application/json"]["schema"]["$ref"]
        assert ref == "#/components/schemas/Error"


def test_schema_says_writes_need_a_token(schema):
    assert "tokenAuth" in schema["components"]["securitySchemes"]
    create = schema["paths"]["/api/v1/activities/"]["post"]
    assert {"tokenAuth": []} in create["security"]
    assert {} not in create["security"]


def test_docs_page_loads_without_cdn(anonymous):
    page = anonymous.get("/api/v1/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    script = anonymous.get("/api/v1/docs/?script=").content.decode()
    for text in (html, script):
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", text), text
        assert "cdn" not in text.lower()
        assert "unpkg" not in text.lower()
    assets = re.findall(r"""(?:src|href)="/static/([^"]+)\"""", html)
    assert any("swagger-ui-bundle.js" in a for a in assets)
    for asset in assets:
        assert finders.find(asset), f"{asset} is not among the static files"
    assert "/api/v1/schema/" in script
    assert '"validatorUrl": null' in script  # no badge fetched from validator.swagger.io
