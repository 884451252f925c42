"""Scoring the meaning check on labelled pairs (`brief eval --pairs FILE`): how many
faithful claims it accepts and unfaithful ones it refuses, per kind of error."""

from __future__ import annotations

import json
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from brief.errors import UserError
from brief.meaning import check_claim


@dataclass
class KindScore:
    right: int = 0
    total: int = 0

    @property
    def rate(self) -> float:
        return self.right / self.total if self.total else 0.0


@dataclass
class PairScores:
    """Right answers per kind; `faithful` and `unfaithful` sum them by label."""

    kinds: dict[str, KindScore] = field(default_factory=lambda: defaultdict(KindScore))
    faithful: KindScore = field(default_factory=KindScore)
    unfaithful: KindScore = field(default_factory=KindScore)
    seconds: float = 0.0
    wrong: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {
            "faithful_accepted": self.faithful.rate,
            "unfaithful_rejected": self.unfaithful.rate,
            "kinds": {k: {"right": s.right, "total": s.total} for k, s in self.kinds.items()},
            "ms_per_pair": 1000
            * self.seconds
            / max(1, self.faithful.total + self.unfaithful.total),
        }


def score_pairs(path: Path) -> PairScores:
    """Check every labelled pair of the file (`label`: faithful or unfaithful; `kind`)."""
    scores = PairScores()
    started = time.perf_counter()
    for number, row in enumerate(_rows(path), start=1):
        faithful = row["label"] == "faithful"
        claim, evidence = row["claim"], row["evidence"]
        if not isinstance(claim, str) or not isinstance(evidence, list):
            raise UserError(f"{path}:{number}: needs a claim string and an evidence list")
        verdict = check_claim(claim, [str(e) for e in evidence])
        right = verdict.supported == faithful
        kind = scores.kinds[str(row.get("kind", row["label"]))]
        by_label = scores.faithful if faithful else scores.unfaithful
        for score in (kind, by_label):
            score.total += 1
            score.right += right
        if not right:
            scores.wrong.append(f"{row.get('id', number)}: {verdict.why}")
    scores.seconds = time.perf_counter() - started
    return scores


def _rows(path: Path) -> list[dict[str, object]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise UserError(f"cannot read {str(path)!r}: {e.strerror}") from e
    rows = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as e:
            raise UserError(f"{path}:{number}: not JSON ({e})") from e
        if not isinstance(row, dict) or row.get("label") not in ("faithful", "unfaithful"):
            raise UserError(f"{path}:{number}: needs a label of faithful or unfaithful")
        rows.append(row)
    return rows


def render_pair_scores(scores: PairScores) -> str:
    lines = ["| Kind | Right | Rate |", "| --- | --- | --- |"]
    for kind, score in sorted(scores.kinds.items()):
        lines.append(f"| {kind} | {score.right}/{score.total} | {score.rate:.0%} |")
    lines.append(
        f"| **faithful accepted** | {scores.faithful.right}/{scores.faithful.total} "
        f"| {scores.faithful.rate:.0%} |"
    )
    lines.append(
        f"| **unfaithful rejected** | {scores.unfaithful.right}/{scores.unfaithful.total} "
        f"| {scores.unfaithful.rate:.0%} |"
    )
    total = scores.faithful.total + scores.unfaithful.total
    per = 1000 * scores.seconds / max(1, total)
    return "## Meaning check\n\n" + "\n".join(lines) + f"\n\n{per:.0f} ms per pair\n"
