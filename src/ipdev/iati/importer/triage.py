"""Problems found while importing, by severity, and counts of what was read but not kept."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

CRITICAL = "critical"  # the activity (or the whole file) is not imported
ERROR = "error"  # imported, but a value was wrong and left out
WARNING = "warning"  # imported; something was ignored or adjusted
SEVERITIES = (CRITICAL, ERROR, WARNING)
MAX_KEPT_PER_FILE = 1000


@dataclass(frozen=True)
class Problem:
    severity: str
    xpath: str
    message: str
    activity: str = ""

    def as_dict(self) -> dict[str, str]:
        data = {"severity": self.severity, "xpath": self.xpath, "message": self.message}
        if self.activity:
            data["activity"] = self.activity
        return data


@dataclass
class FileReport:
    """What happened to one file: counts, the first problems, and what was not kept."""

    name: str
    version: str = ""
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    refused: str = ""
    severity_counts: Counter = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)
    not_kept: Counter = field(default_factory=Counter)

    def add(self, problem: Problem) -> None:
        self.severity_counts[problem.severity] += 1
        if len(self.problems) < MAX_KEPT_PER_FILE:
            self.problems.append(problem)

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "version": self.version,
            "refused": self.refused,
            "read": self.read,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "problems_by_severity": {s: self.severity_counts.get(s, 0) for s in SEVERITIES},
            "problems": [p.as_dict() for p in self.problems],
            "problems_not_listed": max(0, sum(self.severity_counts.values()) - len(self.problems)),
            "not_kept": dict(self.not_kept.most_common()),
        }
