"""Benchmark: `dantoc report --all` on made-up data shaped like 34 provinces × 6 years, and how it grows.

For each province count asked for, writes a temporary data folder — one review report per province
and year, its sentences from bench/scale.toml and its figures drawn at random (nothing of it is
shipped as data) — proves it with `dantoc check`, runs `dantoc report --all` on it as a subprocess,
then runs it again with nothing changed. Prints seconds per report, the total, the peak memory of
the whole process tree (the CLI and its kernels) and the no-change run's cost; with several counts,
what each added province cost between them (flat if the batch grows linearly with the provinces).

    .venv/bin/python bench/scale.py                       # 34 provinces
    .venv/bin/python bench/scale.py --provinces 1 4 8 34  # a table: how the time grows
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import resource
import string
import sys
import tempfile
import time
import tomllib
from pathlib import Path

import psutil

from dantoc_analysis import admin, loaders, paths, schemas
from dantoc_analysis.extract import IGNORED_COLUMNS, IGNORED_FILE, extract
from dantoc_analysis.numbers import format_quantity
from dantoc_analysis.paths import REPO_ROOT

YEARS = range(2020, 2026)
SHARED_FILES = paths.CATALOGUE_FILES
SPEC = tomllib.loads(Path(__file__).with_name("scale.toml").read_text(encoding="utf-8"))
POLL_SECONDS = 0.1
MADE_UP = "made up by bench/scale.py"


def current_provinces() -> list[tuple[str, str]]:
    """(slug, name) of the 34 provinces in force since 1/7/2025, by slug."""
    table = admin.provinces()
    rows = table[table["boundary"] == admin.CURRENT].sort_values("slug")
    return list(zip(rows["slug"], rows["name"]))


def drawn(rng: random.Random, indicator: str, values: dict[str, float]) -> float:
    """A value from the indicator's range in scale.toml (a share of another indicator, where it says so)."""
    spec = SPEC["drawn"][indicator]
    low, high = spec["range"]
    if "share_of" in spec:
        return round(values[spec["share_of"]] * rng.uniform(low, high))
    if "decimals" in spec:
        return round(rng.uniform(low, high), spec["decimals"])
    return rng.randint(low, high)


def derived(indicator: str, catalogue, values: dict[str, float], misstated: bool) -> float:
    """A total from its parts, a rate from its amounts, as indicators.csv declares them."""
    row = catalogue.loc[indicator]
    terms = [term.split("@")[0] for term in loaders.relation_terms(row["sum_of"] or row["ratio_of"])]
    if row["sum_of"]:
        return sum(values[term] for term in terms)
    rate = round(100 * values[terms[0]] / values[terms[1]], 1)
    return round(rate + SPEC["misstated"]["points"], 1) if misstated else rate


def report_values(rng: random.Random, catalogue, misstated: bool) -> dict[str, float]:
    """Every figure one report states, by indicator."""
    values: dict[str, float] = {}
    for indicator in SPEC["drawn"]:
        values[indicator] = drawn(rng, indicator, values)
    for indicator in SPEC["derived"]:
        values[indicator] = derived(indicator, catalogue, values, misstated)
    return values


def placeholders(template: str) -> list[str]:
    return [field for _, field, _, _ in string.Formatter().parse(template) if field]


def report_words(name: str, year: int) -> dict:
    return {"province": name, "year": year, "previous_year": year - 1, "next_year": year + 1}


def report_text(name: str, year: int, values: dict[str, float], catalogue) -> tuple[str, dict[str, tuple[str, str]]]:
    """The report's text, and for each indicator the words that state it and the sentence they stand in."""
    words = report_words(name, year)
    mentions = {i: format_quantity(v, catalogue.loc[i, "unit"], "vi") for i, v in values.items()}
    sentences, stated = [], {}
    for template in SPEC["sentences"]:
        sentence = template.format(**words, **mentions)
        sentences.append(sentence)
        stated.update({i: (mentions[i], sentence) for i in placeholders(template) if i in values})
    return "\n\n".join(sentences) + "\n", stated


def fact_rows(source: dict, values: dict, stated: dict, catalogue) -> list[dict]:
    """facts.csv rows for one report, each quoting the sentence that states it."""
    year = source["report_year"]
    rows = []
    for number, (indicator, (mention, quote)) in enumerate(stated.items(), 1):
        spec = SPEC["drawn"].get(indicator) or SPEC["derived"][indicator]
        rows.append({
            "fact_id": f"{source['source_id']}#{number:02d}", "source_id": source["source_id"],
            "province": source["province"], "area": "", "area_level": "", "year": year,
            "indicator": indicator, "value": values[indicator], "unit": catalogue.loc[indicator, "unit"],
            "qualifier": "exact", "basis": spec["basis"], "period": "year",
            "vintage": year if catalogue.loc[indicator, "requires_vintage"] == "yes" else "",
            "as_of": f"{year}-{spec['as_of']}" if "as_of" in spec else "",
            "mention": mention, "quote": quote, "ambiguity": "", "review": "checked",
        })
    return rows


def ignored_rows(source_id: str, text: str, facts: list[dict]) -> list[dict]:
    """Figures the extractor finds outside the facts' words (dates and the like), so coverage holds."""
    spans = []
    for fact in facts:
        start = text.index(fact["quote"]) + fact["quote"].index(fact["mention"])
        spans.append((start, start + len(fact["mention"])))
    return [{"source_id": source_id, "text": m.text, "start": m.start, "reason": MADE_UP}
            for m in extract(text, source_id) if not any(s < m.end and m.start < e for s, e in spans)]


def write_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns)
        writer.writeheader()
        writer.writerows(rows)


def write_data(folder: Path, provinces: list[tuple[str, str]], seed: int) -> int:
    """A data folder with one report per province and year; returns the number of facts."""
    (folder / loaders.RAW_FOLDER).mkdir(parents=True)
    for name in SHARED_FILES:
        (folder / name).write_bytes((REPO_ROOT / "data" / name).read_bytes())
    catalogue = loaders.load_indicators(folder).set_index("indicator")
    rng = random.Random(seed)
    sources, facts, ignored = [], [], []
    for slug, name in provinces:
        for year in YEARS:
            values = report_values(rng, catalogue, misstated=len(sources) % SPEC["misstated"]["every"] == 0)
            text, stated = report_text(name, year, values, catalogue)
            file = f"{slug}-{year}.txt"
            (folder / loaders.RAW_FOLDER / file).write_text(text, encoding="utf-8")
            words = report_words(name, year)
            source = {"source_id": f"{slug}-{year}", "path": f"{loaders.RAW_FOLDER}/{file}", "province": slug,
                      **{key: SPEC[key].format(**words) for key in ("title", "publisher", "published")},
                      "report_year": year, "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                      "notes": MADE_UP}
            rows = fact_rows(source, values, stated, catalogue)
            sources.append(source)
            facts += rows
            ignored += ignored_rows(source["source_id"], text, rows)
    write_csv(folder / loaders.SOURCES_FILE, list(schemas.SOURCES.columns), sources)
    write_csv(folder / loaders.FACTS_FILE, loaders.fact_columns(), facts)
    write_csv(folder / IGNORED_FILE, IGNORED_COLUMNS, ignored)
    return len(facts)


def tree_rss(process: psutil.Process) -> tuple[int, int]:
    """Resident memory of a process alone, and with all its descendants (the kernels), in bytes."""
    alone = process.memory_info().rss
    total = alone
    for member in process.children(recursive=True):
        try:
            total += member.memory_info().rss
        except psutil.NoSuchProcess:
            pass  # a kernel that ended between the listing and the reading
    return alone, total


def children_cpu() -> float:
    """CPU seconds of every ended descendant so far (the CLI and the kernels it waited for)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measured(command: list[str]) -> tuple[float, float, tuple[int, int], str]:
    """Seconds, CPU seconds, peak memory and stdout of a command that must succeed.

    Peak memory is in bytes, of the command alone and of its process tree. CPU seconds stand beside
    the wall clock because on a shared machine the wall clock measures the neighbours too.
    """
    # Output goes to files, not pipes: a pipe that nobody reads while we poll fills and blocks the command.
    with tempfile.TemporaryFile("w+", encoding="utf-8") as out, tempfile.TemporaryFile("w+", encoding="utf-8") as err:
        started, cpu = time.perf_counter(), children_cpu()
        process = psutil.Popen(command, stdout=out, stderr=err)
        peak = (0, 0)
        while process.poll() is None:
            try:
                peak = tuple(map(max, peak, tree_rss(process)))
            except psutil.NoSuchProcess:
                break
            time.sleep(POLL_SECONDS)
        process.wait()
        seconds, cpu = time.perf_counter() - started, children_cpu() - cpu
        out.seek(0)
        err.seek(0)
        printed, complaint = out.read(), err.read()
    if process.returncode != 0:
        sys.exit(f"{' '.join(command[2:])} exited {process.returncode}: {complaint.strip() or printed.strip()}")
    return seconds, cpu, peak, printed


def coverage_holds(check_json: str) -> bool:
    findings = json.loads(check_json)["checks"]
    return not [f for f in findings if f["rule"] == "coverage" and f["status"] != "ok"]


def pages(output: Path) -> dict[Path, int]:
    """Report pages written, with their modification times: <output>/<folder>/<notebook>.<lang>.html."""
    return {page: page.stat().st_mtime_ns for page in output.glob("*/*.html") if page.parent.name != "sources"}


def scale_run(count: int, seed: int, jobs: int | None) -> dict:
    dantoc = [sys.executable, "-m", "dantoc_analysis"]
    with tempfile.TemporaryDirectory(prefix="dantoc-scale-") as folder:
        work = Path(folder)
        data = work / "data"
        facts = write_data(data, current_provinces()[:count], seed)
        check_seconds, _, _, check = measured([*dantoc, "--data-dir", str(data), "check", "--format", "json"])
        if not coverage_holds(check):
            sys.exit("the made-up data leave figures uncovered: see `dantoc check` on them")
        report = [*dantoc, "--data-dir", str(data), "report", "--all",
                  "--output", str(work / "reports"), "--figures", str(work / "figures")]
        report += ["--jobs", str(jobs)] if jobs else []
        full, cpu, peak, _ = measured(report)
        written = pages(work / "reports")
        unchanged, _, _, _ = measured(report)
        if pages(work / "reports") != written:
            sys.exit(f"{count} provinces: the run with nothing changed rewrote pages")
        reports = len(written)
    return {"provinces": count, "sources": count * len(YEARS), "facts": facts, "check": check_seconds,
            "reports": reports, "full": full, "per_report": full / reports, "cpu": cpu,
            "cpu_per_report": cpu / reports, "cli_mb": peak[0] / 2**20, "peak_mb": peak[1] / 2**20,
            "unchanged": unchanged, "unchanged_pct": 100 * unchanged / full}


ROW = "{provinces:>9} {sources:>7} {facts:>6} {check:>8.1f} {reports:>7} {full:>8.1f} {per_report:>9.2f} " \
      "{cpu_per_report:>12.2f} {cli_mb:>8.0f} {peak_mb:>9.0f} {unchanged:>9.2f} {unchanged_pct:>7.1f}%"
HEADER = f"{'provinces':>9} {'sources':>7} {'facts':>6} {'check s':>8} {'reports':>7} {'total s':>8} " \
         f"{'s/report':>9} {'CPU s/report':>12} {'CLI MiB':>8} {'peak MiB':>9} {'re-run s':>9} {'re-run':>8}"


def growth(rows: list[dict]) -> list[str]:
    """What each added province cost between consecutive runs: flat if the batch grows linearly."""
    lines = []
    for before, after in zip(rows, rows[1:]):
        added = after["provinces"] - before["provinces"]
        lines.append(f"{before['provinces']:>3} → {after['provinces']:>3} provinces: each added province cost "
                     f"{(after['full'] - before['full']) / added:5.1f} s ({(after['cpu'] - before['cpu']) / added:5.1f}"
                     f" CPU s) for {(after['reports'] - before['reports']) / added:g} reports")
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--provinces", type=int, nargs="+", default=[34], metavar="N",
                        help="province counts to run, each on its own data set (default: 34; at most 34)")
    parser.add_argument("--jobs", type=int, help="passed to `dantoc report --jobs` (default: its own)")
    parser.add_argument("--seed", type=int, default=1719)
    args = parser.parse_args(argv)
    if not all(1 <= n <= len(current_provinces()) for n in args.provinces):
        parser.error(f"--provinces takes counts from 1 to {len(current_provinces())}")
    print(f"{len(YEARS)} years ({YEARS[0]}–{YEARS[-1]}) per province, {psutil.cpu_count()} cores; "
          "peak = resident memory of the CLI and its kernels together, CLI = the CLI alone")
    print(HEADER, flush=True)
    rows = []
    for count in args.provinces:
        rows.append(scale_run(count, args.seed, args.jobs))
        print(ROW.format(**rows[-1]), flush=True)
    for line in growth(rows):
        print(line)


if __name__ == "__main__":
    main()
