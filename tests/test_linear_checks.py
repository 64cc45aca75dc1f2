"""The indexed checks, coverage and quote look-ups find exactly what a scan over every fact found."""

import importlib.util
import random

import pandas as pd
import pytest

from dantoc_analysis import checks, extract, loaders, paths
from dantoc_analysis.errors import DataError
from dantoc_analysis.schemas import OUTTURN

RULES = {"sum", "rate", "cross_source", "target", "range", "exchange", "coverage"}


class ScanningContext(checks.Context):
    """The look-ups as they were before the indexes: every call scans every fact (the reference)."""

    def of(self, indicator):
        return [f for f in self.facts if f.indicator == indicator]

    def find(self, indicator, bases, key, source_id=None):
        return [f for f in self.facts if f.indicator == indicator and f.basis in bases and f.key == key
                and (source_id is None or f.source_id == source_id)]

    def results(self, indicator, place, year):
        return [f for f in self.facts if f.indicator == indicator and f.basis in OUTTURN
                and f.key[:3] == place and f.year == year]

    def when(self, fact):
        if fact.as_of:
            return checks.phrase("as_of", date=checks._date(fact.as_of))
        source = self.sources.loc[fact.source_id]
        if not pd.isna(source["event_date"]):
            return checks.phrase("event", date=checks._date(source["event_date"].date()))
        if not pd.isna(source["published"]):
            return checks.phrase("reported", date=checks._date(source["published"].date()))
        return checks.phrase("undated")


def _bench():
    spec = importlib.util.spec_from_file_location("bench_check", paths.REPO_ROOT / "bench" / "check.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """bench/check.py's made-up data, small, over two provinces so that sources meet."""
    folder = tmp_path_factory.mktemp("generated") / "data"
    _bench().generate(folder, 400, seed=9, provinces=2)
    return folder


def _all_findings(data_dir) -> pd.DataFrame:
    sources = loaders.load_sources(data_dir)
    indicators = loaders.load_indicators(data_dir)
    facts = loaders.load_facts(data_dir, sources, indicators)
    return checks.run_all_checks(facts, indicators, sources, data_dir)


@pytest.mark.parametrize("which", ["shipped", "generated"])
def test_findings_are_those_of_a_scan_over_every_fact(which, generated, monkeypatch):
    data_dir = paths.REPO_ROOT / "data" if which == "shipped" else generated
    indexed = _all_findings(data_dir)
    monkeypatch.setattr(checks, "Context", ScanningContext)
    monkeypatch.setattr(extract.SpanIndex, "overlapping", lambda index, start, end: index.spans)
    scanned = _all_findings(data_dir)
    assert set(scanned["rule"]) == RULES  # every rule had something to look up
    pd.testing.assert_frame_equal(indexed, scanned)


def test_span_index_returns_every_overlapping_span_and_no_other():
    rng = random.Random(5)
    spans = [(s, s + rng.randrange(1, 30), {"n": n}) for n, s in enumerate(rng.randrange(0, 500) for _ in range(300))]
    index = extract.SpanIndex.of(spans)
    for start in range(0, 520, 7):
        for length in (1, 4, 25):
            overlapping = [row["n"] for s, e, row in spans if s < start + length and start < e]
            assert sorted(row["n"] for _, _, row in index.overlapping(start, start + length)) == overlapping


@pytest.mark.parametrize("quote, text, expected", [
    ("đạt 96%", "Giải ngân đạt 96% kế hoạch.", (10,)),
    ("đạt 96%", "Giải ngân đạt 90% kế hoạch.", ()),
    ("đạt 96%", "đạt 96% vốn, đạt 96% kế hoạch", (0, 13)),
    ("aa", "aaa", (0,)),  # overlapping repeats count once, as str.count counts them
    ("aa", "aaaa", (0, 2)),
])
def test_quote_starts_tell_absent_unique_and_repeated(quote, text, expected):
    assert loaders.quote_starts([("s", quote), ("s", quote)], {"s": text}) == {("s", quote): expected}


def _replace_quote(data_copy, fact_id: str, quote: str) -> int:
    """Give a fact another quote; return the line of facts.csv that holds it."""
    frame = pd.read_csv(data_copy / "facts.csv", dtype=str, keep_default_na=False)
    frame.loc[frame["fact_id"] == fact_id, "quote"] = quote
    frame.to_csv(data_copy / "facts.csv", index=False)
    lines = (data_copy / "facts.csv").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.startswith(f"{fact_id},"))


def _text(data_copy, source_id: str) -> str:
    return loaders.source_texts(loaders.load_sources(data_copy), data_copy)[source_id]


def test_a_quote_that_stands_twice_is_an_error_that_counts_it(data_copy):
    stands = _text(data_copy, "lsn-portal-2023").count("triệu đồng")
    assert stands > 1
    line = _replace_quote(data_copy, "lsn-portal-2023#20", "triệu đồng")
    with pytest.raises(DataError) as error:
        loaders.load_facts(data_copy)
    assert (error.value.line, error.value.column) == (line, "quote")
    assert error.value.reason == f"found {stands} times in source lsn-portal-2023; lengthen it"


def test_a_quote_not_in_its_source_is_an_error(data_copy):
    assert "1.188.601 triệu đồng" not in _text(data_copy, "lsn-portal-2023")
    line = _replace_quote(data_copy, "lsn-portal-2023#20", "1.188.601 triệu đồng")
    with pytest.raises(DataError) as error:
        loaders.load_facts(data_copy)
    assert (error.value.line, error.value.column) == (line, "quote")
    assert error.value.reason == "not found verbatim in source lsn-portal-2023"
