"""One figure grammar: the forms Vietnamese writes figures in, the numbers that are not figures,
and text read the same whatever its Unicode normal form. Sentences written for these tests."""

import csv
import json
import unicodedata
from decimal import Decimal

import pandas as pd
import pytest

from dantoc_analysis import extract, loaders
from dantoc_analysis.grammar import figures, parse_figure, stated_in
from dantoc_analysis.numbers import FigureError, format_quantity

NB, NNB, THIN = "\u00a0", "\u202f", "\u2009"

# (sentence, [(text, value, unit, noun)]) — counts keep the noun phrase they count.
COUNTS = [
    # "ước" takes the figure's verb with it: an estimate, not an exact figure
    ("Tỉ lệ hộ nghèo năm 2023 ước còn 2,93%, giảm so với năm trước.", [("ước còn 2,93%", "2.93", "percent", "%")]),
    ("Trên địa bàn có 43 dân tộc cùng sinh sống.", [("43 dân tộc", "43", "count", "dân tộc")]),
    # "thiểu số" ends in "số" but names no number: what follows is a figure, not "số 3"
    ("Phấn đấu giảm tỷ lệ hộ nghèo đồng bào dân tộc thiểu số 3%, giải ngân hết vốn.",
     [("3%", "3", "percent", "%")]),
    ("Hội thi thu hút hơn 20 cộng đồng.", [("hơn 20 cộng đồng", "20", "count", "cộng đồng")]),
    ("Hội Phụ nữ có gần 12.000 hội viên.", [("gần 12.000 hội viên", "12000", "count", "hội viên")]),
    ("Năm học mới đón trên 31.000 học sinh.", [("trên 31.000 học sinh", "31000", "people", "học sinh")]),
    ("Toàn ngành có 2.105 cán bộ (1.870 nam, 235 nữ).",
     [("2.105 cán bộ", "2105", "people", "cán bộ"), ("1.870 nam", "1870", "count", "nam"),
      ("235 nữ", "235", "count", "nữ")]),
    ("Giải quyết việc làm cho 412 nghìn lao động.", [("412 nghìn lao động", "412000", "people", "lao động")]),
    ("Sau sắp xếp còn 9 đơn vị hành chính cấp xã.",
     [("9 đơn vị hành chính cấp xã", "9", "communes", "đơn vị hành chính cấp xã")]),
    ("Nhân rộng 12 mô hình sinh kế.", [("12 mô hình", "12", "models", "mô hình")]),
    ("Chỉ số năng lực cạnh tranh tăng 5 bậc so với năm trước.", [("5 bậc", "5", "count", "bậc")]),
    ("Thu nhập tăng gấp 2 lần so với đầu nhiệm kỳ.", [("2 lần", "2", "count", "lần")]),
    ("Xử lý 12 trường hợp vi phạm.", [("12 trường hợp vi phạm", "12", "count", "trường hợp vi phạm")]),
    ("Vùng cao có 1,5 triệu đồng bào.", [("1,5 triệu đồng bào", "1500000", "people", "đồng bào")]),
    ("Tỉnh có hơn 53 vạn đồng bào dân tộc thiểu số.", [("hơn 53 vạn đồng bào", "530000", "people", "đồng bào")]),
    ("Đến nay đã hoàn thành 243 nhà, 6 nhà văn hóa.", [("243 nhà", "243", "houses", "nhà"),
                                                      ("6 nhà văn hóa", "6", "count", "nhà văn hóa")]),
    ("Tổng số 120 hộ được hỗ trợ.", [("120 hộ", "120", "households", "hộ")]),
    # a noun phrase longer than six words is read whole, not cut inside "dân tộc thiểu số"
    ("Đoàn đã khảo sát 24 cơ sở giáo dục vùng dân tộc thiểu số, trong đó có trường mới.",
     [("24 cơ sở giáo dục vùng dân tộc thiểu số", "24", "count", "cơ sở giáo dục vùng dân tộc thiểu số")]),
    # the name of a kind of thing capitalises its first syllable only; it is still counted
    ("Huyện đoàn thành lập 9 Chi hội thanh niên tình nguyện.",
     [("9 Chi hội thanh niên tình nguyện", "9", "count", "Chi hội thanh niên tình nguyện")]),
    # a date or code written before the number does not make it part of a phone number
    ("Tin ngày 2024-03-15 7 hộ nghèo được nhận bò giống.", [("7 hộ", "7", "households", "hộ")]),
    ("Có 4 Tổ công tác đi kiểm tra.", [("4 Tổ công tác", "4", "count", "Tổ công tác")]),
    # a verb, a measure noun or a time ends the phrase; a noun that starts like a verb does not
    ("Xã có 18 câu lạc bộ duy trì sinh hoạt.", [("18 câu lạc bộ", "18", "count", "câu lạc bộ")]),
    ("Làm 6 giếng khoan công suất 5 m3 mỗi giờ.",
     [("6 giếng khoan", "6", "count", "giếng khoan"), ("5 m3", "5", "cubic_metres", "m3")]),
    ("Thanh tra 4 đợt kiểm tra năm 2024 tại xã.", [("4 đợt kiểm tra", "4", "count", "đợt kiểm tra")]),
    ("Vùng cao có 2 thành phố và 25 thành viên ban chỉ đạo.",
     [("2 thành phố", "2", "cities", "thành phố"), ("25 thành viên ban chỉ đạo", "25", "count", "thành viên ban chỉ đạo")]),
    # in a sentence a count of views is a figure; on a line of its own it is the page's counter
    ("Phóng sự đạt hơn 1 triệu lượt xem.", [("hơn 1 triệu lượt", "1000000", "person_times", "lượt")]),
]

# (sentence, [(text, value, unit, denominator, comparison, flags)])
PAIRS_SHARES_TYPOS = [
    ("Giải ngân vốn đầu tư đạt 31,20/<32% kế hoạch.", [("31,20/<32%", "31.2", "percent", "32", "<", ())]),
    ("Vốn sự nghiệp đạt 82,5/≥80%.", [("82,5/≥80%", "82.5", "percent", "80", "≥", ())]),
    ("Tỷ lệ đạt 64,8/>=65%.", [("64,8/>=65%", "64.8", "percent", "65", "≥", ())]),
    ("Diện tích lúa 1.204 ha chiếm 0,35% diện tích tự nhiên.",
     [("1.204 ha", "1204", "hectares", None, None, ()), ("0,35%", "0.35", "percent", None, None, ())]),
    ("Có 120 hộ nghèo, chiếm 3,4% số hộ.",
     [("120 hộ", "120", "households", None, None, ()), ("3,4%", "3.4", "percent", None, None, ())]),
    ("Tổng vốn giao 314 tỷ triệu đồng.", [("314 tỷ triệu đồng", "314000", "million_vnd", None, None, ("unit_typo",))]),
    ("Bố trí 2 nghìn tỷ đồng.", [("2 nghìn tỷ đồng", "2000000", "million_vnd", None, None, ())]),
    ("Tổng kinh phí thực hiện là hơn 500 triệu.",
     [("hơn 500 triệu", "500", "million_vnd", None, None, ("unit_implied",))]),
    ("Thu nhập bình quân 40 triệu/người/năm.",
     [("40 triệu/người/năm", "40", "million_vnd", None, None, ("unit_implied",))]),
]

# Thousands grouped by spaces are read whole, never in part.
SPACE_GROUPED = [
    (f"Tổng vốn 1{NB}188{NB}600 triệu đồng.", f"1{NB}188{NB}600 triệu đồng", ()),
    (f"Tổng vốn 1{NNB}188{NNB}600 triệu đồng.", f"1{NNB}188{NNB}600 triệu đồng", ()),
    (f"Tổng vốn 1{THIN}188{THIN}600 triệu đồng.", f"1{THIN}188{THIN}600 triệu đồng", ()),
    ("Tổng vốn 1 188 600 triệu đồng.", "1 188 600 triệu đồng", ("space_grouped",)),
]

NOT_FIGURES = [
    "Ngày 14/10/2021, Thủ tướng ký quyết định.",
    "Kế hoạch năm 2024 bám sát mục tiêu.",
    "Thực hiện trong giai đoạn 2021 - 2025 trên địa bàn.",
    "Giai đoạn 1 từ 2021 – 2025 tỉnh đã hoàn thành.",
    "Trong 5 năm qua, đời sống được cải thiện.",
    "Sau 3 tháng, công trình hoàn thành.",
    "Người có uy tín từ 60 tuổi trở lên.",
    "Theo Quyết định số 1719/QĐ-TTg và Nghị quyết 88/2019/QH14.",
    "Nguồn vốn Chương trình 135 và Dự án 4 của Chương trình.",
    "Xã thuộc khu vực III, đạt bộ 19 tiêu chí nông thôn mới.",
    "Đại hội lần thứ 2 thành công tốt đẹp.",
    "Điện thoại: 0209 3870 125.",
    "Trụ sở tại 27 Trần Hưng Đạo.",  # a proper name capitalises every syllable: an address, not a count
    "Thứ ba, 05.03.2024 | 08:10\n1.203 lượt xem\nBan Dân tộc tổ chức tập huấn.",
    "Chia sẻ bài viết\n14 bình luận",
    "Thứ hai, 15/01/2024 09:12 | 2.310 lượt xem\nHội nghị tổng kết công tác dân tộc.",
    "Lượt truy cập: 18.427",
    "1.5. Kết quả thực hiện",
    "Tải về d12345.html hoặc bao-cao-2023.pdf tại đây.",
    "Cập nhật lúc 14:32 hôm nay.",
    "Nhà văn hóa thôn 5 được khởi công.",
    "Năm 2023 tỉnh có nhiều đổi mới.",
    "Dịch Covid-19 diễn biến phức tạp.",
    "Số 15 đường Lê Lợi.",
    "Đến 12/2023 tỉnh đã hoàn thành.",  # a month
    "Học sinh lớp 9 trường dân tộc nội trú.",
    "Xem chương 2 phần 3 trang 45 tài liệu.",
    "Trong năm học 2023-2024 toàn tỉnh ổn định.",
    "Dân số toàn tỉnh 1,2 triệu.",  # a scale amount outside a money clause: its unit is not said
]


@pytest.mark.parametrize("sentence, expected", COUNTS)
def test_a_count_keeps_its_noun(sentence, expected):
    found = extract.extract(sentence)
    assert [(m.text, m.value, m.unit, m.noun) for m in found] == [
        (text, Decimal(value), unit, noun) for text, value, unit, noun in expected]
    assert all(sentence[m.start:m.end] == m.text for m in found)


@pytest.mark.parametrize("sentence, expected", PAIRS_SHARES_TYPOS)
def test_pairs_shares_and_typos(sentence, expected):
    found = extract.extract(sentence)
    assert [(m.text, m.value, m.unit, m.denominator, m.comparison, m.flags) for m in found] == [
        (text, Decimal(value), unit, Decimal(den) if den else None, cmp, flags)
        for text, value, unit, den, cmp, flags in expected]


@pytest.mark.parametrize("sentence, text, flags", SPACE_GROUPED)
def test_space_grouped_thousands_are_read_whole(sentence, text, flags):
    (m,) = extract.extract(sentence)
    assert (m.text, m.value, m.unit, m.flags) == (text, Decimal(1188600), "million_vnd", flags)


@pytest.mark.parametrize("sentence", [
    "Mã số 1 188 600 được cấp.",  # grouped digits with no unit: not read at all, not "600"
    f"Mã số 1{NB}188{NB}600.",
])
def test_a_number_is_never_read_in_part(sentence):
    assert extract.extract(sentence) == []


@pytest.mark.parametrize("sentence", NOT_FIGURES)
def test_not_figures(sentence):
    assert extract.extract(sentence) == []


# --- one reader for parse_figure and extract ----------------------------------------------------

@pytest.mark.parametrize("sentence", [s for s, _ in COUNTS + PAIRS_SHARES_TYPOS] + [s for s, _, _ in SPACE_GROUPED])
def test_parse_figure_reads_each_mention_as_extract_does(sentence):
    for m in extract.extract(sentence):
        figure = parse_figure(m.text)
        # (a change of a rate is read from the sentence around the mention, which parse_figure does not see)
        own_flags = tuple(f for f in m.flags if f != "rate_change")
        assert (figure.value, figure.unit, figure.qualifier, figure.denominator, figure.noun, figure.flags) == (
            m.value, m.unit, m.qualifier, m.denominator, m.noun, own_flags)


def test_parse_figure_reads_mixed_numerals():
    figure = parse_figure("7 nghìn 570 tỷ 186 triệu đồng")
    assert (figure.value, figure.unit, figure.resolution) == (Decimal(7570186), "million_vnd", 1)


@pytest.mark.parametrize("text", ["ngày 14/10/2021", "5 năm qua", "có 43 dân tộc"])
def test_parse_figure_needs_a_figure_at_the_start(text):
    with pytest.raises(FigureError):
        parse_figure(text)


def test_counts_are_formatted_and_worded():
    assert format_quantity(43, "count", "vi") == "43"
    assert stated_in("hơn 20 cộng đồng", "en") == "more than 20 cộng đồng"
    assert stated_in("7 nghìn 570 tỷ 186 triệu đồng", "en") == "7 thousand 570 billion 186 million VND"


# --- the same figures whatever the normal form ---------------------------------------------------

def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def _key(m):
    return (m.start, m.end, m.text, m.value, m.unit, m.qualifier, m.denominator, m.noun)


def test_an_nfd_copy_of_every_seed_gives_the_same_mentions(tmp_path):
    texts = loaders.source_texts(loaders.load_sources())
    assert texts
    for source_id, text in texts.items():
        copy = tmp_path / f"{source_id}.txt"
        copy.write_text(_nfd(text), encoding="utf-8")
        assert copy.read_text(encoding="utf-8") != text
        assert [_key(m) for m in extract.extract_file(copy)] == [_key(m) for m in extract.extract(text)]


def test_nfd_text_gives_the_same_figures_as_nfc():
    sentence = "Hỗ trợ gần 12.000 hội viên và 1.024 hộ, giải ngân 3.093 tỷ 508 triệu đồng."
    assert [_key(m) for m in extract.extract(_nfd(sentence))] == [_key(m) for m in figures(sentence)]
    assert parse_figure(_nfd("gần 548 tỷ đồng")).value == 548000


def test_a_facts_table_in_nfd_loads_the_same(data_copy):
    facts_file = data_copy / loaders.FACTS_FILE
    before = loaders.load_facts(data_copy)
    text = facts_file.read_text(encoding="utf-8")
    facts_file.write_text(_nfd(text), encoding="utf-8")
    assert facts_file.read_text(encoding="utf-8") != text
    pd.testing.assert_frame_equal(loaders.load_facts(data_copy), before)


def test_offsets_count_characters_after_the_bom_and_keep_crlf(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + _nfd("Dòng một.\r\nHỗ trợ 120 hộ.").encode("utf-8"))
    text = loaders.read_text(path)
    (m,) = extract.extract_file(path)
    assert text[m.start:m.end] == "120 hộ" and m.start == len("Dòng một.\r\nHỗ trợ ")


@pytest.mark.parametrize("sentence, expected", [
    ("Làm mới 2.850 m2 nhà lớp học và 50 m3 bể nước.", [("2.850 m2", "square_metres"), ("50 m3", "cubic_metres")]),
    ("Cấp 300 kg giống và 1.200 lít dầu.", [("300 kg", "kilograms"), ("1.200 lít", "litres")]),
    ("Kè 120 m bờ suối.", [("120 m", "metres")]),
    ("Huyện rộng 1.045 km2, trồng 300 héc-ta quế.", [("1.045 km2", "square_kilometres"), ("300 héc-ta", "hectares")]),
    ("Tỷ lệ đạt 97 phần trăm kế hoạch.", [("97 phần trăm", "percent")]),
    # money as tables abbreviate it
    ("Vốn 2.310 trđ, mức hỗ trợ 300.000 đ/hộ, thu nhập 18,5 tr.đ/người.",
     [("2.310 trđ", "million_vnd"), ("300.000 đ/hộ", "million_vnd"), ("18,5 tr.đ/người", "million_vnd")]),
])
def test_measures(sentence, expected):
    assert [(m.text, m.unit) for m in extract.extract(sentence)] == expected


@pytest.mark.parametrize("sentence", [
    "Sản phẩm đạt chuẩn OCOP 3 sao.",  # a grade of the standard an acronym names
    "Theo Nghị quyết 88/2019/QH14 của Quốc hội.",
    "Nhà văn hóa đạt chuẩn ISO 9001 năm nay.",
])
def test_labels_after_acronyms_and_codes(sentence):
    assert extract.extract(sentence) == []


def _append_row(path, **fields):
    """One row in the file's own columns: those not given are empty, those it lacks are left out."""
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, header, restval="", extrasaction="ignore").writerow(fields)


def test_a_count_fact_loads_with_its_indicator(data_copy):
    texts = loaders.source_texts(loaders.load_sources(data_copy), data_copy)
    quote = "Kết quả khám và chữa bệnh công lập cả 3 tuyến"
    assert texts["lsn-portal-2023"].count(quote) == 1
    _append_row(data_copy / loaders.INDICATORS_FILE, indicator="health_levels", name_vi="Số tuyến y tế",
                name_en="Health system levels", short_vi="tuyến", short_en="levels", unit="count", domain="health")
    _append_row(data_copy / loaders.FACTS_FILE, fact_id="lsn-portal-2023#99", source_id="lsn-portal-2023",
                province="lang-son", year="2023", indicator="health_levels", value="3", unit="count",
                qualifier="exact", basis="result", period="point", mention="3 tuyến", quote=quote, review="checked")
    facts = loaders.load_facts(data_copy)
    row = facts.set_index("fact_id").loc["lsn-portal-2023#99"]
    assert (row["value"], row["unit"], row["resolution"]) == (3, "count", 1)


@pytest.mark.parametrize("mention, english", [
    ("từ 5 đến 7%", "5 to 7%"),
    ("82,5/≥80%", "82.5/≥80%"),
    ("28/7 công trình", "28/7 works"),
    ("gần 548 tỷ đồng", "nearly 548 billion VND"),
    ("hơn 500 triệu", "more than 500 million VND"),
    ("300.000 đ", "300,000 VND"),
    ("2.310 trđ", "2,310 million VND"),
])
def test_stated_in_english_keeps_the_source_words(mention, english):
    assert stated_in(mention, "en") == english


def test_extract_json_carries_noun_comparison_and_flags(tmp_path, capsys):
    from dantoc_analysis.cli import main

    path = tmp_path / "typo.txt"
    path.write_text("Vốn giao 314 tỷ triệu đồng cho 43 dân tộc; đạt 82,5/≥80%.", encoding="utf-8")
    assert main(["extract", str(path), "--format", "json"]) == 0
    rows = {r["text"]: r for r in json.loads(capsys.readouterr().out)}
    assert (rows["314 tỷ triệu đồng"]["value"], rows["314 tỷ triệu đồng"]["flags"]) == (314000, ["unit_typo"])
    assert (rows["43 dân tộc"]["unit"], rows["43 dân tộc"]["noun"]) == ("count", "dân tộc")
    assert (rows["82,5/≥80%"]["denominator"], rows["82,5/≥80%"]["comparison"]) == (80, "≥")


def test_a_badly_grouped_number_is_not_read_in_part():
    # "1 1886" is not a grouping of thousands: neither "1" nor "1886 hộ" is read from it.
    assert extract.extract(f"Có 1{NB}1886 hộ.") == []


@pytest.mark.parametrize(("sentence", "text", "qualifier"), [
    # a comparison with a base named after it: the number is the difference, stated exactly
    ("Vốn sự nghiệp đạt 58%, thấp hơn 6,4 điểm phần trăm so với năm trước.", "6,4 điểm phần trăm", "exact"),
    ("Phát hiện 19 cặp tảo hôn, ít hơn 3 cặp so với cùng kỳ.", "3 cặp", "exact"),
    # no base: a bound, in the comparative's direction
    ("Tỷ lệ hộ nghèo của xã thấp hơn 12%.", "hơn 12%", "under"),
    ("Xã có nhiều hơn 150 hộ làm du lịch cộng đồng.", "hơn 150 hộ", "over"),
    # "giảm hơn", "tăng hơn": by more than
    ("Tỷ lệ hộ nghèo giảm hơn 3% mỗi năm.", "hơn 3%", "over"),
])
def test_hon_after_a_comparative_is_a_difference_or_a_bound(sentence, text, qualifier):
    [figure] = [m for m in extract.extract(sentence) if text in m.text or m.text in text]
    assert (figure.text, figure.qualifier) == (text, qualifier)


def test_a_measure_adjective_ends_a_counted_noun_phrase():
    figures = extract.extract("Xã làm mới 12 tuyến đường dài tổng cộng 9,5 km.")
    assert [m.text for m in figures] == ["12 tuyến đường", "9,5 km"]


@pytest.mark.parametrize(("sentence", "text"), [
    ("Thu nhập bình quân tăng gấp 2,5 lần mức của năm 2020.", "2,5 lần"),
    ("Có 12/40 đơn vị tỷ lệ giải ngân dưới 30%.", "12/40 đơn vị"),
    ("Tỉnh ban hành 4 mức hỗ trợ học sinh bán trú.", "4 mức hỗ trợ học sinh bán trú"),
])
def test_a_level_or_a_rate_after_a_counted_noun_opens_a_new_phrase(sentence, text):
    assert extract.extract(sentence)[0].text == text


def test_bare_numbers_in_a_bracket_after_a_count_take_its_unit():
    found = extract.extract("Có 995 người (trong đó nam 924, nữ 71). Ngày 12 (thứ 3) họp; 500 tỷ đồng (trung ương 400, địa phương 100).")
    assert [(m.text, m.unit, "unit_implied" in m.flags) for m in found] == [
        ("995 người", "people", False), ("924", "people", True), ("71", "people", True), ("500 tỷ đồng", "million_vnd", False)]


@pytest.mark.parametrize(("sentence", "text", "unit"), [
    # a classifier counts the noun after it
    ("Huyện tổ chức 12 buổi truyền thông pháp luật.", "12 buổi truyền thông pháp luật", "count"),
    # a proper name after the counted noun qualifies it
    ("Tỉnh có 61 chùa Khmer Nam tông được trùng tu.", "61 chùa Khmer Nam tông", "count"),
    # a verb after a bare number is no noun: "Chương trình 1719 giao cho tỉnh" counts nothing
])
def test_classifiers_and_proper_names_stay_in_the_counted_phrase(sentence, text, unit):
    [figure] = extract.extract(sentence)
    assert (figure.text, figure.unit) == (text, unit)


def test_a_programme_number_before_a_verb_is_no_figure():
    assert extract.extract("Kế hoạch vốn Chương trình mục tiêu quốc gia 1719 giao cho tỉnh là 320 tỷ đồng.")[0].text \
        == "320 tỷ đồng"


@pytest.mark.parametrize(("sentence", "texts"), [
    # an amount after a plan's name is the plan's amount; a number after it with no measure is its number
    ("Vốn sự nghiệp: kế hoạch 187.710 triệu đồng; thực hiện 129.460 triệu đồng.",
     ["187.710 triệu đồng", "129.460 triệu đồng"]),
    ("Vốn đầu tư — kế hoạch 831,7 tỷ đồng — đã giải ngân 297,4 tỷ đồng.", ["831,7 tỷ đồng", "297,4 tỷ đồng"]),
    ("Thực hiện Kế hoạch 102/KH-UBND ngày 3/4/2024 của UBND tỉnh.", []),
    # so is a count in a unit the vocabulary knows; a bare number with only a noun is still its number
    ("Huyện có 135 hộ thoát nghèo (đạt 90% kế hoạch 150 hộ).", ["135 hộ", "90%", "150 hộ"]),
    ("Triển khai Kế hoạch 45 về giảm nghèo.", []),
    # a rate per time
    ("Mỗi lượt khám được hỗ trợ 500.000 đồng/lần.", ["500.000 đồng/lần"]),
])
def test_a_plans_amount_after_its_name_and_an_amount_per_time(sentence, texts):
    assert [m.text for m in extract.extract(sentence)] == texts


@pytest.mark.parametrize(("sentence", "read"), [
    # a percentage typed the English way: a dot before one or two digits groups no thousands
    ("Tỷ lệ hộ nghèo là 22.4%, cận nghèo 24.29 %.", [("22.4%", "22.4", "percent"), ("24.29 %", "24.29", "percent")]),
    ("Còn 1.234 hộ nghèo.", [("1.234 hộ", "1234", "households")]),
    # two counts joined by "/": households and their members
    ("Có khoảng 21.276 hộ/96.346 khẩu.", [("khoảng 21.276 hộ", "21276", "households"), ("96.346 khẩu", "96346", "people")]),
    # a modal verb is no counted noun: "Vốn 1719 phải về …" counts nothing
    ("Vốn 1719 phải về đến từng phum, sóc; huyện cần 120 hộ.", [("120 hộ", "120", "households")]),
    # an amount with scale words is no programme's number, and is read whole
    ("Tỉnh bố trí cho Chương trình 176 tỷ 430 triệu đồng.", [("176 tỷ 430 triệu đồng", "176430", "million_vnd")]),
    # no name is written with a share after it ("Đông Nam Bộ"), and a lone capital letter counts nothing
    ("Đông Nam Bộ 0,34% với 15.787 hộ, từ nguồn kinh phí 30 A của năm 2017.",
     [("0,34%", "0.34", "percent"), ("15.787 hộ", "15787", "households")]),
    # small numbers written as words count a unit or a common noun, never alone, inside a longer number,
    # as an ordinal or in an idiom
    ("Huyện triển khai mười dự án và ba chương trình với hơn hai tỷ đồng; hai bên thống nhất; có mười hai hộ.",
     [("mười dự án", "10", "projects"), ("ba chương trình", "3", "documents"), ("hơn hai tỷ đồng", "2000", "million_vnd")]),
    ("Xã làm xong hai cầu tràn và bốn bể chứa. Thứ hai, chính quyền hai cấp vận hành; ba lô sách; xe ba gác.",
     [("hai cầu tràn", "2", "count"), ("bốn bể chứa", "4", "count")]),
    ("Hộ được hỗ trợ theo hai Chương trình mục tiêu quốc gia; 6 buôn và 12 phum, sóc.",
     [("6 buôn", "6", "villages"), ("12 phum", "12", "villages")]),
    # households counted as families, targets as "chỉ tiêu"
    ("Có 1.000 gia đình và 13 chỉ tiêu.", [("1.000 gia đình", "1000", "households"), ("13 chỉ tiêu", "13", "targets")]),
    # dwellings and inhabitants; "dân tộc", "dân cư" and community halls count their own nouns; "bốn mùa" is an idiom
    ("Xã có trên 6.100 dân, 5 dân tộc; xóa 430 nhà tạm, xây 260 nhà ở và 12 nhà văn hóa; khí hậu bốn mùa.",
     [("trên 6.100 dân", "6100", "people"), ("5 dân tộc", "5", "count"), ("430 nhà tạm", "430", "houses"),
      ("260 nhà ở", "260", "houses"), ("12 nhà văn hóa", "12", "count")]),
    # sheets and issues handed out are copies; a news sheet is no village
    ("Phát 2.000 bản tin và 516.167 tờ báo; xã có 12 bản.",
     [("2.000 bản tin", "2000", "copies"), ("516.167 tờ", "516167", "copies"), ("12 bản", "12", "villages")]),
    # a programme's number names it; villages of the highlands and wards' quarters are villages
    ("Kbang: Vốn 1719 giúp các làng đổi thay; xã có 135 hộ nghèo, 6 tổ dân phố và 12 bon.",
     [("135 hộ", "135", "households"), ("6 tổ dân phố", "6", "villages"), ("12 bon", "12", "villages")]),
    # a count per time or per area keeps its "per"
    ("Năng suất đạt 53 tạ/ha, họp 02 lần/năm.", [("53 tạ/ha", "53", "count"), ("02 lần/năm", "2", "count")]),
])
def test_dot_decimals_counts_after_a_slash_and_counts_per_time(sentence, read):
    assert [(m.text, str(m.value), m.unit) for m in extract.extract(sentence)] == read



_TABLE = ("Giải ngân tại các huyện (đơn vị: triệu đồng):\n\nSTT | Huyện | Kế hoạch | Giải ngân | Tỷ lệ (%)\n"
          "1 | Bác Ái | 96.520 | 41.870 | 43,4\n2 | Ninh Sơn | 58.310 | 19.240 | 33,0\n"
          "Tổng cộng | 154.830 | 61.110 | 39,5\n")


def test_a_tables_numbers_take_the_unit_their_column_states():
    read = [(m.text, str(m.value), m.unit) for m in extract.extract(_TABLE)]
    assert read[:3] == [("96.520", "96520", "million_vnd"), ("41.870", "41870", "million_vnd"), ("43,4", "43.4", "percent")]
    assert ("1", "1", "count") not in read and len(read) == 9  # the row numbers are no figures
    # no unit stated, no figures; a menu or a dateline split by '|' is no table
    assert extract.extract(_TABLE.replace("(đơn vị: triệu đồng)", "").replace(" (%)", "").replace("Tỷ lệ", "Ghi chú")) == []
    assert extract.extract("Trang chủ | Tin tức | Văn bản\nThứ tư, 15/10/2025 | 09:30 | Minh Châu\n") == []


@pytest.mark.parametrize(("sentence", "read"), [
    # bare numbers listed before the last one's unit share it: a comma then a space, or a joiner word
    ("Các xã có tổng cộng 1.046 hộ nghèo (lần lượt 412, 356 và 298 hộ).",
     [("1.046 hộ", "1046"), ("412", "412"), ("356", "356"), ("298 hộ", "298")]),
    ("Đã làm 12, 9 và 7 km đường.", [("12", "12"), ("9", "9"), ("7 km", "7")]),
    # not shares, not a decimal comma
    ("Tỷ lệ lần lượt 45, 38 và 30%.", [("30%", "30")]),
    ("Năng suất 412,356 tạ.", [("412,356 tạ", "412.356")]),
])
def test_numbers_listed_before_a_unit_share_it(sentence, read):
    assert [(m.text, str(m.value)) for m in extract.extract(sentence)] == read


def test_years_listed_before_a_counted_noun_take_no_unit():
    read = [m.text for m in extract.extract("Trong các năm 2021, 2022 và 2023 hộ nghèo giảm.")]
    assert "2021" not in read and "2022" not in read


def test_a_tables_unit_column_gives_each_row_its_unit():
    table = ("TT | Nội dung | ĐVT | Kế hoạch | Thực hiện | Tỷ lệ (%)\n"
             "1 | Vốn được giao, giải ngân | triệu đồng | 86.540 | 61.915 | 71,5\n"
             "2 | Nước sinh hoạt phân tán | hộ | 320 | 274 | 85,6\n"
             "3 | Đường giao thông nông thôn | km | 18,6 | 15,2 | 81,7\n")
    read = [(m.text, str(m.value), m.unit) for m in extract.extract(table)]
    assert read[:3] == [("86.540", "86540", "million_vnd"), ("61.915", "61915", "million_vnd"), ("71,5", "71.5", "percent")]
    assert ("274", "274", "households") in read and ("18,6", "18.6", "km") in read
    assert not any(text in ("1", "2", "3") for text, _, _ in read)  # row numbers are no figures


def test_a_number_right_after_a_words_colon_is_read_and_a_time_is_not():
    read = [(m.text, str(m.value)) for m in extract.extract("Diện tích:9.068,8 km2. Lúc 10:30 có 5 hộ.")]
    assert read == [("9.068,8 km2", "9068.8"), ("5 hộ", "5")]


def test_a_house_counted_with_its_classifier():
    read = [(m.text, m.unit) for m in extract.extract("Bàn giao 10 ngôi nhà Đại đoàn kết và 5 căn nhà.")]
    assert read == [("10 ngôi nhà", "houses"), ("5 căn nhà", "houses")]


def test_a_tables_unit_in_brackets_on_the_line_before_it():
    table = ("Chia theo nguồn vốn (triệu đồng):\nNguồn | Kế hoạch | Giải ngân\nĐầu tư phát triển | 4.210 | 3.472\n"
             "Sự nghiệp | 1.426 | 546\nTổng | 5.636 | 4.018\n")
    read = [(m.text, m.unit) for m in extract.extract(table)]
    assert read[:2] == [("4.210", "million_vnd"), ("3.472", "million_vnd")] and len(read) == 6
    # a bracket that holds no unit gives none: "(số liệu đến ngày 20/12/2022)"
    assert extract.extract(table.replace("(triệu đồng)", "(số liệu đến ngày 20/12/2022)")) == []


def test_a_column_headed_by_what_it_counts_and_a_cell_never_read_with_the_next_rows_words():
    table = ("Ấp | Số hộ Khmer | Nhà ở (hộ) | Kinh phí (triệu đồng)\nTài Công | 312 | 6 | 486\nSóc Mới | 278 | 4 | 398\n"
             "Cộng | 590 | 10 | 884\n")
    read = [(m.text, m.unit) for m in extract.extract(table)]
    assert read[:3] == [("312", "households"), ("6", "households"), ("486", "million_vnd")]
    assert len(read) == 9  # "486" at a line's end is no count of the "Sóc" on the next


def test_a_table_with_tabs_between_its_cells_is_read_as_one_with_bars():
    rows = [("Huyện", "Kế hoạch", "Đã giải ngân", "Tỷ lệ"), ("Kỳ Sơn", "248.630", "151.664", "61,0%"),
            ("Tương Dương", "201.415", "109.771", "54,5%"), ("Quế Phong", "176.082", "112.692", "64,0%")]
    read = {sep: [(m.text, m.unit) for m in extract.extract("Giải ngân (triệu đồng):\n\n"
                                                             + "".join(sep.join(r) + "\n" for r in rows))]
            for sep in ("\t", " | ")}
    assert read["\t"] == read[" | "]
    assert read["\t"][:3] == [("248.630", "million_vnd"), ("151.664", "million_vnd"), ("61,0%", "percent")]


@pytest.mark.parametrize("sentence, text, reads_as", [
    ("Tỷ lệ hộ nghèo dân tộc thiểu số còn 16,04%, giảm 2,87% so với năm 2022.", "2,87%", "percentage_points"),
    ("Số hộ nghèo chiếm tỷ lệ 6,12%, thấp hơn 1,74% so với năm 2021.", "1,74%", "percentage_points"),
    ("Tỷ lệ hộ nghèo, hộ cận nghèo toàn huyện năm 2024 giảm hơn 3%.", "hơn 3%", "percentage_points"),
    ("Huyện phấn đấu giảm 4,2% tỷ lệ hộ nghèo vùng đồng bào.", "4,2%", "percentage_points"),
    ("Tỷ lệ hộ nghèo người Khmer giảm mỗi năm từ 2,5-3%.", "từ 2,5-3%", "percentage_points"),
    ("Tỷ lệ hộ nghèo ở các xã giảm từ 3% trở lên.", "3%", "percentage_points"),
    ("Năm 2025, huyện phấn đấu giảm tỷ lệ hộ nghèo đa chiều bình quân 3,5%/năm.", "3,5%/năm", "percentage_points"),
    ("Huyện phấn đấu giảm tỷ lệ hộ nghèo xuống còn 18%.", "18%", "percent"),
    ("Tỉnh phấn đấu giảm tỷ lệ hộ nghèo vùng đồng bào dân tộc thiểu số khoảng 3,5%.", "khoảng 3,5%", "percentage_points"),
    ("Phấn đấu giảm tỷ lệ hộ nghèo bình quân từ 3% trở lên.", "3%", "percentage_points"),
    ("Tỷ lệ hộ nghèo giảm từ 21,35% năm 2021 xuống còn 11,08% cuối năm 2024, bình quân mỗi năm giảm 3,42%.", "3,42%",
     "percentage_points"),
    ("Tỷ lệ hộ nghèo là 5,2%, thu nhập bình quân tăng 8%.", "8%", "percent"),
    # a clause after a semicolon that goes on about the rate with only its levels, times and target words
    ("Đầu năm 2022, tỷ lệ hộ nghèo của huyện là 54,27%; ước đến cuối năm còn 47,6%, giảm 6,67%.", "6,67%",
     "percentage_points"),
    ("Tỷ lệ hộ nghèo đầu năm 2024 còn 4,37%; phấn đấu đến cuối năm giảm thêm 1,1%.", "1,1%", "percentage_points"),
    ("Tỷ lệ hộ nghèo là 5,2%; thu nhập bình quân tăng 8%.", "8%", "percent"),
    ("Tỷ lệ hộ nghèo là 5,2%; số hộ nghèo giảm 8%.", "8%", "percent"),
    # a rate that is itself a change of a rate, unless the percentage is of a plan
    ("Tỷ lệ giảm nghèo vùng đồng bào của 17 tỉnh bình quân đạt 3,81%.", "3,81%", "percentage_points"),
    ("Tỉnh Quảng Nam đạt tỷ lệ giảm nghèo 7%, đạt 233,3% kế hoạch.", "7%", "percentage_points"),
    ("Các tỉnh sẽ đạt tỷ lệ giảm nghèo dự kiến từ 105,7% đến 122% kế hoạch.", "122%", "percent"),
    ("Địa phương có tỷ lệ giảm nghèo vượt kế hoạch cao nhất là huyện Ninh Sơn đạt 167%.", "167%", "percent"),
    # a level after the change word, and a change of something that is no rate
    ("Tỷ lệ hộ nghèo giảm còn 14,06%.", "14,06%", "percent"),
    ("Tỷ lệ hộ nghèo giảm từ 9,31% xuống 7,02%.", "9,31%", "percent"),
    ("Tỷ lệ giải ngân đạt 84%, giá trị sản xuất nông nghiệp tăng 11%.", "11%", "percent"),
    ("Thu nhập bình quân tăng 13,5% so với năm 2022.", "13,5%", "percent"),
])
def test_a_change_of_a_rate_is_stored_in_percent_and_read_in_points(sentence, text, reads_as):
    (m,) = [m for m in extract.extract(sentence) if m.text == text]
    assert (m.unit, m.reads_as, m.to_dict()["reads_as"]) == ("percent", reads_as, reads_as)


def test_a_change_of_a_rate_is_proposed_an_indicator_of_rate_differences():
    indicators = loaders.load_indicators()
    points = set(indicators.loc[indicators["rate_difference"] == "yes", "indicator"])
    level, change = extract.extract("Tỷ lệ hộ nghèo vùng đồng bào DTTS còn 15,57%, giảm 3,41% so với năm 2021.",
                                    indicators=indicators)
    assert change.indicator in points and level.indicator not in points


def test_label_lines_under_a_unit_are_read_in_it_and_never_with_the_next_lines_words():
    text = ("Vốn sự nghiệp phân bổ cho các huyện (đơn vị: triệu đồng)\nHuyện Mường Tè: 21.360\nHuyện Sìn Hồ: 18.905\n"
            "Huyện Phong Thổ: 15.120\nCộng: 55.385 triệu đồng\n")
    assert [(m.text, str(m.value), m.unit) for m in extract.extract(text)] == [
        ("21.360", "21360", "million_vnd"), ("18.905", "18905", "million_vnd"), ("15.120", "15120", "million_vnd"),
        ("55.385 triệu đồng", "55385", "million_vnd")]


def test_a_label_lines_number_takes_no_word_of_the_next_line():
    assert extract.extract("Số hộ được hỗ trợ theo xã\nXã Mường Lát: 98\nXã Tam Chung: 112\nXã Pù Nhi: 87\n") == []
