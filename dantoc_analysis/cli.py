"""The `dantoc` command: facts, sources, check, extract, add, report (exit 2 with one line on unusable data)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Sequence

from . import paths
from .errors import DataError
from .numbers import LANGS

# Commands import what they use: `dantoc report` with nothing to do must not load pandas.


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dantoc", description=__doc__)
    parser.add_argument("--data-dir", default=None,
                        help=f"data folder (default: ${paths.DATA_ENV} or the repository's data/)")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, what in (("facts", "the curated figures with their quotes"), ("sources", "the source registry")):
        sub = commands.add_parser(name, help=f"print {what}, validated")
        sub.add_argument("--format", choices=("csv", "json"), default="csv")
    check = commands.add_parser("check", help="validation and consistency checks")
    check.add_argument("--province", action="append", help="only this province (slug); repeatable")
    check.add_argument("--format", choices=("table", "json"), default="table")
    check.add_argument("--lang", choices=LANGS, default="en", help="language of the table")
    check.add_argument("--strict", action="store_true", help="exit 1 when a check finds a mismatch")
    ext = commands.add_parser("extract", help="find the figures a Vietnamese text states")
    ext.add_argument("files", nargs="+", metavar="FILE", help="UTF-8 text file(s)")
    ext.add_argument("--format", choices=("table", "json"), default="table")
    ext.add_argument("--as-facts", action="store_true",
                     help="print candidate rows in facts.csv's columns for review (never written to data/)")
    add = commands.add_parser("add", help="register new documents and draft their figures")
    add.add_argument("files", nargs="+", metavar="FILE", help="UTF-8 text file(s), copied unchanged into raw/")
    add.add_argument("--province", default=None, metavar="P", help="the province (slug), instead of the inferred one")
    add.add_argument("--accept", action="store_true", help="append the drafts that load to facts.csv (review=draft)")
    add.add_argument("--format", choices=("table", "json"), default="table")
    rep = commands.add_parser("report", help="run the report notebooks and write shareable HTML")
    rep.add_argument("--province", nargs="+", action="extend", metavar="P", help="these provinces (slugs)")
    rep.add_argument("--all", action="store_true", help="every province that has facts (the default)")
    rep.add_argument("--lang", choices=(*LANGS, "all"), default="all")
    rep.add_argument("--jobs", type=int, default=None, help="reports run at once (default: cores)")
    rep.add_argument("--force", action="store_true", help="re-run reports whose inputs did not change")
    rep.add_argument("--output", type=Path, default=paths.REPO_ROOT / "reports", help="default: reports/")
    rep.add_argument("--figures", type=Path, default=paths.REPO_ROOT / "figures", help="default: figures/")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except DataError as exc:
        print(f"dantoc: error: {exc}", file=sys.stderr)
        return 2


def _tables(args):
    from . import loaders

    sources = loaders.load_sources(args.data_dir)
    indicators = loaders.load_indicators(args.data_dir)
    return sources, indicators, loaders.load_facts(args.data_dir, sources, indicators)


def cmd_table(args) -> int:
    sources, _, facts = _tables(args)
    frame = facts.drop(columns="resolution") if args.command == "facts" else sources
    if args.format == "json":
        print(frame.to_json(orient="records", force_ascii=False, indent=2, date_format="iso"))
    else:
        sys.stdout.write(_csv(frame))
    return 0


def _csv(frame) -> str:
    dates = frame.select_dtypes("datetime").columns
    return frame.assign(**{c: frame[c].dt.strftime("%Y-%m-%d") for c in dates}).to_csv(index=False, lineterminator="\n")


def cmd_check(args) -> int:
    from . import checks

    sources, indicators, facts = _tables(args)
    findings = checks.run_all_checks(facts, indicators, sources, args.data_dir)
    if args.province:
        findings = findings[findings["province"].isin(args.province)]
    validation = _validation_summary(sources, indicators, facts, args.data_dir)
    if args.format == "json":
        records = json.loads(findings.to_json(orient="records", force_ascii=False))
        payload = {"validation": validation, "checks": records}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        print(_table(findings, args.lang, validation))
    mismatches = int((findings["status"] == "mismatch").sum())
    return 1 if args.strict and mismatches else 0


def _validation_summary(sources, indicators, facts, data_dir) -> list[dict]:
    from . import loaders

    root = paths.data_dir(data_dir)
    return [
        {"file": paths.display_path(root / loaders.SOURCES_FILE), "rows": len(sources), "status": "ok",
         "detail": "raw files present, sha256 verified, UTF-8"},
        {"file": paths.display_path(root / loaders.INDICATORS_FILE), "rows": len(indicators), "status": "ok",
         "detail": "relations refer to known indicators"},
        {"file": paths.display_path(root / loaders.FACTS_FILE), "rows": len(facts), "status": "ok",
         "detail": "quotes verbatim and unique in their sources; values re-parsed from the quoted words"},
    ]


def _table(findings, lang: str, validation: list[dict]) -> str:
    import pandas as pd

    from . import checks

    lines = [f"{v['status']:<8} {v['file']} ({v['rows']} rows): {v['detail']}" for v in validation]
    lines.append("")
    for row in findings.itertuples():
        year = "" if pd.isna(row.year) else str(row.year)
        lines.append(f"{row.status:<8} {row.rule:<12} {row.province:<12} {year:<4}  {getattr(row, 'message_' + lang)}")
    counts = findings["status"].value_counts()
    lines.append("")
    lines.append("  ".join(f"{status}: {counts.get(status, 0)}" for status in checks.STATUSES))
    return "\n".join(lines)


def cmd_extract(args) -> int:
    import pandas as pd

    from . import extract, loaders

    indicators = loaders.load_indicators(args.data_dir)
    found = []  # (path, text, mentions), every file read before anything is printed
    for name in args.files:
        path = Path(name)
        text = loaders.read_text(path)
        found.append((path, text, extract.extract(text, paths.display_path(path), indicators)))
    if args.as_facts:
        rows = [row for path, text, mentions in found
                for row in extract.as_fact_rows(text, mentions, extract.source_for(path, args.data_dir))]
        frame = pd.DataFrame(rows, columns=loaders.fact_columns())
        if args.format == "json":
            print(json.dumps(frame.to_dict("records"), ensure_ascii=False, indent=2))
        else:
            sys.stdout.write(frame.to_csv(index=False, lineterminator="\n"))
        return 0
    mentions = [m.to_dict() for _, _, ms in found for m in ms]
    if args.format == "json":
        print(json.dumps(mentions, ensure_ascii=False, indent=2))
        return 0
    for m in mentions:
        where = f"{m['file']}:{m['start']}-{m['end']}"
        denominator = "" if m["denominator"] is None else f"/{m['denominator']}"
        upper = "" if m["upper"] is None else f"–{m['upper']}"
        figure = f"{m['value']}{denominator}{upper} {m['unit']}"
        proposal = f"{m['indicator']} ({m['confidence']:.2f})" if m["indicator"] else "-"
        print(f"{where:<28} {m['text']!s:<34} {figure:<24} {m['qualifier']:<7} {proposal}")
    print(f"{len(mentions)} figure(s) in {len(found)} file(s)")
    return 0


def cmd_add(args) -> int:
    from . import intake

    results = intake.add(args.files, args.data_dir, args.province, args.accept)
    if args.format == "json":
        payload = [r.to_json() for r in results]
        print(json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2))
        return 0
    for r in results:
        source = r.source
        if r.status == "unchanged":
            print(f"{r.file}: already registered as {source['source_id']} ({source['path']}); nothing done")
            continue
        said = ", ".join(f"{k}={source[k]}" for k in ("province", "area", "published", "event_date", "report_year")
                         if source[k])
        said = said or "no province or date stated"
        print(f"{r.file}: registered as {source['source_id']} ({source['path']}): {said}")
        for row in r.drafts:
            sure = min(float(row[f"{c}_confidence"]) for c in ("indicator", "basis", "year"))
            flag = f"  ! {row['problem']}" if row["problem"] else ""
            print(f"  {row['value']!s:>12} {row['unit']:<14} {row['indicator']:<40} {row['basis']:<8} "
                  f"{row['year']!s:<4} {sure:.2f}{flag}")
        drafts = f"{len(r.drafts) - len(r.accepted)} left in drafts/{source['source_id']}.csv"
        print(f"  {len(r.drafts)} figure(s); {len(r.accepted)} accepted into facts.csv as drafts; {drafts}")
    return 0


def cmd_report(args) -> int:
    from . import batch

    notebooks = batch.report_notebooks()
    if not notebooks:
        raise DataError(batch.REPORT_NOTEBOOKS, "no report notebooks (*.ipynb) found")
    output, figures = args.output.resolve(), args.figures.resolve()
    settings = {"provinces": sorted(args.province or []), "all": args.all, "lang": args.lang, "figures": str(figures)}
    batch_fingerprint = batch.fingerprint(notebooks, paths.data_dir(args.data_dir), settings)
    unchanged = None if args.force else batch.unchanged_batch(output, batch_fingerprint)
    if unchanged is not None:
        print(f"0 ran, {len(unchanged) - 1} unchanged, 0 failed")
        print(f"open {paths.display_path(output / 'index.html')}")
        return 0
    from . import loaders, publish, report

    data = report.load(None, "vi", args.data_dir)
    known = report.provinces_with_facts(data.facts)
    chosen = known if args.all or not args.province else args.province
    unknown = [p for p in chosen if p not in known]
    if unknown:
        raise DataError(paths.data_dir(args.data_dir) / loaders.FACTS_FILE,
                        f"no facts for province(s) {', '.join(unknown)}; known: {', '.join(known)}")
    langs = list(LANGS) if args.lang == "all" else [args.lang]
    outcomes = publish.run(data, chosen, langs, output, figures, args.jobs, args.force, batch_fingerprint)
    for outcome in outcomes:
        if outcome.status == "failed":
            print(f"dantoc: report failed: {outcome.job.label}: {outcome.message}", file=sys.stderr)
    counts = {s: sum(o.status == s for o in outcomes) for s in ("ran", "cached", "failed")}
    print(f"{counts['ran']} ran, {counts['cached']} unchanged, {counts['failed']} failed")
    print(f"open {paths.display_path(output / 'index.html')}")
    return 1 if counts["failed"] else 0


COMMANDS = {"facts": cmd_table, "sources": cmd_table, "check": cmd_check, "extract": cmd_extract,
            "report": cmd_report, "add": cmd_add}
