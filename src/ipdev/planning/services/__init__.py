"""The one write path of planning: each function one audited transaction."""

from .plans import (
    plan_agree,
    plan_consultation_add,
    plan_create,
    plan_line_remove,
    plan_line_save,
    plan_review,
    plan_snapshot,
    plan_update,
)
from .requests import consultation_record, request_decide, request_file, request_review
from .results import (
    actual_approve,
    actual_return,
    actual_save,
    actual_submit,
    da_project_save,
    decimal_value,
    indicator_create,
    target_set,
)
from .strategies import strategy_document_attach, strategy_start, strategy_step_update

__all__ = [
    "actual_approve",
    "actual_return",
    "actual_save",
    "actual_submit",
    "consultation_record",
    "da_project_save",
    "decimal_value",
    "indicator_create",
    "plan_agree",
    "plan_consultation_add",
    "plan_create",
    "plan_line_remove",
    "plan_line_save",
    "plan_review",
    "plan_snapshot",
    "plan_update",
    "request_decide",
    "request_file",
    "request_review",
    "strategy_document_attach",
    "strategy_start",
    "strategy_step_update",
    "target_set",
]
