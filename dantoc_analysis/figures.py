"""Figures in one style, with Vietnamese labels, saved as byte-stable PNG under figures/<province>/."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import matplotlib
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from .numbers import format_number
from .outputs import write_if_changed

FONT = "DejaVu Sans"  # covers every Vietnamese tone mark
# No Software/Creation Time chunks: the same figure must give the same bytes on every run.
PNG_METADATA = {"Software": None}
LABELS = {
    "plan": {"vi": "Kế hoạch", "en": "Plan"},
    "disbursed": {"vi": "Đã giải ngân", "en": "Disbursed"},
    "million_vnd": {"vi": "triệu đồng", "en": "million VND"},
    "vintage": {"vi": "vốn năm {vintage}", "en": "{vintage} plan"},
    "title": {"vi": "Kế hoạch vốn và giải ngân năm {year}", "en": "Capital plan and disbursement, {year}"},
}


def style() -> dict:
    """One look for every figure, applied per figure: a researcher's own plots stay untouched."""
    return {**sns.axes_style("whitegrid"), **sns.plotting_context("notebook"), "font.family": FONT}


def text(label: str) -> str:
    # Sources are NFC, but a label typed elsewhere may not be: decomposed marks render apart.
    return unicodedata.normalize("NFC", label)


def capital_chart(table: pd.DataFrame, year: int, lang: str, names: dict[str, str]) -> Figure | None:
    """Plan against disbursed, by capital type and plan year, for one year's recomputable rows."""
    rows = table[(table["year"] == year) & table["plan"].notna() & table["disbursed"].notna()]
    rows = rows[rows["as_of"].notna()] if rows["as_of"].notna().any() else rows
    if rows.empty:
        return None
    with matplotlib.rc_context(style()):
        return _capital_bars(rows, year, lang, names)


def _capital_bars(rows: pd.DataFrame, year: int, lang: str, names: dict[str, str]) -> Figure:
    vintage = LABELS["vintage"][lang]
    labels = [text(f"{names[r.capital]}{', ' + r.area if r.area else ''}\n{vintage.format(vintage=r.vintage)}")
              for r in rows.itertuples()]
    fig = Figure(figsize=(8, 3.2))  # no pyplot: nothing global, no backend switched
    ax = fig.subplots()
    positions = range(len(rows))
    ax.barh([p + 0.2 for p in positions], rows["plan"], height=0.4, label=LABELS["plan"][lang], color="#9bb7d4")
    ax.barh([p - 0.2 for p in positions], rows["disbursed"], height=0.4, label=LABELS["disbursed"][lang],
            color="#1f4e79")
    for p, r in zip(positions, rows.itertuples()):
        ax.text(r.disbursed, p - 0.2, f" {format_number(r.computed_rate, lang, 1)}%", va="center", fontsize=8)
    ax.set_yticks(list(positions), labels, fontsize=8)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: format_number(v, lang, 0)))
    ax.set_xlabel(LABELS["million_vnd"][lang])
    ax.set_title(text(LABELS["title"][lang].format(year=year)), fontsize=10)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    fig.tight_layout()
    return fig


def series_chart(lines: dict[str, pd.DataFrame], title: str, unit_label: str, lang: str) -> Figure:
    """One indicator over the years: a line per series (result, plan, area), every point marked."""
    with matplotlib.rc_context(style()):
        fig = Figure(figsize=(7, 3.0))
        ax = fig.subplots()
        for label, points in lines.items():
            ax.plot(points["year"].astype(int), points["value"].astype(float), marker="o", label=text(label))
        years = sorted({int(y) for points in lines.values() for y in points["year"]})
        ax.set_xticks(years, [str(y) for y in years])
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: format_number(round(v, 2), lang)))
        ax.set_ylabel(text(unit_label))
        ax.set_title(text(title), fontsize=10)
        ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
        fig.tight_layout()
        return fig


def comparison_chart(values: pd.Series, title: str, unit_label: str, lang: str) -> Figure:
    """One indicator in one year, province by province (index: the labels)."""
    with matplotlib.rc_context(style()):
        fig = Figure(figsize=(7, 0.5 + 0.45 * len(values)))
        ax = fig.subplots()
        ax.barh([text(str(label)) for label in values.index], values.astype(float).to_numpy(), color="#1f4e79")
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: format_number(round(v, 2), lang)))
        ax.set_xlabel(text(unit_label))
        ax.set_title(text(title), fontsize=10)
        fig.tight_layout()
        return fig


def png_bytes(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, metadata=PNG_METADATA)
    return buffer.getvalue()


def save_png(data: bytes, path: Path) -> Path:
    """Write only when the bytes differ, atomically: an unchanged figure keeps its file."""
    write_if_changed(path, data)
    return path
