"""A researcher adds one document (a district's report, our own text) by the README's steps: every
statement about the data that was there before stays as it was, and the district stays apart."""

import re
import shutil
from pathlib import Path

import pytest

from dantoc_analysis import report
from dantoc_analysis.cli import main
from dantoc_analysis.narrative import build_narrative

NEW = Path(__file__).parent / "fixtures" / "new_document"
DISTRICT_FACTS = ("lsn-binhgia-2024-01-12#01", "lsn-binhgia-2024-01-12#04")


def add_document(data: Path) -> Path:
    shutil.copy(NEW / "binh-gia-2023.txt", data / "raw")
    for name in ("sources.csv", "facts.csv", "indicators.csv", "domains.csv"):
        rows = (NEW / name).read_text(encoding="utf-8").splitlines()[1:]
        with open(data / name, "a", encoding="utf-8") as table:
            table.write("\n".join(rows) + "\n")
    return data


@pytest.fixture(scope="module")
def before_after(tmp_path_factory):
    data = tmp_path_factory.mktemp("copy") / "data"
    shutil.copytree(Path(report.paths.REPO_ROOT) / "data", data)
    before = {lang: report.load("lang-son", lang) for lang in ("vi", "en")}
    add_document(data)
    after = {lang: report.load("lang-son", lang, str(data)) for lang in ("vi", "en")}
    return before, after, data


def sentences(data) -> dict[tuple, str]:
    """Each sentence that states figures, keyed by its facts, without its citation numbers (which
    follow the order sources are first cited in)."""
    built = build_narrative(data.facts, data.sources, data.indicators, data.projects, data.province, data.lang,
                            data.capital_types, data.area_levels)
    return {s.facts: re.sub(r'(<a class="cite"[^>]*>)\[\d+\](</a>)', r"\1\2", str(s.html))
            for s in built.sentences if s.facts}


def test_the_new_document_is_usable_data(before_after, capsys):
    _, _, data = before_after
    assert main(["--data-dir", str(data), "check"]) == 0
    capsys.readouterr()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_sentence_about_the_earlier_data_is_unchanged(before_after, lang):
    before, after, _ = before_after
    old, new = sentences(before[lang]), sentences(after[lang])
    for facts, text in old.items():
        assert new.get(facts) == text, (facts, text, new.get(facts))


def test_every_finding_about_the_earlier_data_is_unchanged(before_after):
    before, after, _ = before_after
    old, new = before["en"].findings, after["en"].findings

    def about(findings):
        with_facts = findings[findings["facts"].map(len) > 0]
        return {(tuple(f["fact_id"] for f in r.facts), r.status, r.severity, r.message_en)
                for r in with_facts.itertuples()}

    new_ids = set(after["en"].facts["fact_id"]) - set(before["en"].facts["fact_id"])
    assert about(old) == {f for f in about(new) if not set(f[0]) & new_ids}


def test_the_district_is_named_and_kept_apart_from_the_province(before_after):
    _, after, _ = before_after
    vi, en = (sentences(after[lang]) for lang in ("vi", "en"))
    district_vi = next(text for facts, text in vi.items() if DISTRICT_FACTS[0] in facts)
    assert "Kế hoạch vốn năm 2023 của huyện Bình Gia: tổng vốn 85.420 triệu đồng" in district_vi
    assert "1.188.600" not in district_vi
    district_en = next(text for facts, text in en.items() if DISTRICT_FACTS[1] in facts)
    assert "of development investment capital of Binh Gia district had been disbursed, 78.9% of the plan" \
        in district_en
    # The province's own comparisons use only province figures.
    for facts, text in vi.items():
        if "so với vốn năm 2022" in text:
            assert not any(f.startswith("lsn-binhgia") for f in facts)


def test_unreviewed_figures_are_marked(before_after):
    _, after, _ = before_after
    vi = sentences(after["vi"])
    assert "(chưa kiểm duyệt)" in vi[("lsn-binhgia-2024-01-12#06",)]
    assert "(chưa kiểm duyệt)" not in vi[("lsn-binhgia-2024-01-12#01", "lsn-binhgia-2024-01-12#02",
                                          "lsn-binhgia-2024-01-12#03")]


def test_a_new_domain_reaches_the_comparison_page(before_after):
    _, _, data = before_after
    page = str(report.comparison_section(report.load(None, "vi", str(data))))
    assert "Giáo dục" in page
