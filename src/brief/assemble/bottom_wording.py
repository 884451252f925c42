"""The bottom line worded by the model from the brief's own checked facts.

The facts are the deterministic bottom line (`brief.assemble.bottom_line`): the main acts
(date, doer, target, from the parse) and the key actors' stands (their checked gists), in
date order. The model retells them as prose. It is not trusted to cite: each sentence it
writes is matched to the facts it retells (most of a fact's words are in it), cites those
facts' sources, and is kept only when every name, number and date in it is in those facts
and it states no cause they do not ("which led to", "in response"). The model's bottom line
replaces the deterministic one only when its kept sentences retell every fact: a fluent
paragraph that leaves out what happened is worse than a plain one that tells it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from brief.assemble.judge import judged
from brief.language import unsupported
from brief.models import ChatModel, ask_text, text_request
from brief.schema import Brief, CitedSentence
from brief.wording import MAX_BOTTOM_LINE, MONTH_NAMES, cited_sources

BOTTOM_PROMPT = "bottom.v2"
_FACT_MARK = re.compile(r"\[F(\d+)\]")
_MIN_KEPT = 2
_RETOLD = 0.75  # share of a fact's words a sentence must carry to retell it
_NUMBER = re.compile(r"\d+")
_WORD = re.compile(r"[a-z][a-z'’\-]{2,}|\d+")
_GRAMMAR = frozenset({"the", "and", "with", "for", "that", "its", "his", "her", "their", "was"})
# Words that state a cause or a consequence: a link between facts the facts never made.
_CAUSAL = re.compile(
    r"\b(?:led to|leading to|resulted in|resulting in|caused|causing|because|in response|"
    r"in retaliation|prompted|prompting|triggered|therefore|as a result|due to|so that)\b",
    re.I,
)


@dataclass(frozen=True)
class Fact:
    text: str
    sources: tuple[int, ...]
    evidence: tuple[str, ...]  # the sentences behind it, for the check


def facts_of(brief: Brief) -> list[Fact]:
    """What the model may say: the deterministic bottom line, sentence by sentence."""
    return [Fact(s.text, tuple(s.sources), ()) for s in brief.bottom_line]


def write_bottom_line(
    brief: Brief,
    model: ChatModel,
) -> tuple[Brief, bool]:
    """The brief with a model-written bottom line when at least two of its sentences pass
    their check; else the brief unchanged. The flag says which."""
    facts = facts_of(brief)
    if not facts:
        return brief, False
    listed = "\n".join(f"F{n}. {fact.text}" for n, fact in enumerate(facts, start=1))
    request = text_request(
        BOTTOM_PROMPT, schema_name="bottom_line", max_tokens=220, label="the bottom line",
        facts=listed,
    )  # fmt: skip
    kept, told = retold_sentences(ask_text(request, model), facts, model)
    if len(kept) < _MIN_KEPT or told < len(facts) or len(kept) > MAX_BOTTOM_LINE:
        return brief, False
    return brief.model_copy(update={"bottom_line": kept}), True


def retold_sentences(
    answer: str, facts: list[Fact], judge: ChatModel | None = None
) -> tuple[list[CitedSentence], int]:
    """The answer's sentences that retell given facts and say nothing else, each citing
    the sources of the facts it retells; and how many of the facts they retell. With a
    `judge`, each must also pass the model's yes/no."""
    kept: list[CitedSentence] = []
    told: set[int] = set()
    for raw in _sentences(answer):
        text = _FACT_MARK.sub("", raw).strip().rstrip(".").strip() + "."
        cited = [n for n, fact in enumerate(facts) if _retells(text, fact.text)]
        support = [facts[n].text for n in cited] + [e for n in cited for e in facts[n].evidence]
        if not cited or len(text.split()) < 4 or unsupported(text, support):
            continue
        if not judged(text, support, judge).supported:
            continue
        if _CAUSAL.search(text) and not any(_CAUSAL.search(s) for s in support):
            continue
        told.update(cited)
        sources = cited_sources(s for n in cited for s in facts[n].sources)
        kept.append(CitedSentence(text=text, sources=sources))
    return kept, len(told)


def _sentences(answer: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?\]])\s+(?=[A-Z])", answer.strip()) if s.strip()]


def _retells(text: str, fact: str) -> bool:
    """Whether most of the fact's words are in the sentence (first five letters, so
    "attacked" and "attacking" agree)."""
    wanted = {w[:5] for w in _WORD.findall(fact.casefold()) if w not in _GRAMMAR}
    have = {w[:5] for w in _WORD.findall(text.casefold())}
    # Every number of the fact too: "11 March" does not retell the same act on "12 March".
    numbers = set(_NUMBER.findall(fact))
    if not numbers <= set(_NUMBER.findall(text)):
        return False
    if not wanted or len(wanted & have) / len(wanted) < _RETOLD:
        return False
    hedges = (h for h in _HEDGES if h.search(fact))
    return all(h.search(text) for h in hedges) and _in_order(text, fact)


# How the fact is known must be retold with it: "al-Shabab attacked Somalia (claimed)"
# is not retold by "al-Shabab attacked Somalia".
_HEDGES = tuple(
    re.compile(p, re.I)
    for p in (r"\bclaim", r"\balleg", r"\bplann", r"\bannounc", r"\bone source|according to")
)


_MONTHS = frozenset(name.casefold()[:5] for name in MONTH_NAMES)  # as the facts write them


def _in_order(text: str, fact: str) -> bool:
    """Whether the fact's words come in the sentence mostly in the fact's order, so
    "Somalia attacked al-Shabab" is not retold by "al-Shabab attacked Somalia"."""
    told = [w[:5] for w in _WORD.findall(text.casefold())]
    wanted = [w[:5] for w in _WORD.findall(fact.casefold()) if w not in _GRAMMAR]
    # A date may move ("… on 18 January 2024"): the numbers are checked apart.
    wanted = [w for w in wanted if w in set(told) and not w.isdigit() and w not in _MONTHS]
    # the longest common subsequence of the two, row by row
    row = [0] * (len(told) + 1)
    for word in wanted:
        diagonal = 0
        for j, other in enumerate(told, start=1):
            diagonal, row[j] = row[j], diagonal + 1 if word == other else max(row[j], row[j - 1])
    return len(wanted) < 2 or row[-1] / len(wanted) >= _RETOLD
