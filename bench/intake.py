"""How well and how fast `dantoc add` reads a new document.

    .venv/bin/python bench/intake.py

Accuracy against tests/fixtures/intake/labels.toml (hand labels written before the inference code):
the document's province, report year and dates (published, event), and for labelled figures their
basis, year, as-of date and (where the text states one) vintage. The texts tuned on are scored first,
then each evaluation set of tests/fixtures/evaluation_sets.toml with a folder here, apart. A third score uses the real seed pages in data/raw/ against
their hand-curated rows in data/sources.csv and data/facts.csv (read while developing, not labelled by us). Speed: `intake.add` of a ~10 KB report into a copy of the
data folder, timed in-process (module imports excluded; the first call includes building the caches and
the validation library's one-time set-up).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.sets import evaluation_sets
from dantoc_analysis import extract, infer, intake, loaders

FIXTURES = ROOT / "tests" / "fixtures" / "intake"
DOCUMENT_FIELDS = ("province", "area", "report_year", "published", "event_date")
FIGURE_FIELDS = ("basis", "year", "as_of", "vintage")
REPORT_BYTES = 10_000
# Labelled texts kept out of tuning and tests: the evaluation sets, scored here only.
UNTUNED = tuple(f"{s['name']}/" for s in evaluation_sets())


def labels() -> dict:
    return tomllib.loads((FIXTURES / "labels.toml").read_text(encoding="utf-8"))["files"]


def _text(value) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def score(names: list[str], truth: dict) -> dict[str, tuple[int, int]]:
    """(right, total) per field over the named fixtures."""
    levels = loaders.load_area_levels().to_dict("records")
    indicators = loaders.load_indicators()
    catalogue = {row["indicator"]: row for row in indicators.to_dict("records")}
    tally = {f: [0, 0] for f in DOCUMENT_FIELDS + FIGURE_FIELDS}
    for name in names:
        text = loaders.read_text(FIXTURES / name)
        doc = infer.read_document(text, levels)
        for field in DOCUMENT_FIELDS:
            tally[field][0] += _text(doc.value(field)) == str(truth[name][field])
            tally[field][1] += 1
        areas = infer.area_names(text, levels)
        mentions = {m.text: m for m in extract.extract(text, indicators=indicators)}
        for label in truth[name]["figures"]:
            mention = mentions.get(label["mention"])
            guesses = infer.read_figure(text, mention, doc, areas, catalogue)[0] if mention else {}
            # Our labels give a vintage only where the text states one; elsewhere the draft's vintage is
            # an assumption the loader needs for capital, which the labels do not judge.
            for field in [f for f in FIGURE_FIELDS if f != "vintage" or label["vintage"] != ""]:
                got = _text(guesses[field].value) if mention else None
                tally[field][0] += got == str(label[field])
                tally[field][1] += 1
    return {f: (right, total) for f, (right, total) in tally.items()}


def score_seeds() -> dict[str, tuple[int, int]]:
    """(right, total) per field on the registered sources, against their curated registry rows and facts."""
    levels = loaders.load_area_levels().to_dict("records")
    indicators = loaders.load_indicators()
    catalogue = {row["indicator"]: row for row in indicators.to_dict("records")}
    sources = loaders.load_sources()
    facts = loaders.load_facts(None, sources, indicators)
    texts = loaders.source_texts(sources)
    tally = {f: [0, 0] for f in DOCUMENT_FIELDS + FIGURE_FIELDS}
    for source in sources.to_dict("records"):
        text = texts[source["source_id"]]
        doc = infer.read_document(text, levels)
        for field in DOCUMENT_FIELDS:
            tally[field][0] += _text(doc.value(field)) == _cell(source[field])
            tally[field][1] += 1
        areas = infer.area_names(text, levels)
        mentions = extract.extract(text, indicators=indicators)
        for fact in facts[facts["source_id"] == source["source_id"]].to_dict("records"):
            start = text.index(fact["quote"]) + fact["quote"].index(fact["mention"])
            end = start + len(fact["mention"])
            mention = next((m for m in mentions if m.start < end and start < m.end), None)
            guesses = infer.read_figure(text, mention, doc, areas, catalogue)[0] if mention else {}
            for field in FIGURE_FIELDS:
                got = _text(guesses[field].value) if mention else None
                tally[field][0] += got == _cell(fact[field])
                tally[field][1] += 1
    return {f: (right, total) for f, (right, total) in tally.items()}


def _cell(value) -> str:
    """A loaded table's cell as the inference writes it: ISO dates, whole years, "" for missing."""
    if value is None or value != value or str(value) in ("<NA>", "NaT"):
        return ""
    return value.date().isoformat() if hasattr(value, "date") else str(value)


def ten_kb_report() -> str:
    """A report-like text of at least 10 KB: the fixture texts one after another (some twice)."""
    parts, size = [], 0
    for path in sorted(FIXTURES.rglob("*.txt")) * 3:
        if size >= REPORT_BYTES:
            break
        parts.append(path.read_text(encoding="utf-8"))
        size += len(parts[-1].encode()) + 1
    return "\n".join(parts)


def time_add() -> list[tuple[str, float, float]]:
    """Wall and CPU seconds for intake.add of the 10 KB report, cold then warm, each into a fresh data copy.

    CPU time is shown beside wall time because the machine may be shared: it is the work itself.
    """
    timings = []
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report-10kb.txt"
        report.write_text(ten_kb_report(), encoding="utf-8")
        for run in ("first call", "second call", "with --accept"):
            data = Path(tmp) / run.replace(" ", "-")
            shutil.copytree(ROOT / "data", data)
            start, cpu = time.perf_counter(), time.process_time()
            result = intake.add([report], data, accept=run == "with --accept")[0]
            timings.append((run, time.perf_counter() - start, time.process_time() - cpu, len(result.drafts)))
        size = report.stat().st_size
    return [(f"{run} ({size} bytes, {n} figures)", wall, cpu) for run, wall, cpu, n in timings]


def main() -> None:
    timings = time_add()  # first, so that the first call finds no cache warm
    truth = labels()
    tuned = sorted(n for n in truth if not n.startswith(UNTUNED))
    groups = [("our texts, tuned on", len(tuned), score(tuned, truth))]
    for s in evaluation_sets():
        names = sorted(n for n in truth if n.startswith(f"{s['name']}/"))
        if names:
            groups.append((f"{s['name']} ({s['note']})", len(names), score(names, truth)))
    groups.append(("seed pages (data/raw/) against their curated rows", len(loaders.load_sources()), score_seeds()))
    for title, count, scores in groups:
        print(f"{title}: {count} texts")
        for field, (right, total) in scores.items():
            print(f"  {field:<12} {right:>3}/{total:<3} {right / total:.0%}")
    for run, wall, cpu in timings:
        print(f"dantoc add, {run}: {wall:.3f} s wall, {cpu:.3f} s CPU")


if __name__ == "__main__":
    main()
