"""Tables set out on lines with '|' (or tabs) between cells: their cells, and the unit each column is stated in;
and lists of label lines ("Huyện Đắk Glei: 98.450") under a line that states their unit."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .wording import alternatives, last_match, resource


@dataclass(frozen=True)
class Cell:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Table:
    """A header (the names of the columns) and its rows, each row's cells placed under the header's
    columns from the right ("Tổng cộng | 77.980 | 64.180 | 82,3" under "TT | Nội dung | Kế hoạch | …")."""

    header: tuple[str, ...]
    rows: tuple[tuple[Cell | None, ...], ...]
    units: tuple[str, ...]  # the words of each column's unit ("triệu đồng", "%"), "" where none is stated
    row_units: tuple[str, ...] = ()  # each row's unit from a unit column ("ĐVT | … | hộ"), "" where none

    def unit(self, row: int, col: int) -> str:
        """The unit a cell is stated in: its column's, else its row's (a table with a unit column)."""
        if self.units[col] or not self.row_units or _names_no_amount(self.header[col]) or _unit_column(self.header[col]):
            return self.units[col]
        return self.row_units[row]


_NUMERAL = re.compile(r"[\d.,  ]*\d")


def words() -> dict:
    """The words tables are read by (`[table]` in vocabulary.toml)."""
    return resource("vocabulary.toml")["table"]


def is_number(cell: Cell | None) -> bool:
    """A cell that holds only a number ("96.520", "43,4")."""
    return cell is not None and bool(_NUMERAL.fullmatch(cell.text))


def tables(text: str) -> list[Table]:
    """Every block of at least `min_rows` consecutive lines split by '|' into as many cells as the
    first, two of them with a cell that is only a number."""
    out, block = [], []
    for line in lines(text):
        cells = _cells(text, *line)
        if len(cells) >= 2 and (not block or len(cells) <= len(block[0])):
            block.append(cells)
            continue
        out += _table(text, block)
        block = [cells] if len(cells) >= 2 else []
    return out + _table(text, block)


def lines(text: str):
    """(start, end) of each line, its break left out."""
    start = 0
    for m in re.finditer(r"\n", text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


def _cells(text: str, start: int, end: int) -> list[Cell]:
    # '|' between cells, or tabs, as a table copied from a spreadsheet or a word processor keeps them
    line = text[start:end]
    if "|" not in line and "\t" not in line:
        return []
    bar = re.compile(r"\|" if "|" in line else r"\t+")
    cells, cut = [], start
    for found in [*bar.finditer(text, start, end), None]:
        stop = found.start() if found else end
        raw = text[cut:stop]
        stripped = raw.strip()
        begin = cut + (len(raw) - len(raw.lstrip()))
        cells.append(Cell(begin, begin + len(stripped), stripped))
        cut = found.end() if found else end
    # "| a | b |": the empty ends are not cells
    while cells and not cells[0].text:
        cells.pop(0)
    while cells and not cells[-1].text:
        cells.pop()
    return cells


# "Huyện Đắk Glei: 98.450": a line that is a label, a colon and a bare number
_LABEL_LINE = re.compile(r"\s*(?:[-+•*]\s*)?[^\W\d_][^:\n|]{0,60}:\s*(?P<n>\d[\d.,  ]*\d|\d)\s*[;.]?\s*")


def label_lines(text: str) -> list[tuple[Cell, str]]:
    """The numbers of every block of at least two label lines ("Huyện Tu Mơ Rông: 112.300") under a line
    that states their unit ("… (đơn vị: triệu đồng)"), each with that unit's words."""
    out, block = [], []
    for start, end in [*lines(text), (len(text), len(text))]:
        found = _LABEL_LINE.fullmatch(text, start, end) if end > start else None
        if found:
            block.append(Cell(found.start("n"), found.end("n"), found["n"]))
            continue
        if len(block) >= 2 and (unit := _table_unit(text, _line_start(text, block[0].start))):
            out += [(cell, unit) for cell in block]
        block = []
    return out


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _table(text: str, block: list[list[Cell]]) -> list[Table]:
    numbered = [row for row in block if any(is_number(c) for c in row)]
    if len(block) < words()["min_rows"] or len(numbered) < 2 or any(is_number(c) for c in block[0]):
        return []
    header = tuple(c.text for c in block[0])
    width = len(header)
    rows = tuple(tuple([None] * (width - len(row)) + row) for row in block[1:])
    overall = _table_unit(text, block[0][0].start)
    units = tuple(_column_unit(name) or ("" if _names_no_amount(name) or _unit_column(name) else overall) for name in header)
    # "TT | Nội dung | ĐVT | Kế hoạch | Thực hiện | Tỷ lệ (%)": each row states its own unit
    unit_col = next((i for i, name in enumerate(header) if _unit_column(name)), None)
    row_units = tuple((row[unit_col].text if unit_col is not None and row[unit_col] is not None
                       and not is_number(row[unit_col]) else "") for row in rows) if unit_col is not None else ()
    return [Table(header, rows, units, row_units)]


def _unit_column(name: str) -> bool:
    """A column that names each row's unit ("ĐVT", "Đơn vị tính")."""
    return bool(re.fullmatch(rf"\s*(?:{alternatives(words()['unit_headers'])})\s*", name, re.IGNORECASE))


def _column_unit(name: str) -> str:
    """ "Kế hoạch (triệu đồng)" -> "triệu đồng"; "Tỷ lệ (%)", "Tỷ lệ" -> "%"; "Số hộ Khmer" -> "hộ Khmer"
    (what it counts: the figure grammar keeps the words that are a unit)."""
    if m := re.search(r"\(([^()]*)\)\s*$", name):
        return m.group(1).strip()
    if m := re.match(rf"\s*(?:{alternatives(words()['count_headers'])})\s+(?P<noun>[^()\d]+?)\s*$", name, re.IGNORECASE):
        return m["noun"]
    return "%" if _rate_column(name) else ""


def _rate_column(name: str) -> bool:
    return bool(re.match(rf"\s*(?:{alternatives(words()['rate_headers'])})(?!\w)", name, re.IGNORECASE))


def _names_no_amount(name: str) -> bool:
    """Columns that name or number the rows ("STT", "Huyện", "Nội dung") hold no amounts."""
    return bool(re.fullmatch(rf"\s*(?:{alternatives(words()['label_headers'])})\s*", name, re.IGNORECASE))


def _table_unit(text: str, start: int) -> str:
    """ "(đơn vị: triệu đồng)", "ĐVT: triệu đồng" on the lines just before the table, or a unit in brackets
    ending the line right before it ("Chia theo nguồn vốn (triệu đồng):")."""
    before = text[max(0, start - words()["unit_lookback_chars"]):start]
    found = last_match(re.compile(rf"(?:{alternatives(words()['unit_words'])})\s*:\s*(?P<unit>[^()\n:;]+)", re.IGNORECASE),
                       before)
    if found:
        return found["unit"].strip().rstrip(".")
    # "Chia theo nguồn vốn (triệu đồng):" on the line right before the table
    lead = re.search(r"\((?P<unit>[^()\d\n]+)\)\s*:?\s*\n\s*$", before)
    return lead["unit"].strip() if lead else ""


def column(table: Table, words_: list[str]) -> int | None:
    """The one column whose header opens with one of these words."""
    found = [i for i, name in enumerate(table.header)
             if re.match(rf"\s*(?:{alternatives(words_)})(?!\w)", name, re.IGNORECASE)]
    return found[0] if len(found) == 1 else None


def label(row: tuple[Cell | None, ...]) -> str:
    """The first cell of a row that is not a number: what the row is ("Bác Ái", "Tổng cộng")."""
    return next((c.text for c in row if c is not None and not is_number(c)), "")
