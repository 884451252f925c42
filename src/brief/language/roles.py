"""Which named person a role stands for: "Pakistan's foreign minister told…" is the person the
article named "Pakistani Foreign Minister Shah Mehmood Qureshi"."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Token

from brief.language.mentions import ArticleMentions, NamedRun
from brief.language.verbs import BACK_REFERENCE

# Heads of a role phrase; their modifiers ("foreign", "prime", "army") narrow it down.
ROLE_NOUNS = frozenset((
    "minister", "president", "premier", "spokesman", "spokeswoman", "spokesperson",
    "chief", "ambassador", "envoy", "secretary", "commander", "king", "leader", "diplomat",
    "counterpart", "general", "ruler", "chancellor",
))  # fmt: skip
# A counterpart or a diplomat is anyone of that rank: matched by state only.
_ANY_RANK = frozenset(("counterpart", "diplomat", "leader", "premier"))
_PREMIER = ("prime", "minister")


@dataclass(frozen=True)
class _Titled:
    person: str
    title: frozenset[str]  # lower-cased words of the title written before the name
    state: str | None
    sentence: int


@dataclass(frozen=True)
class RoleBook:
    """The persons an article names with a title, in the order it names them."""

    titled: tuple[_Titled, ...]
    named_in: tuple[tuple[str, int], ...]  # (person, sentence) for every mention
    # The person whose name opens the second sentence ("Geir Pedersen issued his appeal").
    second_opens_with: str | None = None

    @classmethod
    def of(cls, sentences: tuple[str, ...], mentions: ArticleMentions) -> RoleBook:
        found: list[_Titled] = []
        for number, (sentence, runs) in enumerate(zip(sentences, mentions.runs, strict=True), 1):
            for run in runs:
                found += _titled(run, sentence, number)
        named = tuple(
            (m.name, number)
            for number, sentence_mentions in enumerate(mentions.by_sentence, 1)
            for m in sentence_mentions
            if m.kind == "person"
        )
        second = mentions.runs[1] if len(mentions.runs) > 1 else []
        opener = next(
            (r.head.name for r in second if not r.start and r.head.kind == "person"
             and _BACK.match(sentences[1][r.end :])),
            None,
        )  # fmt: skip
        return cls(tuple(found), named, opener)

    def person_for(self, token: Token, runs: list[NamedRun], number: int) -> str | None:
        """The person a role noun (with its modifiers) stands for, if exactly one fits;
        among several, the one named last before this sentence."""
        head = token.lemma_.lower()
        if head not in ROLE_NOUNS or token.tag_ in ("NNS", "NNPS"):
            return None  # "the foreign ministers": several people, none named
        words = {c.lower_ for c in token.lefts if c.dep_ in ("compound", "amod")} | {head}
        if head == "premier":
            words = set(_PREMIER)
        state = _state_before(token, runs)
        fits = [
            t
            for t in self.titled
            if (head in _ANY_RANK or words <= t.title)
            and (state is None or t.state in (state, None))
        ]
        if head in _ANY_RANK and state is None:
            return None  # "his counterpart" without a state is anyone
        before = [t for t in fits if t.sentence < number]
        chosen = before or fits
        candidates = {t.person for t in chosen}
        if not candidates and number == 1 and self.second_opens_with:
            # A lead that names its speaker only after it ("The U.N. special envoy for Syria
            # is calling for…" then "Geir Pedersen issued his appeal Friday"): the person
            # whose name opens the next sentence that tells the lead's statement again
            # ("… issued his appeal"), when the article gives them no title.
            opener = self.second_opens_with
            return None if any(t.person == opener and t.title for t in self.titled) else opener
        named = Counter(p for p, n in self.named_in if p in candidates and n < number)
        named.update({p: 0 for p in candidates})
        if not named:
            return None
        # The article's own minister is the one it names most ("the foreign minister" in
        # a Pakistani report is Pakistan's, named again and again).
        ranked = named.most_common()
        if len(ranked) > 1 and ranked[0][1] == ranked[1][1] and not before:
            return None
        return ranked[0][0]


# "… issued his appeal", "… repeated her call": the next sentence telling the lead's
# statement again, by its speaker's name. Any aside after the name ("Imran Khan, the
# opposition leader, called it…") and it may be another's answer.
_BACK = re.compile(rf"\s+(?:\w+\s+){{1,2}}{BACK_REFERENCE}\b")


def _titled(run: NamedRun, sentence: str, number: int) -> list[_Titled]:
    person = run.head if run.head.kind == "person" else None
    if person is None:
        return []
    states = [m.name for m in run.mentions if m.kind == "state"]
    text = sentence[run.start : run.end]
    cut = text.find(person.name.split()[0])
    title = frozenset(w.casefold().strip(".,") for w in text[: max(cut, 0)].split())
    title -= {s.casefold() for s in states}
    return [_Titled(person.name, title, states[0] if states else None, number)]


def _state_before(token: Token, runs: list[NamedRun]) -> str | None:
    """The state a role's own modifiers name: "Pakistan's" or "Iranian" foreign minister."""
    start = token.left_edge.idx
    for run in runs:
        if start <= run.start < token.idx:
            states = [m.name for m in run.mentions if m.kind == "state"]
            if states:
                return states[0]
    return None
