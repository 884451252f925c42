"""Which actors an article is about, as against those it names in passing.

A comparison asks who appeared or left between two periods. Listing every name an article
touches ("Hamas and Hezbollah are designated terrorist groups by Germany, the US and
Israel") buries the few actors a reader must know under the many named once. An actor is
*principal* in an article when, by rule on the text:

- it speaks or acts: it is the subject of a verb of saying or doing ("China has offered to
  mediate", "Qureshi and Lavrov agreed", "Amirabdollahian, in comments quoted by Iran's
  state media, said"), not its object, not the agent of a passive, not a place; or
- it recurs: it is named, other than as a place ("in Iraq") or a qualifier ("Iranian
  commander"), in `RECURRING` sentences or more (the man whose killing set off the crisis
  is named throughout, though he never speaks).

The rule reads the shape of English news prose, with no parser and no model: it is
deterministic, cheap on long articles, and independent of what a model extracted. A news
outlet that "reported" is a source, not an actor, so reporting verbs are not in the list.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import NamedTuple

from brief.language.mentions import (
    CALENDAR_WORDS,
    POSSESSIVE,
    ArticleMentions,
    NamedRun,
    demonyms,
    find_mentions,
)
from brief.schema import Article

__all__ = ["RECURRING", "principal_names", "sentence_agents"]

RECURRING = 3  # sentences of one article that make an actor principal without a verb


def _forms(*bases: str) -> set[str]:
    """Each regular verb with its -s and -ed forms ("agree": agrees, agreed)."""
    found = set()
    for base in bases:
        if base.endswith("e"):
            found |= {base, base + "s", base + "d"}
        elif base.endswith("y") and base[-2] not in "aeiou":
            found |= {base, base[:-1] + "ies", base[:-1] + "ied"}
        elif base.endswith(("s", "sh", "ch", "x", "z")):
            found |= {base, base + "es", base + "ed"}
        else:
            found |= {base, base + "s", base + "ed"}
    return found


# Verbs of saying and doing whose subject is an actor of the story. "Reported", "quoted"
# and "wrote" are left out: their subjects are news outlets.
_VERBS = frozenset(
    _forms(
        "accept", "accuse", "acknowledge", "add", "adopt", "agree", "announce", "appeal",
        "approve", "argue", "arrest", "ask", "attack", "back", "block", "bomb", "call",
        "capture", "carry", "chair", "claim", "close", "condemn", "confirm", "criticise",
        "criticize", "decide", "declare", "demand", "deny", "deploy", "discuss", "emphasise",
        "emphasize", "end", "expel", "express", "extend", "fire", "halt", "highlight", "hope",
        "host", "impose", "insist", "instruct", "invade", "invite", "kill", "launch", "lift",
        "mediate", "negotiate", "note", "offer", "open", "oppose", "order", "plan", "pledge",
        "praise", "promise", "propose", "raid", "reaffirm", "recall", "refuse", "reiterate",
        "reject", "release", "reply", "respond", "resume", "retaliate", "seize", "shell",
        "sign", "state", "stress", "summon", "support", "suspend", "target", "threaten",
        "underscore", "urge", "visit", "vow", "want", "warn", "welcome",
    )
    | {
        "began", "begun", "brought", "fought", "gave", "given", "held", "led", "made",
        "met", "said", "says", "sent", "shot", "sought", "spoke", "spoken", "stood", "struck",
        "took", "taken", "told", "tells", "withdrew", "withdrawn", "won",
    }
)  # fmt: skip
# Verbs after which a name is their subject: '"…," said Imran Khan.'
_INVERTED = frozenset({"said", "says", "added", "asked"})
_BE = frozenset({"is", "are", "was", "were", "be", "been", "being"})
# Between a subject and its verb: auxiliaries, adverbs, and times ("Qureshi on Friday met").
_BETWEEN = CALENDAR_WORDS | frozenset((
    "has", "have", "had", "will", "would", "could", "can", "may", "might", "must", "shall",
    "should", "did", "does", "do", "also", "already", "again", "not", "never", "reportedly",
    "later", "then", "jointly", "repeatedly", "previously", "recently", "today", "yesterday",
    "now", "further", "publicly", "earlier", "separately", "once", "on", "last", "this",
    "early", "late", "night", "morning", "evening", "week", "month", "year",
))  # fmt: skip
_PREPOSITIONS = frozenset((
    "about", "across", "against", "along", "amid", "among", "around", "at", "behind",
    "beside", "besides", "between", "beyond", "by", "despite", "during", "except", "for",
    "from", "in", "inside", "into", "like", "near", "of", "on", "onto", "outside", "over",
    "through", "throughout", "to", "toward", "towards", "under", "unlike", "upon", "via",
    "with", "within", "without",
))  # fmt: skip
_PLACE_PREPOSITIONS = frozenset(
    {"in", "inside", "into", "across", "near", "at", "within", "throughout"}
)
_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her"})
# Words that end a subject going leftward: clause openers, pronouns, verbs of being.
_CLAUSE = frozenset((
    "that", "which", "who", "whom", "whose", "after", "before", "as", "while", "when",
    "where", "if", "because", "since", "although", "though", "but", "or", "nor", "so",
    "than", "including", "he", "she", "it", "they", "we", "i", "you", "him", "them", "us",
    "there", "said", "says", "told", "according",
))  # fmt: skip
# Who a person is when quoted for comment, not as a party: "former foreign minister Hina
# Rabbani Khar", "Ali Wyne, an analyst at…". A commentator named throughout is still
# principal by recurrence (a former president at the centre of the story).
_COMMENTATOR_WORDS = frozenset((
    "former", "retired", "analyst", "analysts", "expert", "professor", "scholar",
    "researcher", "commentator", "columnist", "observer",
))  # fmt: skip
# Spokespeople speak for others: the state or ministry they speak for acts ("Pakistani
# Information Minister X told Reuters" is Pakistan speaking), they do not join the cast.
_SPOKESPERSON_WORDS = frozenset({"spokesman", "spokeswoman", "spokesperson", "spokespersons"})
_SPOKESPERSON_TITLES = ("information minister", "press secretary")
_DESCRIPTION = 6  # words before or after a name that may describe who they are
_MAX_NOUNS = 4  # lowercase words in a subject: "Pakistani civilian and military leaders"
_MAX_ASIDE = 24  # tokens in an aside between commas or dashes before the verb
_ASIDE_MARKS = frozenset({",", "-", "–", "—"})
_TOKEN = re.compile(r"[\w'’\-]+|[^\w\s]")
_QUOTES = frozenset({'"', "“", "”", "'", "’"})


class _Token(NamedTuple):  # a tuple, made for every word of every article: cheap to build
    word: str  # lower-cased; for a name, the name as written, without "'s"
    run: NamedRun | None = None
    possessive: bool = False  # a name written "Iran's"


def principal_names(article: Article) -> set[str]:
    """The actors (canonical names, as `find_mentions` gives them) that speak or act in
    `article`, or that it names in `RECURRING` sentences or more."""
    mentions = find_mentions(article)
    agents: set[str] = set()
    voices: set[str] = set()
    named: Counter[str] = Counter()
    for sentence, runs in zip(article.sentences, mentions.runs, strict=True):
        if not runs:
            continue  # names no one: nobody to find
        tokens = _tokens(sentence, runs)
        agents |= _agents(tokens)
        voices |= _voices(tokens)
        named.update(_named_not_in_passing(tokens))
    recurring = {name for name, count in named.items() if count >= RECURRING}
    return (agents - voices) | recurring


def sentence_agents(sentence: str, mentions: ArticleMentions, number: int) -> set[str]:
    """The actors that speak or act in sentence `number` (see the module's rule)."""
    return _agents(_tokens(sentence, mentions.runs[number - 1]))


def _tokens(sentence: str, runs: list[NamedRun]) -> list[_Token]:
    tokens: list[_Token] = []
    at = 0
    for run in runs:
        tokens.extend(_Token(w.casefold()) for w in _TOKEN.findall(sentence[at : run.start]))
        text = sentence[run.start : run.end]
        written = POSSESSIVE.sub("", text)
        tokens.append(_Token(written, run, possessive=written != text))
        at = run.end
    tokens.extend(_Token(w.casefold()) for w in _TOKEN.findall(sentence[at:]))
    return tokens


def _agents(tokens: list[_Token]) -> set[str]:
    agents: set[str] = set()
    for index, token in enumerate(tokens):
        if token.word in _VERBS:
            agents |= _subject_of(tokens, index)
        after_quote = 0 < index < len(tokens) - 1 and tokens[index - 1].word in _QUOTES | {","}
        if token.word in _INVERTED and after_quote:
            agents |= _inverted_subject(tokens, index + 1)
    return agents


def _subject_of(tokens: list[_Token], verb: int) -> set[str]:
    """The actors named in the subject of the verb at `verb`, found leftward."""
    at = _skip_between(tokens, verb - 1)
    if at >= 0 and tokens[at].word in _ASIDE_MARKS:
        at = _skip_aside(tokens, at)
    if at < 0 or tokens[at].word in _BE or tokens[at].word == "and":
        return set()  # a passive ("was killed"), or a second verb ("…, and fueled fears")
    if tokens[at].run is not None and tokens[at].possessive:
        return set()  # "Iran's state media": a noun, not a verb, follows a possessive
    return _subject_names(tokens, at)


def _skip_between(tokens: list[_Token], at: int) -> int:
    while (
        at >= 0
        and tokens[at].run is None
        and (tokens[at].word in _BETWEEN or tokens[at].word.isdigit())
    ):
        at -= 1
    return at


def _skip_aside(tokens: list[_Token], close: int) -> int:
    """Left past an aside closed at `close` (", in comments quoted by Iran's state media,")
    to the word before it; -1 when there is no aside to skip."""
    mark = tokens[close].word
    for at in range(close - 1, max(close - _MAX_ASIDE, 0) - 1, -1):
        if tokens[at].word == mark or (mark == "," and tokens[at].word in _ASIDE_MARKS):
            return _skip_between(tokens, at - 1)
    return -1


def _subject_names(tokens: list[_Token], last: int) -> set[str]:
    """The names in the noun phrase ending at `last`: "Qureshi and Lavrov", "Pakistan's
    foreign minister", "The United Nations and the United States"."""
    names: list[tuple[int, str]] = []
    comma: int | None = None  # the rightmost comma inside the phrase
    nouns = 0
    at = last
    while at >= 0:
        token = tokens[at]
        word = token.word
        if token.run is not None:
            names.extend((at, m.name) for m in token.run.mentions)
        elif word == ",":
            comma = at if comma is None else comma
        elif word in _PREPOSITIONS:
            # What follows a preposition up to a comma is its object, not the subject:
            # "between the United States and Iran, Pakistan and Russia have agreed".
            return {name for where, name in names if comma is not None and where > comma}
        elif word in _CLAUSE or word in _VERBS or not word[:1].isalnum():
            break
        elif word in _COMMENTATOR_WORDS:
            return set()  # "Pakistan's former foreign minister X told DW": comment, no act
        elif word not in _DETERMINERS and word != "and":
            nouns += 1
            if nouns > _MAX_NOUNS:
                return set()
        at -= 1
    listed = comma is not None and tokens[comma - 1].run is not None
    if comma is not None and not (listed and (at < 0 or tokens[at].word in _QUOTES)):
        # Before a comma is another clause unless the comma separates names of a list:
        # "When Iran struck, the US replied"; "Unlike most UN members, China has…".
        return {name for where, name in names if where > comma}
    return {name for _, name in names}


def _inverted_subject(tokens: list[_Token], first: int) -> set[str]:
    at = first
    while at < len(tokens) and tokens[at].word in _DETERMINERS:
        at += 1
    run = tokens[at].run if at < len(tokens) else None
    return {m.name for m in run.mentions} if run is not None else set()


def _named_not_in_passing(tokens: list[_Token]) -> set[str]:
    """The actors a sentence names as themselves: not as a place ("in Iraq") and not as a
    qualifier of someone else ("Iraqi Foreign Minister Mohamed Ali al-Hakim", "Iranian
    commander")."""
    found: set[str] = set()
    for index, token in enumerate(tokens):
        if token.run is None:
            continue
        before = tokens[index - 1].word if index else ""
        after = tokens[index + 1].word if index + 1 < len(tokens) else ""
        if before in _PLACE_PREPOSITIONS:
            continue
        if len(token.run.mentions) == 1 and _is_qualifier(token, after):
            continue
        found.add(token.run.head.name)
    return found


def _is_qualifier(token: _Token, after: str) -> bool:
    # A demonym before a lower-case word qualifies it: "Iranian commander", "Turkish
    # counterpart", "Afghan peace process".
    return token.word in demonyms() and bool(after) and after[0].isalpha() and after.islower()


def _voices(tokens: list[_Token]) -> set[str]:
    """Persons the sentence describes as commentators or spokespeople: in their title
    ("Former President X", "Information Minister X"), in the words just before their name
    ("former foreign minister X", "ministry spokesman X") or in an aside just after it
    ("X, an analyst at Y,")."""
    found: set[str] = set()
    for index, token in enumerate(tokens):
        if token.run is None or token.run.head.kind != "person":
            continue
        title = token.word.casefold()
        before = _words_until_boundary(reversed(tokens[max(index - _DESCRIPTION, 0) : index]))
        after: list[str] = []
        if index + 1 < len(tokens) and tokens[index + 1].word == ",":
            after = _words_until_boundary(iter(tokens[index + 2 : index + 2 + _DESCRIPTION]))
        described = {*title.split(), *before, *after}
        if (
            described & (_COMMENTATOR_WORDS | _SPOKESPERSON_WORDS)
            or any(t in title for t in _SPOKESPERSON_TITLES)
            or any(t in " ".join(reversed(before)) for t in _SPOKESPERSON_TITLES)
        ):
            found.add(token.run.head.name)
    return found


def _words_until_boundary(tokens: Iterator[_Token]) -> list[str]:
    words = []
    for token in tokens:
        if token.run is not None or not token.word[:1].isalnum() or token.word in _VERBS:
            break
        words.append(token.word)
    return words
