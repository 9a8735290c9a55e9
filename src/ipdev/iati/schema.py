"""The IATI 2.03 XML Schema check: whole documents, or one activity at a time during import.

The XSD files are the official ones (IATI-Schemas, version-2.03 branch, CC BY 4.0), shipped in
``iati/data/schemas/iati-2.03/`` so the check is on wherever ipdev is installed. The
``IPDEV_IATI_SCHEMA_DIR`` setting (or environment variable) names another folder to use instead;
if that folder lacks them the check is skipped and the import report, the command's summary and
the upload page say why.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from django.conf import settings
from lxml import etree

from .importer.parse import HARDENED

SCHEMAS = {
    "iati-activities": "iati-activities-schema.xsd",
    "iati-activity": "iati-activities-schema.xsd",
    "iati-organisations": "iati-organisations-schema.xsd",
}


SETTING = "IPDEV_IATI_SCHEMA_DIR"
PACKAGED = Path(__file__).resolve().parent / "data" / "schemas" / "iati-2.03"


def _configured() -> str:
    return getattr(settings, SETTING, None) or os.environ.get(SETTING) or ""


def _folder() -> Path:
    """The folder in use: the one configured, else the files shipped with ipdev."""
    configured = _configured()
    return Path(configured) if configured else PACKAGED


def schema_dir() -> Path | None:
    """The folder of the official XSD files in use, if it holds them."""
    path = _folder()
    return path if (path / SCHEMAS["iati-activities"]).is_file() else None


@cache
def _load(path: str) -> etree.XMLSchema:
    # Our own trusted files: includes and the xml.xsd import resolve from the same folder.
    return etree.XMLSchema(etree.parse(path))


def _schema(folder: Path, name: str) -> tuple[etree.XMLSchema | None, str]:
    try:
        return _load(str(folder / name)), ""
    except (OSError, etree.XMLSyntaxError, etree.XMLSchemaParseError) as exc:
        return None, f"The IATI schema {folder / name} cannot be read ({exc})"


def unavailable_reason(root_tag: str = "iati-activity", folder: Path | None = None) -> str:
    """Why the XSD check cannot run, in words for the import report; empty when it can."""
    if folder is None:
        folder = _folder()
    name = SCHEMAS.get(root_tag)
    if name is None:
        return f"There is no IATI schema for the root element <{root_tag}>"
    if not (folder / name).is_file():
        if folder == PACKAGED:
            return f"the IATI schema files shipped with ipdev are missing from {folder}"
        return f"{SETTING} is {folder}, but {name} is not there"
    return _schema(folder, name)[1]


def schema_for(root_tag: str, folder: Path | None = None) -> etree.XMLSchema | None:
    """The schema for a root element (activities or organisations), or None if unavailable
    (``unavailable_reason`` says why)."""
    folder = folder or schema_dir()
    name = SCHEMAS.get(root_tag)
    if folder is None or name is None or not (folder / name).is_file():
        return None
    return _schema(folder, name)[0]


def errors_of(schema: etree.XMLSchema, element: etree._Element, limit: int = 3) -> list[str]:
    """The first schema errors of an element (an empty list when it is valid)."""
    if schema.validate(element):
        return []
    return [f"line {e.line}: {e.message}" for e in list(schema.error_log)[:limit]]


ACTIVITY_PATH = "/iati-activities/iati-activity"


def errors_by_activity(
    schema: etree.XMLSchema, tree: etree._ElementTree, limit: int = 3
) -> dict[int, list[str]] | None:
    """The first schema errors of each activity of a whole file, by the activity's position
    among the root's ``iati-activity`` children (from 1), in one validation of the file.

    The same errors as ``errors_of`` on each activity (each error's XPath says whose it is),
    at about half the cost. Errors of the root element itself are not an activity's and are
    left out, as ``errors_of`` never sees them. None when libxml2 cannot say (an internal
    error, or an error without a path): check the activities one by one then.
    """
    try:
        if schema.validate(tree):
            return {}
    except etree.XMLSchemaValidateError:
        return None
    found: dict[int, list[str]] = {}
    for error in schema.error_log:
        path = error.path or ""
        if not path:
            return None
        if not path.startswith(ACTIVITY_PATH):
            continue
        rest = path[len(ACTIVITY_PATH) :]
        if rest[:1] == "[":
            position = int(rest[1 : rest.index("]")])
        elif rest[:1] in ("", "/"):
            position = 1
        else:  # another element whose name starts the same way
            continue
        messages = found.setdefault(position, [])
        if len(messages) < limit:
            messages.append(f"line {error.line}: {error.message}")
    return found


def check_document(path: Path, folder: Path | None = None) -> tuple[bool, list[str]]:
    """Validate a whole file against the schema for its root element (hardened parsing)."""
    try:
        tree = etree.parse(str(path), etree.XMLParser(**HARDENED))
    except etree.XMLSyntaxError as exc:
        return False, [f"not well-formed: {exc}"]
    if tree.docinfo.doctype:
        return False, ["a DOCTYPE declaration is refused"]
    root = tree.getroot()
    schema = schema_for(root.tag, folder)
    if schema is None:
        return False, [f"not checked: {unavailable_reason(root.tag, folder)}"]
    return (True, []) if schema.validate(tree) else (False, errors_of(schema, root, 10))
