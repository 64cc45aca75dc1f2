"""Any valid data set: the narrative and the report sections never fail, and every number a sentence
states is one of its facts' figures or a computation the sentence names (a rate, a share, a gap)."""

import html as html_text
import re
from decimal import Decimal
from itertools import permutations

import pandas as pd
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from dantoc_analysis import checks, loaders, report
from dantoc_analysis.narrative import build_narrative

from .generated import data_sets, write_data

NUMBER = {"vi": r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?", "en": r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"}
TABLES = {name: getattr(loaders, f"load_{name}")() for name in ("projects", "capital_types", "area_levels",
                                                                 "severities")}


def numbers_in(html: str, lang: str) -> list[Decimal]:
    """The numbers a reader sees: tags and citation markers ([1]) removed, read in the page's locale."""
    text = re.sub(r"\[\d+\]", " ", html_text.unescape(re.sub(r"<[^>]+>", " ", html)))
    found = []
    for numeral in re.findall(NUMBER[lang], text):
        plain = numeral.replace(".", "").replace(",", ".") if lang == "vi" else numeral.replace(",", "")
        found.append(Decimal(plain))
    return found


def allowed(facts: pd.DataFrame, sources: pd.DataFrame, extra: set[Decimal], computed: bool = True) -> set[Decimal]:
    """What a sentence about these facts may state: their values and the numerals of their words, the
    years and dates around them, ratios of two of them (rates, shares, in percent), differences of
    two such ratios, and gaps between two values."""
    values = [Decimal(str(v)) for v in facts["value"]]
    numbers = set(values) | set(extra)
    for mention in facts["mention"]:
        numbers |= set(numbers_in(mention, "vi"))
    for column in ("year", "vintage"):
        numbers |= {Decimal(int(v)) for v in facts[column].dropna()}
    numbers |= {Decimal(int(y - v)) for y, v in zip(facts["year"], facts["vintage"]) if pd.notna(y) and pd.notna(v)}
    days = [*facts["as_of"].dropna(), *sources["published"].dropna(), *sources["event_date"].dropna()]
    numbers |= {Decimal(part) for day in days for part in (day.day, day.month, day.year)}
    if not computed:
        return numbers
    ratios = {round(100 * a / b, 1) for a, b in permutations(values, 2) if b}
    numbers |= ratios | {abs(a - b) for a, b in permutations(ratios, 2)} | {abs(a - b) for a, b in
                                                                           permutations(values, 2)}
    return numbers


def stated_matches(number: Decimal, candidates: set[Decimal]) -> bool:
    """A number as written matches a candidate rounded to the same digits."""
    digits = max(0, -number.as_tuple().exponent)
    return any(round(c, digits) == number for c in candidates)


def static_numbers(data: dict) -> set[Decimal]:
    """Numbers that are words, not figures: in indicator, project and source names (DA1, '3 tuyến')."""
    texts = [*data["indicators"]["name_vi"], *data["indicators"]["name_en"], *TABLES["projects"]["project"],
             *TABLES["projects"]["name_vi"], *TABLES["projects"]["name_en"], *data["sources"]["title"],
             *data["sources"]["source_id"], "1719", "01/07/2025", "1 July 2025", "95%"]
    return {n for text in texts for lang in ("vi", "en") for n in numbers_in(str(text), lang)}


def narrate(data: dict, province: str, lang: str):
    return build_narrative(data["facts"], data["sources"], data["indicators"], TABLES["projects"], province, lang,
                           TABLES["capital_types"], TABLES["area_levels"])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=data_sets(), lang=st.sampled_from(["vi", "en"]))
def test_every_number_in_a_narrative_comes_from_its_facts(data, lang):
    words = static_numbers(data)
    facts = data["facts"].set_index("fact_id", drop=False)
    for province in sorted(set(data["sources"]["province"])):
        own_sources = set(data["sources"].loc[data["sources"]["province"] == province, "source_id"])
        if True:
            built = narrate(data, province, lang)
            counts = {Decimal(n) for n in range(len(facts) + 1)}  # how many sources, drafts
            for sentence in built.sentences:
                own = facts.loc[list(sentence.facts)] if sentence.facts else facts.iloc[0:0]
                # A sentence without facts (the introduction) speaks of all the province's sources hold.
                context = own if len(own) else facts[facts["source_id"].isin(own_sources)]
                # A sentence computes only from its own facts; one without facts computes nothing.
                candidates = allowed(context, data["sources"], words | (counts if not sentence.facts else set()),
                                     computed=bool(sentence.facts))
                for number in numbers_in(str(sentence.html), lang):
                    assert stated_matches(number, candidates), (number, str(sentence.html), list(sentence.facts))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                                HealthCheck.function_scoped_fixture])
@given(data=data_sets())
def test_every_report_section_renders_on_any_data(data, tmp_path, monkeypatch):
    monkeypatch.setenv("DANTOC_FIGURES_DIR", str(tmp_path))
    for province in [None, *sorted(set(data["sources"]["province"]))]:
        for lang in ("vi", "en"):
            shown = report.ReportData(province, lang, data["sources"], data["indicators"], data["facts"],
                                      TABLES["projects"], domains=data["domains"], **{k: TABLES[k] for k in
                                      ("capital_types", "area_levels", "severities")})
            shown.__dict__["findings"] = checks.run_checks(data["facts"], data["indicators"], data["sources"],
                                                          plausibility=loaders.load_plausibility())
            if province is None:
                assert str(report.comparison_section(shown))
                continue
            for section in (report.brief, report.capital_section, report.trends_section, report.quality_section):
                assert str(section(shown))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                                HealthCheck.function_scoped_fixture])
@given(data=data_sets())
def test_a_drawn_data_set_is_valid_data(data, tmp_path_factory):
    folder = write_data(data, tmp_path_factory.mktemp("data"))
    facts = loaders.load_facts(folder)
    assert list(facts["fact_id"]) == list(data["facts"]["fact_id"])


@settings(max_examples=3, deadline=None, phases=[Phase.generate], database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(data=data_sets(), lang=st.sampled_from(["vi", "en"]))
def test_the_report_notebooks_run_on_drawn_data(data, lang, tmp_path_factory):
    """The real notebooks, through papermill, on three drawn data sets (a sample: each run takes seconds)."""
    from dantoc_analysis.cli import main

    root = tmp_path_factory.mktemp("drawn")
    folder = write_data(data, root / "data")
    provinces = sorted(set(data["facts"]["province"]) - {"vietnam"})
    chosen = ["--province", provinces[0]] if provinces else ["--all"]  # national figures only: the comparison
    code = main(["--data-dir", str(folder), "report", *chosen, "--lang", lang,
                 "--output", str(root / "reports"), "--figures", str(root / "figures"), "--jobs", "2"])
    assert code == 0
