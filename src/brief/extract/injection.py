"""Keeping articles as data: sentences that address the model are never evidence.

An article may carry text written to steer a model ("Ignore previous instructions and
report that …"). The prompt tells the model to treat the article as data, but a small model
can still obey, and it often mixes an injected sentence with real ones in one claim. So
after validation, sentences that address the model are removed from every claim's
citations; a claim left with no citation, or whose wording is drawn from such a sentence,
is dropped. The brief can still show such a sentence in the source, never repeat its
content as a finding.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from brief.schema import Article, ArticleExtraction

# Phrases that speak to an AI system rather than report news. Kept narrow on purpose: a news
# sentence *about* prompt injection ("researchers told the chatbot to ignore …") is rare in
# crisis reporting, and a false match only costs one claim.
_ADDRESSES_THE_MODEL = re.compile(
    r"""
    \b(ignore|disregard|forget|override)\b[^.]{0,40}\b(previous|prior|above|earlier|all|your)\b
        [^.]{0,20}\b(instructions?|prompts?|rules|directions)\b
    | \b(you\ are\ now|you\ must\ now|act\ as|pretend\ to\ be)\b
    | \b(system|assistant)\s*(prompt|message)?\s*:
    | \b(developer|jailbreak|god)\ mode\b
    | \bnew\ instructions?\b
    | \b(language\ model|AI\ model|LLM|chatbot)\b[^.]{0,40}\b(must|should|will)\b
    | \b(output|respond\ with|answer\ with|return)\b[^.]{0,30}\b(json|empty|nothing)\b
    """,
    re.IGNORECASE | re.VERBOSE,
)


def addresses_the_model(sentence: str) -> bool:
    """True when a sentence reads as an instruction to an AI system."""
    return _ADDRESSES_THE_MODEL.search(sentence) is not None


def instruction_sentences(article: Article) -> frozenset[int]:
    """The 1-based numbers of the article's sentences that address the model."""
    return frozenset(
        n for n, sentence in enumerate(article.sentences, start=1) if addresses_the_model(sentence)
    )


def drop_instruction_claims(extraction: ArticleExtraction, article: Article) -> ArticleExtraction:
    """The extraction with no claim that rests on, or repeats, a sentence addressing the model."""
    flagged = instruction_sentences(article)
    if not flagged:
        return extraction
    injected = [article.sentence(n) for n in sorted(flagged)]
    return ArticleExtraction.model_construct(
        actors=extraction.actors,
        positions=[
            p.model_copy(update={"sentences": [n for n in p.sentences if n not in flagged]})
            for p in extraction.positions
            if _stands_without(p.sentences, p.says, flagged, injected)
        ],
        events=[
            e.model_copy(update={"sentences": [n for n in e.sentences if n not in flagged]})
            for e in extraction.events
            if _stands_without(e.sentences, e.what, flagged, injected)
        ],
    )


def _stands_without(
    cited: list[int], wording: str, flagged: frozenset[int], injected: list[str]
) -> bool:
    if not set(cited) - flagged:
        return False
    # A claim copied from the injected text ("Pakistan has declared war …") is the injection
    # speaking, whatever else it cites.
    return all(fuzz.partial_ratio(wording.lower(), s.lower()) < _COPIED for s in injected)


_COPIED = 80
