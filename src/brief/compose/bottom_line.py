"""The bottom line written by the model from the brief's own checked facts.

The model is given numbered facts (the main acts, with their dates, doers and targets, and
the key actors' strongest gists) and writes three or four sentences, each ending with the
facts it rests on ("[F1][F3]"). A sentence is kept only when it cites facts it was given
and every name, number and date in it appears in them; it then cites those facts'
sources. With fewer than two sentences kept, the deterministic bottom line stays: it also
tells what happened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from brief.assemble.bottom_line import event_sentence, key_events
from brief.cache import ExtractionCache
from brief.compose.checks import unsupported
from brief.compose.gists import cached_answer
from brief.extract.prompts import TextPrompt, load_text_prompt
from brief.language.aliases import load_gazetteer
from brief.models.base import ChatModel, ChatRequest
from brief.schema import Brief, CitedSentence
from brief.wording import MAX_BOTTOM_LINE, cited_sources

BOTTOM_PROMPT = "bottom.v1"
_FACT_MARK = re.compile(r"\[F(\d+)\]")
_MIN_KEPT = 2


@dataclass(frozen=True)
class Fact:
    text: str
    sources: tuple[int, ...]
    evidence: tuple[str, ...]  # the sentences behind it, for the check


def facts_of(brief: Brief) -> list[Fact]:
    """What the model may say: the deterministic bottom line's event sentences, and each
    key actor's strongest gist."""
    gazetteer = load_gazetteer()
    facts = []
    for event in key_events(brief.timeline):
        told = event_sentence(event, gazetteer)
        facts.append(Fact(told.text, tuple(told.sources), ()))
    for actor in brief.actors:
        if actor.key and actor.gists:
            gist = actor.gists[0]
            facts.append(
                Fact(
                    f"{actor.name}: {gist.text.strip('“”')}",
                    tuple(sorted({c.source for c in gist.citations})),
                    tuple(c.quote for c in gist.citations),
                )
            )
    return facts


def write_bottom_line(
    brief: Brief,
    model: ChatModel,
    *,
    cache: ExtractionCache | None = None,
    prompt: TextPrompt | None = None,
) -> tuple[Brief, bool]:
    """The brief with a model-written bottom line when at least two of its sentences pass
    their check; else the brief unchanged. The flag says which."""
    prompt = prompt or load_text_prompt(BOTTOM_PROMPT)
    facts = facts_of(brief)
    if not facts:
        return brief, False
    listed = "\n".join(f"F{n}. {fact.text}" for n, fact in enumerate(facts, start=1))
    request = ChatRequest(
        messages=(
            {"role": "system", "content": prompt.system},
            {"role": "user", "content": prompt.user.format(facts=listed)},
        ),
        prompt_version=prompt.version,
        schema_name="bottom_line",
        max_tokens=220,
        label="the bottom line",
    )
    kept = checked_sentences(cached_answer(request, model, cache), facts)
    if len(kept) < _MIN_KEPT:
        return brief, False
    return brief.model_copy(update={"bottom_line": kept[:MAX_BOTTOM_LINE]}), True


def checked_sentences(answer: str, facts: list[Fact]) -> list[CitedSentence]:
    """The answer's sentences that cite given facts and say nothing those facts do not."""
    kept: list[CitedSentence] = []
    for raw in re.split(r"(?<=[.!?\]])\s+(?=[A-Z])", answer.strip()):
        numbers = [int(n) for n in _FACT_MARK.findall(raw)]
        cited = [facts[n - 1] for n in numbers if 1 <= n <= len(facts)]
        if not cited or len(cited) != len(numbers):
            continue
        text = _FACT_MARK.sub("", raw).strip().rstrip(".").strip() + "."
        support = [f.text for f in cited] + [e for f in cited for e in f.evidence]
        if len(text.split()) < 4 or unsupported(text, support):
            continue
        kept.append(
            CitedSentence(text=text, sources=cited_sources(s for f in cited for s in f.sources))
        )
    return kept
