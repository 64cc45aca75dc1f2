"""`dantoc add`: a new document copied and registered, its figures drafted, and on request accepted as drafts."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import shutil
import tempfile
import threading
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from unidecode import unidecode

from . import admin, extract, infer, loaders, paths, schemas
from .errors import DataError
from .grammar import parse_figure
from .numbers import QUALIFIERS, FigureError
from .outputs import TEMPORARY_SUFFIX, write_atomic

DRAFTS_FOLDER = "drafts"
PROBLEM = "problem"  # why a draft cannot be accepted as it stands ("" when it can)
DRAFT_NOTE = "Machine draft (dantoc add), not reviewed: check indicator, basis, period, year, as_of and vintage."


def draft_columns() -> list[str]:
    """facts.csv's columns, a confidence and the evidence words for each inferred column, and the problem."""
    inferred = [f"{column}_{kind}" for column in infer.FIGURE_FIELDS for kind in ("confidence", "evidence")]
    return loaders.fact_columns() + inferred + [PROBLEM]


@dataclass
class Added:
    """What `dantoc add` did with one file."""

    file: str
    status: str  # "added" | "unchanged" (the same bytes were registered before)
    source: dict  # the registry row
    evidence: dict = field(default_factory=dict)  # column -> {"value", "words", "confidence"}
    drafts: list[dict] = field(default_factory=list)
    relations: list[dict] = field(default_factory=list)
    proposed: dict = field(default_factory=dict)  # new indicator id -> catalogue row
    accepted: list[str] = field(default_factory=list)  # fact_ids appended to facts.csv

    def to_json(self) -> dict:
        return {"file": self.file, "status": self.status, "source": {**self.source, "evidence": self.evidence},
                "facts": self.drafts, "relations": self.relations, "accepted": self.accepted}


def add(files: list[str | Path], data_dir: str | Path | None = None, province: str | None = None,
        accept: bool = False) -> list[Added]:
    """Register each file (copied unchanged into raw/), draft its figures, and with `accept` append them.

    Every file is read before anything is written; a missing or non-UTF-8 file is a DataError.
    """
    root = paths.data_dir(data_dir)
    read = [(Path(f), loaders.read_text(Path(f))) for f in files]  # DataError when missing or not UTF-8
    if province and province not in admin.known_slugs():
        raise DataError(Path("--province"), f"{province!r} is not a known province slug (e.g. lang-son)")
    levels = loaders.load_area_levels(root).to_dict("records")
    indicators = loaders.load_indicators(root)
    catalogue = {row["indicator"]: row for row in indicators.to_dict("records")}
    results = []
    for path, text in read:
        result = _add_one(root, path, path.read_bytes(), text, province, levels, indicators, catalogue)
        if accept and result.status == "added":
            accept_drafts(root, result)
        results.append(result)
    return results


def _add_one(root: Path, path: Path, data: bytes, text: str, province: str | None, levels: list[dict],
             indicators, catalogue: dict) -> Added:
    registry = read_rows(root / loaders.SOURCES_FILE)
    digest = hashlib.sha256(data).hexdigest()
    for row in registry:
        if row["sha256"] == digest:
            return Added(paths.display_path(path), "unchanged", row)
    doc = infer.read_document(text, levels, province)
    source_id = new_source_id(doc, {row["source_id"] for row in registry})
    raw_name = store_raw(root, path.name, data)
    source = registry_row(source_id, f"{loaders.RAW_FOLDER}/{raw_name}", doc, digest)
    mentions = extract.extract(text, paths.display_path(path), indicators)
    drafts, proposed = draft_rows(text, mentions, source, doc, infer.area_names(text, levels), catalogue)
    write_rows(root / DRAFTS_FOLDER / f"{source_id}.csv", draft_columns(), drafts)
    append_rows(root / loaders.SOURCES_FILE, list(schemas.SOURCES.columns), [source])
    evidence = {name: guess.to_dict() for name, guess in doc.guesses.items()}
    return Added(paths.display_path(path), "added", source, evidence, drafts, relations(text, paths.display_path(path)),
                 proposed)


def relations(text: str, file: str) -> list[dict]:
    """The relations `dantoc audit` finds in the text, as `dantoc audit FILE --format json` gives them."""
    from . import audit

    return audit.audit(text, file).to_dict()["relations"]


# --- the registry row --------------------------------------------------------------------------

def province_code(slug: str) -> str:
    """A short code for a source_id: the slug's initials and its last letter (lang-son -> lsn)."""
    parts = slug.split("-")
    return "".join(p[0] for p in parts) + parts[-1][-1]


def new_source_id(doc: infer.Document, taken: set[str]) -> str:
    """<province code>-<publisher>-<date or report year>, with -2, -3 … when taken."""
    slug = str(doc.value("province"))
    head = province_code(slug) if slug else infer.cues()["publisher"]["unknown_province"]
    when = doc.date.isoformat() if doc.date else str(doc.value("report_year"))
    base = "-".join(part for part in (head, doc.publisher_slug, when) if part)
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def registry_row(source_id: str, path: str, doc: infer.Document, digest: str) -> dict:
    row = {column: "" for column in schemas.SOURCES.columns}
    for name in infer.SOURCE_FIELDS:
        value = doc.value(name)
        row[name] = value.isoformat() if isinstance(value, date) else str(value)
    if not row["area"] or not row["area_level"]:
        row["area"] = row["area_level"] = ""
    said = [f"{name} from {doc.guesses[name].words!r} ({doc.guesses[name].confidence:.2f})"
            for name in ("province", "area", "published", "event_date", "report_year") if doc.value(name) != ""]
    notes = "Registered by dantoc add; inferred from the text, not reviewed: " + ("; ".join(said) or "nothing stated")
    row.update(source_id=source_id, path=path, sha256=digest, notes=notes)
    return row


# --- drafts -------------------------------------------------------------------------------------

def draft_rows(text: str, mentions: list[extract.Mention], source: dict, doc: infer.Document, names,
               catalogue: dict) -> tuple[list[dict], dict]:
    """One draft row per figure, and a catalogue row for each new indicator the drafts propose."""
    rows, proposed = [], {}
    for i, mention in enumerate(mentions, 1):
        # Indicators proposed earlier in this text count as known: a second figure of one name reuses
        # the first's id, or takes its own when its unit differs ("giải ngân 2.705 tỷ đồng, đạt 79,3%").
        guesses, level, new_name = infer.read_figure(text, mention, doc, names, {**catalogue, **proposed},
                                                     mentions[i - 2] if i > 1 else None)
        row = {
            "fact_id": f"{source['source_id']}#{i:02d}", "source_id": source["source_id"],
            "province": source["province"], "area_level": level if guesses["area"].value else "",
            "value": _plain(mention.value), "unit": mention.unit, "qualifier": mention.qualifier,
            "mention": mention.text, "quote": unique_quote(text, mention), "review": "draft",
            "ambiguity": DRAFT_NOTE + ("" if guesses["year"].value != "" else " The text states no year for it."),
        }
        for column, guess in guesses.items():
            row[column] = guess.value.isoformat() if isinstance(guess.value, date) else guess.value
            row[f"{column}_confidence"] = round(guess.confidence, 2)
            row[f"{column}_evidence"] = guess.words
        if new_name:
            proposed.setdefault(row["indicator"], proposed_indicator(row["indicator"], new_name, mention.unit, source,
                                                                     guesses["indicator"].words))
        row[PROBLEM] = problem(row, text)
        rows.append({column: row.get(column, "") for column in draft_columns()})
    return rows, proposed


def _plain(value: Decimal):
    return int(value) if value == value.to_integral_value() else float(value)


def unique_quote(text: str, mention: extract.Mention) -> str:
    """The sentence around the figure, widened word by word until it occurs once in the text."""
    quote = extract.sentence_around(text, mention.start, mention.end)
    start = text.rfind(quote, max(0, mention.end - len(quote)), mention.start + len(quote))
    if start < 0:
        start, quote = mention.start, mention.text
    end = start + len(quote)
    while not _once(text, text[start:end].strip()) and (start > 0 or end < len(text)):
        if start > 0:
            start = max(text.rfind(" ", 0, start - 1), text.rfind("\n", 0, start - 1)) + 1
        else:
            space = min((p for p in (text.find(" ", end + 1), text.find("\n", end + 1)) if p >= 0), default=len(text))
            end = space
    return text[start:end].strip()


def _once(text: str, part: str) -> bool:
    first = text.find(part)
    return first >= 0 and text.find(part, first + 1) < 0


def problem(row: dict, text: str) -> str:
    """Why the row would not load as a fact ("" when it would): the loader's rules, checked before writing."""
    if not row["province"]:
        return "the source names no province: set it in sources.csv (or add with --province) before accepting"
    if row["qualifier"] not in QUALIFIERS:
        return f"a {row['qualifier']} figure has no single value: curate it by hand"
    if not _once(text, row["quote"]):
        return "the quote is not unique in the source"
    try:
        figure = parse_figure(row["mention"])
    except FigureError as exc:
        return f"the mention does not parse as a figure: {exc}"
    if Decimal(str(row["value"])) not in (figure.value, figure.denominator) or figure.unit != row["unit"] \
            or figure.qualifier != row["qualifier"]:
        return (f"the mention re-parses to {figure.value} {figure.unit} {figure.qualifier}, "
                f"not {row['value']} {row['unit']} {row['qualifier']}")
    return ""


def proposed_indicator(indicator: str, name_vi: str, unit: str, source: dict, words: str) -> dict:
    row = {column: "" for column in schemas.INDICATORS.columns}
    row.update(indicator=indicator, name_vi=name_vi or indicator, unit=unit,
               name_en=f"(proposed) {unidecode(name_vi) or indicator}", domain=infer.cues()["figure"]["proposed_domain"],
               description=f"Proposed by dantoc add from {source['source_id']}, not reviewed: {words}. "
                           "Give it an English name, a domain and its relations.")
    return row


# --- accepting ----------------------------------------------------------------------------------

def accept_drafts(root: Path, result: Added) -> None:
    """Append the drafts that load as facts (review=draft) and their new indicators; keep the rest as drafts.

    The candidate tables are loaded from a staged copy of the data folder first, so facts.csv only ever
    receives rows that pass every check the loader makes; a row it rejects stays in the drafts file
    with the loader's reason.
    """
    facts_path, indicators_path = root / loaders.FACTS_FILE, root / loaders.INDICATORS_FILE
    known = {row["fact_id"] for row in read_rows(facts_path)}
    fact_columns = loaders.fact_columns()
    candidates = [row for row in result.drafts if not row[PROBLEM] and row["fact_id"] not in known]
    while candidates:
        new_indicators = [result.proposed[i] for i in dict.fromkeys(r["indicator"] for r in candidates)
                          if i in result.proposed]
        facts_text = appended(facts_path, fact_columns, candidates)
        indicators_text = appended(indicators_path, list(schemas.INDICATORS.columns), new_indicators)
        rejected = staged_error(root, facts_text, indicators_text, candidates)
        if rejected is None:
            if new_indicators:
                write_atomic(indicators_path, indicators_text.encode("utf-8"))
            write_atomic(facts_path, facts_text.encode("utf-8"))
            result.accepted = [row["fact_id"] for row in candidates]
            break
        row, reason = rejected
        row[PROBLEM] = reason
        candidates.remove(row)
    left = [row for row in result.drafts if row["fact_id"] not in set(result.accepted)]
    write_rows(root / DRAFTS_FOLDER / f"{result.source['source_id']}.csv", draft_columns(), left)


def staged_error(root: Path, facts_text: str, indicators_text: str, candidates: list[dict]
                 ) -> tuple[dict, str] | None:
    """Load the data folder with these facts.csv and indicators.csv; the draft the loader rejects, if any.

    An error in a row that was there before is the data folder's own problem: it is raised as it is.
    """
    with tempfile.TemporaryDirectory(prefix="dantoc-add-") as staging:
        stage = Path(staging)
        for table in root.glob("*.csv"):
            shutil.copyfile(table, stage / table.name)
        (stage / loaders.FACTS_FILE).write_text(facts_text, encoding="utf-8")
        (stage / loaders.INDICATORS_FILE).write_text(indicators_text, encoding="utf-8")
        (stage / loaders.RAW_FOLDER).symlink_to(root / loaders.RAW_FOLDER, target_is_directory=True)
        try:
            loaders.load_facts(stage)
        except DataError as exc:
            lines = record_end_lines(facts_text, len(candidates))
            if Path(exc.file).name == loaders.FACTS_FILE and exc.line in lines:
                return candidates[lines.index(exc.line)], f"{exc.column or 'row'}: {exc.reason}"
            raise DataError(root / Path(exc.file).name, exc.reason, exc.line, exc.column) from None
    return None


def record_end_lines(csv_text: str, last: int) -> list[int]:
    """The line on which each of the last `last` records of a CSV text ends (as the loader counts lines)."""
    reader = csv.reader(io.StringIO(csv_text, newline=""))
    ends = [reader.line_num for _ in reader]
    return ends[-last:] if last else []


# --- files --------------------------------------------------------------------------------------

def read_rows(path: Path) -> list[dict]:
    """A CSV's rows as text (no validation: that is the loader's), [] when it does not exist."""
    if not path.is_file():
        return []
    return list(csv.DictReader(io.StringIO(loaders.read_text(path), newline="")))


def _csv_text(columns: list[str], rows: list[dict], header: bool) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator="\n", extrasaction="ignore")
    if header:
        writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def appended(path: Path, columns: list[str], rows: list[dict]) -> str:
    """The CSV's text with rows added at the end, in the file's own column order."""
    if not path.is_file():
        return _csv_text(columns, rows, header=True)
    text = loaders.read_text(path)
    header = next(csv.reader(io.StringIO(text)), columns)
    if text and not text.endswith("\n"):
        text += "\n"
    return text + _csv_text(header, rows, header=False)


def append_rows(path: Path, columns: list[str], rows: list[dict]) -> None:
    write_atomic(path, appended(path, columns, rows).encode("utf-8"))


def write_rows(path: Path, columns: list[str], rows: list[dict]) -> None:
    write_atomic(path, _csv_text(columns, rows, header=True).encode("utf-8"))


def _temporary(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}{TEMPORARY_SUFFIX}")


def store_raw(root: Path, name: str, data: bytes) -> str:
    """Copy the bytes into raw/ under the file's name, or a new one when a different file has it.

    Never overwrites: the file appears whole (written aside, then linked in), or the next name is tried.
    Identical bytes already under the name are reused.
    """
    raw = root / loaders.RAW_FOLDER
    stem, suffix = Path(name).stem, Path(name).suffix
    candidate, n = name, 1
    while True:
        target = raw / candidate
        if target.is_file() and target.read_bytes() == data:
            return candidate
        if not target.exists():
            temporary = _temporary(target)
            temporary.write_bytes(data)
            try:
                os.link(temporary, target)  # fails if another writer took the name meanwhile
                return candidate
            except FileExistsError:
                pass
            finally:
                temporary.unlink()
        n += 1
        candidate = f"{stem}-{n}{suffix}"
