"""Year-over-year narratives from the facts, in Vietnamese or English, every figure cited.

Sentences come from resources/narrative.toml; every value put into them is computed here from
facts.csv and escaped, so text from a source can never act as HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from markupsafe import Markup

from . import capital
from .admin import COUNTRY, MERGER_DATE, absorbed_by, province_name
from .grammar import stated_figure
from .intervals import rate_miss
from .numbers import format_day, format_number, format_quantity
from .provenance import fact_anchor, mention_span, source_href, web_url
from .schemas import OUTTURN
from .wording import sentence

GOALS = ("target", "plan")


def say(key: str, lang: str, /, **fields) -> Markup:
    """A sentence of narrative.toml filled in and escaped."""
    return sentence("narrative.toml", key, lang, **fields)


def stated(fact, lang: str) -> str:
    return stated_figure(fact.mention, fact.value, fact.unit, fact.qualifier, lang)


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

    def __init__(self, facts, sources, indicators, projects, province: str, lang: str):
        self.lang, self.province = lang, province
        own_sources = sources[sources["province"] == province]["source_id"]
        # National figures quoted in the province's own sources are context, not another province.
        self.facts = facts[(facts["province"] == province)
                           | (facts["source_id"].isin(own_sources) & (facts["province"] == COUNTRY["slug"]))]
        self.all_facts = facts
        self.sources = sources.set_index("source_id")
        self.indicators = indicators
        self.catalogue = indicators.set_index("indicator")
        self.projects = projects.set_index("project")
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
        return Sentence(say(key, self.lang, cite=self.cite(*facts), **fields), ids, source_ids)

    def name(self, indicator: str, short: bool = False) -> str:
        row = self.catalogue.loc[indicator]
        if short and row[f"short_{self.lang}"]:
            return row[f"short_{self.lang}"]
        return row[f"name_{self.lang}"]

    def fact(self, fact_id: str):
        return next(self.all_facts[self.all_facts["fact_id"] == fact_id].itertuples())

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
        table = capital.capital_table(self.all_facts, self.indicators, self.province)
        if table.empty:
            intro.sentences.append(Sentence(say("capital.none", self.lang, province=self.place())))
        for year in years:
            self.blocks.append(Block(say("heading.year", self.lang, year=year), 3))
            self.capital_block(table, year)
            self.targets_block(year)
            self.items_blocks(self.facts[(self.facts["year"] == year)])
        undated = self.facts[self.facts["year"].isna() & ~self.facts["fact_id"].isin(self.used)]
        if len(undated):
            self.blocks.append(Block(say("heading.undated", self.lang), 3))
            self.items_blocks(undated)
        count = len(set(self.facts["source_id"]))
        intro.sentences.insert(0, Sentence(say("intro.sources", self.lang, province=self.place(), count=count,
                                                years=", ".join(map(str, years)))))
        absorbed = absorbed_by(self.province)
        if absorbed and years and years[-1] < MERGER_DATE.year:
            intro.sentences.insert(1, Sentence(say(
                "intro.boundary", self.lang, province=self.place(), merger=format_day(MERGER_DATE, self.lang),
                absorbed=", ".join(province_name(a, self.lang) for a in absorbed))))
        return self.narrative()

    def place(self) -> str:
        return province_name(self.province, self.lang)

    def capital_block(self, table: pd.DataFrame, year: int) -> None:
        rows = table[table["year"] == year]
        if rows.empty:
            return
        block = Block(say("heading.capital", self.lang), 4)
        self.blocks.append(block)
        kinds = capital.capital_types(self.indicators)
        total_id = capital.total_indicator(self.indicators, [k.plan for k in kinds])
        for vintage in sorted(rows["vintage"].dropna().unique(), key=lambda v: (v != year, -v)):
            block.sentences += self.plan_sentences(year, int(vintage), kinds, total_id)
            # The dated figure first; an undated one from another source follows it.
            ordered = rows[rows["vintage"] == vintage].sort_values("as_of", na_position="last", kind="stable")
            for row in ordered.itertuples():
                if present(row.disbursed_fact):
                    block.sentences.append(self.disbursed_sentence(row, year))
        block.sentences += self.comparisons(table, year, kinds)

    def plan_sentences(self, year, vintage, kinds, total_id) -> list[Sentence]:
        own = self.facts[(self.facts["year"] == year) & (self.facts["vintage"] == vintage)
                         & (self.facts["basis"] == "plan")]
        totals = list(own[own["indicator"] == total_id].itertuples())
        source = totals[0].source_id if totals else None
        parts = [next(own[(own["indicator"] == k.plan) & ((own["source_id"] == source) if source else True)]
                      .itertuples(), None) for k in kinds]
        parts = [p for p in parts if p is not None]
        if not parts and not totals:
            return []
        base = totals[0].value if totals else sum(p.value for p in parts)
        phrases = Markup(", " if self.lang == "en" else "; ").join(
            say("capital.part", self.lang, name=self.name(p.indicator, short=True),
                value=stated(p, self.lang), share=self.pct(100 * p.value / base)) for p in parts)
        if not totals:
            return [self.sentence("capital.plan_parts", parts, year=year, parts=phrases)]
        key = "capital.plan" if vintage == year else "capital.carried"
        return [self.sentence(key, [totals[0], *parts], year=year, vintage=vintage,
                              total=stated(totals[0], self.lang), parts=phrases)]

    def disbursed_sentence(self, row, year: int) -> Sentence:
        disbursed = self.fact(row.disbursed_fact)
        involved = [disbursed] + [self.fact(f) for f in (row.plan_fact, row.stated_rate_fact) if present(f)]
        fields = dict(
            name=self.name(row.capital, short=True),
            which=say("capital.which_carried", self.lang, vintage=row.vintage) if row.vintage != year else "",
            disbursed=stated(disbursed, self.lang),
            computed=self.pct(row.computed_rate) if present(row.plan_fact) else "?",
            stated=self.stated_rate_clause(row),
        )
        if pd.notna(row.as_of):
            return self.sentence("capital.disbursed_dated", involved, as_of=format_day(row.as_of, self.lang), **fields)
        reported = self.sources.loc[disbursed.source_id, ["event_date", "published"]].dropna()
        day = format_day(reported.iloc[0], self.lang) if len(reported) else "?"
        return self.sentence("capital.disbursed_undated", involved, reported=day, **fields)

    def stated_rate_clause(self, row) -> Markup | str:
        if not present(row.stated_rate_fact):
            return ""
        rate = self.fact(row.stated_rate_fact)
        # The same verdict as the rate check, at the same precision.
        holds = rate_miss(rate, self.fact(row.disbursed_fact), self.fact(row.plan_fact)) == 0
        return say("capital.stated_same" if holds else "capital.stated_differs", self.lang,
                   stated=stated(rate, self.lang))

    def comparisons(self, table: pd.DataFrame, year: int, kinds) -> list[Sentence]:
        out = []
        for kind in kinds:
            current = self.reference_row(table, year, year, kind.plan)
            if current is None:
                continue
            older = table[(table["year"] == year) & (table["vintage"] < year) & (table["capital"] == kind.plan)]
            for vintage in sorted(older["vintage"].unique(), reverse=True):
                previous = self.reference_row(table, year, int(vintage), kind.plan)
                if previous is not None:
                    out.append(self.compare(kind, year, int(vintage), current, previous))
            before = self.reference_row(table, year - 1, year - 1, kind.plan)
            if before is not None:
                out.append(self.sentence(
                    "capital.compare_previous", [self.fact(f) for f in (before.disbursed_fact, current.disbursed_fact)],
                    previous=year - 1, name=self.name(kind.plan, short=True),
                    rate_old=self.pct(before.computed_rate), rate_new=self.pct(current.computed_rate)))
        if out and not (table["year"] == year - 1).any():
            out.append(Sentence(say("capital.no_previous", self.lang, previous=year - 1)))
        return out

    @staticmethod
    def reference_row(table, year, vintage, plan):
        """The dated, recomputable row for a capital type: the figure a comparison should use."""
        rows = table[(table["year"] == year) & (table["vintage"] == vintage) & (table["capital"] == plan)
                     & table["computed_rate"].notna()]
        dated = rows[rows["as_of"].notna()]
        chosen = dated if len(dated) else rows
        return next(chosen.itertuples(), None)

    def compare(self, kind, year, vintage, current, previous) -> Sentence:
        difference = current.computed_rate - previous.computed_rate
        facts = [self.fact(f) for f in (current.disbursed_fact, current.plan_fact, previous.disbursed_fact,
                                        previous.plan_fact)]
        return self.sentence(
            "capital.compare_vintage", facts, name=self.name(kind.plan, short=True), year=year, vintage=vintage,
            rate_new=self.pct(current.computed_rate), rate_old=self.pct(previous.computed_rate),
            difference=format_number(abs(difference), self.lang, 1),
            direction=say("capital.lower" if difference < 0 else "capital.higher", self.lang))

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
            block.sentences.append(self.sentence(
                "targets.goal", [goal], goal_word=say(f"targets.{goal.basis.capitalize()}", self.lang), year=year,
                name=self.name(goal.indicator), stated=stated(goal, self.lang)))
            results = self.facts[(self.facts["indicator"] == goal.indicator) & self.facts["basis"].isin(OUTTURN)]
            same_year = list(results[results["year"] == year].itertuples())
            undated = list(results[results["year"].isna()].itertuples())
            for result in same_year:
                at_least = rules[goal.indicator] == "at_least"
                shortfall = goal.value - result.value if at_least else result.value - goal.value
                key = "targets.met" if shortfall <= 0 else "targets.missed"
                block.sentences.append(self.sentence(key, [result], year=year, stated=stated(result, self.lang),
                                                     goal_word=word,
                                                     gap=format_quantity(abs(shortfall), goal.unit, self.lang)))
            for result in [] if same_year else undated:
                block.sentences.append(self.sentence("targets.undated", [result], stated=stated(result, self.lang),
                                                     goal_word=word))
            if not same_year and not undated:
                block.sentences.append(Sentence(say("targets.no_result", self.lang)))

    def items_blocks(self, facts: pd.DataFrame) -> None:
        domains = facts["indicator"].map(self.catalogue["domain"])
        remaining = facts[~facts["fact_id"].isin(self.used) & (domains != "finance")]
        by_project = remaining.assign(project=remaining["indicator"].map(self.catalogue["project"]))
        groups = sorted(by_project.groupby("project"), key=lambda kv: (kv[0] == "", _project_order(kv[0])))
        for project, group in groups:
            heading = (f"{project}. {self.projects.loc[project, f'name_{self.lang}']}" if project
                       else say("heading.other", self.lang))
            block = Block(heading, 4)
            for fact in group.itertuples():
                place = province_name(fact.province, self.lang)
                elsewhere = say("item.elsewhere", self.lang, place=place) if fact.province != self.province else ""
                # "ước đạt 59,8 triệu đồng" already says it is an estimate.
                basis = "result" if fact.basis == "estimate" and fact.qualifier == "approx" else fact.basis
                block.sentences.append(self.sentence(
                    "item.figure", [fact], name=Markup("{}{}").format(self.name(fact.indicator), elsewhere),
                    stated=stated(fact, self.lang), basis=say(f"item.basis_{basis}", self.lang)))
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


def _project_order(project: str) -> int:
    return int(project[2:]) if project else 99


def build_narrative(facts: pd.DataFrame, sources: pd.DataFrame, indicators: pd.DataFrame,
                    projects: pd.DataFrame, province: str, lang: str) -> Narrative:
    """The province's brief: capital, targets and outputs year by year, each figure cited."""
    return Writer(facts, sources, indicators, projects, province, lang).write()
