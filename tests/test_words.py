"""What a reader sees in the Lạng Sơn narrative and data-quality page: words a researcher would sign."""

import html
import re

import pytest

from dantoc_analysis import report
from dantoc_analysis.narrative import build_narrative


@pytest.fixture(scope="module", params=["vi", "en"])
def seeds(request):
    return report.load("lang-son", request.param)


def text_of(markup) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", str(markup)))


@pytest.fixture(scope="module")
def narrative(seeds):
    # The narrative's own sentences; the verbatim quotes listed under its sources keep the source's words.
    built = build_narrative(seeds.facts, seeds.sources, seeds.indicators, seeds.projects, seeds.province,
                            seeds.lang, seeds.capital_types, seeds.area_levels)
    return " ".join(text_of(sentence.html) for sentence in built.sentences)


def test_achieved_and_plan_are_a_pair_not_a_fraction(narrative, seeds):
    expected = {"vi": "28 công trình (kế hoạch 7, vượt kế hoạch)", "en": "28 works (plan 7, exceeded)"}
    assert expected[seeds.lang] in narrative
    assert "28/7" not in narrative and "11/11" not in narrative


def test_differences_of_rates_are_in_percentage_points(narrative, seeds):
    expected = {"vi": "2,9 điểm phần trăm mỗi năm", "en": "2.9 percentage points a year"}
    assert expected[seeds.lang] in narrative and "2.9% a year" not in narrative


def test_counts_lose_their_leading_zeros_and_english_plurals_agree(narrative, seeds):
    if seeds.lang == "vi":
        assert "5 xã" in narrative and "05 xã" not in narrative and "04 nghị quyết" not in narrative
    else:
        assert "1 document " in narrative and "1 documents" not in narrative
        assert "rests on 3 sources" in narrative and "(s)" not in narrative


def test_the_carried_over_comparison_says_it_had_a_year_longer(narrative, seeds):
    expected = {"vi": "thấp hơn 13,7 điểm phần trăm so với vốn năm 2022 kéo dài (89,1%); vốn kéo dài đã có thêm 1 năm",
                "en": "13.7 percentage points lower than that of the capital carried over from 2022 (89.1%), "
                      "which has had a year longer to be spent"}
    assert expected[seeds.lang] in narrative


def test_a_meeting_date_is_not_called_a_publication_date(narrative, seeds):
    expected = {"vi": "nêu tại hội nghị ngày 10/01/2024", "en": "stated at the meeting of 10 January 2024"}
    assert expected[seeds.lang] in narrative and "công bố 10/01/2024" not in narrative


def test_the_circular_96_percent_is_not_presented_as_confirmation(narrative, seeds):
    expected = {"vi": "nguồn ghi 96%, nhưng một trong các số này được đọc suy ra từ các số còn lại",
                "en": "the source states 96%, but one of these figures was read from the others"}
    assert expected[seeds.lang] in narrative


def test_no_nested_brackets(seeds):
    built = build_narrative(seeds.facts, seeds.sources, seeds.indicators, seeds.projects, "lang-son", seeds.lang,
                            seeds.capital_types, seeds.area_levels)
    for sentence in built.sentences:
        depth = 0
        for char in text_of(sentence.html):
            depth += {"(": 1, ")": -1}.get(char, 0)
            assert depth <= 1, text_of(sentence.html)


def test_the_vietnamese_quality_page_is_vietnamese(seeds):
    page = text_of(report.quality_section(seeds))
    notes = seeds.facts[(seeds.facts["province"] == "lang-son") & (seeds.facts["ambiguity"] != "")]
    column = "ambiguity_vi" if seeds.lang == "vi" else "ambiguity"
    other = "ambiguity" if seeds.lang == "vi" else "ambiguity_vi"
    for note, translated in zip(notes[column], notes[other]):
        assert html.unescape(note) in page
        assert translated not in page
    assert ("Đánh giá chung: cần lưu ý" if seeds.lang == "vi" else "Overall: to note") in page
