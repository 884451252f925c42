"""When two written names are one actor, for scoring: by normalised name, by the
gazetteer's entry, and for persons by their parsed name key."""

from __future__ import annotations

from brief.language import Gazetteer, looks_like_person, normalise_name, parse_person_name


def name_keys(name: str, gazetteer: Gazetteer, *, person: bool | None = None) -> frozenset[str]:
    """The keys under which `name` matches another name (see the module docstring).

    Titles are stripped only from persons (`person=None`: guess from the name), because
    for an institution the "title" is its name: "Foreign Office" is not "Office".
    """
    keys = {normalise_name(name)}
    known = gazetteer.lookup(name)
    if known is not None:
        keys.add(normalise_name(known.name))
    elif person or (person is None and looks_like_person(name, gazetteer)):
        parsed = parse_person_name(name, gazetteer)
        if parsed.tokens:
            keys.add(parsed.key)
    keys.discard("")
    return frozenset(keys)
