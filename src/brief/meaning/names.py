"""Names in a claim against its evidence: every person, place or body the claim names must
be one the evidence names, in any of its forms ("DHS" for "Department of Homeland
Security", "the French news agency" for AFP, "American" for "U.S.-made")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span

from brief.language import load_gazetteer, normalise_name
from brief.meaning.lexicon import OUTLET_HOMES, UN_BODIES
from brief.meaning.parties import name_keys, names_in
from brief.meaning.verdict import Verdict


def names_problem(claim: Doc, evidence: Sequence[Doc], given: Sequence[str] = ()) -> Verdict | None:
    known = {k for name in given for k in name_keys(name)}
    text = " ".join(d.text for d in evidence).casefold()
    for doc in evidence:
        for name in names_in(doc):
            known |= name_keys(name.text)
            home = OUTLET_HOMES.get(normalise_name(name.text))
            known |= name_keys(home) if home else set()  # AFP, "the French news agency"
        for token in doc:
            known |= name_keys(token.text) if token.pos_ in ("PROPN", "ADJ") else set()
            for part in token.text.split("-")[:-1] if "-" in token.text else ():
                known |= name_keys(part) if part[:1].isupper() else set()  # "U.S.-produced"
            if token.text.split("-")[0] in UN_BODIES:  # "UNHCR-administered": UN-run
                known |= name_keys("United Nations") | name_keys("UN")
    written = " ".join(d.text for d in evidence)
    for name in names_in(claim):
        keys = name_keys(name.text)
        if keys & known or _said_in(name.text, text) or _known_form_in(name.text, text):
            continue
        if spelled_out(name.text, written) or _within_known(name, text):
            continue
        return Verdict.refused("name", f"the cited sentences do not name {name.text!r}")
    return None


_LETTERS = re.compile(r"(?:the\s+)?([A-Z](?:\.?[A-Z]){1,5})\.?", re.IGNORECASE)
_SMALL_WORDS = r"(?:\s+(?:of|for|and|on|the|de|du|des|la|&))*\s+"


def spelled_out(name: str, text: str) -> bool:
    """Whether the text writes out the letters the name is ("DHS" for "Department of
    Homeland Security", "NSW" for "New South Wales")."""
    return written_out(name, text) is not None


def written_out(name: str, text: str) -> str | None:
    """The words of the text that the name's letters stand for, if it has them."""
    found = _LETTERS.fullmatch(name.strip())
    if found is None or not found[1].replace(".", "").isupper():
        return None
    letters = found[1].replace(".", "")
    words = _SMALL_WORDS.join(rf"{letter}[\w'’.-]*" for letter in letters)
    match = re.search(rf"(?<![\w-]){words}(?![\w-])", text)
    return match[0] if match else None


def _within_known(name: Span, text: str) -> bool:
    """A word of a longer known name the evidence gives in another form: "Borders" of
    "Doctors Without Borders", where the evidence says "MSF"."""
    sentence = name.sent
    for start in range(max(sentence.start, name.start - 4), name.start + 1):
        for end in range(name.end, min(sentence.end, name.end + 4) + 1):
            whole = name.doc[start:end].text
            if (end - start) > len(name) and _known_form_in(whole, text):
                return True
    return False


def _known_form_in(name: str, text: str) -> bool:
    """Whether the text says the name in another of its gazetteer forms ("MSF" for
    "Doctors Without Borders"), which the entity recogniser may not mark."""
    gazetteer = load_gazetteer()
    known = gazetteer.lookup(name)
    if known is None:
        return False
    plain = " " + normalise_name(text) + " "
    forms = [alias for alias, entry in gazetteer.known.items() if entry.name == known.name]
    return any(f" {form} " in plain for form in forms if len(form) > 2)


def _said_in(name: str, text: str) -> bool:
    words = [w.strip(".'") for w in re.split(r"[\s\-]+", name.casefold()) if len(w) > 1]
    return bool(words) and all(
        re.search(rf"(?<!\w){re.escape(w[:5])}" + ("" if len(w) > 2 else r"(?!\w)"), text)
        is not None
        for w in words
    )
