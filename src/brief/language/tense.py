"""A sentence told in the past: "Trump warns the EU" under "In March 2025," reads
"Trump warned the EU". The parse finds the main verbs; a present one changes, or the "is"
or "does" it leans on ("was sending", "did not want"); a sentence in the past or in the
perfect ("has called") is left as it is."""

from __future__ import annotations

import re

from spacy.tokens import Token

from brief.language.english import parse

_IRREGULAR = {
    "be": "was", "have": "had", "do": "did", "say": "said", "tell": "told", "hold": "held",
    "meet": "met", "seek": "sought", "make": "made", "take": "took", "give": "gave",
    "see": "saw", "keep": "kept", "bring": "brought", "lead": "led", "speak": "spoke",
    "stand": "stood", "think": "thought", "go": "went", "win": "won", "feel": "felt",
    "find": "found", "write": "wrote", "put": "put", "set": "set", "strike": "struck",
    "leave": "left", "send": "sent", "lose": "lost", "fight": "fought", "get": "got",
    "come": "came", "become": "became", "begin": "began", "know": "knew", "grow": "grew",
    "draw": "drew", "break": "broke", "rise": "rose", "withdraw": "withdrew", "shut": "shut",
    "cut": "cut", "hit": "hit", "let": "let", "read": "read", "run": "ran", "pay": "paid",
    "lay": "laid", "mean": "meant", "hear": "heard", "build": "built", "flee": "fled",
    "shoot": "shot", "swear": "swore", "forbid": "forbade", "understand": "understood",
    "undertake": "undertook", "overtake": "overtook", "foresee": "foresaw", "spend": "spent",
    "sell": "sold", "buy": "bought", "choose": "chose", "sit": "sat", "teach": "taught",
    "catch": "caught", "deal": "dealt", "forget": "forgot", "freeze": "froze",
    "withhold": "withheld", "uphold": "upheld", "oversee": "oversaw", "fall": "fell",
    "fly": "flew", "throw": "threw", "spread": "spread", "bid": "bid", "shake": "shook",
    "undergo": "underwent", "quit": "quit", "rebuild": "rebuilt", "ride": "rode",
    "override": "overrode", "arise": "arose", "bear": "bore", "beat": "beat", "bend": "bent",
    "bind": "bound", "bite": "bit", "bleed": "bled", "blow": "blew", "breed": "bred",
    "burst": "burst", "cast": "cast", "cling": "clung", "cost": "cost", "dig": "dug",
    "drive": "drove", "drink": "drank", "eat": "ate", "forecast": "forecast", "hang": "hung",
    "hurt": "hurt", "lend": "lent", "light": "lit", "mislead": "misled", "overcome": "overcame",
    "overrun": "overran", "overthrow": "overthrew", "rid": "rid", "ring": "rang",
    "shed": "shed", "shine": "shone", "shrink": "shrank", "sing": "sang", "sink": "sank",
    "slide": "slid", "speed": "sped", "spin": "spun", "split": "split", "spring": "sprang",
    "steal": "stole", "stick": "stuck", "sting": "stung", "strive": "strove", "swing": "swung",
    "tear": "tore", "thrust": "thrust", "wake": "woke", "wear": "wore", "weep": "wept",
    "wind": "wound", "withstand": "withstood", "upset": "upset", "broadcast": "broadcast",
    "sweep": "swept", "mistake": "mistook", "rethink": "rethought", "retake": "retook",
    "reset": "reset", "redo": "redid", "remake": "remade", "undo": "undid", "outbid": "outbid",
    "feed": "fed", "forgive": "forgave", "hide": "hid",
}  # fmt: skip
# Verbs of two syllables or more stressed on the last, which double it: "admitted".
_DOUBLING = frozenset({
    "admit", "commit", "regret", "prefer", "refer", "submit", "permit", "occur", "control",
    "patrol", "compel", "propel", "expel", "omit", "transmit", "rebut", "confer", "deter",
    "equip", "outfit", "acquit", "abet", "embed", "incur", "recur", "deploy",
})  # fmt: skip
# Present auxiliaries a continuous or negated verb leans on: "is sending", "does not want".
_AUXILIARIES = {"is": "was", "are": "were", "does": "did", "do": "did"}
_VOWELS = "aeiou"


def told_in_the_past(sentence: str) -> str:
    """`sentence` with its present-tense main verbs (or the "is", "does" they lean on) in
    the past tense; as it is when a verb's past is not known for sure."""
    doc = parse([sentence])[0]
    roots = [t for t in doc if t.dep_ == "ROOT"]
    # "Trump demands Ottawa drop…" misread with the name as its root, a noun ("trump"),
    # and the verb after it as its object: that verb is the sentence's own.
    roots += [
        c for r in roots if r.text[:1].isupper() and all(t.pos_ == "PROPN" for t in doc[: r.i])
        for c in r.rights if c.i == r.i + 1 and c.pos_ == "VERB" and c.tag_ == "VBZ"
    ]  # fmt: skip
    changes = [c for r in roots for v in (r, *r.conjuncts) if (c := _change(v)) is not None]
    text = sentence
    for token, past in sorted(changes, key=lambda c: -c[0].idx):  # from the end: offsets hold
        past = past.capitalize() if token.text[:1].isupper() else past
        text = text[: token.idx] + past + text[token.idx + len(token.text) :]
    return text


def _change(verb: Token) -> tuple[Token, str] | None:
    """The word to put in the past for `verb`, and its past."""
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if auxiliaries:  # "is sending", "does not want"; "has called" keeps its perfect
        first = auxiliaries[0]
        return (first, _AUXILIARIES[first.lower_]) if first.lower_ in _AUXILIARIES else None
    if verb.tag_ not in ("VBZ", "VBP") or not verb.text.isalpha():
        return None
    if verb.lower_ in _AUXILIARIES:
        return verb, _AUXILIARIES[verb.lower_]
    base = _base(verb.lower_) if verb.tag_ == "VBZ" else verb.lower_
    if base in ("have", "has"):
        return verb, "had"
    return verb, _IRREGULAR.get(base) or _regular_past(base)


def _base(third_person: str) -> str:
    """The bare verb of a third-person form, read off its spelling (the lemmatizer can
    misread one: "hopes" as "hop")."""
    if third_person.endswith("ies") and len(third_person) > 4:
        return third_person[:-3] + "y"
    if third_person.endswith(("sses", "shes", "ches", "xes", "zzes", "oes")):
        return third_person[:-2]
    return third_person[:-1] if third_person.endswith("s") else third_person


def _regular_past(lemma: str) -> str:
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in _VOWELS:
        return lemma[:-1] + "ied"
    if lemma in _DOUBLING or _short_and_closed(lemma):
        return lemma + lemma[-1] + "ed"
    return lemma + "ed"


def _short_and_closed(lemma: str) -> bool:
    """One syllable ending consonant-vowel-consonant ("ban", "stop"): its last letter
    doubles. Not w, x or y ("vowed", "fixed", "stayed")."""
    groups = sum(
        1 for i, c in enumerate(lemma) if c in _VOWELS and (i == 0 or lemma[i - 1] not in _VOWELS)
    )
    return (
        groups == 1
        and len(lemma) >= 3
        and lemma[-1] not in _VOWELS + "wxy"
        and lemma[-2] in _VOWELS
        and lemma[-3] not in _VOWELS
    )


def opens_in_the_past(rest: str) -> bool:
    """Whether the words after a subject open with a verb in the past (" underscored the
    exercise"), or do after an aside between commas or the subject's tail cut ("in north
    and east Syria … was the first")."""
    return any(_past_first(r) for r in (rest, re.sub(r"^[^…]*…|^\s*,[^,]*,", "", rest)))


def _past_first(rest: str) -> bool:
    words = parse([f"It {rest.strip()}"])[0]
    verb = words[1] if len(words) > 1 else None
    return verb is not None and (verb.tag_ == "VBD" or verb.lower_ in ("was", "were", "had"))
