"""The dantoc command: output contracts, and the bad-input matrix (exit 2, one line, no traceback)."""

import csv
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from dantoc_analysis.cli import main


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def edit_csv(table: Path, line: int, /, **changes) -> None:
    with table.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    rows[line - 2].update(changes)
    with table.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_check_json_follows_the_contract(capsys):
    code, out, _ = run(capsys, "check", "--format", "json")
    assert code == 0  # the sources' own arithmetic is a finding, not an error
    payload = json.loads(out)
    assert set(payload) == {"validation", "checks"}
    keys = {"rule", "status", "province", "year", "expected", "observed", "facts", "message_vi", "message_en"}
    assert all(keys <= set(c) for c in payload["checks"])
    assert {c["status"] for c in payload["checks"]} <= {"ok", "mismatch", "note", "skipped"}
    assert all({"fact_id", "value", "unit", "quote", "source_id"} <= set(f)
               for c in payload["checks"] for f in c["facts"])


def test_strict_turns_a_mismatch_into_exit_1(capsys):
    assert run(capsys, "check", "--strict")[0] == 1


def test_province_filter(capsys):
    _, out, _ = run(capsys, "check", "--format", "json", "--province", "thai-nguyen")
    assert json.loads(out)["checks"] == []  # Thái Nguyên's figures have no relation to check


def test_table_in_vietnamese(capsys):
    code, out, _ = run(capsys, "check", "--lang", "vi")
    assert code == 0
    assert "570.354 + 618.246 = 1.188.600 triệu đồng" in out


def test_facts_csv_and_sources_json(capsys):
    _, out, _ = run(capsys, "facts", "--format", "csv")
    rows = {row["fact_id"]: row for row in csv.DictReader(out.splitlines())}
    plan = rows["lsn-portal-2023#20"]  # a seed fact, not a count a new document would change
    assert (float(plan["value"]), plan["mention"]) == (1188600, "1.188.600 triệu đồng") and plan["quote"]
    _, out, _ = run(capsys, "sources", "--format", "json")
    assert {"lang-son", "thai-nguyen", ""} <= {s["province"] for s in json.loads(out)}


def test_data_dir_from_environment(capsys, data_copy, monkeypatch):
    (data_copy / "facts.csv").write_text("", encoding="utf-8")
    monkeypatch.setenv("DANTOC_DATA_DIR", str(data_copy))
    assert run(capsys, "facts")[0] == 2


def _non_numeric(d):
    edit_csv(d / "facts.csv", 3, value="abc")


def _quote_not_in_source(d):
    edit_csv(d / "facts.csv", 4, quote="hỗ trợ nhà ở cho gần 171 hộ", mention="gần 171 hộ", value="171")


def _value_not_in_quote(d):
    edit_csv(d / "facts.csv", 2, value="549000")


def _unknown_indicator(d):
    edit_csv(d / "facts.csv", 5, indicator="water_wells")


def _duplicate_id(d):
    edit_csv(d / "facts.csv", 6, fact_id="lsn-baolangson-2024-01-10#01")


def _missing_raw_file(d):
    (d / "raw" / "003_0952c43ae8dbf9e3.txt").unlink()


def _edited_raw_file(d):
    raw = d / "raw" / "003_0952c43ae8dbf9e3.txt"
    raw.write_bytes(raw.read_bytes().replace(b"430.192", b"430.193"))


def _wrong_encoding(d):
    facts = d / "facts.csv"
    facts.write_bytes(facts.read_text(encoding="utf-8").encode("cp1258", errors="replace"))


def _empty_facts(d):
    (d / "facts.csv").write_text("", encoding="utf-8")


def _unknown_province(d):
    edit_csv(d / "facts.csv", 7, province="atlantis")


def _unknown_source_province(d):
    edit_csv(d / "sources.csv", 2, province="bac-kan-city")


def _path_outside_raw(d):
    # A registry row that points out of the data folder, with the right sha256: still refused.
    outside = d.parent / "elsewhere.txt"
    outside.write_text("Hỗ trợ 12 hộ", encoding="utf-8")
    digest = hashlib.sha256(outside.read_bytes()).hexdigest()
    edit_csv(d / "sources.csv", 3, path="../elsewhere.txt", sha256=digest)


def _unknown_area_level(d):
    edit_csv(d / "facts.csv", 8, area="Bình Gia", area_level="canton")


def _missing_column(d):
    rows = (d / "indicators.csv").read_text(encoding="utf-8").splitlines()
    (d / "indicators.csv").write_text("\n".join(r.rsplit(",", 1)[0] for r in rows) + "\n", encoding="utf-8")


BAD_INPUTS = {
    "non-numeric value": (_non_numeric, "facts.csv, line 3, column value"),
    "quote not in source": (_quote_not_in_source, "facts.csv, line 4, column quote"),
    "value not what the quote says": (_value_not_in_quote, "facts.csv, line 2, column value"),
    "unknown indicator": (_unknown_indicator, "facts.csv, line 5, column indicator"),
    "duplicate id": (_duplicate_id, "facts.csv, line 6, column fact_id"),
    "missing raw file": (_missing_raw_file, "sources.csv, line 5, column path"),
    "edited raw file": (_edited_raw_file, "sources.csv, line 5, column sha256"),
    "wrong file encoding": (_wrong_encoding, "facts.csv, line 2: not UTF-8"),
    "empty facts file": (_empty_facts, "facts.csv: file is empty"),
    "unknown province": (_unknown_province, "facts.csv, line 7, column province"),
    "unknown source province": (_unknown_source_province, "sources.csv, line 2, column province"),
    "raw path outside raw/": (_path_outside_raw, "sources.csv, line 3, column path"),
    "unknown area level": (_unknown_area_level, "facts.csv, line 8, column area_level"),
    "missing column": (_missing_column, "indicators.csv, line 1: missing column(s): description"),
}


@pytest.mark.parametrize("command", ["check", "facts"])
@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_exits_2_with_one_line(capsys, data_copy, case, command):
    breaker, expected = BAD_INPUTS[case]
    breaker(data_copy)
    before = snapshot(data_copy.parent)
    code, out, err = run(capsys, "--data-dir", str(data_copy), command)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert expected in err, err
    assert snapshot(data_copy.parent) == before  # nothing written


def test_a_real_process_prints_no_traceback(data_copy):
    _non_numeric(data_copy)
    result = subprocess.run([sys.executable, "-m", "dantoc_analysis", "--data-dir", str(data_copy), "check"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("dantoc: error: ") and "facts.csv, line 3, column value" in result.stderr


def test_any_data_folder_name_and_empty_optional_registry_fields(capsys, data_copy):
    renamed = data_copy.rename(data_copy.parent / "my-province-data")
    edit_csv(renamed / "sources.csv", 4, title="", publisher="", report_year="", url="")
    code, out, err = run(capsys, "--data-dir", str(renamed), "sources", "--format", "json")
    assert (code, err) == (0, "")
    row = next(s for s in json.loads(out) if s["source_id"] == "lsn-bkto-2024")
    assert row["title"] == "" and row["report_year"] is None
