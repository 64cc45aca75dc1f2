"""A report's own sums and rates, found in its text alone and checked by interval arithmetic.

Sums: a figure followed by words that open a list of its parts ("… X, trong đó: … A; … B",
"gồm", ":", "(", a next sentence "Cụ thể: …"), or stated after them ("A, B, tổng cộng X"), with at
least two parts in its unit; declared groups of kinds that cannot overlap decide when such parts
must add up. Rates: a percentage after a cue ("đạt", "bằng", "chiếm") that follows a figure (the
numerator) or an achieved/target pair ("41/46"); its denominator is the figure that the words after
it name ("kế hoạch", "tổng nguồn vốn"), looked for in the same sentence, then the one before, then
the paragraph. Words live in resources/audit.toml."""

from __future__ import annotations

import itertools
import math
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache

from . import admin, tables
from .extract import Mention, extract
from .grammar import lookup_unit, parse_figure, stated_in
from .intervals import Stated, gap, interval, measures, ratio_interval, sum_interval
from .numbers import FigureError, format_number, unit_word, vocabulary
from .wording import last_match, resource

STATUS_ORDER = {"mismatch": 0, "unclear": 1, "ok": 2}


@cache
def words() -> dict:
    return resource("audit.toml")


def _phrases(items) -> str:
    """Alternation of phrases, longest first, whole words (punctuation phrases as they are)."""
    parts = []
    for item in sorted(set(items), key=len, reverse=True):
        escaped = re.escape(item)
        parts.append(rf"(?<!\w){escaped}(?!\w)" if item[0].isalnum() else escaped)
    return "|".join(parts)


@dataclass(frozen=True)
class _Category:
    """One way of dividing a total into kinds that cannot overlap (resources/audit.toml)."""

    names: re.Pattern  # every spelling of every member, longest first
    member: dict[str, int]  # a spelling or a short name, lower case -> the member it names
    more: re.Pattern | None  # the next member of a list by its short name: ", II", " và I"
    size: int
    exhaustive: bool
    whole_when: re.Pattern | None  # words the total must say for the members to make it up
    whole_unless: re.Pattern | None  # words that say the total holds more than the members
    words: frozenset[str]  # the words of the members' names
    labels: tuple[str, ...]  # each member's first spelling, for messages
    narrows: bool  # whether naming one of its kinds makes a part narrower (see _cross_classified)


def _category(spec: dict, joiners: list[str]) -> _Category:
    spellings = [[m] if isinstance(m, str) else m for m in spec["members"]]
    member = {s.lower(): i for i, names in enumerate(spellings) for s in names}
    # Members written alike but for their last words ("khu vực I", "khu vực II") may be named by
    # those words alone after one of them ("khu vực II, I").
    heads = {tuple(names[0].lower().split()[:-1]) for names in spellings}
    short = {}
    if len(heads) == 1 and next(iter(heads)):
        short = {names[0].lower().split()[-1]: i for i, names in enumerate(spellings)}
    more = None
    if short:
        more = re.compile(rf"\s*(?:{_phrases(joiners)})\s*({_phrases(short)})", re.IGNORECASE)
    when, unless = (re.compile(_phrases(spec[key]), re.IGNORECASE) if key in spec else None
                    for key in ("whole_when", "whole_unless"))
    # (a member's words as `tokens` reads them too: "nông nghiệp" is one declared compound)
    name_words = frozenset(word for name in member | short for word in [*name.split(), *tokens(name, ())])
    return _Category(re.compile(_phrases(member), re.IGNORECASE), member | short, more,
                     len(spellings), bool(spec["exhaustive"]), when, unless, name_words,
                     tuple(spelled[0] for spelled in spellings), spec.get("narrows", True))


@dataclass(frozen=True)
class _Patterns:
    opener: re.Pattern
    shared_out: re.Pattern
    next_opener: re.Pattern
    closing_opener: re.Pattern
    after_parts: re.Pattern
    joiner: re.Pattern
    list_word: re.Pattern
    partial: re.Pattern
    not_partial: re.Pattern
    cue: re.Pattern
    elsewhere: re.Pattern
    of_total: re.Pattern
    larger_plan: re.Pattern
    categories: list[_Category]
    concepts: list[re.Pattern]
    whole_word: re.Pattern
    sex: re.Pattern
    among: re.Pattern
    equivalent: re.Pattern
    next_rate: re.Pattern
    remainder: re.Pattern
    named_rate: re.Pattern
    parallel_join: re.Pattern
    change: re.Pattern


@cache
def _patterns() -> _Patterns:
    w = words()
    openers = _phrases(w["sum"]["of_which"] + w["sum"]["whole"])
    return _Patterns(
        # Words between a total and what opens its parts: no sentence end, and digits only of names
        # ("140 học sinh lớp 6, trong đó …": _opening refuses a figure there).
        # ("129 xã, phường, thị trấn; trong đó …": the total's noun may end at a ';')
        opener=re.compile(rf"(?P<lead>[\s,;]*[^.;:()\n]{{0,130}}?(?:;\s*)?)(?P<open>{openers})(?P<colon>\s*:)?",
                          re.IGNORECASE),
        shared_out=re.compile(rf"(?P<lead>[\s,]*[^.;:()\n\d]{{0,40}}?)(?P<open>(?i:{_phrases(w['sum']['shared_out'])})"
                              rf"|(?i:{_phrases(w['sum']['places_of'])})(?=\s+[^\W\d_a-zđ]))(?P<colon>\s*:)?"),
        # a sentence that ends by opening the list of the total before it: "Phân theo dự án, vốn đã giải ngân như sau:"
        closing_opener=re.compile(rf"(?P<lead>[^\d\n:]{{0,80}}?)(?P<open>{_phrases(w['sum']['whole'])})(?P<colon>\s*:)[ \t]*(?=\n)",
                                  re.IGNORECASE),
        next_opener=re.compile(rf"(?P<lead>\s*)(?P<open>{_phrases(w['sum']['next_sentence'])})(?P<colon>\s*:)?",
                               re.IGNORECASE),
        # A total's whole clause when it follows its parts: "tổng cộng", "- Tổng cộng:", "tính chung là".
        after_parts=re.compile(rf"[\s.\-+•*–]*(?:{_phrases(w['sum']['after_parts'])})(?:\s+là)?\s*:?\s*",
                               re.IGNORECASE),
        # A comma before a digit is a decimal mark ("45,2 tỷ"), not the end of an item.
        joiner=re.compile(rf",(?!\d)|{_phrases(w['sum']['joiners'])}", re.IGNORECASE),
        list_word=re.compile(_phrases([o for o in w["sum"]["of_which"] + w["sum"]["whole"] if o[0].isalnum()]),
                             re.IGNORECASE),
        partial=re.compile(_phrases(w["sum"]["partial"]), re.IGNORECASE),
        not_partial=re.compile(_phrases(w["sum"]["not_partial"]), re.IGNORECASE),
        cue=re.compile(rf"(?:{_phrases(w['rate']['cues'])})\s*$", re.IGNORECASE),
        elsewhere=re.compile(_phrases(w["rate"]["elsewhere"]), re.IGNORECASE),
        # Words (no figure, no clause end) between a part and the whole it is set against.
        of_total=re.compile(rf"[^\d.;:()\n]{{0,40}}?(?:{_phrases(w['rate']['of_total'])})[^\d.;:()\n]{{0,40}}",
                            re.IGNORECASE),
        larger_plan=re.compile(_phrases(w["rate"]["larger_plan"]), re.IGNORECASE),
        categories=[_category(c, w["sum"]["member_joiners"]) for c in w["sum"]["categories"]],
        concepts=[re.compile(_phrases(group), re.IGNORECASE) for group in w["rate"]["concepts"]],
        whole_word=re.compile(_phrases(w["rate"]["whole_words"]), re.IGNORECASE),
        sex=re.compile(_phrases(w["sum"]["sexes"]), re.IGNORECASE),
        among=re.compile(rf"(?:{_phrases(w['rate']['among'])})\s*$", re.IGNORECASE),
        change=re.compile(rf"(?:{_phrases(w['label']['change'])})\s*$", re.IGNORECASE),
        parallel_join=re.compile(_phrases(w["sum"]["parallel_join"]), re.IGNORECASE),
        named_rate=re.compile(rf"[,;]?\s*(?:{_phrases(w['rate']['named'])})(?:[^\d,;.:()\n]{{0,50}}?\s(?:{_phrases(w['rate']['named_verbs'])}))?\s*$",
                              re.IGNORECASE),
        remainder=re.compile(_phrases(w["sum"]["remainder"]), re.IGNORECASE),
        next_rate=re.compile(rf"\s(?:{_phrases(w['sum']['joiners'])})\s[^\d]{{0,12}}?\d[\d.,]*\s*%", re.IGNORECASE),
        equivalent=re.compile(rf"\s*\(\s*(?:(?:{_phrases(w['rate']['equivalent'])})\s*:?\s*)?", re.IGNORECASE),
    )


# --- the text's shape: sentences, paragraphs, labels ------------------------------------------

_BULLET = re.compile(r"[ \t]*(?:[-+•*–]|[^\W\d_]\)|\d+\))[ \t]")
# A list item with no mark: a short label, a colon and a number ("giao thông: 612 công trình"), or a
# name and one figure alone on its line ("Bảo Lâm 1.412 căn;").
_ITEM_LINE = re.compile(r"[ \t]*[^\W\d_][^:\n]{0,50}:[ \t]*\d"
                        r"|[ \t]*[^\W\d_][^:\n\d]{0,40}?[ \t]\d[\d.,]*(?:[ \t]+[^\W\d_]+){0,3}[ \t]*[;.,]?[ \t]*$")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[ \t]+(?=\S)")
_TOKEN = re.compile(r"[^\W\d_]+")
_PER_UNIT = re.compile(r"/\s*[^\W\d_]")  # "triệu đồng/người/năm" is per head, not an amount


@cache
def _each() -> re.Pattern:
    """ "… mỗi xã được ", "mỗi hộ được hỗ trợ ": a label that makes its amount one of each."""
    return re.compile(rf"(?<!\w)(?:{_phrases(words()['label']['each'])})(?:\s+[^\W\d_]+){{1,4}}\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int


def sentences(text: str) -> list[Sentence]:
    """Sentences with their paragraph; a bulleted line after ':' or ';' continues its sentence."""
    out: list[Sentence] = []
    paragraph = 0
    spans: list[tuple[int, int, int]] = []  # (start, end, paragraph) of logical lines
    listing = ""  # the last logical line is a list: of "bullet" lines, or of "label" lines ("giao thông: 612")
    outer = ""  # the mark of a bulleted line that opened an inner list ("- Tổng vốn …, trong đó:" / "+ …")
    last_mark = ""  # the mark of the last bulleted line
    for start, end in tables.lines(text):
        line = text[start:end]
        if not line.strip():
            paragraph += 1
            listing = ""
            continue
        previous = spans[-1] if spans else None
        # an item after ':' or ';' — or after another item set out alike — goes on with its list, and
        # so does a closing "tổng cộng …" line; a line set out otherwise after bullets ends them, and so
        # does the next item of the outer list
        bullet = _BULLET.match(line)
        item = "bullet" if bullet else "label" if _ITEM_LINE.match(line) else ""
        opens = text[previous[0]:previous[1]].rstrip()[-1:] in (":", ";", ",") if previous else False
        # items of one list share their mark: after a line that ends its sentence, a bullet set out with
        # another ("- Vốn sự nghiệp: B.\n* Vốn đầu tư phân theo nguồn: …") opens a list of its own
        alike = item == listing and not (bullet and _mark(line) != last_mark)
        if (previous and previous[2] == paragraph and not (bullet and _mark(line) == outer)
                and ((item and (opens or alike)) or ((listing or opens) and _patterns().after_parts.match(line)))):
            spans[-1] = (previous[0], end, paragraph)
            listing = item
            if bullet and line.rstrip().endswith(":"):
                outer = _mark(line)  # "b) Dự án 4: …, gồm:" after "a) …": its inner list ends at "c)"
        else:
            spans.append((start, end, paragraph))
            listing = item  # a list may open with its first bullet or label line ("Huyện Đắk Glei: 98.450")
            outer = _mark(line) if bullet and line.rstrip().endswith(":") else ""
        last_mark = _mark(line) if bullet else last_mark
    for start, end, para in spans:
        cut = start
        for m in _SENTENCE_END.finditer(text, start, end):
            if text[m.start() - 1] == "…" and not text[m.end()].isupper():
                continue  # an ellipsis ends a sentence only before a capital: "tách nhập hộ… là 44 hộ" goes on
            out.append(Sentence(cut, m.start(), para))
            cut = m.end()
        out.append(Sentence(cut, end, para))
    return out


def _mark(line: str) -> str:
    """The kind of mark a bulleted line opens with ("-", "+"; "a)" for any letter's, "1)" for any number's):
    "b) Dự án 4: …, gồm:" and "c) Dự án 5: …" are items of one outer list."""
    mark = line.strip().split(maxsplit=1)[0] if line.strip() else ""
    return re.sub(r"^\d+(?=\)$)", "1", re.sub(r"^[^\W\d_](?=\)$)", "a", mark))


def tokens(text: str, drop: tuple[str, ...] = ("stopwords",)) -> set[str]:
    """The words of a phrase that can tell one figure from another; who acts ("các chủ đầu tư") is
    not what a figure is of, so its words do not count ("chủ đầu tư" is no "vốn đầu tư"); a compound
    is one word ("giao thông" holds no "giao", the assigning of a plan)."""
    return set(_TOKEN.findall(joined(_agents().sub(" ", text.lower())))) - _dropped(drop)


def joined(text: str) -> str:
    """The text with each declared compound written as one word."""
    return _compounds().sub(lambda m: "".join(m.group().split()), text)


@cache
def _compounds() -> re.Pattern:
    return re.compile(_phrases(words()["label"]["compounds"]), re.IGNORECASE)


@cache
def _agents() -> re.Pattern:
    return re.compile(rf"(?<!\w)(?:{_phrases(words()['label']['agents'])})(?!\w)", re.IGNORECASE)


@cache
def _dropped(keys: tuple[str, ...]) -> frozenset[str]:
    label = words()["label"]
    return frozenset(t for key in keys for phrase in label[key] for t in phrase.split())


# --- figures as the audit reads them -----------------------------------------------------------

@dataclass
class Figure:
    index: int
    mention: Mention
    stated: Stated
    sentence: int
    label: str = ""  # the words before it in its clause: what it is a figure of
    parent: int | None = None  # the total whose list it stands in
    numerator_of: int | None = None  # the percentage it is the numerator of

    @property
    def per_unit(self) -> bool:
        return bool(_PER_UNIT.search(self.mention.text) or _each().search(self.label))

    @property
    def is_amount(self) -> bool:
        return self.mention.unit != "percent" and not self.per_unit


def resolution(mention: Mention) -> float:
    """One step of the figure's last stated digit, in its storage unit. Where the figure grammar
    reads the words differently from the extractor, the last non-zero digit of the value is taken:
    never narrower than what the text states, so it cannot make a false mismatch."""
    try:
        figure = parse_figure(mention.text)
        if figure.value == mention.value:
            return float(figure.resolution)
    except FigureError:
        pass
    digits = mention.value.normalize().as_tuple().exponent
    return float(10 ** digits)


def _figures(text: str, mentions: list[Mention], spans: list[Sentence]) -> list[Figure]:
    starts = [s.start for s in spans]
    out = []
    for i, m in enumerate(mentions):
        sentence = max(0, bisect_right(starts, m.start) - 1)
        stated = Stated(float(m.value), resolution(m), m.qualifier, m.text,
                        float(m.upper) if m.upper is not None else None, m.unit)
        out.append(Figure(i, m, stated, sentence))
    for f in out:
        f.label = _label(text, out, f, spans[f.sentence])
    return out


def _label(text: str, figures: list[Figure], f: Figure, sentence: Sentence) -> str:
    """The clause before a figure: from the previous figure or clause mark, at least a few words —
    after the previous figure's own noun phrase ("gồm 61,3 tỷ đồng vốn đầu tư và 25,2 tỷ đồng …": "vốn
    đầu tư" is the 61,3's)."""
    begin = sentence.start
    if f.index and figures[f.index - 1].sentence == f.sentence:
        previous = figures[f.index - 1]
        # (a rate's words after it are its base words, which may name the figure they lead to:
        # "đạt 91% kế hoạch vốn cả giai đoạn (2.364 tỷ đồng)")
        own = "" if previous.mention.unit == "percent" else _words_after(text, previous)
        begin = max(begin, min(previous.mention.end + len(own), f.mention.start))
    before = text[begin:f.mention.start]
    for cut in reversed(_clause_marks(before)):
        if tokens(before[cut:]):
            return before[cut:]
    return before


def _clause_marks(before: str) -> list[int]:
    """Where clauses may begin in the words before a figure: after ',' ';', an open '(' or the close of an
    aside opened before them — but not
    inside an aside the words close again ("Kế hoạch vốn năm 2024 (bao gồm vốn kéo dài, …) là X"), nor
    between names."""
    marks, opened = [], []
    for pos, char in enumerate(before):
        if char == "(":
            opened.append(pos + 1)
        elif char == ")" and opened:
            start = opened.pop()
            marks = [m for m in marks if m < start]
        elif char == ")":
            marks.append(pos + 1)  # "(đạt 83,3% kế hoạch) và vốn sự nghiệp 298,6 …": an aside opened before ends
        elif char in ",;" and not opened and not (char == "," and _between_names(before, pos)):
            marks.append(pos + 1)
    return sorted(marks + opened)


def _between_names(words_: str, comma: int) -> bool:
    """A comma in a list of proper names ("đồng bào Vân Kiều, Pa Kô có 11.046 hộ") opens no clause."""
    return bool(re.search(r"(?<!\S)[^\W\d_]*[A-ZĐ][^\W\d_]*$", words_[:comma])
                and re.match(r"\s+[A-ZĐ]", words_[comma + 1:]) and words_[:comma].split()[-1][:1].isupper())


_LIST_MARK = re.compile(r"(?:^|(?<=\n))[ \t]*(?:[a-zđ]|\d{1,2})\)", re.IGNORECASE)


def _depth(text: str, start: int, end: int) -> int:
    """How many brackets are open at `end` since `start`; a list item's mark ("a)", "2)") opens none."""
    marks = sum(1 for m in _LIST_MARK.finditer(text, start, end) if m.end() <= end)
    return text.count("(", start, end) - text.count(")", start, end) + marks


# --- relations ---------------------------------------------------------------------------------

@dataclass
class Relation:
    kind: str  # sum | rate
    status: str  # ok | mismatch | unclear
    roles: dict  # total / stated / numerator / denominator -> figure index (or None)
    parts: list[int] = field(default_factory=list)
    computed: float | None = None
    interval: tuple[float, float] | None = None
    miss: float = 0.0
    base: str = ""
    message: dict = field(default_factory=dict)  # lang -> text

    @property
    def anchor(self) -> int:
        """The figure the relation is about: the stated total or rate."""
        return self.roles.get("total", self.roles.get("stated"))

    def figures(self) -> list[int]:
        return [i for i in (*self.roles.values(), *self.parts) if i is not None]


@dataclass
class Audit:
    file: str
    text: str
    figures: list[Figure]
    relations: list[Relation]

    def to_dict(self) -> dict:
        return {
            "file": self.file,
            "figures": [mention_dict(f) for f in self.figures],
            "relations": [relation_dict(r, self.figures) for r in self.relations],
        }


def audit(text: str, file: str = "") -> Audit:
    """Every sum and rate the text states, with its verdict; mismatches first."""
    spans = sentences(text)
    figures = _figures(text, extract(text, file), spans)
    relations = find_sums(text, figures, spans) + find_totals_after(text, figures, spans)
    relations += find_remainders(text, figures, spans) + find_changes(text, figures, spans)
    _mark_numerators(text, figures)
    relations += find_rates(text, figures, spans) + find_in_tables(text, figures)
    relations.sort(key=lambda r: (STATUS_ORDER[r.status], r.anchor))
    return Audit(file, text, figures, relations)


# --- tables ------------------------------------------------------------------------------------

def find_in_tables(text: str, figures: list[Figure]) -> list[Relation]:
    """In a table set out with '|' or tabs: each row's rate of its result over its plan, as its column headers
    name them, a total row ("Tổng cộng") against the other rows of each column, and a total column against
    the other cells of each row."""
    at = {f.mention.start: f for f in figures}
    out = []
    for table in tables.tables(text):
        grid = [[at.get(c.start) if c is not None else None for c in row] for row in table.rows]
        out += _table_rates(table, grid) + _table_totals(text, figures, table, grid) + _row_totals(text, figures, table, grid)
    return out


def _row_totals(text: str, figures: list[Figure], table: tables.Table, grid: list[list[Figure | None]]) -> list[Relation]:
    """A column headed as a total ("Xã | Nhà ở | Nước sinh hoạt phân tán | Cộng") against the other amounts of
    its unit in each row."""
    named = [i for i, name in enumerate(table.header)
             if re.fullmatch(rf"\s*(?:{_phrases(tables.words()['total_rows'])})\s*(?:\([^()]*\))?\s*", name, re.IGNORECASE)]
    if len(named) != 1:
        return []
    out = []
    for row in grid:
        total = row[named[0]]
        if total is None or total.mention.unit == "percent":
            continue
        parts = [f.index for col, f in enumerate(row)
                 if col != named[0] and f is not None and same_unit(f, total) and f.per_unit == total.per_unit]
        if len(parts) >= 2:
            out.append(_sum_relation(text, figures, total, parts, False, figures[parts[0]].mention.start,
                                     figures[parts[-1]].mention.end))
    return out


def _table_rates(table: tables.Table, grid: list[list[Figure | None]]) -> list[Relation]:
    spec = tables.words()
    rate, plan, result = (tables.column(table, spec[k]) for k in ("rate_headers", "plan_headers", "result_headers"))
    if None in (rate, plan, result):
        return []
    out = []
    for row in grid:
        stated, top, bottom = row[rate], row[result], row[plan]
        if stated is not None and top is not None and bottom is not None and stated.mention.unit == "percent":
            out.append(_rate_relation(stated, top, bottom, table.header[plan]))
    return out


def _table_totals(text: str, figures: list[Figure], table: tables.Table, grid: list[list[Figure | None]]) -> list[Relation]:
    totals = [i for i, row in enumerate(table.rows)
              if re.fullmatch(rf"\s*(?:{_phrases(tables.words()['total_rows'])})\s*:?\s*", tables.label(row), re.IGNORECASE)]
    if len(totals) != 1:
        return []
    out = []
    for col, unit in enumerate(table.units):
        total = grid[totals[0]][col]
        parts = [row[col].index for i, row in enumerate(grid) if i != totals[0] and row[col] is not None]
        if total is None or len(parts) < 2 or total.mention.unit == "percent":
            continue
        first, last = figures[parts[0]].mention.start, figures[parts[-1]].mention.end
        out.append(_sum_relation(text, figures, total, parts, False, first, last))
        for p in parts:
            figures[p].parent = total.index
    return out


# --- sums --------------------------------------------------------------------------------------

def find_sums(text: str, figures: list[Figure], spans: list[Sentence]) -> list[Relation]:
    out = []
    for total in figures:
        if not total.is_amount or total.mention.unit == "percent":
            continue
        opened, sentence = _opening(text, figures, total, spans)
        if not opened or _partial(opened["lead"]):
            continue
        start, end = _scope(text, figures, total, opened, sentence)
        if _partial(text[start:end]):
            continue
        of_which = opened["open"].lower() not in words()["sum"]["whole"] and not _opens_whole(text, opened)
        if of_which and total.parent is not None and ";" in text[total.mention.end:opened.start("open")]:
            # "… khoảng 2.300 lượt người, gồm 1.248 lượt cán bộ và 1.046 lượt người dân; trong đó nữ 883 lượt":
            # after the list's close, "trong đó" divides the whole, not its last part
            for p in _parts(text, figures, figures[total.parent], start, end, False, False)[0]:
                figures[p].parent = total.parent
            continue
        # a bracket, or a colon right after the total's noun, lists kinds of that noun: counts of any
        # noun may split it ("7 công trình: 3 đường bê tông nội thôn, 2 nhà sinh hoạt cộng đồng, …")
        kinds_of = opened["open"] == "(" or (opened["open"] == ":" and not opened["lead"].strip())
        parts, foreign = _parts(text, figures, total, start, end, kinds_of, not of_which)
        # "trong đó 21.340 hộ nghèo, chiếm 62,8% tổng số hộ nghèo toàn tỉnh (33.980 hộ)": a rate's base, no part
        parts = [p for p in parts if not (p and _base_in_bracket(text, figures, figures[p - 1]) is figures[p])]
        if _names_plan(total.label) and not _states_result(total.label):
            # "Tổng kế hoạch vốn … (87,56 tỷ đồng), cụ thể: - Dự án 1: kế hoạch 12.640 triệu đồng; giải ngân
            # 10.115 triệu đồng, …": what was spent against the plan just before it is no part of a plan
            parts = [p for p in parts if not (_states_result(figures[p].label) and p - 1 != total.index
                                              and _names_plan(figures[p - 1].label) and same_unit(figures[p - 1], figures[p]))]
        if (not parts and (earlier := _total_before(text, figures, total)) is not None
                and all(same_unit(figures[i], earlier) for i in foreign)):
            # "giao 1.700 tỷ đồng để thực hiện 3 chương trình, trong đó …", "1.215 hộ tại 4 huyện, gồm: -
            # Huyện A: 284 hộ; …": the list divides the amount before the count its words name; when it
            # names as many parts as the count says there are, it names them all
            count, total = total, earlier
            parts, foreign = _parts(text, figures, total, start, end, False, not of_which)
            of_which = of_which and not (foreign == [] and float(count.mention.value) == len(parts))
        # "3 tuyến đường dài tổng cộng 4,45 km: tuyến A 1,6 km, tuyến B 1,35 km và tuyến C 1,2 km": a count
        # before the total that says how many parts there are, when the list names that many, names them all
        of_which = of_which and not _counted_before(text, figures, total, len(parts) if not foreign else 0)
        for whole in [total, *_parallel_total(text, figures, total)]:
            if whole is not total:
                parts, foreign = _parts(text, figures, whole, start, end, False, not of_which)
            relation = _with_foreign(text, figures, whole, parts, foreign, of_which, start, end)
            if relation is not None and relation.status == "unclear" and of_which:
                relation = (_whole_subset(text, figures, whole, parts, start, end)
                            or _with_other_counts(text, figures, whole, parts, start, end) or relation)
            if relation is not None and relation.status == "mismatch" and whole.parent is not None:
                # "85 công trình, trong đó mới 79 công trình và 6 công trình chuyển tiếp gồm 74 …, 1 …, 10 …":
                # a list opened after the last part of another may divide that part's total instead
                outer = _with_foreign(text, figures, figures[whole.parent], parts, foreign, of_which, start, end)
                if outer is not None and outer.status == "ok":
                    relation, whole = outer, figures[whole.parent]
                    # its first reading, which ran into this list, gives way
                    out = [r for r in out if not (r.roles["total"] == whole.index and r.status == "unclear")]
            for p in relation.parts if relation is not None else parts:  # one part alone still has its whole
                figures[p].parent = whole.index
            if relation is not None:
                out.append(relation)
    return out


def _parallel_total(text: str, figures: list[Figure], total: Figure) -> list[Figure]:
    """ "Tổ chức 26 lớp tập huấn với 1.412 lượt người tham gia, gồm: 17 lớp … (874 lượt) và 8 lớp …
    (538 lượt)": a total in another unit joined to the one before the list is divided by it too."""
    if total.index == 0:
        return []
    before = figures[total.index - 1]
    between = text[before.mention.end:total.mention.start]
    if (before.sentence != total.sentence or not before.is_amount or before.mention.unit in ("percent", total.mention.unit)
            or re.search(r"[;:.()\n]", between) or not _patterns().parallel_join.search(between)):
        return []
    return [before]


def _counted_before(text: str, figures: list[Figure], total: Figure, parts: int) -> bool:
    """A count of whole things in the total's clause, before it, of as many as the parts listed."""
    if parts < 2:
        return False
    clause = max(text.rfind(mark, 0, total.mention.start) for mark in ";.\n:(") + 1
    return any(f.sentence == total.sentence and clause <= f.mention.start and f.mention.unit not in measures()
               and f.stated.qualifier == "exact" and float(f.mention.value) == parts
               for f in figures[:total.index])


def _opens_whole(text: str, opened: re.Match) -> bool:
    """A bracket that opens with a word of the whole list: "1.046 hộ nghèo (lần lượt 412, 356 và 298 hộ)"."""
    whole = re.compile(rf"\s*(?:{_phrases(words()['sum']['whole'])})(?!\w)", re.IGNORECASE)
    return opened["open"] == "(" and whole.match(text, opened.end()) is not None


def _with_other_counts(text, figures, total: Figure, parts: list[int], start: int, end: int) -> Relation | None:
    """A list of some parts ("trong đó") whose items counted in other nouns make up the rest exactly:
    "1.146 công trình, trong đó 687 công trình giao thông, 214 công trình thủy lợi, 163 trường học, lớp
    học và 82 nhà văn hóa". Only a sum that holds; without them the list stays unclear."""
    if total.mention.unit in measures():
        return None
    foreign = [f.index for f in figures if start <= f.mention.start < end and _depth(text, start, f.mention.start) == 0
               and f.is_amount and f.mention.unit not in measures() and f.index not in parts
               and not _compatible(text, total, f, False) and not _is_change(f)]
    if not foreign:
        return None
    relation = _sum_relation(text, figures, total, sorted(parts + foreign), True, start, end)
    return relation if relation.status == "ok" else None


def _whole_subset(text, figures, total: Figure, parts: list[int], start: int, end: int) -> Relation | None:
    """A list that divides its total two ways at once ("995 người (nam 924, nữ 13, dân tộc Jrai 612,
    dân tộc Bahnar 296, …)"): the parts that name every kind of an exhaustive group once must make
    up the total, when the other parts are a division of their own (two or more, written alike); a
    miss there is an error the whole list could not show."""
    described = _descriptions(text, figures, parts, start, end, nouns=True)
    if len(described) != len(parts):
        return None
    for category in _patterns().categories:
        if not category.exhaustive:
            continue
        named = [(p, _members_named(category, d)) for p, d in zip(parts, described)]
        subset = [p for p, members in named if members]
        members = [m for _, ms in named for m in ms]
        rest = [p for p in parts if p not in subset]
        if (len(subset) >= 2 and len(rest) >= 2 and len(members) == len(set(members)) == category.size
                and _parallel(text, figures, rest, start, end, total)):
            relation = _sum_relation(text, figures, total, subset, True, start, end)
            if relation.status == "mismatch":
                return relation
    return None


def _total_before(text: str, figures: list[Figure], total: Figure) -> Figure | None:
    """The amount just before a figure in its clause, when the figure's list is none of its own."""
    if total.index == 0:
        return None
    before = figures[total.index - 1]
    between = text[before.mention.end:total.mention.start]
    if before.sentence != total.sentence or not before.is_amount or before.parent is not None \
            or before.mention.unit == "percent" or re.search(r"[.;:()\n]", between):
        return None
    return before


def find_totals_after(text: str, figures: list[Figure], spans: list[Sentence]) -> list[Relation]:
    """Totals stated after their parts ("vốn đầu tư A, vốn sự nghiệp B, tổng cộng X"). Where the
    list began is not marked, so the parts are the nearest items before the total that each hold
    a figure in its unit; the relation holds when the nearest two or more of them add up to it."""
    out = []
    for total in figures:
        if not total.is_amount or total.parent is not None or not _patterns().after_parts.fullmatch(total.label):
            continue
        sentence = spans[total.sentence]
        label_start = total.mention.start - len(total.label)
        parts = _items_before(text, figures, total, sentence.start, label_start)
        if len(parts) < 2:
            continue
        relation = min((_sum_relation(text, figures, total, parts[-k:], False, 0, 0)
                        for k in range(2, len(parts) + 1)), key=lambda r: (r.miss > 0, -len(r.parts)))
        for p in relation.parts:
            figures[p].parent = total.index
        out.append(relation)
    return out


def find_remainders(text: str, figures: list[Figure], spans: list[Sentence]) -> list[Relation]:
    """A total, the part done, and the rest, in one sentence ("huyện hỗ trợ 312 hộ; đến nay 247 hộ đã vào
    ở nhà mới, còn lại 56 hộ đang hoàn thiện"): the part and the rest make up the total. Only three
    figures of one unit in a row, none a part or a change already, the last named the rest."""
    out = []
    rest = re.compile(rf"(?<!\w)(?:{_phrases(words()['sum']['remainder_words'])})(?:\s+(?:là|có))?\s*$", re.IGNORECASE)
    for f in figures:
        if f.index < 2 or not f.is_amount or f.parent is not None or not rest.search(f.label):
            continue
        total, part = figures[f.index - 2], figures[f.index - 1]
        if (not (total.sentence == part.sentence == f.sentence) or not same_unit(total, part) or not same_unit(part, f)
                or any(x.parent is not None or not x.is_amount or _is_change(x) for x in (total, part))
                or total.stated.qualifier != "exact"):
            continue
        relation = _sum_relation(text, figures, total, [part.index, f.index], False, 0, 0)
        part.parent = f.parent = total.index
        out.append(relation)
    return out


def find_changes(text: str, figures: list[Figure], spans: list[Sentence]) -> list[Relation]:
    """A change stated with both its levels, in one sentence ("số hộ nghèo giảm từ 5.420 hộ xuống 4.785 hộ,
    tức giảm 635 hộ"): the later level and the fall make up the earlier one, or the earlier level and
    the rise the later one. Only three figures of one unit in a row."""
    w = words()["sum"]
    joined_by = rf"(?:[\s,(]|(?<!\w)(?:{_phrases(w['change_joiners'])})(?!\w))*"
    out = []
    for before, after, change in zip(figures, figures[1:], figures[2:]):
        if (not (before.sentence == after.sentence == change.sentence) or not same_unit(before, after)
                or not same_unit(after, change) or any(x.parent is not None or not x.is_amount for x in (before, after, change))
                or not re.fullmatch(rf"\s*(?:{_phrases(w['change_to'])})\s*", text[before.mention.end:after.mention.start],
                                    re.IGNORECASE)):
            continue
        between = text[after.mention.end:change.mention.start]
        for start_words, change_words, falls in ((w["fall_from"], w["fall"], True), (w["rise_from"], w["rise"], False)):
            if (re.search(rf"(?<!\w)(?:{_phrases(start_words)})\s*$", before.label, re.IGNORECASE)
                    and re.fullmatch(rf"{joined_by}(?:{_phrases(change_words)})\s*", between, re.IGNORECASE)):
                total, parts = (before, [after.index, change.index]) if falls else (after, [before.index, change.index])
                relation = _sum_relation(text, figures, total, parts, False, 0, 0)
                relation.message = _change_message(relation, before, after, change)
                out.append(relation)
                for p in parts:
                    figures[p].parent = total.index
    return out


def _change_message(relation: Relation, before: Figure, after: Figure, change: Figure) -> dict:
    unit, noun = change.mention.unit, change.mention.noun
    computed = abs(after.stated.value - before.stated.value)
    return {lang: _say(f"change_{relation.status}", lang, before=_as_stated(before, lang), after=_as_stated(after, lang),
                       change=_as_stated(change, lang), computed=quantity(computed, unit, lang, noun=noun),
                       miss=quantity(abs(computed - change.stated.value), unit, lang, noun=noun))
            for lang in ("vi", "en")}


def _items_before(text: str, figures: list[Figure], total: Figure, start: int, end: int) -> list[int]:
    """The figures of the items right before a total, nearest last: an item with no figure ends
    the list; a rate's item ("…, đạt 90%") is passed over."""
    parts: list[int] = []
    for item_start, item_end in reversed(_items(text, start, end)):
        inside = [f for f in figures if item_start <= f.mention.start < item_end
                  and _depth(text, start, f.mention.start) == 0]  # not an aside's figures
        amounts = [f.index for f in inside if f.is_amount and f.parent is None and _counts_toward(total, f)]
        if not amounts and all(f.mention.unit == "percent" for f in inside) and (
                inside or not tokens(text[item_start:item_end], ())):
            continue  # the comma before the total's words, or a part's rate
        others = [f.index for f in inside if f.is_amount and f.index not in amounts]
        if amounts and others and max(others) < min(amounts):
            parts[:0] = amounts  # "… tại 3 bản: + Bản A: 46 hộ": the list begins after the other figure
            break
        if not amounts or others:
            break
        parts[:0] = amounts
    return parts


def _names_next_item(lead: str) -> bool:
    """The words before a colon start a new item with a name ("…, Nam Giang:"), not this total's list."""
    after_comma = lead.rsplit(",", 1)[1].strip() if "," in lead else ""
    return after_comma[:1].isupper()


def _after_own_rate(text: str, figures: list[Figure], total: Figure) -> int:
    """Where a total's words end: after its own rate, if one follows it ("đã giải ngân 531.604 triệu
    đồng, đạt 81,2% kế hoạch, trong đó …": the parts follow the rate), or after the bracket it stands
    alone in."""
    following = figures[total.index + 1] if total.index + 1 < len(figures) else None
    if following is not None and _rate_numerator(text, figures, following) is total:
        stop = re.compile(r"[,;.()\n:]").search(text, following.mention.end)  # the end of its base words
        if stop and (base := _base_in_bracket(text, figures, following)) is not None:
            # "hỗ trợ cho 1.052 hộ, đạt 78,4% kế hoạch năm (1.342 hộ), gồm: …": the base its bracket states too
            return text.index(")", base.mention.end) + 1
        return stop.start() if stop else len(text)
    # "Vốn sự nghiệp (433,8 tỷ đồng) gồm: …": a total alone in a bracket after its noun ends with the bracket
    alone = re.compile(r"\s*\)").match(text, total.mention.end)
    if alone and re.search(r"\(\s*$", text[max(0, total.mention.start - 3):total.mention.start]):
        return alone.end()
    return total.mention.end


def _base_in_bracket(text: str, figures: list[Figure], rate: Figure) -> Figure | None:
    """The one figure a bracket right after a rate's base words holds: "đạt 78,4% kế hoạch năm (1.342 hộ)"."""
    if rate.index + 1 >= len(figures):
        return None
    base = figures[rate.index + 1]
    if (rate.mention.unit != "percent" or base.sentence != rate.sentence or base.mention.unit == "percent"
            or not re.fullmatch(r"[^\d().,;:\n]*\(\s*", text[rate.mention.end:base.mention.start])
            or not re.match(r"\s*\)", text[base.mention.end:])):
        return None
    return base


def _opening(text: str, figures: list[Figure], total: Figure, spans: list[Sentence]) -> tuple[re.Match | None, Sentence]:
    """What opens a total's list of parts, and the sentence the list stands in: the words right
    after the total, or a sentence of its own right after the one the total ends ("… là 245,8 tỷ
    đồng. Cụ thể: …")."""
    sentence = spans[total.sentence]
    if total.index and _base_in_bracket(text, figures, figures[total.index - 1]) is total:
        return None, sentence  # the base of the rate before it, not the total its list divides
    words_end = _after_own_rate(text, figures, total)
    opened = _patterns().opener.match(text, words_end) or _patterns().shared_out.match(text, words_end)
    if opened and any(words_end <= f.mention.start < opened.start("open") for f in figures):
        opened = None  # the words before the list hold another figure: it is that one's ("lớp 6" is no figure)
    if opened and opened["open"] == ":" and (re.search(r"[;\n]", opened["lead"])
                                             or _names_next_item(opened["lead"])):
        # "…: 620 hộ;\n- Sửa chữa: 412 hộ", "Tây Giang: 70 người, Nam Giang: 60 người": the next
        # item's label, not this total's list
        opened = None
    if opened and opened["open"] == "(" and opened["lead"].strip(" ,") and not any(
            f.mention.unit != "percent" for f in figures
            if opened.end() <= f.mention.start < _closing(text, opened.end(), sentence.end)):
        opened = None  # "…, cao hơn bình quân chung toàn tỉnh (61,7%)": an aside after other words, no list
    if opened or total.sentence + 1 >= len(spans):
        return opened, sentence
    following = spans[total.sentence + 1]
    if following.paragraph != sentence.paragraph:
        return None, sentence
    if text[words_end:sentence.end].strip() in ("", "."):
        if opened := _patterns().next_opener.match(text, following.start, following.end):
            return opened, following
    # "… được 198,4 tỷ đồng, đạt 69,9% kế hoạch, cao hơn bình quân (61,7%). Phân theo dự án, vốn đã giải
    # ngân như sau:": a sentence of its own that says of the total what it goes on to list (no other
    # amount between)
    others = [f for f in figures if words_end <= f.mention.start < sentence.end and f.mention.unit != "percent"]
    opened = _patterns().closing_opener.match(text, following.start, following.end)
    if opened and not others and tokens(opened["lead"], ("stopwords", "plain")) & tokens(total.label, ("stopwords", "plain")):
        return opened, following
    return None, sentence


def _partial(segment: str) -> bool:
    """A list marked as some of its parts ("như", "chủ yếu", "…") — but an ellipsis inside an item,
    with the item's figure after it ("do chết, chuyển đi, tách nhập hộ… là 44 hộ"), ends a phrase."""
    pat = _patterns()
    cleared = pat.not_partial.sub(" ", segment)
    return any(not (m.group() in _ELLIPSES and re.search(r"\d", cleared[m.end():]))
               for m in pat.partial.finditer(cleared))


_ELLIPSES = ("…", "...")


def _scope(text, figures, total: Figure, opened: re.Match, sentence: Sentence) -> tuple[int, int]:
    """Where the parts of a total stand: inside the parenthesis it opens, else to the end of its
    sentence — or of its clause (';'), unless a colon or a sentence of its own opens a list of
    clauses, or when it is itself a part of a list."""
    start, end = opened.end(), sentence.end
    if opened["open"] == "(":
        return start, _closing(text, start, end)
    if _depth(text, sentence.start, total.mention.start) > 0 and (closing := _closing(text, total.mention.end, end)) >= start:
        end = closing  # a list inside the total's bracket ends with it; one after a bracket the total fills goes on
    # A sentence that opens with its list word is all list ("Trong đó A; B."); a list after the
    # total's own words ends with the clause.
    own_sentence = opened.re is _patterns().next_opener
    if total.parent is not None or not (opened["colon"] or opened["open"] == ":" or own_sentence):
        semicolon = text.find(";", start, end)
        # "trong đó, ngân sách trung ương A; ngân sách địa phương B": clauses alike go on listing
        counted = _counted_words(figures, [total.index])
        while semicolon >= 0 and _alike(text[start:semicolon], text[semicolon + 1:_clause_end(text, semicolon + 1, end)],
                                        counted):
            semicolon = text.find(";", semicolon + 1, end)
        end = semicolon if semicolon >= 0 else end
        # nor does it run on to the next line (the next bullet of an outer list)
        newline = text.find("\n", start, end)
        end = newline if newline >= 0 else end
    elif (newline := text.find("\n", start, end)) >= 0 and text[start:newline].strip() \
            and text[start:newline].rstrip().endswith("."):
        # "- Dự án 1: hỗ trợ 318 hộ, cụ thể: nhà ở 74 hộ; …; chuyển đổi nghề 52 hộ.\n- Dự án 4: …": a
        # list set out on the colon's own line ends with that line's sentence
        end = newline
    return start, end


def _clause_end(text: str, start: int, end: int) -> int:
    found = text.find(";", start, end)
    return found if found >= 0 else end


def _alike(first: str, following: str, counted: set[str]) -> bool:
    """The clause after a ';' lists the next part when it is written like the first: it opens with
    the same word ("vốn đầu tư A; vốn sự nghiệp B") or names another kind of the same group
    ("xây mới A; sửa chữa B"), and states a figure."""
    if not re.search(r"\d", following):
        return False
    if (re.search(rf"(?<!\w)(?:{_phrases(words()['rate']['cues'])})\s+(?:\S+\s+)?\d[\d.,]*\s*%", following, re.IGNORECASE)
            and not re.search(r"\d\s*%", first)):
        return False  # "…; số hộ nghèo chiếm 58,5% trong tổng số 22.870 hộ dân": a rate of its own, no next part
    heads = [_first_word(first, counted), _first_word(following, counted)]
    if heads[0] and heads[0] == heads[1]:
        return True
    # "năm 2022: 18.216 triệu đồng; năm 2023: 27.215 triệu đồng": the same word before a number, a label's
    numbered = [re.match(r"\s*([^\W\d_]+)\s+\d+\s*:", clause) for clause in (first, following)]
    if all(numbered) and numbered[0][1].lower() == numbered[1][1].lower():
        return True
    for category in _patterns().categories:
        a, b = _members_named(category, first), _members_named(category, following)
        if a and b and not a & b:
            return True
    return False


def _first_word(clause: str, counted: set[str]) -> str:
    ordered = [t for t in _TOKEN.findall(clause.lower()) if t in tokens(t) and t not in counted]
    return ordered[0] if ordered else ""


def _closing(text: str, start: int, end: int) -> int:
    depth = 0
    for pos in range(start, end):
        if text[pos] == "(":
            depth += 1
        elif text[pos] == ")":
            if depth == 0:
                return pos
            depth -= 1
    return end


def noun(mention: Mention) -> str:
    """The words after the number ("cán bộ" of "2.105 cán bộ"): what a generic count counts."""
    return re.sub(r"^\D*[\d.,/\s]*", "", mention.text).strip().lower()


def same_unit(a: Figure, b: Figure) -> bool:
    """Two figures of one unit; generic counts only when they count the same noun."""
    if a.mention.unit != b.mention.unit:
        return False
    return a.mention.unit != words()["sum"]["generic_count"] or noun(a.mention) == noun(b.mention)


def _compatible(text: str, total: Figure, part: Figure, bracket: bool) -> bool:
    """A part in the total's unit, or in a unit the total's words go on to list ("17 xã, thị trấn");
    in a bracket right after a count, a count of any noun may split it ("2.105 cán bộ (1.870 nam,
    235 nữ)"); people of a sex are part of a count of any noun ("615 học viên, trong đó nam 248
    người, …": only persons are men or women)."""
    s = words()["sum"]
    if part.mention.unit in _listed_units(text, total):
        return True
    if (total.mention.unit == s["generic_count"] and part.mention.unit in s["persons"]
            and _patterns().sex.search(part.label)):
        return True
    if (total.mention.unit in s["persons"] and part.mention.unit == s["generic_count"]
            and _patterns().sex.fullmatch(noun(part.mention))):
        return True  # "312 người có uy tín, trong đó 296 nam và 24 nữ"
    if _counts_toward(total, part):
        return True
    return (bracket and part.mention.unit == s["generic_count"]
            and total.mention.unit not in measures())


def _counts_toward(total: Figure, part: Figure) -> bool:
    """A part that counts what its total counts: the same unit; a narrower kind of the same noun ("1.020
    học viên, gồm 612 học viên nữ …", "31 học viên Ê Đê, …, tổng cộng 58 học viên"); the total's head noun
    only ("120 phần quà, gồm 70 phần …"); households or people on occasions ("… tổng cộng 1.761 lượt hộ")."""
    if same_unit(total, part) or _on_occasions(total, part):
        return True
    whole, own = noun(total.mention), noun(part.mention)
    return (total.mention.unit == part.mention.unit == words()["sum"]["generic_count"]
            and (own.startswith(f"{whole} ") or whole.startswith(f"{own} ")))


def _on_occasions(total: Figure, part: Figure) -> bool:
    """ "đất ở 35 hộ, nhà ở 412 hộ, …; tổng cộng 1.761 lượt hộ": households or people helped in each
    way add up to a count of occasions."""
    s = words()["sum"]
    return total.mention.unit in s["occasions"] and part.mention.unit in s["counted_on_occasions"]


def _listed_units(text: str, total: Figure) -> set[str]:
    """Units a count's noun goes on to list: "17 xã, thị trấn" counts communes and townships,
    "11 huyện, thành phố" districts and cities."""
    if total.mention.unit in measures():
        return set()
    units = vocabulary().units
    joined = "|".join(re.escape(w) for w in sorted(units, key=len, reverse=True))
    listed = re.compile(rf"\s*(?:,|{_phrases(words()['sum']['joiners'])})\s*(?P<w>{joined})(?!\w)", re.IGNORECASE)
    found, pos = set(), total.mention.end
    while m := listed.match(text, pos):
        found.add(lookup_unit(m["w"]).unit)
        pos = m.end()
    return found


def _foreign_count(total: Figure, inside: list[Figure]) -> list[Figure]:
    """In a list that is the whole ("gồm"), an item that counts other things than the total may be
    one of its parts ("58 công trình, gồm … 9 công trình thủy lợi và 6 nhà sinh hoạt cộng đồng"): its
    first count, never an amount of money or a share."""
    counts = [f for f in inside if f.is_amount and f.mention.unit not in measures()]
    return counts[:1] if total.mention.unit not in measures() else []


def _with_foreign(text, figures, total: Figure, parts: list[int], foreign: list[int], of_which: bool,
                  start: int, end: int) -> Relation | None:
    """The sum of a list, where items counted in other nouns may or may not be parts: with them when
    they make it hold; without them it is never an error, since the list's structure is unclear."""
    tried = None
    if foreign and len(parts) + len(foreign) >= 2:
        tried = _sum_relation(text, figures, total, sorted(parts + foreign), of_which, start, end)
        if tried.status == "ok":
            return tried
    if len(parts) < 2:
        return None
    relation = _sum_relation(text, figures, total, parts, of_which, start, end)
    if foreign and relation.status == "mismatch":
        if tried is not None and not of_which and _all_items_counted(text, figures, start, end):
            return tried  # "64 công trình, gồm: 31 …, 12 …, 9 trạm y tế, 10 nhà văn hóa": every item a part
        members = [figures[p] for p in parts]
        relation.status = "unclear"
        relation.message = _sum_message(relation, total, members, "sum_foreign")
    return relation


def _all_items_counted(text, figures, start: int, end: int) -> bool:
    """Each item of a whole list states exactly one count: then each is a part, whatever it counts."""
    for item_start, item_end in _items(text, start, end):
        counts = [f for f in figures if item_start <= f.mention.start < item_end and f.is_amount
                  and f.mention.unit not in measures()]
        if len(counts) != 1:
            return False
    return True


def _items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The list's items, outside brackets: split at ';', else at ',' and 'và' — and always at line
    breaks, since a list set out on lines has one item a line ("giao thông: 612 công trình")."""
    semicolons = [p for p in range(start, end) if text[p] == ";" and _depth(text, start, p) == 0]
    lines = [p for p in range(start, end) if text[p] == "\n" and _depth(text, start, p) == 0 and text[start:p].strip()]
    if not semicolons:
        joiners = [m.start() for m in _patterns().joiner.finditer(text, start, end)]
        semicolons = [p for p in joiners if _depth(text, start, p) == 0]
    bounds = [start, *sorted(set(semicolons + lines)), end]
    return list(zip(bounds[:-1], bounds[1:]))


def _parts(text, figures, total: Figure, start: int, end: int, bracket: bool,
           whole: bool = False) -> tuple[list[int], list[int]]:
    """The parts of a total in its list, and (in a whole list) the counts of items in other nouns."""
    pat = _patterns()
    parts, foreign = [], []
    for item_start, item_end in _items(text, start, end):
        in_item = [f for f in figures if item_start <= f.mention.start < item_end
                   and _depth(text, start, f.mention.start) == 0
                   and not pat.after_parts.fullmatch(f.label)]  # "Tổng cộng: X" sums the list, it is no part
        inside = [f for f in in_item if f.is_amount and _compatible(text, total, f, bracket) and not _is_change(f)]
        if not inside and in_item and not bracket:
            # "gồm: 17 lớp cho cán bộ cơ sở (874 lượt) và …": a bracket states the item in the total's unit
            inside = [f for f in figures if in_item[0].mention.end <= f.mention.start < item_end
                      and _depth(text, start, f.mention.start) == 1 and f.is_amount and same_unit(total, f)][:1]
        if not inside and whole:
            foreign.extend(f.index for f in _foreign_count(total, in_item))
        if not inside:
            continue
        if whole and (before := [f for f in in_item if f.mention.start < inside[0].mention.start]):
            # "…; 4 nhà văn hóa và 3 công trình thủy lợi": a count of other things joined to a part in one item
            foreign.extend(f.index for f in _foreign_count(total, before))
        first = inside[0]
        nested = pat.opener.match(text, first.mention.end)
        if nested and nested.end() <= item_end and len(inside) > 1:
            parts.append(first.index)  # the rest are the parts of this part
        else:
            parts.extend(f.index for f in inside)
    return parts, foreign


def _sum_relation(text, figures, total: Figure, parts: list[int], of_which: bool, start, end) -> Relation:
    members = [figures[p] for p in parts]
    low, high = sum_interval([m.stated for m in members])
    stated = _total_interval(total, members)
    miss = gap(stated, (low, high))
    computed = sum(m.stated.value for m in members)
    status, template, because = "ok", "sum_ok", None
    if miss > 0:
        status, template = "mismatch", "sum_mismatch"
        kinds, category = _kinds(text, figures, total, parts, start, end) if of_which else ("whole", None)
        short_of_whole = high < stated[0] and _rest_listed(text, figures, parts, start, end)
        if kinds != "whole" and not short_of_whole:
            if high < stated[0]:
                status, template = "unclear", "sum_unclear"
            elif kinds != "apart" and not _parallel(text, figures, parts, start, end, total):
                status, template = "unclear", "sum_overlap"
        if status == "mismatch" and category is not None:
            because = (f"kinds_{kinds}", ", ".join(category.labels))
    relation = Relation("sum", status, {"total": total.index}, parts, computed, (low, high), miss)
    relation.message = _sum_message(relation, total, members, template, because)
    return relation


def _rest_listed(text, figures, parts: list[int], start: int, end: int) -> bool:
    """ "trong đó: Kỳ Sơn 2.915 hộ, …, các huyện khác 1.236 hộ": a last part that is the rest leaves
    nothing unlisted, so parts that fall short are an error."""
    described = _descriptions(text, figures, parts, start, end, nouns=True)
    return len(parts) > 1 and len(described) == len(parts) and bool(_patterns().remainder.search(described[-1]))


def _total_interval(total: Figure, members: list[Figure]) -> tuple[float, float]:
    """The values a total allows. Written in a coarser scale word than all its parts ("1,18 nghìn
    tỷ" over parts in tỷ), it may have been cut rather than rounded when converted."""
    low, high = interval(total.stated)
    converted = (all(noun(m.mention) != noun(total.mention) for m in members)
                 and all(m.stated.resolution < total.stated.resolution for m in members))
    if converted:
        high += words()["sum"]["converted_cut_steps"] * total.stated.resolution - total.stated.resolution / 2
    return low, high


def _descriptions(text, figures, parts: list[int], start: int, end: int, nouns: bool = False) -> list[str]:
    """Each part's item of the list, without its numbers: what the part is a figure of. An item
    with no figure belongs to the part next to it: the one after, when that one names itself before
    its figure ("hộ nghèo và cận nghèo 380 hộ"), else the one before ("593 thôn thuộc xã khu vực
    II, I"); words in brackets are an aside. With `nouns`, a figure's own noun stays ("845 hộ
    nghèo" keeps "hộ")."""
    items = []  # (phrase, is a part, names itself before its figure); None for another unit's item
    for s, e in _items(text, start, end):
        inside = [f for f in figures if s <= f.mention.start < e]
        phrase = text[s:e]
        for f in inside:
            phrase = phrase.replace(f.mention.text, f" {noun(f.mention)} " if nouns else " ")
        own = [f for f in inside if f.index in parts]
        if own:
            items.append((phrase, True, bool(tokens(text[s:own[0].mention.start]))))
        else:
            items.append(None if inside else (phrase, False, False))
    out: list[str] = []
    pending, continues = "", False
    for k, item in enumerate(items):
        following = items[k + 1] if k + 1 < len(items) else None
        if item is None:  # "… và 86 thôn, xóm …": another unit's item, with its own run-on
            pending, continues = "", False
        elif item[1]:
            out.append(pending + item[0])
            pending, continues = "", True
        elif following is not None and following[1] and following[2]:
            pending += item[0]
        elif continues:
            out[-1] += item[0]
    return [re.sub(r"\([^()]*\)", " ", d) for d in out]


def _kinds(text, figures, total: Figure, parts: list[int], start: int, end: int) -> tuple[str, _Category | None]:
    """'whole' when the parts name every member of an exhaustive category once, 'apart' when each
    names members of one category that no other part names (they cannot overlap), else '';
    with the category that decided."""
    described = _descriptions(text, figures, parts, start, end, nouns=True)
    units = {total.mention.unit} | {figures[p].mention.unit for p in parts}
    # what the total's sentence says of it up to the list ("Tỷ lệ hộ nghèo chung cả nước 4,03% với 1.057.374 hộ")
    opening = max(text.rfind(".", 0, total.mention.start), text.rfind("\n", 0, total.mention.start)) + 1
    said = f"{text[opening:total.mention.start]} {noun(total.mention)} {text[total.mention.end:start]} {_unit_nouns(units)}"
    if len(described) != len(parts):
        return "", None
    found: tuple[str, _Category | None] = ("", None)
    for category in _patterns().categories:
        named = [_members_named(category, d) for d in described]
        if not all(named) or any(a & b for i, a in enumerate(named) for b in named[i + 1:]):
            continue
        if (category.exhaustive and len(set().union(*named)) == category.size
                and (category.whole_when is None or category.whole_when.search(said))
                and not (category.whole_unless and category.whole_unless.search(said))
                and not _narrower(described, said, category) and not _cross_classified(described, category)):
            return "whole", category
        found = ("apart", category)
    return found


def _unit_nouns(units: set[str]) -> str:
    """The nouns the vocabulary counts in the total's and parts' units: parts counted as "người"
    under a total of "lao động" or "học viên" say nothing narrower by it."""
    units = units - {words()["sum"]["generic_count"]}
    return " ".join(w for w, spec in vocabulary().units.items() if spec.unit in units)


def _narrower(described: list[str], said: str, category: _Category) -> bool:
    """The parts all say something their total does not ("614 thôn ĐBKK thuộc xã khu vực III,
    593 thôn ĐBKK thuộc xã khu vực II, I" of "2.200 thôn"): they divide a narrower kind of thing
    and need not make up the total."""
    common = set.intersection(*(tokens(d) for d in described))
    return bool(common - tokens(said) - category.words - _dropped(("plain",)))


def _cross_classified(described: list[str], category: _Category) -> bool:
    """The parts also name kinds of another division, not all the same ("vốn đầu tư 300 tỷ, vốn
    sự nghiệp từ ngân sách trung ương 180 tỷ"; "đầu tư từ trung ương …, sự nghiệp từ địa phương …"):
    such parts are narrower than their kinds. (All naming the same kind is _narrower's case.)"""
    for other in _patterns().categories:
        if other is not category and other.narrows:
            named = [_members_named(other, d) for d in described]
            if any(named) and any(n != named[0] for n in named):
                return True
    return False


def _members_named(category: _Category, description: str) -> set[int]:
    named = set()
    for m in category.names.finditer(description):
        if _inside_name(description, m):
            continue  # "Đông Nam Bộ" names a region, not men
        named.add(category.member[m.group().lower()])
        position = m.end()
        while category.more and (more := category.more.match(description, position)):
            named.add(category.member[more.group(1).lower()])
            position = more.end()
    return named


def _inside_name(description: str, m: re.Match) -> bool:
    """A one-word member written with a capital within a proper name: a capitalised word next to it."""
    if " " in m.group() or not m.group()[:1].isupper():
        return False
    before = re.search(r"([^\W\d_]+)\s+$", description[:m.start()])
    after = re.match(r"\s+([^\W\d_]+)", description[m.end():])
    return any(w and w.group(1)[0].isupper() for w in (before, after))


def _parallel(text, figures, parts: list[int], start: int, end: int, total: Figure) -> bool:
    """Parts described alike ("Dự án 1 …; Dự án 3 …", "huyện A …, huyện B …") split one total one
    way, so they cannot overlap; "845 hộ nghèo, 620 hộ DTTS" are two ways of counting the same
    households, and "vốn đầu tư …, vốn kéo dài …" two ways of dividing capital ("vốn" is plain).
    Words the total's own noun says are no head: "5.404 hộ nghèo, trong đó hộ nghèo không có khả năng lao
    động 2.580 hộ; hộ nghèo dân tộc Khmer 3.239 hộ" are two ways of counting its households."""
    heads = set(words()["sum"]["parallel_heads"])
    counted = _counted_words(figures, parts) | tokens(f"{noun(total.mention)} {_words_after(text, total)}", ())
    described = _descriptions(text, figures, parts, start, end)
    if described and all(_names_a_place(d) for d in described):
        return True  # "Krông Pa 1.204 hộ, Ia Pa 986 hộ, …": places, which cannot overlap
    firsts = set()
    for description in described:
        ordered = [t for t in _TOKEN.findall(description.lower())
                   if (t in heads or t in tokens(t)) and t not in counted]
        firsts.add(ordered[0] if ordered else "")
    not_heads = set(words()["sum"]["not_parallel_heads"])
    return len(firsts) == 1 and not firsts & ({""} | _dropped(("plain",)) | not_heads)


def _names_a_place(description: str) -> bool:
    """A part described by the name of a district or commune only, its level word before it or not; words
    after the gap its own figure left belong to the clause that goes on ("Tịnh Biên 110 hộ với tổng kinh
    phí …")."""
    description = re.split(r"\s{2,}", description.strip(" ,;"))[0]
    words_ = [w for w in re.findall(r"[^\W\d_]+", description)]
    skipped = {w.lower() for w in words()["sum"]["parallel_heads"]} | _dropped(("stopwords",))  # "và", "huyện"
    while words_ and words_[0].lower() in skipped:
        words_.pop(0)
    name = []
    for w in words_:
        if not w[0].isupper():
            break
        name.append(w)
    return bool(name) and " ".join(name) in admin.areas() and not [w for w in words_[len(name):] if w.lower() not in
                                                                   _dropped(("stopwords",)) | {"hộ", "người"}]


def _counted_words(figures: list[Figure], parts: list[int]) -> set[str]:
    """The words of what the parts count ("lao động", "người"): parts that open with them are not
    alike by them ("lao động nữ …; lao động là người DTTS …" divide workers two ways)."""
    units = {figures[p].mention.unit for p in parts}
    return tokens(_unit_nouns(units), ()) | {w for p in parts for w in tokens(noun(figures[p].mention), ())}


# --- rates -------------------------------------------------------------------------------------

def _rate_numerator(text: str, figures: list[Figure], rate: Figure) -> Figure | None:
    """The figure a percentage is the rate of: the one just before its cue, in the same clause."""
    if rate.mention.unit != "percent" or rate.index == 0:
        return None
    before = figures[rate.index - 1]
    if before.sentence != rate.sentence:
        return None
    lead = text[before.mention.end:rate.mention.start] + _qualifier_word(rate)
    if (whole := _broken_down_before(text, figures, before, lead)) is not None:
        return whole  # "giải ngân 812.905 triệu đồng (vốn đầu tư A, vốn sự nghiệp B), đạt 77,7% kế hoạch"
    if before.mention.unit == "percent":
        # "giải ngân 13,9 tỷ đồng, đạt 74,7% kế hoạch và bằng 131% …": a second rate joined to the first is
        # of the same figure
        chained = re.fullmatch(rf"[^,;.:()\d]*\s(?:{_phrases(words()['sum']['joiners'])})\s+(?:{_phrases(words()['rate']['cues'])})\s*",
                               lead, re.IGNORECASE)
        return _rate_numerator(text, figures, before) if chained else None
    # "… 1.126 hộ nghèo DTTS trên tổng số 26.730 hộ DTTS, tỷ lệ hộ nghèo DTTS là 4,51%": a rate named
    # as such, right after the clause that states its terms
    if not _patterns().cue.search(lead) and (named := _patterns().named_rate.search(lead)):
        # only after a clause that states both terms ("A trên tổng số B", "A/B"): a named rate after a
        # figure of its own ("tổng số hộ nghèo … là 471.571 hộ; Tỷ lệ hộ nghèo là 31,72%") is another indicator
        between = lead[:named.start()]
        terms = (_part_of_stated_whole(text, figures, before) is not None or before.mention.denominator is not None
                 or _slashed_before(text, figures, before) is not None)
        # (the figure's own noun phrase does not count: "… trên tổng số 53.208 hộ đồng bào dân tộc thiểu số, tỷ lệ 11,40%")
        own = _words_after(text, before)
        between = between[len(own):] if between.startswith(own) else between
        if _states_result(before.label) and not between.strip():
            return before  # "kế hoạch 1.284 hộ; thực hiện 1.102 hộ; tỷ lệ 85,8%": an item's plan, result and rate
        return before if terms and not re.search(r"[;.:()]", lead) and len(tokens(between, ())) <= words()["rate"]["max_gap_words"] + 2 else None
    if not _patterns().cue.search(lead):
        return None
    between = _patterns().cue.sub("", lead)
    # a figure in a bracket that closed before the cue belongs to the clause before
    if re.search(r"[;.:)]", between) or _patterns().list_word.search(between):
        return None
    # The figure's noun phrase may run on to a comma ("28/7 công trình nước sinh hoạt tập trung,
    # vượt 400%"); after it, only a few words may stand before the cue — unless the rate stands in a
    # bracket of its own, which comments on its clause ("130 hộ được công nhận thoát nghèo (đạt 86%
    # kế hoạch)").
    aside = re.search(r"\(\s*$", between)
    last = between.rsplit(",", 1)[-1]
    # "… giải ngân 8,91 tỷ đồng, tỷ lệ giải ngân đạt 92,6%": the rate's own name may stand before its cue
    named = re.match(rf"\s*(?:{_phrases(words()['rate']['named'])})\s", last, re.IGNORECASE)
    if not aside and not named and len(tokens(last, ())) > words()["rate"]["max_gap_words"]:
        return None
    return before


def _broken_down_before(text: str, figures: list[Figure], last: Figure, lead: str) -> Figure | None:
    """The figure a bracket right after it breaks down, when the bracket closes right before a rate's cue:
    the rate is of that figure, not of the bracket's last part."""
    cue = re.fullmatch(rf"\s*\)\s*,?\s*(?:{_phrases(words()['rate']['cues'])})\s*", lead, re.IGNORECASE)
    opening = text.rfind("(", 0, last.mention.start)
    if not cue or opening < 0 or ")" in text[opening:last.mention.start]:
        return None
    whole = next((f for f in reversed(figures[:last.index]) if f.mention.end <= opening), None)
    if (whole is None or whole.sentence != last.sentence or text[whole.mention.end:opening].strip()
            or not whole.is_amount or whole.mention.unit == "percent"):
        return None
    return whole


def _qualifier_word(rate: Figure) -> str:
    """'vượt' in "vượt 400%" is both the qualifier and the cue; "khoảng" in "đạt khoảng 18,5%" is
    only a qualifier, and the cue stands before it."""
    digit = re.search(r"\d", rate.mention.text)
    word = rate.mention.text[:digit.start()] if digit else ""
    return word if _patterns().cue.search(word) else ""


def _mark_numerators(text: str, figures: list[Figure]) -> None:
    for f in figures:
        terms = _rate_terms(text, figures, f)
        if terms is not None:
            terms[0].numerator_of = f.index
            if terms[0].mention.start > f.mention.start:
                # "Hộ cận nghèo chiếm 11,9% (tương đương với 715 hộ)": the part is what the share's words say
                terms[0].label = f"{f.label} {terms[0].label}"


def _rate_terms(text: str, figures: list[Figure], rate: Figure) -> tuple[Figure, Figure | None] | None:
    """A percentage's numerator and, where the words state it with the numerator, its denominator:
    "41/46 công trình, đạt 89,1%", "đạt 76% (430,2/570,4 tỷ đồng)", "412 hộ nghèo trên tổng số
    1.342 hộ, chiếm 30,7%" (a pair's one figure stands for both)."""
    if (part := _bracketed_share(text, figures, rate)) is not None:
        return part, None
    if (stated := _terms_in_bracket_after(text, figures, rate)) is not None:
        return stated  # "Tỷ lệ hộ nghèo DTTS còn 3,21% (87 hộ nghèo trên tổng số 2.788 hộ DTTS)"
    if (stated := _plan_in_bracket_before(text, figures, rate)) is not None:
        return stated  # "4.890 hộ thoát nghèo, vượt kế hoạch (kế hoạch 4.200 hộ), đạt 106,4%"
    numerator = _rate_numerator(text, figures, rate)
    pair = _pair_after(text, figures, rate)
    if (numerator is not None and _patterns().among.search(numerator.label)
            and _part_of_stated_whole(text, figures, numerator) is None):
        numerator = None  # "Trong số 2.315 hộ …, hộ nghèo chiếm 68,4% (1.592 hộ)": the whole, not the part
    if numerator is None:
        cued = rate.mention.unit == "percent" and _patterns().cue.search(rate.label + _qualifier_word(rate))
        if pair is not None and cued:
            return pair, pair
        implied = _implied_numerator(text, figures, rate) if cued else None
        if implied is None and cued:
            implied = _bracketed_part(text, figures, rate)
        return (implied, None) if implied is not None else None
    if numerator.mention.denominator is not None or pair is not None:
        pair = pair or numerator
        return pair, pair
    if (top := _slashed_before(text, figures, numerator)) is not None:
        return top, numerator  # "giải ngân 45,6 tỷ đồng/64,3 tỷ đồng, đạt 71,3%": a pair written in full
    part = _part_of_stated_whole(text, figures, numerator)
    return (part, numerator) if part is not None else (numerator, None)


def _bracketed_share(text: str, figures: list[Figure], rate: Figure) -> Figure | None:
    """ "nam 300 đại biểu (60%)": a percentage alone in a bracket right after a figure, with no cue,
    is that figure's share of a whole."""
    if rate.mention.unit != "percent" or rate.index == 0:
        return None
    before = figures[rate.index - 1]
    if (before.mention.unit == "percent" or before.sentence != rate.sentence or before.per_unit
            or not re.fullmatch(r"\s*\(\s*", text[before.mention.end:rate.mention.start])
            or not re.match(r"\s*\)", text[rate.mention.end:])):
        return None
    return before


def _bracketed_base(text: str, figures: list[Figure], spans: list[Sentence], rate: Figure,
                    part: Figure) -> _Base | None:
    """The whole a bracketed share is of: the total the part is listed under — clearly, unless that
    total is an outcome ("đã giải ngân 905 tỷ, trong đó vốn đầu tư 600 tỷ (80%)" may give each part's
    achievement of its own plan) — else the one figure of its unit that the sentence, or the one
    before in its paragraph, states before the list (then a miss is unclear); else none."""
    if part.parent is not None:
        total = figures[part.parent]
        return _Base(total, 1.0, not _states_result(total.label))
    siblings = {f.index for f in figures if _bracketed_share(text, figures, f) is not None}
    paragraph = spans[rate.sentence].paragraph
    wholes = [f for f in figures[:part.index]
              if f.sentence in (rate.sentence, rate.sentence - 1) and spans[f.sentence].paragraph == paragraph
              and same_unit(f, part) and f.per_unit == part.per_unit and f.index + 1 not in siblings
              and f.numerator_of is None]
    return _Base(wholes[0], 0.0, False) if len(wholes) == 1 else None


def _slashed_before(text: str, figures: list[Figure], f: Figure) -> Figure | None:
    """The figure of the same unit right before a "/" that stands before this one ("45,6 tỷ đồng/64,3 tỷ
    đồng", "540 hộ/kế hoạch 600 hộ")."""
    if f.index == 0:
        return None
    before = figures[f.index - 1]
    # ("540 hộ/kế hoạch 600 hộ": the plan may be named after the slash)
    plan = rf"(?:(?:{_phrases(words()['rate']['concepts'][0])})\s*)?"
    if before.sentence == f.sentence and same_unit(before, f) and re.fullmatch(rf"\s*/\s*{plan}", text[before.mention.end:f.mention.start],
                                                                           re.IGNORECASE):
        return before
    return None


def _implied_numerator(text: str, figures: list[Figure], rate: Figure) -> Figure | None:
    """The numerator of a rate whose clause states no figure before its cue: the figure its subject
    words name ("…, vốn đầu tư 402.115 triệu đồng. Vốn đầu tư đạt 88,7% kế hoạch …"), or, with no
    subject, the total whose parts its sentence has just listed ("… 2.150 tỷ đồng, trong đó A, B;
    đạt 91% kế hoạch"). Only amounts of its paragraph before it; one that fits, or none."""
    clause = max(text.rfind(mark, 0, rate.mention.start) for mark in ";.\n:") + 1
    # "Vốn sự nghiệp giải ngân đạt 18,4%, vốn đầu tư đạt 31,8%": a clause may open after the rate before it
    previous = figures[rate.index - 1] if rate.index else None
    if (previous is not None and previous.mention.unit == "percent" and previous.mention.end > clause
            and re.match(r"\s*,", text[previous.mention.end:])):
        clause = text.index(",", previous.mention.end) + 1
    lead = text[clause:rate.mention.start] + _qualifier_word(rate)
    cue = _patterns().cue.search(lead)
    if cue is None or re.search(r"\d", lead) or lead[cue.end():].strip():
        return None
    subject = tokens(lead[:cue.start()], ("stopwords", "plain", "results"))
    paragraph = [f for f in figures[:rate.index] if f.is_amount and f.mention.unit != "percent"
                 and f.sentence >= rate.sentence - 1 and f.numerator_of in (None, rate.index)]
    if subject:
        # its own noun phrase names it before the words that lead to it: in "687 công trình giao thông,
        # 214 công trình thủy lợi", "số công trình giao thông" is the first, though it stands before the second
        phrase = {f.index: tokens(f"{noun(f.mention)} {_words_after(text, f)}", ()) for f in paragraph}
        own = [f for f in paragraph if subject <= phrase[f.index]]
        if own:
            # "13.372 hộ nghèo, 5.453 hộ cận nghèo; số hộ nghèo chiếm …": the phrase that says no more than the subject
            fewest = min(len(phrase[f.index] - subject) for f in own)
            own = [f for f in own if len(phrase[f.index] - subject) == fewest]
        named = own or [f for f in paragraph if subject <= tokens(_described(text, f), ())]
        return named[-1] if named else None
    same = [f for f in paragraph if f.sentence == rate.sentence]
    wholes = [f for f in same if f.parent is None and same[-1].parent == f.index]
    return wholes[-1] if wholes else None


def _bracketed_part(text: str, figures: list[Figure], rate: Figure) -> Figure | None:
    """ "hộ cận nghèo chiếm 20,5% (474 hộ)": a count in a bracket right after a share is the part
    the share is of."""
    if rate.index + 1 >= len(figures):
        return None
    after = figures[rate.index + 1]
    between = text[rate.mention.end:after.mention.start]
    if (after.mention.unit in ("percent",) or after.mention.denominator is not None
            or not _patterns().equivalent.fullmatch(between) or not re.match(r"\s*\)", text[after.mention.end:])):
        return None
    return after


def _part_of_stated_whole(text: str, figures: list[Figure], whole: Figure) -> Figure | None:
    """ "412 hộ nghèo trên tổng số 1.342 hộ": the figure the words before a whole set against it."""
    if whole.index == 0:
        return None
    part = figures[whole.index - 1]
    if part.sentence != whole.sentence or not same_unit(part, whole):
        return None
    return part if _patterns().of_total.fullmatch(text, part.mention.end, whole.mention.start) else None


def find_rates(text: str, figures: list[Figure], spans: list[Sentence]) -> list[Relation]:
    out = []
    share_before = None  # (rate, its base, its base words, named) of the last share a bracket stated with its base
    shares = {}  # numerator index -> (its base words, its sentence) of every share with base words
    for rate in figures:
        terms = _rate_terms(text, figures, rate)
        if terms is None:
            continue
        numerator, stated = terms
        base_text = _base_text(text, rate)
        if stated is None and (of_whole := _whole_s_share(text, figures, shares, out, rate, numerator, base_text)) is not None:
            out.append(of_whole)
            shares[numerator.index] = (of_whole.base, rate.sentence)
            continue
        if base_text and _is_share(text, numerator, rate):
            shares[numerator.index] = (base_text, rate.sentence)
        bracketed = re.fullmatch(rf"\s*\(\s*(?:(?:{_phrases(words()['rate']['cues'])})\s*)?",
                                 text[numerator.mention.end:rate.mention.start], re.IGNORECASE) is not None
        if (not base_text and bracketed and share_before is not None and share_before[0].sentence == rate.sentence
                and same_unit(share_before[1], numerator)):
            # "Khánh Vĩnh nhận 118,4 tỷ đồng (chiếm 38% tổng vốn của tỉnh), Khánh Sơn nhận 96,7 tỷ đồng (31,8%)":
            # a bare share set out like the one before is of the same base
            out.append(_rate_relation(rate, numerator, share_before[1], share_before[2], share_before[3]))
            continue
        if numerator is _bracketed_share(text, figures, rate):
            whole = _bracketed_base(text, figures, spans, rate, numerator)
            out.append(_unclear_rate(rate, numerator, base_text, "rate_unnamed") if whole is None
                       else _rate_relation(rate, numerator, whole.figure, base_text, whole.named))
            continue
        if stated is not None:
            out.append(_rate_relation(rate, numerator, stated, base_text or stated.mention.text))
            continue
        if _patterns().elsewhere.search(base_text):
            # "bằng 131% so với cùng kỳ năm 2023 (11,2 tỷ đồng)": a base from elsewhere, stated in a bracket
            start, end = _aside_after(text, rate.mention.end)
            stated_here = [f for f in figures if start <= f.mention.start < end and same_unit(f, numerator)]
            out.append(_rate_relation(rate, numerator, stated_here[0], base_text) if len(stated_here) == 1
                       else _unclear_rate(rate, numerator, base_text, "rate_elsewhere"))
            continue
        if _counts_other_things(base_text, numerator):
            # "5.429 hộ, với 27.558 khẩu, chiếm 79,3% tổng số hộ nghèo": a share of households is no
            # share of the people before it
            out.append(_unclear_rate(rate, numerator, base_text, "rate_unnamed"))
            continue
        # "(tăng 137 hộ so với đầu năm, chiếm tỷ lệ 0,04%)": a change is a share of a whole its words must name
        chosen = None if _is_change(numerator) and not base_text else _denominator(text, figures, spans, rate, numerator,
                                                                                    base_text)
        if chosen is not None and chosen.named and not _placed_as_base_says(text, figures, chosen.figure, base_text):
            # "vốn đã giải ngân 18,6 tỷ đồng, đạt 91,2% kế hoạch của huyện": a place's own plan, which a
            # plan its words do not place there is not
            chosen = _Base(chosen.figure, chosen.score, False)
        if (chosen is not None and _is_share(text, numerator, rate)
                and interval(chosen.figure.stated)[1] < interval(numerator.stated)[0]):
            chosen = None  # "còn 6.636 hộ nghèo, chiếm 1,94% số hộ trong toàn tỉnh": a whole is never less than its part
        if chosen is not None and base_text and bracketed and _is_share(text, numerator, rate):
            share_before = (rate, chosen.figure, base_text, chosen.named)
        if chosen is None and not base_text and (among := _among_words(text, spans[rate.sentence], rate)):
            # "Trong số đại biểu chính thức, đại biểu nữ có 97 người, chiếm 38,8%": the whole its words name
            chosen = (_phrased_base(text, figures, rate, numerator, among)
                      or _worded_whole(text, figures, spans, rate, numerator, among))
            base_text = among if chosen is not None else base_text
        if (chosen is None or not chosen.named) and not base_text and (whole := _reached_of(text, figures, spans, rate, numerator)):
            chosen = whole  # "… có 38 công trình … Đến nay đã hoàn thành 27 công trình, đạt 72,1%"
        if chosen is None:
            out.append(_unclear_rate(rate, numerator, base_text, "rate_unnamed"))
        else:
            # "… vốn sự nghiệp 75.466 triệu đồng … Vốn sự nghiệp: 52.207 triệu đồng … 2.916 triệu đồng, chiếm 3,9% vốn
            # sự nghiệp": base words that name another figure as well, against which the rate holds, leave it unclear
            named = chosen.named and not _holds_against_another(text, figures, rate, numerator, chosen.figure, base_text)
            out.append(_rate_relation(rate, numerator, chosen.figure, base_text, named))
    return out


def _holds_against_another(text: str, figures: list[Figure], rate: Figure, numerator: Figure, chosen: Figure,
                           base_text: str) -> bool:
    """Whether the rate holds against another figure before it that its base words name as well."""
    said = tokens(base_text, ("stopwords", "plain")) - _concept_words()
    if not said or _holds(rate, numerator, chosen):
        return False
    return any(_holds(rate, numerator, f) for f in figures[:rate.index]
               if f.index not in (numerator.index, chosen.index) and same_unit(f, numerator)
               and f.per_unit == numerator.per_unit and f.mention.unit != "percent"
               and said <= tokens(_described(text, f)))


def _whole_s_share(text: str, figures: list[Figure], shares: dict, found: list[Relation], rate: Figure,
                   numerator: Figure, base_text: str) -> Relation | None:
    """A part's share of the base its whole's share was of: "hộ nghèo DTTS có 2.393 hộ, chiếm 27,22% hộ nghèo
    của tỉnh, trong đó Khmer có 2.339 hộ, chiếm 26,61% hộ nghèo của tỉnh; người Hoa có 53 hộ, chiếm 0,6%" —
    the same base words (or none, in the same sentence) are of the same base, never of the whole."""
    if numerator.parent is None or numerator.parent not in shares or not _is_share(text, numerator, rate):
        return None
    whole_base, sentence = shares[numerator.parent]
    if not (tokens(base_text) == tokens(whole_base) if base_text else sentence == rate.sentence):
        return None
    relation = next((r for r in reversed(found) if r.kind == "rate" and r.roles["numerator"] == numerator.parent), None)
    denominator = relation.roles["denominator"] if relation is not None and relation.status != "unclear" else None
    if denominator is None:
        return _unclear_rate(rate, numerator, base_text or whole_base, "rate_unnamed")
    return _rate_relation(rate, numerator, figures[denominator], base_text or whole_base)


def _reached_of(text: str, figures: list[Figure], spans: list[Sentence], rate: Figure, numerator: Figure) -> _Base | None:
    """The whole a count that reached a state is a share of, for a rate with no base words: the total it
    is listed under, else the one count of its unit just before it, in its sentence or the one before."""
    if numerator.mention.unit in measures() or not numerator.is_amount or rate.mention.value > 100:
        return None
    if not re.search(rf"(?<!\w)(?:{_phrases(words()['rate']['reached_states'])})(?!\w)",
                     text[max(numerator.mention.start - len(numerator.label), spans[numerator.sentence].start):rate.mention.start],
                     re.IGNORECASE):
        return None
    if numerator.parent is not None:
        whole = figures[numerator.parent]
    else:
        alike = [f for f in figures[:numerator.index] if same_unit(f, numerator) and f.is_amount
                 and spans[f.sentence].paragraph == spans[numerator.sentence].paragraph]
        # its own sentence's counts of its unit, else the sentence before's
        earlier = ([f for f in alike if f.sentence == numerator.sentence]
                   or [f for f in alike if f.sentence == numerator.sentence - 1])
        # only the one count of its unit right before it, and no pair: "… 521/574 nhà đã triển khai … Huyện
        # Mường Chà đã có 453/679 hộ triển khai làm nhà, số nhà đã hoàn thành 243 nhà (đạt 35,8%)" names another
        # place's; "được phân bổ 36 công trình, đã khởi công 33 công trình, hoàn thành 19 công trình, đạt 52,8%"
        # has two wholes to choose from
        if (len(earlier) != 1 or earlier[-1].index != numerator.index - 1 or earlier[-1].numerator_of is not None
                or earlier[-1].parent is not None or earlier[-1].mention.denominator is not None):
            return None
        whole = earlier[-1]
    if not same_unit(whole, numerator) or whole.mention.value < numerator.mention.value:
        return None
    return _Base(whole, 1.0, True)


def _base_text(text: str, rate: Figure) -> str:
    """The words after a percentage that name what it is a rate of ("kế hoạch", "tổng nguồn vốn")."""
    stop = re.compile(r"(?<!\d)[,.]|[,.](?!\d)|[;()\n:]")  # (not the dot or comma inside "22.870", "1,5")
    after = stop.search(text, rate.mention.end)
    words = text[rate.mention.end:after.start() if after else len(text)]
    # "chiếm gần 19% dân số cả tỉnh và hơn 70% dân số của khu vực miền núi": the next rate's words
    # are its own
    if joined := _patterns().next_rate.search(words):
        words = words[:joined.start()]
    return words.strip()


def _terms_in_bracket_after(text: str, figures: list[Figure], rate: Figure) -> tuple[Figure, Figure] | None:
    """A bracket right after a percentage that states both its terms: "(87 hộ nghèo trên tổng số 2.788 hộ)"."""
    if rate.mention.unit != "percent" or rate.index + 2 >= len(figures):
        return None
    part, whole = figures[rate.index + 1], figures[rate.index + 2]
    if (not re.fullmatch(r"\s*\(\s*", text[rate.mention.end:part.mention.start]) or not same_unit(part, whole)
            or not re.fullmatch(rf"[^\d()]*?(?:{_phrases(words()['rate']['of_total'])})\s*", text[part.mention.end:whole.mention.start],
                                re.IGNORECASE)
            or not re.match(r"[^\d()]*\)", text[whole.mention.end:])):
        return None
    return part, whole


def _plan_in_bracket_before(text: str, figures: list[Figure], rate: Figure) -> tuple[Figure, Figure] | None:
    """A plan stated in a bracket right after the figure a rate is of, the bracket closing just before
    the rate's cue: "4.890 hộ thoát nghèo, vượt kế hoạch (kế hoạch 4.200 hộ), đạt 106,4%"."""
    if rate.mention.unit != "percent" or rate.index < 2:
        return None
    done, plan = figures[rate.index - 2], figures[rate.index - 1]
    lead = text[plan.mention.end:rate.mention.start] + _qualifier_word(rate)
    plan_words = _phrases(words()["rate"]["concepts"][0])
    if (done.sentence != rate.sentence or plan.sentence != rate.sentence or not same_unit(done, plan)
            or done.mention.unit == "percent"
            or not re.fullmatch(rf"\s*\)\s*,?\s*(?:{_phrases(words()['rate']['cues'])})\s*", lead, re.IGNORECASE)
            or not re.fullmatch(rf"[^\d();.]*\(\s*(?:{plan_words})\s*:?\s*", text[done.mention.end:plan.mention.start],
                                re.IGNORECASE)):
        return None
    return done, plan


def _pair_after(text: str, figures: list[Figure], rate: Figure) -> Figure | None:
    """ "đạt 96,1% (473/492 hộ)", "đạt 87,4%, tương ứng 12.145/13.960 hộ": an achieved/target pair right
    after the percentage, or after a word that says it is the same."""
    if rate.index + 1 >= len(figures):
        return None
    after = figures[rate.index + 1]
    between = text[rate.mention.end:after.mention.start]
    same = rf"(?:,?\s*(?:{_phrases(words()['rate']['equivalent'])})\s*:?)?"
    if after.mention.denominator is not None and re.fullmatch(rf"[\s(]*{same}\s*", between, re.IGNORECASE):
        return after
    return None


@dataclass(frozen=True)
class _Base:
    """A candidate denominator and how well the words name it."""

    figure: Figure
    score: float
    named: bool  # stated right after the rate, or sharing the rate's subject and base words


def _denominator(text, figures, spans, rate: Figure, numerator: Figure, base_text: str) -> _Base | None:
    """The figure the base words name: scored on the words they share, nearest sentences first."""
    base = tokens(base_text)
    concepts = [c for c in _patterns().concepts if c.search(base_text)]
    named = base | {c.pattern for c in concepts}
    # "vốn", "nguồn" alone name no base apart from another: clear naming needs the telling words
    # nor does the unit every candidate shares ("hộ" of "số hộ đồng bào DTTS" names no household figure)
    telling = (tokens(base_text, ("stopwords", "plain")) - tokens(noun(numerator.mention), ())) | {c.pattern for c in concepts}
    specific = tokens(base_text, ("stopwords", "plain")) - _concept_words()
    share = _is_share(text, numerator, rate)
    # What the numerator is a figure of, in words that tell it from other figures: "vốn sự nghiệp"
    # says "sự nghiệp"; "vốn" alone says nothing a plan of all capital does not.
    subject = set() if share else tokens(numerator.label, ("stopwords", "results", "plain"))
    # "toàn tỉnh giải ngân …": all of the area is no kind of capital a plan could be named by
    subject -= tokens(" ".join(words()["rate"]["all_of"] + words()["rate"]["area_levels"]), ())
    whole_area = re.search(rf"(?<!\w)(?:{_phrases(words()['rate']['all_of'])})\s+(?:{_phrases(words()['rate']['area_levels'])})(?!\w)",
                           numerator.label, re.IGNORECASE) is not None
    if not base and not share:  # "đã giải ngân N, đạt Y%": an achievement with no base words
        implied = words()["rate"]["implied_base"]
        concepts = [c for c in _patterns().concepts if c.search(implied)]
        named = {c.pattern for c in concepts}
        if not subject and whole_area:
            # "toàn tỉnh giải ngân 171,6 tỷ đồng, đạt 72,3%": all of an area's capital, with no words of its
            # own — the plan it implies names the base as its words would
            telling = telling | named
    sentence = spans[rate.sentence]
    if not share and (own := _respective_of(text, figures, spans, numerator)) is not None:
        return own  # "… được giao 268,4 tỷ đồng, lần lượt là 151,9 tỷ đồng và 116,5 tỷ đồng. Hướng Hóa giải ngân …"
    if not share and (own := _item_plan(text, figures, spans, numerator, concepts)) is not None:
        return own  # "… phân bổ cho Dự án 1 là 4.260 triệu đồng, …" / "1. Dự án 1: … Giải ngân 3.920 triệu đồng, đạt 92%"
    if not share and (own := _place_plan(text, figures, spans, numerator, concepts)) is not None:
        return own  # "… phân bổ cho các huyện: - Huyện Tân Phú: 21,35 tỷ đồng; …" / "Huyện Tân Phú giải ngân 17,9 tỷ đồng, đạt 93,8%"

    # "X là A, đã giải ngân B, đạt Y%": with no base words, a result's rate is of the one amount its
    # sentence stated before it.
    alone = (not base_text and _states_result(numerator.label)
             and len([f for f in figures[:numerator.index] if f.sentence == rate.sentence
                      and same_unit(f, numerator) and f.numerator_of is None]) == 1)

    item = _item_of(text, figures, numerator)
    listed = "\n" in text[spans[rate.sentence].start:spans[rate.sentence].end]
    whole_words = tokens(" ".join(words()["rate"]["whole_words"]), ())
    own_plan = bool(subject) and any(subject <= tokens(_described(text, g)) for g in figures
                                     if g.index not in (numerator.index, rate.index) and same_unit(g, numerator))

    def weigh(f: Figure, same: bool, in_base: bool) -> _Base:
        # what a candidate is: the words before it, and those after its noun ("1.712 hộ đồng bào DTTS")
        words_before = base_text[:f.mention.start - rate.mention.end] if in_base else _described(text, f)
        label = tokens(words_before) | {c.pattern for c in concepts if c.search(joined(words_before))}
        # A part borrows its total's words only for a numerator that names what it is a part of;
        # "đã giải ngân N, đạt Y% tổng vốn" is of the total itself.
        # A share "of the total" ("chiếm 23,1% tổng vốn được giao") is of a whole, not of a part.
        of_whole = share and _patterns().whole_word.search(base_text)
        parent_words = figures[f.parent].label if f.parent is not None and (subject or share) and not of_whole else ""
        parent = tokens(parent_words) | {c.pattern for c in concepts if c.search(joined(parent_words))}
        whole = numerator.parent == f.index
        # "Toàn huyện có 14.962 hộ. … 3.806 hộ, chiếm 25,44% tổng số hộ": the whole of a unit is what the whole
        # area has of it
        area_total = bool(_patterns().whole_word.search(base_text)) and _counts_whole_area(f.label)
        # a sentence set out in bulleted lines lists items: a figure on the numerator's own line is its item's
        own_line = same and listed and "\n" not in text[min(f.mention.start, numerator.mention.start):rate.mention.start]
        score = (2 * len(subject & label) + len(named & label) + 0.5 * len(named & parent)
                 + 1.5 * whole + 0.5 * same + 4 * in_base + area_total + own_line)
        if share:
            clear = (bool(telling & label) or whole or (same and _whole_area(base_text, f, text))
                     or (same and bool(_patterns().among.search(f.label))) or area_total)
        elif subject:
            clear = bool(subject & label) and bool(named & (label | parent))
        else:  # "đã giải ngân N, đạt Y% kế hoạch": only the base words can name the plan
            clear = bool(telling & label) and not larger_plan(f)
        # "giải ngân vốn kéo dài 17.850 triệu đồng, đạt 86,2%": no base words, and the numerator's
        # subject names the one amount it is a part of the plan of
        clear = clear or (not base_text and bool(subject) and subject <= label and not in_base)
        # "trong 236 công trình được đầu tư, đã có 214 công trình hoàn thành, đạt 92,7%": the whole "trong"
        # names in the rate's sentence, when no base words name another — nor the numerator's own words
        # another amount: "Trong số 186,4 tỷ đồng đã giải ngân, vốn sự nghiệp 51,2 tỷ đồng, đạt 35,5%" is
        # of the plan "hơn 144 tỷ đồng vốn sự nghiệp"
        clear = clear or (not base_text and same and not own_plan and bool(_patterns().among.search(f.label)))
        # "- Chuyển đổi nghề: kế hoạch 1.420 hộ; thực hiện 968 hộ; tỷ lệ 71,2%": the plan its own line names
        clear = clear or (own_line and not base_text and any(c.search(joined(words_before)) for c in _patterns().concepts))
        # "bằng 12,1% vốn ngân sách trung ương": base words that say more than "kế hoạch" and all
        # describe the candidate name it
        clear = clear or (not in_base and bool(specific) and specific <= tokens(words_before, ()))
        if not in_base and item is not None and _item_of(text, figures, f) is None and f.parent is None:
            # "1. Dự án 1: … Giải ngân 3.920 triệu đồng, đạt 92% kế hoạch": the plan of all projects is no base
            clear = False
        if (base_text and not in_base and not concepts and _names_outcome(base_text)
                and not _states_result(_described(text, f))):
            # "chiếm 25,9% tổng số vốn đã giải ngân của toàn tỉnh": base words that name an outcome name no
            # plan ("Tổng vốn phân cấp cho cấp huyện là 391 tỷ đồng")
            clear, score = False, score - 2
        if base_text and not in_base and (telling - whole_words - label) & tokens(_described(text, numerator)):
            # "hộ nghèo DTTS 3.969 hộ (chiếm 14,51% tổng số hộ DTTS)": the base words name a group the
            # numerator is of ("DTTS"), which a candidate that does not say so ("20.074 hộ nghèo") is not
            clear = False
        if base_text and not in_base and _narrower_than_base(text, f, f"{base_text} {_described(text, numerator)}"):
            # "236 hộ nghèo Khmer" is no base of "… ước còn 171 hộ, tương đương 12,4% số hộ Khmer": it counts
            # poor households only, which neither the base words nor the numerator speak of
            clear, score = False, score - 2
        if of_area:
            # "chiếm 19% dân số cả tỉnh": only what the whole area has names it, not a region's people
            # nor a total the numerator is listed under, nor a group that shares a word ("số hộ nghèo")
            clear = same and _whole_area(base_text, f, text)
        return _Base(f, score, in_base or clear or (alone and same and f.index < numerator.index))

    def larger_plan(f: Figure):
        # words in the plan's own description say what it holds ("Kế hoạch vốn (bao gồm vốn năm 2023
        # kéo dài) là X"): only those elsewhere say the plan may be larger than X
        own = range(f.mention.start - len(f.label), f.mention.end)
        return any(m.start() not in own for m in
                   _patterns().larger_plan.finditer(text, spans[f.sentence].start, sentence.end))

    plan_only = not share and bool(subject) and not specific  # "đạt Z%", "đạt Z% kế hoạch"
    of_area = _names_whole_area(base_text)
    near, far, earlier = [], [], []
    for f in figures:
        # A figure that is itself a rate's numerator is a base only where the base words name it
        # ("1.712 hộ DTTS, chiếm 63,8%. … 214 hộ nghèo, chiếm 12,5% số hộ DTTS") or it is the
        # numerator's whole ("giải ngân X, đạt 81% …, trong đó … sự nghiệp Y … chiếm 24% số đã giải ngân").
        # A part's achievement ("trong đó vốn trung ương 1.213 tỷ, đạt 86,4%") is against its own
        # plan: its total is a base only for a share ("chiếm") or where the base words name it.
        if f.index == numerator.parent and not share and not (base & tokens(_described(text, f))):
            continue
        if (base and f.numerator_of is not None and f.index != numerator.parent
                and _is_share(text, f, figures[f.numerator_of])
                and tokens(_base_text(text, figures[f.numerator_of])) == base):
            # "3.794 hộ, chiếm 84,54% số hộ nghèo toàn tỉnh; … 694 hộ, chiếm 15,46% số hộ nghèo toàn tỉnh": a share of
            # the same base is another part of it, not the base
            continue
        if (f.index in (numerator.index, rate.index) or not same_unit(f, numerator)
                or _names_other_item(text, figures, numerator, f)
                or _in_other_place(text, spans, figures, numerator, f, base_text)
                or (not share and ((_place_item(f) and not _place_item(numerator))
                                   # "toàn huyện giải ngân …, đạt 77,3% kế hoạch": no one item's plan is the base
                                   or (whole_area and _item_of(text, figures, f) is not None)))
                or f.per_unit != numerator.per_unit
                or (f.numerator_of is not None and f.index != numerator.parent and not _stated_after_share(figures, f, rate)
                    and not _names_all(base_text, _described(text, f))
                    and (share or not _is_share(text, f, figures[f.numerator_of]) or not _named_right_before(f, subject)))
                or (f.parent is not None and f.parent == numerator.parent)):
            continue
        same = f.sentence == rate.sentence
        in_base = same and _stated_at(text, rate, f, base_text)
        if (same and f.index < numerator.index) or in_base:
            near.append(weigh(f, True, in_base))
        elif f.sentence == rate.sentence - 1 and spans[f.sentence].paragraph == sentence.paragraph:
            near.append(weigh(f, False, False))
        elif f.sentence < rate.sentence and spans[f.sentence].paragraph == sentence.paragraph:
            far.append(weigh(f, False, False))
        elif spans[f.sentence].paragraph == sentence.paragraph - 1:
            # news pages set each sentence apart: the paragraph before may state the plan the
            # base words name ("tổng kế hoạch vốn … là X." / "… đã giải ngân Y, đạt Z% kế hoạch")
            candidate = weigh(f, False, False)
            earlier.append(candidate if candidate.named else _Base(f, 0.0, False))
        elif (spans[f.sentence].paragraph < sentence.paragraph and plan_only and subject <= tokens(_described(text, f), ())
              and (candidate := weigh(f, False, False)).named):
            # a report states its plans in one section and its results in the next ("+ Dự án 1: X" …
            # "+ Dự án 1 giải ngân Y, đạt Z%"): a plan of what the numerator names, farther back,
            # competes with one named nearer, and two that fit alike leave it unclear
            earlier.append(candidate)
    # A base on the side of its numerator the rate says (under 100% larger, over 100% smaller) is taken before
    # one on the other: "toàn tỉnh giải ngân 81.503 triệu đồng, đạt 37,9% kế hoạch" is of the plan of 214.870,
    # not of one district's 71.204; with none on that side, or one the rate's own words state, all stay.
    if any(not _wrong_side(rate, numerator, b.figure) for b in near + far + earlier):
        near, far, earlier = ([b for b in pool if not _wrong_side(rate, numerator, b.figure)
                               or (b.figure.sentence == rate.sentence and _stated_at(text, rate, b.figure, base_text))]
                              for pool in (near, far, earlier))
    # A base the words clearly name — the base words, or the numerator's own ("vốn sự nghiệp 51,2 tỷ đồng,
    # đạt 35,5%" and "hơn 144 tỷ đồng vốn sự nghiệp") — is taken from farther off before a near one they do not.
    if (base or own_plan) and not any(b.named for b in near):
        clear_far = [b for b in far + earlier if b.named]
        chosen = _best(clear_far, 0.99)
        if chosen is not None:
            return chosen
    for pool, floor in ((near, 0.0), (far, 0.99), (earlier, 0.99)):
        chosen = _best(pool, floor)
        if chosen is not None:
            return chosen
    if concepts:
        whole = _whole_base(text, figures, spans, rate, numerator)
        if whole is not None:
            return whole
    if share and _patterns().whole_word.search(base_text) and (whole := _one_whole(text, figures, spans, rate, numerator,
                                                                                     base_text)):
        return whole  # "… nhận 118,4 tỷ đồng (chiếm 38% tổng vốn của tỉnh)": the one total the text divides
    if (phrased := _phrased_base(text, figures, rate, numerator, base_text)) is not None:
        return phrased
    # Nothing shares a word with the base: take the only figure it can be, never a guess.
    if not base:
        before = [b for b in near if b.figure.sentence == rate.sentence]
        return before[0] if len(before) == 1 else None
    return near[0] if len(near) == 1 else None


def _placed_as_base_says(text: str, figures: list[Figure], f: Figure, base_text: str) -> bool:
    """Whether a base the words place at a level of area is said to be of that level: "số hộ trong toàn
    huyện" is no figure stated of all the province ("Số hộ cận nghèo toàn tỉnh là 11.601 hộ, trong đó …");
    "kế hoạch của huyện" is a place's own plan, which only a figure placed there is — any figure is, where
    that level is the whole area the text speaks of ("Toàn huyện có …")."""
    said = f"{f.label} {_described(text, f)} {figures[f.parent].label if f.parent is not None else ''}"
    if (whole := _all_of_area().search(base_text)) and any(
            m["level"].lower() != whole["level"].lower() for m in _all_of_area().finditer(said)):
        return False
    m = re.search(rf"(?<!\w)của\s+(?P<level>{_phrases(words()['rate']['area_levels'])})\s*$", base_text, re.IGNORECASE)
    if m is None:
        return True
    level = m["level"].lower()
    return (any(w["level"].lower() == level for w in _all_of_area().finditer(text))
            or re.search(rf"(?<!\w){re.escape(level)}(?!\w)", said, re.IGNORECASE) is not None)


def _named_right_before(f: Figure, subject: set[str]) -> bool:
    """The numerator's subject words stand right before a figure ("vốn sự nghiệp 511,4 tỷ đồng" for
    "Vốn sự nghiệp: giải ngân 290,7 tỷ đồng"), not only somewhere in its clause."""
    return bool(subject) and subject <= tokens(" ".join(f.label.split()[-4:]), ())


def _is_share(text: str, part: Figure, rate: Figure) -> bool:
    """A rate that says what share of a whole its numerator is ("vốn sự nghiệp 511,4 tỷ đồng, chiếm
    41,0%"): the part stays an amount of its own, which an achievement may be measured against."""
    return any(re.match(_phrases([c]), _cue_of(text, part, rate), re.IGNORECASE) for c in words()["rate"]["share_cues"])


def _names_outcome(base_text: str) -> bool:
    """Base words that name what was done ("tổng số vốn đã giải ngân"), not what was planned or undertaken."""
    return bool(re.search(rf"(?<!\w)(?:{_phrases(words()['rate']['outcome_bases'])})(?!\w)", base_text, re.IGNORECASE))


def _narrower_than_base(text: str, f: Figure, said: str) -> bool:
    """A candidate whose own noun phrase names a kind (poor, women, …) that the rate's words do not
    name counts fewer things than its base: "236 hộ nghèo Khmer" against "số hộ Khmer"."""
    own = f"{noun(f.mention)} {_words_after(text, f)}"
    return any(c.narrows and _members_named(c, own) and not _members_named(c, said)
               for c in _patterns().categories)


def _item_plan(text: str, figures: list[Figure], spans: list[Sentence], numerator: Figure,
               concepts: list[re.Pattern]) -> _Base | None:
    """The plan of the numbered item an achievement is of, stated earlier anywhere in the text: the one
    figure of its unit named for the same item ("Dự án 3 là 3.180 triệu đồng") whose sentence before it
    says it is a plan ("Kế hoạch vốn năm 2024 của huyện là 31.540 triệu đồng, phân bổ cho Dự án 1 là …")."""
    item = _item_of(text, figures, numerator)
    if item is None or not concepts:
        return None
    found = []
    for f in figures[:numerator.index]:
        if (not same_unit(f, numerator) or f.per_unit != numerator.per_unit or _item_of(text, figures, f) != item
                or _states_result(_described(text, f))):
            continue
        said = text[spans[f.sentence].start:f.mention.start] + " " + _described(text, f)
        if any(c.search(joined(said)) for c in concepts):
            found.append(f)
    return _Base(found[0], 1.0, True) if len(found) == 1 else None


def _place_plan(text: str, figures: list[Figure], spans: list[Sentence], numerator: Figure,
                concepts: list[re.Pattern]) -> _Base | None:
    """The plan of the place an achievement's sentence names, in a list of places stated earlier: the one
    item of its unit for that place ("- Huyện Tân Phú: 21,35 tỷ đồng") whose list says it is a plan."""
    place = _place_of(text, spans, numerator)
    if place is None or not concepts:
        return None
    found = []
    for f in figures[:numerator.index]:
        if (not same_unit(f, numerator) or f.per_unit != numerator.per_unit or not _place_item(f)
                or _place_of(text, spans, f) != place or _states_result(_described(text, f))):
            continue
        said = text[spans[f.sentence].start:f.mention.start]
        if any(c.search(joined(said)) for c in concepts):
            found.append(f)
    return _Base(found[0], 1.0, True) if len(found) == 1 else None


def _place_item(f: Figure) -> bool:
    """Whether a figure is an item of a list of places: "- Huyện An Lão: 78.420 triệu đồng"."""
    levels = _phrases(words()["rate"]["place_levels"])
    line = f.label.rsplit("\n", 1)[-1]  # a list's first item carries its lead line in its label
    return bool(re.fullmatch(rf"[\s\-+•*–]*(?i:{levels})\s+[^\W\d_a-zđ][^:\n]{{0,40}}:\s*", line))


def _names_other_item(text: str, figures: list[Figure], a: Figure, b: Figure) -> bool:
    """ "Dự án 4 giải ngân …" is not measured against "390 triệu đồng cho Dự án 1": numbered items
    of one kind are different things."""
    first, second = _item_of(text, figures, a), _item_of(text, figures, b)
    return first is not None and second is not None and first[0] == second[0] and first[1] != second[1]


def _stated_at(text: str, rate: Figure, f: Figure, base_text: str) -> bool:
    """A figure the rate's own words state as its base: among the base words, or in a bracket right after them
    ("đạt 112% kế hoạch (kế hoạch năm 2022 là 400 người)")."""
    aside = _aside_after(text, rate.mention.end)
    return (rate.mention.end <= f.mention.start <= rate.mention.end + len(base_text) + 3
            or aside[0] <= f.mention.start < aside[1])


def _wrong_side(rate: Figure, numerator: Figure, base: Figure) -> bool:
    """A base on the other side of its numerator from what the rate says: under 100% the base is larger
    than the numerator, over 100% smaller."""
    low, high = interval(rate.stated)
    top, bottom = interval(numerator.stated), interval(base.stated)
    return (high < 100 and bottom[1] < top[0]) or (low > 100 and bottom[0] > top[1])


def _in_other_place(text: str, spans: list[Sentence], figures: list[Figure], a: Figure, b: Figure,
                    base_text: str = "") -> bool:
    """ "… huyện Điện Biên Đông với 521/574 nhà … Huyện Mường Chà … đã hoàn thành 243 nhà (đạt 35,8%)":
    figures whose sentences place them in two places of one level are of different places; and "Riêng huyện
    Đam Rông có 2.130 hộ nghèo … Trong đó, … 1.992 hộ, chiếm 23,99% hộ DTTS" is no share of a figure its
    sentences say is of all the province ("Hộ cận nghèo toàn tỉnh … Trong đó, … 8.211 hộ") — a figure
    placed by its own sentence or by that of the total it is listed under — unless the base words say the base
    is of all of that area ("chiếm 38,6% số hộ được hỗ trợ của toàn tỉnh")."""
    first, second = _placed(text, spans, figures, a), _placed(text, spans, figures, b)
    if first is not None and second is not None:
        return first[0] == second[0] and first[1] != second[1]
    whole = _of_all_of(text, spans, figures, b)
    return (first is not None and second is None and whole not in ("", first[0])
            and not re.search(rf"(?<!\w){re.escape(whole)}(?!\w)", base_text, re.IGNORECASE))


def _placed(text: str, spans: list[Sentence], figures: list[Figure], f: Figure) -> tuple[str, str] | None:
    """The place a figure's sentence names, else the place the sentence of the total it is listed under names."""
    own = _place_of(text, spans, f)
    return own if own is not None or f.parent is None else _place_of(text, spans, figures[f.parent])


def _of_all_of(text: str, spans: list[Sentence], figures: list[Figure], f: Figure) -> str:
    """The level of area a figure's sentence, or its total's, says it is all of ("toàn tỉnh", "trên địa bàn
    tỉnh"), else ""."""
    for g in (f, figures[f.parent] if f.parent is not None else None):
        if g is not None and (m := _all_of_area().search(text, spans[g.sentence].start, spans[g.sentence].end)):
            return m["level"].lower()
    return ""


@cache
def _all_of_area() -> re.Pattern:
    return re.compile(rf"(?<!\w)(?:{_phrases(words()['rate']['all_of'] + words()['rate']['area_of'])})\s+"
                      rf"(?P<level>{_phrases(words()['rate']['area_levels'])})(?!\w)", re.IGNORECASE)


@cache
def _named_place() -> re.Pattern:
    return re.compile(rf"(?<!\w)(?P<level>{_phrases(words()['rate']['place_levels'])})\s+"
                      rf"(?P<name>[^\W\d_][\w'’]*(?:\s+[^\W\d_][\w'’]*){{0,3}})", re.IGNORECASE)


def _place_of(text: str, spans: list[Sentence], f: Figure) -> tuple[str, str] | None:
    """The last place its sentence names before a figure, by level and proper name ("huyện Mường Chà")."""
    found = None
    for m in _named_place().finditer(text, spans[f.sentence].start, f.mention.start):
        name = list(itertools.takewhile(lambda word: word[0].isupper(), m["name"].split()))
        if name:
            found = (m["level"].lower(), " ".join(name))
    return found


def _item_of(text: str, figures: list[Figure], f: Figure) -> tuple[str, str] | None:
    """The numbered item a figure is of: named right after it in its clause, before the next figure
    ("845 triệu đồng cho Dự án 4 và 390 …"), else the last one before it ("+ Dự án 1: 21.150 triệu
    đồng")."""
    stop = re.compile(r"[,;.:()\n]").search(text, f.mention.end)
    end = min(stop.start() if stop else len(text),
              figures[f.index + 1].mention.start if f.index + 1 < len(figures) else len(text))
    after = text[f.mention.end:max(end, f.mention.end)]
    # (not past a joiner: in "Dự án 4 là 21.870 triệu đồng và Dự án 5 là …" the next item begins)
    joiner = _patterns().joiner.search(after)
    after = after[:joiner.start()] if joiner else after
    found = _numbered().search(after) or last_match(_numbered(), f.label) or _line_item(text, f)
    return (found["kind"].lower(), found["number"].upper()) if found else None


def _line_item(text: str, f: Figure) -> re.Match | None:
    """The numbered item a line opens with ("1. Dự án 1: hỗ trợ … . Giải ngân 3.920 triệu đồng"): what
    every figure of the line is of."""
    start = text.rfind("\n", 0, f.mention.start) + 1
    head = re.match(r"[ \t]*(?:[-+•*–]|\d+[.)]|[^\W\d_]\))?[ \t]*", text[start:f.mention.start])
    found = _numbered().match(text, start + head.end(), f.mention.start)
    return found if found and re.match(r"\s*:", text[found.end():]) else None


@cache
def _numbered() -> re.Pattern:
    return re.compile(rf"(?<!\w)(?P<kind>{_phrases(words()['label']['numbered'])})\s+(?P<number>\d+|[IVX]+)(?![\w/])",
                      re.IGNORECASE)


def _phrased_base(text: str, figures: list[Figure], rate: Figure, numerator: Figure, base_text: str) -> _Base | None:
    """ "chiếm 7,1% tổng nguồn vốn", paragraphs after "Tổng nguồn vốn giai đoạn 2021-2025 là 7.214,6 tỷ
    đồng": base words of two words or more, which one figure's own words hold as written, name it
    from anywhere before — when all such figures state one value."""
    phrase = _core_phrase(base_text)
    if len(phrase.split()) < 2:
        return None
    found = [f for f in figures[:rate.index] if f.index != numerator.index and same_unit(f, numerator)
             and f.per_unit == numerator.per_unit and phrase in " ".join(_described(text, f).lower().split())]
    return _Base(found[-1], 1.0, True) if len({f.stated.value for f in found}) == 1 else None


def _worded_whole(text: str, figures: list[Figure], spans: list[Sentence], rate: Figure, numerator: Figure,
                  among: str) -> _Base | None:
    """The whole "Trong số" names in other words than its figure's ("Dự án 1 đã hỗ trợ 1.126 hộ, gồm: … .
    Trong số hộ được hỗ trợ có 982 hộ …"): the one figure of the numerator's unit in the sentence
    before, or earlier in the same one, whose words hold every telling word of the phrase."""
    telling = tokens(among, ("stopwords", "plain"))
    if not telling:
        return None
    found = [f for f in figures[:numerator.index] if same_unit(f, numerator) and f.per_unit == numerator.per_unit
             and f.sentence in (rate.sentence - 1, rate.sentence) and f.parent is None
             and spans[f.sentence].paragraph == spans[rate.sentence].paragraph
             and telling <= tokens(_described(text, f), ())]
    return _Base(found[0], 1.0, True) if len(found) == 1 else None


def _among_words(text: str, sentence: Sentence, rate: Figure) -> str:
    """The words after "Trong số" that open a rate's sentence and name its whole with no figure, up to
    a comma or the first figure ("Trong số hộ được hỗ trợ có 982 hộ …, chiếm 85,2%")."""
    opening = re.match(rf"\s*(?:{_phrases(words()['rate']['among'])})\s+(?P<words>[^\d,;.:()\n]+?)(?:,|(?=\d))",
                       text[sentence.start:rate.mention.start], re.IGNORECASE)
    said = opening["words"].split() if opening else []
    while said and said[-1].lower() in _dropped(("stopwords",)):  # "… hỗ trợ có": the verb of the part
        said.pop()
    return " ".join(said)


def _core_phrase(words_: str) -> str:
    """Base words without the words at their ends that say nothing ("số hộ đồng bào … của huyện")."""
    stop = set(words()["label"]["stopwords"]) | set(words()["rate"]["area_levels"]) | set(words()["rate"]["all_of"])
    kept = re.sub(r"[^\w\s]", " ", words_.lower()).split()
    while kept and kept[0] in stop:
        kept.pop(0)
    while kept and kept[-1] in stop:
        kept.pop()
    return " ".join(kept)


def _counts_other_things(base_text: str, numerator: Figure) -> bool:
    """Base words that count things of another unit than the numerator's ("tổng số hộ nghèo" of people)."""
    counted = re.search(rf"(?<!\w)(?:{_phrases(words()['rate']['base_units'])})(?!\w)", base_text, re.IGNORECASE)
    return counted is not None and lookup_unit(counted.group()).unit != numerator.mention.unit


def _is_change(f: Figure) -> bool:
    """ "tăng 137 hộ", "giảm 1,89%": a difference between two levels, never a level's part."""
    return bool(_patterns().change.search(f.label))


def _stated_after_share(figures: list[Figure], f: Figure, rate: Figure) -> bool:
    """ "Hộ cận nghèo chiếm 11,9% (tương đương 715 hộ). Trong đó, …": the part stated after its share
    is named by the share's subject, a whole of its own for the next sentence's shares (within its
    own sentence it stays one of the parts)."""
    return (f.numerator_of is not None and figures[f.numerator_of].mention.end <= f.mention.start
            and f.sentence < rate.sentence)


def _respective_of(text: str, figures: list[Figure], spans: list[Sentence], numerator: Figure) -> _Base | None:
    """The figure an earlier sentence assigns, "lần lượt" (respectively), to the one name the numerator's
    words name: "Hướng Hóa và Đakrông được giao …, lần lượt là 151,9 tỷ đồng và 116,5 tỷ đồng"."""
    cue = re.compile(rf"(?<!\w)(?:{_phrases(words()['rate']['respectively'])})(?:\s+là)?\s*:?\s*$", re.IGNORECASE)
    found = []
    for f in figures[:numerator.index]:
        if not same_unit(f, numerator) or not cue.search(f.label):
            continue
        listed = [g for g in figures[f.index:numerator.index] if g.sentence == f.sentence and same_unit(g, f)]
        sentence = spans[f.sentence]
        names = _proper_names(text[sentence.start:f.mention.start - len(f.label)])
        names = names[-len(listed):] if len(names) >= len(listed) else []
        found += [(n, g) for n, g in zip(names, listed) if n in numerator.label]
    return _Base(found[0][1], 3.0, True) if len(found) == 1 else None


def _proper_names(words_: str) -> list[str]:
    """Runs of capitalised words ("Hướng Hóa", "Đakrông"), after the first word of the text."""
    names, run = [], []
    for i, m in enumerate(re.finditer(r"[^\W\d_]+|[^\w\s]", words_)):
        if m.group()[0].isupper() and i > 0:
            run.append(m.group())
            continue
        if run:
            names.append(" ".join(run))
        run = []
    return names + ([" ".join(run)] if run else [])


def _names_all(base_text: str, described: str) -> bool:
    """Every telling word of the base words describes the figure ("số hộ đồng bào dân tộc thiểu số"
    of "1.712 hộ đồng bào dân tộc thiểu số")."""
    telling = tokens(base_text, ("stopwords", "plain"))
    return bool(telling) and telling <= tokens(described, ())


def _described(text: str, f: Figure) -> str:
    """A figure's words: those before it, its noun, and those that go on describing it."""
    return f"{f.label} {noun(f.mention)} {_words_after(text, f)}"


@cache
def _concept_words() -> frozenset[str]:
    """The words of the base concepts ("kế hoạch", "giao", …): they name a kind of base, not which."""
    return frozenset(t for group in words()["rate"]["concepts"] for phrase in group for t in tokens(phrase, ()))


def _words_after(text: str, f: Figure) -> str:
    """The words that go on describing a figure after it: its noun phrase, to the next mark or the
    word that ends a noun phrase for the figure grammar ("hộ đồng bào DTTS"; not "và vốn sự nghiệp",
    which describes the next figure, nor "để thực hiện các chương trình", which says what for)."""
    window = text[f.mention.end:f.mention.end + 80]
    # a word inside a compound ends nothing: "công trình giao thông" is no plan "giao" (assigned)
    inside = [m.span() for m in _compounds().finditer(window)]
    found = next((m for m in _after_stop().finditer(window)
                  if not any(a <= m.start() < b for a, b in inside)), None)
    return window[:found.start() if found else len(window)]


@cache
def _after_stop() -> re.Pattern:
    s = words()["sum"]
    ends = resource("vocabulary.toml")["extract"]["phrase_end"] + s["joiners"] + s["of_which"] + s["whole"]
    return re.compile(rf"[,;.:()\n]|\d|(?<!\w)(?:{_phrases(ends)})(?!\w)", re.IGNORECASE)


def _names_plan(label: str) -> bool:
    """Words that name a plan ("kế hoạch", "giao", "dự toán", …)."""
    return any(c.search(joined(label)) for c in _patterns().concepts)


def _states_result(label: str) -> bool:
    """The words before a figure say it is an outcome ("đã giải ngân")."""
    return any(re.search(_phrases([w]), label, re.IGNORECASE) for w in words()["label"]["results"])


def _whole_base(text, figures, spans, rate: Figure, numerator: Figure) -> _Base | None:
    """The plan of a numerator that names none of the parts of the one total before it: that total
    (clearly named unless the paragraph speaks of capital the plan may also hold: carried over,
    mobilised, or cumulated over years)."""
    paragraph = spans[rate.sentence].paragraph
    # (never the numerator's own whole: "khởi công 1.412 căn, trong đó hoàn thành 987 căn, đạt 53,1% kế
    # hoạch" is of a plan, not of the works begun)
    totals = [f for f in figures[:numerator.index]
              if f.parent is None and spans[f.sentence].paragraph == paragraph and same_unit(f, numerator)
              and f.per_unit == numerator.per_unit and any(p.parent == f.index for p in figures)
              and f.index != numerator.parent]
    if len(totals) != 1:
        return None
    total = totals[0]
    if any(f.parent != total.index and same_unit(f, numerator) for f in figures[total.index + 1:numerator.index]):
        return None  # another amount stands between: the plan may be that one
    own = tokens(total.label)
    subject = tokens(numerator.label, ("stopwords", "results"))
    if any(subject & (tokens(p.label) - own) for p in figures if p.parent == total.index):
        return None
    larger = _patterns().larger_plan.search(text, spans[total.sentence].start, spans[rate.sentence].end)
    return _Base(total, 0.0, larger is None)


def _one_whole(text, figures, spans, rate: Figure, numerator: Figure, base_text: str) -> _Base | None:
    """The base of a share "of the total" whose words name no figure near it: the one total in its
    unit, with parts and no total above it, that the rate's paragraph or the two before state, and
    that all the base words describe ("tổng số hộ nghèo" is no total of households given water)."""
    paragraph = spans[rate.sentence].paragraph
    named = tokens(_patterns().whole_word.sub(" ", base_text), ("stopwords", "plain"))
    totals = [f for f in figures[:numerator.index]
              if f.parent is None and paragraph - 2 <= spans[f.sentence].paragraph <= paragraph
              and same_unit(f, numerator) and f.per_unit == numerator.per_unit
              and any(p.parent == f.index for p in figures) and f.index != numerator.parent
              and named <= tokens(_described(text, f), ())]
    return _Base(totals[0], 0.0, True) if len(totals) == 1 else None


def _names_whole_area(base_text: str) -> bool:
    """ "dân số cả tỉnh", "(so) số hộ toàn tỉnh": base words that name what all of an area has (not a
    group in it: "hộ cận nghèo toàn huyện", "số hộ nghèo toàn tỉnh")."""
    r = words()["rate"]
    return bool(re.search(rf"(?:{_phrases(r['area_whole'])})(?:\s+của)?\s+(?:{_phrases(r['all_of'])})\s+"
                          rf"(?:{_phrases(r['area_levels'])})(?!\w)", base_text, re.IGNORECASE))


def _counts_whole_area(label: str) -> bool:
    """ "Toàn huyện có", "Cả tỉnh hiện có": words before a figure that make it all an area has."""
    r = words()["rate"]
    return bool(re.search(rf"(?<!\w)(?:{_phrases(r['all_of'])})\s+(?:{_phrases(r['area_levels'])})\s+(?:hiện\s+)?(?:có|là)\s*$",
                          label, re.IGNORECASE))


def _whole_area(base_text: str, f: Figure, text: str) -> bool:
    """ "chiếm 8,5% dân số toàn tỉnh" of "tỉnh có 4.257.580 người": a share of a whole area is of
    what that area "has" or "is" — all of it, with no words after its noun ("168 người có uy tín"
    is a group, not the population)."""
    if re.match(r"\s*[^\s,;.:()]", text[f.mention.end:]):
        return False
    label = f.label
    for level in words()["rate"]["area_levels"]:
        if re.search(rf"(?<!\w)(?:{_phrases(words()['rate']['all_of'])})\s+{level}(?!\w)", base_text, re.IGNORECASE) and re.search(
                rf"(?<!\w){level}\s+(?:hiện\s+)?(?:có|là)\s*$", label, re.IGNORECASE):
            return True
    return False


def _aside_after(text: str, position: int) -> tuple[int, int]:
    """The bracket that opens right after the words that follow a position, if any: (start, end)."""
    # (not after another percentage: "đạt 74,7% kế hoạch và bằng 131% so với cùng kỳ năm 2023 (11,2 tỷ đồng)")
    # (past a comma of the base words and the year they name: "đạt 86,6% kế hoạch xóa nhà tạm, nhà dột nát năm
    # 2024 (kế hoạch 3.450 căn)", but past no other number)
    opened = re.compile(r"(?:[^;.()\n:%\d]|(?<!\d)(?:19|20)\d\d(?!\d))*\(").match(text, position)
    if opened is None:
        return (0, 0)
    return opened.end(), _closing(text, opened.end(), min(len(text), opened.end() + 200))


def _best(pool: list[_Base], floor: float) -> _Base | None:
    ranked = sorted(pool, key=lambda b: (-b.score, not b.named))  # of equals, the one the words name
    if not ranked or ranked[0].score <= floor:
        return None
    first, second = ranked[0], ranked[1] if len(ranked) > 1 else None
    if second and second.score == first.score and second.figure.stated.value != first.figure.stated.value:
        # a total and its own parts fit alike: the words name the whole ("… 27 công trình, gồm 16 …, 6 …
        # và 5 …. … bàn giao 19 công trình, bằng 70,4% số công trình thực hiện")
        # (only where the words name none of them clearly: then a miss stays unclear)
        tied = [b for b in ranked if b.score == first.score]
        wholes = [b for b in tied if all(o is b or o.figure.parent == b.figure.index for o in tied)]
        if wholes and not any(b.named for b in tied):
            return wholes[0]
        return None  # two bases fit the words equally well: the text does not say which
    return first


def _cue_of(text: str, numerator: Figure, rate: Figure) -> str:
    if numerator.mention.start > rate.mention.start:  # "chiếm 20,5% (474 hộ)": the part after the rate
        lead = rate.label + _qualifier_word(rate)
    else:
        lead = text[numerator.mention.end:rate.mention.start] + _qualifier_word(rate)
    found = _patterns().cue.search(lead)
    return found.group().strip() if found else ""


def _rate_relation(rate: Figure, numerator: Figure, denominator: Figure, base_text: str,
                   named: bool = True) -> Relation:
    """The verdict; a miss against a base the words do not clearly name is unclear, not an error."""
    top, bottom = _terms_stated(numerator, denominator)
    low, high = ratio_interval(top, bottom)
    miss = gap(interval(rate.stated), (low, high))
    computed = 100 * top.value / bottom.value if bottom.value else math.inf
    roles = {"stated": rate.index, "numerator": numerator.index, "denominator": denominator.index}
    status = "ok" if miss == 0 else "mismatch" if named else "unclear"
    relation = Relation("rate", status, roles, [], computed, (low, high), miss, base_text)
    template = "rate_weak" if status == "unclear" else f"rate_{status}"
    relation.message = _rate_message(relation, rate, top, bottom, numerator, template)
    return relation


def _terms_stated(numerator: Figure, denominator: Figure) -> tuple[Stated, Stated]:
    """A rate's numerator and denominator as the words state them."""
    top = numerator.stated
    bottom = denominator.stated
    if denominator is not numerator and denominator.mention.denominator is not None:
        # "284/318 hộ Khmer đã có nhà ở" as the base of "11 hộ, chiếm 3,46% số hộ Khmer": the pair's whole
        bottom = Stated(float(denominator.mention.denominator), denominator.stated.resolution, "exact",
                        unit=denominator.stated.unit)
    if denominator is numerator:  # an achieved/target pair: "41/46 công trình"
        bottom = Stated(float(numerator.mention.denominator), top.resolution, "exact", unit=top.unit)
        top = Stated(top.value, top.resolution, "exact" if top.qualifier == "range" else top.qualifier, top.text,
                     unit=top.unit)
    return top, bottom


def _holds(rate: Figure, numerator: Figure, denominator: Figure) -> bool:
    """Whether the rate holds against this denominator, at the figures' stated precision."""
    return gap(interval(rate.stated), ratio_interval(*_terms_stated(numerator, denominator))) == 0


def _unclear_rate(rate: Figure, numerator: Figure, base_text: str, template: str) -> Relation:
    roles = {"stated": rate.index, "numerator": numerator.index, "denominator": None}
    relation = Relation("rate", "unclear", roles, base=base_text)
    relation.message = {lang: _say(template, lang, stated=_as_stated(rate, lang),
                                   numerator=_as_stated(numerator, lang), against=_against(base_text, lang))
                        for lang in ("vi", "en")}
    return relation


# --- words for people --------------------------------------------------------------------------

def _say(key: str, lang: str, **fields) -> str:
    return words()["message"][key][lang].format(**fields)


def _against(base_text: str, lang: str) -> str:
    return _say("against", lang, base=base_text) if base_text else ""


def _as_stated(f: Figure, lang: str) -> str:
    try:
        return stated_in(f.mention.text, lang)
    except FigureError:
        return f.mention.text if lang == "vi" else quantity(f.stated.value, f.mention.unit, lang)


def quantity(value: float, unit: str, lang: str, decimals: int | None = None, noun: str = "") -> str:
    """A computed amount in a sentence; units the vocabulary cannot display are named as they are, and
    a count by the noun it counts, as written ("3.222 ngày công")."""
    if not math.isfinite(value):
        return "∞"
    if unit == "percent":
        return f"{format_number(round(value, 2), lang)}%"
    shown = _round(value)
    display = unit_word(unit, lang, shown) if unit in vocabulary().display else unit
    display = noun if unit == vocabulary().count_unit and noun else display
    return f"{format_number(shown, lang, decimals)} {display}".rstrip()


def _round(value: float) -> float:
    if not math.isfinite(value):
        return value
    return round(value, 4) if value != int(value) else int(value)


def _sum_message(relation: Relation, total: Figure, members: list[Figure], template: str,
                 because: tuple[str, str] | None = None) -> dict:
    unit = total.mention.unit
    out = {}
    for lang in ("vi", "en"):
        fields = dict(total=_as_stated(total, lang),
                      parts=" + ".join(_as_stated(m, lang) for m in members),
                      sum=quantity(relation.computed, unit, lang, noun=total.mention.noun),
                      miss=quantity(abs(relation.computed - total.stated.value), unit, lang, noun=total.mention.noun),
                      hint="")
        if relation.status == "mismatch":
            kinds = _say(because[0], lang, kinds=because[1]) if because else ""
            fields["hint"] = kinds + _slip_hint(total, members, lang)
        out[lang] = _say(template, lang, **fields)
    return out


def _slip_hint(total: Figure, members: list[Figure], lang: str) -> str:
    """A part that would fit at a thousand times (or a thousandth of) its value: a mistyped scale."""
    stated = interval(total.stated)
    for factor in words()["sum"]["scale_slips"]:
        for m in members:
            others = [o.stated for o in members if o is not m]
            scaled = Stated(m.stated.value * factor, m.stated.resolution * factor, m.stated.qualifier, m.stated.text,
                            unit=m.stated.unit)
            if gap(stated, sum_interval([*others, scaled])) == 0:
                return _say("hint", lang, part=_as_stated(m, lang), factor=format_number(factor, lang))
    return ""


def _rate_message(relation: Relation, rate: Figure, top: Stated, bottom: Stated, numerator: Figure,
                  template: str) -> dict:
    out = {}
    low, high = interval(rate.stated)
    unit = numerator.mention.unit
    for lang in ("vi", "en"):
        requirement = (f"{quantity(low, 'percent', lang)} – "
                       f"{quantity(high, 'percent', lang) if math.isfinite(high) else '∞'}")
        out[lang] = _say(template, lang, stated=_as_stated(rate, lang),
                         against=_against(relation.base, lang),
                         numerator=quantity(top.value, unit, lang),
                         denominator=quantity(bottom.value, unit, lang),
                         computed=quantity(relation.computed, "percent", lang),
                         requirement=requirement, miss=format_number(round(relation.miss, 2), lang))
    return out


# --- plain data out ----------------------------------------------------------------------------

def _bound(value: float) -> float | None:
    return value if math.isfinite(value) else None  # JSON has no infinity: null is "open"


def _number(value) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == int(value) else float(value)


def mention_dict(f: Figure) -> dict:
    """A figure in JSON: where it stands, its words and value, and the interval it allows."""
    m = f.mention
    low, high = interval(f.stated)
    return {"start": m.start, "end": m.end, "text": m.text, "value": _number(m.value), "unit": m.unit,
            "qualifier": m.qualifier, "denominator": _number(m.denominator), "upper": _number(m.upper),
            "resolution": f.stated.resolution, "interval": [_bound(low), _bound(high)]}


def relation_dict(r: Relation, figures: list[Figure]) -> dict:
    row: dict = {"kind": r.kind, "status": r.status}
    for role, index in r.roles.items():
        row[role] = mention_dict(figures[index]) if index is not None else None
    if r.kind == "sum":
        row["parts"] = [mention_dict(figures[p]) for p in r.parts]
    else:
        row["base"] = r.base
    row["computed"] = None if r.computed is None or not math.isfinite(r.computed) else round(r.computed, 6)
    row["interval"] = None if r.interval is None else [_bound(round(b, 6)) for b in r.interval]
    row["miss"] = round(r.miss, 6)
    row["message_vi"], row["message_en"] = r.message["vi"], r.message["en"]
    return row
