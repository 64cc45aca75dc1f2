"""Programme capital: plan and disbursement by capital type and plan year, from the relations."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import loaders
from .schemas import OUTTURN

CAPITAL_COLUMNS = [
    "year", "vintage", "capital", "plan", "plan_fact", "disbursed", "disbursed_fact", "disbursed_mention",
    "disbursed_qualifier", "as_of", "computed_rate", "stated_rate", "stated_rate_fact", "stated_rate_mention",
    "source_id", "plan_source_id",
]


@dataclass(frozen=True)
class CapitalType:
    """One kind of capital as the catalogue declares it: rate = disbursed / plan."""

    plan: str
    disbursed: str
    rate: str


def capital_types(indicators: pd.DataFrame) -> list[CapitalType]:
    """Rates over a plan ('x / y@plan') in the finance domain, in catalogue order."""
    types = []
    for row in indicators[(indicators["domain"] == "finance") & (indicators["ratio_of"] != "")].itertuples():
        numerator, denominator = loaders.relation_terms(row.ratio_of)
        if denominator.endswith("@plan"):
            types.append(CapitalType(plan=denominator.removesuffix("@plan"), disbursed=numerator, rate=row.indicator))
    return types


def total_indicator(indicators: pd.DataFrame, parts: list[str]) -> str | None:
    """The indicator declared as the sum of exactly these parts (the total capital plan)."""
    for row in indicators[indicators["sum_of"] != ""].itertuples():
        if set(loaders.relation_terms(row.sum_of)) == set(parts):
            return row.indicator
    return None


def capital_table(facts: pd.DataFrame, indicators: pd.DataFrame, province: str) -> pd.DataFrame:
    """One row per disbursement figure (and per plan that has none), with the rate recomputed.

    The plan comes from the disbursement's own source when it states one, else from another
    source for the same year and plan year (plan_source_id says which). computed_rate is
    disbursed / plan in percent; stated_rate is what the same source says, if it says.
    """
    own = facts[facts["province"] == province]
    rows = []
    for kind in capital_types(indicators):
        plans = own[(own["indicator"] == kind.plan) & (own["basis"] == "plan")]
        disbursed = own[(own["indicator"] == kind.disbursed) & own["basis"].isin(OUTTURN)]
        rates = own[(own["indicator"] == kind.rate) & own["basis"].isin(OUTTURN)]
        for fact in disbursed.itertuples():
            plan = _match(plans, fact, prefer_source=fact.source_id)
            rate = _match(rates, fact, prefer_source=fact.source_id, only_same_source=True)
            rows.append(_row(kind, fact.year, fact.vintage, plan, fact, rate))
        for plan in plans.itertuples():
            if not len(disbursed[_same_key(disbursed, plan)]):
                rows.append(_row(kind, plan.year, plan.vintage, plan, None, None))
    table = pd.DataFrame(rows, columns=CAPITAL_COLUMNS)
    return table.sort_values(["year", "vintage", "capital"], ascending=[True, False, True], kind="stable") \
        .reset_index(drop=True)


def _same_key(frame: pd.DataFrame, fact) -> pd.Series:
    return (frame["year"] == fact.year) & (frame["vintage"] == fact.vintage)


def _match(frame: pd.DataFrame, fact, prefer_source: str, only_same_source: bool = False):
    candidates = frame[_same_key(frame, fact)]
    same = candidates[candidates["source_id"] == prefer_source]
    chosen = same if len(same) or only_same_source else candidates
    return next(chosen.itertuples(), None)


def _row(kind: CapitalType, year, vintage, plan, disbursed, rate) -> dict:
    computed = 100 * disbursed.value / plan.value if plan is not None and disbursed is not None else None
    return {
        "year": year, "vintage": vintage, "capital": kind.plan,
        "plan": plan.value if plan is not None else None,
        "plan_fact": plan.fact_id if plan is not None else None,
        "disbursed": disbursed.value if disbursed is not None else None,
        "disbursed_fact": disbursed.fact_id if disbursed is not None else None,
        "disbursed_mention": disbursed.mention if disbursed is not None else None,
        "disbursed_qualifier": disbursed.qualifier if disbursed is not None else None,
        "as_of": disbursed.as_of if disbursed is not None else None,
        "computed_rate": computed,
        "stated_rate": rate.value if rate is not None else None,
        "stated_rate_fact": rate.fact_id if rate is not None else None,
        "stated_rate_mention": rate.mention if rate is not None else None,
        "source_id": (disbursed if disbursed is not None else plan).source_id,
        "plan_source_id": plan.source_id if plan is not None else None,
    }
