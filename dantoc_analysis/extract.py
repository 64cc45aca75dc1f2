"""Find the figures a Vietnamese text states, as the language writes them (`dantoc extract`).

What a figure is, and what is not one, is grammar.py's to say (the same reader as parse_figure);
this module scans texts with it, proposes indicators, drafts candidate rows and checks that the
registered sources are covered by facts.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import asdict, dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

import pandas as pd

from . import grammar, loaders, paths, schemas
from .checks import messages
from .wording import normal_form, resource

IGNORED_FILE = "ignored_mentions.csv"
IGNORED_COLUMNS = ["source_id", "text", "start", "reason"]
CONTEXT_CHARS = 80  # how far back the words that name a figure's indicator are looked for


@dataclass(frozen=True)
class Mention:
    """One figure found in a text; text == file_text[start:end]."""

    file: str
    start: int
    end: int
    text: str
    value: Decimal
    unit: str
    qualifier: str  # exact, approx, over, under; "range" for "từ 5 đến 7%" (value = lower bound)
    denominator: Decimal | None = None  # "28/7 công trình": 7
    upper: Decimal | None = None  # "từ 5 đến 7%": 7
    noun: str = ""  # the unit noun or the counted noun phrase as written ("hộ", "dân tộc")
    comparison: str | None = None  # "≥" of "82,5/≥80%": how the target bounds the result
    flags: tuple[str, ...] = ()  # unit_typo, unit_implied, rate_change, space_grouped: see grammar.Figure
    indicator: str | None = None
    confidence: float = 0.0

    @property
    def reads_as(self) -> str:
        """The unit the figure means: points for a change of a rate written "%"."""
        return grammar.reads_as(self.unit, self.flags)

    def to_dict(self) -> dict:
        row = asdict(self)
        for key in ("value", "denominator", "upper"):
            row[key] = _plain(row[key])
        row["flags"] = list(row["flags"])
        row["reads_as"] = self.reads_as
        return row


def _plain(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


@cache
def _extract_words() -> dict[str, list[str]]:
    return resource("vocabulary.toml")["extract"]


# --- extraction -------------------------------------------------------------------------------

def extract(text: str, file: str = "", indicators: pd.DataFrame | None = None) -> list[Mention]:
    """Every figure in `text` (read in NFC, as loaders.read_text gives it), in order; with
    `indicators`, each gets a proposed indicator."""
    text = normal_form(text)
    found = [Mention(file=file, start=f.start, end=f.end, text=f.text, value=f.value, unit=f.unit,
                     qualifier=f.qualifier, denominator=f.denominator, upper=f.upper, noun=f.noun,
                     comparison=f.comparison, flags=f.flags)
             for f in grammar.figures(text)]
    if indicators is not None:
        proposer = _proposer(indicators)
        found = [proposer(text, mention) for mention in found]
    return found


# --- proposing an indicator -------------------------------------------------------------------

_TOKEN = re.compile(r"[^\W\d_]+")
_CLAUSE_END = re.compile(r"[,;:.()!?\n]|\d")
_CLAUSE_START = re.compile(r"[,;(!?\n]|\.\s")
_PART_START = re.compile(r"[;(!?\n]|\.\s")


def _tokens(text: str) -> set[str]:
    stop = set(_extract_words()["stopwords"])
    return {t for t in _TOKEN.findall(text.lower()) if t not in stop}


def _proposer(indicators: pd.DataFrame):
    # An indicator that is a difference of rates is stored in "%" and read in points, as a flagged
    # change of a rate is: each is proposed only for figures read in its unit.
    by_unit: dict[str, list[tuple[str, set[str]]]] = {}
    for row in indicators.itertuples():
        unit = grammar.reads_as(row.unit, ("rate_change",) if row.rate_difference == "yes" else ())
        by_unit.setdefault(unit, []).append((row.indicator, _tokens(row.name_vi)))

    def propose(text: str, mention: Mention) -> Mention:
        # Words weigh more the nearer they stand: the clause the figure is in, with the noun phrase
        # it heads ("04 nghị quyết của HĐND tỉnh"), then the sentence part, then ~80 characters back.
        window = max(0, mention.start - CONTEXT_CHARS)
        after = _CLAUSE_END.search(text, mention.end)
        stop = after.start() if after else len(text)
        contexts = []
        for weight, boundary in ((1.0, _CLAUSE_START), (0.5, _PART_START)):
            cut = max((m.end() for m in boundary.finditer(text, window, mention.start)), default=window)
            contexts.append((weight, _tokens(text[cut:stop])))
        contexts.append((0.25, _tokens(text[window:mention.start])))
        best, score = None, 0.0
        for indicator, words in by_unit.get(mention.reads_as, []):
            if words:
                s = sum(weight * len(words & context) for weight, context in contexts) / len(words)
                if s > score:
                    best, score = indicator, s
        return Mention(**{**mention.__dict__, "indicator": best, "confidence": round(min(score / 1.75, 1.0), 2)})

    return propose


def extract_file(path: str | Path, indicators: pd.DataFrame | None = None) -> list[Mention]:
    """The figures in a UTF-8 file (DataError when missing or not UTF-8)."""
    path = Path(path)
    return extract(loaders.read_text(path), paths.display_path(path), indicators)


# --- candidate fact rows ----------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?…;]\s|\n")


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or clause ending in ';') that holds text[start:end]."""
    left, stop = sentence_bounds(text, start, end)
    return text[left:stop].strip()


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the sentence (or clause ending in ';') that holds text[start:end] begins and ends."""
    left = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    right = _SENTENCE_END.search(text, end)
    stop = right.start() + (1 if right and text[right.start()] in ".!?…" else 0) if right else len(text)
    return left, stop


def as_fact_rows(text: str, mentions: list[Mention], source: dict | None = None) -> list[dict]:
    """Candidate rows in facts.csv's columns, for a person to review (never written to data/)."""
    source = source or {}
    rows = []
    for i, m in enumerate(mentions, 1):
        rows.append({
            "fact_id": f"{source['source_id']}#x{i:02d}" if source.get("source_id") else "",
            "source_id": source.get("source_id", ""),
            "province": source.get("province", ""),
            "year": source.get("report_year", ""),
            "indicator": m.indicator or "",
            "value": _plain(m.value),
            "unit": m.unit,
            "qualifier": m.qualifier,
            "basis": "", "period": "", "vintage": "", "as_of": "",
            "mention": m.text,
            "quote": sentence_around(text, m.start, m.end),
            "ambiguity": f"proposed by dantoc extract (confidence {m.confidence:.2f}); review before use"
                         + "".join(f"; {flag}" for flag in m.flags),
        })
    return rows


# --- coverage of the registered sources ---------------------------------------------------------

def load_ignored(data_dir=None, sources: pd.DataFrame | None = None, texts: dict[str, str] | None = None
                 ) -> pd.DataFrame:
    """ignored_mentions.csv: mentions in registered sources that are deliberately not facts.

    Each row must name a registered source and a text that stands at `start` in it. A missing file
    or a header alone means nothing is ignored.
    """
    root = paths.data_dir(data_dir)
    path = root / IGNORED_FILE
    empty = pd.DataFrame(columns=IGNORED_COLUMNS)
    if not path.is_file() or len(loaders.read_text(path).strip().splitlines()) <= 1:
        return empty
    table = loaders.read_table(path, IGNORED_COLUMNS)
    loaders.convert_column(table, "start", "int")
    sources = loaders.load_sources(data_dir) if sources is None else sources
    texts = loaders.source_texts(sources, data_dir) if texts is None else texts
    seen = {}
    for line, row in table.frame.iterrows():
        if row["source_id"] not in texts:
            raise table.error(line, "source_id", f"unknown source {row['source_id']!r}")
        if pd.isna(row["start"]) or row["start"] < 0:
            raise table.error(line, "start", "expected the character offset of the text in its source")
        text = texts[row["source_id"]]
        if not row["text"] or text[row["start"]:row["start"] + len(row["text"])] != row["text"]:
            raise table.error(line, "text", f"{row['text']!r} does not stand at offset {row['start']} "
                              f"of source {row['source_id']}")
        if not row["reason"]:
            raise table.error(line, "reason", "say why this mention is not a fact")
        key = (row["source_id"], row["text"], row["start"])
        if key in seen:
            raise table.error(line, "text", f"already listed on line {seen[key]}")
        seen[key] = line
    return table.frame.reset_index(drop=True)


def _fact_spans(facts: pd.DataFrame, texts: dict[str, str]) -> dict[str, list[tuple[int, int, dict]]]:
    """Where each fact's mention stands in its source: inside the quote's first occurrence."""
    rows = loaders.records(facts)
    starts = loaders.quote_starts(((r["source_id"], r["quote"]) for r in rows), texts)
    spans: dict[str, list] = {}
    for row in rows:
        found = starts[row["source_id"], row["quote"]]
        if not found:
            continue
        at, mention = found[0], row["mention"]
        figure = loaders.mention_figure(mention)
        accepted = {v for v in (figure.value, figure.denominator) if v is not None}
        pos = row["quote"].find(mention)
        while pos >= 0:
            spans.setdefault(row["source_id"], []).append(
                (at + pos, at + pos + len(mention), {**row, "_values": accepted}))
            pos = row["quote"].find(mention, pos + 1)
    return spans


@dataclass(frozen=True)
class SpanIndex:
    """A source's fact spans sorted by start, to find those that overlap a mention without a scan."""

    spans: list[tuple[int, int, dict]]
    starts: list[int]
    longest: int

    @classmethod
    def of(cls, spans: list[tuple[int, int, dict]]) -> SpanIndex:
        ordered = sorted(spans, key=lambda span: span[0])
        return cls(ordered, [s for s, _, _ in ordered], max((e - s for s, e, _ in ordered), default=0))

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, dict]]:
        # A span overlapping [start, end) starts before end, and less than `longest` before start.
        low, high = bisect_right(self.starts, start - self.longest), bisect_right(self.starts, end - 1)
        return [span for span in self.spans[low:high] if span[1] > start]


def covering_facts(mention: Mention, spans: list[tuple[int, int, dict]]) -> list[dict]:
    """Facts whose mention overlaps this one and reads the same value in the same unit."""
    return [row for s, e, row in spans
            if s < mention.end and mention.start < e and row["unit"] == mention.unit
            and (mention.value in row["_values"] or mention.denominator in row["_values"])]


def coverage_findings(sources: pd.DataFrame, facts: pd.DataFrame, data_dir=None,
                      texts: dict[str, str] | None = None) -> list[dict]:
    """Every figure the extractor finds in a registered source is a fact or is listed as ignored.

    Findings in the shape of checks.run_checks: one `ok` summary for the corpus, and one `mismatch`
    per mention that is neither in facts.csv nor in ignored_mentions.csv.
    """
    texts = loaders.source_texts(sources, data_dir) if texts is None else texts
    ignored = load_ignored(data_dir, sources, texts)
    ignored_keys = {(r.source_id, r.text, int(r.start)) for r in ignored.itertuples()}
    spans = {source_id: SpanIndex.of(found) for source_id, found in _fact_spans(facts, texts).items()}
    none = SpanIndex.of([])
    province = dict(zip(sources["source_id"], sources["province"]))
    text_ = messages()["coverage"]
    findings, total, covered, skipped = [], 0, 0, 0
    for source_id, text in texts.items():
        index = spans.get(source_id, none)
        for mention in extract(text, source_id):
            total += 1
            if covering_facts(mention, index.overlapping(mention.start, mention.end)):
                covered += 1
                continue
            if (source_id, mention.text, mention.start) in ignored_keys:
                skipped += 1
                continue
            fields = {"source": source_id, "text": mention.text, "start": mention.start}
            findings.append(_finding("mismatch", province.get(source_id, ""), mention.text, None,
                                     text_["mismatch"], fields))
    fields = {"sources": len(texts), "mentions": total, "covered": covered, "ignored": skipped,
              "uncovered": len(findings)}
    summary = _finding("ok" if not findings else "note", "", total, covered + skipped, text_["ok"], fields)
    return [summary, *findings]


def _finding(status, province, expected, observed, template, fields) -> dict:
    return {"rule": "coverage", "status": status, "province": province, "year": None,
            "expected": expected, "observed": observed, "facts": [],
            **{f"message_{lang}": template[lang].format(**fields) for lang in ("vi", "en")}}


def source_for(path: Path, data_dir=None) -> dict | None:
    """The registry row of a file, if it is a registered source (for --as-facts)."""
    root = paths.data_dir(data_dir)
    registry = root / loaders.SOURCES_FILE
    if not registry.is_file():
        return None
    frame = loaders.read_table(registry, list(schemas.SOURCES.columns)).frame
    resolved = path.resolve()
    for row in frame.to_dict("records"):
        if loaders.raw_path(root, row["path"]) == resolved:
            return row
    return None

