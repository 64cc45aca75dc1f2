"""Series over years: year-over-year changes and, from three points on, a trend with its CI."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import statsmodels.api as sm

from .schemas import OUTTURN

MIN_POINTS_FOR_TREND = 3
# One series: an indicator, for one area, as a result or as a plan/target, with the same gap between
# the year and the plan year (current-year capital and carried-over capital are different series),
# over the same kind of period (a yearly flow, or a level at a date).
SERIES_KEY = ["indicator", "area", "area_level", "kind", "lag", "period"]
SERIES_COLUMNS = [*SERIES_KEY, "vintage", "unit", "year", "value", "qualifier", "mention", "fact_id", "source_id",
                  "review"]
COMPARABLE_PERIODS = ("year", "point")  # a total "to date" has no place on a yearly axis


def dated_points(facts: pd.DataFrame, province: str) -> pd.DataFrame:
    """Every dated figure of a province that can sit on a time axis, one per series and year.

    kind is "result" for results and estimates, else the basis (plan, target). Where two sources
    give the same year, the one with the latest as-of date is kept (the cross-source check reports both).
    """
    dated = facts[(facts["province"] == province) & facts["year"].notna()
                  & facts["period"].isin(COMPARABLE_PERIODS)]
    dated = dated.assign(kind=dated["basis"].where(~dated["basis"].isin(OUTTURN), "result"),
                         lag=(dated["year"] - dated["vintage"]).astype("Int64"))
    latest = dated.sort_values("as_of", na_position="first", kind="stable").drop_duplicates(
        [*SERIES_KEY, "year"], keep="last")
    return latest[SERIES_COLUMNS].sort_values([*SERIES_KEY, "year"], na_position="first").reset_index(drop=True)


def series(facts: pd.DataFrame, province: str) -> pd.DataFrame:
    """The dated points of indicators stated for more than one year in an area, every series of them
    (a plan of one year beside results of two is shown with them, labelled)."""
    points = dated_points(facts, province)
    years = points.groupby(["indicator", "area", "area_level"], dropna=False)["year"].transform("nunique")
    return points[years > 1].reset_index(drop=True)


def yoy_changes(points: pd.DataFrame, points_units: set[str] = frozenset()) -> pd.DataFrame:
    """Change from the previous stated year: absolute and relative; for rates, and for indicators in
    `points_units` (differences of rates), the change is in percentage points and has no relative."""
    rows = []
    for _, group in points.groupby(SERIES_KEY, dropna=False, sort=False):
        ordered = group.sort_values("year")
        for before, after in zip(ordered.itertuples(), ordered.iloc[1:].itertuples()):
            change = after.value - before.value
            in_points = after.unit == "percent" or after.indicator in points_units
            rows.append({
                **{k: getattr(after, k) for k in SERIES_KEY},
                "year": after.year, "previous_year": before.year,
                "value": after.value, "previous": before.value, "change": change,
                "change_unit": "percentage_points" if in_points else after.unit,
                "relative_change": 100 * change / before.value if before.value and not in_points else None,
                "facts": [before.fact_id, after.fact_id],
            })
    return pd.DataFrame(rows, columns=[*SERIES_KEY, "year", "previous_year", "value", "previous", "change",
                                       "change_unit", "relative_change", "facts"])


@dataclass(frozen=True)
class Trend:
    """A straight-line fit of value on year: slope per year with its 95% confidence interval."""

    indicator: str
    points: int
    slope: float
    slope_low: float
    slope_high: float
    p_value: float


def fit_trend(points: pd.DataFrame) -> Trend | None:
    """OLS of value on year; None with fewer than three years (no honest interval from two)."""
    if points["year"].nunique() < MIN_POINTS_FOR_TREND:
        return None
    years = sm.add_constant(points["year"].astype(float).to_numpy())
    fit = sm.OLS(points["value"].astype(float).to_numpy(), years).fit()
    low, high = fit.conf_int(alpha=0.05)[1]
    return Trend(points["indicator"].iloc[0], len(points), float(fit.params[1]), float(low), float(high),
                 float(fit.pvalues[1]))
