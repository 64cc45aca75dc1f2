"""Words kept as data: the TOML files under resources/, and sentences filled in with escaping."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import cache

from markupsafe import Markup

from .paths import RESOURCES_DIR


@cache
def resource(name: str) -> dict:
    """A TOML file of resources/ (vocabulary, messages, sentences), parsed once."""
    return tomllib.loads(normal_form((RESOURCES_DIR / name).read_text(encoding="utf-8")))


def alternatives(words) -> str:
    """A regex alternation of words, longest first, so "chưa đến" wins over "đến"."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def last_match(pattern: re.Pattern, text: str, start: int = 0, end: int | None = None) -> re.Match | None:
    """The last match of a pattern in text (between two positions)."""
    found = None
    for found in pattern.finditer(text, start, len(text) if end is None else end):
        pass
    return found


def normal_form(text: str) -> str:
    """Text as a reader sees it: NFC, so that decomposed diacritics (NFD, as some PDFs and macOS
    give them) compare, match and count like the composed ones."""
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def sentence(file: str, key: str, lang: str, /, **fields) -> Markup:
    """Template `group.name` of a resource in `lang`; Markup.format escapes every non-Markup field.

    A template given as plural forms (`en = { one = "…", other = "…" }`) is chosen by the CLDR
    plural category of the field its entry names in `count` ("1 source", "3 sources")."""
    from .numbers import plural_category  # numbers reads its vocabulary through this module

    group, item = key.split(".")
    entry = resource(file)[group][item]
    template = entry[lang]
    if isinstance(template, dict):
        template = template.get(plural_category(fields[entry["count"]], lang), template["other"])
    return Markup(template).format(**fields)
