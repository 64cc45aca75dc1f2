"""The values a stated figure allows, and whether stated figures can satisfy a sum or a rate.

Modelled on XBRL Calculations 1.1: a figure is the interval of values that round to it (half a step
of its last stated digit either way; none for a whole count stated to the unit), widened by its
qualifier word (resources/intervals.toml); a
relation holds when some values inside the intervals satisfy it, and otherwise misses by the
distance between the intervals. The curated checks, the narratives and the audit all use this one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from .wording import resource

Interval = tuple[float, float]


@dataclass(frozen=True)
class Stated:
    """A figure as the text states it: what `interval` needs."""

    value: float
    resolution: float
    qualifier: str  # exact, approx, over, under, or range (value .. upper)
    text: str = ""  # the words, which tell "gần" (nearly) from other approximations
    upper: float | None = None
    unit: str = ""  # a count of things, stated to the unit, is exact


@cache
def _tolerances() -> dict:
    return resource("intervals.toml")


def _nearly(figure) -> bool:
    """ "gần 2.000 lượt người": a figure the writer rounded up to."""
    # A mention found in a text has `text`; a row of facts.csv has `mention`: both are its words.
    words = (getattr(figure, "text", None) or getattr(figure, "mention", "")).strip().lower()
    return figure.qualifier == "approx" and any(words.startswith(w + " ") for w in _tolerances()["nearly"]["words"])


def _widening(figure) -> tuple[float, float]:
    """(below, above) as fractions of the value, from the qualifier and the word that states it."""
    table = _tolerances()
    if _nearly(figure):
        return table["nearly"]["below"], table["nearly"]["above"]
    spec = table["qualifier"].get(figure.qualifier, table["qualifier"]["exact"])
    return spec["below"], spec["above"]


def measures() -> list[str]:
    """Units of amounts, which a stated figure rounds; any other unit counts whole things."""
    return _tolerances()["measures"]


def _half_step(figure) -> float:
    """Half a step of the last stated digit: how far rounding may have moved the figure. A count of
    whole things stated to the unit was not rounded ("23 người (14 nam, 8 nữ)": 22 is not 23) —
    unless it is in round thousands ("12.000 hội viên"), which reports write for rounded counts:
    then it may be off by half a step of its last non-zero digit."""
    step = float(figure.resolution)
    unit = getattr(figure, "unit", "")
    value = float(figure.value)
    if unit and unit not in measures() and step <= 1 and value.is_integer():
        if value >= 1000 and value % 1000 == 0:
            zeros = len(str(int(value))) - len(str(int(value)).rstrip("0"))
            return 10 ** zeros / 2
        return 0.0
    return step / 2


def interval(figure) -> Interval:
    """The values a stated figure allows (anything with value, resolution, qualifier, unit, its words as
    `text` or `mention` and, for a range, upper): ± half a step of its last digit, widened by its qualifier."""
    value = float(figure.value)
    top = float(figure.upper) if figure.qualifier == "range" and figure.upper is not None else value
    half = _half_step(figure)
    below, above = _widening(figure)
    lower = -math.inf if math.isinf(below) else value - half - below * abs(value)
    # "gần" says the true value is below what is written: no rounding lifts it above
    upper = math.inf if math.isinf(above) else top + (0.0 if _nearly(figure) else half) + above * abs(top)
    return lower, upper


def sum_interval(parts) -> Interval:
    """The values the sum of stated figures can take."""
    bounds = [interval(p) for p in parts]
    return sum(b[0] for b in bounds), sum(b[1] for b in bounds)


def ratio_interval(numerator, denominator) -> Interval:
    """The percentages numerator ÷ denominator can take (quantities are not negative)."""
    n_low, n_high = interval(numerator)
    d_low, d_high = interval(denominator)
    n_low = max(n_low, 0.0)
    low = 100 * n_low / d_high if d_high > 0 and math.isfinite(d_high) else 0.0
    high = 100 * n_high / d_low if d_low > 0 else math.inf
    return low, high


def gap(a: Interval, b: Interval) -> float:
    """How far apart two intervals are (0 when they overlap)."""
    return max(a[0] - b[1], b[0] - a[1], 0.0)


def rate_miss(rate, numerator, denominator) -> float:
    """By how many points a stated rate misses numerator ÷ denominator, all at their stated precision
    (0 when it holds)."""
    return gap(interval(rate), ratio_interval(numerator, denominator))
