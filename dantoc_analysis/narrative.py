"""Year-over-year narratives from the facts, in Vietnamese or English, every figure cited.

Sentences come from resources/narrative.toml; every value put into them is computed here from
facts.csv and escaped, so text from a source can never act as HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from markupsafe import Markup
from unidecode import unidecode

from . import capital, loaders
from .admin import MERGER_DATE, absorbed_by, province_name, year_end
from .checks import independent
from .grammar import stated_figure
from .intervals import rate_miss
from .numbers import format_day, format_number, format_quantity
from .provenance import fact_anchor, mention_span, province_facts, source_href, web_url
from .schemas import OUTTURN
from .wording import sentence

GOALS = ("target", "plan")


def say(key: str, lang: str, /, **fields) -> Markup:
    """A sentence of narrative.toml filled in and escaped."""
    return sentence("narrative.toml", key, lang, **fields)


def stated(fact, points: frozenset[str], lang: str) -> str:
    """A fact's figure as a sentence or a table says it; `points`: the indicators that are differences
    of rates, said in percentage points."""
    return stated_figure(fact.mention, fact.value, fact.unit, fact.qualifier, lang, fact.indicator in points)


def area_name(area: str, level: str, levels: pd.DataFrame, lang: str) -> str:
    """"huyện Bình Gia" / "Binh Gia district" (levels: area_levels.csv indexed by level); "" for the
    whole province."""
    if not area:
        return ""
    name = area if lang == "vi" else unidecode(area)
    return str(say("area.name", lang, area=name, level=levels.loc[level, f"name_{lang}"]))


def present(fact_id) -> bool:
    """A fact id from a table cell: missing ones are None or NaN, and NaN is truthy."""
    return isinstance(fact_id, str) and fact_id != ""


@dataclass
class Sentence:
    html: Markup
    facts: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Quote:
    """A cited figure's words, shown under its source in the references."""

    fact_id: str
    source_id: str
    quote: str
    mention: str
    draft: bool = False

    @property
    def id(self) -> str:
        return f"quote-{fact_anchor(self.fact_id)}"

    def html(self, lang: str) -> Markup:
        start, end = mention_span(self.quote, self.mention)
        words = Markup("{}<mark>{}</mark>{}").format(self.quote[:start], self.quote[start:end], self.quote[end:])
        unreviewed = Markup(" ({})").format(page_words("source.draft", lang)) if self.draft else ""
        return Markup('<li id="{}"><q>{}</q>{} <a href="{}">{}</a></li>').format(
            self.id, words, unreviewed, source_href(self.source_id, self.fact_id), page_words("quotes.open", lang))


def page_words(key: str, lang: str, /, **fields) -> Markup:
    return sentence("pages.toml", key, lang, **fields)


@dataclass
class Block:
    heading: str
    level: int
    sentences: list[Sentence] = field(default_factory=list)


@dataclass
class Narrative:
    province: str
    lang: str
    blocks: list[Block]
    references: list[tuple[int, str, Markup]]  # number, source_id, entry
    quotes: list[Quote] = field(default_factory=list)  # the cited figures, in order of first citation

    @property
    def sentences(self) -> list[Sentence]:
        return [s for block in self.blocks for s in block.sentences]

    def html(self) -> Markup:
        parts = []
        for block in self.blocks:
            if block.heading:
                parts.append(Markup("<h{0}>{1}</h{0}>").format(block.level, block.heading))
            if block.sentences:
                parts.append(Markup("<p>{}</p>").format(Markup(" ").join(s.html for s in block.sentences)))
        if self.references:
            parts.append(Markup("<h3>{}</h3>").format(say("heading.sources", self.lang)))
            items = Markup("").join(Markup('<li id="source-{}">{}{}</li>').format(n, entry, self.quote_list(source_id))
                                    for n, source_id, entry in self.references)
            parts.append(Markup("<ol>{}</ol>").format(items))
        return Markup("\n").join(parts)

    def quote_list(self, source_id: str) -> Markup:
        """The source's cited figures in its own words, each linked to its place in the source."""
        own = [q for q in self.quotes if q.source_id == source_id]
        if not own:
            return Markup("")
        return Markup('<p>{}</p><ul class="quotes">{}</ul>').format(
            page_words("quotes.heading", self.lang), Markup("").join(q.html(self.lang) for q in own))


class Writer:
    """Builds one province's narrative; remembers which facts and sources it has used."""

    def __init__(self, facts, sources, indicators, projects, province: str, lang: str,
                 capital_types: pd.DataFrame | None = None, area_levels: pd.DataFrame | None = None):
        self.lang, self.province = lang, province
        # National figures quoted in the province's own sources are context, not another province:
        # the same facts its downloads hold.
        self.facts = province_facts(facts, sources, province)
        self.all_facts = facts
        self.sources = sources.set_index("source_id")
        self.indicators = indicators
        self.catalogue = indicators.set_index("indicator")
        self.projects = projects.set_index("project")
        self.capital_types = loaders.load_capital_types() if capital_types is None else capital_types
        levels = loaders.load_area_levels() if area_levels is None else area_levels
        self.levels = levels.set_index("level")
        self.kinds = capital.capital_types(indicators, self.capital_types)
        self.by_id = {row.fact_id: row for row in facts.itertuples()}
        self.plans: dict[tuple, list] = {}
        for fact in self.facts[self.facts["basis"] == "plan"].itertuples():
            self.plans.setdefault((fact.area, fact.area_level, _whole(fact.year), _whole(fact.vintage)), []).append(fact)
        self.points = frozenset(indicators.loc[indicators["rate_difference"] == "yes", "indicator"])
        self.names = {row.indicator: row for row in indicators.itertuples()}
        self.used: set[str] = set()
        self.cited: list[str] = []
        self.quoted: dict[str, Quote] = {}
        self.blocks: list[Block] = []

    # -- helpers ---------------------------------------------------------------------------
    def cite(self, *facts) -> Markup:
        """A marker per source: its number in the references, linking to the sentence's first figure
        on the source page, and described (for a screen reader) by the quotes listed under it."""
        markers = []
        for source_id in dict.fromkeys(f.source_id for f in facts if f.source_id):
            if source_id not in self.cited:
                self.cited.append(source_id)
            own = [f for f in facts if f.source_id == source_id]
            for f in own:
                self.quoted.setdefault(f.fact_id, Quote(f.fact_id, source_id, f.quote, f.mention,
                                                                f.review == "draft"))
            markers.append(Markup('<a class="cite" href="{}" aria-describedby="{}">[{}]</a>').format(
                source_href(source_id, own[0].fact_id), " ".join(self.quoted[f.fact_id].id for f in own),
                self.cited.index(source_id) + 1))
        return Markup("").join(markers)

    def sentence(self, key: str, facts: list, **fields) -> Sentence:
        ids = tuple(f.fact_id for f in facts)
        source_ids = tuple(dict.fromkeys(f.source_id for f in facts))
        self.used.update(ids)
        cite = self.cite(*facts)
        if any(f.review == "draft" for f in facts):
            cite += say("mark.draft", self.lang)
        return Sentence(say(key, self.lang, cite=cite, **fields), ids, source_ids)

    def stated(self, fact) -> str:
        return stated(fact, self.points, self.lang)

    def area(self, area: str, level: str) -> str:
        return area_name(area, level, self.levels, self.lang)

    def where(self, area: str, level: str, key: str = "area.of") -> Markup | str:
        return say(key, self.lang, area=self.area(area, level)) if area else ""

    def name(self, indicator: str, short: bool = False) -> str:
        row = self.names[indicator]
        if short and getattr(row, f"short_{self.lang}"):
            return getattr(row, f"short_{self.lang}")
        return getattr(row, f"name_{self.lang}")

    def fact(self, fact_id: str):
        return self.by_id[fact_id]

    def pct(self, value: float) -> str:
        return format_quantity(value, "percent", self.lang, 1)

    # -- sections --------------------------------------------------------------------------
    def write(self) -> Narrative:
        years = sorted({int(y) for y in self.facts["year"].dropna()})
        if self.facts.empty:
            self.blocks.append(Block("", 0, [Sentence(say("intro.no_facts", self.lang, province=self.place()))]))
            return self.narrative()
        intro = Block("", 0)
        self.blocks.append(intro)
        frame = capital.capital_table(self.all_facts, self.indicators, self.province, self.capital_types)
        # Rows as plain records, years as int or None: the blocks below filter them many times.
        table = [row._replace(year=_whole(row.year), vintage=_whole(row.vintage)) for row in frame.itertuples()]
        if not table:
            intro.sentences.append(Sentence(say("capital.none", self.lang, province=self.place())))
        for year in years:
            heading = Block(say("heading.year", self.lang, year=year), 3)
            self.blocks.append(heading)
            before = len(self.blocks)
            self.capital_block(table, year)
            self.targets_block(year)
            self.items_blocks(self.facts[(self.facts["year"] == year)])
            if len(self.blocks) == before:  # nothing to say about the year: no empty heading
                self.blocks.remove(heading)
        undated = self.facts[self.facts["year"].isna() & ~self.facts["fact_id"].isin(self.used)]
        if len(undated):
            self.blocks.append(Block(say("heading.undated", self.lang), 3))
            self.items_blocks(undated)
        count = len(set(self.facts["source_id"]))
        intro.sentences.insert(0, Sentence(say("intro.sources", self.lang, province=self.place(years), count=count,
                                                years=", ".join(map(str, years)))))
        absorbed = absorbed_by(self.province)
        if absorbed and years and years[-1] < MERGER_DATE.year:
            intro.sentences.insert(1, Sentence(say(
                "intro.boundary", self.lang, province=self.place(years), merger=format_day(MERGER_DATE, self.lang),
                absorbed=", ".join(province_name(a, self.lang) for a in absorbed))))
        if (self.facts["area"] != "").any():
            intro.sentences.append(Sentence(say("intro.areas", self.lang)))
        drafts = int((self.facts["review"] == "draft").sum())
        if drafts:
            intro.sentences.append(Sentence(say("intro.drafts", self.lang, count=drafts)))
        return self.narrative()

    def place(self, years: list[int] | None = None) -> str:
        """The province's name within the boundary its latest figures belong to (before or after 1/7/2025)."""
        return province_name(self.province, self.lang, year_end(years[-1]) if years else None)

    def capital_block(self, table: list, year: int) -> None:
        rows = [r for r in table if r.year == year]
        if not rows:
            return
        block = Block(say("heading.capital", self.lang), 4)
        self.blocks.append(block)
        # The whole province first, then each district or commune on its own: never mixed.
        for area, level in sorted({(r.area, r.area_level) for r in rows}):
            in_area = [r for r in rows if (r.area, r.area_level) == (area, level)]
            for vintage in sorted({r.vintage for r in in_area}, key=lambda v: (v != year, -v)):
                block.sentences += self.plan_sentences(year, vintage, area, level)
                # The dated figure first; an undated one from another source follows it.
                ordered = sorted((r for r in in_area if r.vintage == vintage), key=lambda r: pd.isna(r.as_of))
                for row in ordered:
                    if present(row.disbursed_fact):
                        block.sentences.append(self.disbursed_sentence(row, year))
            block.sentences += self.comparisons(table, year, area, level)

    def plan_sentences(self, year, vintage, area, level) -> list[Sentence]:
        own = self.plans.get((area, level, year, vintage), [])
        out = []
        for root in self.capital_types[self.capital_types["part_of"] == ""].itertuples():
            total_kind = next((k for k in self.kinds if k.key == root.capital_type and k.plan), None)
            totals = [f for f in own if total_kind and f.indicator == total_kind.plan]
            source = totals[0].source_id if totals else None
            children = [k for k in self.kinds if k.part_of == root.capital_type and k.plan]
            parts = [next((f for f in own if f.indicator == k.plan and (source is None or f.source_id == source)),
                          None) for k in children]
            named = [(k, p) for k, p in zip(children, parts) if p is not None]
            if not named and not totals:
                continue
            where = self.where(area, level)
            base = totals[0].value if totals else 0
            phrases = Markup(", " if self.lang == "en" else "; ").join(
                say("capital.part", self.lang, name=k.name(self.lang), value=self.stated(p),
                    share=self.pct(100 * p.value / base)) if base else
                say("capital.part_alone", self.lang, name=k.name(self.lang), value=self.stated(p))
                for k, p in named)
            carried = vintage != year
            if not totals:
                key = "capital.carried_parts" if carried else "capital.plan_parts"
                out.append(self.sentence(key, [p for _, p in named], year=year, vintage=vintage, where=where,
                                         parts=phrases))
                continue
            out.append(self.sentence(
                "capital.carried" if carried else "capital.plan", [totals[0], *(p for _, p in named)],
                year=year, vintage=vintage, where=where, name=total_kind.name(self.lang),
                total=self.stated(totals[0]), parts=say("capital.parts", self.lang, parts=phrases) if named else ""))
        return out

    def kind(self, key: str):
        return next(k for k in self.kinds if k.key == key)

    def disbursed_sentence(self, row, year: int) -> Sentence:
        disbursed = self.fact(row.disbursed_fact)
        involved = [disbursed] + [self.fact(f) for f in (row.plan_fact, row.stated_rate_fact) if present(f)]
        if present(row.plan_fact) and pd.notna(row.computed_rate):
            rate = say("capital.rate", self.lang, computed=self.pct(row.computed_rate),
                       stated=self.stated_rate_clause(row))
        else:
            rate = say("capital.rate_unknown", self.lang, stated=self.stated_rate_clause(row))
        fields = dict(
            name=self.kind(row.capital).name(self.lang),
            which=say("capital.which_carried", self.lang, vintage=row.vintage) if row.vintage != year else "",
            where=self.where(row.area, row.area_level),
            disbursed=self.stated(disbursed),
            rate=rate,
        )
        if pd.notna(row.as_of):
            return self.sentence("capital.disbursed_dated", involved, as_of=format_day(row.as_of, self.lang), **fields)
        return self.sentence("capital.disbursed_undated", involved, reported=self.reported(disbursed.source_id),
                             **fields)

    def reported(self, source_id: str) -> Markup:
        """When an undated figure was given: the meeting it was stated at, else the publication date."""
        source = self.sources.loc[source_id]
        if pd.notna(source["event_date"]):
            return say("capital.reported_event", self.lang, date=format_day(source["event_date"], self.lang))
        if pd.notna(source["published"]):
            return say("capital.reported_published", self.lang, date=format_day(source["published"], self.lang))
        return say("capital.reported_unknown", self.lang)

    def stated_rate_clause(self, row) -> Markup | str:
        if not present(row.stated_rate_fact):
            return ""
        rate = self.fact(row.stated_rate_fact)
        if not present(row.plan_fact):
            return say("capital.stated_same", self.lang, stated=self.stated(rate))
        involved = [rate, self.fact(row.disbursed_fact), self.fact(row.plan_fact)]
        # The same verdict as the rate check, at the same precision, and the same test of independence.
        if not independent(involved):
            return say("capital.stated_dependent", self.lang, stated=self.stated(rate))
        holds = rate_miss(*involved) == 0
        return say("capital.stated_same" if holds else "capital.stated_differs", self.lang,
                   stated=self.stated(rate))

    def comparisons(self, table: list, year: int, area: str, level: str) -> list[Sentence]:
        table = [r for r in table if (r.area, r.area_level) == (area, level)]
        where = self.where(area, level, "area.in")
        out = []
        for kind in self.kinds:
            current = self.reference_row(table, year, year, kind.key)
            if current is None:
                continue
            older = {r.vintage for r in table if r.year == year and r.vintage < year and r.capital == kind.key}
            for vintage in sorted(older, reverse=True):
                previous = self.reference_row(table, year, vintage, kind.key)
                if previous is not None:
                    out.append(self.compare(kind, year, vintage, current, previous, where))
            before = self.reference_row(table, year - 1, year - 1, kind.key)
            if before is not None:
                out.append(self.sentence(
                    "capital.compare_previous", [self.fact(f) for f in (before.disbursed_fact, before.plan_fact,
                                                                        current.disbursed_fact, current.plan_fact)],
                    previous=year - 1, name=kind.name(self.lang), where=where,
                    rate_old=self.pct(before.computed_rate), rate_new=self.pct(current.computed_rate)))
        if out and not any(r.year == year - 1 for r in table):
            out.append(Sentence(say("capital.no_previous", self.lang, previous=year - 1)))
        return out

    @staticmethod
    def reference_row(table: list, year, vintage, capital_type):
        """The dated, recomputable row for a capital type: the figure a comparison should use."""
        rows = [r for r in table if r.year == year and r.vintage == vintage and r.capital == capital_type
                and pd.notna(r.computed_rate)]
        dated = [r for r in rows if pd.notna(r.as_of)]
        chosen = dated or rows
        return chosen[0] if chosen else None

    def compare(self, kind, year, vintage, current, previous, where) -> Sentence:
        # Compared at the precision shown, so the words and the figures beside them agree.
        difference = round(current.computed_rate, 1) - round(previous.computed_rate, 1)
        facts = [self.fact(f) for f in (current.disbursed_fact, current.plan_fact, previous.disbursed_fact,
                                        previous.plan_fact)]
        fields = {"name": kind.name(self.lang), "where": where, "year": year, "vintage": vintage,
                  "rate_new": self.pct(current.computed_rate), "rate_old": self.pct(previous.computed_rate),
                  "extra": say("capital.extra", self.lang, years=year - vintage)}
        if round(difference, 1) == 0:
            return self.sentence("capital.compare_vintage_same", facts, **fields)
        return self.sentence(
            "capital.compare_vintage", facts, difference=format_number(abs(difference), self.lang, 1),
            direction=say("capital.lower" if difference < 0 else "capital.higher", self.lang), **fields)

    def targets_block(self, year: int) -> None:
        rules = self.catalogue["target_rule"]
        goals = self.facts[(self.facts["year"] == year) & self.facts["basis"].isin(GOALS)
                           & self.facts["indicator"].map(lambda i: rules.get(i, "") != "")]
        if goals.empty:
            return
        block = Block(say("heading.targets", self.lang), 4)
        self.blocks.append(block)
        for goal in goals.itertuples():
            word = say(f"targets.{goal.basis}", self.lang)
            where = self.where(goal.area, goal.area_level, "area.in")
            results = self.facts[(self.facts["indicator"] == goal.indicator) & self.facts["basis"].isin(OUTTURN)
                                 & (self.facts["area"] == goal.area) & (self.facts["area_level"] == goal.area_level)
                                 & (self.facts["province"] == goal.province)]
            same_year = list(results[results["year"] == year].itertuples())
            undated = list(results[results["year"].isna()].itertuples())
            for result in same_year:
                block.sentences.append(self.sentence(
                    "targets.pair", [result, goal], name=self.name(goal.indicator), where=where, year=year,
                    stated=self.stated(result), goal_word=word, goal=format_number(goal.value, self.lang),
                    verdict=self.verdict(goal, result, word)))
            if same_year:
                continue
            block.sentences.append(self.sentence(
                "targets.goal", [goal], goal_word=say(f"targets.{goal.basis.capitalize()}", self.lang), year=year,
                where=where, name=self.name(goal.indicator), stated=self.stated(goal)))
            for result in undated:
                block.sentences.append(self.sentence("targets.undated", [result], stated=self.stated(result),
                                                     goal_word=word))
            if not undated:
                block.sentences.append(Sentence(say("targets.no_result", self.lang)))

    def verdict(self, goal, result, word) -> Markup:
        at_least = self.catalogue.loc[goal.indicator, "target_rule"] == "at_least"
        shortfall = goal.value - result.value if at_least else result.value - goal.value
        if shortfall > 0:
            unit = "percentage_points" if self.catalogue.loc[goal.indicator, "rate_difference"] == "yes" \
                else goal.unit
            return say("targets.missed", self.lang, gap=format_quantity(abs(shortfall), unit, self.lang))
        return say("targets.exceeded" if at_least and shortfall < 0 else "targets.met", self.lang, goal_word=word)

    def items_blocks(self, facts: pd.DataFrame) -> None:
        # Every figure no other block has told, finance included: a figure never vanishes.
        remaining = facts[~facts["fact_id"].isin(self.used)]
        by_project = remaining.assign(project=remaining["indicator"].map(self.catalogue["project"]))
        groups = sorted(by_project.groupby("project"), key=lambda kv: (kv[0] == "", _project_order(kv[0])))
        for project, group in groups:
            heading = (f"{project}. {self.projects.loc[project, f'name_{self.lang}']}" if project
                       else say("heading.other", self.lang))
            block = Block(heading, 4)
            for fact in group.sort_values(["area", "area_level"], kind="stable").itertuples():
                place = province_name(fact.province, self.lang)
                elsewhere = say("item.elsewhere", self.lang, place=place) if fact.province != self.province else ""
                area = say("item.elsewhere", self.lang, place=self.area(fact.area, fact.area_level)) \
                    if fact.area else ""
                # "ước đạt 59,8 triệu đồng" already says it is an estimate.
                basis = "result" if fact.basis == "estimate" and fact.qualifier == "approx" else fact.basis
                block.sentences.append(self.sentence(
                    "item.figure", [fact], name=Markup("{}{}").format(self.name(fact.indicator), elsewhere),
                    where=area, stated=self.stated(fact), basis=say(f"item.basis_{basis}", self.lang)))
            self.blocks.append(block)

    def narrative(self) -> Narrative:
        references = []
        for n, source_id in enumerate(self.cited, start=1):
            source = self.sources.loc[source_id]
            entry = say("reference.entry", self.lang, title=source["title"], publisher=source["publisher"],
                        date=self.source_date(source), source_id=source_id)
            references.append((n, source_id, entry + self.source_links(source_id, source["url"])))
        return Narrative(self.province, self.lang, self.blocks, references, list(self.quoted.values()))

    def source_links(self, source_id: str, url) -> Markup:
        """The source page, and the original where the registry knows a web address."""
        links = Markup(' <a href="{}">{}</a>').format(source_href(source_id), page_words("quotes.source_page", self.lang))
        if web_url(url):
            links += Markup(' · <a href="{}">{}</a>').format(web_url(url), page_words("quotes.original", self.lang))
        return links

    def source_date(self, source) -> Markup:
        if pd.notna(source["published"]):
            return say("reference.published", self.lang, date=format_day(source["published"], self.lang))
        if pd.notna(source["event_date"]):
            return say("reference.event", self.lang, date=format_day(source["event_date"], self.lang))
        return say("reference.undated", self.lang, year=source["report_year"])


def _whole(value) -> int | None:
    return None if pd.isna(value) else int(value)


def _project_order(project: str) -> int:
    return int(project[2:]) if project else 99


def build_narrative(facts: pd.DataFrame, sources: pd.DataFrame, indicators: pd.DataFrame,
                    projects: pd.DataFrame, province: str, lang: str, capital_types: pd.DataFrame | None = None,
                    area_levels: pd.DataFrame | None = None) -> Narrative:
    """The province's brief: capital, targets and outputs year by year, each figure cited.

    capital_types and area_levels default to the shipped data folder's tables."""
    return Writer(facts, sources, indicators, projects, province, lang, capital_types, area_levels).write()
