"""Programme capital: plan and disbursement by capital type, area and plan year, from declared roles."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import loaders
from .schemas import OUTTURN

CAPITAL_COLUMNS = [
    "area", "area_level", "year", "vintage", "capital", "plan", "plan_fact", "disbursed", "disbursed_fact",
    "disbursed_mention", "disbursed_qualifier", "as_of", "computed_rate", "stated_rate", "stated_rate_fact",
    "stated_rate_mention", "source_id", "plan_source_id",
]
# Figures about a district never meet figures about the whole province: every match is within one area.
AREA_KEY = ["area", "area_level"]


@dataclass(frozen=True)
class CapitalType:
    """One kind of capital and the indicators the catalogue declares for it (role, capital_type)."""

    key: str
    part_of: str
    name_vi: str
    name_en: str
    plan: str | None
    disbursed: str | None
    rate: str | None

    def name(self, lang: str) -> str:
        return self.name_vi if lang == "vi" else self.name_en


def capital_types(indicators: pd.DataFrame, types: pd.DataFrame | None = None) -> list[CapitalType]:
    """The capital types some indicator is declared for, in capital_types.csv order.

    Only declarations count: an indicator without a role is never read as capital, whatever its
    relations say (loaders._check_roles guarantees one indicator per role and type)."""
    types = loaders.load_capital_types() if types is None else types
    declared = indicators[indicators["role"] != ""]
    found = []
    for row in types.itertuples():
        mine = declared[declared["capital_type"] == row.capital_type].set_index("role")["indicator"]
        if len(mine):
            found.append(CapitalType(row.capital_type, row.part_of, row.name_vi, row.name_en,
                                     mine.get("capital_plan"), mine.get("disbursed"), mine.get("disbursement_rate")))
    return found


def capital_table(facts: pd.DataFrame, indicators: pd.DataFrame, province: str,
                  types: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per disbursement figure (and per plan that has none), with the rate recomputed.

    The plan comes from the disbursement's own source when it states one, else from another
    source for the same area, year and plan year (plan_source_id says which). computed_rate is
    disbursed / plan in percent; stated_rate is what the same source says, if it says. `capital`
    is the capital type's key.
    """
    kinds = capital_types(indicators, types)
    by_indicator: dict[str, list] = {}
    for fact in facts[facts["province"] == province].itertuples():
        by_indicator.setdefault(fact.indicator, []).append(fact)
    rows = []
    for kind in kinds:
        plans = [f for f in by_indicator.get(kind.plan, []) if f.basis == "plan"]
        disbursed = [f for f in by_indicator.get(kind.disbursed, []) if f.basis in OUTTURN]
        rates = [f for f in by_indicator.get(kind.rate, []) if f.basis in OUTTURN]
        for fact in disbursed:
            plan = _match(plans, fact)
            rate = _match(rates, fact, only_same_source=True)
            rows.append(_row(kind, fact, plan, fact, rate))
        for plan in plans:
            if not any(_key(d) == _key(plan) for d in disbursed):
                rows.append(_row(kind, plan, plan, None, None))
    table = pd.DataFrame(rows, columns=CAPITAL_COLUMNS)
    order = {kind.key: n for n, kind in enumerate(kinds)}
    return table.sort_values(["area", "year", "vintage", "capital"], ascending=[True, True, False, True],
                             key=lambda c: c.map(order) if c.name == "capital" else c, kind="stable") \
        .reset_index(drop=True)


def _key(fact) -> tuple:
    """Where and when a figure is: area, year and plan year (a missing year is None, never NA)."""
    return (fact.area, fact.area_level, None if pd.isna(fact.year) else int(fact.year),
            None if pd.isna(fact.vintage) else int(fact.vintage))


def _match(candidates: list, fact, only_same_source: bool = False):
    """The figure with the same key, from the same source if there is one, else (unless
    only_same_source) from another source."""
    same_key = [c for c in candidates if _key(c) == _key(fact)]
    same_source = [c for c in same_key if c.source_id == fact.source_id]
    chosen = same_source if same_source or only_same_source else same_key
    return chosen[0] if chosen else None


def _row(kind: CapitalType, key, plan, disbursed, rate) -> dict:
    computed = 100 * disbursed.value / plan.value if plan is not None and disbursed is not None and plan.value \
        else None
    return {
        "area": key.area, "area_level": key.area_level, "year": key.year, "vintage": key.vintage,
        "capital": kind.key,
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
