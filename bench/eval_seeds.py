"""Turn `brief eval --format json` output into a baseline file (scores rounded down).

Run it after a change that raises the seed scores, and commit the new baseline. One baseline
per prompt: the embedded model's default (extract.v4), the by-sentence prompt before it
(extract.v3) and the whole-article prompt:

  .venv/bin/brief --replay fixtures/ -q eval tests/data/seeds.gold.json --format json \
    | .venv/bin/python bench/eval_seeds.py > tests/data/eval_baseline.json
  for prompt in extract.v3 extract.v2; do
    .venv/bin/brief --replay fixtures/ --prompt $prompt -q eval tests/data/seeds.gold.json \
      --format json | .venv/bin/python bench/eval_seeds.py $prompt \
      > tests/data/eval_baseline.${prompt/./-}.json
  done

Rounding down to 2 decimals leaves the gate a little slack for float noise, never for a
real drop of one hit (the smallest step on the seeds is 1/49 of actor recall, about 0.02).
"""

from __future__ import annotations

import json
import math
import sys

ABOUT = (
    "Minimum scores of `brief --replay fixtures/ {flag}eval tests/data/seeds.gold.json seeds/` "
    "(the fixtures recorded from the embedded Qwen2.5-Coder-1.5B, prompt {prompt}), rounded "
    "down to 2 decimals. tests/test_evaluate.py fails when a score drops below these. When a "
    "change raises a score, regenerate this file with bench/eval_seeds.py (see its docstring)."
)


def floor2(value: float) -> float:
    # 0.6 * 100 is 59.99999...; the epsilon keeps an exact 0.60 at 0.60.
    return math.floor(value * 100 + 1e-9) / 100


def main() -> None:
    prompt = sys.argv[1] if len(sys.argv) > 1 else None
    about = ABOUT.format(
        flag=f"--prompt {prompt} " if prompt else "", prompt=prompt or "extract.v4, the default"
    )
    evaluation = json.load(sys.stdin)
    scores = {name: floor2(value) for name, value in evaluation["scores"].items()}
    json.dump({"about": about, "scores": scores}, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
