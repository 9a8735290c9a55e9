"""Reads for the interfaces: plain dataclasses, with the permission rule applied here."""

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
    "RequestDetail",
    "RequestRow",
    "RequestsReportRow",
    "request_detail",
    "request_for_update",
    "request_list",
    "requests_report",
]
