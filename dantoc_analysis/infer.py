"""What a new document is and what each of its figures means, read from its words with the evidence (`dantoc add`).

Every guess is a `Guess`: the value ("" where the text does not say), the words that decided it and a
confidence in [0, 1]. The cue words live in resources/intake.toml; this module only knows how they combine.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from . import admin
from .extract import Mention, sentence_around, sentence_bounds
from .numbers import vocabulary
from .wording import last_match, resource

SOURCE_FIELDS = ("province", "area", "area_level", "title", "publisher", "published", "event_date", "report_year")
FIGURE_FIELDS = ("indicator", "year", "basis", "period", "as_of", "vintage", "area")
_DATE = r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})"
_TIME = re.compile(r"\b\d{1,2}:\d{2}\b")
_LOOKBACK = 25  # characters before "năm N" where a word can make it a span's start or a comparison
_SKIP_LOOKBACK = 45  # the same for a year of things done, within its clause
_YEAR = r"(?P<year>(?:19|20)\d{2})"


@dataclass(frozen=True)
class Guess:
    """One inferred value, the words that decided it, and how sure the words make it."""

    value: object = ""
    words: str = ""
    confidence: float = 0.0

    def to_dict(self) -> dict:
        value = self.value.isoformat() if isinstance(self.value, date) else self.value
        return {"value": value, "words": self.words, "confidence": round(self.confidence, 2)}


@cache
def cues() -> dict:
    return resource("intake.toml")


def _any(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _cue_pattern(words) -> re.Pattern:
    return _cue_regex(tuple(words))


@cache
def _cue_regex(words: tuple[str, ...]) -> re.Pattern:
    return re.compile(rf"(?<!\w)(?:{_any(words)})(?!\w)", re.IGNORECASE)


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# --- places -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Places:
    named: re.Pattern  # "tỉnh Lạng Sơn"
    bare: re.Pattern  # "Lạng Sơn", capitalised, with no level word before it
    publisher: re.Pattern  # "Ban Dân tộc tỉnh Cao Bằng" (anywhere)
    publisher_line: re.Pattern  # a line naming only its publisher
    title_prefix: re.Pattern  # "Lạng Sơn: …"
    names: dict[str, list[dict]]  # lower-case name -> province rows (both boundary versions)


@cache
def _places() -> _Places:
    table = admin.provinces()
    table = table[table["slug"] != admin.COUNTRY["slug"]]
    names: dict[str, list[dict]] = {}
    for row in table.to_dict("records"):
        names.setdefault(row["name"].lower(), []).append(row)
    province = cues()["province"]
    publisher = cues()["publisher"]
    # papers named after a place of their province rather than the province ("Báo Điện Biên Phủ")
    for alias, province_name in publisher["paper_names"].items():
        names[alias.lower()] = names[province_name.lower()]
    name = rf"(?P<name>{_any(table['name'])})(?!\w)"
    kinds = _any(k["words"] for k in publisher["kinds"])
    published_name = rf"(?P<name>{_any([*table['name'], *publisher['paper_names']])})(?!\w)"
    institution = rf"(?P<pub>(?P<kind>{kinds})\s+{published_name})"
    prefix, suffix = _any(publisher["line_prefixes"]), _any(publisher["line_suffixes"])
    return _Places(
        named=re.compile(rf"(?<!\w)(?:{_any(province['levels'])})\s+{name}", re.IGNORECASE),
        bare=re.compile(rf"(?<!\w)(?P<name>{_any(table['name'])})(?!\w)"),  # case kept: a proper name
        publisher=re.compile(rf"(?<!\w){institution}", re.IGNORECASE),
        # "BÁO BẮC GIANG - Xã hội", "BÁO TÂY NINH - Chính trị - Xã hội": a masthead may name the page's
        # section (a few words, no date)
        publisher_line=re.compile(rf"\s*(?:(?:{prefix})\s*)?{institution}\s*(?:{suffix})?"
                                  rf"(?:\s[-–—|]\s*[^\W\d_]+(?:\s(?:[-–—]\s)?[^\W\d_]+){{0,3}})?\s*", re.IGNORECASE),
        title_prefix=re.compile(rf"\s*{name}\s*(?::|\s[-–—]\s)", re.IGNORECASE),  # "Lạng Sơn: …", "ĐẮK LẮK - …"
        names=names,
    )


def _publisher_slug(kind: str, province_name: str) -> str:
    """The publisher's part of a source_id: "bandantoc"; "baolangson" for a paper named after its province."""
    for spec in cues()["publisher"]["kinds"]:
        if spec["words"].lower() == kind.lower():
            named = admin.slugify(province_name).replace("-", "") if spec.get("with_province") else ""
            return spec["slug"] + named
    return cues()["publisher"]["unknown_publisher"]


@dataclass(frozen=True)
class _Lines:
    """The document's lines with their offsets, and which are page furniture."""

    lines: list[tuple[int, str]]
    publisher: list[tuple[int, re.Match]]  # (offset, match) of lines naming only a publisher
    stamps: list[tuple[int, str]]  # (offset, line) of date stamps


def _lines(text: str) -> _Lines:
    places = _places()
    lines, publisher, stamps, offset = [], [], [], 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            lines.append((offset, line.rstrip("\r\n")))
            if m := places.publisher_line.fullmatch(line.rstrip("\r\n")):
                publisher.append((offset, m))
            elif _is_stamp(stripped):
                stamps.append((offset, stripped))
        offset += len(line)
    return _Lines(lines, publisher, stamps)


# An official document's date line: "Gò Quao, ngày 05 tháng 12 năm 2024", "Điện Biên, ngày 25/12/2022".
_OFFICIAL_DATE = re.compile(r"[^\W\d_],\s+ngày\s+(?:(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})"
                            r"|\d{1,2}[/.-]\d{1,2}[/.-]\d{4})\s*$",
                            re.IGNORECASE)


# A page's date as some archives store it, opening the text: "date 2025-10-18".
_ISO_DATE = re.compile(r"^\s*(?:date|ngày)\s*:?\s*(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)", re.IGNORECASE)
# … or only its month: "date 2020-11 Ngày 18.11, …"
_ISO_MONTH = re.compile(r"^\s*date\s*:?\s*(?P<y>\d{4})-(?P<m>\d{2})(?![-\d])", re.IGNORECASE)


def _is_stamp(line: str) -> bool:
    spec = cues()["dates"]
    if _OFFICIAL_DATE.search(line) or _ISO_DATE.match(line):  # however long the line its columns make
        return True
    if len(line) > spec["stamp_max_chars"] or not re.search(_DATE, line):
        return False
    # "Tin tức - Sự kiện | 12/01/2026", "Thứ Ba, 17/01/2023", "Báo X điện tử - Thứ Tư, 20/11/2024": a
    # date, perhaps after its weekday, alone on its line or after a bar or a dash
    weekday = rf"(?:(?:{_any(spec['weekdays'])})\s*,?\s*)?"
    return bool(_TIME.search(line) or _cue_pattern(spec["published_cues"]).search(line)
                or re.search(rf"(?:^|\||\s[-–—]\s)\s*{weekday}{_DATE}\s*$", line, re.IGNORECASE))


def title(text: str, lines: _Lines) -> Guess:
    spec = cues()["title"]
    skip = {o for o, _ in lines.publisher} | {o for o, _ in lines.stamps}
    furniture = tuple(f.lower() for f in spec["furniture"])
    masthead = re.compile(rf"\s*(?:{_any(spec['masthead'])})\s+(?!{_any(spec['not_masthead'])}(?!\w))", re.IGNORECASE)
    for offset, line in lines.lines:
        words = line.split()
        if (offset in skip or line.strip().lower().startswith(furniture) or f" {spec['breadcrumb']} " in line
                or len(words) < spec["min_words"] or masthead.match(line) or _date_line(line)):
            continue
        return Guess(line.strip(), "first line that is not page furniture", 0.8)
    return Guess()


def _date_line(line: str) -> bool:
    """A line that only dates the page, though it is no stamp the page is dated by ("Thứ Sáu, ngày 23
    tháng 08 năm 2019, 09:25:27" heading a site's every page; "date 2023-09 …")."""
    spec = cues()["dates"]
    weekday = rf"(?:{_any(spec['weekdays'])})\s*,?\s*"
    written = rf"{re.escape(spec['month_word'])}\s+\d{{1,2}}\s+{re.escape(cues()['figure']['year_word'])}\s+\d{{4}}"
    return bool(re.match(rf"\s*{weekday}(?:ngày\s+)?\d{{1,2}}\s+{written}", line, re.IGNORECASE)
                or re.match(r"\s*date\s+\d{4}-\d{2}\b", line, re.IGNORECASE))


def publisher(lines: _Lines, heading: Guess) -> tuple[Guess, str]:
    """The publisher and its source_id part: a line naming only it, else a title that opens with it."""
    if lines.publisher:
        m = lines.publisher[-1][1]  # a footer ("Nguồn: …") names the author; a header may be the host site
        return Guess(m["pub"].strip(), m.group().strip(), 0.9), _publisher_slug(m["kind"], m["name"])
    if heading.value and (m := _places().publisher.match(str(heading.value))):
        return Guess(m["pub"], f"title opens with {m['pub']!r}", 0.6), _publisher_slug(m["kind"], m["name"])
    return Guess(), cues()["publisher"]["unknown_publisher"]


def province(text: str, lines: _Lines, heading: Guess, day: date | None, districts: list[_AreaName],
             level_words: list[str] = ()) -> Guess:
    """The province most strongly named: publisher lines weigh most, then the title, then 'tỉnh X',
    then its name alone ("điểm cầu Lạng Sơn", "(Than Uyên, Lai Châu)"). A text that names several
    provinces, none with at least min_share of the weight, is about none of them.

    A name is read in the boundary version in force on the document's date: after 1/7/2025 a legacy
    province that was merged stands for its successor ("tỉnh Bắc Kạn cũ" -> thai-nguyen).
    """
    spec = cues()["province"]
    places = _places()
    weights: dict[str, float] = {}
    evidence: dict[str, tuple[float, str]] = {}

    def count(name: str, words: str, weight: float) -> None:
        slug, note = _resolve(name, day)
        weights[slug] = weights.get(slug, 0.0) + weight
        if weight > evidence.get(slug, (0.0, ""))[0]:
            evidence[slug] = (weight, words + note)

    title_text = str(heading.value)
    # (a first line that is a sentence is no title: "Ngày 4/1, … tổ chức Hội nghị … toàn quốc … ." goes on
    # to its province's own part)
    national = _cue_pattern(spec["national"]).search(title_text) if not title_text.rstrip().endswith(".") else None
    if national and not places.named.search(title_text) and not places.bare.search(title_text):
        # "Hội nghị trực tuyến toàn quốc sơ kết …" on a province's portal is about the country
        return Guess("", f"a national title: {national.group()}", 0.0)
    for _, m in lines.publisher:
        count(m["name"], m.group().strip(), spec["weight_publisher"])
    if title_text and (m := places.title_prefix.match(title_text)):
        count(m["name"], m.group().strip(), spec["weight_title"])
    # "phía Đông giáp tỉnh Bình Dương và tỉnh Đồng Nai;", "Ban Dân tộc các tỉnh: Đồng Nai, Tây Ninh;": a
    # neighbour or a peer named in its clause is not the subject
    border = re.compile(rf"(?<!\w)(?:{_any(spec['borders'] + spec['others'])})(?!\w)[^.;\n]*$", re.IGNORECASE)
    for m in places.named.finditer(text):
        if border.search(text, max(0, m.start() - 120), m.start()):
            continue
        in_title = title_text and m.group() in title_text and _line_of(text, m.start()) == title_text
        count(m["name"], m.group(), spec["weight_title"] if in_title else spec["weight_named"])
    # A name after a level word is counted above (tỉnh) or is a district's or commune's (huyện, xã).
    level_before = re.compile(rf"(?<!\w)(?:{_any([*spec['levels'], *level_words])})\s*$", re.IGNORECASE)
    # "Phan Thái Bình – UVBTV Tỉnh uỷ": a province's name after a family or middle name is a person's
    person = re.compile(rf"(?<!\w)(?:{_any(spec['person_names'])})\s+$")
    # "(huyện Quảng Ninh, Quảng Bình)": a name after a district or commune it addresses is named as a province
    address = re.compile(rf"(?<!\w)(?:{_any(level_words)})\s+[^\W\d_][^,;.()\n]{{0,30}},\s*$", re.IGNORECASE)
    # "Bình Phước là một tỉnh miền núi …": a name the text says is a province's is its subject
    apposition = re.compile(rf"\s+(?:{_any(cues()['area']['apposition'])})\s+(?:{_any(spec['one'])}\s+)?"
                            rf"(?:{_any(spec['levels'])})(?!\w)", re.IGNORECASE)
    for m in places.bare.finditer(text):
        if not level_before.search(text, max(0, m.start() - 20), m.start()) \
                and not person.search(text, max(0, m.start() - 12), m.start()) \
                and not border.search(text, max(0, m.start() - 120), m.start()):
            said = apposition.match(text, m.end())
            placed = address.search(text, max(0, m.start() - 50), m.start()) if level_words else None
            weight = spec["weight_title"] if said else spec["weight_named"] if placed else spec["weight_bare"]
            count(m["name"], (placed.group() if placed else "") + m.group() + (said.group() if said else ""), weight)
    if not weights:
        return _province_of_areas(districts, day)
    # "thị xã Vĩnh Châu cùng hai huyện Trần Đề, Mỹ Xuyên … đi làm công nhân ở Bình Dương": each district or
    # commune of one province only that the text names weighs for it as a bare name does
    for name, provinces in {(a.name, a.provinces) for a in districts if a.name and len(a.provinces) == 1}:
        [slug] = provinces
        if day is not None and admin.boundary_on(day) == admin.CURRENT:
            slug = admin.successor(slug)
        weights[slug] = weights.get(slug, 0.0) + spec["weight_bare"]
        evidence.setdefault(slug, (spec["weight_bare"], f"{name} (a unit of {slug} only)"))
    best = max(weights, key=weights.get)
    share = weights[best] / sum(weights.values())
    if share < spec["min_share"]:
        named = ", ".join(sorted(weights, key=weights.get, reverse=True))
        return Guess("", f"several provinces named, none most of the time: {named}", 0.0)
    confidence = share * min(1.0, weights[best] / spec["sure_weight"])
    words = evidence[best][1] + _boundary_note(best, day, districts)
    return Guess(best, words, round(confidence, 2))


def _province_of_areas(names: list[_AreaName], day: date | None) -> Guess:
    """No province named: the province of the districts and communes the text names, where a name
    belongs to one province only ("huyện Hướng Hóa" -> quang-tri); never sure, since a name may be
    of a unit the package does not hold."""
    counts: dict[str, int] = {}
    words: dict[str, str] = {}
    for a in names:
        if a.name and len(a.provinces) == 1:
            [slug] = a.provinces
            counts[slug] = counts.get(slug, 0) + 1
            words.setdefault(slug, a.name)
    if not counts:
        return Guess("", "no province named (after a level word, in a publisher's name, opening the title, "
                         "or through a district or commune of one province)", 0.0)
    best = max(counts, key=counts.get)
    slug, note = best, ""
    if day is not None and admin.boundary_on(day) == admin.CURRENT:
        slug = admin.successor(best)
        note = f"; {best} is part of {slug} since {admin.MERGER_DATE.isoformat()}" if slug != best else ""
    share = counts[best] / sum(counts.values())
    return Guess(slug, f"no province named; {words[best]} is a unit of {best} only{note}", round(0.5 * share, 2))


def _line_of(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start:end if end >= 0 else len(text)].strip()


def _resolve(name: str, day: date | None) -> tuple[str, str]:
    rows = _places().names[name.lower()]
    if day is None:
        return rows[0]["slug"], ""
    boundary = admin.boundary_on(day)
    exact = [r for r in rows if r["boundary"] == boundary]
    if exact:
        return exact[0]["slug"], ""
    successor = rows[0]["successor"]
    return successor, f" (merged into {successor} on {admin.MERGER_DATE.isoformat()}; document dated {day.isoformat()})"


def _boundary_note(slug: str, day: date | None, districts: list[_AreaName]) -> str:
    absorbed = set(admin.absorbed_by(slug))
    former = sorted({a.name for a in districts if a.tier == "district" and a.provinces & absorbed})
    if former:
        return f"; names districts of {', '.join(sorted(absorbed))} ({', '.join(former)}): the 2025 province"
    if day is not None:
        return f"; boundary {admin.boundary_on(day)} (document dated {day.isoformat()})"
    return ""


@dataclass(frozen=True)
class _AreaName:
    start: int
    end: int
    level: str  # a level of area_levels.csv
    tier: str
    name: str  # "" for a self-reference ("huyện đã")
    provinces: frozenset[str]  # provinces that have a unit of this tier and name


def area_names(text: str, levels: list[dict]) -> list[_AreaName]:
    """Districts and communes the text names ("huyện Mèo Vạc"), and its references to a level alone."""
    by_word = {row["name_vi"].lower(): row for row in levels}
    # A name never runs on to the next line ("… huyện Hướng Hóa\nTrang chủ") nor across a column gap
    # ("HUYỆN GÒ QUAO      Độc lập - Tự do - Hạnh phúc").
    pattern = re.compile(rf"(?<!\w)(?P<level>{_any(by_word)})(?!\w)(?P<rest>(?:[ \u00a0][^\W\d_]+){{0,4}})",
                         re.IGNORECASE)
    province_names = _places().names
    known = None
    found = []
    pos = 0
    compound = re.compile(rf"(?<!\w)(?:{_any(cues()['area']['compound_before'])})\s*$", re.IGNORECASE)
    plural = re.compile(rf"(?<!\w)(?:{_any(cues()['area']['plural'])})\s+$", re.IGNORECASE)
    while m := pattern.search(text, pos):
        if compound.search(text, max(0, m.start() - 20), m.start()):
            pos = m.end("level")  # "Thông tấn xã", "hợp tác xã": no commune
            continue
        words = []
        for word in m["rest"].split():
            if not word[0].isupper():
                break
            words.append(word)
        name = _proper_case(" ".join(words))
        # the name as written ends with its last word (a heading's "THAN UYÊN" is spelled "Than Uyên")
        end = m.start("rest") + ([w.end() for w in re.finditer(r"[^\W\d_]+", m["rest"])][len(words) - 1] if name else 0)
        pos = end if name else m.end("level")  # the words after a level alone may hold the next level
        if name.lower() in province_names:
            continue  # "thành phố Hà Nội" is a province
        row = by_word[m["level"].lower()]
        known = admin.areas() if known is None else known
        found.append(_AreaName(m.start(), end, row["level"], row["tier"], name, _provinces_of(known, name, row)))
        # "Các huyện: Châu Phú, Phú Tân, Chợ Mới và …": a plural level word names a list
        if plural.search(text, max(0, m.start() - 6), m.start()):
            for start, stop, listed in _listed_names(text, end if name else m.end("level")):
                listed = _proper_case(listed)
                if listed.lower() not in province_names:
                    found.append(_AreaName(start, stop, row["level"], row["tier"], listed, _provinces_of(known, listed, row)))
                pos = max(pos, stop)
    return sorted(found + _appositions(text, by_word), key=lambda a: a.start)


def _provinces_of(known: dict, name: str, row: dict) -> frozenset[str]:
    """The provinces with a unit of this name at this level — written with another tone mark if need be
    ("huyện Đăk Glei" for "Đắk Glei"), else with no marks at all ("Mù Cang Chải" for the "Mù Căng Chải" the
    package spells)."""
    if not name:
        return frozenset()
    for names, key in ((known, name), (admin.areas_without_tones(), admin.without_tones(name)),
                       (admin.areas_unmarked(), admin.unmarked(name))):
        if found := frozenset(p for p, tier, _ in names.get(key, ()) if tier == row["tier"]):
            return found
    return frozenset()


def _listed_names(text: str, position: int):
    """(start, end, name) of the names that follow a plural level word, one by one: ": A, B và C"."""
    item = re.compile(r"(?::\s*|\s*,\s*|\s+và\s+)(?P<words>[^\W\d_]+(?:[ \u00a0][^\W\d_]+){0,3})")
    while (m := item.match(text, position)) and m["words"][0].isupper():
        words = []
        for word in m["words"].split():
            if not word[0].isupper():
                break
            words.append(word)
        name = " ".join(words)
        yield m.start("words"), m.start("words") + len(name), name
        position = m.start("words") + len(name)


def _proper_case(name: str) -> str:
    """A name as the administrative units spell it: a heading in capitals ("HUYỆN SƠN ĐỘNG") says
    nothing of its case, so only a unit the package knows is taken from it, in its own spelling."""
    if not name.isupper():
        return name
    return _names_by_case().get(name.casefold(), "")


@cache
def _names_by_case() -> dict[str, str]:
    return {name.casefold(): name for name in admin.areas() if name}


def _appositions(text: str, by_word: dict[str, dict]) -> list[_AreaName]:
    """Units named before their level ("Nậm Xé là xã vùng cao …"); only names the package knows at
    that level, so that "Đây là xã …" names nothing."""
    copula = _any(cues()["area"]["apposition"])
    pattern = re.compile(rf"(?P<words>(?:[^\W\d_]+[^\S\n]+){{1,4}})(?:{copula})[^\S\n]+"
                         rf"(?P<level>{_any(by_word)})(?!\w)")
    known = admin.areas()
    out = []
    for m in pattern.finditer(text):
        words = m["words"].split()
        run = next((i for i in range(len(words), 0, -1) if not words[i - 1][0].isupper()), 0)
        words = words[run:]  # the capitalised words right before "là": "Theo đó Nậm Xé là xã"
        if not words:
            continue
        name, row = " ".join(words), by_word[m["level"].lower()]
        provinces = frozenset(p for p, tier, _ in known.get(name, ()) if tier == row["tier"])
        if provinces:
            start = m.start("words") + m["words"].index(words[0])
            out.append(_AreaName(start, start + len(name), row["level"], row["tier"], name, provinces))
    return out


def _issued_by(text: str, start: int) -> bool:
    """Whether the unit named at `start` is a report's issuer: "ỦY BAN NHÂN DÂN" before it on its line, or
    as the first column of the line before ("ỦY BAN NHÂN DÂN      CỘNG HÒA …\nHUYỆN KRÔNG PA")."""
    issuer = re.compile(rf"(?<!\w)(?:{_any(cues()['area']['issuer'])})", re.IGNORECASE)
    line = text.rfind("\n", 0, start) + 1
    if issuer.search(text[line:start]):
        return True
    before = text[text.rfind("\n", 0, max(0, line - 1)) + 1:line].strip() if line else ""
    first_column = re.split(r"\s{3,}", before)[0] if before else ""
    return not text[line:start].strip() and bool(issuer.fullmatch(first_column))


def area(text: str, heading: Guess, names: list[_AreaName], province_slug: str) -> tuple[Guess, str]:
    """The district or commune a document is about, with its level; ("", "") for the whole province."""
    spec = cues()["area"]
    # "huyện đã …", "Toàn huyện …", "tại xã." — the level alone, as the subject of the text
    alone = re.compile(rf"\s*(?:(?:{_any(spec['self_reference_after'])})(?!\w)|[,.;:]|$)", re.IGNORECASE)
    self_refs: dict[str, int] = {}
    for a in names:
        if not a.name and alone.match(text, a.end):
            self_refs[a.level] = self_refs.get(a.level, 0) + 1
    scores: dict[tuple[str, str], float] = {}
    first: dict[tuple[str, str], _AreaName] = {}
    title_text = str(heading.value)
    for a in names:
        if not a.name:
            continue
        key = (a.name, a.level)
        first.setdefault(key, a)
        scores[key] = scores.get(key, 0.0) + spec["weight_named"]
    issued = {(a.name, a.level) for a in names if a.name and a.start < spec["issuer_chars"] and _issued_by(text, a.start)}
    for key in scores:
        scores[key] += (spec["weight_title"] * (key[0] in title_text) + spec["weight_subject"] * self_refs.get(key[1], 0)
                        + spec["weight_issuer"] * (key in issued))
    if not scores:
        return Guess(), ""
    best = max(scores, key=scores.get)
    if scores[best] < spec["min_score"]:
        return Guess("", f"no district or commune dominates (best: {best[1]} {best[0]}, score {scores[best]:g})"), ""
    a = first[best]
    listed = province_slug in a.provinces if province_slug else bool(a.provinces)
    in_title = ", in the title" if best[0] in title_text else ""
    in_title += ", its issuer" if best in issued else ""
    subject = self_refs.get(best[1], 0)
    words = f"{text[a.start:a.end]} (score {scores[best]:g}{in_title}; the {best[1]} as subject {subject}×)"
    return Guess(best[0], words, 0.9 if listed else 0.6), best[1]


# --- dates --------------------------------------------------------------------------------------

def published(lines: _Lines) -> Guess:
    """The first date stamp line ("14:32 | 20/11/2023", "Cập nhật 21-03-2023")."""
    for _, line in lines.stamps:
        m = _ISO_DATE.match(line) or re.search(_DATE, line) or _OFFICIAL_DATE.search(line)
        if day := _day(int(m["y"]), int(m["m"]), int(m["d"])):
            return Guess(day, line, 0.9)
    return Guess()


def _month_stamped(read, text: str, heading: Guess) -> Guess:
    """The report year of a page an archive dates only by its month ("date 2020-11 …"): read as of that
    month's last day, which no day the page names can fall after; the evidence names the month only."""
    m = _ISO_MONTH.match(text)
    if m is None or not 1 <= int(m["m"]) <= 12:
        return read(text, heading, None)
    year, month = int(m["y"]), int(m["m"])
    last = date(year, month, calendar.monthrange(year, month)[1])
    found = read(text, heading, last)
    return Guess(found.value, str(found.words).replace(last.isoformat(), f"{year}-{month:02d}"), found.confidence)


def report_year(text: str, heading: Guess, day: date | None = None) -> Guess:
    """The year the document reports on, from the first of these that the text holds: a review cue
    before "năm N" (or a quarter) in the title, else in the text; a review of "năm qua" (the past year),
    or "năm nay", by the document's date; a period the title says things were done in ("Giai đoạn
    2014-2019, … giảm 6,37%"); the last of the years it looks back on ("Trong 03 năm, từ năm 2016 –
    2018"); a year the title names; the first year of things done ("Năm 2024, xã đã …"), or the last of
    a chronicle that goes on from it; a period in which things were done, once ended; the dated
    document's year so far ("Tính đến hết ngày 15/5", "Đến nay, …")."""
    spec = cues()["report_year"]
    # "6 tháng đầu năm 2024": a cue that ends in "năm" takes its year right after it
    pattern = re.compile(rf"(?<!\w)(?P<cue>{_any(spec['cues'])})(?!\w)"
                         rf"(?:(?<={re.escape(cues()['figure']['year_word'])})\s+(?P<direct>(?:19|20)\d{{2}})(?!\d)"
                         rf"|[^.;!?\n]{{0,{spec['max_gap_chars']}}}?{_year_pattern().pattern})", re.IGNORECASE)
    # the year a review looks at comes first: "tổng kết … năm qua và triển khai nhiệm vụ năm 2026"
    # reviews the past year, and 2026 is the year of the tasks
    elsewhere = re.compile(rf"(?<!\w)(?:{_any(spec['task_cues'] + spec['past_year'])})(?!\w)", re.IGNORECASE)
    compared = _compared()
    # "… quý III/2024": a quarter of a year
    quarter = re.compile(rf"(?<!\w)(?P<cue>{_any(spec['quarter_words'])})\s+(?:{_any(cues()['figure']['quarters'])})"
                         rf"\s*(?:/|-|{re.escape(cues()['figure']['year_word'])})\s*(?:{re.escape(cues()['figure']['year_word'])}\s+)?"
                         rf"(?P<direct>(?:19|20)\d{{2}})(?!\d)", re.IGNORECASE)
    for body, confidence in ((str(heading.value), 0.9), (text, 0.8)):
        found = sorted([*pattern.finditer(body), *quarter.finditer(body)], key=lambda m: m.start())
        for m in found:
            if (m.re is quarter or not elsewhere.search(m.group(), m.end("cue") - m.start())) \
                    and not compared.search(body, 0, m.start()) and not _change_start().match(body, m.end()):
                return Guess(int(m["direct"] if m.re is quarter else m["year"] or m["direct"]), m.group(), confidence)
    past = re.compile(rf"(?<!\w)(?:{_any(spec['cues'])})(?!\w)[^.;!?\n]{{0,{spec['past_gap_chars']}}}?"
                      rf"(?<!\w)(?:{_any(spec['past_year'])})(?!\w)", re.IGNORECASE)
    if day is not None and (m := past.search(f"{heading.value}\n{text}")):
        # a review held early in a year looks back on the year before; late in a year, on that year
        early = day.month <= cues()["dates"]["review_next_year_until_month"]
        return Guess(day.year - 1 if early else day.year, f"{m.group()} (dated {day.isoformat()})", 0.6)
    # "(HBĐT) - Năm qua, …", "Trong năm qua, …": a sentence that opens on the past year reviews it
    # (also after a source named first: "Theo Ban Dân tộc tỉnh, năm qua toàn tỉnh được giao …")
    opening = re.compile(rf"(?:^|[.!?:,\n]|\s[-–])\s*(?:(?:{_any(spec['past_opening'])})\s+)?(?:\d{{1,2}}\s+)?(?:{_any(spec['past_year'])})(?!\w)",
                         re.IGNORECASE)
    if day is not None and (m := opening.search(text, 0, cues()["dates"]["lead_chars"])):
        early = day.month <= cues()["dates"]["review_next_year_until_month"]
        return Guess(day.year - 1 if early else day.year, f"{m.group().strip(' ,')} (dated {day.isoformat()})", 0.5)
    # "Năm nay, xã được phân bổ …": the document's year — not a month of it ("đến hết tháng 1 năm nay"),
    # which dates an estimate, not the year reviewed
    this = re.compile(rf"(?<!\w)(?<!{re.escape(cues()['dates']['month_word'])}\s\d\s)(?<!{re.escape(cues()['dates']['month_word'])}\s\d\d\s)"
                      rf"(?:{_any(spec['this_year'])})(?!\w)", re.IGNORECASE)
    if day is not None and (m := this.search(text)):
        return Guess(day.year, f"{m.group()} (dated {day.isoformat()})", 0.6)
    if (span := _period_done(str(heading.value), day)).value:  # "Giai đoạn 2014-2019, … Gia Lai giảm 6,37% …"
        return span
    if (span := _years_reviewed(text, day)).value:
        return span
    # "Hội nghị biểu dương … người có uy tín … năm 2023": a title names the year it is about
    # (not a first sentence standing for a title, nor a target, nor a date written out: "ngày 23 tháng 08 năm 2019")
    skip = _cue_pattern(cues()["figure"]["not_the_year"])
    title_text = str(heading.value)
    written_date = re.compile(rf"{re.escape(cues()['dates']['month_word'])}\s+\d{{1,2}}\s*,?\s*$", re.IGNORECASE)
    if not title_text.rstrip().endswith(".") and not _cue_pattern(cues()["figure"]["target"]).search(title_text) \
            and (named := next((m for m in _year_pattern().finditer(title_text) if not _skipped(skip, title_text, m)
                                and not written_date.search(title_text, 0, m.start())), None)):
        return Guess(int(named["year"]), title_text[:120], 0.5)
    if (done := _year_of_things_done(text)).value:
        return done
    if (span := _period_done(text, day)).value:
        return span
    if day is not None and (m := _so_far(text)):
        return Guess(_year_of_day_month(m, day), f"{m.group().strip()} (dated {day.isoformat()})", 0.4)
    return Guess("", "no year the text reviews, and no year of things done", 0.0)


def _years_reviewed(text: str, day: date | None) -> Guess:
    """The last year of the first span of past years the text looks back on ("Từ năm 2009 - 2014, …"):
    not a programme's period ("giai đoạn I: từ năm 2021-2025"), nor one that ends after the document."""
    spec = cues()["report_year"]
    pattern = re.compile(rf"(?<!\w)(?:{_any(spec['span_from'])})\s+(?P<first>(?:19|20)\d{{2}})\s*"
                         rf"(?:[-–]|(?:{_any(spec['span_to'])})(?:\s+{re.escape(cues()['figure']['year_word'])})?)\s*"
                         rf"{_YEAR}(?!\d)", re.IGNORECASE)
    period = _cue_pattern(spec["period_words"])
    for m in pattern.finditer(text):
        last = int(m["year"])
        if (period.search(text[max(0, m.start() - _LOOKBACK):m.start()]) or last <= int(m["first"])
                or (day is not None and last > day.year)):
            continue
        return Guess(last, sentence_around(text, m.start(), m.end())[:120], 0.5)
    return Guess()


@cache
def _change_start() -> re.Pattern:
    """What follows the year a change starts from, whose level comes next: "tỷ lệ nghèo năm 2023 từ 36,97% đã
    giảm xuống còn 33,24% năm 2024" reports 2024."""
    return re.compile(rf"\s*(?:{_any(cues()['report_year']['change_from'])})\s+\d", re.IGNORECASE)


@cache
def _compared() -> re.Pattern:
    """Words just before a year or a review that make it one the text compares with, not its own
    ("… tương đương với kết quả điều tra năm 2015")."""
    return re.compile(rf"(?<!\w)(?:{_any(cues()['report_year']['compared'])})\s*$", re.IGNORECASE)


def _period_done(text: str, day: date | None) -> Guess:
    """The last year of a period in which things were done ("trong giai đoạn 2021 - 2023 toàn tỉnh …
    đầu tư xây dựng 20 công trình"): a period that has ended by the document's date, or, undated, one
    that is no five-year plan's (which may still be running: "giai đoạn 2021-2025, toàn tỉnh đã …")."""
    spec = cues()["report_year"]
    pattern = re.compile(rf"(?<!\w)(?:{_any(spec['period_words'])})\s+(?:{_any(spec['span_from'])}\s+)?"
                         rf"(?P<first>(?:19|20)\d{{2}})\s*[-–]\s*{_YEAR}(?!\d)", re.IGNORECASE)
    done = _cue_pattern(spec["done_cues"] + spec["works_done"])
    target = _cue_pattern(cues()["figure"]["target"])
    compared = _compared()  # "So với giai đoạn 2021-2025, …"
    unnamed = _without_names(text)
    for m in pattern.finditer(text):
        last = int(m["year"])
        ended = last <= day.year if day is not None else last % spec["plan_years"] != 0
        right = sentence_bounds(text, m.start(), m.end())[1]
        cue = min((c for c in (done.search(unnamed, m.end(), right), target.search(unnamed, m.end(), right)) if c),
                  key=lambda c: c.start(), default=None)
        if last > int(m["first"]) and ended and cue is not None and cue.re is done and not compared.search(text, 0, m.start()):
            return Guess(last, sentence_around(text, m.start(), m.end())[:120], 0.4)
    return Guess()


def _year_of_things_done(text: str) -> Guess:
    """The year of the first sentence that states what was done or how things stood then ("Năm 2024, xã
    đã …", "đến cuối năm 2006 cả nước còn …"): the last before its words of doing, else its first — not
    a target's nor a span's start."""
    spec = cues()["report_year"]
    done = _cue_pattern(spec["done_cues"])
    skip = _cue_pattern(cues()["figure"]["not_the_year"])
    target = _cue_pattern(cues()["figure"]["target"])
    plain = re.compile(rf"(?<!\w)(?:{_any(spec['year_without_word'])})\s+{_YEAR}(?!\d)", re.IGNORECASE)
    as_of = re.compile(rf"(?<!\w)(?:{_any(cues()['figure']['as_of_year'])})\s+{_YEAR}(?!\d)", re.IGNORECASE)
    stood_then = {m.end() for m in as_of.finditer(text)}
    # "tính đến ngày 1/7/2015": a state at a day of that year ("từ ngày 11 đến 13/12/2023" is no state)
    as_of_day = re.compile(rf"(?<!\w)(?:{_any(spec['stood_at'])})\s+"
                           rf"(?:{re.escape(cues()['figure']['day_word'])}\s+)?\d{{1,2}}/\d{{1,2}}/{_YEAR}(?!\d)", re.IGNORECASE)
    # "đến hết tháng 9/2023, … đã phê duyệt 13 dự án": how things stood at a month's end
    # ("tháng 6.2025", "tháng 6-2025": the month and year written with a dot or a dash too)
    as_of_month = re.compile(rf"(?<!\w)(?:{_any(cues()['figure']['as_of_month'])})\s+\d{{1,2}}[/.\-]{_YEAR}(?!\d)", re.IGNORECASE)
    dated = [*as_of_day.finditer(text), *as_of_month.finditer(text)]
    stood_then |= {m.end() for m in dated}
    # "… năm 2019 là 609 người": a figure stated as the year's
    year_is = re.compile(rf"{_YEAR}\s+(?:{_any(spec['year_is'])})\s+(?:(?:{_any(vocabulary().qualifiers)})\s+)?\d", re.IGNORECASE)
    stood_then |= {m.end("year") for m in year_is.finditer(text)}
    years = sorted([*_year_pattern().finditer(text), *plain.finditer(text), *dated], key=lambda m: m.start())
    # "từ năm 2022": a span's start, not the year, nor the year a change starts from
    years = [m for m in years if not _skipped(skip, text, m) and not _document_date().search(text, 0, m.start())
             and not _change_start().match(text, m.end())]
    unnamed = _without_names(text)
    # "vốn năm 2023 chuyển sang thực hiện": the year of carried-over capital is its plan's, not the year reported
    carried = re.compile(rf"\s+(?:[^\W\d_]+\s+){{0,2}}?(?:{_any(cues()['figure']['carried_words'])})(?!\w)", re.IGNORECASE)
    for m in years:
        left, right = sentence_bounds(text, m.start(), m.end())
        if _aimed_at(unnamed, left, right, m, target, done) or carried.match(text, m.end()):
            continue
        if m.end() in stood_then:
            return Guess(int(m["year"]), text[left:right].strip()[:120], 0.5)
        if cue := done.search(text, left, right):
            # "Năm 2015 tỷ lệ … là 19,26%, đến năm 2022 giảm xuống còn 7,97%": the year the done words follow
            own = [y for y in years if left <= y.start() < right]
            before = [y for y in own if y.start() < cue.start()]
            chosen = before[-1] if before else own[0]
            # "Năm 2022 - 2023, tỉnh được phân bổ …", "Năm 2014, 2015, Chương trình …": the later of years listed
            listed = re.match(r"\s*(?:[-–,]|và)\s*(?P<year>(?:19|20)\d{2})(?!\d)", text[chosen.end():])
            year = max(int(chosen["year"]), int(listed["year"])) if listed else int(chosen["year"])
            # (a day or a month the clauses go on to is how things stood then, no next year of the chronicle: "Năm
            # 2022, … được phân bổ 412,8 tỷ đồng … Đến hết tháng 1/2023, ba huyện đã giải ngân …" reports 2022)
            chronicle = [y for y in years if y not in dated]
            return Guess(_last_of_chronicle(text, chronicle, year, right), text[left:right].strip()[:120], 0.5)
    return Guess()


def _last_of_chronicle(text: str, years: list[re.Match], year: int, end: int) -> int:
    """The last year of a chronicle that goes on, clause by clause, from the year found ("năm 2020 thực
    hiện hỗ trợ 5 căn nhà …; năm 2021, … 10 căn; năm 2022, …"): each next clause of the paragraph
    that opens with a later year."""
    paragraph_end = text.find("\n", end)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    opening = re.compile(r"[;.]\s*(?:[^\W\d_]+\s+){0,2}$")
    for m in years:
        if end <= m.start() < paragraph_end and int(m["year"]) > year and opening.search(text, end - 1, m.start()):
            year, end = int(m["year"]), m.end()
    return year


def _aimed_at(text: str, left: int, right: int, year: re.Match, target: re.Pattern, done: re.Pattern) -> bool:
    """Whether a target governs the year: the cue nearest before it in its sentence, else the first
    after it ("Phấn đấu đến năm 2025 …", "Năm 2025, huyện phấn đấu …") — not a target named after
    words of doing ("Thực hiện Dự án 6 … năm 2024, huyện … nhằm thúc đẩy mục tiêu của dự án")."""
    before = [(m.start(), m.re is target) for cue in (target, done) for m in cue.finditer(text, left, year.start())]
    if before:
        return max(before)[1]
    after = [(m.start(), m.re is target) for cue in (target, done) for m in cue.finditer(text, year.end(), right)]
    return bool(after) and min(after)[1]


@cache
def _document_date() -> re.Pattern:
    """A legal document's number and the day of its date, just before that date's year: "Nghị định
    13/2017/NĐ-CP ngày 10 tháng 02 năm 2017" dates the decree, not what the text reports."""
    day, month = re.escape(cues()["figure"]["day_word"]), re.escape(cues()["dates"]["month_word"])
    return re.compile(rf"\d+/(?:(?:19|20)\d{{2}}/)?[A-ZĐ][\w-]*\s+(?:{day}\s+)?\d{{1,2}}\s+{month}\s+\d{{1,2}}\s*,?\s*$",
                      re.IGNORECASE)


def _skipped(skip: re.Pattern, text: str, m: re.Match) -> bool:
    """A year just after words that make it no year of what is reported ("từ năm 2022", "giảm từ 30,1%
    năm 2021", "so với mức 40,9 triệu đồng năm 2019") — not when another year stands between ("giai đoạn
    2021 - 2030, năm 2023") or the level reached ("từ 24,71% xuống còn 20,71% vào cuối năm 2024"), nor
    across a clause's end ("… nâng lên so với trước. Đến năm 2020, …", "Từ nguồn vốn này, năm 2023 …")."""
    window = re.split(r"[.;!?\n,]\s", text[max(0, m.start() - _SKIP_LOOKBACK):m.end()])[-1]
    found = last_match(skip, window)
    between = window[found.end():len(window) - len(m.group())] if found is not None else ""
    return (found is not None and not re.search(r"(?<!\d)(?:19|20)\d{2}(?!\d)", between)
            and not _cue_pattern(cues()["figure"]["level_reached"]).search(between))


def _so_far(text: str) -> re.Match | None:
    """The first words that measure the year so far with no year of their own ("Tính đến hết ngày 15/5",
    "6 tháng đầu năm,", "từ đầu năm đến nay", a clause opening "Đến nay,"): of the year the document is
    dated in."""
    spec = cues()["figure"]
    day = rf"(?:{re.escape(spec['day_word'])}\s+)?(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})(?![/\d])"
    pattern = re.compile(rf"(?<!\w)(?:(?:{_any(spec['as_of_date'])})\s+{day}"
                         rf"|(?:{_any(cues()['report_year']['so_far'])})(?!\w)(?!\s+(?:{re.escape(spec['year_word'])}\s+)?\d)"
                         rf"|(?:^|(?<=[.!?;:,\n]))\s*(?:{_any(cues()['report_year']['now_opening'])})(?!\w))",
                         re.IGNORECASE)
    return pattern.search(text)


def _year_of_day_month(m: re.Match, day: date) -> int:
    """The document's year, or the year before when the day named comes after the document's date."""
    if m["d"] is None:
        return day.year
    named = _day(day.year, int(m["m"]), int(m["d"]))
    return day.year - 1 if named is not None and named > day else day.year


def task_year(text: str, heading: Guess, reported: Guess = Guess()) -> Guess:
    """The year a document sets tasks or targets for, in its title or its opening: a target with no
    year of its own is for that year ("tổng kết năm 2023 và triển khai nhiệm vụ năm 2024"; "phương
    hướng, nhiệm vụ năm tới": the year after the one reported on)."""
    spec = cues()["report_year"]
    gap = rf"(?<!\w)(?:{_any(spec['task_cues'])})(?!\w)[^.;!?\n]{{0,{spec['max_gap_chars']}}}?"
    lead = str(heading.value) + "\n" + text[:cues()["dates"]["lead_chars"]]
    if m := re.compile(gap + _year_pattern().pattern, re.IGNORECASE).search(lead):
        return Guess(int(m["year"]), m.group(), 0.7)
    if reported.value and (m := re.compile(gap + _next_year().pattern.lstrip(r"\s*"), re.IGNORECASE).search(lead)):
        return Guess(int(reported.value) + 1, f"{m.group()} after the report year {reported.value}", 0.6)
    return Guess()


def event_date(text: str, day_published: date | None, year: Guess, heading: Guess) -> Guess:
    """The first sentence that opens with a day ("Chiều 10/1, …"); its year stated, else the page date's
    (a day after the page date is of the year before), else the report year's (or the next, for a review)."""
    spec = cues()["dates"]
    month, year_word = re.escape(spec["month_word"]), re.escape(cues()["figure"]["year_word"])
    day = (rf"(?P<d>\d{{1,2}})[/-](?P<m>\d{{1,2}})(?:[/-](?P<y>\d{{4}}))?"  # 10/1, 12/1/2024, "Chiều 3-5"
           rf"|(?P<d2>\d{{1,2}})\s+{month}\s+(?P<m2>\d{{1,2}})(?:\s+{year_word}\s+(?P<y2>\d{{4}}))?")  # 10 tháng 01 năm 2023
    # A paper's dateline may come first: "(GLO) - Sáng 16/1, …", "Hướng Hóa (Quảng Trị) – Ngày 19/12, …".
    dateline = r"(?:[^\n.!?()]{0,40}\([^()\n]{1,30}\)\s*[-–—]\s*)?"
    lead = rf"(?:(?:{_any(spec['event_lead'])})\s*,\s*)?"  # "Hôm qua, ngày 28/4/2022, …"
    pattern = re.compile(rf"(?:^|(?<=[.!?]\s))[ \t]*{dateline}{lead}(?P<cue>{_any(spec['event_cues'])})\s+(?:{day})(?=\s*[,:])",
                         re.MULTILINE | re.IGNORECASE)
    m = pattern.search(text)
    if not m:
        return Guess()
    words = m.group().strip()
    d, mo, y = int(m["d"] or m["d2"]), int(m["m"] or m["m2"]), m["y"] or m["y2"]
    if y:
        return Guess(_day(int(y), mo, d) or "", words, 0.95)
    if day_published is not None:
        guess = _day(day_published.year, mo, d)
        if guess and guess > day_published:
            guess = _day(day_published.year - 1, mo, d)
        return Guess(guess or "", f"{words} (year from the page date {day_published.isoformat()})", 0.9)
    if year.value:
        lead = str(heading.value) + "\n" + text[:spec["lead_chars"]]
        review = _cue_pattern(spec["whole_year_review"]).search(lead)
        after = review and mo <= spec["review_next_year_until_month"]
        chosen = int(year.value) + 1 if after else int(year.value)
        why = "held after the year it reviews" if after else "within the year reported on"
        return Guess(_day(chosen, mo, d) or "", f"{words} (year from the report year {year.value}: {why})", 0.6)
    # "Chiều 18/10, Ban chỉ đạo Đại hội … lần thứ IV năm 2024 tổ chức họp báo": the year its sentence names
    if named := _year_pattern().search(sentence_around(text, m.start("cue"), m.end())):
        return Guess(_day(int(named["year"]), mo, d) or "", f"{words} (year from its sentence: {named.group()})", 0.6)
    return Guess("", f"{words} (no year stated or implied)", 0.0)


# --- the document as a whole -------------------------------------------------------------------

@dataclass(frozen=True)
class Document:
    """What `dantoc add` reads from a document: every registry field as a Guess, the publisher's id part."""

    guesses: dict[str, Guess]
    publisher_slug: str
    task_year: Guess = Guess()  # the year a review sets tasks for ("triển khai nhiệm vụ năm 2024")

    def value(self, field: str):
        return self.guesses[field].value

    @property
    def date(self) -> date | None:
        """The document's own date: published, else the event's."""
        for field in ("published", "event_date"):
            if isinstance(self.value(field), date):
                return self.value(field)
        return None


def read_document(text: str, levels: list[dict], province_override: str | None = None) -> Document:
    lines = _lines(text)
    heading = title(text, lines)
    who, publisher_slug = publisher(lines, heading)
    day = published(lines)
    year = _month_stamped(report_year, text, heading) if not day.value else report_year(text, heading, day.value)
    event = event_date(text, day.value or None, year, heading)
    if not year.value and isinstance(event.value, date):
        # "Sáng 8/5, huyện … tổ chức Đại hội …": a page that reports an event and no year of results is of the event's year
        year = Guess(event.value.year, f"the year of the event it reports ({event.words[:80]})", 0.3)
    doc_day = day.value or event.value or None
    names = area_names(text, levels)
    if province_override:
        where = Guess(province_override, "--province", 1.0)
    else:
        where = province(text, lines, heading, doc_day, names, [row["name_vi"] for row in levels])
    place, level = area(text, heading, names, str(where.value))
    guesses = {"province": where, "area": place, "area_level": Guess(level, place.words, place.confidence),
               "title": heading, "publisher": who, "published": day, "event_date": event, "report_year": year}
    return Document(guesses, publisher_slug, task_year(text, heading, year))


# --- what a figure means ------------------------------------------------------------------------

@dataclass(frozen=True)
class _Context:
    before: str  # the sentence up to the figure's number (qualifier included)
    sentence_start: int
    after: str = ""  # the clause after the figure ("… 383,9 tỷ đồng được chuyển sang năm 2023")


_SENTENCE = re.compile(r"[.!?…](?=\s)|\n")


_CLAUSE_AFTER = re.compile(r"[,;.!?…](?=\s)|\n|\s(?:và|rồi)\s")


def _context(text: str, mention: Mention) -> _Context:
    start = 0
    for m in _SENTENCE.finditer(text, 0, mention.start):
        start = m.end()
    digit = re.search(r"\d", mention.text)
    # the clause after it: to a mark or a clause joined by "và" ("… trên 70% kế hoạch vốn và hoàn thành …")
    clause = _CLAUSE_AFTER.search(text, mention.end)
    after = text[mention.end:clause.start() if clause else len(text)]
    return _Context(text[start:mention.start + (digit.start() if digit else 0)], start, after)


_AFTER_NUMBER = re.compile(r"(?:(?P<word>\w+)\s+)?\d[\d.,]*\s*%?\s*$")


def _last_cue(words, before: str) -> re.Match | None:
    """The last cue word before the figure that is not a noun after another figure: in "đạt 76% kế hoạch"
    and "01 kế hoạch của UBND tỉnh", "kế hoạch" is a rate's base and a count's noun, not a plan."""
    found = None
    for m in _cue_pattern(words).finditer(before):
        number = _AFTER_NUMBER.search(before, 0, m.start())
        if not number or (number["word"] or "").lower() == cues()["figure"]["year_word"]:  # "năm 2022 kéo dài"
            found = m
    return found


def basis(ctx: _Context) -> Guess:
    """Target or estimate when such a cue stands before the figure; capital carried into a later
    year is a plan of that year; else the nearest plan or result cue."""
    spec = cues()["figure"]
    if m := carried_after(ctx) or carried_into(ctx):
        return Guess("plan", m.group().strip(), 0.7)
    before = _without_names(ctx.before)  # "Chương trình mục tiêu quốc gia" sets no target
    for kind in ("target", "estimate"):
        if m := _cue_pattern(spec[kind]).search(before):
            return Guess(kind, m.group(), 0.8)
    plan, result = _last_cue(spec["plan"], before), _last_cue(spec["result"], before)
    if plan or result:
        kind, m = ("plan", plan) if plan and (not result or plan.end() > result.end()) else ("result", result)
        return Guess(kind, m.group(), 0.7)
    return Guess(spec["default_basis"], "no cue word before the figure", 0.3)


def _without_names(text: str) -> str:
    """The text with the names whose words are cues elsewhere blanked out, same length: "Chương trình
    mục tiêu quốc gia" names a programme and sets no target."""
    return _names_with_cues().sub(lambda m: " " * len(m.group()), text)


@cache
def _names_with_cues() -> re.Pattern:
    return re.compile(rf"(?<!\w)(?:{_any(cues()['figure']['names_not_cues'])})(?!\w)", re.IGNORECASE)


def period(ctx: _Context) -> Guess:
    spec = cues()["figure"]
    if m := last_match(_cue_pattern(spec["to_date"]), ctx.before):
        return Guess("to_date", m.group(), 0.6)
    if m := last_match(_cue_pattern(spec["point"]), ctx.before):
        return Guess("point", m.group(), 0.6)
    return Guess(spec["default_period"], "no cue word for a total so far or a level at a date", 0.4)


@cache
def _year_pattern() -> re.Pattern:
    return re.compile(rf"(?<!\w){re.escape(cues()['figure']['year_word'])}\s+{_YEAR}(?!\d)", re.IGNORECASE)


def carried_over(ctx: _Context) -> re.Match | None:
    """'vốn năm 2022 kéo dài sang năm 2023': the year of the plan (first) and the year spent (second)."""
    return last_match(_carried_pattern(), ctx.before)


def carried_after(ctx: _Context) -> re.Match | None:
    """'… gần 140 tỷ đồng vốn năm 2024 được kéo dài sang năm 2025': both years, said after the figure."""
    return _carried_pattern().search(ctx.after)


def carried_into(ctx: _Context) -> re.Match | None:
    """'… 383,9 tỷ đồng được chuyển sang năm 2023': capital carried into a year, said after it; the
    year it was planned in is the one before."""
    spec = cues()["figure"]
    pattern = re.compile(rf"^\s*(?:[^\W\d_]+\s+){{0,3}}?(?:{_any(spec['carried_over'])})(?:\s+[^\W\d_]+){{0,3}}?"
                         rf"\s+{re.escape(spec['year_word'])}\s+(?P<year>\d{{4}})", re.IGNORECASE)
    return pattern.search(ctx.after)


def _carried_onward(ctx: _Context) -> re.Match | None:
    """ "vốn năm 2022 được kéo dài sang là …": capital of a year carried over with no year named after
    "sang", the last such before the figure in its sentence."""
    spec = cues()["figure"]
    word = re.escape(spec["year_word"])
    pattern = re.compile(rf"{word}\s+(?P<vintage>\d{{4}})(?:\s+[^\W\d_]+){{0,{spec['carried_gap_words']}}}?"
                         rf"\s+(?:{_any(spec['carried_over'])})(?!\w)(?!(?:\s+[^\W\d_]+){{0,3}}?\s+{word}\s+\d)",
                         re.IGNORECASE)
    return last_match(pattern, ctx.before)


def _carried_named_after(ctx: _Context) -> re.Match | None:
    """ "12.480 triệu đồng vốn năm trước chuyển sang (vốn năm 2021 kéo dài)": capital the words after it
    say is carried over, with its plan year (or "năm trước", the year before) — a stated year first."""
    spec = cues()["figure"]
    carried = rf"\s+(?:[^\W\d_]+\s+){{0,2}}?(?:{_any(spec['carried_words'])})(?!\w)"
    stated = re.compile(rf"{re.escape(spec['year_word'])}\s+(?P<year>\d{{4}}){carried}", re.IGNORECASE)
    before = re.compile(rf"(?<!\w)(?:{_any(spec['previous_year'])}){carried}(?P<year>)", re.IGNORECASE)
    return stated.search(ctx.after) or before.search(ctx.after)


@cache
def _carried_pattern() -> re.Pattern:
    spec = cues()["figure"]
    word, carried = re.escape(spec["year_word"]), _any(spec["carried_over"])
    between = rf"(?:\s+[^\W\d_]+){{0,{spec['carried_gap_words']}}}"  # "năm 2022 thực hiện kéo dài sang năm 2023"
    return re.compile(rf"{word}\s+(?P<vintage>\d{{4}}){between}\s+(?:{carried})(?:\s+[^\W\d_]+){{0,3}}?"
                      rf"\s+{word}\s+(?P<year>\d{{4}})", re.IGNORECASE)  # "… chuyển sang thực hiện trong năm 2023"


def year(ctx: _Context, doc: Document, as_of: Guess, stated_basis: Guess, text: str = "") -> Guess:
    """The year a carried-over sum is spent in, else the nearest "năm N" before the figure that is not the
    start of a span or a comparison, else (for a target) the year the document sets tasks for, else the
    report year, else the as-of date's year."""
    if m := carried_over(ctx) or carried_after(ctx):
        return Guess(int(m["year"]), m.group(), 0.9)
    if m := carried_into(ctx):
        return Guess(int(m["year"]), m.group().strip(), 0.8)
    if m := _carried_onward(ctx):
        # "vốn năm 2022 được kéo dài sang là 41.275 triệu đồng": spent in the year after its plan's
        return Guess(int(m["vintage"]) + 1, f"{m.group().strip()}: spent in the year after", 0.7)
    skip = _cue_pattern(cues()["figure"]["not_the_year"])
    for m in reversed(list(_year_pattern().finditer(ctx.before))):
        if not skip.search(ctx.before[max(0, m.start() - _LOOKBACK):m.end()]):
            return Guess(int(m["year"]), m.group(), 0.9)
    if doc.value("report_year") and (m := last_match(_previous_year(), ctx.before + ctx.after)):
        # "cao hơn so với cùng kỳ năm trước (cùng kỳ chỉ đạt 41,2%)": the year before the one reported on
        return Guess(int(doc.value("report_year")) - 1, f"{m.group().strip()} before the report year", 0.5)
    if (doc.value("report_year") and (m := last_match(_next_year(), ctx.before))
            and not re.search(r"\d{1,2}/\d{1,2}\s*$", ctx.before[:m.start()])):  # "31/01 năm sau" dates a day
        # "phấn đấu trong năm tới hỗ trợ 950 hộ": the year after the one reported on
        return Guess(int(doc.value("report_year")) + 1, f"{m.group()} after the report year {doc.value('report_year')}", 0.6)
    if stated_basis.value == "target" and (tasks := _tasks_before(text[:ctx.sentence_start], doc)).value:
        return tasks
    if stated_basis.value == "target" and doc.task_year.value:
        return Guess(doc.task_year.value, f"a target with no year: the year of the tasks ({doc.task_year.words})", 0.6)
    if doc.value("report_year"):
        return Guess(int(doc.value("report_year")), "no year in the sentence: the document's report year", 0.5)
    if isinstance(as_of.value, date):
        return Guess(as_of.value.year, f"the year of the as-of date ({as_of.words})", 0.4)
    return Guess("", "no year in the sentence and none for the document", 0.0)


def _tasks_before(before: str, doc: Document) -> Guess:
    """The year of the last line before a target that heads tasks ("III. NHIỆM VỤ NĂM TỚI", "Phương
    hướng nhiệm vụ năm 2024")."""
    spec = cues()["report_year"]
    head = rf"(?im)^[^\n]{{0,12}}?(?<!\w)(?:{_any(spec['task_cues'])})(?!\w)[^.;!?\n]{{0,{spec['max_gap_chars']}}}?"
    found = last_match(re.compile(rf"{head}(?:{_year_pattern().pattern}|(?P<next>{_any(cues()['figure']['next_year'])}))"
                             rf"[^\n.]{{0,40}}$"), before)
    if found is None:
        return Guess()
    if found["next"] is None:
        return Guess(int(found["year"]), found.group().strip(), 0.7)
    if doc.value("report_year"):
        return Guess(int(doc.value("report_year")) + 1, f"{found.group().strip()} after the report year", 0.6)
    return Guess()


def _previous_year() -> re.Pattern:
    """ "cùng kỳ năm trước", "(cùng kỳ chỉ đạt 41,2%)": a comparison's own figure, of the year before the
    one a document reports on."""
    return re.compile(rf"(?<!\w)(?:{_any(cues()['figure']['same_period_last_year'])})(?!\w)", re.IGNORECASE)


def _next_year() -> re.Pattern:
    """ "năm tới", "năm sau": the year after the one a document reports on."""
    return re.compile(rf"\s*(?<!\w)(?:{_any(cues()['figure']['next_year'])})(?!\w)", re.IGNORECASE)


def as_of(ctx: _Context, doc: Document, stated_basis: Guess = Guess()) -> Guess:
    """The date a figure is measured at: a date in its own clause after it, else the last before it in
    its sentence — for a target, in its own clause only ("…; phấn đấu giảm 4,5 điểm phần trăm")."""
    spec = cues()["figure"]
    day = rf"(?:{re.escape(spec['day_word'])}\s+)?(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})(?:/(?P<y>\d{{4}}))?(?![/\d])"
    quarter = _any(spec["quarters"])
    # "thực hiện có hiệu quả" holds no "hiện có"
    not_after = "".join(rf"(?<!{re.escape(w)}\s)" for w in spec["as_of_now_not_after"])
    pattern = re.compile(
        rf"(?<!\w){not_after}"
        rf"(?:(?P<now>{_any(spec['as_of_now'])})(?!\w)"
        rf"|(?:{_any(spec['as_of_year'])})\s+(?P<year>\d{{4}})"
        rf"|(?:{_any(spec['as_of_month'])})\s+(?P<month>\d{{1,2}})/(?P<month_year>\d{{4}})"
        rf"|(?:{_any(spec['as_of_quarter'])})\s+(?P<quarter>{quarter})(?:/(?P<quarter_year>\d{{4}}))?(?![\w/])"
        rf"|(?:{_any(spec['as_of_date'])})\s+{day})", re.IGNORECASE)
    # a date after the figure in its own clause dates it first ("… và hoàn thành 100% kế hoạch trước
    # ngày 31/01/2024"); else the last one before it in its sentence
    before = ctx.before.rsplit(";", 1)[-1] if stated_basis.value == "target" else ctx.before
    m = pattern.search(ctx.after) or last_match(pattern, before)
    if m is None:
        return _as_of_in_report_year(ctx, doc)
    if m["quarter"]:
        if not (m["quarter_year"] or doc.value("report_year")):
            return Guess("", f"{m.group()} (no year stated or reported on)", 0.0)
        y, mo = int(m["quarter_year"] or doc.value("report_year")), spec["quarters"][m["quarter"].upper()]
        # "Lũy kế đến hết quý III": of the year the document reports on
        return Guess(date(y, mo, calendar.monthrange(y, mo)[1]), m.group(), 0.9 if m["quarter_year"] else 0.6)
    if m["now"]:
        if doc.date is None:
            return Guess("", f"{m.group()} (the document has no date)", 0.0)
        return Guess(doc.date, f"{m.group()} + the document's date", 0.7)
    if m["year"]:
        return Guess(date(int(m["year"]), 12, 31), m.group(), 0.9)
    if m["month"]:
        y, mo = int(m["month_year"]), int(m["month"])
        if 1 <= mo <= 12:
            return Guess(date(y, mo, calendar.monthrange(y, mo)[1]), m.group(), 0.9)
        return Guess()
    if m["y"] is None:  # "tính đến ngày 31/12": of the year the document reports on
        if not doc.value("report_year"):
            return Guess("", f"{m.group()} (no year stated or reported on)", 0.0)
        reported = int(doc.value("report_year"))
        # "đến hết ngày 31/01 năm sau": of the year after it
        if nxt := _next_year().match(m.string, m.end()):
            return Guess(_day(reported + 1, int(m["m"]), int(m["d"])) or "",
                         f"{m.group()}{nxt.group()} + the report year {reported}", 0.6)
        return Guess(_day(reported, int(m["m"]), int(m["d"])) or "", f"{m.group()} + the report year {reported}", 0.6)
    return Guess(_day(int(m["y"]), int(m["m"]), int(m["d"])) or "", m.group(), 0.9)


def _as_of_in_report_year(ctx: _Context, doc: Document) -> Guess:
    """ "Ước đến hết năm, …", "Trong 9 tháng, …": a date of the year the document reports on."""
    spec = cues()["figure"]
    year = doc.value("report_year")
    if not year:
        return Guess()
    year_end = re.compile(rf"(?<!\w)(?:{_any(spec['as_of_year_end'])})(?!\s+\d)(?!\w)", re.IGNORECASE)
    months = re.compile(rf"(?<!\w)(?:{_any(spec['as_of_months'])})\s+(?P<n>\d{{1,2}})\s+{re.escape(spec['month_count_word'])}"
                        rf"(?!\w)", re.IGNORECASE)
    if m := last_match(months, ctx.before):
        n = int(m["n"])
        if 1 <= n <= 12:
            return Guess(date(int(year), n, calendar.monthrange(int(year), n)[1]), f"{m.group()} of {year}", 0.6)
    if m := last_match(year_end, ctx.before):
        return Guess(date(int(year), 12, 31), f"{m.group()} of {year}", 0.6)
    return Guess()


def vintage(text: str, ctx: _Context, mention: Mention, stated_basis: Guess, figure_year: Guess,
            needs_vintage: bool) -> Guess:
    """Which year's plan capital belongs to: stated when carried over, else the plan's own year."""
    units = cues()["units"]
    capital = mention.unit in units["capital"] + units["rate"]
    if capital and (m := carried_over(ctx) or carried_after(ctx)):
        return Guess(int(m["vintage"]), m.group(), 0.9)
    if capital and (m := carried_into(ctx)):
        return Guess(int(m["year"]) - 1, f"{m.group().strip()}: carried from the year before", 0.6)
    if capital and (m := _carried_onward(ctx)):
        return Guess(int(m["vintage"]), m.group().strip(), 0.8)
    if capital and (m := _carried_named_after(ctx)):
        if m["year"]:
            return Guess(int(m["year"]), m.group().strip(), 0.8)
        if figure_year.value != "":  # "vốn năm trước chuyển sang": the plan of the year before
            return Guess(int(figure_year.value) - 1, f"{m.group().strip()} (the year before {figure_year.value})", 0.6)
    if capital and (back := _cue_pattern(cues()["figure"]["carried_back"]).search(ctx.before)):
        # "vốn kéo dài đã giải ngân 121 tỷ": the carried-over capital the text stated earlier
        if earlier := last_match(_carried_pattern(), text[:ctx.sentence_start]):
            return Guess(int(earlier["vintage"]), f"{back.group()} → {earlier.group()}", 0.7)
    if figure_year.value == "":
        return Guess()
    if mention.unit in units["capital"] and stated_basis.value == "plan":
        return Guess(figure_year.value, "a plan's capital belongs to the plan's year", 0.6)
    if mention.unit in units["capital"] + units["rate"] and (m := _cue_pattern(units["capital_words"]).search(ctx.before)):
        return Guess(figure_year.value, f"capital ({m.group()!r}) with no other plan year stated: the year's own", 0.5)
    if needs_vintage:
        return Guess(figure_year.value, "plan year not stated: assumed the figure's year", 0.4)
    return Guess()


def figure_area(text: str, ctx: _Context, names: list[_AreaName], doc: Document) -> tuple[Guess, str]:
    """A district or commune named in the sentence before the figure, else the document's area."""
    tiers = {"district": 0, "commune": 1}
    doc_area, doc_level = str(doc.value("area")), str(doc.value("area_level"))
    doc_tier = next((a.tier for a in names if a.name == doc_area and a.level == doc_level), None)
    end = ctx.sentence_start + len(ctx.before)
    inside = [a for a in names if a.name and ctx.sentence_start <= a.start and a.end <= end]
    for a in reversed(inside):
        if doc_tier is None or tiers[a.tier] >= tiers[doc_tier]:
            return Guess(a.name, text[a.start:a.end], 0.8), a.level
    if doc_area:
        return Guess(doc_area, "the document's area", doc.guesses["area"].confidence), doc_level
    return Guess("", "the whole province", 0.6), ""


_CLAUSE_CUT = re.compile(r"[,;:.](?=\s)|[(\n]")  # punctuation, not the marks inside "58.320" or "59,7"


def proposed_name(text: str, mention: Mention, previous: Mention | None = None) -> str:
    """A Vietnamese name for a new indicator: what the figure's clause says before it, its noun, the words after.

    Numbers and the years they name are left out. A clause too short to name anything is named
    from its sentence: a percentage right after another figure is that figure's rate ("đã giải
    ngân 905 tỷ đồng, đạt 72,4%" → "Tỷ lệ giải ngân"); any other figure takes the sentence's
    subject, the words before its first predicate ("Tỷ lệ hộ nghèo … giảm 3,1%/năm, còn 21,7%").
    """
    spec = cues()["figure"]
    cuts = [m.end() for m in _CLAUSE_CUT.finditer(text, 0, mention.start)] or [0]
    digit = re.search(r"\d[\d.,/]*", mention.text)
    units = cues()["units"]
    counted = mention.unit not in units["capital"] + units["rate"]  # "1.024 hộ": the noun names the thing
    noun = mention.text[digit.end():].strip() if digit and counted else ""
    rest = re.match(r"[^,;:().\n\d]*", text[mention.end:]).group().split()[:5]
    # A clause's words before the figure, after the figure before it ("có 160 đại biểu đến từ 12 huyện").
    start = max(cuts[-1], previous.end if previous is not None and previous.end <= mention.start else 0)
    own = _name_words(text[start:mention.start].split())
    if len(_trimmed(own)) >= 2:
        before = own[-spec["name_max_words"]:]
    elif (previous is not None and mention.unit in units["rate"] and previous.unit not in units["rate"] + units["rate_change"]
          and previous.start >= sentence_bounds(text, mention.start, mention.end)[0]):
        of = proposed_name(text, previous)
        return f"{spec['rate_name']} {of[:1].lower()}{of[1:]}"
    else:
        before = _subject(text, mention.start)[:spec["name_max_words"]] + own
    before = _trimmed(before)
    if not before and noun:  # "Đến nay có 43 hợp tác xã": the count of its noun
        before = [spec["count_name"]]
    name = " ".join(before + noun.split() + _trimmed(rest))
    return name[:1].upper() + name[1:]


def _subject(text: str, position: int) -> list[str]:
    """The words of the sentence before `position` up to its first predicate word: what it is about."""
    lead = text[sentence_bounds(text, position, position)[0]:position]
    words = _name_words(re.match(r"\D*", lead).group().replace(",", " ").split())
    predicates = [p.split() for p in cues()["figure"]["name_predicates"]]
    for i in range(len(words)):
        if any([w.lower() for w in words[i:i + len(p)]] == p for p in predicates):
            return words[:i]
    return words


def _name_words(words: list[str]) -> list[str]:
    """Words without numerals, nor the year word before a numeral ("năm 2023")."""
    year_word = cues()["figure"]["year_word"]
    kept = []
    for i, word in enumerate(words):
        numeral = any(c.isdigit() for c in word)
        before_numeral = word.lower() == year_word and i + 1 < len(words) and any(c.isdigit() for c in words[i + 1])
        if not numeral and not before_numeral:
            kept.append(word.strip(",;:()"))
    return [w for w in kept if w]


def _trimmed(words: list[str]) -> list[str]:
    """Words without the framing words a name never starts or ends with; its start first, so that
    "toàn tỉnh" goes whole rather than leaving "toàn" when "tỉnh" ends the words."""
    trim = [w.split() for w in sorted(cues()["figure"]["name_trim"], key=len, reverse=True)]

    def cut(words: list[str], at_start: bool) -> list[str]:
        changed = True
        while changed and words:
            changed = False
            for t in trim:
                edge = words[:len(t)] if at_start else words[-len(t):] if len(words) >= len(t) else []
                if [w.lower() for w in edge] == t:
                    words, changed = (words[len(t):] if at_start else words[:-len(t)]), True
                    break
        return words

    return cut(cut(words, True), False)


def proposed_id(name: str, unit: str, catalogue_units: dict[str, str]) -> str:
    words = re.sub(r"[^a-z0-9]+", " ", admin.slugify(name)).split()
    base = ""
    longest = cues()["figure"]["id_max_chars"]
    for word in words:  # whole words only
        if len(base) + len(word) + 1 > longest:
            break
        base = f"{base}_{word}" if base else word
    base = base or f"proposed_{unit}"
    if base[0].isdigit():
        base = f"proposed_{base}"
    if catalogue_units.get(base, unit) != unit:
        base = f"{base}_{unit}"
    return base


def indicator(text: str, mention: Mention, catalogue: dict[str, dict],
              previous: Mention | None = None) -> tuple[Guess, str]:
    """The catalogue's indicator the extractor proposed, when sure enough; else a new one and its name
    (`previous`: the figure before it, whose rate a bare percentage may be)."""
    spec = cues()["figure"]
    if mention.indicator and mention.confidence >= spec["catalogue_confidence"]:
        return Guess(mention.indicator, f"catalogue: {catalogue[mention.indicator]['name_vi']}",
                     mention.confidence), ""
    name = proposed_name(text, mention, previous)
    new_id = proposed_id(name, mention.unit, {k: v["unit"] for k, v in catalogue.items()})
    if new_id in catalogue:
        return Guess(new_id, f"catalogue: {catalogue[new_id]['name_vi']} (same name as the words before)", 0.5), ""
    near = f"; the extractor's best guess {mention.indicator} ({mention.confidence:.2f})" if mention.indicator else ""
    return Guess(new_id, f"indicator=new:{new_id} — name from the words around the figure: {name!r}{near}", 0.3), name


def read_figure(text: str, mention: Mention, doc: Document, names: list[_AreaName],
                catalogue: dict[str, dict], previous: Mention | None = None) -> tuple[dict[str, Guess], str, str]:
    """Every inferred column of a figure, the area's level, and the proposed indicator's name ("" if known)."""
    ctx = _context(text, mention)
    which, new_name = indicator(text, mention, catalogue, previous)
    stated = basis(ctx)
    when = as_of(ctx, doc, stated)
    figure_year = year(ctx, doc, when, stated, text)
    needs = catalogue.get(str(which.value), {}).get("requires_vintage") == "yes"
    place, level = figure_area(text, ctx, names, doc)
    guesses = {"indicator": which, "year": figure_year, "basis": stated, "period": period(ctx),
               "as_of": when, "vintage": vintage(text, ctx, mention, stated, figure_year, needs), "area": place}
    return guesses, level, new_name
