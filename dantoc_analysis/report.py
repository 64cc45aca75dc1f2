"""What the report notebooks show: each function returns one HTML block for one cell."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from functools import cached_property

import pandas as pd
from markupsafe import Markup, escape

from . import capital, checks, loaders, narrative, paths
from .admin import COUNTRY, province_name, slugify, year_end
from .numbers import format_day, format_quantity, unit_word
from .provenance import fact_link, source_link
from .schemas import OUTTURN
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
    domains: pd.DataFrame | None = None
    capital_types: pd.DataFrame | None = None
    area_levels: pd.DataFrame | None = None
    severities: pd.DataFrame | None = None

    def __post_init__(self):
        # Tables a caller did not pass come from the same data folder as the rest.
        for name, loader in (("domains", loaders.load_domains), ("capital_types", loaders.load_capital_types),
                             ("area_levels", loaders.load_area_levels), ("severities", loaders.load_severities)):
            if getattr(self, name) is None:
                setattr(self, name, loader(self.data_dir))

    @cached_property
    def findings(self) -> pd.DataFrame:
        loaded = _LOADED.get(_version_key(self.data_dir))
        if loaded is not None and loaded.holds(self):
            return loaded.findings().copy()  # the same data as the last load: its findings hold
        return _province_findings(self.facts, self.indicators, self.sources, self.data_dir)

    @cached_property
    def catalogue(self) -> pd.DataFrame:
        return self.indicators.set_index("indicator")

    def name(self, indicator: str, short: bool = False) -> str:
        row = self.catalogue.loc[indicator]
        return row[f"short_{self.lang}"] if short and row[f"short_{self.lang}"] else row[f"name_{self.lang}"]

    @property
    def place(self) -> str:
        """The province's name in the boundary its latest figures belong to (before or after 1/7/2025)."""
        if not self.province:
            return ""
        years = self.facts.loc[self.facts["province"] == self.province, "year"]
        return province_name(self.province, self.lang, year_end(years.max()))

    def area(self, area: str, level: str) -> str:
        """"huyện Bình Gia" / "Binh Gia district"; the whole province when area is empty."""
        levels = self.area_levels.set_index("level")
        return narrative.area_name(area, level, levels, self.lang) or str(t("scope.province", self.lang))

    @cached_property
    def points(self) -> frozenset[str]:
        """Indicators that are differences of rates: they and their changes are percentage points."""
        return frozenset(self.indicators.loc[self.indicators["rate_difference"] == "yes", "indicator"])

    def in_points(self, indicator: str) -> bool:
        return indicator in self.points

    def stated(self, fact) -> str:
        """A figure as a table cell shows it, marked when nobody has reviewed it yet."""
        shown = narrative.stated(fact, self.points, self.lang)
        return shown + (str(narrative.say("mark.draft", self.lang)) if fact.review == "draft" else "")


def _province_findings(facts, indicators, sources, data_dir) -> pd.DataFrame:
    found = checks.run_all_checks(facts, indicators, sources, data_dir)
    # The corpus-wide coverage summary belongs to no province.
    return found[(found["rule"] != "coverage") | (found["status"] != "ok")].reset_index(drop=True)


@dataclass
class _Loaded:
    """The validated tables of one version of a data folder, and their findings once computed."""

    data_dir: str | None
    tables: dict[str, pd.DataFrame]
    _findings: pd.DataFrame | None = None

    def findings(self) -> pd.DataFrame:
        if self._findings is None:
            t = self.tables
            self._findings = _province_findings(t["facts"], t["indicators"], t["sources"], self.data_dir)
        return self._findings

    def holds(self, data: ReportData) -> bool:
        """Whether a report's tables are still these (a notebook may have changed its copies)."""
        return all(self.tables[name].equals(getattr(data, name)) for name in ("facts", "indicators", "sources"))


# A warm kernel runs many reports of one batch on the same data: validating every province's facts
# and running every check again for each page made a batch grow with the square of the provinces.
# Kept here, the last load is reused while the folder's content (its hash) is unchanged.
_LOADED: dict[tuple[str, str], _Loaded] = {}


def _version_key(data_dir) -> tuple[str, str]:
    from .batch import data_version  # the same content hash the pages' cache keys use

    root = paths.data_dir(data_dir)
    return str(root), data_version(root)


def _load_tables(data_dir) -> _Loaded:
    key = _version_key(data_dir)
    if key not in _LOADED:
        sources = loaders.load_sources(data_dir)
        indicators = loaders.load_indicators(data_dir)
        tables = {"sources": sources, "indicators": indicators,
                  "facts": loaders.load_facts(data_dir, sources, indicators),
                  "projects": loaders.load_projects(data_dir), "domains": loaders.load_domains(data_dir),
                  "capital_types": loaders.load_capital_types(data_dir),
                  "area_levels": loaders.load_area_levels(data_dir), "severities": loaders.load_severities(data_dir)}
        _LOADED.clear()
        _LOADED[key] = _Loaded(data_dir, tables)
    return _LOADED[key]


def load(province: str | None, lang: str, data_dir: str | None = None) -> ReportData:
    """Everything a report notebook reads, validated (DataError on unusable data). Each call hands out
    its own copies: a notebook may change them without touching the next report's."""
    if lang not in checks.LANGS:
        raise ValueError(f"lang must be one of {checks.LANGS}, not {lang!r}")
    loaded = _load_tables(data_dir)
    tables = {name: frame.copy() for name, frame in loaded.tables.items()}
    if province is not None and province not in set(tables["facts"]["province"]):
        raise ValueError(f"no facts for province {province!r}; provinces with facts: "
                         f"{provinces_with_facts(tables['facts'])}")
    return ReportData(province, lang, data_dir=data_dir, **tables)


def provinces_with_facts(facts: pd.DataFrame) -> list[str]:
    """The provinces reports are made for: every slug with a fact, the whole country aside."""
    return sorted(set(facts["province"]) - {COUNTRY["slug"]})


def header(data: ReportData, kind: str) -> Html:
    return Html(Markup("<h1>{}</h1><p><em>{}</em></p>").format(
        t(f"title.{kind}", data.lang, province=data.place), t(f"lead.{kind}", data.lang)))


def brief(data: ReportData) -> Html:
    built = narrative.build_narrative(data.facts, data.sources, data.indicators, data.projects,
                                      data.province, data.lang, data.capital_types, data.area_levels)
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
    return Markup(shown.to_html(index=index, escape=False, border=0, justify="left", classes="dantoc-table"))


def _missing(value) -> bool:
    return not isinstance(value, (list, tuple, dict)) and pd.isna(value)


def _heading(text: Markup | str, level: int = 2) -> Markup:
    return Markup("<h{0}>{1}</h{0}>").format(level, text)


def _figure(fig, path, alt: Markup | str) -> Markup:
    from . import figures

    png = figures.png_bytes(fig)
    figures.save_png(png, path)
    return Markup('<img src="data:image/png;base64,{}" alt="{}">').format(base64.b64encode(png).decode("ascii"), alt)


def _fact_rows(data: ReportData, ids) -> dict:
    wanted = {i for i in ids if isinstance(i, str) and i}
    return {r.fact_id: r for r in data.facts[data.facts["fact_id"].isin(wanted)].itertuples()}


def capital_section(data: ReportData) -> Html:
    """The capital table (plan, disbursed, recomputed and stated rates) and one chart a year."""
    from . import figures  # matplotlib loads only for the reports that draw

    lang = data.lang
    table = capital.capital_table(data.facts, data.indicators, data.province, data.capital_types)
    parts = [_heading(t("capital.heading", lang))]
    if table.empty:
        return Html(Markup("").join([*parts, Markup("<p>{}</p>").format(t("capital.none", lang))]))
    kinds = {k.key: k.name(lang) for k in capital.capital_types(data.indicators, data.capital_types)}
    rows = _fact_rows(data, [*table["plan_fact"], *table["disbursed_fact"], *table["stated_rate_fact"]])

    def cell(fact_id) -> Markup | str:
        if not (isinstance(fact_id, str) and fact_id in rows):
            return ""
        return fact_link(data.stated(rows[fact_id]), fact_id, rows[fact_id].source_id)

    shown = pd.DataFrame({
        t("column.area", lang): [data.area(a, lv) for a, lv in zip(table["area"], table["area_level"])],
        t("column.year", lang): table["year"].astype(str),
        t("column.vintage", lang): table["vintage"].astype(str),
        t("column.capital", lang): [kinds[c] for c in table["capital"]],
        t("column.plan", lang): [cell(i) for i in table["plan_fact"]],
        t("column.disbursed", lang): [cell(i) for i in table["disbursed_fact"]],
        t("column.computed_rate", lang): [format_quantity(v, "percent", lang, 1) if pd.notna(v) else ""
                                          for v in table["computed_rate"]],
        t("column.stated_rate", lang): [cell(i) for i in table["stated_rate_fact"]],
        t("column.as_of", lang): [format_day(d, lang) if pd.notna(d) else "" for d in table["as_of"]],
        t("column.source", lang): [source_link(s) for s in table["source_id"]],
    })
    parts.append(_table(shown))
    for year in sorted(table["year"].dropna().unique()):
        for area, in_area in table[table["year"] == year].groupby("area"):
            fig = figures.capital_chart(in_area, int(year), lang, kinds)
            if fig is None:
                continue
            suffix = f"-{slugify(area)}" if area else ""
            parts.append(_figure(fig, paths.figures_dir() / data.province / f"capital-{int(year)}{suffix}.{lang}.png",
                                 t("capital.figure_alt", lang, year=int(year))))
    return Html(Markup("").join(parts))


def _series_label(data: ReportData, key) -> str:
    """What a line is: result or plan, where, and for capital which plan year."""
    words = [str(t(f"kind.{key.kind}", data.lang))]
    if key.area:
        words.append(data.area(key.area, key.area_level))
    if pd.notna(key.lag) and key.lag > 0:
        words.append(str(t("trends.carried", data.lang, years=int(key.lag))))
    return ", ".join(words)


def trends_section(data: ReportData) -> Html:
    """Every series stated for two years or more: its values, changes, a chart and, from three
    years, a fitted trend; with no such series, the table of the figures there are, by year."""
    from . import figures, trends  # statsmodels and matplotlib load only where a trend may be drawn

    lang = data.lang
    points = trends.series(data.facts, data.province)
    parts = [_heading(t("trends.heading", lang))]
    if points.empty:
        every = trends.dated_points(data.facts, data.province)
        years = sorted({int(y) for y in every["year"]})
        parts.append(Markup("<p>{}</p>").format(t("trends.none", lang, years=", ".join(map(str, years)))))
        if len(every):
            parts += [_heading(t("trends.single", lang), 3), _table(_points_table(data, every))]
        return Html(Markup("").join(parts))
    rate_differences = set(data.indicators.loc[data.indicators["rate_difference"] == "yes", "indicator"])
    changes = trends.yoy_changes(points, rate_differences)
    shown = pd.DataFrame({
        t("column.indicator", lang): [data.name(i) for i in changes["indicator"]],
        t("column.series", lang): [_series_label(data, r) for r in changes.itertuples()],
        t("column.year", lang): [f"{p} → {y}" for p, y in zip(changes["previous_year"], changes["year"])],
        t("column.change", lang): [_change(r, lang) for r in changes.itertuples()],
    })
    parts += [_heading(t("trends.values", lang), 3), _table(_points_table(data, points)),
              _heading(t("trends.yoy", lang), 3), _table(shown)]
    sentences = []
    for key, group in points.groupby(trends.SERIES_KEY, dropna=False, sort=False):
        fit = trends.fit_trend(group)
        row = group.iloc[0]
        unit = "percentage_points" if row["unit"] == "percent" or data.in_points(row["indicator"]) else row["unit"]
        label = f"{data.name(row['indicator'])} ({_series_label(data, next(group.head(1).itertuples()))})"
        if fit is None:
            sentences.append(t("trends.too_few", lang, name=label, points=group["year"].nunique()))
        else:
            sentences.append(t("trends.fitted", lang, name=label, points=fit.points,
                               slope=format_quantity(fit.slope, unit, lang, 2),
                               low=format_quantity(fit.slope_low, unit, lang, 2),
                               high=format_quantity(fit.slope_high, unit, lang, 2)))
    parts.append(Markup("<p>{}</p>").format(Markup(" ").join(sentences)))
    for indicator, group in points.groupby("indicator", sort=False):
        lines = {_series_label(data, next(g.head(1).itertuples())): g
                 for _, g in group.groupby(trends.SERIES_KEY, dropna=False, sort=False)}
        unit = group["unit"].iloc[0]
        fig = figures.series_chart(lines, data.name(indicator), unit_word(unit, lang, 2), lang)
        parts.append(_figure(fig, paths.figures_dir() / data.province / f"series-{indicator}.{lang}.png",
                             t("trends.figure_alt", lang, name=data.name(indicator))))
    return Html(Markup("").join(parts))


def _points_table(data: ReportData, points: pd.DataFrame) -> pd.DataFrame:
    """Figures by year, then domain in domains.csv order, then indicator in catalogue order."""
    lang = data.lang
    domain = {d: n for n, d in enumerate(data.domains["domain"])}
    indicator = {i: n for n, i in enumerate(data.indicators["indicator"])}
    points = points.assign(_domain=points["indicator"].map(data.catalogue["domain"]).map(domain),
                           _indicator=points["indicator"].map(indicator))
    points = points.sort_values(["year", "_domain", "_indicator", "area", "kind", "lag"], kind="stable")
    return pd.DataFrame({
        t("column.indicator", lang): [data.name(i) for i in points["indicator"]],
        t("column.series", lang): [_series_label(data, r) for r in points.itertuples()],
        t("column.year", lang): points["year"].astype(str),
        t("column.value", lang): [fact_link(data.stated(r), r.fact_id, r.source_id) for r in points.itertuples()],
        t("column.source", lang): [source_link(s) for s in points["source_id"]],
    })


def _years_text(year_lists) -> str:
    return ", ".join(str(y) for y in sorted({year for years in year_lists for year in years}))


def _change(row, lang: str) -> str:
    absolute = format_quantity(row.change, row.change_unit, lang, 1)
    if row.change_unit == "percentage_points" or row.relative_change is None or pd.isna(row.relative_change):
        return absolute
    return f"{absolute}; {format_quantity(row.relative_change, 'percent', lang, 1)}"


def quality_section(data: ReportData) -> Html:
    """The province's findings, grouped by rule, with their severity; then what the sources leave unclear."""
    lang = data.lang
    found = data.findings[data.findings["province"] == data.province]
    severities = data.severities.set_index("severity")
    overall = checks.province_severity(data.findings, data.province, data.severities)
    parts = [Markup("<p>{}</p>").format(t("quality.overall", lang, severity=severities.loc[overall, f"name_{lang}"]))]
    if found.empty:
        parts.append(Markup("<p>{}</p>").format(t("quality.none", lang)))
    else:
        counts = found["severity"].value_counts()
        phrases = Markup(", ").join(t(f"count.{s}", lang, n=int(counts[s]))
                                    for s in data.severities["severity"][::-1] if counts.get(s, 0))
        parts.append(Markup("<p>{}</p>").format(t("quality.summary", lang, total=len(found), counts=phrases)))
        for rule, group in found.groupby("rule", sort=False):
            shown = pd.DataFrame({
                t("column.severity", lang): [severities.loc[s, f"name_{lang}"] for s in group["severity"]],
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
            t("column.value", lang): [fact_link(data.stated(r), r.fact_id, r.source_id) for r in unclear.itertuples()],
            t("column.ambiguity", lang): [_ambiguity(r, lang) for r in unclear.itertuples()],
            t("column.source", lang): [source_link(s) for s in unclear["source_id"]],
        })
        parts += [_heading(t("quality.verify", lang), 3), _table(shown)]
    return Html(Markup("").join(parts))


def _ambiguity(fact, lang: str) -> str:
    """The note in the page's language; a Vietnamese page shows an untranslated note as such."""
    if lang == "en":
        return fact.ambiguity
    return fact.ambiguity_vi or str(t("quality.untranslated", lang, note=fact.ambiguity))


def comparison_section(data: ReportData) -> Html:
    """Indicators several provinces state for the same year and level, side by side, with a chart each;
    else which indicators would make a comparison possible; then who has figures on what, by domain."""
    lang = data.lang
    facts = data.facts[data.facts["province"].isin(provinces_with_facts(data.facts))]
    shared = _shared(data, facts)
    parts = []
    if shared.empty:
        parts.append(Markup("<p>{}</p>").format(t("comparison.none", lang)))
        wanted = _would_compare(data, facts)
        if len(wanted):
            parts += [_heading(t("comparison.would", lang), 3), _table(wanted)]
    else:
        parts += [_heading(t("comparison.shared", lang), 3), *_shared_tables(data, shared)]
    parts += [_heading(t("comparison.coverage", lang), 3), _coverage(data, facts)]
    return Html(Markup("").join(parts))


def _shared(data: ReportData, facts: pd.DataFrame) -> pd.DataFrame:
    """Dated figures of one indicator, kind, year and area level that two provinces or more state."""
    dated = facts[facts["year"].notna()]
    dated = dated.assign(kind=dated["basis"].where(~dated["basis"].isin(OUTTURN), "result"),
                         tier=dated["area_level"].map(data.area_levels.set_index("level")["tier"]).fillna(""))
    key = ["indicator", "kind", "year", "tier"]
    provinces = dated.groupby(key)["province"].transform("nunique")
    return dated[provinces > 1]


def _shared_tables(data: ReportData, shared: pd.DataFrame) -> list[Markup]:
    from . import figures

    lang = data.lang
    order = {d: n for n, d in enumerate(data.domains["domain"])}
    shared = shared.assign(order=shared["indicator"].map(data.catalogue["domain"]).map(order))
    shared = shared.sort_values(["order", "indicator", "year", "kind", "tier", "province", "area"], kind="stable")
    cells = shared.assign(
        row=[f"{data.name(i)} · {int(y)} · {t(f'kind.{k}', lang)}" for i, y, k in
             zip(shared["indicator"], shared["year"], shared["kind"])],
        column=[province_name(p, lang) for p in shared["province"]],
        cell=[Markup("{}{}").format(f"{data.area(r.area, r.area_level)}: " if r.area else "",
                                    fact_link(data.stated(r), r.fact_id, r.source_id))
              for r in shared.itertuples()])
    pivot = cells.pivot_table(index="row", columns="column", values="cell", aggfunc=Markup("; ").join, sort=False)
    out = [_table(pivot, index=True, na_rep="–")]
    # A chart where it helps: whole-province figures, one bar per province, for the latest year two or
    # more provinces share (the table above has every year; a chart per year made the page slow to build
    # and long to read once many provinces report).
    whole = shared[shared["area"] == ""]
    for (indicator, kind), by_year in whole.groupby(["indicator", "kind"], sort=False):
        provinces_per_year = by_year.groupby("year")["province"].nunique()
        years = provinces_per_year[provinces_per_year >= 2].index
        if not len(years):
            continue
        year = max(years)
        group = by_year[by_year["year"] == year]
        values = group.drop_duplicates("province").set_index("province")["value"]
        values.index = [province_name(p, lang) for p in values.index]
        title = f"{data.name(indicator)}, {int(year)} ({t(f'kind.{kind}', lang)})"
        fig = figures.comparison_chart(values, title, unit_word(group["unit"].iloc[0], lang, 2), lang)
        out.append(_figure(fig, paths.figures_dir() / "all" / f"{indicator}-{kind}-{int(year)}.{lang}.png",
                           t("comparison.figure_alt", lang, name=title)))
    return out


def _would_compare(data: ReportData, facts: pd.DataFrame) -> pd.DataFrame:
    """For each indicator one province states, which provinces' figures would make it comparable."""
    lang = data.lang
    provinces = provinces_with_facts(facts)
    rows = []
    for indicator, group in facts.groupby("indicator", sort=False):
        have = sorted(set(group["province"]))
        if len(have) != 1 or len(provinces) < 2:
            continue
        years = sorted({int(y) for y in group["year"].dropna()})
        rows.append({
            t("column.indicator", lang): data.name(indicator),
            t("column.province", lang): province_name(have[0], lang),
            t("column.year", lang): ", ".join(map(str, years)) or "–",
            t("column.needed", lang): ", ".join(province_name(p, lang) for p in provinces if p not in have),
        })
    return pd.DataFrame(rows)


def _coverage(data: ReportData, facts: pd.DataFrame) -> Markup:
    lang = data.lang
    years = facts.groupby(["indicator", "province"]).agg(years=("year", lambda y: sorted({int(v) for v in y.dropna()})))
    domains = years.reset_index().assign(domain=lambda d: d["indicator"].map(data.catalogue["domain"]))
    coverage = domains.groupby(["domain", "province"])["years"].agg(_years_text).unstack()
    named = data.domains.set_index("domain")
    coverage = coverage.reindex([d for d in named.index if d in coverage.index])
    coverage.columns = [province_name(p, lang) for p in coverage.columns]
    coverage.index = [named.loc[d, f"name_{lang}"] for d in coverage.index]
    return Markup(coverage.to_html(escape=True, border=0, na_rep="–", classes="dantoc-table"))
