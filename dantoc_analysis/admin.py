"""Administrative units (provinces): slugs, names and GSO codes from vietnamadminunits, both boundary versions."""

from __future__ import annotations

import unicodedata
from datetime import date
from functools import cache

import pandas as pd
from unidecode import unidecode
from vietnamadminunits import convert_address
from vietnamadminunits.database import get_data

# Resolution 202/2025/QH15: 63 provinces became 34 on this day. Figures for earlier periods
# belong to the legacy territory even where the name survived.
MERGER_DATE = date(2025, 7, 1)
LEGACY, CURRENT = "legacy-63", "2025-34"

# Figures for the whole country ("Cả nước") sit beside provincial ones in the sources.
COUNTRY = {
    "slug": "vietnam",
    "name": "Cả nước",
    "name_en": "Viet Nam (whole country)",
    "gso_code": "",
    "boundary": "",
    "successor": "vietnam",
}


def slugify(name: str) -> str:
    """'Lạng Sơn' -> 'lang-son': ASCII, lower case, hyphens."""
    return "-".join(unidecode(name).lower().replace("-", " ").split())


@cache
def provinces() -> pd.DataFrame:
    """Every province in both boundary versions.

    Columns: slug, name, name_en, gso_code, boundary (legacy-63 | 2025-34), successor (the
    2025 province a legacy one became part of; itself for current ones). A slug can appear
    in both versions (lang-son); the GSO code alone never identifies a territory across them.
    """
    rows = [COUNTRY]
    for table, boundary in (("admin_units_legacy", LEGACY), ("admin_units", CURRENT)):
        for unit in get_data(["province", "provinceShort", "provinceCode"], table):
            slug = slugify(unit["provinceShort"])
            rows.append(
                {
                    "slug": slug,
                    "name": unit["provinceShort"],
                    "name_en": unidecode(unit["provinceShort"]),
                    "gso_code": unit["provinceCode"],
                    "boundary": boundary,
                    "successor": _successor(unit["province"]) if boundary == LEGACY else slug,
                }
            )
    return pd.DataFrame(rows).drop_duplicates(["slug", "boundary"]).reset_index(drop=True)


def _successor(legacy_name: str) -> str:
    return slugify(convert_address(legacy_name).short_province)


def known_slugs() -> frozenset[str]:
    return frozenset(provinces()["slug"])


def year_end(year) -> date | None:
    """The last day of a year a figure is about: the day whose boundary the figure belongs to."""
    return None if year is None or pd.isna(year) else date(int(year), 12, 31)


def boundary_on(day: date) -> str:
    """The boundary version in force on a day."""
    return CURRENT if day >= MERGER_DATE else LEGACY


def province(slug: str, on: date | None = None) -> dict[str, str]:
    """The province a slug names, in the boundary version in force on `on` (default: today)."""
    return dict(_province(slug, boundary_on(on or date.today())))


@cache
def _province(slug: str, boundary: str) -> tuple:
    table = provinces()
    rows = table[table["slug"] == slug]
    if rows.empty:
        raise KeyError(f"unknown province slug {slug!r}")
    if slug == COUNTRY["slug"]:
        return tuple(COUNTRY.items())
    exact = rows[rows["boundary"] == boundary]
    return tuple((exact if not exact.empty else rows).iloc[0].to_dict().items())


def province_name(slug: str, lang: str = "vi", on: date | None = None) -> str:
    """The province's name in `lang`, in the boundary version in force on `on` (default: today)."""
    info = province(slug, on)
    return info["name"] if lang == "vi" else info["name_en"]


def successor(slug: str) -> str:
    """The 2025 province a province of either boundary version is, or is part of, today."""
    table = provinces()
    rows = table[(table["slug"] == slug) & (table["boundary"] == LEGACY)]
    return rows.iloc[0]["successor"] if not rows.empty else slug


def absorbed_by(slug: str) -> list[str]:
    """The other legacy provinces that became part of `slug` on 1/7/2025 (Thái Nguyên: Bắc Kạn)."""
    table = provinces()
    legacy = table[(table["boundary"] == LEGACY) & (table["successor"] == slug) & (table["slug"] != slug)]
    return sorted(legacy["slug"])


@cache
def areas_without_tones() -> dict[str, set[tuple[str, str, str]]]:
    """The same, by name with its tone marks left out: "Đăk Glei" is written for "Đắk Glei"."""
    found: dict[str, set[tuple[str, str, str]]] = {}
    for name, units in areas().items():
        if isinstance(name, str):  # a few units have no short name
            found.setdefault(without_tones(name), set()).update(units)
    return found


@cache
def areas_unmarked() -> dict[str, set[tuple[str, str, str]]]:
    """The same, by name with every mark left out: "Mù Cang Chải" is written for "Mù Căng Chải"."""
    found: dict[str, set[tuple[str, str, str]]] = {}
    for name, units in areas().items():
        if isinstance(name, str):
            found.setdefault(unmarked(name), set()).update(units)
    return found


def unmarked(name: str) -> str:
    """A name in plain letters, lower case ("Mù Căng Chải" -> "mu cang chai")."""
    return unidecode(name).lower()


def without_tones(name: str) -> str:
    """A name with its five tone marks dropped, its vowels' own marks kept ("Đắk" -> "Đăk")."""
    return unicodedata.normalize("NFC", "".join(
        c for c in unicodedata.normalize("NFD", name) if c not in "\u0300\u0301\u0303\u0309\u0323"))


@cache
def areas() -> dict[str, set[tuple[str, str, str]]]:
    """Districts and communes by proper name -> {(province slug, tier, boundary)}.

    Legacy units have both tiers (district, commune); the 2025 units have communes only, since the
    district level was abolished. One name can stand for units in several provinces.
    """
    found: dict[str, set[tuple[str, str, str]]] = {}
    slugs = cache(slugify)  # 63 province names over 13 000 units
    for unit in get_data(["provinceShort", "districtShort", "wardShort"], "admin_units_legacy"):
        province_slug = slugs(unit["provinceShort"])
        found.setdefault(unit["districtShort"], set()).add((province_slug, "district", LEGACY))
        found.setdefault(unit["wardShort"], set()).add((province_slug, "commune", LEGACY))
    for unit in get_data(["provinceShort", "wardShort"], "admin_units"):
        found.setdefault(unit["wardShort"], set()).add((slugs(unit["provinceShort"]), "commune", CURRENT))
    return found
