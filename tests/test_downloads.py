"""Downloads: the figures behind the pages as CSV and XLSX, the same bytes from the same data."""

import csv
import io
from datetime import datetime

import pandas as pd
import pytest
from openpyxl import load_workbook

from dantoc_analysis import report
from dantoc_analysis.downloads import write_downloads, xlsx_bytes
from dantoc_analysis.paths import REPO_ROOT


@pytest.fixture(scope="module")
def data():
    return report.load(None, "vi")


def rows(path) -> dict[str, dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return {row["fact_id"]: row for row in csv.DictReader(f)}


def sheet(path) -> list[dict]:
    book = load_workbook(path)
    values = list(book.active.iter_rows(values_only=True))
    return [dict(zip(values[0], row)) for row in values[1:]]


def test_the_whole_data_set_and_a_province_are_written_in_both_formats(data, tmp_path):
    written = write_downloads(data, None, tmp_path) + write_downloads(data, "lang-son", tmp_path)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in written) == sorted(
        [f"data/{t}.{k}" for t in ("facts", "findings", "sources") for k in ("csv", "xlsx")]
        + [f"lang-son/lang-son.{t}.{k}" for t in ("facts", "findings") for k in ("csv", "xlsx")])
    seed = rows(REPO_ROOT / "data" / "facts.csv")["lsn-portal-2023#23"]
    assert rows(tmp_path / "data" / "facts.csv")["lsn-portal-2023#23"] == seed  # the data folder's own format
    province = rows(tmp_path / "lang-son" / "lang-son.facts.csv")
    assert "lsn-portal-2023#23" in province and not any(i.startswith("tng-") for i in province)


def test_xlsx_holds_numbers_dates_and_the_quotes(data, tmp_path):
    write_downloads(data, "lang-son", tmp_path)
    facts = {row["fact_id"]: row for row in sheet(tmp_path / "lang-son" / "lang-son.facts.xlsx")}
    disbursed = facts["lsn-portal-2023#23"]
    assert disbursed["value"] == 430192 and disbursed["year"] == 2023
    assert disbursed["as_of"] == datetime(2023, 12, 31)
    assert disbursed["quote"] == "Vốn đầu tư: 430.192 triệu đồng, đạt 76% kế hoạch"
    findings = sheet(tmp_path / "lang-son" / "lang-son.findings.xlsx")
    rate = [f for f in findings if f["rule"] == "rate" and "lsn-portal-2023#24" in f["facts"].split()]
    assert rate and all(f["province"] == "lang-son" for f in findings)


def test_two_writes_give_identical_bytes_and_the_second_touches_nothing(data, tmp_path):
    first = write_downloads(data, None, tmp_path / "a")
    second = write_downloads(data, None, tmp_path / "b")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    stamps = [p.stat().st_mtime_ns for p in first]
    write_downloads(data, None, tmp_path / "a")
    assert [p.stat().st_mtime_ns for p in first] == stamps


def test_text_that_looks_like_a_formula_stays_text():
    table = pd.DataFrame({"quote": ["=HYPERLINK(\"http://x\")", "+1"], "value": [1.5, 2.0]})
    book = load_workbook(io.BytesIO(xlsx_bytes(table, "facts")))
    assert [c.value for c in book.active["A"]] == ["quote", "=HYPERLINK(\"http://x\")", "+1"]
    assert all(c.data_type == "s" for c in book.active["A"])
    assert [c.value for c in book.active["B"]][1:] == [1.5, 2]
