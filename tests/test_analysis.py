"""Trends, capital tables and figures, on synthetic series where the seeds have too few years."""

import warnings

import pandas as pd
import pytest

import dantoc_analysis as da
from dantoc_analysis import capital, figures, trends


def series_facts(values: dict[int, float], unit: str = "percent") -> pd.DataFrame:
    rows = [{"fact_id": f"x#{year}", "source_id": "x", "province": "lang-son", "area": "", "area_level": "",
             "year": year, "indicator": "disbursement_rate_investment", "value": value, "unit": unit,
             "qualifier": "exact", "basis": "result", "period": "year", "vintage": year, "as_of": pd.NaT,
             "mention": "1%", "review": "checked"} for year, value in values.items()]
    frame = pd.DataFrame(rows).astype({"year": "Int64", "vintage": "Int64"})
    frame["vintage"] = pd.array([pd.NA] * len(frame), dtype="Int64")  # one series across years
    return frame


def test_yoy_changes_are_in_points_for_rates():
    points = trends.series(series_facts({2021: 60.0, 2022: 70.0, 2023: 75.5}), "lang-son")
    changes = trends.yoy_changes(points)
    assert changes["change"].tolist() == pytest.approx([10.0, 5.5])
    assert set(changes["change_unit"]) == {"percentage_points"}
    assert changes["relative_change"].isna().all()  # a percent of a percent would mislead


def test_yoy_changes_of_counts_are_absolute_and_relative():
    facts = series_facts({2022: 40.0, 2023: 50.0}, unit="households").assign(indicator="housing_support_households")
    changes = trends.yoy_changes(trends.series(facts, "lang-son"))
    assert changes["change"].tolist() == [10.0] and changes["change_unit"].tolist() == ["households"]
    assert changes["relative_change"].tolist() == pytest.approx([25.0])


def test_a_difference_of_rates_changes_in_points():
    facts = series_facts({2022: 2.9, 2023: 3.4}).assign(indicator="poverty_rate_reduction")
    changes = trends.yoy_changes(trends.series(facts, "lang-son"), {"poverty_rate_reduction"})
    assert changes["change_unit"].tolist() == ["percentage_points"] and changes["relative_change"].isna().all()


def test_a_trend_needs_three_points_and_comes_with_an_interval():
    two = trends.series(series_facts({2022: 70.0, 2023: 75.0}), "lang-son")
    assert trends.fit_trend(two) is None
    three = trends.series(series_facts({2021: 60.0, 2022: 70.0, 2023: 79.0}), "lang-son")
    fit = trends.fit_trend(three)
    assert fit.points == 3 and fit.slope == pytest.approx(9.5)
    assert fit.slope_low < fit.slope < fit.slope_high


def test_seed_series_have_no_second_year():
    assert trends.series(da.load_facts(), "lang-son").empty  # honest: nothing to fit


def test_capital_table_recomputes_rates_and_keeps_plan_years_apart():
    table = capital.capital_table(da.load_facts(), da.load_indicators(), "lang-son")
    dated = table[table["as_of"].notna()].set_index(["vintage", "capital"])
    assert dated.loc[(2023, "investment"), "computed_rate"] == pytest.approx(75.4254, abs=1e-4)
    assert dated.loc[(2022, "recurrent"), "stated_rate"] == 32
    undated = table[table["disbursed_fact"] == "lsn-baolangson-2024-01-10#01"].iloc[0]
    assert undated["source_id"] == "lsn-baolangson-2024-01-10" and undated["plan_source_id"] == "lsn-portal-2023"


def test_every_vietnamese_tone_mark_renders_without_missing_glyphs():
    label = "àáảãạ ằắẳẵặ ầấẩẫậ èéẻẽẹ ềếểễệ ìíỉĩị òóỏõọ ồốổỗộ ờớởỡợ ùúủũụ ừứửữự ỳýỷỹỵ đĐ ƠơƯư"
    from matplotlib.figure import Figure

    fig = Figure()
    fig.suptitle(figures.text(label))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figures.png_bytes(fig)
    assert not [w for w in caught if "missing from" in str(w.message)]


def test_capital_chart_png_is_byte_stable_without_version_strings():
    table = capital.capital_table(da.load_facts(), da.load_indicators(), "lang-son")
    names = {"investment": "vốn đầu tư phát triển", "recurrent": "vốn sự nghiệp"}
    first = figures.png_bytes(figures.capital_chart(table, 2023, "vi", names))
    second = figures.png_bytes(figures.capital_chart(table, 2023, "vi", names))
    assert first == second
    assert b"Software" not in first and b"atplotlib" not in first
