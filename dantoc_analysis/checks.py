"""Consistency checks generated from the catalogue's relations, with messages in vi and en."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import combinations

import pandas as pd

from . import loaders
from .grammar import stated_figure
from .intervals import gap, interval, rate_miss, sum_interval
from .numbers import LANGS, format_day, format_number, format_quantity, to_vnd
from .schemas import OUTTURN
from .wording import resource

STATUSES = ("ok", "mismatch", "note", "skipped")
FINDING_COLUMNS = [
    "rule", "status", "severity", "independent", "province", "year", "expected", "observed", "facts",
    "message_vi", "message_en",
]


def messages() -> dict:
    return resource("messages.toml")


@dataclass(frozen=True)
class Fact:
    """One row of facts.csv as the checks need it."""

    fact_id: str
    source_id: str
    province: str
    area: str
    area_level: str
    year: int | None
    indicator: str
    value: float
    unit: str
    qualifier: str
    basis: str
    period: str
    vintage: int | None
    as_of: date | None
    mention: str
    quote: str
    resolution: float
    inferred_from: str = ""
    points: bool = False  # a difference of rates stated with '%': said in percentage points

    @property
    def interval(self) -> tuple[float, float]:
        return interval(self)

    @property
    def text(self) -> str:
        return self.mention

    @property
    def key(self) -> tuple:
        # A district's figure is never checked against the province's: the area is part of the key.
        return (self.province, self.area, self.area_level, self.year, self.vintage)

    def evidence(self) -> dict:
        return {"fact_id": self.fact_id, "value": self.value, "unit": self.unit,
                "quote": self.quote, "source_id": self.source_id}


@dataclass
class Localised:
    """A message field that reads differently per language."""

    render: callable

    def __call__(self, lang: str) -> str:
        return self.render(lang)


# A fact stands in every finding it is part of (in each pair it forms across sources), and dates
# repeat; formatting with Babel is most of the checks' time, so each text is made once.
_quantity = lru_cache(maxsize=1 << 16)(format_quantity)
_stated_figure = lru_cache(maxsize=1 << 18)(stated_figure)
_day = lru_cache(maxsize=1 << 12)(format_day)


def qty(value: float, unit: str, decimals: int | None = None) -> Localised:
    return Localised(lambda lang: _quantity(value, unit, lang, decimals))


def stated(fact: Fact) -> Localised:
    return Localised(lambda lang: _stated_figure(fact.mention, fact.value, fact.unit, fact.qualifier, lang,
                                                 fact.points))


def phrase(key: str, **fields) -> Localised:
    return Localised(lambda lang: messages()["phrase"][key][lang].format(**_fill(fields, lang)))


def _fill(fields: dict, lang: str) -> dict:
    return {k: v(lang) if isinstance(v, Localised) else v for k, v in fields.items()}


@dataclass
class Context:
    facts: list[Fact]
    names: dict[str, dict[str, str]]  # indicator -> {lang: name}
    catalogue: pd.DataFrame
    sources: pd.DataFrame
    band: pd.Series
    findings: list[dict] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Every lookup goes through an index built once, in the facts' order (the first hit is the
        # one a check uses), so that the checks grow with the facts, not with their square.
        self._of: dict[str, list[Fact]] = {}
        self._by_key: dict[tuple, list[Fact]] = {}
        self._by_source: dict[tuple, list[Fact]] = {}
        self._results: dict[tuple, list[Fact]] = {}
        for f in self.facts:
            self._of.setdefault(f.indicator, []).append(f)
            self._by_key.setdefault((f.indicator, f.key), []).append(f)
            self._by_source.setdefault((f.indicator, f.key, f.source_id), []).append(f)
            if f.basis in OUTTURN:
                self._results.setdefault((f.indicator, f.key[:3], f.year), []).append(f)
        # The meeting a figure was stated at is not the day the text was published: say which.
        self._said = {}
        for source_id, event, published in zip(self.sources.index, self.sources["event_date"],
                                               self.sources["published"]):
            self._said[source_id] = (("event", event.date()) if not pd.isna(event)
                                     else ("reported", published.date()) if not pd.isna(published) else None)

    def name(self, indicator: str) -> Localised:
        return Localised(lambda lang: self.names[indicator][lang])

    def of(self, indicator: str) -> list[Fact]:
        return self._of.get(indicator, [])

    def find(self, indicator: str, bases: tuple[str, ...], key: tuple, source_id: str | None = None) -> list[Fact]:
        hits = (self._by_key.get((indicator, key), []) if source_id is None
                else self._by_source.get((indicator, key, source_id), []))
        return [f for f in hits if f.basis in bases]

    def results(self, indicator: str, place: tuple, year: int | None) -> list[Fact]:
        """Outturn facts (results, estimates) of an indicator for one place (province, area, level) and year."""
        return self._results.get((indicator, place, year), [])

    def when(self, fact: Fact) -> Localised:
        if fact.as_of:
            return phrase("as_of", date=_date(fact.as_of))
        said = self._said[fact.source_id]
        if said:
            return phrase(said[0], date=_date(said[1]))
        return phrase("undated")

    def add(self, rule: str, status: str, template: str, facts: list[Fact], expected, observed,
            year: int | None = None, miss_units: float | None = None, **fields) -> None:
        """One finding; `miss_units` is a mismatch's size in units of the stated precision."""
        text = messages()[rule][template]
        first = facts[0]
        year = year if year is not None else first.year
        fields = {"year": year, **fields}
        alone = independent(facts)
        level = severity(status, miss_units, alone)
        extra = {lang: "".join(messages()["phrase"][key][lang].format(facts=", ".join(f.fact_id for f in facts))
                               for key, on in (("rounding", level == "rounding"), ("dependent", not alone)) if on)
                 for lang in LANGS}
        self.findings.append({
            "rule": rule,
            "status": status,
            "severity": level,
            "independent": alone,
            "province": first.province,
            "year": year,
            "expected": expected,
            "observed": observed,
            "facts": [f.evidence() for f in facts],
            **{f"message_{lang}": text[lang].format(**_fill(fields, lang)) + extra[lang] for lang in LANGS},
        })


def severity(status: str, miss_units: float | None = None, alone: bool = True) -> str:
    """How much a finding weighs (a key of severities.csv): a mismatch smaller than one unit of the
    stated precision is a rounding miss, not an error; agreement between figures read from each
    other is not independent; a check that could not run is not checked."""
    if status == "ok":
        return "ok" if alone else "not_independent"
    if status == "mismatch":
        return "rounding" if miss_units is not None and miss_units < 1 else "error"
    return "attention" if status == "note" else "not_checked"


def province_severity(findings: pd.DataFrame, province: str, severities: pd.DataFrame) -> str:
    """The weightiest severity among a province's findings; "not_checked" when none could run."""
    rank = severities.set_index("severity")["rank"]
    found = findings[findings["province"] == province]["severity"]
    return max(found, key=rank.get) if len(found) else "not_checked"


def _date(day: date) -> Localised:
    return Localised(lambda lang: _day(day, lang))


def _bases(term: str, default: tuple[str, ...] = OUTTURN) -> tuple[str, str, tuple[str, ...]]:
    indicator, _, basis = term.partition("@")
    return term, indicator, (basis,) if basis else default


def independent(facts: list) -> bool:
    """False when one of these facts was read from another of them (facts.csv inferred_from):
    agreement between them is then circular and proves nothing."""
    ids = {f.fact_id for f in facts}
    return not any(set(loaders.inferred_from(f.inferred_from)) & (ids - {f.fact_id}) for f in facts)


def check_sums(ctx: Context) -> None:
    """Every stated total against the sum of its stated parts, within their rounding."""
    for indicator, expression in ctx.catalogue["sum_of"].items():
        if not expression:
            continue
        parts = loaders.relation_terms(expression)
        for total in ctx.of(indicator):
            found = {p: ctx.find(p, (total.basis,), total.key, total.source_id) for p in parts}
            fields = dict(source=total.source_id, name=ctx.name(indicator), total=qty(total.value, total.unit))
            missing = [p for p, hits in found.items() if not hits]
            if missing:
                names = Localised(lambda lang: ", ".join(ctx.names[p][lang] for p in missing))
                ctx.add("sum", "skipped", "skipped", [total], total.value, None, missing=names, **fields)
                continue
            components = [hits[0] for hits in found.values()]
            observed = sum(c.value for c in components)
            miss = gap(total.interval, sum_interval(components))
            status = "ok" if miss == 0 else "note" if _approximate([total, *components]) else "mismatch"
            parts_text = Localised(lambda lang, cs=components: " + ".join(format_number(c.value, lang) for c in cs))
            ctx.add("sum", status, status, [total, *components], total.value, observed,
                    miss_units=miss / total.resolution,
                    parts=parts_text, sum=qty(observed, total.unit), miss=qty(abs(observed - total.value), total.unit),
                    **fields)


def _approximate(facts: list[Fact]) -> bool:
    return any(f.qualifier == "approx" for f in facts)


def check_rates(ctx: Context) -> None:
    """Every stated rate against numerator ÷ denominator, at the precision it is stated with."""
    for indicator, expression in ctx.catalogue["ratio_of"].items():
        if not expression:
            continue
        numerator_term, denominator_term = loaders.relation_terms(expression)
        for rate in [f for f in ctx.of(indicator) if f.basis in OUTTURN]:
            _check_rate(ctx, rate, _bases(numerator_term), _bases(denominator_term))


def _check_rate(ctx: Context, rate: Fact, numerator_term, denominator_term) -> None:
    fields = dict(source=rate.source_id, name=ctx.name(rate.indicator), stated=stated(rate))
    numerators = ctx.find(numerator_term[1], numerator_term[2], rate.key, rate.source_id)
    # The denominator (usually the plan) may be stated in another source for the same year.
    denominators = (ctx.find(denominator_term[1], denominator_term[2], rate.key, rate.source_id)
                    or ctx.find(denominator_term[1], denominator_term[2], rate.key))
    missing = [t for t, hits in ((numerator_term, numerators), (denominator_term, denominators)) if not hits]
    if missing:
        names = Localised(lambda lang: ", ".join(_term_name(ctx, t, lang) for t in missing))
        ctx.add("rate", "skipped", "skipped", [rate], rate.value, None, missing=names, **fields)
        return
    numerator, denominator = numerators[0], denominators[0]
    computed = 100 * numerator.value / denominator.value
    miss = rate_miss(rate, numerator, denominator)
    involved = [rate, numerator, denominator]
    status = "ok" if miss == 0 else "note" if _approximate(involved) else "mismatch"
    via = (phrase("via", source=denominator.source_id) if denominator.source_id != rate.source_id else "")
    ctx.add("rate", status, status, involved, rate.value, round(computed, 4), miss_units=miss / rate.resolution,
            numerator=qty(numerator.value, numerator.unit), denominator=qty(denominator.value, denominator.unit),
            computed=qty(computed, "percent", 2), requirement=_requirement(rate),
            miss=Localised(lambda lang: format_number(miss, lang, 2)), via=via, **fields)


def _term_name(ctx: Context, term, lang: str) -> str:
    _, indicator, bases = term
    name = ctx.names[indicator][lang]
    return f"{name} ({messages()['phrase']['plan'][lang]})" if bases == ("plan",) else name


def _requirement(rate: Fact) -> Localised:
    lower, upper = (qty(bound, "percent", 2) for bound in rate.interval)
    if rate.qualifier == "over":
        return phrase("at_least", lower=lower)
    if rate.qualifier == "under":
        return phrase("at_most", upper=upper)
    return phrase("between", lower=lower, upper=upper)


def check_cross_source(ctx: Context) -> None:
    """The same figure for the same province, year and plan year, as two sources state it."""
    groups: dict[tuple, dict[str, Fact]] = {}
    for f in ctx.facts:
        if f.year is None or f.basis not in OUTTURN:
            continue
        groups.setdefault((f.indicator, f.period, *f.key), {}).setdefault(f.source_id, f)
    for (indicator, *_), by_source in groups.items():
        for a, b in combinations(by_source.values(), 2):
            same_date = a.as_of is not None and a.as_of == b.as_of
            agree = gap(a.interval, b.interval) == 0
            status = "ok" if agree else "mismatch" if same_date else "note"
            ctx.add("cross_source", status, status, [a, b], a.value, b.value,
                    miss_units=gap(a.interval, b.interval) / max(a.resolution, b.resolution),
                    name=ctx.name(indicator), source_a=a.source_id, source_b=b.source_id,
                    a=stated(a), b=stated(b),
                    when_a=ctx.when(a), when_b=ctx.when(b))


def check_targets(ctx: Context) -> None:
    """Targets and plans against the results for the same province, indicator and year."""
    for indicator, rule in ctx.catalogue["target_rule"].items():
        if not rule:
            continue
        for goal in [f for f in ctx.of(indicator) if f.basis in ("target", "plan")]:
            same_year = ctx.results(indicator, goal.key[:3], goal.year)  # same province and area
            undated = ctx.results(indicator, goal.key[:3], None)
            fields = dict(name=ctx.name(indicator), year=goal.year, target=stated(goal),
                          source_t=goal.source_id,
                          target_word=Localised(lambda lang, g=goal: messages()["phrase"][g.basis][lang]))
            if not same_year and not undated:
                ctx.add("target", "skipped", "skipped", [goal], goal.value, None, **fields)
            for result in same_year or undated:
                fields.update(result=stated(result), source_r=result.source_id)
                if result.year is None:
                    ctx.add("target", "note", "undated", [goal, result], goal.value, result.value, **fields)
                    continue
                shortfall = goal.value - result.value if rule == "at_least" else result.value - goal.value
                status = "ok" if shortfall <= 0 else "note"
                ctx.add("target", status, status, [goal, result], goal.value, result.value,
                        gap=qty(abs(shortfall), goal.unit), **fields)


def check_ranges(ctx: Context) -> None:
    """Percentages between 0 and 100, unless the indicator measures achievement against a plan."""
    over_100 = ctx.catalogue["over_100"].to_dict()
    for f in [f for f in ctx.facts if f.unit == "percent"]:
        over_allowed = over_100[f.indicator] == "yes"
        upper = math.inf if over_allowed else 100.0
        status = "ok" if 0 <= f.value <= upper else "mismatch"
        limits = Localised(lambda lang, u=upper: f"≥ {format_quantity(0, 'percent', lang, 0)}" if math.isinf(u)
                           else f"0–{format_quantity(u, 'percent', lang, 0)}")
        ctx.add("range", status, status, [f], upper if math.isfinite(upper) else None, f.value,
                source=f.source_id, name=ctx.name(f.indicator), value=stated(f),
                limits=limits)


def check_exchange_rates(ctx: Context) -> None:
    """A money value given in USD in the same source implies an exchange rate: is it plausible?"""
    low, high = float(ctx.band["low"]), float(ctx.band["high"])
    for indicator, base in ctx.catalogue["usd_equivalent_of"].items():
        if not base:
            continue
        for usd in ctx.of(indicator):
            for money in ctx.find(base, (usd.basis,), usd.key, usd.source_id):
                implied = to_vnd(money.value, money.unit) / usd.value
                status = "ok" if low <= implied <= high else "mismatch"
                band = Localised(
                    lambda lang: f"{format_number(low, lang)}–{format_quantity(high, 'vnd_per_usd', lang)}")
                ctx.add("exchange", status, status, [usd, money], [low, high], round(implied, 2),
                        source=usd.source_id, money=stated(money),
                        usd=stated(usd),
                        implied=qty(round(implied), "vnd_per_usd", 0), band=band)


CHECKS = (check_sums, check_rates, check_cross_source, check_targets, check_ranges, check_exchange_rates)


def run_checks(
    facts: pd.DataFrame,
    indicators: pd.DataFrame | None = None,
    sources: pd.DataFrame | None = None,
    data_dir=None,
    plausibility: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """All findings about the facts, one row each (columns: FINDING_COLUMNS).

    Status: ok (holds), mismatch (the sources' own arithmetic does not hold), note (differs,
    but the data cannot call it an error: dates differ, approximate or undated figures, a target
    missed), skipped (a relation whose other side no source states).
    """
    indicators = loaders.load_indicators(data_dir) if indicators is None else indicators
    sources = loaders.load_sources(data_dir) if sources is None else sources
    plausibility = loaders.load_plausibility(data_dir) if plausibility is None else plausibility
    catalogue = indicators.set_index("indicator")
    # Differences of rates ("giảm 2,9%/năm") are said in percentage points: a set, looked up per fact.
    points = set(catalogue.index[catalogue["rate_difference"] == "yes"])
    ctx = Context(
        facts=[_fact(row, points) for row in loaders.records(facts)],
        names={i: {"vi": r["name_vi"], "en": r["name_en"]} for i, r in catalogue.iterrows()},
        catalogue=catalogue,
        sources=sources.set_index("source_id"),
        band=plausibility.set_index("check").loc["vnd_per_usd"],
    )
    for check in CHECKS:
        check(ctx)
    return pd.DataFrame(ctx.findings, columns=FINDING_COLUMNS).astype({"year": "Int64", "independent": bool})


def _fact(row: dict, points: set[str]) -> Fact:
    return Fact(
        points=row["indicator"] in points,
        **{k: row[k] for k in ("fact_id", "source_id", "province", "area", "area_level", "indicator", "unit",
                               "qualifier", "basis", "period", "mention", "quote", "inferred_from")},
        value=float(row["value"]),
        resolution=float(row["resolution"]),
        year=None if pd.isna(row["year"]) else int(row["year"]),
        vintage=None if pd.isna(row["vintage"]) else int(row["vintage"]),
        as_of=None if pd.isna(row["as_of"]) else row["as_of"].date(),
    )


def run_all_checks(facts: pd.DataFrame, indicators: pd.DataFrame, sources: pd.DataFrame,
                   data_dir=None) -> pd.DataFrame:
    """run_checks, then the coverage of every registered source by the curated facts."""
    from .extract import coverage_findings  # extract builds on this module's messages

    coverage = pd.DataFrame(coverage_findings(sources, facts, data_dir), columns=FINDING_COLUMNS)
    # A figure not yet curated is work left, not a wrong figure.
    coverage["severity"] = coverage["status"].map({"ok": "ok", "mismatch": "attention"})
    coverage["independent"] = True
    found = run_checks(facts, indicators, sources, data_dir)
    return pd.concat([found, coverage.astype({"year": "Int64"})], ignore_index=True)
