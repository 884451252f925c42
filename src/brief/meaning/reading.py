"""Parsing claims and evidence for the meaning check: the verified English pipeline with
its names, on text whose typographic quotes are made plain (the parser reads "Ford’s" and
"Ford's" differently)."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from brief.language import english_with_names, repair

_PLAIN = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " ", "–": "-"})


def plain(text: str) -> str:
    return " ".join(text.translate(_PLAIN).split())


def parse_texts(texts: Sequence[str]) -> list[Doc]:
    """Each text parsed whole (an evidence item may hold two sentences)."""
    return [repair(d) for d in english_with_names().pipe([plain(t) for t in texts], batch_size=64)]
