"""Calendar arithmetic for plans and requests (pure functions)."""

from __future__ import annotations

import calendar
import datetime as dt


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clipped to the month's last day (31 Jan + 1 = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def outside_biennium(years: tuple[int, int], start: dt.date, end: dt.date | None) -> bool:
    """An activity from `start` to `end` (or that day alone) does not meet the two years."""
    first, last = years
    return start.year > last or (end or start).year < first


def days_between(start: dt.date, end: dt.date) -> int:
    return (end - start).days
