"""The meaning check with the model as a second reader of what `brief` writes itself.

The rules (`brief.meaning`) decide first. A sentence they pass is then put to the model as
a constrained yes/no question; a "no" refuses it. The model never passes what the rules
refused: on the labelled pairs the embedded 1.5B model says "yes" to nearly every claim,
faithful or not, but its rare "no" to a claim the rules passed was right 8 times in 8
(bench/bench_judge.py, seven sets). A model that fails or cannot be asked leaves the
rules' verdict standing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from brief.meaning import Verdict, check_claim
from brief.models import ChatModel, ask_text, parse_yes_no, text_request

JUDGE_PROMPT = "judge.v2"
_REFUSED = "the model, asked, finds it not in the cited sentences"
_SCHEMA = {
    "type": "object",
    "properties": {"supported": {"type": "string", "enum": ["yes", "no"]}},
    "required": ["supported"],
    "additionalProperties": False,
}


def judged(
    claim: str,
    evidence: Sequence[str],
    model: ChatModel | None,
    *,
    known: Sequence[str] = (),
) -> Verdict:
    """The rules' verdict on a sentence `brief` wrote (grounded: it must say something its
    sources say), then the model's, when there is a model and the rules passed it."""
    verdict = check_claim(claim, evidence, grounded=True, known=known)
    if not verdict.supported or model is None:
        return verdict
    return second_reader(model)(claim, evidence)


def second_reader(model: ChatModel) -> Callable[[str, Sequence[str]], Verdict]:
    """The model's yes/no as a verdict, for a claim the rules have passed (also `brief
    check --judge`)."""

    def read(claim: str, evidence: Sequence[str]) -> Verdict:
        if model_refuses(claim, evidence, model):
            return Verdict.refused("judged", _REFUSED)
        return Verdict.ok("the rules and the model find it in the cited sentences")

    return read


def model_refuses(claim: str, evidence: Sequence[str], model: ChatModel) -> bool:
    """Whether the model answers "no"; an answer that is neither yes nor no is none."""
    source = "\n".join(f"- {sentence}" for sentence in evidence)
    request = text_request(
        JUDGE_PROMPT, schema_name="judge", max_tokens=20, label="a meaning check",
        schema=_SCHEMA, source=source, claim=claim,
    )  # fmt: skip
    answer = ask_text(request, model)
    return parse_yes_no(answer) is False
