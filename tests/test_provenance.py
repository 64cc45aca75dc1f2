"""Source pages and citations: every figure anchored once, every citation lands on its quote."""

from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from dantoc_analysis import loaders, report
from dantoc_analysis.narrative import build_narrative
from dantoc_analysis.provenance import fact_anchor, source_href
from dantoc_analysis.sources_page import write_source_pages


class Page(HTMLParser):
    """The ids, links and tags of a page, read the way a browser would split it."""

    def __init__(self, html: str):
        super().__init__()
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.tags: set[str] = set()
        self.marked: dict[str, str] = {}  # anchor id -> the text of the figure it holds
        self._open: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.add(tag)
        if "id" in attrs:
            self.ids.append(attrs["id"])
            if attrs.get("class") == "fact":
                self._open.append(attrs["id"])
        if "href" in attrs:
            self.hrefs.append(attrs["href"])

    def handle_data(self, data):
        for anchor in self._open:
            self.marked[anchor] = self.marked.get(anchor, "") + data

    def handle_endtag(self, tag):
        if tag == "mark":
            self._open.clear()


def source_row(source_id: str, **fields) -> dict:
    row = {"source_id": source_id, "path": f"raw/{source_id}.txt", "province": "lang-son", "area": "",
           "area_level": "", "title": "", "publisher": "", "published": pd.NaT, "event_date": pd.NaT,
           "report_year": pd.NA, "url": "", "sha256": "0" * 64, "notes": ""}
    return row | fields


def fact_row(fact_id: str, source_id: str, mention: str, quote: str, review: str = "checked") -> dict:
    return {"fact_id": fact_id, "source_id": source_id, "mention": mention, "quote": quote, "year": 2023,
            "indicator": "x", "review": review}


@pytest.fixture(scope="module")
def seeds():
    sources = loaders.load_sources()
    indicators = loaders.load_indicators()
    facts = loaders.load_facts(None, sources, indicators)
    return sources, facts, indicators, loaders.source_texts(sources)


@pytest.fixture(scope="module")
def seed_pages(seeds, tmp_path_factory) -> Path:
    sources, facts, indicators, texts = seeds
    out = tmp_path_factory.mktemp("reports")
    write_source_pages(sources, facts, texts, out, loaders.load_area_levels(), indicators)
    return out


def test_anchors_are_url_safe_and_distinct():
    tricky = ["a#1", "a-1", "a_1", "a_231", "a#01", "a/1", "Bình Gia#1", "a 1"]
    anchors = [fact_anchor(i) for i in tricky]
    assert len(set(anchors)) == len(tricky)
    assert all(a.replace("-", "").replace("_", "").isalnum() and a.isascii() for a in anchors)
    assert fact_anchor("lsn-portal-2023#21") == "fact-lsn-portal-2023_2321"


def test_every_seed_fact_is_anchored_once_on_its_source_page(seeds, seed_pages):
    sources, facts, _, texts = seeds
    for source in sources.itertuples():
        page = Page((seed_pages / "sources" / f"{source.source_id}.html").read_text(encoding="utf-8"))
        assert len(page.ids) == len(set(page.ids)), source.source_id
        own = facts[facts["source_id"] == source.source_id]
        for fact in own.itertuples():
            assert page.ids.count(fact_anchor(fact.fact_id)) == 1, fact.fact_id
            assert page.marked[fact_anchor(fact.fact_id)].startswith(fact.mention), fact.fact_id
        assert "script" not in page.tags and "../index.html" in page.hrefs


class PlainText(HTMLParser):
    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.feed(html)

    def handle_data(self, data):
        self.parts.append(data)


def shown_text(html: str) -> str:
    """What the page shows of the source: the text block with every tag taken away."""
    block = html.split('<div class="text" lang="vi">', 1)[1].rsplit("</div>", 1)[0]
    return "".join(PlainText(block).parts)


def test_the_source_page_keeps_the_whole_text_and_tells_the_dates_apart(seeds, seed_pages):
    for source_id, text in seeds[3].items():
        html = (seed_pages / "sources" / f"{source_id}.html").read_text(encoding="utf-8")
        assert shown_text(html) == text, source_id
    html = (seed_pages / "sources" / "lsn-baolangson-2024-01-10.html").read_text(encoding="utf-8")
    # The registry gives the conference date, not a publication date: the page keeps them apart.
    published = html.split("Ngày đăng", 1)[1].split("</dd>", 1)[0]
    event = html.split("Ngày diễn ra sự kiện", 1)[1].split("</dd>", 1)[0]
    assert "không ghi" in published and "10/01/2024" in event and "10 January 2024" in event


def test_source_text_and_registry_fields_stay_text(tmp_path):
    text = "Mở đầu <script>window.__injected = true</script>\nđã giải ngân 12 tỷ đồng, đạt 28/7 công trình.\n"
    sources = pd.DataFrame([source_row("evil", title="<b>tiêu đề</b>", url="javascript:alert(1)",
                                       published=pd.Timestamp("2024-02-01"))])
    facts = pd.DataFrame([fact_row("evil#1", "evil", "12 tỷ đồng", "đã giải ngân 12 tỷ đồng", "draft"),
                          # Two figures from one mention ("28/7": 28 done of 7 planned), quotes overlapping.
                          fact_row("evil#2", "evil", "28/7 công trình", "12 tỷ đồng, đạt 28/7 công trình"),
                          fact_row("evil#3", "evil", "28/7 công trình", "đạt 28/7 công trình", "draft")])
    [path] = write_source_pages(sources, facts, {"evil": text}, tmp_path)
    html = path.read_text(encoding="utf-8")
    page = Page(html)
    assert "script" not in page.tags and "&lt;script&gt;window.__injected = true&lt;/script&gt;" in html
    assert "&lt;b&gt;tiêu đề&lt;/b&gt;" in html
    assert not any(h.startswith("javascript") for h in page.hrefs)
    for fact_id in ("evil#1", "evil#2", "evil#3"):
        assert page.ids.count(fact_anchor(fact_id)) == 1
    assert page.marked[fact_anchor("evil#2")] == page.marked[fact_anchor("evil#3")] == "28/7 công trình"
    assert '<mark class="figure draft">12 tỷ đồng</mark>' in html  # an unreviewed figure is marked
    assert 'class="figure draft"' not in html.split(f'id="{fact_anchor("evil#2")}"')[1].split("</mark>")[0]
    assert shown_text(html) == text  # every character kept, line breaks included


def test_pages_are_rewritten_only_when_they_change(seeds, tmp_path):
    sources, facts, indicators, texts = seeds
    first = write_source_pages(sources, facts, texts, tmp_path)
    stamps = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in first}
    again = write_source_pages(sources, facts, texts, tmp_path)
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in again} == stamps


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_narrative_citation_lands_on_an_anchor_of_its_source_page(seed_pages, lang):
    data = report.load("lang-son", lang)
    built = build_narrative(data.facts, data.sources, data.indicators, data.projects, "lang-son", lang)
    page = Page(str(built.html()))
    cited = [h for h in page.hrefs if h.startswith("../sources/") and "#" in h]
    assert cited
    for href in cited:
        file, anchor = href.removeprefix("../sources/").split("#")
        assert anchor in Page((seed_pages / "sources" / file).read_text(encoding="utf-8")).ids, href
    for sentence in built.sentences:
        for fact_id in sentence.facts:  # every figure's quote is shown, linked to its place
            assert f"quote-{fact_anchor(fact_id)}" in page.ids
            source_id = data.facts.set_index("fact_id").loc[fact_id, "source_id"]
            assert source_href(source_id, fact_id) in page.hrefs


def test_the_tables_link_their_figures_to_the_quotes(seed_pages, tmp_path, monkeypatch):
    monkeypatch.setenv("DANTOC_FIGURES_DIR", str(tmp_path))
    data = report.load("lang-son", "vi")
    unclear = data.facts.index[(data.facts["province"] == "lang-son") & (data.facts["ambiguity"] != "")][0]
    data.facts.loc[unclear, ["ambiguity", "ambiguity_vi"]] = "<script>window.__injected = true</script>"
    shown = str(report.capital_section(data)) + str(report.quality_section(data))
    page = Page(shown)
    assert "script" not in page.tags and "&lt;script&gt;" in shown
    linked = [h for h in page.hrefs if h.startswith("../sources/") and "#" in h]
    assert source_href("lsn-portal-2023", "lsn-portal-2023#23") in linked  # a disbursed amount, linked
    for href in linked:
        file, anchor = href.removeprefix("../sources/").split("#")
        assert anchor in Page((seed_pages / "sources" / file).read_text(encoding="utf-8")).ids, href


def test_the_comparison_links_each_shared_figure():
    data = report.load(None, "en")
    facts = data.facts
    lang_son = facts[facts["province"] == "lang-son"].iloc[0]
    other = facts.index[facts["province"] == "thai-nguyen"][0]
    # Thái Nguyên states the same indicator for the same year and basis: the two stand side by side.
    same = ["indicator", "year", "basis", "unit", "qualifier", "mention", "value"]
    facts.loc[other, same] = lang_son[same].tolist()
    shown = str(report.comparison_section(data))
    hrefs = Page(shown).hrefs
    assert source_href(lang_son["source_id"], lang_son["fact_id"]) in hrefs
    assert source_href(facts.loc[other, "source_id"], facts.loc[other, "fact_id"]) in hrefs


def test_an_unreviewed_figure_is_marked_in_the_quote_list():
    data = report.load("lang-son", "vi")
    data.facts.loc[data.facts["fact_id"] == "lsn-portal-2023#20", "review"] = "draft"
    built = build_narrative(data.facts, data.sources, data.indicators, data.projects, "lang-son", "vi")
    quotes = {q.fact_id: q.html("vi") for q in built.quotes}
    assert "(chưa duyệt)" in quotes["lsn-portal-2023#20"]
    assert "(chưa duyệt)" not in quotes["lsn-portal-2023#21"]
