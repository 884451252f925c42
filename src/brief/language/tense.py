"""A sentence told in the past: "Trump warns the EU" under "In March 2025," reads
"Trump warned the EU". The parse finds the main verb (and the verbs joined to it); only a
present-tense one changes, so a sentence already in the past, or in the perfect ("has
called"), is left as it is."""

from __future__ import annotations

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
}  # fmt: skip
# Verbs of two syllables or more stressed on the last, which double it: "admitted".
_DOUBLING = frozenset({
    "admit", "commit", "regret", "prefer", "refer", "submit", "permit", "occur", "control",
    "patrol", "compel", "propel", "expel", "omit", "transmit", "rebut", "confer", "deter",
})  # fmt: skip
_VOWELS = "aeiou"


def told_in_the_past(sentence: str) -> str:
    """`sentence` with its present-tense main verbs in the past tense."""
    doc = parse([sentence])[0]
    roots = [t for t in doc if t.dep_ == "ROOT"]
    verbs = [v for r in roots for v in (r, *r.conjuncts) if _present(v)]
    text = sentence
    for verb in sorted(verbs, key=lambda v: -v.idx):  # from the end: offsets hold
        past = _past_of(verb)
        text = text[: verb.idx] + past + text[verb.idx + len(verb.text) :]
    return text


def _present(verb: Token) -> bool:
    if verb.tag_ not in ("VBZ", "VBP") or not verb.text.isalpha():
        return False
    # "has called", "is expected": the perfect and the passive keep their own verb
    return not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _past_of(verb: Token) -> str:
    lemma = verb.lemma_.lower()
    if lemma == "be":
        past = "were" if verb.lower_ == "are" else "was"
    else:
        past = _IRREGULAR.get(lemma) or _regular_past(lemma)
    return past.capitalize() if verb.text[:1].isupper() else past


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
