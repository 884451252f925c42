"""Numbers in a claim against its evidence: each figure the claim gives must be one the
evidence gives, for the same thing ("three other officials" is not "hundreds"); ordinals,
decades, fractions and "hundreds of" are read as figures."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from brief.meaning.lexicon import NUMBER_WORDS, UNIVERSAL
from brief.meaning.parties import stem
from brief.meaning.verdict import Verdict


@dataclass(frozen=True)
class _Number:
    value: str
    unit: str  # a unit of time it counts ("month"), else ""
    context: frozenset[str]  # the act and the things it is about
    ranged: bool = False  # one end of a range: "$6 - $8 billion", "between 20 and 30"
    place: frozenset[str] = frozenset()  # where it counts: "44 percent in mainland China"
    bound: str = ""  # "+" for "more than 60", "-" for "nearly 60", "" for a plain 60


_UNITS = frozenset({"year", "month", "week", "day", "hour", "minute", "decade", "century"})
# A day or month named is a date the claim gives: "claimed it on Wednesday" where the
# evidence has Wednesday for another act and Tuesday for this one.
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
         "January", "February", "March", "April", "May", "June", "July", "August",
         "September", "October", "November", "December")  # fmt: skip
_CALENDAR = {
    **{d.lower(): d for d in _DAYS},
    **{d[:3].lower(): d for d in _DAYS[7:]},
    "sept": "September", "tues": "Tuesday", "thurs": "Thursday",
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000}


def numbers_problem(claim: Doc, evidence: Sequence[Doc]) -> Verdict | None:
    """A number the evidence does not give, or gives for another fact; an "all" it lacks."""
    told = [n for doc in evidence for n in _numbers_in(doc)]
    values = {n.value for n in told}
    for number in _numbers_in(claim):
        if number.value not in values and _same_span(number, evidence):
            continue  # "two weeks" for "14 days", "24 hours" for "a day"
        if number.value not in values and _lists(number) and number.value in _list_sizes(evidence):
            continue  # "four countries" for "South Africa, Kenya, Ghana and Burkina Faso"
        if number.value not in values and not _covers(number.value, values):
            return Verdict.refused("number", f"the cited sentences do not give {number.value}")
        same = [n for n in told if n.value == number.value or _covers(number.value, {n.value})]
        if number.unit and not any(n.unit in ("", number.unit) for n in same):
            return Verdict.refused(
                "number",
                f"the cited sentences give {number.value} of another unit, not {number.unit}s",
            )
        if number.bound and same and all(n.bound not in ("", number.bound) for n in same):
            side = "more" if same[0].bound == "+" else "less"
            return Verdict.refused(
                "number", f"the cited sentences give {side} than {number.value}, not the other way"
            )
        if _placed_elsewhere(number, same, told):
            return Verdict.refused(
                "number", f"{number.value} is a figure for another place in the cited sentences"
            )
        if number.ranged or number.value[0] == "x" or any(n.context & number.context for n in same):
            continue  # ("x2": a verb's context is its clause's, not what rose: not compared)
        others = [n for n in told if n.value != number.value and _kind(n) == _kind(number)]
        if any(n.context & number.context for n in others):
            return Verdict.refused(
                "number", f"{number.value} belongs to another fact in the cited sentences"
            )
    told_when = {w for doc in evidence for w in _relative_times(doc)}
    for when in _relative_times(claim):
        if told_when and when not in told_when:
            return Verdict.refused("number", f"the cited sentences do not say {' '.join(when)!r}")
    wholes = {v for doc in evidence for t in doc if not _partitive(t) and (v := _number_value(t))}
    for word in ("all", "every", "entire", "whole"):
        if any(t.lower_ == word and not _idiom(t, wholes) for t in claim) and not any(
            t.lower_ in UNIVERSAL for doc in evidence for t in doc
        ):
            return Verdict.refused("number", f"the cited sentences do not say {word!r}")
    return None


_RELATIVE = {"last": "last", "past": "last", "previous": "last", "next": "next",
             "coming": "next", "this": "this"}  # fmt: skip


def _relative_times(doc: Doc) -> set[tuple[str, str]]:
    """Times told from the day of writing: ("last", "month") for "last month"."""
    return {
        (_RELATIVE[c.lower_], t.lemma_.lower())
        for t in doc
        if t.lemma_.lower() in ("year", "month", "week")
        for c in t.children
        if c.dep_ in ("amod", "det") and c.lower_ in _RELATIVE
    }


def _partitive(token: Token) -> bool:
    """ "18" in "nine of Sudan's 18 states": a whole of which only part is meant."""
    of = token.head.head
    return token.head.dep_ == "pobj" and of.lower_ == "of" and of.head.like_num


def _idiom(token: Token, told: set[str]) -> bool:
    """ "above all", "after all", "at all", "all but": no "all" of a count; "all three"
    where the evidence counts them three is the three it names."""
    before = token.nbor(-1).lower_ if token.i > 0 else ""
    after = token.nbor() if token.i + 1 < len(token.doc) else None
    if after is not None and _number_value(after) in told:
        return True
    return before in ("above", "after", "at") or (after is not None and after.lower_ == "but")


def _numbers_in(doc: Doc) -> list[_Number]:
    found = []
    for token in doc:
        value = _number_value(token)
        if value is None:
            continue
        unit = next((stem(h.lemma_) for h in _heads(token, 2) if h.lemma_.lower() in _UNITS), "")
        context = frozenset(_number_context(token))
        place = _place_of(token)
        found.append(_Number(value, unit, context, _in_range(token), place, _bound(token)))
    return found


_ABOVE = ("more than", "over", "above", "at least", "upwards of", "in excess of", "exceeding")
_BELOW = ("nearly", "almost", "less than", "fewer than", "under", "up to", "at most",
          "close to", "just shy of")  # fmt: skip


def _bound(token: Token) -> str:
    """Which side of the figure the sentence puts the count: "more than 60" is above it,
    "nearly 60" below it."""
    before = " ".join(t.lower_ for t in token.doc[max(0, token.i - 3) : token.i])
    if before.endswith(("no more than", "not more than")):
        return "-"
    if before.endswith(_ABOVE + ("no fewer than", "no less than", "not less than")):
        return "+"
    return "-" if before.endswith(_BELOW) else ""


_RANGE_WORDS = frozenset({"-", "–", "to", "and", "$", "billion", "million", "%", "percent"})


def _place_of(token: Token) -> frozenset[str]:
    """The place named in the number's own phrase: "44 percent in mainland China"."""
    words: set[str] = set()
    for node in [token, *_heads(token, 1)]:
        if node is not token and node.pos_ not in ("NOUN", "SYM"):
            continue
        for prep in (c for c in node.children if c.lower_ in ("in", "at") and c.i > token.i):
            for pobj in (g for g in prep.children if g.dep_ == "pobj" and g.ent_type_ in _PLACES):
                words.update(stem(t.lemma_) for t in pobj.subtree if t.ent_type_ in _PLACES)
    return frozenset(words)


_PLACES = frozenset({"GPE", "LOC"})


def _placed_elsewhere(number: _Number, same: list[_Number], told: list[_Number]) -> bool:
    """The evidence gives this figure for one place and another figure for the claim's."""
    if not number.place or not same or any(not n.place or n.place & number.place for n in same):
        return False
    return any(n.place & number.place for n in told if n.value != number.value)


def _in_range(token: Token) -> bool:
    doc = token.doc
    for step in (1, -1):
        i = token.i + step
        while 0 <= i < len(doc) and abs(i - token.i) <= 3 and doc[i].lower_ in _RANGE_WORDS:
            i += step
        if 0 <= i < len(doc) and i != token.i + step and doc[i].like_num:
            return True
    return False


# "first" aside: "first reported", "at first" count nothing.
_ORDINALS = {word: n for n, word in enumerate((
    "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth"), 2)}  # fmt: skip


_MANY = {"dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000,
         "millions": 1_000_000, "billions": 1_000_000_000}  # fmt: skip


# How many of the smaller unit make one of the larger (units as `stem` gives them).
_PER = {
    ("decad", "year"): 10,
    ("centu", "year"): 100,
    ("week", "day"): 7,
    ("day", "hour"): 24,
    ("year", "month"): 12,
    ("hour", "minut"): 60,
}


def _same_span(number: _Number, evidence: Sequence[Doc]) -> bool:
    """Whether the evidence gives the claim's span of time in another unit."""
    if not number.unit or not re.fullmatch(r"\d+(\.\d+)?", number.value):
        return False
    value = float(number.value)
    wanted = {(value, number.unit)}
    for (big, small), times in _PER.items():
        if number.unit == big:
            wanted.add((value * times, small))
        elif number.unit == small:
            wanted.add((value / times, big))
    # "over 40 years" for "more than four decades": another unit, about whatever it counts
    return any(
        (value, unit) in wanted and (context & number.context or unit in _LONG)
        for doc in evidence
        for value, unit, context in _spans(doc)
    )


_LONG = frozenset({"decad", "centu"})


# What a list of names can be counted as: "four countries", not "two people were killed".
_CLASSES = frozenset({
    "country", "nation", "state", "province", "region", "city", "town", "capital", "party",
    "company", "firm", "organization", "organisation", "bank", "group", "member", "leader",
    "neighbor", "neighbour", "ally",
})  # fmt: skip


_CLASS_STEMS = frozenset(stem(c) for c in _CLASSES)


def _lists(number: _Number) -> bool:
    return bool(number.context & _CLASS_STEMS)


def _list_sizes(evidence: Sequence[Doc]) -> set[str]:
    """How many names each list of names in the evidence holds (two or more)."""
    sizes = set()
    for token in (t for doc in evidence for t in doc):
        if token.pos_ != "PROPN" or token.dep_ == "conj":
            continue
        items, stack = 1, [token]
        while stack:
            node = stack.pop()
            joined = [c for c in node.children if c.dep_ == "conj" and c.pos_ == "PROPN"]
            items += len(joined)
            stack.extend(joined)
        if items > 1:
            sizes.add(str(items))
    return sizes


def _spans(doc: Doc) -> list[tuple[float, str, frozenset[str]]]:
    """Spans of time a sentence gives, with what each is about: "14 days", and "a day" as
    one day (not "a day after", a time, nor "twice a day", a rate)."""
    found = []
    for token in doc:
        unit = stem(token.lemma_) if token.lemma_.lower() in _UNITS else ""
        if not unit or _not_a_span(token):
            continue
        for child in token.children:
            value = _number_value(child) if child.dep_ == "nummod" else None
            if child.dep_ in ("det", "nummod") and child.lower_ in ("a", "an", "one"):
                value = "1"
            if value is not None and re.fullmatch(r"\d+(\.\d+)?", value):
                found.append((float(value), unit, frozenset(_number_context(child))))
    return found


def _not_a_span(unit: Token) -> bool:
    after = unit.nbor().lower_ if unit.i + 1 < len(unit.doc) else ""
    before = unit.doc[unit.i - 2].lower_ if unit.i > 1 else ""
    return after in ("after", "before", "later", "earlier", "ago") or before in (
        "twice",
        "once",
        "times",
        "per",
    )


def _kind(number: _Number) -> str:
    """A day or month is compared with other days and months, a figure with figures."""
    return "date" if number.value in _DAYS else "figure"


def _covers(vague: str, values: set[str]) -> bool:
    """Whether "hundreds" (100+) is said by some exact figure of the evidence: 200 to 999."""
    if not vague.endswith("+"):
        return False
    low = int(vague[:-1])
    exact = [float(v) for v in values if re.fullmatch(r"\d+(\.\d+)?", v)]
    return any(2 * low <= v < 10 * low for v in exact)


# How many times over: "doubled", "a twofold rise", "twice as high".
_TIMES_VERBS = {"double": "x2", "triple": "x3", "quadruple": "x4", "halve": "x1/2"}
_TIMES_WORDS = {"twofold": "x2", "threefold": "x3", "fourfold": "x4", "tenfold": "x10"}


def _times(token: Token, text: str) -> str | None:
    """ "doubled", "a twofold rise", "twice as high": how many times over (not "doubled
    down", "double digits", or "twice" as two occasions)."""
    if text == "twice":
        following = token.nbor().lower_ if token.i + 1 < len(token.doc) else ""
        return "x2" if following in ("as", "the") else None
    if token.pos_ == "VERB" and token.lemma_.lower() in _TIMES_VERBS:
        down = any(c.dep_ == "prt" for c in token.children)
        return None if down else _TIMES_VERBS[token.lemma_.lower()]
    return _TIMES_WORDS.get(text)


def _number_value(token: Token) -> str | None:
    text = token.lower_.replace(",", "")
    times = _times(token, text)
    if times is not None:
        return times
    one_in = _share(token)  # "one in three": a third
    if one_in is not None or (token.i >= 2 and _share(token.doc[token.i - 2])):
        return one_in  # (the "three" of it is no count of its own)
    following = token.nbor() if token.i + 1 < len(token.doc) else None
    day = _CALENDAR.get(text.rstrip("."))
    if day and token.text[:1].isupper() and token.pos_ == "PROPN":
        return day  # "May" the month, not "may" the verb; "Jan." is "January"
    ordinal = re.fullmatch(r"(\d+)(st|nd|rd|th)", text)
    if text in _ORDINALS and _fraction(token):
        share = 100 / _ORDINALS[text]  # "a fifth of" is 20%
        return _shown(share) if share == int(share) else f"1/{_ORDINALS[text]}"
    if text in _ORDINALS:
        return f"{_ORDINALS[text]}th"  # "fourth" is "4th"
    if ordinal:
        return f"{ordinal[1]}th"
    of = token.i + 2 < len(token.doc) and token.nbor().lower_ == "of"
    counted = token.doc[token.i + 2] if of else None  # "hundreds of officials", not "scores rose"
    if text in _MANY and counted is not None and counted.lemma_.lower() not in _UNITS:
        return f"{_MANY[text]}+"  # "hundreds of officials", matched by any 200 to 999
    decade = re.fullmatch(r"'?(\d{2}|\d{4})s", text)
    if decade:
        return f"{decade[1]}s"  # "the 1940s and '50s"
    if token.ent_type_ == "ORDINAL" or (token.tag_ == "JJ" and not text[:1].isdigit()):
        return None
    before = token.nbor(-1).lower_ if token.i > 0 else ""
    if text == "one" and before in ("no", "any", "some", "every", "each", "anyone", "the"):
        return None  # "killing no one", "every one of them": a person, not a count
    if text == "one" and following is not None and following.lower_ == "of":
        return None  # "one of the earliest refugees": among them, not a count
    if text in _ONE_OF and before in ("a", "one"):
        return _ONE_OF[text]  # "a billion dollars" is "$1 billion"; "a dozen" is 12
    if token.pos_ == "NOUN" and token.lemma_.lower() in _GROUPS:
        return _GROUPS[token.lemma_.lower()]  # "the trio" are three
    scale = 1
    if following is not None and following.lower_ in _SCALES:
        scale = _SCALES[following.lower_]
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return _shown(float(text) * scale)
    if text in NUMBER_WORDS and token.like_num and text not in ("hundred", "dozen", "thousand"):
        return _shown(NUMBER_WORDS[text] * scale)
    return None


_ONE_OF = {"billion": "1", "million": "1", "trillion": "1", "hundred": "100",
           "thousand": "1000", "dozen": "12"}  # fmt: skip
_GROUPS = {"trio": "3", "duo": "2", "pair": "2", "quartet": "4"}


def _share(token: Token) -> str | None:
    """ "one in three" as "a third" is: "1/3"; "one in five" is "20"."""
    words = [t.lower_.replace(",", "") for t in token.doc[token.i : token.i + 3]]
    if len(words) < 3 or words[1] != "in":
        return None
    part, whole = (int(NUMBER_WORDS.get(w) or (w if w.isdigit() else 0)) for w in words[::2])
    if not part or not whole or part >= whole:
        return None
    share = 100 * part / whole
    return _shown(share) if share == int(share) else f"{part}/{whole}"


def _fraction(token: Token) -> bool:
    before = token.nbor(-1).lower_ if token.i > 0 else ""
    after = token.nbor().lower_ if token.i + 1 < len(token.doc) else ""
    return before in ("a", "one") or after == "of"


def _shown(value: float) -> str:
    return str(value).removesuffix(".0")


def _heads(token: Token, depth: int) -> list[Token]:
    found = []
    node = token
    for _ in range(depth):
        if node.head.i == node.i:
            break
        node = node.head
        found.append(node)
    return found


_WORTH = frozenset({"worth", "value"})


def _number_context(token: Token) -> set[str]:
    """What a number is about: the nearest thing it counts (a unit of time aside), the
    act it is part of, and that act's doer and object."""
    words: set[str] = set()
    noun = verb = None
    for node in _heads(token, 5):
        lemma = node.lemma_.lower()
        if (
            noun is None
            and verb is None
            and node.pos_ in ("NOUN", "PROPN")
            and lemma not in (_UNITS | {"%", "percent"})
        ):
            noun = node
        if verb is None and node.pos_ in ("VERB", "AUX") and lemma not in ("be", "have"):
            verb = node
    if noun is not None and noun.lemma_.lower() in _WORTH:
        # "$28 billion worth of U.S. exports" counts the exports
        counted = [g for c in noun.children if c.lower_ == "of" for g in c.children]
        noun = next((g for g in counted if g.dep_ == "pobj"), noun)
    if noun is not None:
        words.add(stem(noun.lemma_))
    for node in [token, *_heads(token, 1)]:  # "$28 billion of U.S. exports"
        for prep in (c for c in node.children if c.lower_ == "of"):
            words.update(stem(g.lemma_) for g in prep.children if g.dep_ == "pobj")
    if verb is not None:
        words.add(stem(verb.lemma_))
        for child in verb.children:
            if (
                child.dep_ in ("nsubj", "dobj", "nsubjpass")
                and child.i != token.i
                and child.lemma_.lower() not in _UNITS
                and child.pos_ in ("NOUN", "PROPN")
            ):
                words.add(stem(child.lemma_))
    return words - {""}
