"""Splitting article text into numbered sentences."""

from __future__ import annotations

import functools
import re

from pysbd.lang.english import English
from pysbd.processor import Processor

# pysbd rescans the whole string for every abbreviation it meets, so its cost grows
# with the square of the length; paragraphs longer than this are cut at safe points.
_SEGMENT_CHUNK_CHARS = 3000


# ------------------------------------------------------------------------ sentences
#
# pysbd is the sentence splitter, but it is slow (~200 KB/s; every abbreviation it meets
# rescans the whole string) and on a long paragraph one stray quote mark makes it treat
# the rest as a quotation and stop splitting. So each paragraph is first cut at breaks
# that pysbd would make anyway, outside quotations, and pysbd only sees the pieces that
# still hold an inner full stop (an abbreviation, a decimal, a quoted sentence).

# A lower-case word of three letters or more, a sentence end (maybe a closing quote),
# white space, then a capital. Initials and "U.S." fail it; known abbreviations are
# checked separately, below.
_SAFE_BREAK = re.compile(r"(?:(?<=[a-z]{3}[.!?])|(?<=[a-z]{2}[.!?][\"”’]))\s+(?=[\"“‘]?[A-Z])")
_WORD_BEFORE_STOP = re.compile(r"([A-Za-z]+)\.[\"”’]?$")
_QUOTE_MARK = re.compile(r"[\"“”]")
# Only a sentence end followed by white space can split a piece ("3.5" and "U.S" cannot).
_HAS_INNER_END = re.compile(r"[.!?…][\"'”’)\]]*\s")
# An opening quote still unclosed this far on is a stray mark, not a quotation.
_MAX_QUOTATION_CHARS = 600


class _English(English):  # type: ignore[misc]
    """pysbd's English, with a cheaper pass over its abbreviations (the same output)."""

    class AbbreviationReplacer(English.AbbreviationReplacer):  # type: ignore[misc]
        def search_for_abbreviations_in_string(self, text: str) -> str:
            # pysbd runs a regex over the whole text for every abbreviation found anywhere
            # in it, then one more per word it starts ("p" starts dozens), to protect a full
            # stop after it. Where the text has no "abbr." at all there is nothing to
            # protect, so those abbreviations are skipped: a third of brief's own CPU in
            # splitting. The protections only turn "." into "∯", so an "abbr." absent at
            # the start never appears later. Dotted ones ("u.s") are regexes in pysbd's
            # hands ("." is any letter), and a long s or a Turkish i folds in a regex as
            # lower() does not: all kept on its path.
            lowered = text.lower()
            if any(c in text for c in "ſıİ"):  # letters IGNORECASE folds otherwise than lower()
                return str(super().search_for_abbreviations_in_string(text))
            for abbreviation in self.lang.Abbreviation.ABBREVIATIONS:
                stripped = abbreviation.strip()
                undotted = "." not in stripped
                if stripped not in lowered or (undotted and stripped + "." not in lowered):
                    continue
                text = self._protect(text, stripped)
            return text

        def _protect(self, text: str, stripped: str) -> str:
            # pysbd's own steps for one abbreviation, as its loop takes them; its look for the
            # letter after the abbreviation keeps the braces it has ("{p} "), so the same.
            found = re.findall(rf"(?:^|\s|\r|\n){stripped}", text, flags=re.IGNORECASE)
            following = re.findall(r"(?<={" + re.escape(stripped) + "} ).{1}", text)
            for index, match in enumerate(found):
                text = self.scan_for_replacements(text, match, index, following)
            return text


@functools.cache
def _abbreviations() -> frozenset[str]:
    # pysbd's own list, so a pre-cut never splits where pysbd would not.
    return frozenset(English.Abbreviation.ABBREVIATIONS)


def split_sentences(paragraphs: list[str]) -> tuple[str, ...]:
    sentences: list[str] = []
    for paragraph in paragraphs:
        pieces: list[str] = []
        for piece in _pieces(paragraph):
            pieces.extend(_segment(piece))
        sentences.extend(_without_heading(s) for s in _reattach_stray_quotes(pieces))
    return tuple(sentences)


# A sub-heading that lost its line break in a feed: "Government involvement In 2017, China
# released …". A capital word, a few lowercase ones, then a capital word that only opens a
# sentence: a heading, not part of the sentence (it would become an "act" of its own).
_FLATTENED_HEADING = re.compile(
    r"^[A-Z][\w’'-]*(?: [a-z][\w’'-]*){1,4} (?=(?:In|On|The|After|But|As|When|Last|Since|"
    r"While|During|At|Despite|According|Earlier|Meanwhile|Before|Over|Under|With) [\w“\"])"
)


# A heading is a noun phrase: a chunk with a verb or ending in a preposition ("Trump also
# attacked The Wall Street Journal", "The case went before The Hague") is a sentence.
_NOT_HEADING_WORDS = frozenset((
    "said", "says", "also", "was", "were", "is", "are", "has", "have", "had", "went", "will",
    "would", "before", "after", "against", "to", "from", "with", "of", "for", "by", "and",
))  # fmt: skip


def _without_heading(sentence: str) -> str:
    match = _FLATTENED_HEADING.match(sentence)
    if match is None:
        return sentence
    words = match.group().split()[1:]
    if any(w in _NOT_HEADING_WORDS or w.endswith("ed") for w in words):
        return sentence
    return sentence[match.end() :]


def _pieces(paragraph: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for cut in _sure_breaks(paragraph):
        pieces.extend(_chunks(paragraph[start:cut]))
        start = cut
    pieces.extend(_chunks(paragraph[start:]))
    return pieces


def _sure_breaks(paragraph: str) -> list[int]:
    """Offsets of sentence breaks that are outside quotations and not after an abbreviation."""
    quotes = [(match.start(), match.group()) for match in _QUOTE_MARK.finditer(paragraph)]
    next_quote, inside, opened_at = 0, False, 0
    breaks: list[int] = []
    for match in _SAFE_BREAK.finditer(paragraph):
        while next_quote < len(quotes) and quotes[next_quote][0] < match.start():
            position, mark = quotes[next_quote]
            next_quote += 1
            inside = _opens_quotation(paragraph, position, mark)
            opened_at = position if inside else opened_at
        if inside and match.start() - opened_at > _MAX_QUOTATION_CHARS:
            inside = False
        if not inside and not _after_abbreviation(paragraph, match.start()):
            breaks.append(match.start())
    return breaks


def _opens_quotation(text: str, position: int, mark: str) -> bool:
    if mark != '"':
        return mark == "“"
    # A straight quote opens when it starts a word and closes when it ends one; counting
    # them instead goes wrong for good after one stray mark.
    before = text[position - 1] if position > 0 else " "
    after = text[position + 1] if position + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-") and not after.isspace()


def _after_abbreviation(paragraph: str, position: int) -> bool:
    word = _WORD_BEFORE_STOP.search(paragraph, max(0, position - 24), position)
    return word is not None and word.group(1).lower() in _abbreviations()


def _segment(text: str) -> list[str]:
    stripped = text.strip()
    if not _HAS_INNER_END.search(stripped):
        return [stripped] if stripped else []  # one sentence or a heading: nothing to split
    # pysbd's processor alone, not Segmenter.segment(): segment() then maps each sentence
    # back onto the input with a freshly compiled regex (most of its run time) and drops
    # any sentence it fails to find. Whitespace is all that pass restores, and we strip it.
    sentences = Processor(stripped, _English, char_span=False).process()
    return [sentence.strip() for sentence in sentences if sentence.strip()]


def _reattach_stray_quotes(pieces: list[str]) -> list[str]:
    """Give a closing quote that pysbd split off back to the sentence it closes."""
    fixed: list[str] = []
    for piece in pieces:
        if fixed and not any(char.isalnum() for char in piece):
            fixed[-1] += piece
            continue
        if fixed and len(piece) > 1 and piece[0] in '"”' and piece[1].isspace():
            fixed[-1] += piece[0]
            piece = piece[1:].lstrip()
        fixed.append(piece)
    return fixed


def _chunks(text: str) -> list[str]:
    """`text` cut into pieces of at most ~3000 characters, so pysbd never sees a long one."""
    chunks: list[str] = []
    start = 0
    while len(text) - start > _SEGMENT_CHUNK_CHARS:
        window = text[start : start + _SEGMENT_CHUNK_CHARS]
        cut = _last_safe_break(window)
        if cut <= 0:
            cut = window.rfind(" ")  # a run-on with no clear break: cut between words
        if cut <= 0:
            cut = len(window)
        chunks.append(text[start : start + cut])
        start += cut
    chunks.append(text[start:])
    return chunks


def _last_safe_break(window: str) -> int:
    last = -1
    for match in _SAFE_BREAK.finditer(window):
        last = match.start()
    return last
