"""dantoc add: what it reads from our labelled texts, what it writes, and that accepted drafts load."""

from __future__ import annotations

import hashlib
import json
import shutil
import tomllib
from datetime import date
from pathlib import Path

import pytest

from dantoc_analysis import extract, infer, intake, loaders
from dantoc_analysis.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "intake"
LABELS = tomllib.loads((FIXTURES / "labels.toml").read_text(encoding="utf-8"))["files"]
# The evaluation sets (tests/fixtures/evaluation_sets.toml) are scored by bench/intake.py only.
EVALUATION = tuple(f"{s['name']}/" for s in tomllib.loads(
    (FIXTURES.parent / "evaluation_sets.toml").read_text(encoding="utf-8"))["set"])
TUNED = sorted(name for name in LABELS if not name.startswith(EVALUATION))


@pytest.fixture(scope="module")
def levels() -> list[dict]:
    return loaders.load_area_levels().to_dict("records")


@pytest.fixture(scope="module")
def indicators():
    return loaders.load_indicators()


def _read(name: str, levels) -> tuple[str, infer.Document]:
    text = loaders.read_text(FIXTURES / name)
    return text, infer.read_document(text, levels)


def _plain(value) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


@pytest.mark.parametrize("name", TUNED)
def test_document_fields_are_the_labelled_ones(name, levels):
    _, doc = _read(name, levels)
    for field in ("province", "area", "area_level", "report_year", "published", "event_date"):
        assert _plain(doc.value(field)) == str(LABELS[name][field]), (field, doc.guesses[field])


@pytest.mark.parametrize("name", TUNED)
def test_labelled_figures_get_their_basis_year_as_of_and_vintage(name, levels, indicators):
    text, doc = _read(name, levels)
    catalogue = {row["indicator"]: row for row in indicators.to_dict("records")}
    mentions = {m.text: m for m in extract.extract(text, indicators=indicators)}
    names = infer.area_names(text, levels)
    for label in LABELS[name]["figures"]:
        guesses = infer.read_figure(text, mentions[label["mention"]], doc, names, catalogue)[0]
        got = {field: _plain(guesses[field].value) for field in ("basis", "year", "as_of")}
        assert got == {field: str(label[field]) for field in got}, label["mention"]
        if label["vintage"] != "":
            assert guesses["vintage"].value == label["vintage"], label["mention"]


def test_a_district_report_is_about_its_district_and_its_figures_about_named_communes(levels, indicators):
    text, doc = _read("02_meovac_huyen.txt", levels)
    assert (doc.value("area"), doc.value("area_level")) == ("Mèo Vạc", "district")
    assert "huyện Mèo Vạc" in doc.guesses["area"].words
    catalogue = {row["indicator"]: row for row in indicators.to_dict("records")}
    names = infer.area_names(text, levels)
    areas = {m.text: infer.read_figure(text, m, doc, names, catalogue)[0]["area"].value
             for m in extract.extract(text, indicators=indicators)}
    assert areas["4 công trình"] == "Sơn Vĩ"  # "Tại xã Sơn Vĩ, 4 công trình …"
    assert areas["312 hộ"] == "Mèo Vạc"


def test_a_commune_report_is_not_taken_for_its_district(levels):
    _, doc = _read("07_hongthai_xa.txt", levels)
    assert (doc.value("area"), doc.value("area_level")) == ("Hồng Thái", "commune")


def test_a_province_named_only_by_its_publisher_is_found_from_the_publisher_line(levels):
    text, doc = _read("03_dienbien_portal.txt", levels)
    assert text.count("Điện Biên") == 1  # the page header is the only place that names it
    assert doc.value("province") == "dien-bien"
    assert "Cổng thông tin điện tử tỉnh Điện Biên" in doc.guesses["province"].words


def test_after_the_merger_the_province_is_the_new_one_and_the_evidence_says_why(levels):
    _, doc = _read("04_thainguyen_2026.txt", levels)
    assert doc.value("province") == "thai-nguyen"
    assert "bac-kan" in doc.guesses["province"].words and "Pác Nặm" in doc.guesses["province"].words


def test_a_merged_province_named_after_the_merger_stands_for_its_successor(levels):
    text = ("Ngày đăng: 05/02/2026\n\n"
            "Các xã vùng cao của tỉnh Bắc Kạn cũ đã hoàn thành 12 công trình nước sạch.\n")
    doc = infer.read_document(text, levels)
    assert doc.value("province") == "thai-nguyen"
    assert "merged into thai-nguyen" in doc.guesses["province"].words


def test_before_the_merger_the_legacy_province_stays(levels):
    _, doc = _read("05_backan_2023.txt", levels)
    assert doc.value("province") == "bac-kan"


def test_a_text_that_names_no_province_leaves_it_empty(levels):
    _, doc = _read("06_no_province.txt", levels)
    assert doc.value("province") == "" and doc.guesses["province"].confidence == 0


def test_the_province_option_overrides_the_text(levels):
    doc = infer.read_document(loaders.read_text(FIXTURES / "06_no_province.txt"), levels, "lang-son")
    assert doc.guesses["province"] == infer.Guess("lang-son", "--province", 1.0)


def test_a_figure_with_no_catalogue_indicator_gets_a_proposed_one_named_from_its_words(levels, indicators):
    text = "Tỉnh Lạng Sơn\n\nNăm 2023, tỉnh đã cứng hóa 138 km đường giao thông nông thôn.\n"
    doc = infer.read_document(text, levels)
    catalogue = {row["indicator"]: row for row in indicators.to_dict("records")}
    [mention] = extract.extract(text, indicators=indicators)
    guesses, _, name = infer.read_figure(text, mention, doc, [], catalogue)
    assert name.startswith("Cứng hóa") and "đường giao thông nông thôn" in name
    assert guesses["indicator"].value not in catalogue
    assert guesses["indicator"].words.startswith(f"indicator=new:{guesses['indicator'].value}")


def _proposals(text: str, levels, indicators) -> dict[str, tuple[str, str]]:
    """mention -> (proposed indicator id, its name) for the figures of a text the catalogue does not know."""
    source = {"source_id": "t", "province": ""}
    doc = infer.read_document(text, levels)
    catalogue = {row["indicator"]: row for row in indicators.to_dict("records")}
    rows, proposed = intake.draft_rows(text, extract.extract(text, indicators=indicators), source, doc, [], catalogue)
    return {r["mention"]: (r["indicator"], proposed[r["indicator"]]["name_vi"]) for r in rows if r["indicator"] in proposed}


def test_a_bare_percentage_is_named_as_the_rate_of_the_figure_before_it_with_its_own_id(levels, indicators):
    text = "Năm 2024, quỹ tín dụng xã đã cho vay 3.140 triệu đồng, đạt 64,2%.\n"
    got = _proposals(text, levels, indicators)
    money, rate = got["3.140 triệu đồng"], got["64,2%"]
    assert rate[1].startswith("Tỷ lệ") and money[1].lower() in rate[1].lower()
    assert money[0] != rate[0]  # one id never holds two units


def test_a_short_clause_is_named_after_its_sentence_subject_and_a_bare_count_after_its_noun(levels, indicators):
    text = ("Tỷ lệ trẻ em đến trường vùng cao tăng 2,6 điểm phần trăm, lên 93,4%. "
            "Đến nay có 17 tổ tương trợ.\n")
    got = _proposals(text, levels, indicators)
    assert got["93,4%"][1].startswith("Tỷ lệ trẻ em đến trường vùng cao")
    assert got["17 tổ tương trợ"][1] == "Số tổ tương trợ"


def test_a_repeated_sentence_is_quoted_with_enough_words_to_occur_once():
    text = "Xã A đã hỗ trợ 12 hộ. Xã B đã hỗ trợ 12 hộ.\n"
    [_, second] = extract.extract(text)
    quote = intake.unique_quote(text, second)
    assert text.count(quote) == 1 and second.text in quote


# --- the command ------------------------------------------------------------------------------

def _add(data: Path, *args: str) -> int:
    return main(["--data-dir", str(data), "add", *args])


def test_add_copies_the_bytes_registers_the_file_and_drafts_every_figure(data_copy, tmp_path, capsys):
    source = tmp_path / "report.txt"
    shutil.copyfile(FIXTURES / "01_caobang_tongket.txt", source)
    assert _add(data_copy, str(source), "--format", "json") == 0
    payload = json.loads(capsys.readouterr().out)
    row = payload["source"]
    assert (data_copy / row["path"]).read_bytes() == source.read_bytes()
    assert row["path"] == "raw/report.txt"
    assert row["sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()
    assert row["province"] == "cao-bang" and row["evidence"]["province"]["confidence"] > 0.5
    registered = loaders.load_sources(data_copy).set_index("source_id")
    assert registered.loc[row["source_id"], "report_year"] == 2023
    drafts = intake.read_rows(data_copy / "drafts" / f"{row['source_id']}.csv")
    assert len(drafts) == len(extract.extract(source.read_text(encoding="utf-8")))
    assert list(drafts[0]) == intake.draft_columns()
    assert {d["review"] for d in drafts} == {"draft"}
    assert all(d[f"{c}_evidence"] != "" or d[c] == "" for d in drafts for c in ("basis", "year"))
    assert isinstance(payload["relations"], list)


def test_adding_the_same_bytes_again_changes_nothing(data_copy, capsys):
    path = FIXTURES / "05_backan_2023.txt"
    assert _add(data_copy, str(path)) == 0
    before = {p.name: p.read_bytes() for p in data_copy.rglob("*") if p.is_file()}
    capsys.readouterr()
    assert _add(data_copy, str(path)) == 0
    assert "already registered" in capsys.readouterr().out
    assert {p.name: p.read_bytes() for p in data_copy.rglob("*") if p.is_file()} == before


def test_a_different_file_with_a_taken_name_gets_a_new_name(data_copy, tmp_path):
    taken = sorted((data_copy / "raw").iterdir())[0]
    original = taken.read_bytes()
    other = tmp_path / taken.name
    shutil.copyfile(FIXTURES / "08_sonla_so.txt", other)
    [result] = intake.add([other], data_copy)
    assert taken.read_bytes() == original
    assert result.source["path"] != f"raw/{taken.name}"
    assert (data_copy / result.source["path"]).read_bytes() == other.read_bytes()
    loaders.load_sources(data_copy)  # every registered file still matches its sha256


@pytest.mark.parametrize("content", [None, b"Ban D\xe2n t\xf4c\n"])
def test_a_missing_or_non_utf8_file_exits_2_with_one_line_and_writes_nothing(data_copy, tmp_path, capsys, content):
    bad = tmp_path / "bad.txt"
    if content is not None:
        bad.write_bytes(content)
    before = {p: p.read_bytes() for p in data_copy.rglob("*") if p.is_file()}
    assert _add(data_copy, str(FIXTURES / "01_caobang_tongket.txt"), str(bad)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("dantoc: error:") and "bad.txt" in err
    assert {p: p.read_bytes() for p in data_copy.rglob("*") if p.is_file()} == before


def test_accepted_drafts_load_as_draft_facts_and_leave_the_curated_ones_alone(data_copy, capsys):
    facts_before = (data_copy / "facts.csv").read_bytes()
    indicators_before = (data_copy / "indicators.csv").read_bytes()
    assert _add(data_copy, str(FIXTURES / "04_thainguyen_2026.txt"), "--accept", "--format", "json") == 0
    result = json.loads(capsys.readouterr().out)
    assert result["accepted"]
    assert (data_copy / "facts.csv").read_bytes().startswith(facts_before)
    assert (data_copy / "indicators.csv").read_bytes().startswith(indicators_before)
    assert main(["--data-dir", str(data_copy), "check"]) == 0
    facts = loaders.load_facts(data_copy).set_index("fact_id")
    new = facts.loc[result["accepted"]]
    assert set(new["review"]) == {"draft"} and set(new["province"]) == {"thai-nguyen"}
    assert facts.loc["lsn-baolangson-2024-01-10#01", "value"] == 548000  # a curated seed fact, untouched
    catalogue = loaders.load_indicators(data_copy).set_index("indicator")
    proposed = [i for i in new["indicator"] if i not in loaders.load_indicators().set_index("indicator").index]
    assert proposed and all("Proposed" in catalogue.loc[i, "description"] for i in proposed)


def test_drafts_that_cannot_load_stay_in_the_drafts_file_with_the_reason(data_copy, capsys):
    facts_before = (data_copy / "facts.csv").read_bytes()
    assert _add(data_copy, str(FIXTURES / "06_no_province.txt"), "--accept", "--format", "json") == 0
    result = json.loads(capsys.readouterr().out)
    assert result["accepted"] == [] and (data_copy / "facts.csv").read_bytes() == facts_before
    left = intake.read_rows(data_copy / "drafts" / f"{result['source']['source_id']}.csv")
    assert left and all("no province" in row["problem"] for row in left)


def test_several_files_give_a_json_list(data_copy, capsys):
    files = [str(FIXTURES / name) for name in ("02_meovac_huyen.txt", "07_hongthai_xa.txt")]
    assert _add(data_copy, *files, "--format", "json") == 0
    payload = json.loads(capsys.readouterr().out)
    assert [p["source"]["area"] for p in payload] == ["Mèo Vạc", "Hồng Thái"]


def test_cue_words_come_from_the_resource(levels, indicators, monkeypatch):
    text = "Tỉnh Lạng Sơn\n\nNăm 2024, tỉnh quyết tâm hỗ trợ nhà ở cho 500 hộ.\n"
    catalogue = {row["indicator"]: row for row in indicators.to_dict("records")}

    def basis_of() -> str:
        doc = infer.read_document(text, levels)
        [mention] = extract.extract(text, indicators=indicators)
        return infer.read_figure(text, mention, doc, [], catalogue)[0]["basis"].value

    assert basis_of() == "result"
    words = infer.cues()
    changed = {**words, "figure": {**words["figure"], "target": [*words["figure"]["target"], "quyết tâm"]}}
    monkeypatch.setattr(infer, "cues", lambda: changed)
    assert basis_of() == "target"


def test_a_file_with_a_bom_and_crlf_lines_is_kept_as_is_and_its_drafts_load(data_copy, tmp_path):
    crlf = tmp_path / "crlf.txt"
    text = (FIXTURES / "01_caobang_tongket.txt").read_text(encoding="utf-8")
    crlf.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    [result] = intake.add([crlf], data_copy, accept=True)
    assert (data_copy / result.source["path"]).read_bytes() == crlf.read_bytes()
    assert result.source["published"] == "2024-01-16" and result.accepted
    facts = loaders.load_facts(data_copy).set_index("fact_id")
    assert set(facts.loc[result.accepted, "review"]) == {"draft"}


def test_an_unknown_province_option_exits_2_and_writes_nothing(data_copy, capsys):
    before = (data_copy / "sources.csv").read_bytes()
    assert _add(data_copy, str(FIXTURES / "06_no_province.txt"), "--province", "atlantis") == 2
    assert capsys.readouterr().err.startswith("dantoc: error: --province: 'atlantis'")
    assert (data_copy / "sources.csv").read_bytes() == before


def _figure_guesses(text: str, doc, indicators) -> dict[str, dict]:
    """Every figure of a text, by its words, with what dantoc add infers of it."""
    catalogue = {row["indicator"]: row for row in indicators.to_dict("records")}
    return {m.text: infer.read_figure(text, m, doc, [], catalogue)[0] for m in extract.extract(text, indicators=indicators)}


# --- rules for the language, each on a sentence of our own ---------------------------------------

def test_a_text_naming_only_a_district_is_about_that_districts_province(levels):
    text = "Cổng thông tin huyện Mường Khương\nTrang chủ\n\nHuyện Mường Khương đã hỗ trợ 210 hộ.\n"
    doc = infer.read_document(text, levels)
    assert doc.value("province") == "lao-cai" and doc.guesses["province"].confidence < 0.9
    assert "Trang" not in str(doc.value("area"))  # a name never runs on to the next line


def test_a_commune_named_before_its_level_is_the_documents_area(levels):
    text = "Bản Lầu đổi thay\n\n12/05/2024 07:00\n\nBản Lầu là xã biên giới. Bản Lầu đã có 40 hộ làm homestay.\n"
    doc = infer.read_document(text, levels)
    assert (doc.value("area"), doc.value("area_level")) == ("Bản Lầu", "commune")
    assert not [a.name for a in infer.area_names("Đây là xã vùng cao.", levels) if a.name]  # a pronoun is no name


def test_a_dateline_before_the_event_sentence_does_not_hide_the_event_date(levels):
    text = "Tin tỉnh\n\n09/03/2023 10:00\n\n(ABC) - Sáng 8/3, Ban Dân tộc tỉnh tổ chức hội nghị.\n"
    assert infer.read_document(text, levels).value("event_date").isoformat() == "2023-03-08"


def test_a_target_with_no_year_is_for_the_year_the_review_sets_tasks_for(levels, indicators):
    text = ("Tổng kết năm 2024, triển khai nhiệm vụ năm 2025\n\n"
            "Năm 2024, tỉnh đã giải ngân 900 tỷ đồng. Tỉnh phấn đấu giảm tỷ lệ hộ nghèo 3%.\n")
    doc = infer.read_document(text, levels)
    catalogue = {row["indicator"]: row for row in indicators.to_dict("records")}
    mentions = {m.text: m for m in extract.extract(text, indicators=indicators)}
    guesses = infer.read_figure(text, mentions["3%"], doc, [], catalogue)[0]
    assert doc.value("report_year") == 2024 and guesses["year"].value == 2025


def test_carried_over_capital_named_again_keeps_the_year_stated_before(levels, indicators):
    text = ("Năm 2024, vốn năm 2023 chưa giải ngân hết được kéo dài sang năm 2024 là 90 tỷ đồng. "
            "Đến cuối tháng 9/2024, vốn kéo dài đã giải ngân 61 tỷ đồng.\n")
    doc = infer.read_document(text, levels)
    guesses = _figure_guesses(text, doc, indicators)
    assert guesses["90 tỷ đồng"]["vintage"].value == 2023
    assert guesses["61 tỷ đồng"]["vintage"].value == 2023
    assert guesses["61 tỷ đồng"]["as_of"].value.isoformat() == "2024-09-30"


def test_a_province_named_without_its_level_counts_but_several_provinces_make_none(levels):
    one = "Hội nghị trực tuyến\n\nTại điểm cầu Đắk Lắk có lãnh đạo Ban Dân tộc tỉnh dự.\n"
    several = ("Nhiều địa phương giải ngân vốn đầu tư công còn chậm\n\n"
               "Hà Giang, Cao Bằng, Bắc Kạn giải ngân dưới 5%, riêng TP. Hà Nội đạt 9%.\n")
    assert infer.read_document(one, levels).value("province") == "dak-lak"
    assert infer.read_document(several, levels).value("province") == ""


def test_the_report_year_is_not_a_laws_year_and_may_be_a_state_at_a_year(levels):
    law = "Tin\n\nNăm 2019, Quốc hội thông qua Nghị quyết; Hiến pháp năm 2013 đã ghi nhận quyền bình đẳng.\n"
    state = "Tin\n\nTheo kết quả rà soát, cuối năm 2024, toàn tỉnh còn 8.210 hộ nghèo.\n"
    span = "Tin\n\nTỷ lệ hộ nghèo giảm từ 30,1% năm 2021 xuống 24,2%.\n"
    assert infer.read_document(law, levels).value("report_year") != 2013
    assert infer.read_document(state, levels).value("report_year") == 2024
    assert infer.read_document(span, levels).value("report_year") == ""


def test_a_state_as_of_a_year_end_and_the_year_so_far_of_a_dated_page(levels):
    stood = "Tin\n\nĐến cuối năm 2019, toàn vùng vẫn còn 41 xã có tỷ lệ hộ nghèo trên 40%.\n"
    so_far = "Tin\n\n12/06/2024 10:15\n\nTính đến hết ngày 31/5, các huyện mới giải ngân 18,2% kế hoạch vốn.\n"
    before = "Tin\n\n08/01/2024 10:15\n\nTính đến ngày 31/12, cả tỉnh giải ngân 91% kế hoạch vốn.\n"
    months = "Tin\n\n20/07/2023 08:00\n\nTrong 6 tháng đầu năm, huyện hỗ trợ 120 hộ làm nhà.\n"
    target = "Tin\n\nPhấn đấu đến cuối năm 2025, tỷ lệ hộ nghèo giảm còn dưới 10%.\n"
    undated = "Tin\n\nTính đến hết ngày 31/5, các huyện mới giải ngân 18,2% kế hoạch vốn.\n"
    assert infer.read_document(stood, levels).value("report_year") == 2019
    assert infer.read_document(so_far, levels).value("report_year") == 2024
    assert infer.read_document(before, levels).value("report_year") == 2023  # 31/12 is before 8 January
    assert infer.read_document(months, levels).value("report_year") == 2023
    assert infer.read_document(target, levels).value("report_year") == ""
    assert infer.read_document(undated, levels).value("report_year") == ""


def test_years_looked_back_on_a_compared_review_a_state_at_a_day_and_a_half_year_cue(levels):
    def year(text):
        return infer.read_document("Tin\n\n" + text + "\n", levels).value("report_year")

    assert year("Trong 03 năm, từ năm 2019 – 2021, huyện có gần 2.100 hộ thoát nghèo. Năm 2019 đã hỗ trợ 300 hộ.") == 2021
    assert year("Chương trình giai đoạn I: từ năm 2021-2025, tỉnh đã triển khai 8 dự án. Năm 2022 đã giải ngân 16 tỷ đồng.") \
        == 2022  # a programme's period is no span of years looked back on
    assert year("Năm 2019, 96% số thôn đã có điện, tương đương với kết quả điều tra năm 2015.") == 2019
    assert year("Kết quả điều tra trên địa bàn tỉnh tính đến ngày 1/7/2015 như sau: toàn tỉnh có 1.334 thôn.") == 2015
    assert year("Từ ngày 11 đến 13/12/2023, các đại biểu tham quan Thủ đô.") == ""
    assert year("BÁO CÁO\nKết quả thực hiện Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân "
                "tộc thiểu số và miền núi 6 tháng đầu năm 2024\n\nKết quả rà soát cuối năm 2023, tỷ lệ hộ nghèo là 38,64%.") == 2024


def test_a_national_title_on_a_provinces_page_is_about_no_province(levels):
    national = ("Hội nghị trực tuyến toàn quốc sơ kết công tác dân tộc 6 tháng đầu năm\n\n9:52, Thứ Sáu, 22-7-2022\n\n"
                "(Web Quảng Trị) Ủy ban Dân tộc tổ chức hội nghị. Tham dự tại đầu cầu Quảng Trị có lãnh đạo Ban Dân tộc.\n")
    own = ("Quảng Trị dẫn đầu toàn quốc về giải ngân vốn Chương trình 1719\n\n9:52, Thứ Sáu, 22-7-2022\n\n"
           "Tỉnh Quảng Trị đã giải ngân 92% kế hoạch vốn.\n")
    assert infer.read_document(national, levels).value("province") == ""
    assert infer.read_document(own, levels).value("province") == "quang-tri"


def test_years_said_relative_to_the_report_year_and_capital_carried_onward(levels, indicators):
    text = ("BÁO CÁO\nTổng kết công tác dân tộc năm 2023\n\n1. Vốn\nKế hoạch vốn giao trong năm là 318.540 triệu đồng; "
            "ngoài ra, vốn năm 2022 được kéo dài sang là 41.275 triệu đồng, và 12.480 triệu đồng vốn năm trước chuyển "
            "sang. Ước đến hết ngày 31/01 năm sau giải ngân khoảng 300.000 triệu đồng.\n\n2. Nhiệm vụ\n"
            "Tiếp tục thực hiện có hiệu quả chính sách, phấn đấu trong năm tới hỗ trợ nhà ở cho 950 hộ.\n\n"
            "III. NHIỆM VỤ NĂM TỚI\n- Phấn đấu giảm tỷ lệ hộ nghèo 4%.\n")
    doc = infer.read_document(text, levels)
    g = _figure_guesses(text, doc, indicators)
    onward = g["41.275 triệu đồng"]
    assert (onward["year"].value, onward["vintage"].value) == (2023, 2022)  # spent in the year after its plan
    assert g["12.480 triệu đồng"]["vintage"].value == 2022  # "vốn năm trước": the year before 2023
    estimate = g["khoảng 300.000 triệu đồng"]
    assert (estimate["year"].value, estimate["as_of"].value.isoformat()) == (2023, "2024-01-31")
    assert (g["950 hộ"]["year"].value, g["950 hộ"]["as_of"].value) == (2024, "")  # "thực hiện có" is no "hiện có"
    assert g["4%"]["year"].value == 2024


def test_a_quarter_a_sentence_opening_on_the_past_year_and_the_year_its_done_words_follow(levels):
    def year(text):
        return infer.read_document(text, levels).value("report_year")

    assert year("Kết quả thực hiện Chương trình mục tiêu quốc gia vùng đồng bào dân tộc thiểu số và miền núi quý "
                "III/2024\n\nLũy kế đến hết quý III, đã giải ngân 132.905 triệu đồng.\n") == 2024
    assert year("Đà Bắc: tạo đà cho vùng cao\n\nCập nhật: 06/01/2023 09:12\n\n(HBĐT) - Năm qua, huyện triển khai "
                "Chương trình.\n\nNăm nay, huyện được giao kế hoạch vốn năm 2023 là 128,4 tỷ đồng.\n") == 2022
    assert year("Tin\n\nNăm 2015 tỷ lệ hộ nghèo của tỉnh là 19,26%, đến năm 2022 giảm xuống còn 7,97%.\n") == 2022
    assert year("Tin\n\nĐến năm 2020, toàn xã chỉ còn 20 hộ nghèo.\n") == 2020
    assert year("Tin\n\nTrong 5 năm qua, xã đã hỗ trợ nhiều hộ.\n") == ""  # a duration, and no date


def test_a_quarter_without_its_year_the_same_period_last_year_a_month_and_a_targets_own_clause(levels, indicators):
    text = ("Kết quả thực hiện Chương trình quý III/2024\n\nLũy kế đến hết quý III, các chủ đầu tư đã giải ngân "
            "132.905 triệu đồng, cao hơn so với cùng kỳ năm trước (cùng kỳ chỉ đạt 41,2%). Riêng 415 triệu đồng vốn "
            "năm 2023 kéo dài đã được giải ngân hết trong tháng 6/2024. Ước đến ngày 31/12 giải ngân đạt khoảng 92% "
            "kế hoạch vốn; tỷ lệ hộ nghèo phấn đấu giảm 4,5 điểm phần trăm trong năm.\n")
    doc = infer.read_document(text, levels)
    g = _figure_guesses(text, doc, indicators)
    assert g["132.905 triệu đồng"]["as_of"].value.isoformat() == "2024-09-30"
    assert g["41,2%"]["year"].value == 2023
    assert g["415 triệu đồng"]["as_of"].value.isoformat() == "2024-06-30"
    assert g["khoảng 92%"]["as_of"].value.isoformat() == "2024-12-31"
    assert g["4,5 điểm phần trăm"]["as_of"].value == ""  # a target's date is in its own clause


def test_a_persons_name_is_no_province_and_a_plural_level_names_a_list(levels):
    person = ("Đại hội đại biểu các dân tộc thiểu số huyện Bắc Trà My lần thứ IV\n\nVề dự có các đồng chí: Phan Thái "
              "Bình – Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy; Nguyễn Văn Hòa Bình – Phó Chủ tịch UBND tỉnh.\n")
    listed = ("Tiếp tục thực hiện tốt chính sách dân tộc\n\nĐến nay đã có 7 địa phương tổ chức Đại hội. Các huyện: "
              "Châu Phú, Phú Tân, Chợ Mới sẽ tổ chức trong tháng 8.\n")
    assert infer.read_document(person, levels).value("province") == "quang-nam"
    assert infer.read_document(listed, levels).value("province") == "an-giang"


def test_the_programmes_name_sets_no_target_and_a_title_names_its_year(levels, indicators):
    text = ("Tin Trà Vinh\n\nThực hiện Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc "
            "thiểu số và miền núi giai đoạn 2021 - 2030, năm 2023, tỉnh Trà Vinh bố trí tổng nguồn vốn gần 626 tỷ đồng.\n")
    doc = infer.read_document(text, levels)
    assert doc.value("report_year") == 2023  # a period's years do not hide the year after them
    assert _figure_guesses(text, doc, indicators)["gần 626 tỷ đồng"]["basis"].value == "plan"
    titled = ("Hội nghị biểu dương người có uy tín trong đồng bào dân tộc thiểu số năm 2023\n\n"
              "Ngày 2/8, UBND huyện Hạ Lang tổ chức hội nghị.\n")
    dated = "Thứ Sáu, ngày 23 tháng 08 năm 2019, 09:25:27\n\nHội nghị được tổ chức tại tỉnh.\n"
    assert infer.read_document(titled, levels).value("report_year") == 2023
    assert infer.read_document(dated, levels).value("report_year") == ""  # a date written out is no year reported on
    assert infer.read_document("Tin\n\nCùng với gia đình chị, từ đầu năm 2019 đến nay có 63 hộ đã thoát nghèo. Năm 2020, "
                               "ngân hàng đã cho vay 579 lượt hộ.\n", levels).value("report_year") == 2020


def test_an_archive_date_a_site_date_line_the_past_n_years_a_months_end_and_an_events_year(levels):
    def doc(text):
        return infer.read_document(text, levels)

    archived = doc("date 2025-10-18 Sở Dân tộc và Tôn giáo phối hợp tổ chức tập huấn cho người có uy tín\n\nNội dung.\n")
    assert archived.value("published").isoformat() == "2025-10-18"
    site = doc("Analytic\nThứ Sáu, ngày 23 tháng 08 năm 2019, 09:25:27\n\nHà Giang: Tổ chức Đại hội điểm cấp huyện\n\n"
               "Vũ Mừng - 06:27, 10/05/2024\n\nSáng 8/5, huyện Quang Bình đã tổ chức Đại hội, nhiệm kỳ 2024 - 2029.\n")
    assert site.value("title").startswith("Hà Giang:")  # the site's stale date line is no title
    assert (site.value("published").isoformat(), site.value("report_year")) == ("2024-05-10", 2024)  # the event's year
    past = doc("Đức Trọng hỗ trợ 6 thôn\n\nCập nhật lúc 05:43, Thứ Năm, 22/07/2021 (GMT+7)\nTrong 5 năm qua huyện Đức "
               "Trọng đã triển khai nhiều chương trình.\n")
    assert past.value("report_year") == 2021
    month = doc("Tin\n\nĐến hết tháng 9/2023, Ủy ban nhân dân huyện đã phê duyệt 13 dự án.\n")
    assert month.value("report_year") == 2023


def test_a_units_name_written_with_another_tone_mark(levels):
    text = "Đại hội đại biểu các dân tộc thiểu số huyện Đăk Glei lần thứ IV\n\nHuyện Đăk Glei đã tổ chức Đại hội.\n"
    assert infer.read_document(text, levels).value("province") == "kon-tum"  # "Đắk Glei"


def test_an_event_day_with_a_dash_an_events_year_in_its_sentence_and_a_state_at_a_month(levels):
    def doc(text):
        return infer.read_document(text, levels)

    dashed = doc("Kỷ niệm ngày truyền thống\n\n09:05, 03/05/2019\n\nChiều 3-5, Ban Dân tộc tỉnh tổ chức lễ kỷ niệm.\n")
    assert dashed.value("event_date").isoformat() == "2019-05-03" and dashed.value("report_year") == 2019
    named = doc("333 đại biểu tham dự Đại hội\nChiều 18/10, Ban chỉ đạo Đại hội đại biểu các dân tộc thiểu số tỉnh lần "
                "thứ IV năm 2024 tổ chức họp báo.\n")
    assert named.value("event_date").isoformat() == "2024-10-18" and named.value("report_year") == 2024
    assert doc("Tin\n\nMô hình được triển khai tại xã Tà Rụt. Đến tháng 2/2020, mô hình đã cho hiệu quả.\n"
               ).value("report_year") == 2020


def test_carrying_out_in_a_year_dates_the_report(levels):
    text = ("Bò giống giúp người nghèo biên giới\n\n(Tin) - Trong năm 2015, thực hiện chương trình trao bò giống, "
            "Bộ đội Biên phòng tỉnh trao tặng các hộ nghèo 120 con bò.\n")
    assert infer.read_document(text, levels).value("report_year") == 2015


def test_a_heading_in_capitals_names_only_units_the_package_knows_and_a_news_agency_is_no_commune(levels):
    text = ("CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN BẢO LẠC\n\nBÁO TIN TỨC - THÔNG TẤN XÃ VIỆT NAM\n\n"
            "Bảo Lạc: Huyện đã hỗ trợ nhà ở cho 210 hộ nghèo\n\n12/05/2024 07:00\n\nHuyện đã hỗ trợ 210 hộ.\n")
    names = [a.name for a in infer.area_names(text, levels) if a.name]
    assert names == ["Bảo Lạc"]
    doc = infer.read_document(text, levels)
    assert doc.value("title").startswith("Bảo Lạc:")  # a masthead is no title


def test_the_past_year_is_dated_by_the_document_and_capital_carried_into_a_year_is_its_plan(levels, indicators):
    text = ("Tin tỉnh\n\n15/01/2024 09:00\n\nBan Dân tộc tỉnh tổng kết công tác dân tộc trong năm qua. "
            "Tính đến ngày 31/12, tỉnh đã giải ngân 300 tỷ đồng; số vốn còn lại 45 tỷ đồng được chuyển sang năm 2024.\n")
    doc = infer.read_document(text, levels)
    assert doc.value("report_year") == 2023
    guesses = _figure_guesses(text, doc, indicators)
    assert guesses["300 tỷ đồng"]["as_of"].value.isoformat() == "2023-12-31"
    carried = guesses["45 tỷ đồng"]
    assert (carried["basis"].value, carried["year"].value, carried["vintage"].value) == ("plan", 2024, 2023)


def test_a_review_of_the_past_year_is_not_the_year_it_sets_tasks_for_and_a_barred_date_stamps_the_page(levels):
    text = ("Sở Dân tộc và Tôn giáo tỉnh Điện Biên\n\nTin tức | 14/01/2026\n\nHội nghị tổng kết năm 2025\n\n"
            "Ngày 13/1, Sở tổ chức hội nghị tổng kết công tác dân tộc năm qua và triển khai nhiệm vụ năm 2026.\n")
    doc = infer.read_document(text, levels)
    assert doc.value("published").isoformat() == "2026-01-14"
    assert doc.value("report_year") == 2025 and doc.value("event_date").isoformat() == "2026-01-13"


def test_dates_quarters_forecasts_and_carried_capital_said_after_the_figure(levels, indicators):
    text = ("Năm 2024, huyện phấn đấu đến hết quý III/2024 giải ngân trên 65% kế hoạch vốn và hoàn thành 100% "
            "kế hoạch trước ngày 31/01/2025. Dự kiến đến ngày 31/01/2025, huyện giải ngân khoảng 80 tỷ đồng. "
            "Ngoài ra, khoảng 12 tỷ đồng vốn năm 2023 được kéo dài sang năm 2024.\n")
    doc = infer.read_document(text, levels)
    g = _figure_guesses(text, doc, indicators)
    assert g["trên 65%"]["as_of"].value.isoformat() == "2024-09-30"
    assert g["100%"]["as_of"].value.isoformat() == "2025-01-31"
    assert g["khoảng 80 tỷ đồng"]["basis"].value == "estimate"
    carried = g["khoảng 12 tỷ đồng"]
    assert (carried["basis"].value, carried["year"].value, carried["vintage"].value) == ("plan", 2024, 2023)


def test_this_year_a_bare_date_line_and_a_place_dateline(levels):
    text = ("Xã Ea Kao tổng kết năm\n\n18/12/2024\n\nBuôn Ma Thuột (Đắk Lắk) – Ngày 17/12, UBND xã tổ chức hội nghị.\n\n"
            "Năm nay, xã được phân bổ 6.200 triệu đồng.\n")
    doc = infer.read_document(text, levels)
    assert doc.value("published").isoformat() == "2024-12-18"
    assert doc.value("event_date").isoformat() == "2024-12-17"
    assert doc.value("report_year") == 2024


def test_a_weekday_dated_page_reviewing_the_past_year_and_dates_of_the_report_year(levels, indicators):
    text = ("Ban Dân tộc tỉnh: nhìn lại một năm\n\nThứ Tư, 18/01/2023\n\nNgày 17/1, Ban Dân tộc tỉnh tổ chức hội "
            "nghị tổng kết công tác dân tộc và thực hiện Chương trình mục tiêu quốc gia vùng đồng bào dân tộc "
            "thiểu số năm qua.\n\nTrong 9 tháng, tỉnh hỗ trợ nhà ở cho 1.210 hộ. Ước đến hết năm, giải ngân đạt "
            "khoảng 90% kế hoạch.\n")
    doc = infer.read_document(text, levels)
    assert (doc.value("published").isoformat(), doc.value("report_year")) == ("2023-01-18", 2022)
    g = _figure_guesses(text, doc, indicators)
    assert g["1.210 hộ"]["as_of"].value.isoformat() == "2022-09-30"
    assert g["khoảng 90%"]["as_of"].value.isoformat() == "2022-12-31"


def test_a_masthead_line_ending_in_its_weekday_and_date_stamps_the_page(levels):
    text = "Báo Tây Ninh điện tử - Thứ Hai, 18/11/2024\n\nXã Tân Hòa đổi thay\n\nNăm nay, xã được giao 9.300 triệu đồng.\n"
    doc = infer.read_document(text, levels)
    assert (doc.value("published").isoformat(), doc.value("report_year")) == ("2024-11-18", 2024)


def test_an_official_reports_header_date_line_and_a_capitalised_title_prefix_with_a_dash(levels):
    official = ("ỦY BAN NHÂN DÂN                       CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                "HUYỆN MƯỜNG KHƯƠNG                     Độc lập - Tự do - Hạnh phúc\n"
                "Số: 88/BC-UBND                         Mường Khương, ngày 04 tháng 12 năm 2024\n\n"
                "BÁO CÁO\nKết quả thực hiện Chương trình năm 2024\n\nHuyện đã hỗ trợ 120 hộ.\n")
    doc = infer.read_document(official, levels)
    assert doc.value("published").isoformat() == "2024-12-04"
    assert "Độc" not in " ".join(a.name for a in infer.area_names(official, levels))
    news = "ĐẮK NÔNG - Đồng bào vươn lên nhờ vốn Chương trình\n\nBáo X | 20-3-2023 | 10:05\n\nTỉnh Lâm Đồng có 9 xã.\n"
    assert infer.read_document(news, levels).value("province") == "dak-nong"


def test_a_period_done_a_state_now_and_a_target_named_after_words_of_doing(levels):
    def year(text, stamp=""):
        return infer.read_document(f"Tin\n\n{stamp}{text}\n", levels).value("report_year")
    dated = "05/08/2025 09:00\n\n"
    # a period in which things were done, once it has ended; an undated five-year plan may be running
    assert year("Trong giai đoạn 2021 - 2023, toàn huyện đầu tư xây dựng 14 công trình nước sinh hoạt.") == 2023
    assert year("Giai đoạn 2021-2025, toàn tỉnh đã hỗ trợ 812 hộ làm nhà.") == ""
    assert year("Giai đoạn 2021-2025, toàn tỉnh đã hỗ trợ 812 hộ làm nhà.", dated) == 2025
    assert year("Giai đoạn 2021-2025, tỉnh phấn đấu giảm tỷ lệ hộ nghèo 3% mỗi năm.", dated) == ""
    assert year("So với giai đoạn 2016-2020, số xã đạt chuẩn đã tăng 12 xã.", dated) == ""
    # a clause that opens on how things stand now dates a dated page; inside a clause it does not
    assert year("Hiện nay, toàn xã còn 64 hộ nghèo.", dated) == 2025
    assert year("Bà con thiếu nước trong mùa khô hiện nay.", dated) == ""
    # the cue nearest before a year decides: words of doing, then a target named later
    assert year("Thực hiện Dự án 5 – Chương trình mục tiêu quốc gia năm 2024, huyện mở 9 lớp nghề nhằm đạt "
                "mục tiêu của dự án.") == 2024
    assert year("Năm 2026, huyện phấn đấu giảm 2% hộ nghèo.") == ""
    # a decree's date and a comparison past a sentence's end are no year of things done
    assert year("Căn cứ Nghị định 05/2019/NĐ-CP ngày 04 tháng 03 năm 2019 về cơ cấu tổ chức của Ban.") == ""
    assert year("Thu nhập tăng so với trước. Đến năm 2020, toàn xã chỉ còn 20 hộ nghèo.") == 2020


def test_a_province_said_to_be_one_an_address_after_a_district_and_neighbours_across_a_border(levels):
    def province(text):
        return infer.read_document(f"Tin\n\n{text}\n", levels).value("province")
    # its neighbours, named after "giáp", are not what the text is about
    assert province("Bình Phước là một tỉnh miền núi; phía Đông giáp tỉnh Bình Dương và tỉnh Đồng Nai, phía Tây "
                    "giáp tỉnh Tây Ninh. Toàn tỉnh có 58 xã vùng đồng bào.") == "binh-phuoc"
    # a province written after the district it addresses outweighs headlines of other pages
    assert province("Tỉnh phối hợp với UBND xã Trường Sơn (huyện Quảng Ninh, Quảng Bình) khởi công công trình nước.\n\n"
                    "Đồng Nai: Biên giới là bộ mặt đối ngoại\n\nQuảng Trị: Trao cây giống cho dân bản") == "quang-binh"


def test_a_mastheads_section_a_titles_year_and_the_start_of_a_change(levels):
    masthead = "BÁO BẮC GIANG - Xã hội\n16/07/2024 | 14:05\n\nSơ kết 6 tháng\n\nBan Dân tộc tỉnh tổ chức hội nghị.\n"
    assert infer.read_document(masthead, levels).value("province") == "bac-giang"
    # a title's year outweighs an older figure the text recalls
    title = ("Gặp mặt người có uy tín tiêu biểu tỉnh Thái Nguyên năm 2022\n\nSố xã đặc biệt khó khăn đã giảm còn 14 xã "
             "năm 2021.\n")
    assert infer.read_document(title, levels).value("report_year") == 2022
    # "từ X vào cuối năm 2016 xuống còn Y vào cuối năm 2022": the change ends in the year reported
    change = "Tin\n\nHộ nghèo đã giảm đáng kể từ 32,15% vào cuối năm 2016 xuống còn 13,24% vào cuối năm 2022.\n"
    assert infer.read_document(change, levels).value("report_year") == 2022
    # "đến hết tháng 1 năm nay" dates an estimate early in a year, not the year reviewed
    early = ("Tin\n\nBáo X | 25/01/2024\n\nNăm 2023, huyện được giao 96,74 tỷ đồng. Ước đến hết tháng 1 năm nay, tỷ lệ "
             "giải ngân đạt 92%.\n")
    assert infer.read_document(early, levels).value("report_year") == 2023


def test_a_chronicle_reports_up_to_its_last_year_and_a_clause_ends_what_a_word_before_it_skips(levels):
    def year(text):
        return infer.read_document(f"Tin\n\n{text}\n", levels).value("report_year")
    assert year("Trong đó, năm 2020 thực hiện hỗ trợ 5 căn nhà; năm 2021, huyện hỗ trợ 10 căn; năm 2022, huyện hỗ "
                "trợ thêm 12 căn.") == 2022
    # the next paragraph is another matter
    assert year("Năm 2020 huyện đã hỗ trợ 5 căn nhà.\nNăm 2024 là năm bản lề.") == 2020
    # a comparison's year within its clause is skipped, one after a comma is not
    assert year("Thu nhập đã đạt 57 triệu đồng, tăng so với mức 40,9 triệu đồng năm 2019.") == ""
    assert year("Từ nguồn vốn trung ương, năm 2023 tỉnh đã hỗ trợ 120 hộ.") == 2023


def test_a_masthead_whose_section_has_a_dash_of_its_own(levels):
    text = "BÁO TÂY NINH - Chính trị - Xã hội\n09/01/2025 | 10:25\n\nTổng kết năm 2024\n\nBan Dân tộc tỉnh tổ chức hội nghị.\n"
    assert infer.read_document(text, levels).value("province") == "tay-ninh"


def test_investing_and_supporting_are_words_of_doing_and_years_listed_report_the_later(levels):
    def year(text):
        return infer.read_document(f"Tin\n\n{text}\n", levels).value("report_year")
    assert year("Năm 2017, huyện đầu tư hơn 5,4 tỷ đồng phát triển sản xuất.") == 2017
    assert year("Năm 2022 - 2023, tỉnh được phân bổ trên 1.270 tỷ đồng.") == 2023
    assert year("Năm 2014, 2015, Chương trình 135 đã hỗ trợ 2.100 xã.") == 2015
    assert year("Năm 2026, huyện phấn đấu hỗ trợ 300 hộ.") == ""  # a target, not a year of things done


def test_a_provincial_paper_named_after_a_place_of_its_province(levels):
    text = "BÁO ĐIỆN BIÊN PHỦ - Kinh tế\n08/12/2023 | 09:30\n\nCòn nhiều việc phải làm\n\nBan Dân tộc tỉnh họp.\n"
    doc = infer.read_document(text, levels)
    assert doc.value("province") == "dien-bien" and "ĐIỆN BIÊN PHỦ" in doc.guesses["province"].words


def test_what_must_be_done_in_a_year_is_a_target(levels):
    text = ('Báo Nghệ An | Thứ Ba, 14/02/2023 - 08:00\n\nPhó Chủ tịch UBND huyện: "Năm 2023 phải giải ngân dứt điểm vốn '
            'chuyển sang"\n\n- Thưa ông, năm 2022 huyện được bố trí bao nhiêu vốn?\n+ Tổng vốn giao năm 2022 là 356,8 tỷ đồng.\n')
    assert infer.read_document(text, levels).value("report_year") == 2022


@pytest.mark.parametrize("heading", [
    "ỦY BAN NHÂN DÂN\nHUYỆN MƯỜNG NHÉ\nSố: 311/BC-UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n",
    "ỦY BAN NHÂN DÂN              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHUYỆN MƯỜNG NHÉ              Độc lập - Tự do - Hạnh phúc\n",
])
def test_a_report_issued_by_a_district_is_about_that_district(levels, heading):
    text = heading + "\nBÁO CÁO\nKết quả thực hiện Chương trình năm 2024\n\nKế hoạch vốn giao 61.450 triệu đồng.\n"
    doc = infer.read_document(text, levels)
    assert (doc.value("area"), doc.value("area_level")) == ("Mường Nhé", "district")
    assert "HUYỆN MƯỜNG NHÉ" in doc.guesses["area"].words and "issuer" in doc.guesses["area"].words


def test_a_level_reached_at_a_years_end_dates_the_report_though_a_from_level_opens_the_clause(levels):
    text = ("Tỉnh Hà Giang tổng kết Chương trình\n\nCả tỉnh có 4.120 hộ thoát nghèo, đưa tỷ lệ hộ nghèo từ 31,05% đầu "
            "năm xuống còn 27,62% vào cuối năm 2023.\n")
    assert infer.read_document(text, levels).value("report_year") == 2023
    visit = "Nhân dịp Tết, từ ngày 18 đến 19 tháng 01 năm 2023 Ban Dân tộc đã đi thăm, tặng quà người có uy tín.\n"
    assert infer.read_document(visit, levels).value("report_year") == 2023
    # the start of a change is still no year reported on
    assert infer.read_document("Tỷ lệ hộ nghèo giảm từ 30,1% năm 2021.\n", levels).value("report_year") != 2021


def test_a_figure_stated_as_a_years_dates_the_report(levels):
    text = "Danh sách người có uy tín trên địa bàn tỉnh Bạc Liêu năm 2023 là 154 người (139 nam, 15 nữ).\n"
    assert infer.read_document(text, levels).value("report_year") == 2023
    assert infer.read_document("Năm 2025 là năm cuối của giai đoạn.\n", levels).value("report_year") != 2025


def test_peers_listed_after_a_plural_level_word_are_not_the_subject(levels):
    text = ("Đại hội đại biểu các dân tộc thiểu số lần thứ IV\n\nDự có lãnh đạo Ban Dân tộc các tỉnh: Gia Lai, Đắk Lắk, "
            "Kon Tum, Đắk Nông.\n\nĐại hội quyết tâm xây dựng tỉnh Lâm Đồng phát triển.\n")
    assert infer.read_document(text, levels).value("province") == "lam-dong"


def test_news_of_what_just_happened_is_of_its_dated_year_and_carried_over_capital_dates_nothing(levels):
    news = "Quà cho người có uy tín\n\nMinh Hà - 09:10, 21/11/2024\n\nMới đây, huyện Sơn Động đã tặng 212 suất quà.\n"
    assert infer.read_document(news, levels).value("report_year") == 2024
    report = ("BÁO CÁO\nKết quả thực hiện Chương trình\n\nKế hoạch vốn giao trong năm là 38.240 triệu đồng. Ngoài ra, vốn "
              "năm 2023 chuyển sang thực hiện là 4.120 triệu đồng.\nTừ đầu năm đến nay đã giải ngân 25.310 triệu đồng.\n\n"
              "Đắk Mil, ngày 16 tháng 12 năm 2024\n")
    assert infer.read_document(report, levels).value("report_year") == 2024


@pytest.mark.parametrize("date_line", ["Mường Chà, ngày 26 tháng 12 năm 2023", "Mường Chà, ngày 26/12/2023"])
def test_a_closing_date_line_in_words_or_digits_dates_the_report(levels, date_line):
    text = (f"Hội nghị người có uy tín\n\nNăm qua, toàn huyện có 214 người có uy tín được cấp báo.\n\n{date_line}\n"
            "Phòng Dân tộc\n")
    doc = infer.read_document(text, levels)
    assert (doc.value("published").isoformat(), doc.value("report_year")) == ("2023-12-26", 2023)


def test_districts_of_one_province_outweigh_another_province_named_in_passing(levels):
    text = ("Phum sóc ven biển đổi thay\n\nNăm qua, thị xã Vĩnh Châu cùng hai huyện Trần Đề, Mỹ Xuyên được phân bổ "
            "127,3 tỷ đồng. Nhiều thanh niên vẫn phải đi làm công nhân ở Bình Dương.\n")
    assert infer.read_document(text, levels).value("province") == "soc-trang"


def test_a_district_written_without_the_package_s_vowel_mark_still_places_the_text(levels):
    text = "Nhà mới trên đỉnh núi\n\nNăm qua, huyện Mù Cang Chải có thêm 612 căn nhà mới cho hộ nghèo.\n"
    assert infer.read_document(text, levels).value("province") == "yen-bai"


def test_a_page_an_archive_dates_by_its_month_only_reports_on_that_month_s_year(levels):
    text = " date 2024-11 Đồng bào Khmer ở An Giang\n\nHiện nay, toàn tỉnh có 75.800 người Khmer sinh sống.\n"
    doc = infer.read_document(text, levels)
    assert (doc.value("report_year"), doc.value("published")) == (2024, "")
    assert "2024-11" in doc.guesses["report_year"].words and "2024-11-30" not in doc.guesses["report_year"].words


@pytest.mark.parametrize(("text", "year"), [
    # a month and year written with a dot dates the report
    ("Tính đến tháng 9.2024, toàn tỉnh Lai Châu đã giải ngân hơn 812 tỉ đồng, đạt 61% kế hoạch vốn.\n", 2024),
    # a month after the year is how it stood, not the next year of a chronicle
    ("Nguồn lực chạm tới bản xa\n\nNăm 2022, ba huyện được phân bổ 412,8 tỷ đồng. Đến hết tháng 1/2023, ba huyện đã "
     "giải ngân 356,1 tỷ đồng.\n", 2022),
    # the year a change starts from is not the year reported
    ("Giảm nghèo ở Điện Biên\n\nKết quả, tỷ lệ nghèo đa chiều năm 2023 từ 36,97% đã giảm xuống còn 33,24% năm 2024.\n",
     2024),
], ids=["month-dot-year", "month-after-the-year", "year-a-change-starts-from"])
def test_the_year_the_words_report_on(levels, text, year):
    assert infer.read_document(text, levels).value("report_year") == year


def test_an_event_dated_after_hom_qua_is_the_reports_event(levels):
    text = ("Khảo sát hỗ trợ nhà ở\n\n(08:35 | 29/04/2022)\n\nHôm qua, ngày 28/4/2022, đại diện Ban Dân tộc tỉnh Kiên Giang "
            "đến huyện U Minh Thượng khảo sát 10 căn nhà.\n")
    doc = infer.read_document(text, levels)
    assert (doc.value("event_date").isoformat(), doc.value("report_year")) == ("2022-04-28", 2022)


def test_the_past_year_after_a_named_source_is_the_year_reviewed_not_a_quoted_this_year(levels):
    text = ("Cao Bằng: vốn 1719 đổi thay vùng cao\n\nCập nhật: 15/01/2024 09:10\n\nTheo Ban Dân tộc tỉnh, năm qua toàn tỉnh "
            "được giao 1.186,4 tỷ đồng.\n\nAnh Chàn kể: \"Có nhà rồi, năm nay tôi trồng thêm 2 ha quế\".\n")
    assert infer.read_document(text, levels).value("report_year") == 2023
