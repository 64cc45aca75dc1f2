"""Valid data sets drawn by hypothesis: provinces, areas, years, plan years, qualifiers, bases, targets,
drafts, new indicators and domains; in memory for the narrative, or written out as a data folder."""

from __future__ import annotations

import csv
import hashlib
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pandas as pd
from hypothesis import strategies as st

from dantoc_analysis import loaders, paths
from dantoc_analysis.extract import IGNORED_COLUMNS
from dantoc_analysis.grammar import parse_figure
from dantoc_analysis.numbers import format_number, vocabulary

DATA = paths.REPO_ROOT / "data"
PROVINCES = ["lang-son", "thai-nguyen", "cao-bang", "ha-giang"]
AREAS = [("", ""), ("Bình Gia", "district"), ("Văn Quan", "district"), ("Hoàng Văn Thụ", "ward")]
YEARS = list(range(2021, 2027))
QUALIFIER_WORDS = {"exact": "", "approx": "khoảng", "over": "trên", "under": "dưới"}
CAPITAL_ROLES = ("capital_plan", "disbursed", "disbursement_rate")
# Indicators and a domain no seed has: the reports must take them without a code change.
NEW_DOMAIN = {"domain": "education", "name_vi": "Giáo dục", "name_en": "Education"}
NEW_INDICATORS = [
    {"indicator": "boarding_students", "name_vi": "Số học sinh bán trú được hỗ trợ",
     "name_en": "Boarding pupils supported", "unit": "people", "domain": "education", "project": "DA5"},
    {"indicator": "dropout_rate_reduction", "name_vi": "Mức giảm tỷ lệ học sinh bỏ học",
     "name_en": "Reduction of the dropout rate", "unit": "percent", "domain": "education",
     "rate_difference": "yes", "target_rule": "at_least"},
    # A rate over a capital plan with no declared role: the capital prose must ignore it.
    {"indicator": "disbursement_rate_total", "name_vi": "Tỷ lệ giải ngân tổng vốn",
     "name_en": "Total capital disbursement rate", "unit": "percent", "domain": "finance",
     "requires_vintage": "yes"},
]


def _noun(unit: str) -> str:
    return next(noun for noun, u in vocabulary().units.items() if u.unit == unit)


def mention_for(value: Decimal, unit: str, qualifier: str, denominator: Decimal | None = None,
                per_year: bool = False) -> str:
    """The words a Vietnamese report would use for the figure: '1.188.600 triệu đồng', 'khoảng 2,9%/năm'."""
    number = format_number(value, "vi")
    if denominator is not None:
        number += "/" + format_number(denominator, "vi")
    if unit == "million_vnd":
        words = f"{number} triệu đồng"
    elif unit == "percent":
        words = f"{number}%" + ("/năm" if per_year else "")
    else:
        words = f"{number} {_noun(unit)}"
    return f"{QUALIFIER_WORDS[qualifier]} {words}".strip()


amounts = st.integers(min_value=1, max_value=2_000_000).map(Decimal)
rates = st.integers(min_value=0, max_value=1200).map(lambda n: Decimal(n) / 10)


SHIPPED = {"indicators": loaders.load_indicators(), "domains": loaders.load_domains()}


@st.composite
def catalogue(draw) -> tuple[pd.DataFrame, pd.DataFrame]:
    indicators, domains = SHIPPED["indicators"], SHIPPED["domains"]
    if draw(st.booleans()):
        rows = [{c: "" for c in indicators.columns} | spec for spec in NEW_INDICATORS]
        indicators = pd.concat([indicators, pd.DataFrame(rows)], ignore_index=True)
        domains = pd.concat([domains, pd.DataFrame([NEW_DOMAIN])], ignore_index=True)
    return indicators, domains


@st.composite
def data_sets(draw) -> dict:
    """facts, sources, indicators, domains: frames as the loaders return them (resolution included)."""
    indicators, domains = draw(catalogue())
    provinces = draw(st.lists(st.sampled_from(PROVINCES), min_size=1, max_size=3, unique=True))
    sources, facts = [], []
    for province in provinces:
        for n in range(draw(st.integers(1, 3))):
            area, level = draw(st.sampled_from(AREAS))
            day = draw(st.none() | st.dates(date(2021, 1, 1), date(2026, 12, 31)))
            source_id = f"{province}-{n}"
            sources.append({
                "source_id": source_id, "path": f"raw/{source_id}.txt", "province": province, "area": area,
                "area_level": level, "title": f"Báo cáo {n}", "publisher": "Ban Dân tộc",
                "published": day if draw(st.booleans()) else None, "event_date": day, "report_year": None,
                "url": "", "sha256": "0" * 64, "notes": ""})
            facts += draw(capital_facts(source_id, province, area, level, indicators))
            facts += draw(other_facts(source_id, province, area, level, indicators, at_least=not facts))
    for number, fact in enumerate(facts):
        fact["fact_id"] = f"{fact['source_id']}#{number:03d}"
        fact["quote"] = f"{fact['mention']} [{number:03d}]"
    frame = pd.DataFrame(facts, columns=[*loaders.fact_columns()])
    frame["resolution"] = [float(parse_figure(m).resolution) for m in frame["mention"]]
    frame = frame.astype({"year": "Int64", "vintage": "Int64", "value": "float64"})
    frame["as_of"] = pd.to_datetime(frame["as_of"])
    source_frame = pd.DataFrame(sources)
    for column in ("published", "event_date"):
        source_frame[column] = pd.to_datetime(source_frame[column])
    source_frame["report_year"] = pd.array([None] * len(source_frame), dtype="Int64")
    return {"facts": frame, "sources": source_frame, "indicators": indicators, "domains": domains}


def _fact(source_id, province, area, level, indicator, value, unit, *, year, basis="result", qualifier="exact",
          period="year", vintage=None, as_of=None, review="checked", denominator=None, per_year=False,
          mention_value=None) -> dict:
    mention = mention_for(mention_value if mention_value is not None else value, unit, qualifier, denominator,
                          per_year)
    return {"source_id": source_id, "province": province, "area": area, "area_level": level, "year": year,
            "indicator": indicator, "value": float(value), "unit": unit, "qualifier": qualifier, "basis": basis,
            "period": period, "vintage": vintage, "as_of": as_of, "mention": mention, "quote": "",
            "ambiguity": "" if year is not None else "Không rõ năm.", "review": review,
            "ambiguity_vi": "", "inferred_from": ""}


@st.composite
def capital_facts(draw, source_id, province, area, level, indicators) -> list[dict]:
    declared = indicators[indicators["role"] != ""].set_index(["role", "capital_type"])["indicator"]
    facts = []
    for _ in range(draw(st.integers(0, 2))):
        year = draw(st.sampled_from(YEARS))
        vintage = year - draw(st.sampled_from([0, 0, 1]))
        as_of = draw(st.sampled_from([None, date(year, 12, 31), date(year + 1, 1, 31)]))
        review = draw(st.sampled_from(["checked", "checked", "draft"]))
        key = dict(year=year, vintage=vintage, review=review)
        plans = {}
        for kind in ("investment", "recurrent"):
            if draw(st.booleans()):
                plans[kind] = draw(amounts)
                facts.append(_fact(source_id, province, area, level, declared[("capital_plan", kind)],
                                   plans[kind], "million_vnd", basis="plan", **key))
        if plans and draw(st.booleans()):
            total = sum(plans.values()) if draw(st.booleans()) else draw(amounts)
            facts.append(_fact(source_id, province, area, level, declared[("capital_plan", "total")], total,
                               "million_vnd", basis="plan", **key))
        for kind in ("investment", "recurrent"):
            if not draw(st.booleans()):
                continue
            disbursed = draw(amounts)
            qualifier = draw(st.sampled_from(list(QUALIFIER_WORDS)))
            facts.append(_fact(source_id, province, area, level, declared[("disbursed", kind)], disbursed,
                               "million_vnd", qualifier=qualifier, as_of=as_of, **key))
            if draw(st.booleans()):
                plan = plans.get(kind)
                rate = (Decimal(round(100 * disbursed / plan)) if plan and draw(st.booleans()) else draw(rates))
                facts.append(_fact(source_id, province, area, level, declared[("disbursement_rate", kind)], rate,
                                   "percent", as_of=as_of, **key))
        if "disbursement_rate_total" in set(indicators["indicator"]) and draw(st.booleans()):
            facts.append(_fact(source_id, province, area, level, "disbursement_rate_total", draw(rates), "percent",
                               **key))
    return facts


@st.composite
def other_facts(draw, source_id, province, area, level, indicators, at_least: bool = False) -> list[dict]:
    plain = indicators[(indicators["role"] == "") & (indicators["requires_vintage"] != "yes")]
    facts = []
    for _ in range(draw(st.integers(1 if at_least else 0, 6))):
        row = plain.iloc[draw(st.integers(0, len(plain) - 1))]
        unit = row["unit"]
        value = draw(rates if unit == "percent" else st.integers(0, 5000).map(Decimal))
        year = draw(st.none() | st.sampled_from(YEARS))
        basis = draw(st.sampled_from(["result", "estimate", "plan", "target"]))
        where = (COUNTRY_SLUG, "", "") if draw(st.integers(0, 9)) == 0 else (province, area, level)
        pair = unit not in ("percent", "million_vnd", "usd") and draw(st.integers(0, 4)) == 0
        common = dict(year=year, basis=basis, period=draw(st.sampled_from(["year", "to_date", "point"])),
                      qualifier=draw(st.sampled_from(list(QUALIFIER_WORDS))),
                      review=draw(st.sampled_from(["checked", "checked", "draft"])),
                      per_year=row["rate_difference"] == "yes" and draw(st.booleans()))
        if pair:  # "28/7 công trình": the result and its plan, two facts from one mention
            plan = draw(st.integers(1, 500).map(Decimal))
            facts.append(_fact(source_id, *where, row["indicator"], value, unit, denominator=plan,
                               **common | {"basis": "result", "qualifier": "exact"}))
            facts.append(_fact(source_id, *where, row["indicator"], plan, unit, denominator=plan,
                               mention_value=value, **common | {"basis": "plan", "qualifier": "exact"}))
        else:
            facts.append(_fact(source_id, *where, row["indicator"], value, unit, **common))
    return facts


COUNTRY_SLUG = "vietnam"


def write_data(data: dict, folder: Path) -> Path:
    """The data set as a data folder the loaders (and so the notebooks) read: raw texts made of the
    quotes, registry with their hashes, the drawn catalogue and domains, the shipped reference tables."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in paths.CATALOGUE_FILES:
        if name not in ("indicators.csv", "domains.csv"):  # drawn with the data set
            shutil.copy(DATA / name, folder / name)
    # The shipped list names the shipped sources; drawn texts hold only their quotes' figures.
    (folder / "ignored_mentions.csv").write_text(",".join(IGNORED_COLUMNS) + "\n", encoding="utf-8")
    (folder / "raw").mkdir(exist_ok=True)
    sources = data["sources"].copy()
    for row in sources.itertuples():
        quotes = data["facts"][data["facts"]["source_id"] == row.source_id]["quote"]
        text = "Báo cáo.\n" + "\n".join(quotes) + "\n"
        (folder / row.path).write_text(text, encoding="utf-8")
        sources.loc[sources["source_id"] == row.source_id, "sha256"] = hashlib.sha256(text.encode()).hexdigest()
    _write_csv(sources, folder / "sources.csv")
    _write_csv(data["facts"].drop(columns="resolution"), folder / "facts.csv")
    _write_csv(data["indicators"], folder / "indicators.csv")
    _write_csv(data["domains"], folder / "domains.csv")
    return folder


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    shown = frame.copy()
    for column in shown.columns:
        if pd.api.types.is_datetime64_any_dtype(shown[column]):
            shown[column] = shown[column].dt.strftime("%Y-%m-%d")
        elif column in ("value",):
            shown[column] = [format(Decimal(str(v)).normalize(), "f") for v in shown[column]]
    shown.astype(object).where(shown.notna(), "").to_csv(path, index=False, quoting=csv.QUOTE_MINIMAL)
