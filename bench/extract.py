"""How well and how fast `dantoc extract` finds figures.

    .venv/bin/python bench/extract.py [--mb 5]

Seeds: the registered sources, against the curated facts (data/facts.csv) plus the mentions
deliberately left out (data/ignored_mentions.csv). Held-out: tests/fixtures/heldout/*.txt against
their hand-written labels.csv (file, text, value, unit), written before the extractor was run on
them. Then each evaluation set of tests/fixtures/evaluation_sets.toml with a folder under
tests/fixtures/heldout/ (held back, or written blind by a session that never read the code; see the
notes there).

Two scores each: *span* (the extracted text is exactly the labelled text at the same place) and
*value* (the extraction overlaps the labelled mention and reads the same value in the same unit).
Throughput: the seed and held-out texts repeated to at least --mb megabytes, extracted in one go.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.sets import folders
from dantoc_analysis import extract, loaders

HELDOUT = ROOT / "tests" / "fixtures" / "heldout"
HELDBACK = HELDOUT / "heldback"


def _ratio(hit: int, total: int) -> float:
    return hit / total if total else 1.0


def score_seeds(data_dir=None) -> dict:
    """Precision and recall on the registered sources (gold = facts + ignored mentions)."""
    sources = loaders.load_sources(data_dir)
    facts = loaders.load_facts(data_dir, sources)
    texts = loaders.source_texts(sources, data_dir)
    ignored = extract.load_ignored(data_dir, sources, texts)
    gold = {}  # (source, start, text) -> (accepted values, unit)
    for source_id, spans in extract._fact_spans(facts, texts).items():
        for start, _end, row in spans:
            key = (source_id, start, row["mention"])
            values, unit = gold.get(key, (set(), row["unit"]))
            gold[key] = (values | row["_values"], unit)
    for row in ignored.itertuples():
        figure = extract.extract(texts[row.source_id][int(row.start):int(row.start) + len(row.text)])
        gold[(row.source_id, int(row.start), row.text)] = (
            {v for v in (figure[0].value, figure[0].denominator) if v is not None} if figure else set(),
            figure[0].unit if figure else None)
    predicted = [(sid, m) for sid, text in texts.items() for m in extract.extract(text, sid)]
    span_hits = {(sid, m.start, m.text) for sid, m in predicted} & set(gold)

    def value_match(sid, m, key) -> bool:
        g_sid, g_start, g_text = key
        values, unit = gold[key]
        return (g_sid == sid and g_start < m.end and m.start < g_start + len(g_text) and unit == m.unit
                and bool({m.value, m.denominator} & values))

    value_pred = sum(any(value_match(sid, m, k) for k in gold) for sid, m in predicted)
    value_gold = sum(any(value_match(sid, m, k) for sid, m in predicted) for k in gold)
    return {
        "gold": len(gold), "predicted": len(predicted),
        "span_precision": _ratio(len(span_hits), len(predicted)), "span_recall": _ratio(len(span_hits), len(gold)),
        "value_precision": _ratio(value_pred, len(predicted)), "value_recall": _ratio(value_gold, len(gold)),
        "span_misses": sorted(set(gold) - span_hits),
    }


def _labelled(folder: Path) -> dict[str, list[tuple[int, int, str, Decimal, str]]]:
    """labels.csv placed in its texts: (start, end, text, value, unit), each label at the first
    place of its words after the previous label of the same file (labels follow the text)."""
    with (folder / "labels.csv").open(encoding="utf-8", newline="") as handle:
        labels = list(csv.DictReader(handle))
    texts = {p.name: loaders.read_text(p) for p in folder.glob("*.txt")}
    placed: dict[str, list] = {}
    cursor: dict[str, int] = {}
    for row in labels:
        text = texts[row["file"]]
        at = text.find(row["text"], cursor.get(row["file"], 0))
        at = text.find(row["text"]) if at < 0 else at
        if at < 0:
            raise SystemExit(f"label {row['text']!r} is not in {row['file']}")
        cursor[row["file"]] = at + len(row["text"])
        placed.setdefault(row["file"], []).append(
            (at, at + len(row["text"]), row["text"], Decimal(row["value"]), row["unit"]))
    return placed


def score_heldout(folder: Path = HELDOUT) -> dict:
    """Precision and recall on the held-out paragraphs against labels.csv: span = the same words at
    the same place; value = overlapping words read as the same value in the same unit, the unit a
    reader understands (`reads_as`: a change of a rate is in points), one to one."""
    gold = _labelled(folder)
    n_gold = sum(len(g) for g in gold.values())
    n_pred = span_hit = value_hit = 0
    missed, extra, span_misses = [], [], []
    for path in sorted(folder.glob("*.txt")):
        found = extract.extract(loaders.read_text(path), path.name)
        labels = list(gold.get(path.name, []))
        n_pred += len(found)
        spans = {(m.start, m.text) for m in found}
        span_hit += len(spans & {(g[0], g[2]) for g in labels})
        span_misses += [(path.name, g[2], text) for g in labels
                        for text in [next((t for s, t in spans if s < g[1] and g[0] < s + len(t)), None)]
                        if (g[0], g[2]) not in spans]
        for m in found:
            match = next((g for g in labels if g[0] < m.end and m.start < g[1] and g[3] == m.value
                          and g[4] == m.reads_as), None)
            if match:
                labels.remove(match)
                value_hit += 1
            else:
                extra.append((path.name, m.text, m.value, m.reads_as))
        missed += [(path.name, g[2], g[3], g[4]) for g in labels]
    return {
        "gold": n_gold, "predicted": n_pred,
        "span_precision": _ratio(span_hit, n_pred), "span_recall": _ratio(span_hit, n_gold),
        "value_precision": _ratio(value_hit, n_pred), "value_recall": _ratio(value_hit, n_gold),
        "missed": missed, "extra": extra, "span_misses": span_misses,
    }


def throughput(megabytes: float = 5.0) -> tuple[float, int, int]:
    """(MB/s, bytes, mentions) extracting the seed and held-out texts repeated to `megabytes`."""
    sources = loaders.load_sources()
    texts = list(loaders.source_texts(sources).values())
    texts += [loaders.read_text(p) for p in sorted(HELDOUT.rglob("*.txt"))]
    unit = "\n\n".join(texts) + "\n\n"
    corpus = unit * max(1, int(megabytes * 1e6 / len(unit.encode("utf-8"))) + 1)
    size = len(corpus.encode("utf-8"))
    extract.extract("warm-up: 1 hộ")  # build the patterns outside the timing
    began = time.perf_counter()
    found = extract.extract(corpus)
    elapsed = time.perf_counter() - began
    return size / 1e6 / elapsed, size, len(found)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="corpus size for the throughput run")
    args = parser.parse_args(argv)
    sets = [("seeds", score_seeds()), ("held-out", score_heldout()),
            *((name, score_heldout(folder)) for name, folder in folders(HELDOUT))]
    for name, result in sets:
        print(f"{name:<9} gold {result['gold']:>3}  predicted {result['predicted']:>3}  "
              f"span P {result['span_precision']:.3f} R {result['span_recall']:.3f}  "
              f"value P {result['value_precision']:.3f} R {result['value_recall']:.3f}")
        for key in ("span_misses", "missed", "extra"):
            for item in result.get(key, []):
                print(f"          {key}: {item}")
    rate, size, found = throughput(args.mb)
    print(f"throughput {rate:.2f} MB/s ({size / 1e6:.1f} MB, {found} figures)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
