"""Roll-ups of the results framework as pure functions over plain data (no database).

An activity's indicator may contribute to an indicator of a plan line; a plan line's indicators
belong to an expected result, which belongs to a strategic goal. Only approved actuals count.
Women and men are carried through every level: an indicator disaggregated by sex rolls its
split up with its value (activity indicator -> plan indicator -> expected result -> goal).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

Series = Mapping[int, Decimal]  # period (year) -> value
HUNDRED = Decimal(100)
ONE_DECIMAL = Decimal("0.1")


def to_date(values: Series, period: int, *, cumulative: bool) -> Decimal | None:
    """The value reached by `period`: the sum so far if cumulative, else that period's value."""
    if cumulative:
        so_far = [v for p, v in values.items() if p <= period and v is not None]
        return sum(so_far, Decimal(0)) if so_far else None
    return values.get(period)


def combine(own: Series, contributions: Iterable[Series]) -> dict[int, Decimal]:
    """A plan line indicator's values: its own where reported, else the sum of its activities'."""
    summed: dict[int, Decimal] = {}
    for series in contributions:
        for period, value in series.items():
            if value is not None:
                summed[period] = summed.get(period, Decimal(0)) + value
    return {**summed, **{p: v for p, v in own.items() if v is not None}}


@dataclass(frozen=True)
class Split:
    """A value with its women and men (None where the split is not known)."""

    value: Decimal
    women: Decimal | None = None
    men: Decimal | None = None


def _add(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    return None if a is None or b is None else a + b


def combine_split(own: Mapping[int, Split], contributions: Iterable[Mapping[int, Split]]):
    """As `combine`, with the split: a period's own value comes with its own women and men;
    a sum of contributions knows women (men) only where every contribution does."""
    summed: dict[int, Split] = {}
    for series in contributions:
        for period, item in series.items():
            if item is None or item.value is None:
                continue
            found = summed.get(period)
            summed[period] = (
                item
                if found is None
                else Split(
                    found.value + item.value,
                    _add(found.women, item.women),
                    _add(found.men, item.men),
                )
            )
    return {**summed, **{p: v for p, v in own.items() if v is not None and v.value is not None}}


def split_to_date(values: Mapping[int, Split], period: int, *, cumulative: bool) -> Split | None:
    """The split reached by `period`: summed so far if cumulative, else that period's."""
    if not cumulative:
        return values.get(period)
    so_far = [v for p, v in values.items() if p <= period and v is not None]
    if not so_far:
        return None
    total = so_far[0]
    for item in so_far[1:]:
        total = Split(
            total.value + item.value, _add(total.women, item.women), _add(total.men, item.men)
        )
    return total


def achievement(target: Decimal | None, actual: Decimal | None) -> Decimal | None:
    """Actual as a percentage of target (one decimal), or None when it cannot be said."""
    if target is None or actual is None or target == 0:
        return None
    return (actual / target * HUNDRED).quantize(ONE_DECIMAL)


@dataclass(frozen=True)
class IndicatorResult:
    """One quantitative indicator's standing in a period, for rolling up."""

    goal: str
    result: str
    target: Decimal | None
    actual: Decimal | None
    women: Decimal | None = None  # of the actual, where the indicator is disaggregated by sex
    men: Decimal | None = None

    @property
    def achievement(self) -> Decimal | None:
        return achievement(self.target, self.actual)

    @property
    def met(self) -> bool:
        return self.target is not None and self.actual is not None and self.actual >= self.target


@dataclass(frozen=True)
class Summary:
    """How the indicators of one expected result or strategic goal stand."""

    key: str
    indicators: int
    with_target: int
    reported: int
    met: int
    mean_achievement: Decimal | None
    # Women and men over the group's indicators disaggregated by sex that reported a split.
    women: Decimal | None = None
    men: Decimal | None = None
    by_sex: int = 0  # how many indicators gave the split


def summarise(results: Iterable[IndicatorResult], by: str) -> list[Summary]:
    """Group indicator results by `goal` or `result`; the mean achievement is over those with
    both a target and an actual (over-achievement counts in full, it is not capped)."""
    if by not in ("goal", "result"):
        raise ValueError("summarise by 'goal' or 'result'")
    groups: dict[str, list[IndicatorResult]] = {}
    for item in results:
        groups.setdefault(getattr(item, by), []).append(item)
    out = []
    for key, items in groups.items():
        rates = [i.achievement for i in items if i.achievement is not None]
        mean = (sum(rates, Decimal(0)) / len(rates)).quantize(ONE_DECIMAL) if rates else None
        split = [i for i in items if i.women is not None and i.men is not None]
        out.append(
            Summary(
                key=key,
                indicators=len(items),
                with_target=sum(1 for i in items if i.target is not None),
                reported=sum(1 for i in items if i.actual is not None),
                met=sum(1 for i in items if i.met),
                mean_achievement=mean,
                women=sum((i.women for i in split), Decimal(0)) if split else None,
                men=sum((i.men for i in split), Decimal(0)) if split else None,
                by_sex=len(split),
            )
        )
    return out


@dataclass(frozen=True)
class Bar:
    """One bar of a target-vs-actual chart, in the chart's own units (0..height)."""

    period: int
    kind: str  # "target" or "actual"
    value: Decimal
    x: int
    height: Decimal
    top: int  # the chart's top margin
    base: Decimal  # the chart's height: bars stand on the line at top + base

    @property
    def y(self) -> Decimal:
        """Where the bar starts from the top of the drawing (SVG coordinates)."""
        return self.top + self.base - self.height


def chart_bars(
    rows: Iterable[tuple[int, Decimal | None, Decimal | None]],
    *,
    height: int = 160,
    bar: int = 24,
    gap: int = 16,
    top: int = 10,
) -> tuple[list[Bar], int]:
    """Bars for (period, target, actual) rows, scaled so the largest value is `height` tall.

    Returns the bars and the chart's width.
    """
    rows = list(rows)
    values = [v for _p, t, a in rows for v in (t, a) if v is not None]
    largest = max(values, default=Decimal(0))
    bars: list[Bar] = []
    x = gap
    for period, target, actual in rows:
        for kind, value in (("target", target), ("actual", actual)):
            if value is not None:
                scaled = (
                    (value / largest * height).quantize(ONE_DECIMAL) if largest > 0 else Decimal(0)
                )
                bars.append(
                    Bar(period, kind, value, x, max(scaled, Decimal(0)), top, Decimal(height))
                )
            x += bar
        x += gap
    return bars, x
