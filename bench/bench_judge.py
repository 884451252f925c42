"""Whether the embedded model can judge what the meaning check leaves open: each labelled
pair of a set put to the model with brief's own judge prompt (prompts/judge.v2.toml, a
constrained yes/no), against the rules' own verdicts.

Usage: .venv/bin/python bench/bench_judge.py tests/data/faithfulness.heldout5.jsonl
(about 50 s per 60 pairs on 2 cores; needs the README's install, runs offline)

Measured 2026-12-06 on the seven labelled sets: alone, the 1.5B model says "yes" to nearly
every claim (on heldout5 it refused 5 of 30 unfaithful ones, the rules 25). But its rare
"no" to a claim the rules passed was right 8 times in 8 (prompt v2), so brief asks it only
about what the rules pass, and only its "no" counts (src/brief/assemble/judge.py).
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter

from brief.assemble.judge import model_refuses
from brief.config import load_settings
from brief.meaning import check_claim
from brief.models.backends import backend_profile, build_chat_model


def main(path: str) -> None:
    settings = load_settings(os.environ)
    model = build_chat_model(settings, backend_profile(settings))
    tally: Counter[tuple[str, str, str]] = Counter()
    started = time.perf_counter()
    with open(path, encoding="utf-8") as lines:
        pairs = [json.loads(line) for line in lines]
    for pair in pairs:
        said = "no" if model_refuses(pair["claim"], pair["evidence"], model) else "yes"
        rules = "yes" if check_claim(pair["claim"], pair["evidence"]).supported else "no"
        tally[(pair["label"], f"model {said}", f"rules {rules}")] += 1
    print(f"{path}: {sum(tally.values())} pairs in {time.perf_counter() - started:.0f} s")
    for (label, model_said, rules_said), n in sorted(tally.items()):
        print(f"  {label:10s} {model_said:9s} {rules_said:9s} {n:3d}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "tests/data/faithfulness.heldout5.jsonl")
