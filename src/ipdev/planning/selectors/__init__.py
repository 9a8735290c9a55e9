"""Reads for the interfaces: plain dataclasses, with the permission rule applied here."""

from .plans import (
    ChangeRow,
    PlanDetail,
    PlanRow,
    StrategyDetail,
    StrategyRow,
    plan_detail,
    plan_for_update,
    plan_list,
    strategy_detail,
    strategy_document_for_download,
    strategy_for_update,
    strategy_list,
    version_compare,
)
from .requests import (
    RequestDetail,
    RequestRow,
    RequestsReportRow,
    request_detail,
    request_for_update,
    request_list,
    requests_report,
)

__all__ = [
    "ChangeRow",
    "PlanDetail",
    "PlanRow",
    "RequestDetail",
    "RequestRow",
    "RequestsReportRow",
    "StrategyDetail",
    "StrategyRow",
    "plan_detail",
    "plan_for_update",
    "plan_list",
    "request_detail",
    "request_for_update",
    "request_list",
    "requests_report",
    "strategy_detail",
    "strategy_document_for_download",
    "strategy_for_update",
    "strategy_list",
    "version_compare",
]
