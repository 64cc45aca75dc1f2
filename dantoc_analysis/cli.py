"""The `dantoc` command: facts, sources, check, extract, add, audit, report (exit 2 with one line on unusable data)."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import paths
from .errors import DataError
from .numbers import LANGS
from .outputs import OutputError

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
    aud = commands.add_parser("audit", help="check the sums and rates a report text states, from the text alone")
    aud.add_argument("files", nargs="+", metavar="FILE", help="UTF-8 text file(s)")
    aud.add_argument("--format", choices=("table", "json", "html"), default="table")
    aud.add_argument("--lang", choices=LANGS, default="en", help="language of the table")
    aud.add_argument("--output", type=Path, default=Path("."),
                     help="folder for the html pages, <stem>.audit.html (default: the current folder)")
    aud.add_argument("--strict", action="store_true", help="exit 1 when a relation is a mismatch")
    rep = commands.add_parser("report", help="run the report notebooks and write shareable HTML")
    rep.add_argument("--province", nargs="+", action="extend", metavar="P", help="these provinces (slugs)")
    rep.add_argument("--all", action="store_true", help="every province that has facts (the default)")
    rep.add_argument("--lang", choices=(*LANGS, "all"), default="all")
    rep.add_argument("--jobs", type=int, default=None, help="reports run at once (default: cores)")
    rep.add_argument("--force", action="store_true", help="re-run reports whose inputs did not change")
    rep.add_argument("--output", type=Path, default=paths.REPO_ROOT / "reports", help="default: reports/")
    rep.add_argument("--figures", type=Path, default=paths.REPO_ROOT / "figures", help="default: figures/")
    rep.add_argument("--notebooks", type=Path, default=None, metavar="DIR",
                     help="your own report templates (default: the package's notebooks/reports/)")
    rep.add_argument("--timeout", type=_seconds, default=None, metavar="SECONDS",
                     help="longest a cell may run; a report that exceeds it fails (default: 120)")
    return parser


def _seconds(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"expected a positive number of seconds, not {text!r}")
    return value


INTERRUPTED = 130  # 128 + SIGINT, as a shell reports a command stopped with Ctrl-C


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except (DataError, OutputError) as exc:
        print(f"dantoc: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("dantoc: interrupted; nothing was written", file=sys.stderr)
        return INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`dantoc facts | head -1`): stop quietly, as Unix tools do.
        _silence_stdout()
        return 1


def _silence_stdout() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def say(*lines: str) -> None:
    """Print the closing lines of a command whose work is done: a closed pipe is not an error."""
    try:
        for line in lines:
            print(line, flush=True)
    except BrokenPipeError:
        _silence_stdout()


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
        # pandas writes the findings' JSON itself: parsing it back to re-indent took longer than the
        # checks on 100.000 facts. One finding a line keeps the output readable and diffable.
        checks_json = findings.to_json(orient="records", force_ascii=False, lines=True).strip()
        sys.stdout.write('{"validation": ' + json.dumps(validation, ensure_ascii=False, indent=2)
                         + ',\n "checks": [\n' + checks_json.replace("\n", ",\n") + '\n]}\n')
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
        flags = f"  [{', '.join(m['flags'])}]" if m["flags"] else ""
        print(f"{where:<28} {m['text']!s:<34} {figure:<24} {m['qualifier']:<7} {proposal}{flags}")
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


def cmd_audit(args) -> int:
    from . import audit, loaders

    results = []  # every file read before anything is printed or written
    for name in args.files:
        path = Path(name)
        results.append((path, audit.audit(loaders.read_text(path), paths.display_path(path))))
    if args.format == "json":
        payload = [result.to_dict() for _, result in results]
        print(json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2))
    elif args.format == "html":
        from .html import audit_html
        from .outputs import write_atomic

        for path, result in results:
            target = args.output / f"{path.stem}.audit.html"
            write_atomic(target, audit_html(result, path.name))
            print(paths.display_path(target))
    else:
        for _, result in results:
            print(_audit_table(result, args.lang))
    mismatches = sum(r.status == "mismatch" for _, result in results for r in result.relations)
    return 1 if args.strict and mismatches else 0


def _audit_table(result, lang: str) -> str:
    counts = {s: sum(r.status == s for r in result.relations) for s in ("mismatch", "unclear", "ok")}
    lines = [f"{result.file}: {len(result.figures)} figure(s), {len(result.relations)} relation(s) "
             f"({', '.join(f'{n} {s}' for s, n in counts.items())})"]
    for r in result.relations:
        where = result.figures[r.anchor].mention.start
        lines.append(f"  {r.status:<8} {r.kind:<4} @{where:<6} {r.message[lang]}")
    return "\n".join(lines)


def cmd_report(args) -> int:
    from . import batch

    # papermill and nbclient log what our one-line outcomes already say ("Kernel died ..." after
    # a Ctrl-C, cell tracebacks): the command's own lines are the whole story.
    for noisy in ("papermill", "traitlets", "nbclient"):
        logging.getLogger(noisy).setLevel(logging.CRITICAL)
    notebooks = _templates(args.notebooks.resolve() if args.notebooks else batch.REPORT_NOTEBOOKS)
    output, figures = args.output.resolve(), args.figures.resolve()
    settings = {"provinces": sorted(args.province or []), "all": args.all, "lang": args.lang, "figures": str(figures)}
    try:
        with batch.output_lock(output):
            batch_fingerprint = batch.fingerprint(notebooks, paths.data_dir(args.data_dir), settings)
            unchanged = None if args.force else batch.unchanged_batch(output, batch_fingerprint)
            if unchanged is not None:
                say(f"0 ran, {unchanged} unchanged, 0 failed",
                    f"open {paths.display_path(output / 'index.html')}")
                return 0
            batch.check_writable(output, figures)
            batch.remove_temporaries(output, figures)  # left by a run that was killed
            try:
                return _run_reports(args, notebooks, output, figures, batch_fingerprint)
            finally:
                batch.remove_temporaries(output, figures)
    except batch.Busy as exc:
        print(f"dantoc: error: {exc}", file=sys.stderr)
        return 1
    except batch.OutputError as exc:
        print(f"dantoc: error: {exc}; nothing else was written", file=sys.stderr)
        return 2
    except batch.Interrupted as stopped:
        if isinstance(stopped.cause, batch.OutputError):
            print(f"dantoc: error: {stopped.cause}; the batch stopped, earlier pages are kept", file=sys.stderr)
            return 2
        counts = _counts(stopped.outcomes)
        print(f"dantoc: interrupted: {counts['ran']} ran, {counts['cached']} unchanged, {counts['failed']} failed, "
              f"{counts['stopped']} not run; index updated, pages not run keep their previous version",
              file=sys.stderr)
        return INTERRUPTED


def _templates(folder: Path) -> list[Path]:
    """The report templates of a folder, each checked against the notebook contract."""
    from . import batch

    notebooks = batch.report_notebooks(folder) if folder.is_dir() else []
    if not notebooks:
        raise DataError(folder, "no report notebooks (*.ipynb) found")
    for notebook in notebooks:
        if problem := batch.template_problem(notebook):
            raise DataError(notebook, problem)
    return notebooks


def _run_reports(args, notebooks: list[Path], output: Path, figures: Path, batch_fingerprint: str) -> int:
    from . import batch, loaders, publish, report

    data = report.load(None, "vi", args.data_dir)
    known = report.provinces_with_facts(data.facts)
    chosen = known if args.all or not args.province else args.province
    unknown = [p for p in chosen if p not in known]
    if unknown:
        raise DataError(paths.data_dir(args.data_dir) / loaders.FACTS_FILE,
                        f"no facts for province(s) {', '.join(unknown)}; known: {', '.join(known)}")
    langs = list(LANGS) if args.lang == "all" else [args.lang]
    outcomes = publish.run(data, chosen, langs, output, figures, args.jobs, args.force, batch_fingerprint,
                           timeout=args.timeout or batch.CELL_TIMEOUT, notebooks=notebooks)
    for outcome in outcomes:
        if outcome.status == "failed":
            print(f"dantoc: report failed: {outcome.job.label}: {outcome.message}", file=sys.stderr)
    counts = _counts(outcomes)
    say(f"{counts['ran']} ran, {counts['cached']} unchanged, {counts['failed']} failed",
        f"open {paths.display_path(output / 'index.html')}")
    return 1 if counts["failed"] else 0


def _counts(outcomes) -> dict[str, int]:
    return {s: sum(o.status == s for o in outcomes) for s in ("ran", "cached", "failed", "stopped")}


COMMANDS = {"facts": cmd_table, "sources": cmd_table, "check": cmd_check, "extract": cmd_extract,
            "add": cmd_add, "audit": cmd_audit, "report": cmd_report}
