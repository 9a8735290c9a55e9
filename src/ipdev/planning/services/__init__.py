"""The one write path of planning: each function one audited transaction."""

from .requests import consultation_record, request_decide, request_file, request_review

__all__ = [
    "consultation_record",
    "request_decide",
    "request_file",
    "request_review",
]
