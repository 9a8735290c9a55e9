"""Survey statistics as pure functions: response rates and the result of each question."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from decimal import Decimal

ONE_DECIMAL = Decimal("0.1")
TWO_DECIMALS = Decimal("0.01")


def response_rate(invited: int, responded: int) -> Decimal | None:
    """Responses as a percentage of invitations (one decimal); None with no invitations."""
    if invited <= 0:
        return None
    return (Decimal(responded) / invited * 100).quantize(ONE_DECIMAL)


def mean(values: Iterable[Decimal]) -> Decimal | None:
    values = [v for v in values if v is not None]
    if not values:
        return None
    return (sum(values, Decimal(0)) / len(values)).quantize(TWO_DECIMALS)


def share_yes(values: Iterable[Decimal]) -> Decimal | None:
    """Yes answers (1) as a percentage of all yes/no answers."""
    values = [v for v in values if v is not None]
    if not values:
        return None
    return (Decimal(sum(1 for v in values if v == 1)) / len(values) * 100).quantize(ONE_DECIMAL)


def distribution(values: Iterable[Decimal], scale: Iterable[int] = range(1, 6)) -> dict[int, int]:
    """How many answers gave each point of a rating scale."""
    counts = Counter(int(v) for v in values if v is not None)
    return {point: counts.get(point, 0) for point in scale}


def question_result(kind: str, values: Iterable[Decimal]) -> Decimal | None:
    """The one figure a question contributes to an indicator: a mean rating, a share of yes
    (in percent), or a total for numbers. Free text has none."""
    values = list(values)
    if kind == "rating":
        return mean(values)
    if kind == "yes_no":
        return share_yes(values)
    if kind == "number":
        present = [v for v in values if v is not None]
        return sum(present, Decimal(0)) if present else None
    return None
