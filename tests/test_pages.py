"""Trends and comparison pages say something with what exists: series, changes, fits, shared figures."""

import html
import re

import pandas as pd
import pytest

from dantoc_analysis import report


def text_of(markup) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", str(markup)))


def with_facts(lang: str, rows: list[dict]) -> report.ReportData:
    data = report.load(None, lang)
    template = data.facts.iloc[0]
    extra = pd.DataFrame([{**template.to_dict(), "area": "", "area_level": "", "vintage": pd.NA, "as_of": pd.NaT,
                           "qualifier": "exact", "period": "year", "ambiguity": "", "ambiguity_vi": "",
                           "inferred_from": "", "review": "checked", "resolution": 0.1, **row} for row in rows])
    data.facts = pd.concat([data.facts, extra.astype(data.facts.dtypes.to_dict())], ignore_index=True)
    return data


@pytest.fixture
def figures(tmp_path, monkeypatch):
    monkeypatch.setenv("DANTOC_FIGURES_DIR", str(tmp_path))


def test_a_rate_series_has_its_changes_in_points_and_a_fitted_trend(figures):
    rows = [{"fact_id": f"t#{y}", "province": "lang-son", "year": y, "indicator": "communes_with_paved_road_rate",
             "value": v, "unit": "percent", "basis": "result", "mention": f"{v}%".replace(".", ",")}
            for y, v in ((2021, 90.5), (2022, 93.2))]
    rows.append({"fact_id": "t#plan", "province": "lang-son", "year": 2022, "indicator": "communes_with_paved_road_rate",
                 "value": 95.0, "unit": "percent", "basis": "plan", "mention": "95%"})
    data = with_facts("en", rows)
    data.province = "lang-son"
    page = str(report.trends_section(data))
    text = text_of(page)
    assert "2021 → 2022" in text and "2.7 percentage points" in text  # 93.2 − 90.5, never "2.7%"
    assert "result" in text and "plan" in text  # results and plans labelled
    assert "3 years of figures" not in text and "a trend needs at least 3" in text
    assert 'src="data:image/png;base64,' in page  # the series chart
    fitted = with_facts("en", rows[:2] + [{**rows[0], "fact_id": "t#2023", "year": 2023, "value": 96.1,
                                           "mention": "96,1%"}])
    fitted.province = "lang-son"
    text = text_of(report.trends_section(fitted))
    assert re.search(r"trend [\d.]+ percentage points a year, 95% confidence interval", text)


def test_one_year_only_shows_the_table_of_what_there_is(figures):
    data = report.load("thai-nguyen", "vi")
    text = text_of(report.trends_section(data))
    assert "Số liệu hiện có theo năm" in text and "90 đại biểu" in text


def test_provinces_that_share_an_indicator_are_side_by_side_with_a_chart(figures):
    data = with_facts("en", [{"fact_id": "tng#grdp", "source_id": "tng-bandantoc-2022-01-18",
                              "province": "thai-nguyen", "year": 2023, "indicator": "grdp_growth", "value": 6.5,
                              "unit": "percent", "basis": "result", "mention": "6,5%"}])
    page = str(report.comparison_section(data))
    text = text_of(page)
    assert "Shared indicators" in text and "GRDP growth · 2023 · result" in text
    assert "6.5%" in text and "7%" in text
    assert 'src="data:image/png;base64,' in page


def test_with_nothing_shared_the_page_says_what_would_make_a_comparison(figures):
    text = text_of(report.comparison_section(report.load(None, "vi")))
    assert "Số liệu còn thiếu để so sánh được" in text
    assert "Giải ngân vốn đầu tư phát triển" in text and "Thái Nguyên" in text
