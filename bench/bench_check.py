"""The meaning check's cost per sentence: parsing (spaCy, with names) and judging.

Runs every pair of a labelled file (default: tests/data/faithfulness.dev.jsonl) through
the check three times and reports the best run: milliseconds per pair for the whole check,
of which the parse of claim and evidence, and the judging of the parsed pair. No model is
asked: the check decides from the parse alone.

Usage: .venv/bin/python bench/bench_check.py [PAIRS.jsonl]
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from brief.meaning.check import judge
from brief.meaning.reading import parse_texts

DEFAULT = Path(__file__).resolve().parents[1] / "tests" / "data" / "faithfulness.dev.jsonl"


def main(path: Path) -> None:
    pairs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    parse_texts(["Warm the pipeline up."])  # loading spaCy is not the check's cost
    best_parse = best_judge = float("inf")
    for _ in range(3):
        parse_s = judge_s = 0.0
        for pair in pairs:
            started = time.perf_counter()
            docs = parse_texts([pair["claim"], *pair["evidence"]])
            parsed = time.perf_counter()
            judge(docs[0], docs[1:])
            judge_s += time.perf_counter() - parsed
            parse_s += parsed - started
        best_parse, best_judge = min(best_parse, parse_s), min(best_judge, judge_s)
    n = len(pairs)
    print(f"{n} pairs from {path.name}")
    print("| part | ms per pair |")
    print("| --- | --- |")
    print(f"| parse (claim + evidence) | {1000 * best_parse / n:.1f} |")
    print(f"| judge | {1000 * best_judge / n:.1f} |")
    print(f"| whole check | {1000 * (best_parse + best_judge) / n:.1f} |")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
