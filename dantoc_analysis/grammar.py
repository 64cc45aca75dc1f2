"""The one grammar of Vietnamese figures: read by `parse_figure`, `dantoc extract` and the checks alike.

A figure is a number, read whole, with what the words around it say about it: a qualifier before
it ("gần", "trên"), a second number after it (achieved/target "28/7", "31,20/<32%", a range "từ 5
đến 7"), scale words ("tỷ", mixed numerals "7 nghìn 570 tỷ 186 triệu") and then either a unit the
vocabulary knows ("đồng", "%", "hộ") or the noun phrase it counts ("43 dân tộc", unit `count`).
Dates, years, periods, durations, ages, document and programme numbers, ordinals and labels
("Dự án 4", "bộ 19 tiêu chí"), phone numbers, counters, section numbers, file names, URLs and
times are not figures. All words come from resources/vocabulary.toml; this module knows only how
they combine.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache

from . import tables
from .intervals import measures
from .numbers import FigureError, format_number, format_quantity, normalise, parse_number, unit_word, vocabulary
from .wording import alternatives, last_match, normal_form, resource

YEARS = range(1900, 2101)
CONTEXT_CHARS = 40  # how far back the words that qualify or disqualify a number are looked for
BRACKET_CHARS = 200  # how far back a bracket that splits a count may open
NOUN_WORDS = 10  # a safety stop: noun phrases of nine syllables are common ("cơ sở giáo dục vùng dân tộc thiểu số")

# Thousands may be grouped by dots or by spaces: no-break, narrow no-break and thin spaces are what
# word processors put there; ordinary spaces are what copying from a PDF leaves of them.
GROUP_SPACES = "\u00a0\u202f\u2009 "
# A dot before one or two digits cannot group thousands: a percentage typed the English way ("22.4%").
_DOT_DECIMAL = r"\d{1,3}\.\d{1,2}(?=[ \u00a0]?%)"
NUMERAL = (
    rf"{_DOT_DECIMAL}"
    r"|\d{1,3}(?:\.\d{3})+(?:,\d+)?"
    rf"|\d{{1,3}}(?:[{GROUP_SPACES}]\d{{3}}(?!\d))+(?:,\d+)?"
    r"|\d+(?:,\d+)?"
)
COMPARISONS = {"<": "<", "<=": "≤", "≤": "≤", ">": ">", ">=": "≥", "≥": "≥"}


@dataclass(frozen=True)
class Figure:
    """One figure as stated: value in its storage unit, and what the wording says about it.

    `start`/`end` place `text` in the text it was read from. `flags` name what a reader should look
    at: `unit_typo` (scale words that do not compound, "314 tỷ triệu đồng", read as the first),
    `unit_implied` (money that drops "đồng": "kinh phí hơn 500 triệu"; a bare number in a bracket
    that splits a count: "995 người (nam 924, …)"), `rate_change` (a change of a rate, stored as
    written in "%" and read in points: "tỷ lệ hộ nghèo giảm 3,41%"; see `reads_as`), `space_grouped`
    (thousands grouped by ordinary spaces, "1 188 600").
    """

    text: str
    value: Decimal
    unit: str
    qualifier: str  # exact, approx, over, under; "range" for "từ 5 đến 7%" (value = lower bound)
    resolution: Decimal  # one step of the last stated digit, in the storage unit
    denominator: Decimal | None = None  # "28/7 công trình": 7; the target of "82,5/≥80%"
    upper: Decimal | None = None  # "từ 5 đến 7%": 7
    noun: str = ""  # the unit noun or the counted noun phrase, as written ("hộ", "dân tộc")
    comparison: str | None = None  # "≥" of "82,5/≥80%": how the target bounds the result
    flags: tuple[str, ...] = ()
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class _Words:
    """The parts of a figure as written, for re-wording it in another language."""

    qualifier: str
    groups: tuple[tuple[str, str], ...]  # (numeral, scale words): "7 nghìn", "570 tỷ", "186 triệu"
    other: str  # the second number: "7" of "28/7", "7" of "từ 5 đến 7"
    noun: str
    per: str  # "/năm", "/người/năm"


# --- patterns, built once from the vocabulary ---------------------------------------------------

def _words(words) -> str:
    # Longest first, so "chưa đến" wins over "đến" and "trạm y tế" over shorter nouns.
    return alternatives(words)


@cache
def _grammar_words() -> dict[str, list[str]]:
    return resource("vocabulary.toml")["extract"]


@dataclass(frozen=True)
class _Patterns:
    number: re.Pattern
    second: re.Pattern
    mixed: re.Pattern
    groups: re.Pattern
    unit: re.Pattern
    per: re.Pattern
    noun_word: re.Pattern
    phrase_end: re.Pattern
    phrase_opener: re.Pattern
    phrase_noun: re.Pattern
    not_unit: re.Pattern
    not_count: re.Pattern
    qualifier: re.Pattern
    bracket_item_end: re.Pattern
    bracket_item_label: re.Pattern
    counted_before_bracket: re.Pattern
    comparative: re.Pattern
    comparison_base: re.Pattern
    range_start: re.Pattern
    identifier: re.Pattern
    not_identifier: re.Pattern
    amount_name: re.Pattern
    year: re.Pattern
    after_dash: re.Pattern
    acronym: re.Pattern
    money: re.Pattern
    clause_start: re.Pattern
    masked: re.Pattern
    counter_line: re.Pattern
    listed_next: re.Pattern
    rate_change: re.Pattern
    number_word_after: re.Pattern
    label_line_start: re.Pattern
    number_word_idiom: re.Pattern
    rate_noun: re.Pattern
    change_before_rate: re.Pattern
    rate_level_word: re.Pattern
    open_bound: re.Pattern
    rate_noun_after: re.Pattern
    year_number: re.Pattern
    level_before_change: re.Pattern
    worded_level: re.Pattern
    level_anywhere: re.Pattern
    change_rate_noun: re.Pattern
    of_plan: re.Pattern
    rate_clause_words: re.Pattern


@cache
def _patterns() -> _Patterns:
    voc, words = vocabulary(), _grammar_words()
    sp = r"[ \t\u00a0\u202f\u2009]"
    ws = rf"{sp}*(?:\n{sp}*)?"  # spaces, and at most one line break
    num = rf"(?:{NUMERAL})(?![\d]|[.,]\d)"
    scales = rf"(?:{_words(voc.scales)})(?:{sp}+(?:{_words(voc.scales)}))*(?!\w)"
    signs = _words(COMPARISONS)
    end_words = [*words["phrase_end"], *voc.qualifiers, *words["range_start"], *words["range_to"]]
    return _Patterns(
        # a number may follow "/" after a counted word: "21.276 hộ/96.346 khẩu" states two counts
        # (a colon right after a word may stand for a space: "Diện tích:9.068,8 km2"; not after a digit: "10:30")
        number=re.compile(rf"(?<![\w.,/:@#©%+\-])(?<!\w-){num}|(?<=[^\W\d_]/){num}|(?<=[^\W\d_]:){num}"
                          rf"|(?<!\w)(?i:{_words(words_for_numbers())})(?!\w)(?!{sp}+(?i:{_words(_joined_number_words())})(?!\w))"),
        second=re.compile(
            rf"{sp}*/{sp}*(?P<cmp>{signs})?{sp}*(?P<den>{num})(?![/\d])"  # 28/7, 31,20/<32 (not 14/10/2021)
            rf"|{sp}*[-–—]{sp}*(?P<dash>{num})"  # 4 - 5%
            rf"|{sp}+(?:{_words(words['range_to'])}){sp}+(?P<upto>{num})",  # (từ) 3 đến 4%
            re.IGNORECASE),
        mixed=re.compile(rf"{ws}{scales}(?:{ws}{num}{ws}{scales})*", re.IGNORECASE),  # 7 nghìn 570 tỷ 186 triệu
        groups=re.compile(rf"(?:(?P<n>{num}){ws})?(?P<s>{scales})", re.IGNORECASE),
        unit=re.compile(rf"{ws}(?P<unit>{_words(voc.units)})(?!\w)", re.IGNORECASE),
        per=re.compile(rf"(?:{sp}*/{sp}*(?:{_words(words['per'])})(?!\w))*", re.IGNORECASE),  # %/năm, đồng/người/năm
        noun_word=re.compile(rf"{sp}+(?P<w>[^\W\d_]+)(?![\w-])"),  # not a code ("QH14", "m2")
        phrase_end=re.compile(rf"(?:{_words(end_words)})(?!\w)", re.IGNORECASE),
        phrase_opener=re.compile(rf"(?:{_words(words['phrase_openers'])})(?!\w)", re.IGNORECASE),
        phrase_noun=re.compile(rf"(?:{_words(words['phrase_nouns'])})(?!\w)", re.IGNORECASE),
        not_unit=re.compile(rf"(?:{_words(words['not_units'])})(?!\w)", re.IGNORECASE),
        not_count=re.compile(rf"(?!(?:{_words(words['work_times'])})(?!\w))(?:{_words(words['not_counts'])})(?!\w)",
                             re.IGNORECASE),
        qualifier=re.compile(rf"(?:^|[^\w])(?P<q>{_words(voc.qualifiers)}){sp}+$", re.IGNORECASE),
        bracket_item_end=re.compile(rf"{sp}*[,;)]"),
        bracket_item_label=re.compile(rf"[^\W\d_]{sp}+$"),
        # "995 người (", "420 người có uy tín (": a count whose noun phrase the bracket follows
        counted_before_bracket=re.compile(rf"\d{sp}*(?P<unit>{_words(voc.units)})(?:{sp}+[^\W\d_]+){{0,4}}{sp}*$",
                                          re.IGNORECASE),
        comparative=re.compile(rf"(?:^|[^\w])(?:(?P<lower>{_words(words['comparatives_lower'])})"
                               rf"|{_words(words['comparatives_higher'])}){sp}+$", re.IGNORECASE),
        comparison_base=re.compile(rf"[^.;:\n]*?(?<!\w)(?:{_words(words['comparison_base'])})(?!\w)",
                                   re.IGNORECASE),
        range_start=re.compile(rf"(?:^|[^\w])(?P<w>{_words(words['range_start'])}){sp}+$", re.IGNORECASE),
        rate_change=re.compile(rf"(?:^|[^\w])(?P<change>{_words(words['rate_changes'])})"
                               rf"(?:{sp}+(?:{_words(words['rate_change_adverbs'])}))*"
                               rf"(?:{sp}+(?P<from>{_words(words['range_start'])}))?"
                               rf"(?:{sp}+(?:{_words(voc.qualifiers)}))?{sp}+$", re.IGNORECASE),
        label_line_start=re.compile(rf"(?:^|\n){sp}*(?:[-+•*]{sp}*)?[^\W\d_][^:\n|]{{0,60}}:{sp}*$"),
        number_word_after=re.compile(rf"(?<!\w)(?:{_words(words['number_word_not_after'])}){sp}+$", re.IGNORECASE),
        number_word_idiom=re.compile(rf"(?:{_words(words['number_word_not_before'])})(?!\w)", re.IGNORECASE),
        open_bound=re.compile(rf"{sp}+(?:{_words(words['open_bound_after'])})(?!\w)", re.IGNORECASE),
        change_before_rate=re.compile(rf"(?<!\w)(?:{_words(words['rate_changes'])}){sp}+(?:{_words(words['rate_nouns'])})(?!\w)"
                                      rf"[^\d,;.:()\n]{{0,60}}?(?:{sp}+(?:{_words(words['rate_change_adverbs'])}))*"
                                      rf"(?:{sp}+(?:{_words(voc.qualifiers)}))?{sp}+$", re.IGNORECASE),
        rate_level_word=re.compile(rf"(?<!\w)(?:{_words(words['rate_level_words'])})(?!\w)", re.IGNORECASE),
        rate_noun=re.compile(rf"(?<!\w)(?:{_words(words['rate_nouns'])})(?!\w)", re.IGNORECASE),
        rate_noun_after=re.compile(rf"{sp}+(?:{_words(words['rate_nouns'])})(?!\w)", re.IGNORECASE),
        year_number=re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)"),
        level_before_change=re.compile(rf"(?:{NUMERAL}){sp}*%{sp}*,?{sp}*$"),
        of_plan=re.compile(rf"[^,;.\n]*?(?<!\w)(?:{_words(words['plan_words'])})(?!\w)", re.IGNORECASE),
        change_rate_noun=re.compile(rf"(?<!\w)(?:{_words(words['change_rate_nouns'])})(?!\w)", re.IGNORECASE),
        level_anywhere=re.compile(rf"(?<!\w)(?:{_words(words['rate_level_words'])}){sp}+(?:(?:{_words(voc.qualifiers)}){sp}+)?"
                                  rf"(?:{NUMERAL}){sp}*%", re.IGNORECASE),
        rate_clause_words=re.compile(rf"(?<!\w)(?:{_words(words['rate_clause_words'] + words['rate_level_words'] + words['rate_changes'] + words['rate_change_adverbs'])})(?!\w)"
                                     rf"|(?:{NUMERAL}){sp}*%|(?<!\d)(?:19|20)\d\d(?!\d)", re.IGNORECASE),
        # "giảm từ 21,35% năm 2021 xuống còn 11,08% …": levels the rate's own words set out, right before the
        # change, each perhaps with its year, then only words of how it changed
        worded_level=re.compile(rf"(?:(?<!\w)(?:{_words(words['rate_level_words'])}){sp}+(?:(?:{_words(voc.qualifiers)}){sp}+)?"
                                rf"(?:{NUMERAL}){sp}*%(?:{sp}+(?:[^\W\d_]+|(?:19|20)\d\d))*?{sp}*)+,?"
                                rf"(?:{sp}*(?:{_words(words['rate_change_adverbs'])}))*{sp}*$", re.IGNORECASE),
        identifier=re.compile(rf"(?:^|[^\w])(?:{_words(words['identifier_before'])})(?:{sp}+số)?{sp}*[:.]?{sp}*$",
                              re.IGNORECASE),
        amount_name=re.compile(rf"(?:^|[^\w])(?:{_words(words['amount_names'])}){sp}*[:]?{sp}*$", re.IGNORECASE),
        not_identifier=re.compile(rf"(?:^|[^\w])(?:{_words(words['not_identifiers'])}){sp}*[:]?{sp}*$",
                                  re.IGNORECASE),
        year=re.compile(rf"(?:^|[^\w])(?:{_words(words['year_before'])}){sp}*[:]?{sp}*$", re.IGNORECASE),
        after_dash=re.compile(rf"\d{sp}*[-–—]{sp}*$"),
        acronym=re.compile(rf"(?<!\w)(?P<w>[^\W\d_]{{2,}}){sp}+$"),
        money=re.compile(rf"(?<!\w)(?:{_words(words['money_words'])})(?!\w)", re.IGNORECASE),
        clause_start=re.compile(r"[.;!?\n]\s|[;\n(]"),
        masked=re.compile(r"(?:https?://|www\.)\S+|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
                          re.IGNORECASE),
        counter_line=re.compile(rf"(?:{NUMERAL}){sp}+(?:{_words(words['counters'])}){sp}*[:|]?{sp}*(?:\n|$)",
                                re.IGNORECASE),
        # "412, 356 và 298 hộ": the next number of a list (a comma then a space: "412,356" is a decimal)
        listed_next=re.compile(rf"(?:{sp}*,{sp}+(?:(?:{_words(words['list_joiners'])}){sp}+)?"
                               rf"|{sp}+(?:{_words(words['list_joiners'])}){sp}+)(?={num})",
                               re.IGNORECASE),
    )


# --- reading ------------------------------------------------------------------------------------

def figures(text: str) -> Iterator[Figure]:
    """Every figure in `text` (NFC), in order; offsets are against `text`: those its sentences state,
    and the numbers of its tables, in the unit their column states."""
    cells = _table_figures(text)
    # a table's cell is read in its column's unit, not with words of the next row ("486\nSóc Mới | …")
    taken = {f.start for f in cells}
    yield from sorted([*(f for f in _stated(text) if f.start not in taken), *cells], key=lambda f: f.start)


def _table_figures(text: str) -> list[Figure]:
    """ "1 | Bác Ái | 96.520 | 41.870 | 43,4" under "(đơn vị: triệu đồng)" and "… | Tỷ lệ (%)": each number
    alone in a cell of a column — or a row, in a table with a unit column ("ĐVT") — whose unit the
    table states; and the bare number of each label line under a unit ("Huyện Sa Thầy: 64.905")."""
    cells = [(cell, table.unit(r, c)) for table in tables.tables(text) for r, row in enumerate(table.rows)
             for c, cell in enumerate(row) if tables.is_number(cell)]
    out = []
    for cell, unit in [*cells, *tables.label_lines(text)]:
        if unit and (read := _cell_reading(cell.text, unit)) is not None:
            read, words = read
            out.append(Figure(cell.text, read.value, read.unit, "exact", read.resolution, noun=words,
                              flags=("table_cell",), start=cell.start, end=cell.end))
    return out


def _cell_reading(number: str, unit: str) -> tuple[Figure, str] | None:
    """A cell's number read in its column's unit: the whole unit ("triệu đồng"), else its first words
    when they are a unit the vocabulary knows ("Số hộ Khmer" counts "hộ")."""
    words = unit.split()
    for size in range(len(words), 0, -1):
        said = " ".join(words[:size])
        try:
            read = parse_figure(f"{number} {said}")
        except FigureError:
            continue
        if read.end == len(number) + 1 + len(said) and (size == len(words) or read.unit != vocabulary().count_unit):
            return read, said
    return None


def _stated(text: str) -> Iterator[Figure]:
    pat = _patterns()
    masked = [(m.start(), m.end()) for m in pat.masked.finditer(text)]
    mask_starts = [s for s, _ in masked]
    taken_until = 0
    for m in pat.number.finditer(text):
        if m.start() < taken_until or _inside(m.start(), masked, mask_starts):
            continue
        reading = _read(text, m, pat)
        if reading is not None:
            taken_until = reading[0].end
            yield reading[0]
        elif compound := pat.mixed.match(text, m.end()):
            taken_until = compound.end()  # a number is read whole or not at all: not "430 triệu" of "176 tỷ 430 triệu"


def parse_figure(text: str) -> Figure:
    """The figure `text` states, read as `figures` reads it: "gần 548 tỷ đồng" -> 548000 million_vnd, approx.

    The figure must start the text; words after it are allowed ("vượt 400% kế hoạch").
    """
    return _whole(text)[0]


@lru_cache(maxsize=1 << 17)
def _whole(text: str) -> tuple[Figure, _Words]:
    # Cached: the checks re-word every fact's mention, in two languages, for each finding it is in.
    text = normal_form(text).strip()
    pat = _patterns()
    first = pat.number.search(text)
    reading = _read(text, first, pat, whole=True) if first else None
    if reading is None or reading[0].start != 0:
        raise FigureError(f"no figure at the start of {text!r}")
    return reading


def _bracket_count(text: str, start: int, end: int, pat: _Patterns) -> str | None:
    """The unit of the count a bracket splits, for a bare number in it after a word and before a
    mark: "995 người (trong đó nam 924, nữ 13, …)" — the parts drop the noun the total states."""
    if not pat.bracket_item_end.match(text, end) or not pat.bracket_item_label.search(text, max(0, start - 20), start):
        return None
    opening = text.rfind("(", max(0, start - BRACKET_CHARS), start)
    if opening < 0 or ")" in text[opening:start]:
        return None
    count = pat.counted_before_bracket.search(text, max(0, opening - 40), opening)
    if count is None:
        return None
    unit = lookup_unit(count["unit"]).unit
    return unit if unit not in measures() else None  # amounts keep their scale words: "(trung ương 800 tỷ, …)"


def _listed_unit(text: str, numeral: str, pos: int, pat: _Patterns) -> str | None:
    """The unit of the last number of a list that bare numbers open: "lần lượt 412, 356 và 298 hộ",
    "12, 9 và 7 km" — each counts what the last one does. Not a share ("45, 38 và 30%" may be scores),
    nor an amount with scale words, nor a list of years ("năm 2021, 2022 và 2023")."""
    end, last = pos, None
    while (joint := pat.listed_next.match(text, end)) and (following := pat.number.match(text, joint.end())):
        if _year_like(numeral) or _year_like(following.group()):
            return None
        last, end = following, following.end()
        if joint.group().strip(" ,\t\u00a0\u202f\u2009"):
            break  # a joiner word closes the list ("… và 298 hộ")
    if last is None or pat.second.match(text, end) or pat.mixed.match(text, end):
        return None
    unit = pat.unit.match(text, end)
    if not unit or pat.not_unit.match(text, unit.start("unit")):
        return None
    spec = lookup_unit(unit["unit"])
    return spec.unit if spec.factor == 1 and spec.unit != "percent" else None


def _inside(pos: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    i = bisect_right(starts, pos) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _read(text: str, number: re.Match, pat: _Patterns, whole: bool = False) -> tuple[Figure, _Words] | None:
    """The figure that `number` starts, or None. `whole`: the text is one figure (parse_figure), so
    a scale amount with no unit is money by the same convention a money clause gives it."""
    start, numeral = number.start(), number.group()
    before = text[max(0, start - CONTEXT_CHARS):start]
    range_word = pat.range_start.search(before)
    second = pat.second.match(text, number.end())
    if second and second["upto"] and not range_word:
        second = None  # "3 đến 4%" without "từ": the "4%" is read on its own
    if second and second["den"] and _year_like(second["den"]):
        return None  # "12/2023": a month
    pos = second.end() if second else number.end()
    mixed = pat.mixed.match(text, pos)
    pos = mixed.end() if mixed else pos
    noun, unit, end, factor, per = _unit_or_noun(text, pos, pat)
    implied = noun is None and mixed is not None and (whole or _names_money(text, start, pat))
    if implied:
        spec, suffix = lookup_unit(_grammar_words()["implied_unit"]), pat.per.match(text, pos)
        noun, unit, factor, end, per = "", spec.unit, spec.factor, suffix.end(), suffix.group()
    elif noun is None and mixed is None and not second and (counted := _bracket_count(text, start, pos, pat)
                                                              or _listed_unit(text, numeral, pos, pat)):
        noun, unit, factor, end, per, implied = "", counted, Decimal(1), pos, "", True
    if numeral.lower() in words_for_numbers() and (
            not (mixed or (noun and noun[:1].islower() and _counts_in_words(before, noun, pat)))
            or re.search(rf"(?<!\w)(?i:{_words(_joined_number_words())})\s+$", before)):
        # a number word counts a noun written as a common noun ("hai Chương trình mục tiêu quốc gia"
        # names the programmes); "mười hai" is not read
        return None
    if noun is not None and "\n" in text[pos:end] and pat.label_line_start.search(text, 0, start):
        return None  # "Xã Tam Chung: 112\nXã Pù Nhi: 87": a label line's number takes no word of the next line
    # The words after a number are looked at first: most numbers that are not figures have none.
    if noun is None or _year_before_place(numeral, unit) or not _may_be_figure(text, number, before, pat, unit,
                                                                              scaled=mixed is not None):
        return None
    if unit == vocabulary().count_unit and (a := pat.acronym.search(before)) and a["w"].isupper():
        return None  # "OCOP 3 sao", "ISO 9001 ...": a grade of the standard an acronym names
    if unit == vocabulary().count_unit and not mixed and numeral in _grammar_words()["programme_numbers"]:
        return None  # "Vốn 1719 góp phần …": the programme's name
    groups, flags = _groups(numeral, mixed.group() if mixed else "", pat)
    flags += ["unit_implied"] if implied else []
    qualifier, denominator, upper, comparison = _second_reading(second, groups[0][1] * factor)
    begin = start - len(before) + range_word.start("w") if qualifier == "range" and range_word else start
    q = pat.qualifier.search(before) if qualifier == "exact" else None
    if q:
        qualifier = vocabulary().qualifiers[q["q"].lower()]
        begin = start - len(before) + q.start("q")
        if comparative := pat.comparative.search(before, 0, q.start("q")):
            qualifier = _compared(text, end, comparative, pat)
            begin = start if qualifier == "exact" else begin
    if unit == _grammar_words()["rate_change_unit"]["written"] and _states_rate_change(text, start, end,
                                                                                      qualifier == "range", pat):
        flags = [*flags, "rate_change"]
    figure = Figure(
        text=text[begin:end], value=normalise(_combine(groups) * factor), unit=unit, qualifier=qualifier,
        resolution=normalise(_resolution(groups) * factor), denominator=denominator, upper=upper,
        noun=noun, comparison=comparison, flags=tuple(flags), start=begin, end=end)
    other = second and (second["den"] or second["dash"] or second["upto"]) or ""
    return figure, _Words(q["q"] if q else "", tuple(_group_words(numeral, mixed, pat)), other, noun, per)


def _states_rate_change(text: str, start: int, end: int, ranged: bool, pat: _Patterns) -> bool:
    """Whether the percentage at `start` is a change of a rate, in points: a change word before the rate
    it changes, with no level reached between ("giảm tỷ lệ hộ nghèo bình quân 3%/năm"), or right before
    the percentage, with the rate named after it or before the change word in its sentence, no figure
    between but the rate's level right before the change ("Tỷ lệ hộ nghèo còn 15,57%, giảm 3,41% …")."""
    before = text[max(0, start - CONTEXT_CHARS):start]
    if ((named := last_match(pat.change_rate_noun, text, max(0, start - BRACKET_CHARS), start)) is not None
            and not re.search(r"(?<!\d)[;.\n]|\d\s*%", text[named.end():start])
            and not pat.of_plan.match(text, end) and not pat.of_plan.match(text[named.end():start])):
        # "tỷ lệ giảm nghèo vùng đồng bào của 17 tỉnh bình quân đạt 3,81%" (not "… từ 105,7% đến 122% kế hoạch", nor
        # "tỷ lệ giảm nghèo vượt kế hoạch cao nhất là huyện Ninh Sơn đạt 167%")
        return True
    if ((changed := pat.change_before_rate.search(text, max(0, start - 3 * CONTEXT_CHARS), start))
            and not pat.rate_level_word.search(pat.range_start.sub("", changed.group())
                                               if ranged or pat.open_bound.match(text, end) else changed.group())):
        return True  # "giảm tỷ lệ hộ nghèo bình quân 3%/năm"
    change = pat.rate_change.search(before)
    if not change or (change["from"] and not ranged and not pat.open_bound.match(text, end)):
        return False
    if pat.rate_noun_after.match(text, end):
        return True
    at = start - len(before) + change.start("change")
    window = max(0, at - BRACKET_CHARS)
    sentence = max((m.end() for m in pat.clause_start.finditer(text, window, at)), default=window)
    rate = last_match(pat.rate_noun, text, sentence, at)
    if rate is None:
        return _continues_rate(text, sentence, at, window, pat)
    between = pat.worded_level.sub("", pat.level_before_change.sub("", text[rate.end():at], count=1), count=1)
    return not re.search(r"\d", pat.year_number.sub("", between))


def _continues_rate(text: str, clause: int, at: int, window: int, pat: _Patterns) -> bool:
    """A clause after a semicolon that goes on about the rate the clause before names, with only its levels,
    its times and the words of a target or an estimate ("Tỷ lệ hộ nghèo … là 54,27%; ước đến cuối năm còn
    47,6%, giảm 6,67%"; "… còn 4,37%; phấn đấu đến cuối năm giảm thêm 1,1%")."""
    mark = len(text[:clause].rstrip()) - 1
    if mark < 0 or text[mark] != ";":
        return False
    previous = max((m.end() for m in pat.clause_start.finditer(text, window, mark)), default=window)
    rate = last_match(pat.rate_noun, text, previous, mark)
    if rate is None:
        return False
    said = pat.year_number.sub("", pat.level_anywhere.sub("", text[rate.end():at]))
    return not re.search(r"\d", said) and not pat.rate_clause_words.sub("", text[clause:at]).strip(" ,\t")


def _compared(text: str, end: int, comparative: re.Match, pat: _Patterns) -> str:
    """The qualifier of a number after "thấp hơn", "nhiều hơn": exact when the clause goes on to name
    what it is compared with (a difference), else a bound in the comparative's direction."""
    clause_end = re.search(r"[,.;:\n]", text[end:])
    if pat.comparison_base.match(text[end:end + clause_end.start() if clause_end else len(text)]):
        return "exact"
    return "under" if comparative["lower"] else "over"


def _second_reading(second: re.Match | None, scale: Decimal):
    """(qualifier, denominator, upper, comparison) from the number after the first one, stated
    in the first one's scale and unit ("28/7 công trình", "82,5/≥80%", "từ 5 đến 7 tỷ đồng")."""
    if second is None:
        return "exact", None, None, None
    if second["den"]:
        comparison = COMPARISONS[second["cmp"]] if second["cmp"] else None
        return "exact", normalise(_number(second["den"]) * scale), None, comparison
    return "range", None, normalise(_number(second["dash"] or second["upto"]) * scale), None


def _names_money(text: str, start: int, pat: _Patterns) -> bool:
    """Whether the clause before a number names money ("kinh phí hơn 500 triệu")."""
    window = max(0, start - 2 * CONTEXT_CHARS)
    clause = max((m.end() for m in pat.clause_start.finditer(text, window, start)), default=window)
    return bool(pat.money.search(text, clause, start))


def _year_before_place(numeral: str, unit: str) -> bool:
    """"2023 xã ...": a year written without "năm" before a place or a noun, not a count of them."""
    return _year_like(numeral) and unit in _grammar_words()["units_after_years"]


def _year_like(numeral: str) -> bool:
    return numeral.isdigit() and len(numeral) == 4 and int(numeral) in YEARS


def _may_be_figure(text: str, number: re.Match, before: str, pat: _Patterns, unit: str = "", scaled: bool = False) -> bool:
    """False for numbers that name, date or count off something rather than state an amount. An
    amount in a unit the vocabulary knows after a plan's name is the plan's amount ("kế hoạch
    298.640 triệu đồng", "đạt 90% kế hoạch 150 hộ"), where a number with no such unit after it is
    its number ("Kế hoạch 102/KH-UBND", "Dự án 4")."""
    numeral = number.group()
    if pat.identifier.search(before) and not pat.not_identifier.search(before) \
            and not (unit and unit != vocabulary().count_unit and pat.amount_name.search(before)) \
            and not (scaled and unit in measures()) \
            and unit not in _grammar_words()["never_names"]:
        # "Chương trình 176 tỷ 430 triệu đồng": no name has "tỷ"; "Đông Nam Bộ 0,34%": no name is a share
        return False
    if _year_like(numeral) and pat.year.search(before):
        return False
    if pat.after_dash.search(before):
        return False  # the second number of "2021 - 2025", whose first was not a figure
    return (not _phone_like(text, number) and not _alone_on_line(text, number.start(), number.end())
            and not _counter_line(text, number, pat))


def _unit_or_noun(text: str, pos: int, pat: _Patterns):
    """(noun as written, storage unit, where the figure ends, factor, "/năm" after the unit);
    noun None when neither a unit nor a counted noun follows."""
    unit = pat.unit.match(text, pos)
    if unit and not pat.not_unit.match(text, unit.start("unit")):
        spec = lookup_unit(unit["unit"])
        per = pat.per.match(text, unit.end())
        return unit["unit"], spec.unit, per.end(), spec.factor, per.group()
    noun, end = _noun_phrase(text, pos, pat)
    per = pat.per.match(text, end) if noun else None  # "02 lần/năm", "53 tạ/ha": a count per time or area
    if per and per.group():
        return noun, vocabulary().count_unit, per.end(), Decimal(1), per.group()
    return noun, vocabulary().count_unit, end, Decimal(1), ""


def _noun_phrase(text: str, pos: int, pat: _Patterns) -> tuple[str | None, int]:
    """The noun phrase a number counts: lower-case words up to a function word, a name, a mark."""
    words, end = [], pos
    while len(words) < NOUN_WORDS:
        m = pat.noun_word.match(text, end)
        # a capital after the counted noun starts a proper name that qualifies it ("92 chùa Khmer Nam
        # tông"); first, only the name of a kind of thing ("16 Tổ hội …") is counted
        if not m or (m["w"][0].isupper() and not words and not _names_a_kind(text, m, pat)) \
                or _ends_phrase(text, m.start("w"), pat) or (words and pat.phrase_opener.match(text, m.start("w"))):
            break
        if pat.not_count.match(text, m.start("w")):
            if not words:
                return None, pos  # "5 năm qua", "60 tuổi": a duration or an age
            break  # "12 đợt kiểm tra năm 2023": the time of what was counted
        words.append(m)
        end = m.end()
    if not words:
        return None, pos
    return text[words[0].start("w"):end], end


def _ends_phrase(text: str, pos: int, pat: _Patterns) -> bool:
    """A function word or verb ends the phrase, unless it begins a noun ("thành phố", "thành viên")."""
    return bool(pat.phrase_end.match(text, pos)) and not pat.phrase_noun.match(text, pos)


def _names_a_kind(text: str, word: re.Match, pat: _Patterns) -> bool:
    """"16 Tổ hội nông dân": a capital on the first syllable only starts the name of a kind of
    thing, which a number counts; a proper name capitalises every syllable ("27 Trần Hưng Đạo")."""
    following = pat.noun_word.match(text, word.end())
    # a lone capital letter is a label ("nguồn kinh phí 30 A", "Chương trình 30a"), not a kind
    return len(word["w"]) > 1 and bool(following) and following["w"][0].islower()


def _counts_in_words(before: str, noun: str, pat: _Patterns) -> bool:
    """Whether a number word before `noun` counts it: not an ordinal or a name ("thứ hai", "xe ba gác")
    nor an idiom or a label ("hai bên", "nhà ba cứng")."""
    return not pat.number_word_after.search(before) and not pat.number_word_idiom.match(noun)


def words_for_numbers() -> dict[str, int]:
    """ "mười" -> 10: small numbers written as words."""
    return resource("vocabulary.toml")["number_words"]


def _joined_number_words() -> list[str]:
    """Words that make a number word part of a longer one ("mười hai", "hai mươi", "ba trăm")."""
    return [*words_for_numbers(), *_grammar_words()["number_word_joins"]]


def _number(numeral: str) -> Decimal:
    if (spelled := words_for_numbers().get(numeral.lower())) is not None:
        return Decimal(spelled)
    if re.fullmatch(r"\d+\.\d{1,2}", numeral):  # "22.4%": the dot is the decimal mark
        return parse_number(numeral.replace(".", ","))
    for space in GROUP_SPACES:
        numeral = numeral.replace(space, ".")
    return parse_number(numeral)


def _group_words(numeral: str, mixed: re.Match | None, pat: _Patterns) -> list[tuple[str, str]]:
    found = [(g["n"] or "", g["s"]) for g in pat.groups.finditer(mixed.group() if mixed else "")]
    if not found:
        return [(numeral, "")]
    return [(numeral, found[0][1]), *found[1:]]


def _groups(numeral: str, mixed: str, pat: _Patterns) -> tuple[list[tuple[Decimal, Decimal, int]], list[str]]:
    """(number, scale, decimals) per group, and flags: scale words that do not grow ("tỷ triệu")
    are a typo; thousands grouped by ordinary spaces are worth a look."""
    flags: list[str] = []
    flags += ["space_grouped"] if " " in numeral else []
    groups = []
    for i, g in enumerate(pat.groups.finditer(mixed)):
        written = numeral if i == 0 else g["n"]
        scale, typo = _scale(g["s"])
        flags += ["unit_typo"] if typo else []
        groups.append((_number(written), scale, _decimals(written)))
    return groups or [(_number(numeral), Decimal(1), _decimals(numeral))], flags


def _scale(words: str) -> tuple[Decimal, bool]:
    """"nghìn tỷ" is 10^12; in "tỷ triệu" the second word cannot compound and is not read."""
    scales = vocabulary().scales
    scale, last, typo = Decimal(1), Decimal(0), False
    for word in words.split():
        step = scales[word.lower()]
        if step <= last:
            typo = True
            continue
        scale, last = scale * step, step
    return scale, typo


def _decimals(numeral: str) -> int:
    return len(numeral.split(",", 1)[1]) if "," in numeral else 0


def _combine(groups) -> Decimal:
    """Mixed numerals: [(7, 1e3), (570, 1e9), (186, 1e6)] -> (7·1e3 + 570)·1e9 + 186·1e6."""
    if len(groups) == 1:
        return groups[0][0] * groups[0][1]
    top = max(range(len(groups)), key=lambda i: groups[i][1])
    head = groups[:top] + [(groups[top][0], Decimal(1), groups[top][2])]
    return _combine(head) * groups[top][1] + (_combine(groups[top + 1:]) if top + 1 < len(groups) else 0)


def _resolution(groups) -> Decimal:
    # One step of the last stated digit: the combination is linear, so combine zeros and one step.
    steps = [(Decimal(0), s, d) for _, s, d in groups[:-1]]
    last = groups[-1]
    return _combine([*steps, (Decimal(1).scaleb(-last[2]), last[1], last[2])])


# Digits in a row are part of one number, never read alone: a bare digit group, then a space or a
# dot ("0208 3651", "1 188 6000"); a date or code before a space ("2023-04 5 địa phương") is not one.
# (not after a tab, which parts a table's cells: "Kỳ Sơn\t151.664\t61,0%")
_PHONE_BEFORE = re.compile(rf"(?<![\w/:\-])[\d.{GROUP_SPACES}]*\d[.{GROUP_SPACES}]$")
_PHONE_AFTER = re.compile(r"[ \t.]\d{3}")


def _phone_like(text: str, number: re.Match) -> bool:
    """0208 3651 864: digit groups in a row, or a long numeral that starts with 0."""
    numeral = number.group()
    if numeral.startswith("0") and len(numeral) >= 4 and numeral[1:2] not in ",":
        return True
    if _PHONE_BEFORE.search(text, max(0, number.start() - CONTEXT_CHARS), number.start()):
        return True
    return numeral.startswith("0") and len(numeral) >= 3 and bool(_PHONE_AFTER.match(text, number.end()))


_BYLINE_BEFORE = re.compile(r"(?:^|[|•·\-–—\d])[ \t\u00a0]*$", re.MULTILINE)  # a line start, a mark, a date or a time


def _counter_line(text: str, number: re.Match, pat: _Patterns) -> bool:
    """"574 lượt xem" ending a line with no full stop, alone or after a date or a mark ("22/01/2024 |
    842 lượt xem"): the page counting its readers, not a sentence about them."""
    line_start = text.rfind("\n", 0, number.start()) + 1
    return bool(_BYLINE_BEFORE.search(text, line_start, number.start())) and bool(
        pat.counter_line.match(text, number.start()))


def _alone_on_line(text: str, start: int, end: int) -> bool:
    """A photo number printed on a line of its own ("5"), even if the next line starts with a noun."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return not text[line_start:start].strip() and not text[end:line_end].strip()


def reads_as(unit: str, flags) -> str:
    """The unit a reader understands a figure in: a change of a rate is stored as written ("%"), as
    the catalogue stores it (`rate_difference`), and means percentage points."""
    spec = _grammar_words()["rate_change_unit"]
    return spec["reads_as"] if unit == spec["written"] and "rate_change" in flags else unit


def lookup_unit(word: str):
    units = vocabulary().units
    return units.get(word) or next(u for noun, u in units.items() if noun.lower() == word.lower())


# --- wording a stated figure in another language ------------------------------------------------

_LEADING_ZEROS = re.compile(r"(?<![\d.,])0+(?=\d)")


def stated_in(text: str, lang: str) -> str:
    """A figure as the source words it, in `lang`: vi is verbatim but for leading zeros ("05 xã" ->
    "5 xã"); en keeps the qualifier and scale the source chose ("gần 548 tỷ đồng" -> "nearly 548
    billion VND") and says one or many as English does ("1 document")."""
    if lang == "vi":
        return _LEADING_ZEROS.sub("", text)  # "04 nghị quyết" is how counts are typed, not said
    figure, words = _whole(text)
    english = vocabulary().english
    out = [english["qualifier"][words.qualifier.lower()]] if words.qualifier else []
    for i, (numeral, scale) in enumerate(words.groups):
        out.append(format_number(_number(numeral), "en"))
        if i == 0 and figure.denominator is not None:
            out[-1] += f"/{figure.comparison or ''}{format_number(_number(words.other), 'en')}"
        out += [english["scale"][w.lower()] for w in scale.split()]
    if figure.upper is not None:
        out += [english["connective"]["range"], format_number(_number(words.other), "en")]
    noun = words.noun or _grammar_words()["implied_unit"]
    if figure.unit == vocabulary().count_unit:
        out.append(noun)
    else:
        count = _number(words.groups[0][0]) if len(words.groups) == 1 and figure.upper is None else 2
        out.append(english["noun"].get(noun) or unit_word(figure.unit, "en", count))
    out += _suffix(words.per, "en")
    return " ".join(out).replace(" %", "%")


def _suffix(per: str, lang: str) -> list[str]:
    """The rate words after a figure ("/năm") as a sentence in `lang` says them ("mỗi năm", "a year")."""
    table = vocabulary().suffix_vi if lang == "vi" else vocabulary().english["suffix"]
    return [said for written, said in table.items() if per.startswith(written)][:1]


def format_stated(value: float, unit: str, qualifier: str, lang: str = "vi") -> str:
    """A figure re-written with its qualifier: ("approx", 548000 million_vnd) -> "about 548,000 million VND"."""
    word = vocabulary().qualifier_display[qualifier][lang]
    return f"{word} {format_quantity(value, unit, lang)}".strip()


def stated_figure(mention: str, value: float, unit: str, qualifier: str, lang: str = "vi",
                  points: bool = False) -> str:
    """A figure in its source's words (translated for en), except where the words would mislead:
    an achieved/plan pair ("28/7 công trình") gives only this fact's number ("28 công trình", the
    plan is its own fact), and a difference of rates stated with '%' (`points`) is re-written in
    percentage points ("2,9%/năm" -> "2,9 điểm phần trăm mỗi năm")."""
    figure, words = _whole(mention)
    if points:
        return " ".join([format_stated(value, "percentage_points", qualifier, lang), *_suffix(words.per, lang)])
    if figure.denominator is None and float(figure.value) == value:
        return stated_in(mention, lang)
    rewritten = format_stated(value, unit, qualifier, lang)
    return f"{rewritten} {figure.noun}" if unit == vocabulary().count_unit and figure.noun else rewritten
