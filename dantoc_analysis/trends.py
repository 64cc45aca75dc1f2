"""Series over years: year-over-year changes and, from three points on, a trend with its CI."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import statsmodels.api as sm

from .schemas import OUTTURN

MIN_POINTS_FOR_TREND = 3
SERIES_COLUMNS = ["indicator", "vintage", "unit", "year", "value", "qualifier", "fact_id", "source_id"]


def series(facts: pd.DataFrame, province: str) -> pd.DataFrame:
    """Outturn figures of indicators stated for more than one year (one value per year).

    Undated figures cannot be placed on a time axis and are left out; where two sources give the
    same year, the one with the latest as-of date is kept (the cross-source check reports both).
    """
    dated = facts[(facts["province"] == province) & facts["basis"].isin(OUTTURN) & facts["year"].notna()
                  & (facts["period"] == "year")]
    latest = dated.sort_values("as_of", na_position="first").drop_duplicates(
        ["indicator", "vintage", "year"], keep="last")
    years = latest.groupby(["indicator", "vintage"], dropna=False)["year"].transform("nunique")
    return latest[years > 1][SERIES_COLUMNS].sort_values(["indicator", "year"]).reset_index(drop=True)


def yoy_changes(points: pd.DataFrame) -> pd.DataFrame:
    """Change from the previous stated year: absolute (percentage points for rates) and relative."""
    rows = []
    for _, group in points.groupby(["indicator", "vintage"], dropna=False, sort=False):
        ordered = group.sort_values("year")
        for before, after in zip(ordered.itertuples(), ordered.iloc[1:].itertuples()):
            change = after.value - before.value
            rows.append({
                "indicator": after.indicator, "year": after.year, "previous_year": before.year,
                "value": after.value, "previous": before.value, "change": change,
                "change_unit": "percentage_points" if after.unit == "percent" else after.unit,
                "relative_change": 100 * change / before.value if before.value else None,
                "facts": [before.fact_id, after.fact_id],
            })
    return pd.DataFrame(rows, columns=["indicator", "year", "previous_year", "value", "previous", "change",
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
