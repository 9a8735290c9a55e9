"""The one write path for the roster: each call, one audited transaction. A package of two
modules (profiles, assignments); every public name is re-exported here, so callers import
`ipdev.roster.services` as before."""

from .assignments import (
    ASSIGNMENT_FIELDS,
    ASSIGNMENT_TRANSITIONS,
    assignment_change_status,
    assignment_create,
    assignment_evaluate,
    declaration_review,
    declaration_submit,
)
from .profiles import (
    EDITABLE,
    M2M_FIELDS,
    MAX_SKILLS,
    SCALAR_FIELDS,
    STAFF_ONLY,
    clean_languages,
    consultant_create,
    consultant_update,
    cv_upload,
    ethics_accept,
    profile_change_approve,
    profile_change_reject,
    profile_change_submit,
    snapshot,
)

__all__ = [
    "ASSIGNMENT_FIELDS",
    "ASSIGNMENT_TRANSITIONS",
    "EDITABLE",
    "M2M_FIELDS",
    "MAX_SKILLS",
    "SCALAR_FIELDS",
    "STAFF_ONLY",
    "assignment_change_status",
    "assignment_create",
    "assignment_evaluate",
    "clean_languages",
    "consultant_create",
    "consultant_update",
    "cv_upload",
    "declaration_review",
    "declaration_submit",
    "ethics_accept",
    "profile_change_approve",
    "profile_change_reject",
    "profile_change_submit",
    "snapshot",
]
