"""Where a figure can be followed to: its anchor on its source page, and the links that reach it."""

from __future__ import annotations

import re

import pandas as pd
from markupsafe import Markup

from .admin import COUNTRY

SOURCES_FOLDER = "sources"
_KEPT = re.compile(r"[A-Za-z0-9-]")


def fact_anchor(fact_id: str) -> str:
    """A fact id as an HTML id and URL fragment ("lsn-portal-2023#21" -> "fact-lsn-portal-2023_2321").

    Letters, digits and '-' are kept and every other character becomes _hh (its UTF-8 bytes), so
    the mapping is one-to-one: two facts never share an anchor.
    """
    return "fact-" + "".join(c if _KEPT.fullmatch(c) else "".join(f"_{b:02x}" for b in c.encode()) for c in fact_id)


def source_page_name(source_id: str) -> str:
    return f"{source_id}.html"


def source_href(source_id: str, fact_id: str | None = None, folder: str = f"../{SOURCES_FOLDER}") -> str:
    """The link to a source page (from a report page by default), at a figure when one is given."""
    page = f"{folder}/{source_page_name(source_id)}"
    return f"{page}#{fact_anchor(fact_id)}" if fact_id else page


def mention_span(quote: str, mention: str) -> tuple[int, int]:
    """Where a fact's mention stands in its quote: the first occurrence, as the loader proves it."""
    start = quote.find(mention)
    return start, start + len(mention)


def web_url(url) -> str | None:
    """A registry URL worth a link: http(s) only, so that a `javascript:` value stays text."""
    return url if isinstance(url, str) and re.match(r"^https?://\S+$", url) else None


def province_facts(facts: pd.DataFrame, sources: pd.DataFrame, province: str) -> pd.DataFrame:
    """The facts a province's pages use: its own, and national figures its own sources quote."""
    own_sources = sources[sources["province"] == province]["source_id"]
    national = facts["source_id"].isin(own_sources) & (facts["province"] == COUNTRY["slug"])
    return facts[(facts["province"] == province) | national]


def fact_link(text: str, fact_id, source_id) -> Markup | str:
    """The words of a figure (escaped) linked to its quote on the source page; as they are when
    the figure is missing."""
    if not isinstance(fact_id, str) or not fact_id or not text:
        return text
    return Markup('<a href="{}">{}</a>').format(source_href(source_id, fact_id), text)


def source_link(source_id) -> Markup | str:
    """A source id linked to its source page."""
    if not isinstance(source_id, str) or not source_id:
        return ""
    return Markup('<a href="{}">{}</a>').format(source_href(source_id), source_id)
