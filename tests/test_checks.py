"""Consistency checks: the seeds' real findings, and synthetic breakages each rule must catch."""

import pandas as pd
import pytest

import dantoc_analysis as da


@pytest.fixture(scope="module")
def facts():
    return da.load_facts()


@pytest.fixture(scope="module")
def findings(facts):
    return da.run_checks(facts)


def _one(findings, rule, **where):
    rows = findings[findings["rule"] == rule]
    for column, value in where.items():
        rows = rows[rows[column] == value]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def _involving(findings, rule, fact_id):
    return findings[(findings["rule"] == rule)
                    & findings["facts"].map(lambda fs: any(f["fact_id"] == fact_id for f in fs))]


def test_the_components_of_the_2023_capital_plan_add_up(findings):
    row = _involving(findings, "sum", "lsn-portal-2023#20").iloc[0]
    assert row["status"] == "ok"
    assert row["expected"] == row["observed"] == 1188600
    assert "570.354 + 618.246 = 1.188.600 triệu đồng" in row["message_vi"]


def test_stated_76_percent_does_not_match_its_amounts_by_less_than_its_rounding(findings):
    row = _involving(findings, "rate", "lsn-portal-2023#24").iloc[0]
    assert row["status"] == "mismatch" and row["severity"] == "rounding"  # 0.07 of a 1-point step: not red
    assert "làm tròn" in row["message_vi"] and "rounding slip" in row["message_en"]
    assert row["expected"] == 76
    assert row["observed"] == pytest.approx(75.4254, abs=1e-4)
    assert "0,07 điểm phần trăm" in row["message_vi"]
    assert "misses by 0.07 percentage points" in row["message_en"]
    assert {f["fact_id"] for f in row["facts"]} == {"lsn-portal-2023#24", "lsn-portal-2023#23", "lsn-portal-2023#21"}


@pytest.mark.parametrize("fact_id", ["lsn-portal-2023#26", "lsn-portal-2023#31", "lsn-portal-2023#33",
                                     "lsn-baolangson-2024-01-10#07"])
def test_rounded_rates_that_hold_are_ok(findings, fact_id):
    row = _involving(findings, "rate", fact_id).iloc[0]
    assert row["status"] == "ok" and row["severity"] == "ok" and row["independent"]


def test_a_rate_whose_inputs_were_read_from_each_other_is_not_independent(findings):
    # 548 tỷ was read as 2023-plan money because 96% of the 2023 plan is 548 tỷ (facts.csv inferred_from).
    row = _involving(findings, "rate", "lsn-baolangson-2024-01-10#02").iloc[0]
    assert row["status"] == "ok" and not row["independent"] and row["severity"] == "not_independent"
    assert "not independent" in row["message_en"] and "không độc lập" in row["message_vi"]


def test_a_mismatch_of_a_whole_unit_or_more_is_an_error(facts):
    changed = _with(facts, "lsn-portal-2023#24", value=78.0, mention="78%",
                    quote="Vốn đầu tư: 430.192 triệu đồng, đạt 76% kế hoạch")
    row = _involving(da.run_checks(changed), "rate", "lsn-portal-2023#24").iloc[0]
    assert row["status"] == "mismatch" and row["severity"] == "error"


def test_a_province_no_check_applies_to_is_not_checked(findings):
    from dantoc_analysis import checks, loaders

    severities = loaders.load_severities()
    assert checks.province_severity(findings, "thai-nguyen", severities) == "not_checked"
    assert checks.province_severity(findings, "lang-son", severities) == "attention"


def test_a_district_figure_is_never_checked_against_the_province(facts):
    district = facts[facts["fact_id"] == "lsn-portal-2023#21"].assign(
        fact_id="district#1", area="Bình Gia", area_level="district", value=1000.0)
    findings = da.run_checks(pd.concat([facts, district], ignore_index=True))
    sums = _involving(findings, "sum", "lsn-portal-2023#20")
    assert len(sums) == 1 and sums.iloc[0]["status"] == "ok"
    assert _involving(findings, "sum", "district#1").empty


def test_two_sources_disagree_on_2023_disbursement_with_different_dates(findings):
    row = _involving(findings, "cross_source", "lsn-baolangson-2024-01-10#01").iloc[0]
    assert row["status"] == "note"  # different as-of dates: not a false alarm
    assert (row["expected"], row["observed"]) == (548000, 430192)
    assert "31/12/2023" in row["message_vi"] and "hội nghị ngày 10/01/2024" in row["message_vi"]


@pytest.mark.parametrize("fact_id", ["lsn-bkto-2024#02", "lsn-bkto-2024#03"])
def test_undated_results_are_not_compared_with_targets(findings, fact_id):
    row = _involving(findings, "target", fact_id).iloc[0]
    assert row["status"] == "note" and "states no year or period" in row["message_en"]


def test_plan_rates_may_exceed_100_percent_but_shares_may_not(findings):
    assert (findings[findings["rule"] == "range"]["status"] == "ok").all()


def test_usd_conversion_implies_a_plausible_exchange_rate(findings):
    row = _one(findings, "exchange")
    assert row["status"] == "ok"
    assert row["observed"] == pytest.approx(59.8e6 / 2542, rel=1e-6)


def _with(facts: pd.DataFrame, fact_id: str, **changes) -> pd.DataFrame:
    changed = facts.copy()
    for column, value in changes.items():
        changed.loc[changed["fact_id"] == fact_id, column] = value
    return changed


def test_a_broken_sum_is_a_mismatch(facts):
    findings = da.run_checks(_with(facts, "lsn-portal-2023#21", value=570454.0))
    row = _involving(findings, "sum", "lsn-portal-2023#20").iloc[0]
    assert row["status"] == "mismatch" and "off by 100 million VND" in row["message_en"]


def test_same_date_disagreement_is_a_mismatch(facts):
    changed = _with(facts, "lsn-baolangson-2024-01-10#01", as_of=pd.Timestamp("2023-12-31"))
    row = _involving(da.run_checks(changed), "cross_source", "lsn-baolangson-2024-01-10#01").iloc[0]
    assert row["status"] == "mismatch"


def test_a_share_over_100_percent_is_a_mismatch(facts):
    findings = da.run_checks(_with(facts, "lsn-bkto-2024#05", value=109.99))
    assert _involving(findings, "range", "lsn-bkto-2024#05").iloc[0]["status"] == "mismatch"


def test_a_garbled_separator_makes_the_exchange_rate_implausible(facts):
    findings = da.run_checks(_with(facts, "lsn-portal-2023#04", value=2.542))
    assert _one(findings, "exchange")["status"] == "mismatch"


def test_a_missed_target_is_a_note_with_the_gap(facts):
    findings = da.run_checks(_with(facts, "lsn-baolangson-2024-01-10#05", value=5.0))
    row = _involving(findings, "target", "lsn-baolangson-2024-01-10#06").iloc[0]
    assert row["status"] == "note" and "by 2 works" in row["message_en"]


def test_a_district_target_is_not_set_against_the_province_result(facts):
    district = facts[facts["fact_id"] == "lsn-baolangson-2024-01-10#06"].assign(
        fact_id="district#plan", area="Bình Gia", area_level="district")
    findings = da.run_checks(pd.concat([facts, district], ignore_index=True))
    assert _involving(findings, "target", "district#plan").iloc[0]["status"] == "skipped"
