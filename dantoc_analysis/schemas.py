"""Table schemas (pandera): the documented columns of sources, indicators and facts."""

from __future__ import annotations

import pandera.pandas as pa

from .numbers import QUALIFIERS

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SNAKE = r"^[a-z][a-z0-9_]*$"
BASES = ("result", "estimate", "plan", "target")  # a target is not a result: keep both, linked
OUTTURN = ("result", "estimate")  # what happened, as opposed to a plan or a target
PERIODS = ("year", "to_date", "point")  # flow in a year | total so far | level at a date
TARGET_RULES = ("", "at_least", "at_most")
YES_NO = ("", "yes", "no")
REVIEWS = ("checked", "draft")  # curated by a person | drafted by `dantoc add`, not yet reviewed
# What an indicator is to the capital narrative and table; "" = none of these.
ROLES = ("", "capital_plan", "disbursed", "disbursement_rate")
# Columns a facts.csv may leave out (a file written before they existed still loads; they read "").
OPTIONAL_FACT_COLUMNS = ("ambiguity_vi", "inferred_from")

_text = {"dtype": "str", "nullable": False}

SOURCES = pa.DataFrameSchema(
    {
        "source_id": pa.Column(**_text, unique=True, checks=pa.Check.str_matches(SLUG)),
        "path": pa.Column(**_text, unique=True),
        "province": pa.Column(**_text),  # slug, or "" when the text does not say
        "area": pa.Column(**_text),  # the district or commune the document is about, "" = the province
        "area_level": pa.Column(**_text),  # a level of area_levels.csv when area is given
        "title": pa.Column(**_text),
        "publisher": pa.Column(**_text),
        "published": pa.Column("datetime64[ns]", nullable=True),
        "event_date": pa.Column("datetime64[ns]", nullable=True),
        "report_year": pa.Column("Int64", nullable=True, checks=pa.Check.in_range(2000, 2100)),
        "url": pa.Column(**_text),
        "sha256": pa.Column(**_text, checks=pa.Check.str_matches(r"^[0-9a-f]{64}$")),
        "notes": pa.Column(**_text),
    },
    strict=True,
    name="sources",
)

INDICATORS = pa.DataFrameSchema(
    {
        "indicator": pa.Column(**_text, unique=True, checks=pa.Check.str_matches(SNAKE)),
        "name_vi": pa.Column(**_text, checks=pa.Check.str_length(min_value=1)),
        "name_en": pa.Column(**_text, checks=pa.Check.str_length(min_value=1)),
        "short_vi": pa.Column(**_text),  # the phrase a sentence uses, where the name is too long
        "short_en": pa.Column(**_text),
        "unit": pa.Column(**_text),
        "domain": pa.Column(**_text, checks=pa.Check.str_matches(SNAKE)),  # a key of domains.csv
        "role": pa.Column(**_text, checks=pa.Check.isin(ROLES)),
        "capital_type": pa.Column(**_text),  # a key of capital_types.csv, with a role
        "project": pa.Column(**_text, checks=pa.Check.str_matches(r"^(DA([1-9]|10))?$")),
        "sum_of": pa.Column(**_text),
        "ratio_of": pa.Column(**_text),
        "target_rule": pa.Column(**_text, checks=pa.Check.isin(TARGET_RULES)),
        "over_100": pa.Column(**_text, checks=pa.Check.isin(YES_NO)),
        # "yes": stated with '%' but a difference of two rates, so it and its changes are percentage points.
        "rate_difference": pa.Column(**_text, checks=pa.Check.isin(YES_NO)),
        "usd_equivalent_of": pa.Column(**_text),
        "requires_vintage": pa.Column(**_text, checks=pa.Check.isin(YES_NO)),
        "description": pa.Column(**_text),
    },
    strict=True,
    name="indicators",
)

FACTS = pa.DataFrameSchema(
    {
        "fact_id": pa.Column(**_text, unique=True, checks=pa.Check.str_length(min_value=1)),
        "source_id": pa.Column(**_text),
        "province": pa.Column(**_text, checks=pa.Check.str_matches(SLUG)),
        "area": pa.Column(**_text),  # "" = the whole province, else a district or commune inside it
        "area_level": pa.Column(**_text),
        "year": pa.Column("Int64", nullable=True, checks=pa.Check.in_range(2000, 2100)),
        "indicator": pa.Column(**_text),
        "value": pa.Column("float64", checks=pa.Check.ge(0)),
        "unit": pa.Column(**_text),
        "qualifier": pa.Column(**_text, checks=pa.Check.isin(QUALIFIERS)),
        "basis": pa.Column(**_text, checks=pa.Check.isin(BASES)),
        "period": pa.Column(**_text, checks=pa.Check.isin(PERIODS)),
        "vintage": pa.Column("Int64", nullable=True, checks=pa.Check.in_range(2000, 2100)),
        "as_of": pa.Column("datetime64[ns]", nullable=True),
        "mention": pa.Column(**_text, checks=pa.Check.str_length(min_value=1)),
        "quote": pa.Column(**_text, checks=pa.Check.str_length(min_value=1)),
        "ambiguity": pa.Column(**_text),
        "review": pa.Column(**_text, checks=pa.Check.isin(REVIEWS)),
        "ambiguity_vi": pa.Column(**_text),  # the ambiguity note in Vietnamese (`ambiguity` is English)
        # Fact ids (space-separated) this row's reading was inferred from: a check between them is not independent.
        "inferred_from": pa.Column(**_text),
        # Derived on load from the mention, never typed: one step of the last stated digit.
        "resolution": pa.Column("float64", checks=pa.Check.gt(0)),
    },
    strict=True,
    name="facts",
)

PLAUSIBILITY = pa.DataFrameSchema(
    {
        "check": pa.Column(**_text, unique=True, checks=pa.Check.str_matches(SNAKE)),
        "low": pa.Column("float64"),
        "high": pa.Column("float64"),
        "unit": pa.Column(**_text),
        "rationale": pa.Column(**_text, checks=pa.Check.str_length(min_value=1)),
    },
    strict=True,
    name="plausibility",
)

AREA_LEVELS = pa.DataFrameSchema(
    {
        "level": pa.Column(**_text, unique=True, checks=pa.Check.str_matches(SNAKE)),
        "tier": pa.Column(**_text, checks=pa.Check.isin(("district", "commune"))),
        "name_vi": pa.Column(**_text, checks=pa.Check.str_length(min_value=1)),
        "name_en": pa.Column(**_text, checks=pa.Check.str_length(min_value=1)),
    },
    strict=True,
    name="area_levels",
)

PROJECTS = pa.DataFrameSchema(
    {
        "project": pa.Column(**_text, unique=True, checks=pa.Check.str_matches(r"^DA([1-9]|10)$")),
        "name_vi": pa.Column(**_text, checks=pa.Check.str_length(min_value=1)),
        "name_en": pa.Column(**_text, checks=pa.Check.str_length(min_value=1)),
    },
    strict=True,
    name="projects",
)

DOMAINS = pa.DataFrameSchema(
    {
        "domain": pa.Column(**_text, unique=True, checks=pa.Check.str_matches(SNAKE)),
        "name_vi": pa.Column(**_text, checks=pa.Check.str_length(min_value=1)),
        "name_en": pa.Column(**_text, checks=pa.Check.str_length(min_value=1)),
    },
    strict=True,
    name="domains",
)

CAPITAL_TYPES = pa.DataFrameSchema(
    {
        "capital_type": pa.Column(**_text, unique=True, checks=pa.Check.str_matches(SNAKE)),
        "order": pa.Column("Int64", unique=True),
        "part_of": pa.Column(**_text),  # the capital type this one is a part of ("" for a total)
        "name_vi": pa.Column(**_text, checks=pa.Check.str_length(min_value=1)),
        "name_en": pa.Column(**_text, checks=pa.Check.str_length(min_value=1)),
    },
    strict=True,
    name="capital_types",
)

SEVERITIES = pa.DataFrameSchema(
    {
        "severity": pa.Column(**_text, unique=True, checks=pa.Check.str_matches(SNAKE)),
        "rank": pa.Column("Int64", unique=True),
        # How a badge looks (a class of the index page): problem, attention, clean or unchecked.
        "tone": pa.Column(**_text, checks=pa.Check.isin(("problem", "attention", "clean", "unchecked"))),
        "name_vi": pa.Column(**_text, checks=pa.Check.str_length(min_value=1)),
        "name_en": pa.Column(**_text, checks=pa.Check.str_length(min_value=1)),
        "meaning": pa.Column(**_text, checks=pa.Check.str_length(min_value=1)),
    },
    strict=True,
    name="severities",
)
