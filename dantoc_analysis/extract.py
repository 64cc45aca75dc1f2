"""Find the figures a Vietnamese text states, as the language writes them (`dantoc extract`).

A figure is a number followed by a unit the vocabulary knows ("gần 548 tỷ đồng", "28/7 công trình",
"96,1%", "trên 70km"), with the qualifier word before it and scale words, mixed numerals
("7 nghìn 570 tỷ 186 triệu đồng"), achieved/target pairs ("78,70/70%") and ranges ("từ 5 đến 7%").
A bare number with no unit after it is not a figure; nor are dates, years, document and programme
numbers, ordinals, phone numbers, street numbers, counters, URLs and e-mail addresses.

All words come from resources/vocabulary.toml; this module only knows how they combine.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import asdict, dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

import pandas as pd

from . import loaders, paths, schemas
from .checks import messages
from .numbers import NUMBER_PATTERN, lookup_unit, normalise, parse_number, vocabulary
from .wording import resource

IGNORED_FILE = "ignored_mentions.csv"
IGNORED_COLUMNS = ["source_id", "text", "start", "reason"]
CONTEXT_CHARS = 80  # how far back the words that name a figure's indicator are looked for
YEARS = range(1900, 2101)


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
    indicator: str | None = None
    confidence: float = 0.0

    def to_dict(self) -> dict:
        row = asdict(self)
        for key in ("value", "denominator", "upper"):
            row[key] = _plain(row[key])
        return row


def _plain(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


# --- the patterns, built once from the vocabulary ---------------------------------------------

def _words(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class _Patterns:
    number: re.Pattern
    tail: re.Pattern
    groups: re.Pattern
    qualifier: re.Pattern
    range_start: re.Pattern
    identifier: re.Pattern
    year: re.Pattern
    not_unit: re.Pattern
    masked: re.Pattern


@cache
def _patterns() -> _Patterns:
    voc = vocabulary()
    ex = _extract_words()
    ws = r"[ \t\u00a0]*(?:\n[ \t\u00a0]*)?"  # spaces, and at most one line break
    sp = r"[ \t\u00a0]"
    num = rf"(?:{NUMBER_PATTERN})(?![\d]|[.,]\d)"
    scales = rf"(?:{_words(voc.scales)})(?:{sp}+(?:{_words(voc.scales)}))*(?!\w)"
    tail = (
        rf"(?:{sp}*/{sp}*(?P<den>{num})(?![/\d])"  # 28/7, 78,70/70 (not 14/10/2021)
        rf"|{sp}*[-–—]{sp}*(?P<dash>{num})"  # 4 - 5%
        rf"|{sp}+(?:{_words(ex['range_to'])}){sp}+(?P<upto>{num}))?"  # (từ) 3 đến 4%
        rf"(?P<mixed>{ws}{scales}(?:{ws}{num}{ws}{scales})*)?"  # 7 nghìn 570 tỷ 186 triệu
        rf"{ws}(?P<unit>{_words(voc.units)})(?!\w)"
        rf"(?P<per>(?:{sp}*/{sp}*(?:{_words(ex['per'])})(?!\w))*)"  # %/năm, đồng/người/năm
    )
    return _Patterns(
        number=re.compile(rf"(?<![\w.,/:@#©%+\-])(?<!\w-){num}"),
        tail=re.compile(tail, re.IGNORECASE),
        groups=re.compile(rf"(?:(?P<n>{num}){ws})?(?P<s>{scales})", re.IGNORECASE),
        qualifier=re.compile(rf"(?:^|[^\w])(?P<q>{_words(voc.qualifiers)}){sp}+$", re.IGNORECASE),
        range_start=re.compile(rf"(?:^|[^\w])(?P<w>{_words(ex['range_start'])}){sp}+$", re.IGNORECASE),
        identifier=re.compile(rf"(?:^|[^\w])(?:{_words(ex['identifier_before'])})(?:{sp}+số)?{sp}*[:.]?{sp}*$",
                              re.IGNORECASE),
        year=re.compile(rf"(?:^|[^\w])(?:{_words(ex['year_before'])}){sp}*[:]?{sp}*$", re.IGNORECASE),
        not_unit=re.compile(rf"(?:{_words(ex['not_units'])})(?!\w)", re.IGNORECASE),
        masked=re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE),
    )


@cache
def _extract_words() -> dict[str, list[str]]:
    return resource("vocabulary.toml")["extract"]


# --- extraction -------------------------------------------------------------------------------

def extract(text: str, file: str = "", indicators: pd.DataFrame | None = None) -> list[Mention]:
    """Every figure in `text`, in order; with `indicators`, each gets a proposed indicator."""
    pat = _patterns()
    masked = [(m.start(), m.end()) for m in pat.masked.finditer(text)]
    mask_starts = [s for s, _ in masked]
    found: list[Mention] = []
    taken_until = 0
    for m in pat.number.finditer(text):
        start = m.start()
        if start < taken_until or _inside(start, masked, mask_starts):
            continue
        mention = _read(text, m, file, pat)
        if mention is not None:
            found.append(mention)
            taken_until = mention.end
    if indicators is not None:
        proposer = _proposer(indicators)
        found = [proposer(text, mention) for mention in found]
    return found


def _inside(pos: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    i = bisect_right(starts, pos) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _read(text: str, number: re.Match, file: str, pat: _Patterns) -> Mention | None:
    start, numeral = number.start(), number.group()
    before = text[max(0, start - 40):start]
    if pat.identifier.search(before):
        return None
    bare = "." not in numeral and "," not in numeral
    if bare and int(numeral) in YEARS and len(numeral) == 4 and pat.year.search(before):
        return None
    if _phone_like(text, number):
        return None
    tail = pat.tail.match(text, number.end())
    has_range_word = pat.range_start.search(before)
    if tail and tail["upto"] and not has_range_word:
        return None  # "3 đến 4%" without "từ": read the "4%" on its own
    if tail is None or pat.not_unit.match(text, tail.start("unit")):
        return None
    if _alone_on_line(text, start, number.end()):
        return None
    unit = lookup_unit(tail["unit"])
    if bare and len(numeral) == 4 and int(numeral) in YEARS and unit.unit in _PLACES:
        return None  # "2023 xã ..." after a year written without "năm"
    groups = [(parse_number(g["n"]) if g["n"] else None, _scale(g["s"])) for g in
              pat.groups.finditer(tail["mixed"] or "")]
    first = parse_number(numeral)
    if groups:
        groups[0] = (first, groups[0][1])
    else:
        groups = [(first, Decimal(1))]
    lead_scale = groups[0][1]
    value = _combine(groups) * unit.factor
    other = tail["den"] or tail["dash"] or tail["upto"]
    qualifier, begin = "exact", start
    denominator = upper = None
    if tail["den"]:
        denominator = normalise(parse_number(tail["den"]) * lead_scale * unit.factor)
    if tail["dash"] or tail["upto"]:
        upper = normalise(parse_number(other) * lead_scale * unit.factor)
        qualifier = "range"
        if has_range_word:
            begin = start - len(before) + has_range_word.start("w")
    if qualifier == "exact" and (q := pat.qualifier.search(before)):
        qualifier = vocabulary().qualifiers[q["q"].lower()]
        begin = start - len(before) + q.start("q")
    end = tail.end()
    return Mention(file=file, start=begin, end=end, text=text[begin:end], value=normalise(value), unit=unit.unit,
                   qualifier=qualifier, denominator=denominator, upper=upper)


_PLACES = {"communes", "districts", "villages", "schools"}


def _scale(words: str) -> Decimal:
    scales = vocabulary().scales
    return math.prod((scales[w.lower()] for w in words.split()), start=Decimal(1))


def _combine(groups: list[tuple[Decimal, Decimal]]) -> Decimal:
    """Mixed numerals: [(7, 1e3), (570, 1e9), (186, 1e6)] -> (7·1e3 + 570)·1e9 + 186·1e6."""
    if len(groups) == 1:
        return groups[0][0] * groups[0][1]
    top = max(range(len(groups)), key=lambda i: groups[i][1])
    head = groups[:top] + [(groups[top][0], Decimal(1))]
    return _combine(head) * groups[top][1] + (_combine(groups[top + 1:]) if top + 1 < len(groups) else 0)


_PHONE_BEFORE = re.compile(r"\d[ \t.]$")
_PHONE_AFTER = re.compile(r"[ \t.]\d{3}")


def _phone_like(text: str, number: re.Match) -> bool:
    """0208 3651 864: digit groups in a row, or a long numeral that starts with 0."""
    numeral = number.group()
    if numeral.startswith("0") and len(numeral) >= 4:
        return True
    before = text[max(0, number.start() - 2):number.start()]
    if _PHONE_BEFORE.search(before):
        return True
    return numeral.startswith("0") and len(numeral) >= 3 and bool(_PHONE_AFTER.match(text, number.end()))


def _alone_on_line(text: str, start: int, end: int) -> bool:
    """A photo number printed on a line of its own ("5"), even if the next line starts with a noun."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return not text[line_start:start].strip() and not text[end:line_end].strip()


# --- proposing an indicator -------------------------------------------------------------------

_TOKEN = re.compile(r"[^\W\d_]+")
_CLAUSE_END = re.compile(r"[,;:.()!?\n]|\d")
_CLAUSE_START = re.compile(r"[,;(!?\n]|\.\s")
_PART_START = re.compile(r"[;(!?\n]|\.\s")


def _tokens(text: str) -> set[str]:
    stop = set(_extract_words()["stopwords"])
    return {t for t in _TOKEN.findall(text.lower()) if t not in stop}


def _proposer(indicators: pd.DataFrame):
    by_unit: dict[str, list[tuple[str, set[str]]]] = {}
    for row in indicators.itertuples():
        by_unit.setdefault(row.unit, []).append((row.indicator, _tokens(row.name_vi)))

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
        for indicator, words in by_unit.get(mention.unit, []):
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
    left = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    right = _SENTENCE_END.search(text, end)
    stop = right.start() + (1 if right and text[right.start()] in ".!?…" else 0) if right else len(text)
    return text[left:stop].strip()


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
            "ambiguity": f"proposed by dantoc extract (confidence {m.confidence:.2f}); review before use",
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

