"""The shipped data: seeds unchanged, every figure traceable to its words."""

import hashlib
import os
from decimal import Decimal

import pytest

import dantoc_analysis as da
from dantoc_analysis import paths
from dantoc_analysis.loaders import source_texts

from .conftest import SEEDS


@pytest.fixture(scope="module")
def tables():
    sources = da.load_sources()
    return sources, da.load_facts(sources=sources), source_texts(sources)


def test_seeds_are_in_data_raw_byte_for_byte():
    if not SEEDS.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must have the seeds at {SEEDS}")
        pytest.skip("shared/seeds is not beside the repository")
    raw = {p.name: p.read_bytes() for p in (paths.REPO_ROOT / "data" / "raw").iterdir()}
    for seed in SEEDS.glob("*.txt"):
        assert raw.get(seed.name) == seed.read_bytes(), seed.name


def test_registry_hashes_match(tables):
    sources, _, _ = tables
    for row in sources.itertuples():
        assert hashlib.sha256((paths.REPO_ROOT / "data" / row.path).read_bytes()).hexdigest() == row.sha256


def test_every_quote_is_verbatim_and_every_value_re_parses(tables):
    _, facts, texts = tables
    for fact in facts.itertuples():
        assert texts[fact.source_id].count(fact.quote) == 1, fact.fact_id
        assert fact.mention in fact.quote, fact.fact_id
        figure = da.parse_figure(fact.mention)
        assert Decimal(str(fact.value)) in (figure.value, figure.denominator), fact.fact_id


def test_facts_per_document(tables):
    # A regression guard on curation: 001 states no figure at all.
    _, facts, _ = tables
    counts = facts["source_id"].value_counts().to_dict()
    assert counts == {"lsn-portal-2023": 36, "lsn-baolangson-2024-01-10": 10,
                      "lsn-bkto-2024": 6, "tng-bandantoc-2022-01-18": 6}


@pytest.mark.parametrize("furniture", ["8264", "3320252", "0208", "666A", "1719/QĐ-TTg", "14/10/2021", "lần thứ IV"])
def test_page_furniture_and_document_numbers_are_not_facts(tables, furniture):
    _, facts, _ = tables
    assert not facts["mention"].str.contains(furniture, regex=False).any()


def test_unknown_province_is_recorded_not_guessed(tables):
    sources, facts, _ = tables
    unnamed = sources[sources["province"] == ""]
    assert list(unnamed["path"]) == ["raw/001_0973ce4f1e4b4ba9.txt"]
    assert not facts["source_id"].isin(unnamed["source_id"]).any()


def test_capital_carries_its_plan_year(tables):
    _, facts, _ = tables
    carried = facts[(facts["indicator"] == "capital_plan_total") & (facts["vintage"] == 2022)]
    assert list(carried["year"]) == [2023]  # 2022 money spent in 2023 is not 2023 money
    assert carried["value"].tolist() == [343591.0]


def test_targets_are_not_results(tables):
    _, facts, _ = tables
    poverty = facts[facts["indicator"] == "poverty_rate_reduction"].set_index("source_id")["basis"]
    assert poverty.to_dict() == {"lsn-bkto-2024": "result", "lsn-portal-2023": "target"}


def test_every_indicator_in_use_is_catalogued_with_names():
    indicators = da.load_indicators()
    facts = da.load_facts(indicators=indicators)
    assert set(facts["indicator"]) <= set(indicators["indicator"])
    assert (indicators["name_vi"] != "").all() and (indicators["name_en"] != "").all()
