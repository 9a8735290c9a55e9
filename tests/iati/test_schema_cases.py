"""The pre-import XSD check agrees with the official IATI-Schemas 2.03 test suite (686 cases)."""

from __future__ import annotations

import pytest

from ipdev.iati.schema import check_document

CASES = "validator-cases/iati-schemas-2.03-tests/tests"


def official_cases(shared):
    folder = shared / CASES
    if not folder.exists():
        pytest.skip(f"{folder} not found")
    # registry-tests are for the registry-record schema, which an activity import never sees
    return sorted(p for p in folder.rglob("*.xml") if "registry-tests" not in p.parts)


def test_the_check_agrees_with_all_686_official_cases(shared, schema_dir):
    cases = official_cases(shared)
    assert len(cases) == 686
    disagree = []
    for path in cases:
        valid, errors = check_document(path, schema_dir)
        if valid != ("should-pass" in path.parts):
            disagree.append((str(path.relative_to(shared / CASES)), errors[:1]))
    assert disagree == []


def test_should_fail_cases_come_with_a_reason(shared, schema_dir):
    failing = [p for p in official_cases(shared) if "should-fail" in p.parts][:20]
    for path in failing:
        valid, errors = check_document(path, schema_dir)
        assert not valid and errors and errors[0].startswith("line ")


def test_without_the_schemas_a_document_is_not_called_valid(tmp_path):
    path = tmp_path / "a.xml"
    path.write_text('<iati-activities version="2.03"/>')
    valid, errors = check_document(path, tmp_path / "missing")
    assert not valid
    assert errors[0].startswith("not checked:") and "is not there" in errors[0]
