"""The report notebooks, run for real, and what a researcher reads in them."""

import re
import shutil
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbclient import NotebookClient

from dantoc_analysis import batch, report
from dantoc_analysis.cli import main
from dantoc_analysis.kernel import ensure_kernel
from dantoc_analysis.narrative import build_narrative
from dantoc_analysis.paths import REPO_ROOT

NOTEBOOKS = REPO_ROOT / "notebooks"


def page(root: Path, name: str) -> str:
    return (root / "reports" / name).read_text(encoding="utf-8")


def visible_text(html: str) -> str:
    body = html.split("<main>", 1)[-1]
    body = re.sub(r"<(style|script)[^>]*>.*?</\1>", "", body, flags=re.DOTALL)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)).replace("&amp;", "&")


def test_notebooks_are_stored_clean_with_a_parameters_cell():
    for path in sorted(NOTEBOOKS.rglob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        code = [c for c in notebook.cells if c.cell_type == "code"]
        assert all(not c.outputs and c.execution_count is None for c in code), path
        if path.parent.name == "reports":
            assert "lang" in batch.declared_parameters(path), path


def test_every_report_is_written_in_both_languages(built_reports):
    written = sorted(p.relative_to(built_reports / "reports").as_posix()
                     for p in (built_reports / "reports").rglob("*.html") if p.parent.name != "sources")
    assert written == ["all/comparison.en.html", "all/comparison.vi.html", "index.html",
                       *[f"lang-son/{n}.{lang}.html" for n in ("data-quality", "narrative", "trends")
                         for lang in ("en", "vi")]]
    assert sorted(p.name for p in (built_reports / "figures" / "lang-son").iterdir()) == \
        ["capital-2023.en.png", "capital-2023.vi.png"]


def test_lang_son_narrative_states_the_2023_capital_with_sources(built_reports):
    vi = visible_text(page(built_reports, "lang-son/narrative.vi.html"))
    for stated in ("1.188.600 triệu đồng", "570.354 triệu đồng", "618.246 triệu đồng",  # plan and split
                   "75,4%", "nguồn ghi 76%", "19,8%", "gần 548 tỷ đồng", "96,1%",  # computed and stated
                   "343.591 triệu đồng", "89,1%", "13,7 điểm phần trăm"):  # against 2022 carried over
        assert stated in vi, stated
    assert "không so sánh được với năm trước" in vi  # no 2022 figures: said, not invented
    en = visible_text(page(built_reports, "lang-son/narrative.en.html"))
    for stated in ("1,188,600 million VND", "nearly 548 billion VND", "75.4%", "the source states 76%",
                   "13.7 percentage points lower"):
        assert stated in en, stated
    assert "Kết quả thực hiện công tác dân tộc" in en  # the source's title, cited


def test_trends_say_why_no_trend_is_fitted_and_show_the_capital_chart(built_reports):
    text = visible_text(page(built_reports, "lang-son/trends.en.html"))
    assert "No indicator of this province is stated for more than one year" in text
    assert 'src="data:image/png;base64,' in page(built_reports, "lang-son/trends.en.html")


def test_data_quality_explains_the_findings(built_reports):
    text = visible_text(page(built_reports, "lang-son/data-quality.vi.html"))
    assert "lệch 0,07 điểm phần trăm" in text
    assert "Cần đối chiếu với bản gốc" in text


def test_index_links_every_report_and_shows_check_status(built_reports):
    index = page(built_reports, "index.html")
    for href in ("lang-son/narrative.vi.html", "lang-son/narrative.en.html", "all/comparison.en.html"):
        assert f'href="{href}"' in index
        assert (built_reports / "reports" / href).is_file()
    # Lạng Sơn's worst finding is "to note": its one mismatch is a 0.07-point rounding miss, not red.
    assert 'class="badge attention"' in index and "1 misses by less than its rounding" in index


def test_the_batch_stops_early_when_nothing_changed(built_reports, capsys):
    args = ["report", "--province", "lang-son", "--output", str(built_reports / "reports"),
            "--figures", str(built_reports / "figures")]
    before = {p: p.stat().st_mtime_ns for p in (built_reports / "reports").rglob("*")}
    assert main(args) == 0
    out = capsys.readouterr().out
    assert out.startswith("0 ran, ") and ", 0 failed" in out
    assert {p: p.stat().st_mtime_ns for p in (built_reports / "reports").rglob("*")} == before


@pytest.mark.parametrize("province", ["lang-son", "thai-nguyen"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_sentence_that_states_a_figure_cites_a_source(province, lang):
    data = report.load(province, lang)
    built = build_narrative(data.facts, data.sources, data.indicators, data.projects, province, lang)
    for sentence in built.sentences:
        if sentence.facts:
            assert sentence.sources and 'href="../sources/' in sentence.html, sentence.html
    cited = {s for sentence in built.sentences for s in sentence.sources}
    assert cited == {source_id for _, source_id, _ in built.references}


def test_thai_nguyen_narrative_reports_what_its_single_source_gives():
    data = report.load("thai-nguyen", "en")
    text = visible_text(str(report.brief(data)))
    assert "rests on 1 source stating figures" in text
    assert "state no capital plan or disbursement" in text
    assert "90 people" in text and "Published 18 January 2022" in text
    assert "before 1 July 2025; since then the province also includes Bac Kan" in text
    assert "1 collective " in text and "1 person " in text  # English plurals from the locale


def test_source_text_is_escaped_in_the_narrative():
    data = report.load("lang-son", "en")
    data.sources.loc[data.sources["source_id"] == "lsn-bkto-2024", "title"] = "<script>alert(1)</script>"
    html = str(report.brief(data))
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_failing_report_is_listed_and_exits_non_zero(tmp_path, monkeypatch, capsys):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    for name in ("ok", "raises"):
        shutil.copy(Path(__file__).parent / "notebooks" / f"{name}.ipynb", notebooks)
    monkeypatch.setattr(batch, "REPORT_NOTEBOOKS", notebooks)
    code = main(["report", "--province", "lang-son", "--lang", "vi", "--output", str(tmp_path / "out"),
                 "--figures", str(tmp_path / "figures")])
    out, err = capsys.readouterr()
    assert code == 1
    progress = [line for line in err.splitlines() if line.startswith("[")]  # one per finished report
    assert [line for line in err.splitlines() if line not in progress] == [
        "dantoc: report failed: lang-son/raises.vi: cell 3: ValueError: dữ liệu hỏng: lang-son"]
    assert sorted(progress)[-1].startswith("[2/2] ")
    assert (tmp_path / "out" / "lang-son" / "ok.vi.html").is_file()
    assert "report failed" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert not (tmp_path / "out" / batch.MANIFEST).exists()  # a failed batch is never "unchanged"


def test_unknown_province_is_bad_input(capsys):
    assert main(["report", "--province", "atlantis"]) == 2
    assert "no facts for province(s) atlantis" in capsys.readouterr().err


def test_start_here_notebook_runs():
    notebook = nbformat.read(NOTEBOOKS / "explore" / "01-start-here.ipynb", as_version=4)
    NotebookClient(notebook, kernel_name=ensure_kernel(), timeout=180,
                   resources={"metadata": {"path": str(NOTEBOOKS / "explore")}}).execute()
    errors = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    assert any(o.get("output_type") == "display_data" and "image/png" in o.get("data", {})
               for c in notebook.cells if c.cell_type == "code" for o in c.outputs)


def test_a_previous_year_is_compared_when_the_data_have_one():
    data = report.load("lang-son", "en")
    facts = data.facts
    extra = facts[facts["fact_id"].isin(["lsn-portal-2023#21", "lsn-portal-2023#23"])].copy()
    extra["fact_id"] += "-2022"
    extra[["year", "vintage"]] = 2022
    extra.loc[extra["indicator"] == "disbursed_investment", ["value", "mention"]] = [285177.0, "285.177 triệu đồng"]
    built = build_narrative(pd.concat([facts, extra], ignore_index=True), data.sources, data.indicators,
                            data.projects, "lang-son", "en")
    text = visible_text(str(built.html()))
    assert ("Compared with 2022, the disbursement rate of development investment capital "
            "moved from 50.0% to 75.4%") in text
    assert "No source states the capital plan or disbursement for 2022" not in text


def test_no_notebooks_is_an_error_not_an_empty_success(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(batch, "REPORT_NOTEBOOKS", tmp_path)
    assert main(["report", "--output", str(tmp_path / "out")]) == 2
    assert "no report notebooks" in capsys.readouterr().err


def test_report_notebooks_are_in_the_repository():
    import subprocess

    tracked = subprocess.run(["git", "ls-files", "notebooks"], cwd=REPO_ROOT, capture_output=True, text=True)
    if tracked.returncode != 0:
        pytest.skip("not a git checkout")
    assert {f"notebooks/reports/{n}.ipynb" for n in ("narrative", "trends", "data-quality", "comparison")} \
        <= set(tracked.stdout.split())
