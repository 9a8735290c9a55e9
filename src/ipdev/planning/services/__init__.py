"""The one write path of planning: each function one audited transaction."""

from .assessments import needs_assessment_record
from .plans import (
    plan_agree,
    plan_consultation_add,
    plan_create,
    plan_line_remove,
    plan_line_save,
    plan_review,
    plan_snapshot,
    plan_update,
    plan_validate,
)
from .projects import da_project_report_add, da_project_review_add, da_project_save
from .requests import consultation_record, request_decide, request_file, request_review
from .results import (
    actual_approve,
    actual_return,
    actual_save,
    actual_submit,
    decimal_value,
    indicator_create,
    target_set,
)
from .strategies import (
    committee_member_add,
    committee_member_remove,
    strategy_document_attach,
    strategy_start,
    strategy_step_update,
)

__all__ = [
    "actual_approve",
    "actual_return",
    "actual_save",
    "actual_submit",
    "committee_member_add",
    "committee_member_remove",
    "consultation_record",
    "da_project_report_add",
    "da_project_review_add",
    "da_project_save",
    "decimal_value",
    "indicator_create",
    "needs_assessment_record",
    "plan_agree",
    "plan_consultation_add",
    "plan_create",
    "plan_line_remove",
    "plan_line_save",
    "plan_review",
    "plan_snapshot",
    "plan_update",
    "plan_validate",
    "request_decide",
    "request_file",
    "request_review",
    "strategy_document_attach",
    "strategy_start",
    "strategy_step_update",
    "target_set",
]
