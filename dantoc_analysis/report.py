"""What the report notebooks show: each function returns one HTML block for one cell."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from functools import cached_property

import pandas as pd
from markupsafe import Markup, escape

from . import capital, checks, loaders, narrative, paths
from .admin import COUNTRY, province_name
from .grammar import stated_in
from .numbers import format_day, format_number, format_quantity
from .provenance import fact_link, source_link
from .wording import resource, sentence


def texts() -> dict:
    return resource("report.toml")


def t(key: str, lang: str, /, **fields) -> Markup:
    """A heading or explanation of report.toml filled in and escaped."""
    return sentence("report.toml", key, lang, **fields)


class Html(Markup):
    """Markup that Jupyter displays as HTML when it is a cell's last expression."""

    def _repr_html_(self) -> str:
        return str(self)


@dataclass
class ReportData:
    """The validated tables a report needs, loaded once per notebook."""

    province: str | None
    lang: str
    sources: pd.DataFrame
    indicators: pd.DataFrame
    facts: pd.DataFrame
    projects: pd.DataFrame
    data_dir: str | None = None

    @cached_property
    def findings(self) -> pd.DataFrame:
        found = checks.run_all_checks(self.facts, self.indicators, self.sources, self.data_dir)
        # The corpus-wide coverage summary belongs to no province.
        return found[(found["rule"] != "coverage") | (found["status"] != "ok")].reset_index(drop=True)

    def name(self, indicator: str, short: bool = False) -> str:
        row = self.indicators.set_index("indicator").loc[indicator]
        return row[f"short_{self.lang}"] if short and row[f"short_{self.lang}"] else row[f"name_{self.lang}"]

    @property
    def place(self) -> str:
        return province_name(self.province, self.lang) if self.province else ""


def load(province: str | None, lang: str, data_dir: str | None = None) -> ReportData:
    """Everything a report notebook reads, validated (DataError on unusable data)."""
    if lang not in checks.LANGS:
        raise ValueError(f"lang must be one of {checks.LANGS}, not {lang!r}")
    sources = loaders.load_sources(data_dir)
    indicators = loaders.load_indicators(data_dir)
    facts = loaders.load_facts(data_dir, sources, indicators)
    if province is not None and province not in set(facts["province"]):
        raise ValueError(f"no facts for province {province!r}; provinces with facts: {provinces_with_facts(facts)}")
    return ReportData(province, lang, sources, indicators, facts, loaders.load_projects(data_dir), data_dir)


def provinces_with_facts(facts: pd.DataFrame) -> list[str]:
    """The provinces reports are made for: every slug with a fact, the whole country aside."""
    return sorted(set(facts["province"]) - {COUNTRY["slug"]})


def header(data: ReportData, kind: str) -> Html:
    return Html(Markup("<h1>{}</h1><p><em>{}</em></p>").format(
        t(f"title.{kind}", data.lang, province=data.place), t(f"lead.{kind}", data.lang)))


def brief(data: ReportData) -> Html:
    built = narrative.build_narrative(data.facts, data.sources, data.indicators, data.projects,
                                      data.province, data.lang)
    return Html(built.html())


def _table(frame: pd.DataFrame, index: bool = False, na_rep: str = "") -> Markup:
    # Every cell, label and header is escaped here, except the links built as Markup: a quote from a
    # source is shown, never interpreted.
    def cell(value):
        if isinstance(value, Markup):
            return value
        return escape(na_rep) if _missing(value) else escape(value)

    shown = frame.map(cell)
    shown.index = [cell(i) for i in frame.index]
    shown.columns = [cell(c) for c in frame.columns]
    return Markup(shown.to_html(index=index, escape=False, border=0, classes="dantoc-table"))


def _missing(value) -> bool:
    return not isinstance(value, (list, tuple, dict)) and pd.isna(value)


def _heading(text: Markup | str, level: int = 2) -> Markup:
    return Markup("<h{0}>{1}</h{0}>").format(level, text)


def capital_section(data: ReportData) -> Html:
    """The capital table (plan, disbursed, recomputed and stated rates) and one chart a year."""
    from . import figures  # matplotlib loads only for the reports that draw

    lang = data.lang
    table = capital.capital_table(data.facts, data.indicators, data.province)
    parts = [_heading(t("capital.heading", lang))]
    if table.empty:
        return Html(Markup("").join([*parts, Markup("<p>{}</p>").format(t("capital.none", lang))]))
    shown = pd.DataFrame({
        t("column.year", lang): table["year"].astype(str),
        t("column.vintage", lang): table["vintage"].astype(str),
        t("column.capital", lang): [data.name(c, short=True) for c in table["capital"]],
        t("column.plan", lang): [fact_link(format_number(v, lang), f, s) if pd.notna(v) else ""
                                 for v, f, s in zip(table["plan"], table["plan_fact"], table["plan_source_id"])],
        t("column.disbursed", lang): [fact_link(stated_in(m, lang), f, s) if m else "" for m, f, s in
                                      zip(table["disbursed_mention"].fillna(""), table["disbursed_fact"],
                                          table["source_id"])],
        t("column.computed_rate", lang): [format_quantity(v, "percent", lang, 1) if pd.notna(v) else ""
                                          for v in table["computed_rate"]],
        t("column.stated_rate", lang): [fact_link(m, f, s) for m, f, s in zip(
            table["stated_rate_mention"].fillna(""), table["stated_rate_fact"], table["source_id"])],
        t("column.as_of", lang): [format_day(d, lang) if pd.notna(d) else "" for d in table["as_of"]],
        t("column.source", lang): [source_link(s) for s in table["source_id"]],
    })
    parts.append(_table(shown))
    names = {kind.plan: data.name(kind.plan, short=True) for kind in capital.capital_types(data.indicators)}
    for year in sorted(table["year"].dropna().unique()):
        fig = figures.capital_chart(table, int(year), lang, names)
        if fig is None:
            continue
        png = figures.png_bytes(fig)
        figures.save_png(png, paths.figures_dir() / data.province / f"capital-{int(year)}.{lang}.png")
        parts.append(Markup('<img src="data:image/png;base64,{}" alt="{}">').format(
            base64.b64encode(png).decode("ascii"), t("capital.figure_alt", lang, year=int(year))))
    return Html(Markup("").join(parts))


def trends_section(data: ReportData) -> Html:
    from . import trends  # statsmodels loads only where a trend may be fitted

    lang = data.lang
    points = trends.series(data.facts, data.province)
    parts = [_heading(t("trends.heading", lang))]
    if points.empty:
        years = sorted({int(y) for y in data.facts[data.facts["province"] == data.province]["year"].dropna()})
        parts.append(Markup("<p>{}</p>").format(t("trends.none", lang, years=", ".join(map(str, years)))))
        return Html(Markup("").join(parts))
    changes = trends.yoy_changes(points)
    shown = pd.DataFrame({
        t("column.indicator", lang): [data.name(i) for i in changes["indicator"]],
        t("column.year", lang): [f"{p} → {y}" for p, y in zip(changes["previous_year"], changes["year"])],
        t("column.change", lang): [_change(r, lang) for r in changes.itertuples()],
    })
    parts += [_heading(t("trends.yoy", lang), 3), _table(shown)]
    sentences = []
    for (indicator, _), group in points.groupby(["indicator", "vintage"], dropna=False):
        fit = trends.fit_trend(group)
        unit = group["unit"].iloc[0]
        if fit is None:
            sentences.append(t("trends.too_few", lang, name=data.name(indicator), points=group["year"].nunique()))
        else:
            sentences.append(t("trends.fitted", lang, name=data.name(indicator), points=fit.points,
                               slope=format_quantity(fit.slope, unit, lang, 2),
                               low=format_quantity(fit.slope_low, unit, lang, 2),
                               high=format_quantity(fit.slope_high, unit, lang, 2)))
    parts.append(Markup("<p>{}</p>").format(Markup(" ").join(sentences)))
    return Html(Markup("").join(parts))


def _years_text(year_lists) -> str:
    return ", ".join(str(y) for y in sorted({year for years in year_lists for year in years}))


def _change(row, lang: str) -> str:
    absolute = format_quantity(row.change, row.change_unit, lang, 1)
    if row.change_unit == "percentage_points" or row.relative_change is None:
        return absolute
    return f"{absolute} ({format_quantity(row.relative_change, 'percent', lang, 1)})"


def quality_section(data: ReportData) -> Html:
    """The province's findings, grouped by rule, then what the sources leave unclear."""
    lang = data.lang
    found = data.findings[data.findings["province"] == data.province]
    parts = []
    if found.empty:
        parts.append(Markup("<p>{}</p>").format(t("quality.none", lang)))
    else:
        counts = found["status"].value_counts()
        parts.append(Markup("<p>{}</p>").format(t("quality.summary", lang, total=len(found),
                                                  **{s: counts.get(s, 0) for s in checks.STATUSES})))
        for rule, group in found.groupby("rule", sort=False):
            shown = pd.DataFrame({
                t("column.status", lang): [str(t(f"status.{s}", lang)) for s in group["status"]],
                t("column.message", lang): group[f"message_{lang}"],
                sentence("pages.toml", "column.figures", lang): [
                    Markup(", ").join(fact_link(f["fact_id"], f["fact_id"], f["source_id"]) for f in facts)
                    for facts in group["facts"]],
            })
            parts += [_heading(t(f"rule.{rule}", lang), 3), _table(shown)]
    unclear = data.facts[(data.facts["province"] == data.province) & (data.facts["ambiguity"] != "")]
    if len(unclear):
        shown = pd.DataFrame({
            t("column.indicator", lang): [data.name(i) for i in unclear["indicator"]],
            t("column.value", lang): [fact_link(m, f, s) for m, f, s in
                                      zip(unclear["mention"], unclear["fact_id"], unclear["source_id"])],
            t("column.ambiguity", lang): unclear["ambiguity"],
            t("column.source", lang): [source_link(s) for s in unclear["source_id"]],
        })
        parts += [_heading(t("quality.verify", lang), 3), _table(shown)]
    return Html(Markup("").join(parts))


def comparison_section(data: ReportData) -> Html:
    """Indicators stated by several provinces, side by side; else who has what, by domain."""
    lang = data.lang
    facts = data.facts[data.facts["province"].isin(provinces_with_facts(data.facts))]
    per_indicator = facts.groupby("indicator")["province"].nunique()
    shared = facts[facts["indicator"].isin(per_indicator[per_indicator > 1].index)]
    parts = []
    if shared.empty:
        parts.append(Markup("<p>{}</p>").format(t("comparison.none", lang)))
    else:
        cells = [Markup("{} ({})").format(fact_link(m, f, s), "" if pd.isna(y) else int(y))
                 for m, y, f, s in zip(shared["mention"], shared["year"], shared["fact_id"], shared["source_id"])]
        wide = shared.assign(cell=cells)
        pivot = wide.pivot_table(index="indicator", columns="province", values="cell", aggfunc=Markup("; ").join)
        pivot.index = [data.name(i) for i in pivot.index]
        pivot.columns = [province_name(p, lang) for p in pivot.columns]
        parts += [_heading(t("comparison.shared", lang), 3), _table(pivot, index=True)]
    years = facts.groupby(["indicator", "province"]).agg(years=("year", lambda y: sorted({int(v) for v in y.dropna()})))
    domain_of = data.indicators.set_index("indicator")["domain"]
    domains = years.reset_index().assign(domain=lambda d: d["indicator"].map(domain_of))
    coverage = domains.groupby(["domain", "province"])["years"].agg(_years_text).unstack()
    coverage.columns = [province_name(p, lang) for p in coverage.columns]
    coverage.index = [str(t(f"domain.{d}", lang)) for d in coverage.index]
    parts += [_heading(t("comparison.coverage", lang), 3),
              _table(coverage, index=True, na_rep="–")]
    return Html(Markup("").join(parts))
