"""Load and validate the data tables; any problem is a DataError naming file, line and column."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pandera.errors

from . import admin, paths, schemas
from .errors import DataError
from .grammar import Figure, parse_figure
from .numbers import FigureError, vocabulary
from .wording import normal_form

SOURCES_FILE, INDICATORS_FILE, FACTS_FILE = "sources.csv", "indicators.csv", "facts.csv"
PLAUSIBILITY_FILE, PROJECTS_FILE, AREA_LEVELS_FILE = "plausibility.csv", "projects.csv", "area_levels.csv"
DOMAINS_FILE, CAPITAL_TYPES_FILE, SEVERITIES_FILE = "domains.csv", "capital_types.csv", "severities.csv"
RAW_FOLDER = "raw"
RELATION_TERM = re.compile(r"^(?P<indicator>[a-z][a-z0-9_]*)(?:@(?P<basis>[a-z]+))?$")


@dataclass(frozen=True)
class Table:
    """A CSV read as text: one dict per row, indexed by the row's line in the file (header = 1)."""

    path: Path
    frame: pd.DataFrame

    def error(self, line: int | None, column: str | None, reason: str) -> DataError:
        return DataError(self.path, reason, line, column)


def read_text(path: Path) -> str:
    """A UTF-8 text file in NFC (a BOM dropped, line ends kept), or a DataError that says where the
    bytes stop being UTF-8. Every offset into a source counts the characters of this text."""
    if not path.is_file():
        raise DataError(path, "file not found")
    data = path.read_bytes()
    try:
        return normal_form(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataError(path, f"not UTF-8 text (byte {exc.start}); save it as UTF-8", line) from None


def read_table(path: Path, columns: list[str], optional: tuple[str, ...] = ()) -> Table:
    """A CSV with exactly these columns; an `optional` one may be left out and then reads ""."""
    text = read_text(path)
    if not text.strip():
        raise DataError(path, "file is empty; expected a header and rows")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    missing = [c for c in columns if c not in header and c not in optional]
    if missing:
        raise DataError(path, f"missing column(s): {', '.join(missing)}", 1)
    extra = [c for c in header if c not in columns]
    if extra:
        raise DataError(path, f"unknown column(s): {', '.join(extra)}", 1)
    rows, lines = [], []
    for fields in reader:
        if not any(f.strip() for f in fields):
            continue
        if len(fields) != len(header):
            raise DataError(path, f"expected {len(header)} fields, found {len(fields)}", reader.line_num)
        rows.append(dict(zip(header, (f.strip() for f in fields))))
        lines.append(reader.line_num)
    if not rows:
        raise DataError(path, "no rows below the header")
    frame = pd.DataFrame(rows, index=pd.Index(lines, name="line"), columns=columns, dtype="str").fillna("")
    return Table(path, frame)


def convert_column(table: Table, column: str, kind: str) -> None:
    """Turn a text column into Int64 / float64 / datetime64, naming the first bad cell."""
    converted = []
    for line, raw in table.frame[column].items():
        if raw == "":
            converted.append(None)
            continue
        try:
            if kind == "int":
                converted.append(int(raw))
            elif kind == "float":
                converted.append(float(Decimal(raw)))
            else:
                converted.append(pd.Timestamp.fromisoformat(raw))
        except (ValueError, InvalidOperation):
            expected = {"int": "a whole number", "float": "a number", "date": "an ISO date"}[kind]
            raise table.error(line, column, f"{raw!r} is not {expected}") from None
    dtype = {"int": "Int64", "float": "float64", "date": "datetime64[ns]"}[kind]
    table.frame[column] = pd.Series(converted, index=table.frame.index, dtype=dtype)


def _validate(table: Table, schema) -> pd.DataFrame:
    _check_unique(table, schema)
    try:
        return schema.validate(table.frame, lazy=True)
    except pandera.errors.SchemaErrors as exc:
        case = exc.failure_cases.sort_values("index", na_position="first").iloc[0]
        line = None if pd.isna(case["index"]) else int(case["index"])
        check = str(case["check"]).replace("field_uniqueness", "unique").replace("str_matches", "pattern")
        reason = f"{case['failure_case']!r} fails {check}"
        raise table.error(line, case["column"], reason) from None


def _check_unique(table: Table, schema) -> None:
    """Name the second use of a key, and where the first one is (pandera would name both)."""
    for name, column in schema.columns.items():
        if not column.unique:
            continue
        values = table.frame[name]
        repeated = values[values.duplicated(keep="first")]
        if len(repeated):
            line, value = next(iter(repeated.items()))
            first = values[values == value].index[0]
            raise table.error(line, name, f"{value!r} is already used on line {first}")


def load_sources(data_dir: str | Path | None = None) -> pd.DataFrame:
    """The source registry, with each raw file checked against its sha256 and read as UTF-8.

    Columns: source_id, path (relative to the data folder, inside raw/), province, area,
    area_level, title, publisher, published, event_date, report_year, url, sha256, notes
    (see DESIGN.md). Every column but source_id, path and sha256 may be empty.
    """
    root = paths.data_dir(data_dir)
    table = read_table(root / SOURCES_FILE, list(schemas.SOURCES.columns))
    for column in ("published", "event_date"):
        convert_column(table, column, "date")
    convert_column(table, "report_year", "int")
    frame = _validate(table, schemas.SOURCES)
    known = admin.known_slugs()
    levels = set(load_area_levels(data_dir)["level"])
    for line, row in frame.iterrows():
        if row["province"] and row["province"] not in known:
            raise table.error(line, "province", f"unknown province slug {row['province']!r}")
        _check_area(table, line, row, levels)
        raw = raw_path(root, row["path"])
        if raw is None:
            raise table.error(line, "path", f"{row['path']!r} is outside the data folder's {RAW_FOLDER}/")
        if not raw.is_file():
            raise table.error(line, "path", f"raw file {row['path']} not found")
        digest = hashlib.sha256(raw.read_bytes()).hexdigest()
        if digest != row["sha256"]:
            raise table.error(line, "sha256", f"{row['path']} has changed since it was registered "
                              f"(sha256 {digest[:12]}…); raw files are never edited")
        read_text(raw)
    return frame.reset_index(drop=True)


def raw_path(data: Path, registered: str) -> Path | None:
    """A registry path resolved inside the data folder's raw/, or None when it points elsewhere
    (an absolute path, '..', or a symlink out): the registry may only name files it holds."""
    raw = (data / RAW_FOLDER).resolve()
    candidate = (data / registered).resolve()
    return candidate if candidate.is_relative_to(raw) and candidate != raw else None


def _check_area(table: Table, line: int, row, levels: set[str]) -> None:
    if bool(row["area"]) != bool(row["area_level"]):
        raise table.error(line, "area_level" if row["area"] else "area",
                          "area and area_level go together: name the district or commune and its level")
    if row["area_level"] and row["area_level"] not in levels:
        raise table.error(line, "area_level", f"unknown area level {row['area_level']!r}; "
                          f"known: {', '.join(sorted(levels))} ({AREA_LEVELS_FILE})")


def source_texts(sources: pd.DataFrame, data_dir: str | Path | None = None) -> dict[str, str]:
    root = paths.data_dir(data_dir)
    return {row.source_id: read_text(root / row.path) for row in sources.itertuples()}


def load_indicators(data_dir: str | Path | None = None) -> pd.DataFrame:
    """The indicator catalogue with its relations (sum_of, ratio_of, target_rule, ...)."""
    table = read_table(paths.data_dir(data_dir) / INDICATORS_FILE, list(schemas.INDICATORS.columns))
    frame = _validate(table, schemas.INDICATORS)
    units = vocabulary().storage_units
    ids = set(frame["indicator"])
    domains = set(load_domains(data_dir)["domain"])
    for line, row in frame.iterrows():
        if row["unit"] not in units:
            raise table.error(line, "unit", f"unknown unit {row['unit']!r}")
        if row["domain"] not in domains:
            raise table.error(line, "domain", f"unknown domain {row['domain']!r}; add it to {DOMAINS_FILE}")
        for column in ("sum_of", "ratio_of", "usd_equivalent_of"):
            for term in relation_terms(row[column]):
                if not (m := RELATION_TERM.match(term)) or m["indicator"] not in ids:
                    raise table.error(line, column, f"{term!r} is not a known indicator")
                if m["basis"] and m["basis"] not in schemas.BASES:
                    raise table.error(line, column, f"unknown basis {m['basis']!r} in {term!r}")
        if row["ratio_of"] and len(relation_terms(row["ratio_of"])) != 2:
            raise table.error(line, "ratio_of", "expected 'numerator / denominator'")
    _check_roles(table, frame, set(load_capital_types(data_dir)["capital_type"]))
    return frame.reset_index(drop=True)


ROLE_UNITS = {"capital_plan": "million_vnd", "disbursed": "million_vnd", "disbursement_rate": "percent"}


def _check_roles(table: Table, frame: pd.DataFrame, capital_types: set[str]) -> None:
    """The capital roles form what the narrative can tell: per capital type at most one plan, one
    disbursement and one rate; a disbursement has its plan; a rate is its disbursement / its plan."""
    first: dict[tuple[str, str], tuple[int, str]] = {}
    for line, row in frame.iterrows():
        role, kind = row["role"], row["capital_type"]
        if not role and not kind:
            continue
        if not role or not kind:
            raise table.error(line, "capital_type" if role else "role",
                              "role and capital_type go together: say what the indicator is, for which capital")
        if kind not in capital_types:
            raise table.error(line, "capital_type", f"unknown capital type {kind!r}; add it to {CAPITAL_TYPES_FILE}")
        if row["unit"] != ROLE_UNITS[role]:
            raise table.error(line, "unit", f"a {role} is in {ROLE_UNITS[role]!r}, not {row['unit']!r}")
        if row["requires_vintage"] != "yes":
            raise table.error(line, "requires_vintage", f"a {role} needs the plan year: set requires_vintage=yes")
        if (role, kind) in first:
            other_line, other = first[(role, kind)]
            raise table.error(line, "role", f"a second {role} of capital type {kind!r} (the first is {other}, "
                              f"line {other_line}); the narrative can tell only one")
        first[(role, kind)] = (line, row["indicator"])
    for line, row in frame.iterrows():
        role, kind = row["role"], row["capital_type"]
        plan = first.get(("capital_plan", kind), (None, None))[1]
        disbursed = first.get(("disbursed", kind), (None, None))[1]
        if role in ("disbursed", "disbursement_rate") and plan is None:
            raise table.error(line, "role", f"a {role} of capital type {kind!r} without a capital_plan of that type")
        if role == "disbursement_rate":
            expected = f"{disbursed} / {plan}@plan"
            if disbursed is None or relation_terms(row["ratio_of"]) != relation_terms(expected):
                raise table.error(line, "ratio_of", f"a disbursement_rate of capital type {kind!r} is "
                                  f"'{expected}' (its disbursed over its capital_plan)")


def relation_terms(expression: str) -> list[str]:
    """'a + b' -> ['a', 'b']; 'a / b@plan' -> ['a', 'b@plan']."""
    return [t.strip() for t in re.split(r"[+/]", expression) if t.strip()]


def load_facts(
    data_dir: str | Path | None = None,
    sources: pd.DataFrame | None = None,
    indicators: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The curated figures, each proven against the words it came from.

    Columns: fact_id, source_id, province, area, area_level, year, indicator, value, unit,
    qualifier, basis, period, vintage, as_of, mention, quote, ambiguity, review, and `resolution` (one step of the last
    stated digit, derived from the mention). Raises DataError on the first unusable row.
    """
    sources = load_sources(data_dir) if sources is None else sources
    indicators = load_indicators(data_dir) if indicators is None else indicators
    table = read_table(paths.data_dir(data_dir) / FACTS_FILE, fact_columns(), schemas.OPTIONAL_FACT_COLUMNS)
    for column in ("year", "vintage"):
        convert_column(table, column, "int")
    convert_column(table, "value", "float")
    convert_column(table, "as_of", "date")
    texts = source_texts(sources, data_dir)
    source_rows = sources.set_index("source_id").to_dict("index")
    catalogue = indicators.set_index("indicator").to_dict("index")
    levels = set(load_area_levels(data_dir)["level"])
    rows = dict(zip(table.frame.index, records(table.frame)))
    starts = quote_starts(((r["source_id"], r["quote"]) for r in rows.values()), texts)
    provinces = admin.known_slugs()
    resolution = []
    for line, row in rows.items():
        _check_references(table, line, row, source_rows, catalogue, provinces)
        _check_area(table, line, row, levels)
        figure = _check_provenance(table, line, row, texts[row["source_id"]], starts[row["source_id"], row["quote"]])
        resolution.append(float(figure.resolution))
    table.frame["resolution"] = pd.Series(resolution, index=table.frame.index, dtype="float64")
    _check_inferred_from(table)
    return _validate(table, schemas.FACTS).reset_index(drop=True)


def quote_starts(quotes: Iterable[tuple[str, str]], texts: dict[str, str]) -> dict[tuple[str, str], tuple[int, ...]]:
    """Where each distinct (source_id, quote) stands in its source's text: () when nowhere, (start,)
    when once, the first two starts when more than once (a source absent from texts: ()).

    Many facts share one quote, so each distinct quote is looked up once; and a text is searched past
    a quote's first occurrence only far enough to tell whether there is a second, never counted. The
    second must not overlap the first, as str.count counts ("aa" stands once in "aaa")."""
    found = {}
    for source_id, quote in quotes:
        if (source_id, quote) in found:
            continue
        text = texts.get(source_id, "")
        first = text.find(quote)
        second = text.find(quote, first + max(len(quote), 1)) if first >= 0 else -1
        found[source_id, quote] = tuple(at for at in (first, second) if at >= 0)
    return found


def records(frame: pd.DataFrame) -> list[dict]:
    """The rows of a frame as dicts, the same as frame.to_dict("records") gives, without its
    cell-by-cell boxing, which takes seconds on 100.000 facts."""
    names = list(frame.columns)  # iterating a pandas Index per row would box its labels each time
    columns = [_objects(frame[c]) for c in names]
    return [dict(zip(names, row)) for row in zip(*columns)]


def _objects(column: pd.Series):
    if isinstance(column.dtype, pd.api.extensions.ExtensionDtype):  # Int64's <NA> -> None
        return column.to_numpy(dtype=object, na_value=None)
    return column.to_numpy(dtype=object)  # float NaN and NaT stay


@lru_cache(maxsize=1 << 17)
def mention_figure(mention: str) -> Figure:
    """parse_figure, once per distinct mention: the loader and the coverage check both read every
    fact's mention, and parsing is most of the loader's time."""
    return parse_figure(mention)


def inferred_from(value: str) -> list[str]:
    return value.split()


def _check_inferred_from(table: Table) -> None:
    ids = set(table.frame["fact_id"])
    linked = table.frame[table.frame["inferred_from"] != ""]  # few rows have links: look at those only
    for line, own, links in zip(linked.index, linked["fact_id"], linked["inferred_from"]):
        for fact_id in inferred_from(links):
            if fact_id not in ids or fact_id == own:
                raise table.error(line, "inferred_from", f"{fact_id!r} is not another fact of facts.csv")


def fact_columns() -> list[str]:
    return [c for c in schemas.FACTS.columns if c != "resolution"]


def _check_references(table, line, row, source_rows, catalogue, provinces: frozenset[str]) -> None:
    if row["source_id"] not in source_rows:
        raise table.error(line, "source_id", f"unknown source {row['source_id']!r}")
    if row["indicator"] not in catalogue:
        raise table.error(line, "indicator", f"unknown indicator {row['indicator']!r}; add it to indicators.csv")
    indicator = catalogue[row["indicator"]]
    if row["unit"] != indicator["unit"]:
        raise table.error(line, "unit", f"{row['unit']!r} but {row['indicator']} is in {indicator['unit']!r}")
    if indicator["requires_vintage"] == "yes" and pd.isna(row["vintage"]):
        raise table.error(line, "vintage", f"{row['indicator']} needs the plan year its capital belongs to")
    if pd.isna(row["year"]) and not row["ambiguity"]:
        raise table.error(line, "year", "empty year needs an ambiguity note saying why")
    if row["province"] not in provinces:
        raise table.error(line, "province", f"unknown province slug {row['province']!r}")
    source_province = source_rows[row["source_id"]]["province"]
    if row["province"] not in (source_province, admin.COUNTRY["slug"]):
        said = f"says {source_province!r}" if source_province else "does not say its province"
        raise table.error(line, "province", f"{row['province']!r} but source {row['source_id']} {said}")


def _check_provenance(table, line, row, text: str, starts: tuple[int, ...]):
    """The quote stands once in the source (starts: quote_starts), the mention in the quote, and
    re-parses to the row."""
    if not starts:
        raise table.error(line, "quote", f"not found verbatim in source {row['source_id']}")
    if len(starts) > 1:
        hits = text.count(row["quote"])
        raise table.error(line, "quote", f"found {hits} times in source {row['source_id']}; lengthen it")
    if row["mention"] not in row["quote"]:
        raise table.error(line, "mention", "not found in the quote")
    try:
        figure = mention_figure(row["mention"])
    except FigureError as exc:
        raise table.error(line, "mention", str(exc)) from None
    value = Decimal(str(row["value"]))
    if value not in (figure.value, figure.denominator):
        raise table.error(line, "value", f"{row['value']:g} but the mention {row['mention']!r} reads {figure.value}")
    if figure.unit != row["unit"]:
        raise table.error(line, "unit", f"{row['unit']!r} but the mention {row['mention']!r} reads {figure.unit!r}")
    if figure.qualifier != row["qualifier"]:
        raise table.error(line, "qualifier",
                          f"{row['qualifier']!r} but the mention {row['mention']!r} reads {figure.qualifier!r}")
    return figure


def _reference_table(data_dir, file: str, schema, numbers: dict[str, str] | None = None) -> tuple[Table, pd.DataFrame]:
    """A small table of names and bands (projects, levels, domains, ...): read, typed, validated."""
    table = read_table(paths.data_dir(data_dir) / file, list(schema.columns))
    for column, kind in (numbers or {}).items():
        convert_column(table, column, kind)
    return table, _validate(table, schema)


def load_plausibility(data_dir: str | Path | None = None) -> pd.DataFrame:
    """Bands a derived figure must fall in to be plausible (check, low, high, unit, rationale)."""
    _, frame = _reference_table(data_dir, PLAUSIBILITY_FILE, schemas.PLAUSIBILITY, {"low": "float", "high": "float"})
    return frame.reset_index(drop=True)


def load_projects(data_dir: str | Path | None = None) -> pd.DataFrame:
    """The ten projects (DA1–DA10) of Programme 1719, named in vi and en."""
    return _reference_table(data_dir, PROJECTS_FILE, schemas.PROJECTS)[1].reset_index(drop=True)


def load_area_levels(data_dir: str | Path | None = None) -> pd.DataFrame:
    """The levels an area below the province can have (district, commune, ...), named in vi and en."""
    return _reference_table(data_dir, AREA_LEVELS_FILE, schemas.AREA_LEVELS)[1].reset_index(drop=True)


def load_domains(data_dir: str | Path | None = None) -> pd.DataFrame:
    """The domains indicators belong to (finance, poverty, ...), named in vi and en, in reading order."""
    return _reference_table(data_dir, DOMAINS_FILE, schemas.DOMAINS)[1].reset_index(drop=True)


def load_capital_types(data_dir: str | Path | None = None) -> pd.DataFrame:
    """The kinds of programme capital (total, investment, recurrent, ...), named in vi and en, by order."""
    table, frame = _reference_table(data_dir, CAPITAL_TYPES_FILE, schemas.CAPITAL_TYPES, {"order": "int"})
    for line, row in frame.iterrows():
        if row["part_of"] and (row["part_of"] not in set(frame["capital_type"]) or row["part_of"] == row["capital_type"]):
            raise table.error(line, "part_of", f"{row['part_of']!r} is not another capital type")
    return frame.sort_values("order").reset_index(drop=True)


def load_severities(data_dir: str | Path | None = None) -> pd.DataFrame:
    """How much a finding weighs (not_checked … error), by rank, named in vi and en."""
    _, frame = _reference_table(data_dir, SEVERITIES_FILE, schemas.SEVERITIES, {"rank": "int"})
    return frame.sort_values("rank").reset_index(drop=True)
