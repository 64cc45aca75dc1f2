"""Report pages lead back to the index, to their other reports and language, and to their downloads."""

import nbformat
import pytest

from dantoc_analysis import html, report
from dantoc_analysis.downloads import write_downloads
from tests.test_provenance import Page, PlainText


def page_for(lang: str, **links) -> str:
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("nội dung")])
    return html.notebook_html(notebook, lang=lang, parameters={"province": "lang-son", "lang": lang},
                              data_version="0123abcd", title="narrative · lang-son", **links)


@pytest.fixture(scope="module")
def narrative_vi() -> str:
    return page_for("vi", other_language_href="narrative.en.html",
                    **html.navigation(["narrative", "trends", "data-quality"], "narrative", "lang-son", "vi"))


def test_a_report_links_the_index_its_other_reports_language_and_downloads(narrative_vi):
    hrefs = Page(narrative_vi).hrefs
    for href in ("../index.html", "narrative.en.html", "trends.vi.html", "data-quality.vi.html",
                 "lang-son.facts.csv", "lang-son.facts.xlsx", "lang-son.findings.csv", "lang-son.findings.xlsx"):
        assert href in hrefs, href
    assert "narrative.vi.html" not in hrefs  # the page itself is named, not linked
    assert 'aria-current="page"' in narrative_vi and "<script" not in narrative_vi


def test_the_footer_gives_the_parameters_in_words(narrative_vi):
    footer = "".join(PlainText(narrative_vi.split('<footer class="dantoc-footer">')[1]).parts)
    assert "Tỉnh: Lạng Sơn · Ngôn ngữ: Tiếng Việt" in footer and "0123abcd" in footer
    assert "{" not in footer
    english = page_for("en").split('<footer class="dantoc-footer">')[1]
    assert "Province: Lang Son · Language: English" in english


def test_the_current_batch_gets_an_index_link_without_passing_anything():
    assert "../index.html" in Page(page_for("en")).hrefs


def test_download_links_reach_the_files_write_downloads_writes(tmp_path):
    data = report.load(None, "en")
    written = set(write_downloads(data, "lang-son", tmp_path) + write_downloads(data, None, tmp_path))
    for province, folder in (("lang-son", "lang-son"), (None, "all")):
        for link in html.download_links(province, "en", folder):
            assert (tmp_path / folder / link.href).resolve() in {p.resolve() for p in written}, link


def test_the_index_links_the_whole_data_set_and_the_source_pages():
    page = html.index_html([], title={"vi": "t", "en": "t"}, lead={"vi": "", "en": ""}, data_version="v",
                           labels=report.texts()["index"],
                           downloads=html.download_links(None, None, "."),
                           sources=html.source_links([("lsn-bkto-2024", "<Lạng Sơn>")]))
    hrefs = Page(page).hrefs
    assert "data/facts.csv" in hrefs and "data/sources.xlsx" in hrefs
    assert "sources/lsn-bkto-2024.html" in hrefs and "&lt;Lạng Sơn&gt;" in page
    assert "số liệu / figures (XLSX)" in page  # the index speaks both languages


def test_a_user_notebook_and_parameter_are_shown_as_named():
    assert html.report_links(["mine"], "narrative", "vi")[0].label == "mine"
    assert html.parameter_words({"lang": "vi", "cutoff": 3}, "vi") == "Ngôn ngữ: Tiếng Việt · cutoff: 3"

