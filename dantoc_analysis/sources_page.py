"""Source pages: a source's whole raw text, every curated figure highlighted and anchored."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2
import pandas as pd
from markupsafe import Markup, escape

from .admin import province_name
from .numbers import LANGS, format_day
from .outputs import write_if_changed
from .paths import RESOURCES_DIR
from .provenance import SOURCES_FOLDER, fact_anchor, mention_span, source_page_name, web_url
from .wording import resource


@dataclass(frozen=True)
class Span:
    """Where one fact stands in the raw text: its quote and, inside it, its mention."""

    fact_id: str
    quote: tuple[int, int]
    mention: tuple[int, int]
    draft: bool


def spans(text: str, facts: pd.DataFrame) -> list[Span]:
    """Every fact of the source located in its text, in reading order; a quote not in the text
    is an error (the loader proves each quote stands once in its source)."""
    found = []
    for fact in facts.itertuples():
        start = text.find(fact.quote)
        if start < 0:
            raise ValueError(f"fact {fact.fact_id}: quote not found in source {fact.source_id}")
        first, last = mention_span(fact.quote, fact.mention)
        found.append(Span(fact.fact_id, (start, start + len(fact.quote)), (start + first, start + last),
                          fact.review == "draft"))
    return sorted(found, key=lambda s: (s.mention, s.fact_id))


def highlighted_text(text: str, located: list[Span]) -> Markup:
    """The text escaped, quotes shaded and mentions marked; each figure's first piece carries
    its anchor. Quotes may overlap (two figures of one sentence), so the text is cut at every
    boundary and each piece says which quotes and mentions cover it."""
    cuts = sorted({0, len(text), *(i for s in located for i in (*s.quote, *s.mention))})
    pieces = []
    for start, end in zip(cuts, cuts[1:]):
        words = escape(text[start:end])
        figures = [s for s in located if s.mention[0] <= start and end <= s.mention[1]]
        if figures:
            draft = " draft" if all(s.draft for s in figures) else ""  # a reviewed reading wins
            words = Markup('<mark class="figure{}">{}</mark>').format(draft, words)
            for span in reversed([s for s in figures if s.mention[0] == start]):
                words = Markup('<span class="fact" id="{}">{}</span>').format(fact_anchor(span.fact_id), words)
        elif any(s.quote[0] <= start and end <= s.quote[1] for s in located):
            words = Markup('<span class="quote">{}</span>').format(words)
        pieces.append(words)
    return Markup("").join(pieces)


def both(key: str, **fields) -> dict[str, str]:
    """A label of pages.toml in every language, filled in."""
    group, item = key.split(".")
    return {lang: resource("pages.toml")[group][item][lang].format(**fields) for lang in LANGS}


def _day(value) -> dict[str, str] | None:
    return {lang: format_day(value, lang) for lang in LANGS} if pd.notna(value) else None


def _same(value) -> dict[str, str] | None:
    """A value that reads the same in every language (a title, an id), or None when empty."""
    return {lang: str(value) for lang in LANGS} if pd.notna(value) and value != "" else None


def _area(source, area_levels: pd.DataFrame | None) -> dict[str, str] | None:
    if not source.area:
        return both("source.whole_province")
    if area_levels is None:
        return _same(source.area)
    level = area_levels.set_index("level").loc[source.area_level]
    return {lang: f"{level[f'name_{lang}']} {source.area}" for lang in LANGS}


def registry_rows(source, area_levels: pd.DataFrame | None) -> list[dict]:
    """The registry entry as label / value rows: the publication and the event date told apart,
    an empty field said to be empty, the URL a link only when it is a web address."""
    place = {lang: province_name(source.province, lang) for lang in LANGS} if source.province else None
    year = _same(int(source.report_year)) if pd.notna(source.report_year) else None
    values = {"source_id": _same(source.source_id), "title": _same(source.title),
              "publisher": _same(source.publisher), "published": _day(source.published),
              "event_date": _day(source.event_date), "report_year": year, "province": place,
              "area": _area(source, area_levels), "url": _same(source.url), "file": _same(source.path),
              "notes": _same(source.notes)}
    return [{"label": both(f"source.{key}"), "value": value, "href": web_url(source.url) if key == "url" else None}
            for key, value in values.items()]


def figure_rows(facts: pd.DataFrame, located: list[Span], indicators: pd.DataFrame | None) -> list[dict]:
    by_id = facts.set_index("fact_id")
    names = indicators.set_index("indicator") if indicators is not None else None
    rows = []
    for span in located:
        fact = by_id.loc[span.fact_id]
        name = ({lang: names.loc[fact["indicator"], f"name_{lang}"] for lang in LANGS} if names is not None
                else {lang: fact["indicator"] for lang in LANGS})
        rows.append({"fact_id": span.fact_id, "anchor": fact_anchor(span.fact_id), "mention": fact["mention"],
                     "indicator": name, "year": "" if pd.isna(fact["year"]) else str(int(fact["year"])),
                     "review": both("source.draft" if span.draft else "source.reviewed"), "draft": span.draft})
    return rows


def source_page(source, facts: pd.DataFrame, text: str, area_levels: pd.DataFrame | None = None,
                indicators: pd.DataFrame | None = None) -> str:
    """One source's page: registry entry, the figures taken from it, and its whole text."""
    located = spans(text, facts)
    labels = {key: both(f"source.{key}") for key in resource("pages.toml")["source"]}
    return _template().render(
        source=source, labels=labels, registry=registry_rows(source, area_levels),
        figures=figure_rows(facts, located, indicators), text=highlighted_text(text, located),
        index_href="../index.html")


def write_source_pages(sources: pd.DataFrame, facts: pd.DataFrame, texts: dict[str, str], output_dir: Path,
                       area_levels: pd.DataFrame | None = None,
                       indicators: pd.DataFrame | None = None) -> list[Path]:
    """output_dir/sources/<source_id>.html for every registered source; only changed pages are
    rewritten. Returns every page's path, written or not."""
    folder = Path(output_dir) / SOURCES_FOLDER
    written = []
    for source in sources.sort_values("source_id").itertuples():
        own = facts[facts["source_id"] == source.source_id]
        page = source_page(source, own, texts[source.source_id], area_levels, indicators)
        path = folder / source_page_name(source.source_id)
        write_if_changed(path, page)
        written.append(path)
    return written


def _template() -> jinja2.Template:
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(RESOURCES_DIR / "templates"), autoescape=True,
                                     keep_trailing_newline=True)
    return environment.get_template("source.html.j2")
