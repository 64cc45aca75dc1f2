"""How well and how fast `dantoc audit` finds a text's sums and rates and judges them.

    .venv/bin/python bench/audit.py [--mb 2]

Texts: tests/fixtures/audit/*.txt (the development set the audit was built on), then each evaluation
set of tests/fixtures/evaluation_sets.toml with a folder under tests/fixtures/audit/ (held out, or
written blind by a session that never read the code; see the notes there), each folder with a
labels.csv of the relations a reader finds: file, kind (sum|rate), anchor (the stated total or
rate, as written), status (ok|mismatch|unclear, or none: must not be reported), base (a rate's
denominator as written, a sum's number of parts).

Scores per set:
- relations: precision and recall of (file, kind, anchor) against the labels (status none is a
  relation that must not be found); an anchor found with a longer or shorter span than its label's
  ("gần 2.000 lượt" for "gần 2.000 lượt người") is the labelled one, since where a noun phrase ends
  is the figures' convention, not the audit's;
- verdicts: of the relations found and labelled, the share with the labelled status (and, for
  rates, the labelled denominator; for sums, the labelled number of parts);
- mismatches: precision and recall of status mismatch — a false mismatch is the costly error.
Throughput: every text repeated to at least --mb megabytes, audited in one go.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.sets import folders
from dantoc_analysis import audit, loaders

DEV = ROOT / "tests" / "fixtures" / "audit"
HOLDOUT = DEV / "holdout"


def _ratio(hit: int, total: int) -> float:
    return hit / total if total else 1.0


def found(folder: Path) -> dict[tuple[str, str, str], tuple[str, str]]:
    """(file, kind, anchor) -> (status, base) for every relation the audit reports."""
    out = {}
    for path in sorted(folder.glob("*.txt")):
        result = audit.audit(loaders.read_text(path), path.name)
        for r in result.relations:
            anchor = result.figures[r.anchor].mention.text
            if r.kind == "sum":
                base = str(len(r.parts))
            else:
                index = r.roles["denominator"]
                base = "" if index is None or r.status == "unclear" else result.figures[index].mention.text
            out[(path.name, r.kind, anchor)] = (r.status, base)
    return out


def labels(folder: Path) -> dict[tuple[str, str, str], tuple[str, str]]:
    with (folder / "labels.csv").open(encoding="utf-8", newline="") as handle:
        return {(r["file"], r["kind"], r["anchor"]): (r["status"], r["base"]) for r in csv.DictReader(handle)}


def _same_span(a: str, b: str) -> bool:
    """Two spans of one figure: where its noun phrase ends is the figures' convention, not the audit's
    ("gần 2.000 lượt" for a label's "gần 2.000 lượt người")."""
    return bool(a) and bool(b) and (a.startswith(b) or b.startswith(a))


def _aligned(predicted: dict, gold: dict) -> dict:
    """The relations found, each under its label's anchor where only the span differs."""
    out = {}
    for key, value in predicted.items():
        if key not in gold:
            near = [g for g in gold if g[:2] == key[:2] and _same_span(g[2], key[2]) and g not in predicted]
            key = near[0] if len(near) == 1 else key
        out[key] = value
    return out


def _agrees(predicted: tuple[str, str], gold: tuple[str, str]) -> bool:
    """Same status and base; a rate of a pair ("318/412 công trình") may be labelled by the pair or by
    its denominator ("412 công trình"), and a base by a longer or shorter span of it."""
    if predicted[0] != gold[0]:
        return False
    if gold[0] == "unclear" and not gold[1]:
        return True  # an unclear relation labelled with no base: its status is the verdict
    return (predicted[1] == gold[1] or ("/" in predicted[1] and predicted[1].split("/", 1)[1] == gold[1])
            or (not predicted[1].isdigit() and _same_span(predicted[1], gold[1])))


def score(folder: Path) -> dict:
    gold = labels(folder)
    predicted = _aligned(found(folder), gold)
    relations = {k for k, (status, _) in gold.items() if status != "none"}
    hits = relations & set(predicted)
    right = [k for k in hits if _agrees(predicted[k], gold[k])]
    wrong = sorted((k, gold[k], predicted[k]) for k in hits if not _agrees(predicted[k], gold[k]))
    said = {k for k, (status, _) in predicted.items() if status == "mismatch"}
    true = {k for k in relations if gold[k][0] == "mismatch"}
    return {
        "texts": len(list(folder.glob("*.txt"))), "labelled": len(relations), "found": len(predicted),
        "relation_precision": _ratio(len(hits), len(predicted)), "relation_recall": _ratio(len(hits), len(relations)),
        "verdict_accuracy": _ratio(len(right), len(hits)),
        "mismatch_precision": _ratio(len(said & true), len(said)),
        "mismatch_recall": _ratio(len(said & true), len(true)),
        "false_mismatches": sorted(said - true),
        "missed": sorted(relations - set(predicted)), "extra": sorted(set(predicted) - relations), "wrong": wrong,
    }


def throughput(folders: list[Path], megabytes: float) -> float:
    texts = [loaders.read_text(p) for folder in folders for p in sorted(folder.glob("*.txt"))]
    corpus = "\n\n".join(texts)
    repeats = max(1, int(megabytes * 1_000_000 / len(corpus.encode("utf-8"))) + 1)
    big = "\n\n".join([corpus] * repeats)
    # Audit paragraph-sized chunks, as reports are: the cost that matters is per document.
    chunks = big.split("\n\n")
    started = time.perf_counter()
    for chunk in chunks:
        audit.audit(chunk)
    elapsed = time.perf_counter() - started
    return len(big.encode("utf-8")) / 1000 / elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=0.5, help="megabytes of text for the throughput run")
    args = parser.parse_args()
    for name, folder in [("development", DEV), *folders(DEV)]:
        s = score(folder)
        print(f"{name}: {s['texts']} texts, {s['labelled']} labelled relations, {s['found']} found")
        print(f"  relations  precision {s['relation_precision']:.3f}  recall {s['relation_recall']:.3f}")
        print(f"  verdicts   accuracy {s['verdict_accuracy']:.3f} (status and base of the relations found)")
        print(f"  mismatch   precision {s['mismatch_precision']:.3f}  recall {s['mismatch_recall']:.3f}"
              f"  false mismatches {len(s['false_mismatches'])}")
        for key in ("missed", "extra", "wrong", "false_mismatches"):
            for item in s[key]:
                print(f"    {key}: {item}")
    print(f"throughput: {throughput([DEV, HOLDOUT], args.mb):.0f} KB/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
