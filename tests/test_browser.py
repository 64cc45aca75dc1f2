"""Shared HTML opened in headless Chromium with the network cut, as a colleague would open it."""

import os
import shutil
from pathlib import Path

import pytest

from dantoc_analysis.batch import Job, run_batch

CHROMIUM = Path("/usr/bin/chromium")
FIXTURES = Path(__file__).parent / "notebooks"
# Without the background-networking flags Chromium itself calls home, which is not the page's doing.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("CI must have Debian's chromium at /usr/bin/chromium (.ci/run installs it)")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("notebooks")
    for name in ("ok", "vietnamese_labels"):
        shutil.copy(FIXTURES / f"{name}.ipynb", folder)
    jobs = [Job(folder / f"{n}.ipynb", "vi", folder / "out", "lang-son") for n in ("ok", "vietnamese_labels")]
    outcomes = run_batch(jobs, workers=2, progress=False)
    assert [o.status for o in outcomes] == ["ran", "ran"], outcomes
    return [job.path("html") for job in jobs]


def open_offline(browser, page_path: Path) -> dict:
    page = browser.new_page()
    external, errors = [], []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    def cut(route):
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            external.append(route.request.url)
            route.abort()

    page.route("**/*", cut)
    page.goto(page_path.as_uri(), wait_until="load")
    result = {
        "external": external,
        "errors": errors,
        "injected": page.evaluate("window.__injected === true"),
        "images": page.evaluate("[...document.images].map(i => i.complete && i.naturalWidth > 0)"),
        "lang": page.evaluate("document.documentElement.lang"),
        "text": page.inner_text("body"),
        # local links as written (relative hrefs; other schemes are not ours to follow)
        "links": page.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))"
                               ".filter(h => !/^[a-z]+:/i.test(h))"),
    }
    page.close()
    return result


def test_report_page_is_offline_safe(browser, pages):
    result = open_offline(browser, pages[0])
    assert result["external"] == []
    assert result["errors"] == []
    assert result["injected"] is False  # the <script> in source text stayed text
    assert result["lang"] == "vi"
    assert "Tổng kế hoạch vốn 1.188.600 triệu đồng" in result["text"]


def test_figures_are_embedded_and_load(browser, pages):
    result = open_offline(browser, pages[1])
    assert result["images"] and all(result["images"])
    assert result["external"] == [] and result["errors"] == []


def test_every_page_the_batch_writes_opens_offline_and_every_link_lands(browser, built_reports):
    """Each report, source page and the index: no console error, no request to any host, every image
    loaded; every link to a local page reaches a file, and every #anchor an element of that page."""
    root = built_reports / "reports"
    pages = sorted(root.rglob("*.html"))
    assert {p.parent.name for p in pages} >= {"lang-son", "all", "sources", "reports"}
    anchored = 0
    for page in pages:
        result = open_offline(browser, page)
        assert result["external"] == [] and result["errors"] == [], page
        assert all(result["images"]), page
        if page.parent.name in ("lang-son", "all"):
            assert result["lang"] == page.name.split(".")[-2], page
        for href in result["links"]:
            target, _, anchor = href.partition("#")
            file = (page.parent / target).resolve() if target else page
            assert file.is_file(), (page, href)
            if anchor and file.suffix == ".html":
                assert f'id="{anchor}"' in file.read_text(encoding="utf-8"), (page, href)
                anchored += 1
    assert anchored > 100  # the citations and table cells of the seed pages, each to its figure
