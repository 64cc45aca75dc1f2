"""The catalogue declares what the capital narrative reads; what it cannot tell is an error, never other prose."""

import csv
from pathlib import Path

import pytest

from dantoc_analysis import report
from dantoc_analysis.cli import main
from dantoc_analysis.narrative import build_narrative


def edit_indicators(data: Path, change) -> None:
    path = data / "indicators.csv"
    with open(path, encoding="utf-8") as table:
        rows = list(csv.DictReader(table))
    rows = change(rows)
    with open(path, "w", encoding="utf-8", newline="") as table:
        writer = csv.DictWriter(table, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def row(**fields) -> dict:
    blank = dict.fromkeys(["indicator", "name_vi", "name_en", "short_vi", "short_en", "unit", "domain", "role",
                           "capital_type", "project", "sum_of", "ratio_of", "target_rule", "over_100",
                           "rate_difference", "usd_equivalent_of", "requires_vintage", "description"], "")
    return blank | {"name_vi": "x", "name_en": "x", "domain": "finance"} | fields


def narrative_text(data_dir, lang="vi") -> str:
    data = report.load("lang-son", lang, data_dir)
    return str(build_narrative(data.facts, data.sources, data.indicators, data.projects, "lang-son", lang,
                               data.capital_types, data.area_levels).html())


def test_a_rate_without_a_declared_role_leaves_the_capital_prose_as_it_was(data_copy):
    # The case: a natural total disbursement rate once rewrote the 2023 paragraph silently.
    before = narrative_text(data_copy)
    edit_indicators(data_copy, lambda rows: [*rows, row(
        indicator="disbursement_rate_total", unit="percent", requires_vintage="yes",
        ratio_of="disbursed_investment / capital_plan_total@plan")])
    assert narrative_text(data_copy) == before


def _check_fails(data_copy, capsys, change, *words) -> None:
    edit_indicators(data_copy, change)
    assert main(["--data-dir", str(data_copy), "check"]) == 2
    err = capsys.readouterr().err
    assert "indicators.csv" in err and all(w in err for w in words), err


def test_two_plans_of_one_capital_type_are_an_error(data_copy, capsys):
    _check_fails(data_copy, capsys, lambda rows: [*rows, row(
        indicator="capital_plan_investment_central", unit="million_vnd", role="capital_plan",
        capital_type="investment", requires_vintage="yes")],
        "line 47", "column role", "second capital_plan", "capital_plan_investment")


def test_a_rate_without_a_plan_of_its_type_is_an_error(data_copy, capsys):
    _check_fails(data_copy, capsys, lambda rows: [*rows, row(
        indicator="disbursement_rate_other", unit="percent", role="disbursement_rate", capital_type="other",
        requires_vintage="yes")], "unknown capital type 'other'")


def test_a_rate_that_is_not_its_disbursement_over_its_plan_is_an_error(data_copy, capsys):
    def swap(rows):
        for r in rows:
            if r["indicator"] == "disbursement_rate_recurrent":
                r["ratio_of"] = "disbursed_investment / capital_plan_recurrent@plan"
        return rows

    _check_fails(data_copy, capsys, swap, "column ratio_of", "disbursed_recurrent / capital_plan_recurrent@plan")


def test_a_domain_not_in_domains_csv_is_an_error(data_copy, capsys):
    _check_fails(data_copy, capsys, lambda rows: [*rows, row(indicator="pupils", unit="people", domain="education")],
                 "unknown domain 'education'", "domains.csv")


def test_a_new_domain_in_domains_csv_works_everywhere(data_copy):
    with open(data_copy / "domains.csv", "a", encoding="utf-8") as table:
        table.write("education,Giáo dục,Education\n")
    edit_indicators(data_copy, lambda rows: [*rows, row(indicator="pupils", unit="people", domain="education")])
    page = str(report.comparison_section(report.load(None, "en", data_copy)))
    assert "Capital and disbursement" in page


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_capital_type_names_come_from_capital_types_csv(data_copy, lang):
    path = data_copy / "capital_types.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("vốn sự nghiệp", "vốn sự nghiệp (SN)")
                    .replace("recurrent capital", "recurrent (SN) capital"), encoding="utf-8")
    text = narrative_text(data_copy, lang)
    assert ("vốn sự nghiệp (SN) 618.246" if lang == "vi" else "recurrent (SN) capital 618,246") in text
