"""Cleaning an article's text: boilerplate lines, hard-wrapped lines, repeated headlines and the
title."""

from __future__ import annotations

import re
import unicodedata

from brief.ingest.dates import is_date_stamp

# ------------------------------------------------------------------------- cleaning

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))

# Whole lines that belong to the site, not the story. Each is anchored at the start and
# only tried on short lines, so a real paragraph that happens to match is not lost.
_BOILERPLATE_MAX_CHARS = 300
_BOILERPLATE = re.compile(
    r"""^(?:
        (?:read|see)\s+(?:also|more)\b
      | also\s+read\b
      | related(?:\s+(?:stories|articles|news|coverage|content))?\s*:
      | follow\s+us\b
      | join\s+(?:our|us|the)\b.*\b(?:telegram|whatsapp|channel|newsletter|community)\b
      | subscribe(?:\s+(?:to|now|for|here)\b|\s*$)
      | sign\s+up\s+for\b
      | click\s+here\b
      | share\s+(?:this|on)\b
      | (?:advertisement|advertisements|sponsored(?:\s+content)?|ad)\s*$
      | (?:made|powered|built)\s+(?:with|by)\s+\S+(?:\s+\S+){0,3}\s*$
      | (?:first|originally)\s+(?:published|appeared)\s+(?:by|on|in)\s+\S+(?:\s+\S+){0,4}\s*$
      | additional\s+reporting\s+by\s+\S+(?:\s+\S+){0,8}\s*$
    )""",
    re.IGNORECASE | re.VERBOSE,
)

# A headline is short and does not end like a sentence.
_HEADLINE_MAX_CHARS = 160
_TITLE_FROM_SENTENCE_CHARS = 100
# Scrapers sometimes glue the date in front of the first paragraph (seed 003).
_LEADING_DATE_MARK = re.compile(r"^dated?\s*:?\s*\d{4}-\d{2}-\d{2}\s+", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_WRAP_MIN_SHARE = 0.6


def clean_paragraphs(text: str, *, may_be_wrapped: bool) -> list[str]:
    """Clean paragraphs: whitespace collapsed, boilerplate gone, broken lines re-joined."""
    paragraphs: list[str] = []
    seen_short: set[str] = set()
    for block in re.split(r"\n\s*\n", text.translate(_INVISIBLE)):
        lines = [" ".join(line.split()) for line in block.splitlines()]
        lines = [line for line in lines if line and not _is_furniture(line)]
        lines = _first_copies(lines, seen_short)
        paragraphs.extend(_join_broken_lines(lines, may_be_wrapped=may_be_wrapped))
    if paragraphs:
        paragraphs[0] = _LEADING_DATE_MARK.sub("", paragraphs[0], count=1)
    return [paragraph for paragraph in paragraphs if paragraph]


def _first_copies(lines: list[str], seen_short: set[str]) -> list[str]:
    # A headline-sized line seen before is a repeated headline or caption (seed 002).
    kept: list[str] = []
    for line in lines:
        if len(line) <= _HEADLINE_MAX_CHARS:
            key = normalise(line)
            if key in seen_short:
                continue
            seen_short.add(key)
        kept.append(line)
    return kept


def _is_furniture(line: str) -> bool:
    if len(line) > _BOILERPLATE_MAX_CHARS:
        return False
    # A "Published May 25, 2019" line is page furniture too; dates are read before cleaning.
    return bool(_BOILERPLATE.match(line)) or is_date_stamp(line)


def _join_broken_lines(lines: list[str], *, may_be_wrapped: bool) -> list[str]:
    """Each line is a paragraph unless it plainly stops mid-sentence.

    A line continues on the next when it does not end a sentence and either the next
    starts in lower case, or the block is hard-wrapped and the line fills most of the
    width (a short line there is a heading or a paragraph's end).
    """
    width = _wrap_width(lines) if may_be_wrapped else None
    joined: list[str] = []
    for previous, line in zip([None, *lines], lines, strict=False):
        if joined and previous is not None and _continues(previous, line, width):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


def _wrap_width(lines: list[str]) -> int | None:
    # Hard-wrapped text has every line but the last at or under ~100 characters. Two
    # lines are too few to tell wrapping from a headline over its subtitle.
    body = lines[:-1]
    if len(body) < 2 or max(len(line) for line in body) > 100:
        return None
    widest = max(len(line) for line in body)
    return widest if widest >= 50 else None


def _continues(previous: str, line: str, width: int | None) -> bool:
    if _SENTENCE_END.search(previous):
        return False
    if line[0].islower():
        return True
    return width is not None and len(previous) >= _WRAP_MIN_SHARE * width


def _is_headline(line: str) -> bool:
    return (
        len(line) <= _HEADLINE_MAX_CHARS
        and len(line.split()) >= 2
        and not line.endswith((".", ":", ";", ","))
    )


def _strip_site_name(title: str) -> str:
    # "Headline | Site Name": the part before the first bar is the headline.
    head = title.split(" | ", 1)[0].strip()
    return head or title.strip()


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _without_title(paragraphs: list[str], title: str | None) -> list[str]:
    # Pages often print the headline twice (seed 004); the copy is not part of the story.
    if not title:
        return paragraphs
    key = normalise(title)
    return [paragraph for paragraph in paragraphs if normalise(paragraph) != key]


def split_title(paragraphs: list[str], meta_title: str | None) -> tuple[str | None, list[str]]:
    """The title and the body paragraphs; a headline line used as title leaves the body."""
    if meta_title and meta_title.strip():
        title = _strip_site_name(" ".join(meta_title.split()))
        return title, _without_title(paragraphs, title)
    if len(paragraphs) > 1 and _is_headline(paragraphs[0]):
        title = _strip_site_name(paragraphs[0])
        return title, _without_title(paragraphs[1:], title)
    return None, paragraphs


def title_from_sentence(sentence: str) -> str:
    sentence = sentence.strip()
    if len(sentence) <= _TITLE_FROM_SENTENCE_CHARS:
        return sentence.rstrip(".")
    cut = sentence[: _TITLE_FROM_SENTENCE_CHARS + 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-–—") + "…"


# The commonest English words: in an English news text they are a fifth or more of all
# words; in French, German, Spanish, Urdu or Persian text almost none.
_ENGLISH_WORDS = frozenset((
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "said", "with", "was",
    "as", "by", "it", "he", "his", "at", "from", "has", "have", "be", "are", "not", "its",
    "an", "this", "which", "were", "will", "their", "after", "also", "had", "who", "but",
))  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+")


def looks_english(text: str, sample_words: int = 400) -> bool:
    """Whether a text reads as English (short texts are given the benefit of the doubt)."""
    words = [w.casefold() for w in _WORD.findall(text[:20_000])][:sample_words]
    if len(words) < 12:
        return True
    return sum(w in _ENGLISH_WORDS for w in words) / len(words) >= 0.08
