"""Gists in the brief's own words: one short model call per key actor.

The model is given the actor's gists (each a group of its sentences of one stance) and
writes one line per group. A line is kept only when it is at most 25 words and every name,
number and date in it appears in the group's sentences (`checks.unsupported`); otherwise
the gist keeps its quote, the shortest of its sentences. A model failure of any kind
costs only the wording: the brief is still written, with quotes.
"""

from __future__ import annotations

from dataclasses import dataclass

from brief.assemble.gists import MAX_GIST_WORDS
from brief.cache import ExtractionCache
from brief.errors import BriefError
from brief.extract.prompts import TextPrompt, load_text_prompt
from brief.extract.structured import parse_numbered_lines
from brief.language.checks import restates, unsupported, words
from brief.models.base import ChatModel, ChatRequest, request_key
from brief.schema import Brief, BriefActor, ComparedActor, Comparison, Gist
from brief.wording import STANCE_LABELS

GIST_PROMPT = "gist.v2"
_MAX_SENTENCES = 4  # per group shown to the model: the prompt stays short
# In the prompt, "neutral" is said as what it means for a speaker.
_STANCE_WORDS = {**STANCE_LABELS, "neutral": "takes no side"}


@dataclass
class GistStats:
    written: int = 0
    fell_back: int = 0


def word_gists(
    brief: Brief,
    model: ChatModel,
    *,
    cache: ExtractionCache | None = None,
    prompt: TextPrompt | None = None,
) -> tuple[Brief, GistStats]:
    """The brief with its key actors' gists worded by the model where the wording passes
    its check; the rest keep their quotes."""
    prompt = prompt or load_text_prompt(GIST_PROMPT)
    stats = GistStats()
    actors = []
    for actor in brief.actors:
        if actor.key and actor.gists:
            actor = actor.model_copy(update={"gists": _worded(actor, model, cache, prompt, stats)})
        actors.append(actor)
    return brief.model_copy(update={"actors": actors}), stats


def word_comparison_gists(
    comparison: Comparison,
    model: ChatModel,
    *,
    cache: ExtractionCache | None = None,
    prompt: TextPrompt | None = None,
) -> tuple[Comparison, GistStats]:
    """The comparison with the gists of the actors seen in every period worded, one call
    per actor and period (the "then and now" a reader compares)."""
    prompt = prompt or load_text_prompt(GIST_PROMPT)
    stats = GistStats()
    actors = []
    for compared in comparison.actors:
        if all(compared.present) and any(compared.gists):
            worded = [
                _worded(_speaker(compared, gists), model, cache, prompt, stats) if gists else []
                for gists in compared.gists
            ]
            compared = compared.model_copy(update={"gists": worded})
        actors.append(compared)
    return comparison.model_copy(update={"actors": actors}), stats


def _speaker(compared: ComparedActor, gists: list[Gist]) -> BriefActor:
    return BriefActor(name=compared.name, aliases=compared.aliases, kind=compared.kind, gists=gists)


def gist_request(actor: BriefActor, prompt: TextPrompt) -> ChatRequest:
    groups = []
    for number, gist in enumerate(actor.gists, start=1):
        shown = " ".join(f"“{c.quote}”" for c in gist.citations[:_MAX_SENTENCES])
        groups.append(f"{number}. ({_STANCE_WORDS[gist.stance]}) {shown}")
    user = prompt.user.format(actor=actor.name, groups="\n".join(groups))
    return ChatRequest(
        messages=({"role": "system", "content": prompt.system}, {"role": "user", "content": user}),
        prompt_version=prompt.version,
        schema_name="gists",
        max_tokens=60 * len(actor.gists),
        label=f"gists of {actor.name!r}",
    )


def _worded(
    actor: BriefActor,
    model: ChatModel,
    cache: ExtractionCache | None,
    prompt: TextPrompt,
    stats: GistStats,
) -> list[Gist]:
    request = gist_request(actor, prompt)
    answer = cached_answer(request, model, cache)
    lines = parse_numbered_lines(answer, len(actor.gists))
    failed = {
        number: _why_not(lines.get(number), gist, actor)
        for number, gist in enumerate(actor.gists, start=1)
    }
    failed = {number: why for number, why in failed.items() if why}
    if answer and len(actor.gists) > 1:
        # One more try for each line that failed, its group asked alone: a small model
        # told why a line failed writes the same line again, but a group on its own often
        # gets a plain line (seeds: Bajwa's "calls for restraint").
        for number in failed:
            alone = actor.model_copy(update={"gists": [actor.gists[number - 1]]})
            again = parse_numbered_lines(
                cached_answer(gist_request(alone, prompt), model, cache), 1
            )
            if 1 in again:
                lines[number] = again[1]
    worded = []
    for number, gist in enumerate(actor.gists, start=1):
        text = lines.get(number)
        if text is not None and not _why_not(text, gist, actor):
            gist = gist.model_copy(update={"text": text.rstrip(" ."), "written": True})
            stats.written += 1
        else:
            stats.fell_back += 1
        worded.append(gist)
    return worded


def cached_answer(request: ChatRequest, model: ChatModel, cache: ExtractionCache | None) -> str:
    """The model's text answer, from the cache when it is there; "" when the model fails
    (the caller then keeps the article's own words)."""
    key = request_key(model.name, request)
    cached = cache.get(key) if cache is not None else None
    if cached is not None:
        return cached
    try:
        content = model.complete(request).content or ""
    except BriefError:
        return ""  # no wording: the gists keep their quotes
    if cache is not None and content:
        cache.put(key, content, model=model.name, prompt_version=request.prompt_version,
                  article_id="")  # fmt: skip
    return content


def _why_not(text: str | None, gist: Gist, actor: BriefActor) -> str:
    """Why a line cannot stand as this gist ("" when it can)."""
    if not text:
        return "missing"
    if words(text) > MAX_GIST_WORDS:
        return f"too long ({words(text)} words)"
    if _names_twice(text, actor):
        return f"it names {actor.name} as someone else"
    sources = [c.quote for c in gist.citations[:_MAX_SENTENCES]]
    missing = unsupported(text, sources, known=[actor.name, *actor.aliases])
    if missing:
        return f"its sentences do not name {', '.join(missing)}"
    if not restates(text, sources):
        return "it does not restate its own sentences"
    return ""


def _names_twice(text: str, actor: BriefActor) -> bool:
    """Whether the line names its speaker twice: as the one who speaks and as someone
    spoken to or about, which a line of what the speaker says never needs."""
    surname = actor.name.split()[-1].casefold()
    return actor.kind == "person" and text.casefold().split().count(surname) > 1
