"""Source pages and citations in headless Chromium with the network cut, as a reader follows them."""

from pathlib import Path

import nbformat
import pytest

from dantoc_analysis import html, loaders, report
from dantoc_analysis.provenance import fact_anchor
from dantoc_analysis.sources_page import write_source_pages
from tests.test_browser import browser, open_offline  # noqa: F401 - the fixture is used by name


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """Source pages and a Lạng Sơn narrative page, laid out as the batch lays them out."""
    root = tmp_path_factory.mktemp("site") / "reports"
    sources = loaders.load_sources()
    indicators = loaders.load_indicators()
    facts = loaders.load_facts(None, sources, indicators)
    write_source_pages(sources, facts, loaders.source_texts(sources), root, loaders.load_area_levels(), indicators)
    brief = str(report.brief(report.load("lang-son", "vi")))
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(outputs=[
        nbformat.v4.new_output("display_data", data={"text/html": brief})])])
    page = html.notebook_html(notebook, lang="vi", parameters={"province": "lang-son", "lang": "vi"},
                              data_version="test", title="narrative")
    (root / "lang-son").mkdir()
    (root / "lang-son" / "narrative.vi.html").write_text(page, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def mentions() -> dict[str, str]:
    """anchor -> the figure's words."""
    facts = loaders.load_facts()
    return {fact_anchor(f.fact_id): f.mention for f in facts.itertuples()}


@pytest.mark.parametrize("source_id", ["lsn-portal-2023", "tng-bandantoc-2022-01-18"])
def test_a_source_page_opens_clean_offline(browser, site, source_id):  # noqa: F811
    result = open_offline(browser, site / "sources" / f"{source_id}.html")
    assert result["external"] == [] and result["errors"] == []
    assert result["lang"] == "vi" and result["injected"] is False


def test_following_a_citation_lands_on_the_highlighted_quote(browser, site, mentions):  # noqa: F811
    page = browser.new_page()
    external = []
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:"))
               else (external.append(route.request.url), route.abort()))
    page.goto((site / "lang-son" / "narrative.vi.html").as_uri())
    citation = page.locator("a.cite").first
    href = citation.get_attribute("href")
    citation.click()
    page.wait_for_url(f"**/{href.removeprefix('../')}")
    target = page.evaluate("""() => {
        const t = document.querySelector(':target');
        if (!t) return null;
        const box = t.getBoundingClientRect();
        const mark = t.querySelector('mark.figure');
        return {id: t.id, text: t.innerText, visible: t.checkVisibility() && box.top >= 0 && box.bottom <= innerHeight,
                outline: mark && getComputedStyle(mark).outlineStyle,
                shaded: getComputedStyle(t.closest('.text')).whiteSpace};
    }""")
    page.close()
    assert external == []
    assert target is not None and target["id"] == href.split("#")[1]
    assert target["visible"] and target["outline"] == "solid"  # the :target rule marks the figure
    assert target["text"] == mentions[target["id"]] and target["shaded"] == "pre-wrap"
