"""Whether the embedded model can judge what the meaning check leaves open: each labelled
pair of a set asked as a constrained yes/no question ("does the source support the
claim?"), against the rules' own verdicts.

Usage: .venv/bin/python bench/bench_judge.py tests/data/faithfulness.heldout5.jsonl
(about 50 s per 60 pairs on 2 cores; needs the README's install, runs offline)

Measured 2026-12-06 on heldout5: the 1.5B model answered "yes" to 55 of 60 pairs and
refused 5 of 30 unfaithful claims, where the rules refuse 25 of 30. A judge that says yes
to nearly everything would only let wrong sentences through, so `brief` does not ask it.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter

from brief.config import load_settings
from brief.meaning import check_claim
from brief.models.backends import backend_profile, build_chat_model
from brief.models.base import ChatRequest

SYSTEM = (
    "You check a news brief against its source. Answer yes only if the source sentences "
    "state everything the claim says: the same who, what, to whom, whether (not/never), "
    "how sure (planned, threatened, alleged, may), numbers, dates and who said it. Answer "
    "no if the claim adds, sharpens, reverses or reattributes anything."
)
SCHEMA = {
    "type": "object",
    "properties": {"supported": {"type": "string", "enum": ["yes", "no"]}},
    "required": ["supported"],
    "additionalProperties": False,
}


def main(path: str) -> None:
    settings = load_settings(os.environ)
    model = build_chat_model(settings, backend_profile(settings))
    tally: Counter[tuple[str, str, str]] = Counter()
    started = time.perf_counter()
    with open(path, encoding="utf-8") as lines:
        pairs = [json.loads(line) for line in lines]
    for pair in pairs:
        source = "\n".join(f"- {e}" for e in pair["evidence"])
        user = f"Source:\n{source}\n\nClaim: {pair['claim']}\n\nDoes the source support it?"
        request = ChatRequest(
            messages=({"role": "system", "content": SYSTEM}, {"role": "user", "content": user}),
            prompt_version="judge.trial",
            schema_name="judge",
            schema=SCHEMA,
            max_tokens=20,
        )
        said = json.loads(model.complete(request).content or "{}").get("supported", "?")
        rules = "yes" if check_claim(pair["claim"], pair["evidence"]).supported else "no"
        tally[(pair["label"], f"model {said}", f"rules {rules}")] += 1
    print(f"{path}: {sum(tally.values())} pairs in {time.perf_counter() - started:.0f} s")
    for (label, model_said, rules_said), n in sorted(tally.items()):
        print(f"  {label:10s} {model_said:9s} {rules_said:9s} {n:3d}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "tests/data/faithfulness.heldout5.jsonl")
