"""dantoc extract: figures as Vietnamese writes them, their spans, the seeds' coverage, the CLI."""

import csv
import importlib.util
import json
from decimal import Decimal
from pathlib import Path

import pytest

from dantoc_analysis import extract, loaders, paths
from dantoc_analysis.cli import main
from dantoc_analysis.errors import DataError

HELDOUT = Path(__file__).parent / "fixtures" / "heldout"

# (sentence, expected text, value, unit, qualifier, denominator) — sentences written for this test,
# not taken from the seed documents.
FIGURES = [
    # separators, leading zeros, percent
    ("Toàn tỉnh có 1.250.300 người dân tộc thiểu số.", "1.250.300 người", "1250300", "people", "exact", None),
    ("Tỷ lệ che phủ rừng đạt 63,4%, tăng so với cùng kỳ.", "63,4%", "63.4", "percent", "exact", None),
    ("HĐND tỉnh đã thông qua 03 nghị quyết chuyên đề.", "03 nghị quyết", "3", "documents", "exact", None),
    ("Tỷ lệ hộ nghèo giảm 3,55 % so với đầu năm.", "3,55 %", "3.55", "percent", "exact", None),
    ("Thu nhập bình quân tăng 6,2%/năm.", "6,2%/năm", "6.2", "percent", "exact", None),
    ("Tỷ lệ hộ nghèo giảm 1,7 điểm phần trăm so với năm trước.", "1,7 điểm phần trăm", "1.7",
     "percentage_points", "exact", None),
    ("UBND tỉnh giao 5 nhiệm vụ trọng tâm.", "5 nhiệm vụ", "5", "tasks", "exact", None),
    # money: scales, mixed numerals, USD
    ("Tổng vốn được giao 2.345 tỷ đồng.", "2.345 tỷ đồng", "2345000", "million_vnd", "exact", None),
    ("Mỗi hộ được hỗ trợ 12,5 triệu đồng.", "12,5 triệu đồng", "12.5", "million_vnd", "exact", None),
    ("Lũy kế vốn đạt 1,2 nghìn tỷ đồng.", "1,2 nghìn tỷ đồng", "1200000", "million_vnd", "exact", None),
    ("Tổng nguồn vốn là 7 nghìn 570 tỷ 186 triệu đồng.", "7 nghìn 570 tỷ 186 triệu đồng", "7570186",
     "million_vnd", "exact", None),
    ("Đã giải ngân 3.093 tỷ 508 triệu đồng.", "3.093 tỷ 508 triệu đồng", "3093508", "million_vnd", "exact", None),
    ("Kinh phí 250.000.000 đồng từ ngân sách tỉnh.", "250.000.000 đồng", "250", "million_vnd", "exact", None),
    ("GRDP bình quân đầu người tương đương 3.100 USD.", "3.100 USD", "3100", "usd", "exact", None),
    ("Thu nhập đạt 31,5 triệu đồng/người/năm.", "31,5 triệu đồng/người/năm", "31.5", "million_vnd", "exact", None),
    # counts with their noun, with scale words
    ("Đón 2,05 triệu lượt khách du lịch.", "2,05 triệu lượt", "2050000", "person_times", "exact", None),
    ("Vùng đồng bào có 656 nghìn người.", "656 nghìn người", "656000", "people", "exact", None),
    ("Hỗ trợ 1.024 hộ làm nhà ở.", "1.024 hộ", "1024", "households", "exact", None),
    ("Cứng hóa 45 km đường giao thông nông thôn.", "45 km", "45", "km", "exact", None),
    ("Trồng mới 350 ha quế.", "350 ha", "350", "hectares", "exact", None),
    ("Có 12 thôn đặc biệt khó khăn.", "12 thôn", "12", "villages", "exact", None),
    ("Rà soát 7 xóm vùng cao.", "7 xóm", "7", "villages", "exact", None),
    ("Còn 9 bản chưa có điện.", "9 bản", "9", "villages", "exact", None),
    ("Triển khai tại 15 xã biên giới.", "15 xã", "15", "communes", "exact", None),
    ("Xây mới 6 trường học.", "6 trường", "6", "schools", "exact", None),
    ("Khởi công 20 công trình thủy lợi.", "20 công trình", "20", "works", "exact", None),
    ("Hỗ trợ 8 dự án liên kết.", "8 dự án", "8", "projects", "exact", None),
    ("Đào tạo nghề cho 1.300 lao động.", "1.300 lao động", "1300", "people", "exact", None),
    # fractions and achieved/target pairs
    ("Đến nay 9/9 huyện đã có Ban Chỉ đạo.", "9/9 huyện", "9", "districts", "exact", "9"),
    ("Hoàn thành 35/20 công trình, vượt kế hoạch.", "35/20 công trình", "35", "works", "exact", "20"),
    ("Tỷ lệ giải ngân đạt 82,40/80%.", "82,40/80%", "82.4", "percent", "exact", "80"),
    # ranges (value = lower bound)
    ("Phấn đấu giảm tỷ lệ hộ nghèo từ 5 đến 7%.", "từ 5 đến 7%", "5", "percent", "range", None),
    ("Giảm bình quân từ 3 - 4%/năm.", "từ 3 - 4%/năm", "3", "percent", "range", None),
    # qualifiers
    ("Giải ngân gần 312 tỷ đồng.", "gần 312 tỷ đồng", "312000", "million_vnd", "approx", None),
    ("Tập huấn cho khoảng 450 người.", "khoảng 450 người", "450", "people", "approx", None),
    ("Sản lượng ước 2.000 hộ tham gia.", "ước 2.000 hộ", "2000", "households", "approx", None),
    ("Thu nhập ước đạt 42,3 triệu đồng.", "ước đạt 42,3 triệu đồng", "42.3", "million_vnd", "approx", None),
    ("Tỷ lệ tiêm chủng xấp xỉ 98%.", "xấp xỉ 98%", "98", "percent", "approx", None),
    ("Làm mới trên 120km đường.", "trên 120km", "120", "km", "over", None),
    ("Hơn 3.000 hộ thoát nghèo.", "Hơn 3.000 hộ", "3000", "households", "over", None),
    ("Kết quả vượt 150% kế hoạch.", "vượt 150%", "150", "percent", "over", None),
    ("Tỷ lệ hộ nghèo còn dưới 4%.", "dưới 4%", "4", "percent", "under", None),
    ("Còn chưa đến 20 hộ chưa có điện.", "chưa đến 20 hộ", "20", "households", "under", None),
]

# Sentences with numbers that are not figures.
NOT_FIGURES = [
    "Chiều 12/3, Ban Dân tộc tổ chức hội nghị.",
    "Theo Quyết định số 861/QĐ-TTg ngày 04/6/2021 của Thủ tướng Chính phủ.",
    "Thực hiện Nghị định 28/2022/NĐ-CP và Công văn số 15/CV-UBND, Nghị quyết số 12-NQ/TU.",
    "Kế hoạch năm 2024 và giai đoạn 2026 - 2030.",
    "Năm 2023 xã Hòa An về đích nông thôn mới.",
    "Cập nhật 21-03-2023 09:15",
    "Nguồn vốn Chương trình 135 và Chương trình 30a, Tiểu dự án 1 Dự án 3 của Chương trình 1719.",
    "Đại hội lần thứ 3 khóa XV; Thứ nhất, đợt 2 người dân được hỗ trợ.",
    "Điện thoại: 0207 3822 456 - Fax: 0207 3822 457",
    "Trụ sở: 27B đường Nguyễn Du, số 15 đường Lê Lợi.",
    "Đang truy cập: 1532\nTổng truy cập: 2.045.771",
    "Lãnh đạo tỉnh phát biểu\n\n4\n\nNgười dân thu hoạch chè",
    "Lãnh đạo tỉnh phát biểu\n4\nNgười dân thu hoạch chè",
    "1.5. Kết quả thực hiện",
    "Dịch covid-19 ảnh hưởng đến sản xuất.",
    "Xem https://dantoc.gov.vn/tin/25-ho-ngheo.html hoặc gửi thư tới bdt25@gov.vn",
    "Bản quyền © 2019 Ban Dân tộc tỉnh.",
    "Tổng số là 25 theo báo cáo.",
    "Sáng 5/9 hộ gia đình được nhận quà.",
]


@pytest.mark.parametrize("sentence, text, value, unit, qualifier, denominator", FIGURES)
def test_a_figure_is_read_as_written(sentence, text, value, unit, qualifier, denominator):
    found = extract.extract(sentence)
    assert [m.text for m in found] == [text]
    (m,) = found
    assert (m.value, m.unit, m.qualifier) == (Decimal(value), unit, qualifier)
    assert m.denominator == (Decimal(denominator) if denominator else None)
    assert sentence[m.start:m.end] == m.text


def test_a_range_keeps_its_upper_bound():
    (m,) = extract.extract("giảm từ 5 đến 7%")
    assert (m.value, m.upper, m.qualifier) == (5, 7, "range")


def test_a_range_word_without_tu_is_not_a_range():
    assert [m.text for m in extract.extract("tăng 3 đến 4% so với")] == ["4%"]


@pytest.mark.parametrize("sentence", NOT_FIGURES)
def test_numbers_that_are_not_figures(sentence):
    assert extract.extract(sentence) == []


def _seed_texts():
    sources = loaders.load_sources()
    return sources, loaders.source_texts(sources)


@pytest.fixture(scope="module")
def seeds():
    sources, texts = _seed_texts()
    facts = loaders.load_facts(sources=sources)
    found = {sid: extract.extract(text, sid) for sid, text in texts.items()}
    return sources, texts, facts, found


def test_text_is_the_slice_of_the_file(seeds):
    _, texts, _, found = seeds
    heldout = {p.name: loaders.read_text(p) for p in HELDOUT.glob("*.txt")}
    pairs = [(texts[sid], m) for sid, ms in found.items() for m in ms]
    pairs += [(t, m) for t in heldout.values() for m in extract.extract(t)]
    assert pairs
    assert all(text[m.start:m.end] == m.text for text, m in pairs)


def test_every_curated_fact_is_found_at_its_place(seeds):
    _, texts, facts, found = seeds
    for row in facts.itertuples():
        text = texts[row.source_id]
        at = text.index(row.quote) + row.quote.index(row.mention)
        hits = [m for m in found[row.source_id] if m.start == at]
        assert len(hits) == 1, (row.fact_id, row.mention)
        (m,) = hits
        assert m.text == row.mention, row.fact_id
        assert row.unit == m.unit and row.qualifier == m.qualifier, row.fact_id
        assert Decimal(str(row.value)) in (m.value, m.denominator), row.fact_id


def test_every_extra_mention_is_listed_as_ignored(seeds):
    sources, texts, facts, _ = seeds
    findings = extract.coverage_findings(sources, facts, texts=texts)
    assert [f["status"] for f in findings] == ["ok"]
    assert findings[0]["rule"] == "coverage" and findings[0]["observed"] == findings[0]["expected"]


def test_an_uncovered_mention_is_a_mismatch(seeds):
    sources, texts, facts, _ = seeds
    fewer = facts[facts["fact_id"] != "lsn-bkto-2024#03"]  # "11 xã"
    findings = extract.coverage_findings(sources, fewer, texts=texts)
    (miss,) = [f for f in findings if f["status"] == "mismatch"]
    assert miss["province"] == "lang-son" and miss["expected"] == "11 xã"
    assert "lsn-bkto-2024" in miss["message_en"] and "11 xã" in miss["message_vi"]
    assert findings[0]["status"] == "note"


def test_a_fact_covers_only_the_same_value_and_unit():
    (m,) = extract.extract("Hỗ trợ 11 xã")
    row = {"unit": "communes", "_values": {Decimal(12)}}
    assert extract.covering_facts(m, [(m.start, m.end, row)]) == []
    assert extract.covering_facts(m, [(m.start, m.end, {**row, "_values": {Decimal(11)}})])
    assert extract.covering_facts(m, [(m.start, m.end, {"unit": "people", "_values": {Decimal(11)}})]) == []


def test_ignored_mentions_cover_and_are_validated(data_copy):
    sources = loaders.load_sources(data_copy)
    texts = loaders.source_texts(sources, data_copy)
    facts = loaders.load_facts(data_copy, sources).query("fact_id != 'lsn-bkto-2024#03'")
    start = texts["lsn-bkto-2024"].index("11 xã")
    ignored = data_copy / extract.IGNORED_FILE
    listed = ignored.read_text(encoding="utf-8")
    ignored.write_text(f"{listed}lsn-bkto-2024,11 xã,{start},test\n", encoding="utf-8")
    statuses = [f["status"] for f in extract.coverage_findings(sources, facts, data_copy, texts)]
    assert statuses == ["ok"]
    ignored.write_text(f"source_id,text,start,reason\nlsn-bkto-2024,11 xã,{start + 1},test\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        extract.load_ignored(data_copy, sources, texts)
    assert "ignored_mentions.csv, line 2, column text" in str(info.value)
    ignored.write_text("source_id,text,start,reason\nlsn-bkto-2024,11 xã,eleven,test\n", encoding="utf-8")
    with pytest.raises(DataError, match="line 2, column start"):
        extract.load_ignored(data_copy, sources, texts)


def _bench():
    spec = importlib.util.spec_from_file_location("bench_extract", paths.REPO_ROOT / "bench" / "extract.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("folder", [HELDOUT, HELDOUT / "heldback"])
def test_heldout_precision_and_recall(folder):
    result = _bench().score_heldout(folder)
    assert result["gold"] >= 40
    for key in ("span_precision", "span_recall", "value_precision", "value_recall"):
        assert result[key] >= 0.97, (key, result)


def test_proposed_indicator_has_the_same_unit():
    indicators = loaders.load_indicators()
    units = dict(zip(indicators["indicator"], indicators["unit"]))
    (m,) = extract.extract("Kết quả giải ngân vốn đầu tư phát triển: 430 tỷ đồng", indicators=indicators)
    assert m.indicator == "disbursed_investment" and units[m.indicator] == m.unit
    assert 0 < m.confidence <= 1


# --- the command -------------------------------------------------------------------------------

def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_extract_json(capsys):
    path = HELDOUT / "04_meovac.txt"
    code, out, _ = run(capsys, "extract", str(path), "--format", "json")
    assert code == 0
    rows = json.loads(out)
    text = path.read_text(encoding="utf-8")
    keys = {"file", "start", "end", "text", "value", "unit", "qualifier", "denominator", "indicator", "confidence"}
    assert rows and all(keys <= set(r) for r in rows)
    assert all(text[r["start"]:r["end"]] == r["text"] for r in rows)
    assert {"text": "12/18 xã", "value": 12, "denominator": 18}.items() <= next(
        r for r in rows if r["text"] == "12/18 xã").items()


def test_extract_table(capsys):
    code, out, _ = run(capsys, "extract", str(HELDOUT / "02_giaingan_2023.txt"))
    assert code == 0
    assert "2 nghìn 135 tỷ 460 triệu đồng" in out and "2135460 million_vnd" in out
    assert out.rstrip().endswith("figure(s) in 1 file(s)")


def test_extract_as_facts_prints_candidate_rows_and_writes_nothing(capsys):
    data = paths.REPO_ROOT / "data"
    before = {p: p.stat().st_mtime_ns for p in data.rglob("*")}
    raw = data / "raw" / "000_dd5db50cc6439e6e.txt"
    code, out, _ = run(capsys, "extract", str(raw), "--as-facts")
    assert code == 0
    rows = list(csv.DictReader(out.splitlines()))
    header = out.splitlines()[0].split(",")
    assert header == [c for c in loaders.fact_columns()]
    first = rows[0]
    assert first["source_id"] == "lsn-baolangson-2024-01-10" and first["province"] == "lang-son"
    assert first["mention"] == "gần 548 tỷ đồng" and first["mention"] in first["quote"]
    assert (first["value"], first["unit"], first["qualifier"]) == ("548000", "million_vnd", "approx")
    assert {p: p.stat().st_mtime_ns for p in data.rglob("*")} == before


def test_extract_as_facts_json(capsys):
    code, out, _ = run(capsys, "extract", str(HELDOUT / "01_soket_6thang.txt"), "--as-facts", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert rows[0]["source_id"] == "" and rows[0]["mention"] in rows[0]["quote"]


def test_extract_missing_or_non_utf8_file_exits_2(capsys, tmp_path):
    code, out, err = run(capsys, "extract", str(tmp_path / "missing.txt"))
    assert (code, out) == (2, "") and len(err.strip().splitlines()) == 1 and "file not found" in err
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Hỗ trợ 120 hộ".encode() + b"\n\xe0 30 h\xf4")
    code, out, err = run(capsys, "extract", str(HELDOUT / "04_meovac.txt"), str(latin))
    assert (code, out) == (2, "") and "not UTF-8" in err and len(err.strip().splitlines()) == 1


def test_check_reports_coverage(capsys):
    code, out, _ = run(capsys, "check", "--format", "json")
    assert code == 0
    coverage = [c for c in json.loads(out)["checks"] if c["rule"] == "coverage"]
    assert [c["status"] for c in coverage] == ["ok"]
    code, out, _ = run(capsys, "check", "--lang", "vi")
    assert "coverage" in out and "Độ bao phủ" in out
