"""Vietnamese numerals and units: parse figures as the language writes them, format them per locale."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import NumberFormatError, format_decimal, parse_decimal
from babel.numbers import format_percent as babel_format_percent

from .wording import resource

LOCALES = {"vi": "vi", "en": "en"}  # report language -> Babel locale
LANGS = tuple(LOCALES)
QUALIFIERS = ("exact", "approx", "over", "under")

# A Vietnamese numeral: "1.188.600" (dot groups thousands), "59,8" (comma is the decimal mark),
# "05" (leading zeros in counts). Babel decides the value; this only finds the span.
NUMBER_PATTERN = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"


class FigureError(ValueError):
    """The text is not a figure this module can read."""


@dataclass(frozen=True)
class Unit:
    unit: str
    factor: Decimal


@dataclass(frozen=True)
class Vocabulary:
    qualifiers: dict[str, str]  # word -> qualifier
    scales: dict[str, Decimal]  # word -> multiplier
    units: dict[str, Unit]  # noun -> unit
    display: dict[str, dict[str, str]]  # unit -> {lang: how a sentence writes it}
    qualifier_display: dict[str, dict[str, str]]  # qualifier -> {lang: word}
    english: dict[str, dict[str, str]]  # qualifier/scale/noun/suffix word -> English word
    suffix_vi: dict[str, str]  # suffix as written in the source -> as a re-written figure says it


@dataclass(frozen=True)
class Figure:
    """One figure as stated: value in its storage unit, and what the wording says about it."""

    text: str
    value: Decimal
    unit: str | None
    qualifier: str
    resolution: Decimal  # one step of the last stated digit, in the storage unit
    denominator: Decimal | None = None  # "28/7 công trình": 7


@cache
def vocabulary() -> Vocabulary:
    raw = resource("vocabulary.toml")
    qualifiers = {word: kind for kind, words in raw["qualifiers"].items() for word in words}
    scales = {word: Decimal(str(v)) for word, v in raw["scales"].items()}
    units = {
        noun: Unit(spec["unit"], Decimal(str(spec.get("factor", 1))))
        for noun, spec in raw["units"].items()
    }
    english = {kind: raw[f"{kind}_words_en"] for kind in ("qualifier", "scale", "noun", "suffix")}
    return Vocabulary(qualifiers, scales, units, raw["display"], raw["qualifier_display"], english,
                      raw["suffix_words_vi"])


def _alternation(words) -> str:
    # Longest first, so "chưa đến" wins over "đến" and "trạm y tế" over shorter nouns.
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _figure_regex() -> re.Pattern[str]:
    voc = vocabulary()
    return re.compile(
        rf"^(?:(?P<qualifier>{_alternation(voc.qualifiers)})\s+)?"
        rf"(?P<number>{NUMBER_PATTERN})"
        rf"(?:\s*/\s*(?P<denominator>{NUMBER_PATTERN}))?"
        # Scale words compound: "nghìn tỷ đồng" is 10^12 đồng.
        rf"(?:\s*(?P<scale>(?:{_alternation(voc.scales)})(?:\s+(?:{_alternation(voc.scales)}))*)(?!\w))?"
        rf"(?:\s*(?P<unit>{_alternation(voc.units)})(?!\w))?"
        rf"(?P<rest>.*)$",
        re.IGNORECASE | re.DOTALL,
    )


def parse_number(text: str, lang: str = "vi") -> Decimal:
    """A numeral in the locale's own format: parse_number("1.188.600") == 1188600."""
    try:
        return parse_decimal(text.strip(), locale=LOCALES[lang], strict=True)
    except NumberFormatError as exc:
        raise FigureError(f"not a {lang} number: {text!r}") from exc


def _decimals(numeral: str) -> int:
    return len(numeral.split(",", 1)[1]) if "," in numeral else 0


def parse_figure(text: str) -> Figure:
    """Read a figure as written in Vietnamese: "gần 548 tỷ đồng" -> 548000 million_vnd, approx."""
    match = _figure_regex().match(text.strip())
    if not match:
        raise FigureError(f"no figure at the start of {text!r}")
    voc = vocabulary()
    scale = math.prod((voc.scales[w.lower()] for w in (match["scale"] or "").split()), start=Decimal(1))
    unit = lookup_unit(match["unit"]) if match["unit"] else None
    factor = scale * (unit.factor if unit else Decimal(1))
    number = parse_number(match["number"])
    denominator = parse_number(match["denominator"]) if match["denominator"] else None
    return Figure(
        text=text,
        value=normalise(number * factor),
        unit=unit.unit if unit else None,
        qualifier=voc.qualifiers[match["qualifier"].lower()] if match["qualifier"] else "exact",
        resolution=normalise(Decimal(1).scaleb(-_decimals(match["number"])) * factor),
        denominator=normalise(denominator * factor) if denominator is not None else None,
    )


def stated_in(text: str, lang: str) -> str:
    """A figure as the source words it, in `lang`: vi is verbatim but for leading zeros ("05 xã" ->
    "5 xã"); en keeps the qualifier and scale the source chose ("gần 548 tỷ đồng" -> "nearly 548 billion VND")."""
    match = _figure_regex().match(text.strip())
    if not match:
        raise FigureError(f"no figure at the start of {text!r}")
    if lang == "vi":
        start, end = match.span("number")
        return text.strip()[:start] + _without_leading_zeros(match["number"]) + text.strip()[end:]
    english = vocabulary().english
    words = []
    if match["qualifier"]:
        words.append(english["qualifier"][match["qualifier"].lower()])
    number = format_number(parse_number(match["number"]), "en")
    if match["denominator"]:
        number += "/" + format_number(parse_number(match["denominator"]), "en")
    words.append(number)
    words += [english["scale"][w.lower()] for w in (match["scale"] or "").split()]
    if match["unit"]:
        noun = match["unit"]
        value = parse_number(match["number"])
        words.append(english["noun"].get(noun) or unit_word(lookup_unit(noun).unit, "en", value))
    suffix = next((en for vi, en in english["suffix"].items() if match["rest"].startswith(vi)), None)
    words += [suffix] if suffix else []
    return " ".join(words).replace(" %", "%")


def _without_leading_zeros(numeral: str) -> str:
    # "04 nghị quyết" is how counts are typed; a re-written figure says "4".
    return numeral.lstrip("0") if numeral.lstrip("0")[:1].isdigit() else numeral[-1:] if set(numeral) == {"0"} \
        else "0" + numeral.lstrip("0")


def plural_category(count: float | Decimal, lang: str) -> str:
    """CLDR plural category of a number in `lang` ("one", "other", ...), from Babel's locale data.
    A Decimal keeps its written digits ("1.0" is "other" in English); a whole float counts as an int."""
    operand = int(count) if isinstance(count, (int, float)) and float(count).is_integer() else count
    return Locale.parse(LOCALES[lang]).plural_form(operand)


def unit_word(unit: str, lang: str, value: float | Decimal) -> str:
    """How a unit is written after this number: "1 document", "3 documents"."""
    display = vocabulary().display[unit]
    return display.get(f"{lang}_{plural_category(value, lang)}", display[lang])


def lookup_unit(word: str) -> Unit:
    units = vocabulary().units
    return units.get(word) or next(u for noun, u in units.items() if noun.lower() == word.lower())


def normalise(value: Decimal) -> Decimal:
    # 548 × 1e9 × 1e-6 should compare and print as 548000, not 5.48000E+5.
    value = value.normalize()
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def format_number(value: float | Decimal, lang: str = "vi", decimals: int | None = None) -> str:
    """1188600 -> "1.188.600" (vi) / "1,188,600" (en); decimals=None keeps the digits given."""
    if decimals is None:
        return format_decimal(Decimal(str(value)), locale=LOCALES[lang], decimal_quantization=False)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(Decimal(str(value)), format=pattern, locale=LOCALES[lang])


def format_percent(value: float | Decimal, lang: str = "vi", decimals: int = 1) -> str:
    """A 0–100 percentage: 75.43 -> "75,4%" (vi) / "75.4%" (en)."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + "%"
    fraction = Decimal(str(value)) / 100
    return babel_format_percent(fraction, format=pattern, locale=LOCALES[lang])


def format_quantity(value: float | Decimal, unit: str, lang: str = "vi", decimals: int | None = None) -> str:
    """548000 million_vnd -> "548.000 triệu đồng" (vi) / "548,000 million VND" (en)."""
    if unit == "percent":
        return format_percent(value, lang, _stated_decimals(value) if decimals is None else decimals)
    shown = format_number(value, lang, decimals)
    return f"{shown} {unit_word(unit, lang, parse_number(shown, lang))}"


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
    figure = parse_figure(mention)
    if points:
        rewritten = format_stated(value, "percentage_points", qualifier, lang)
        return " ".join([rewritten, *_suffix(figure.text, lang)])
    if figure.denominator is not None or float(figure.value) != value:
        return format_stated(value, unit, qualifier, lang)
    return stated_in(mention, lang)


def _suffix(text: str, lang: str) -> list[str]:
    rest = _figure_regex().match(text.strip())["rest"]
    words = vocabulary().suffix_vi if lang == "vi" else vocabulary().english["suffix"]
    return [said for written, said in words.items() if rest.startswith(written)][:1]


def format_day(day, lang: str = "vi") -> str:
    """31/12/2023 (vi) / 31 December 2023 (en)."""
    return format_date(day, "dd/MM/yyyy" if lang == "vi" else "d MMMM yyyy", locale=LOCALES[lang])


def _stated_decimals(value: float | Decimal) -> int:
    return max(0, -Decimal(str(value)).normalize().as_tuple().exponent)


def to_vnd(value: float, unit: str) -> float:
    """A money value in đồng, whatever unit it is stored in."""
    factor = next(u.factor for u in vocabulary().units.values() if u.unit == unit)
    return float(Decimal(str(value)) / factor)
