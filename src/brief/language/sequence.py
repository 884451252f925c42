"""When an act happened: against another act of its sentence, or as a campaign or a habit
rather than a dated act, or as the background of a clause that dates something else.

"Islamabad said it had launched air strikes, two days after Tehran struck targets inside
the country": the act of an after-clause came first, by the span the clause names, so it
is dated from the other act's day and never given that day itself.

And one misparse repaired here: the small English pipeline reads "Tehran struck alleged
'terrorist targets'" as an auxiliary "struck" before a verb "alleged"; an act verb is
never an auxiliary, so the act is read as the verb it is, with its clause's arguments.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Token

from brief.language.english import english_pipeline

# Words that really are auxiliaries (and modals): anything else tagged "aux" is a misparse.
_AUXILIARIES = frozenset({
    "be", "have", "do", "will", "would", "shall", "should", "can", "could", "may", "might",
    "must", "ought", "to", "get", "need", "dare", "use", "going",
})  # fmt: skip
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10}  # fmt: skip
_UNIT_DAYS = {"day": 1, "week": 7, "hour": 0, "minute": 0}


def is_misparsed_auxiliary(token: Token) -> bool:
    """`token` is tagged an auxiliary though it is no auxiliary word ("struck")."""
    return token.dep_ == "aux" and token.lemma_.lower() not in _AUXILIARIES


def misparsed_acts(clause: Token) -> list[Token]:
    """The children of `clause` the parser made auxiliaries though they are verbs, repaired
    in place: tagged a verb, with a verb's lemma ("struck" → "strike")."""
    found = [c for c in clause.children if is_misparsed_auxiliary(c)]
    for token in found:
        token.pos_ = "VERB"
        lemmatizer: Any = english_pipeline().get_pipe("lemmatizer")
        token.lemma_ = lemmatizer.rule_lemmatize(token)[0]
    return found


def days_before(clause: Token) -> int | None:
    """How many days the act of `clause` came before the act of the clause it qualifies:
    0 when it qualifies none ("Pakistan struck Iran on Thursday"), 2 for "two days after
    Tehran struck…", a negative number for "a day before…". A span not said ("on Wednesday
    the two came to the brink of war after Iran launched missile attacks") is read as the
    same day: news English says "after" alone of what came shortly before; a span not
    counted ("days after") is None, no day."""
    # A misparsed auxiliary ("Tehran struck(aux) alleged …") holds the clause's words.
    words = [w for t in (clause, *misparsed_acts(clause)) for w in t.children]
    mark = next((w for w in words if w.dep_ == "mark"), None)
    if mark is None and clause.dep_ == "conj" and clause.head.i != clause.i:
        return days_before(clause.head)  # "after Pakistan struck … and Iran attacked …"
    if mark is None or mark.lower_ not in ("after", "before"):
        return 0
    sign = 1 if mark.lower_ == "after" else -1
    for span in (w for w in words if w.dep_ == "npadvmod"):
        unit = _UNIT_DAYS.get(span.lemma_.lower())
        if unit is None:
            continue
        count = _count(span)
        return None if count is None else sign * count * unit
    return 0


def _count(span: Token) -> int | None:
    for word in span.children:
        if word.dep_ in ("nummod", "det"):
            text = word.lower_
            if text.isdigit():
                return int(text)
            if text in _COUNTS:
                return _COUNTS[text]
    return None


def noun_days_before(noun: Token) -> int | None:
    """'two days after the strikes, …': an act noun after "after" came before the day the
    sentence gives, by the span before "after" (see `days_before`)."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in ("after", "before"):
        return 0
    sign = 1 if noun.head.lower_ == "after" else -1
    span = next((w for w in noun.head.children if w.dep_ == "npadvmod"), None)
    unit = _UNIT_DAYS.get(span.lemma_.lower()) if span is not None else None
    if span is None or unit is None:
        return 0
    count = _count(span)
    return None if count is None else sign * count * unit


_THEN = frozenset({"when", "since", "after", "before", "until", "once"})


def backdrop(verb: Token) -> bool:
    """A verb of saying in a clause that dates something else ("when X called for …")
    tells what was said then, as background, not the sentence's report."""
    clause = verb
    while clause.dep_ == "conj":
        clause = clause.head
    return clause.dep_ in ("advcl", "relcl") and any(
        c.dep_ == "advmod" and c.lower_ in _THEN or c.dep_ == "mark" and c.lower_ in _THEN
        for c in clause.children
    )


def ongoing(verb: Token) -> bool:
    """ "Soldiers are conducting operations against al-Shabab", "the group frequently
    conducts bombings": a campaign or a habit in the present tense, no dated act."""
    if verb.tag_ in ("VBP", "VBZ"):
        return not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    return verb.tag_ == "VBG" and any(
        c.dep_ == "aux" and c.tag_ in ("VBP", "VBZ") for c in verb.children
    )
