"""The figures behind the pages as files to download: CSV and XLSX, byte for byte reproducible."""

from __future__ import annotations

import csv
import io
import json
import math
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from . import loaders, schemas
from .outputs import write_if_changed
from .provenance import province_facts

if TYPE_CHECKING:
    from .report import ReportData

DATA_FOLDER = "data"  # under the reports folder: the whole data set
FORMATS = ("csv", "xlsx")
# A workbook records when it was made, and a zip entry its time: both are pinned, so that the
# same figures give the same bytes (1980-01-01 is the earliest time a zip entry can hold).
PINNED_TIME = datetime(1980, 1, 1)


def download_tables(data: ReportData, province: str | None) -> dict[str, pd.DataFrame]:
    """name -> table: a province's facts and findings, or the whole data set with its sources."""
    facts = data.facts if province is None else province_facts(data.facts, data.sources, province)
    findings = data.findings if province is None else data.findings[data.findings["province"] == province]
    tables = {"facts": facts[loaders.fact_columns()], "findings": findings_table(findings)}
    if province is None:
        tables["sources"] = data.sources[list(schemas.SOURCES.columns)]
    return tables


def findings_table(findings: pd.DataFrame) -> pd.DataFrame:
    """Findings with their facts named by id (the quotes are in the facts table)."""
    ids = [" ".join(f["fact_id"] for f in facts) for facts in findings["facts"]]
    return findings.assign(facts=ids).reset_index(drop=True)


def download_paths(province: str | None, folder: Path) -> dict[str, dict[str, Path]]:
    """table -> format -> path: <province>/<province>.<table>.<format>, or data/<table>.<format>."""
    names = ("facts", "findings") if province else ("facts", "findings", "sources")
    base = folder / province if province else folder / DATA_FOLDER
    stem = f"{province}." if province else ""
    return {name: {kind: base / f"{stem}{name}.{kind}" for kind in FORMATS} for name in names}


def write_downloads(data: ReportData, province: str | None, folder: Path) -> list[Path]:
    """Write the CSV and XLSX files of a province (or, with None, of the whole data set) under the
    reports folder; a file whose bytes would not change is left alone. Returns every path."""
    tables = download_tables(data, province)
    written = []
    for name, kinds in download_paths(province, Path(folder)).items():
        write_if_changed(kinds["csv"], csv_bytes(tables[name]))
        write_if_changed(kinds["xlsx"], xlsx_bytes(tables[name], name))
        written += [kinds["csv"], kinds["xlsx"]]
    return written


def cell(value):
    """A value as a file should hold it: None for missing, whole numbers without '.0', days as dates."""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date() if value == value.normalize() else value.to_pydatetime()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if hasattr(value, "item"):  # numpy scalars
        return cell(value.item())
    if isinstance(value, (list, tuple)):  # an interval a check expected, e.g. [15000, 40000]
        return json.dumps([cell(v) for v in value], ensure_ascii=False)
    return value


def csv_bytes(table: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a header, the data folder's own format (ISO dates, plain numbers)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.columns)
    for row in table.itertuples(index=False):
        writer.writerow("" if (v := cell(value)) is None else v.isoformat() if isinstance(v, date) else v
                        for value in row)
    return out.getvalue().encode("utf-8")


def xlsx_bytes(table: pd.DataFrame, sheet: str) -> bytes:
    """One sheet with a frozen header; numbers stay numbers, dates dates, and text is never a formula."""
    from openpyxl import Workbook  # loads only when downloads are written

    book = Workbook()
    book.properties.created = book.properties.modified = PINNED_TIME
    book.properties.creator = "dantoc-analysis"
    page = book.active
    page.title = sheet
    page.append(list(table.columns))
    for row in table.itertuples(index=False):
        page.append([cell(value) for value in row])
    for column in page.iter_cols(min_row=2):
        for item in column:
            if isinstance(item.value, str):
                item.data_type = "s"  # a quote that starts with "=" is words, not a formula
            elif isinstance(item.value, date):
                item.number_format = "yyyy-mm-dd"
    page.freeze_panes = "A2"
    return _pinned_zip(_saved(book))


def _saved(book) -> bytes:
    from openpyxl.writer.excel import ExcelWriter

    # ExcelWriter, not save_workbook: the latter stamps the current time as "modified".
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).write_data()
    return buffer.getvalue()


def _pinned_zip(data: bytes) -> bytes:
    """The same archive with every entry's time pinned."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            pinned = zipfile.ZipInfo(entry.filename, date_time=PINNED_TIME.timetuple()[:6])
            pinned.compress_type = zipfile.ZIP_DEFLATED
            pinned.external_attr = 0o644 << 16
            target.writestr(pinned, source.read(entry.filename))
    return out.getvalue()
