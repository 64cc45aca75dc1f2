"""Vietnamese numerals and units: the vocabulary, numerals read and written per locale (figures: grammar.py)."""

from __future__ import annotations

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
    english: dict[str, dict[str, str]]  # qualifier/scale/noun/suffix/connective word -> English word
    count_unit: str  # the unit of a counted noun the vocabulary does not list ("43 dân tộc")
    suffix_vi: dict[str, str]  # suffix as written in the source -> as a re-written figure says it

    @property
    def storage_units(self) -> set[str]:
        """Every unit a figure can be stored in."""
        return {u.unit for u in self.units.values()} | {self.count_unit}


@cache
def vocabulary() -> Vocabulary:
    raw = resource("vocabulary.toml")
    qualifiers = {word: kind for kind, words in raw["qualifiers"].items() for word in words}
    scales = {word: Decimal(str(v)) for word, v in raw["scales"].items()}
    units = {
        noun: Unit(spec["unit"], Decimal(str(spec.get("factor", 1))))
        for noun, spec in raw["units"].items()
    }
    english = {kind: raw[f"{kind}_words_en"] for kind in ("qualifier", "scale", "noun", "suffix", "connective")}
    return Vocabulary(qualifiers, scales, units, raw["display"], raw["qualifier_display"], english,
                      raw["count"]["unit"], raw["suffix_words_vi"])


def parse_number(text: str, lang: str = "vi") -> Decimal:
    """A numeral in the locale's own format: parse_number("1.188.600") == 1188600."""
    try:
        return parse_decimal(text.strip(), locale=LOCALES[lang], strict=True)
    except NumberFormatError as exc:
        raise FigureError(f"not a {lang} number: {text!r}") from exc


def without_leading_zeros(numeral: str) -> str:
    # "04 nghị quyết" is how counts are typed; a re-written figure says "4".
    stripped = numeral.lstrip("0")
    return stripped if stripped[:1].isdigit() else "0" + stripped if stripped else "0"


def plural_category(count: float | Decimal, lang: str) -> str:
    """CLDR plural category of a number in `lang` ("one", "other", ...), from Babel's locale data.
    A Decimal keeps its written digits ("1.0" is "other" in English); a whole float counts as an int."""
    operand = int(count) if isinstance(count, (int, float)) and float(count).is_integer() else count
    return _locale(lang).plural_form(operand)


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(LOCALES[lang])  # parsing the identifier on every call cost seconds per 100.000 facts


def unit_word(unit: str, lang: str, value: float | Decimal) -> str:
    """How a unit is written after this number: "1 document", "3 documents"."""
    display = vocabulary().display[unit]
    return display.get(f"{lang}_{plural_category(value, lang)}", display[lang])


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
    return f"{shown} {unit_word(unit, lang, parse_number(shown, lang))}".strip()


def format_day(day, lang: str = "vi") -> str:
    """31/12/2023 (vi) / 31 December 2023 (en)."""
    return format_date(day, "dd/MM/yyyy" if lang == "vi" else "d MMMM yyyy", locale=LOCALES[lang])


def _stated_decimals(value: float | Decimal) -> int:
    return max(0, -Decimal(str(value)).normalize().as_tuple().exponent)


def to_vnd(value: float, unit: str) -> float:
    """A money value in đồng, whatever unit it is stored in."""
    factor = next(u.factor for u in vocabulary().units.values() if u.unit == unit)
    return float(Decimal(str(value)) / factor)
