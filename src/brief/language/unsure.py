"""What makes a clause less than done, beside its modal verbs (`brief.language.modality`):
what one is told to do, what only a legend or one's understanding has, a near miss, a
past question under a verb of what is to come, and a condition that is only a word to the
reader."""

from __future__ import annotations

from spacy.tokens import Token

# Verbs of how much, which "nearly" makes a figure, not a near miss: "nearly doubled".
AMOUNTS = frozenset({"double", "triple", "quadruple", "halve", "reach", "equal", "match",
                      "rise", "fall", "grow", "increase", "decrease", "decline", "drop",
                      "climb", "surge", "jump", "total", "exceed", "account"})  # fmt: skip
# What one acted on may become: "potential adversaries" are deterred all the same (but
# "discussed the potential handover": the handover is what is only potential).
TO_BE = frozenset({"potential", "possible", "would-be", "prospective"})
_ROLES = frozenset({
    "adversary", "rival", "enemy", "foe", "buyer", "customer", "client", "partner",
    "investor", "voter", "candidate", "recruit", "member", "ally", "victim", "successor",
    "donor", "user", "bidder", "suitor", "competitor", "challenger", "opponent", "employer",
    "employee", "applicant", "migrant", "attacker", "aggressor", "threat",
})  # fmt: skip


def who_it_falls_on(noun: Token) -> bool:
    """Whether the noun names whom an act falls on, not an act: "rivals", "buyers"."""
    return noun.lemma_.lower() in _ROLES


# What is only told of, as the subject of "is": "the legend is he set fire to it".
_HEARSAY = frozenset({"legend", "rumor", "rumour", "myth", "story", "theory", "lore",
                      "understanding", "impression", "guess", "hunch", "feeling",
                      "sense"})  # fmt: skip


def past_question(token: Token) -> bool:
    """An indirect question in the past tense, which keeps its own tense under a verb
    of what is to come: "will determine who was involved"."""
    if token.dep_ != "ccomp" or not (token.tag_ == "VBD" or _past_passive(token)):
        return False
    near = [*token.children, *(g for c in token.children for g in c.children)]
    return any(t.tag_ in ("WDT", "WP", "WP$", "WRB") for t in near)


def _past_passive(token: Token) -> bool:
    return token.tag_ == "VBN" and any(
        c.dep_ == "auxpass" and c.lower_ in ("was", "were") for c in token.children
    )


def directs(node: Token, token: Token) -> bool:
    """ "told lawmakers to draft a bill": what one is told to do is not yet done."""
    if node.lemma_.lower() not in ("tell", "instruct", "direct", "encourage", "advise"):
        return False
    below = {token.i, *(a.i for a in token.ancestors)}
    return any(c.dep_ == "xcomp" and c.i in below for c in node.children)


def told_of(node: Token) -> str | None:
    """The hearsay a "be" presents its clause as: "the legend is …" gives "legend"."""
    if node.lemma_.lower() != "be":
        return None
    said = (c.lemma_.lower() for c in node.children if c.dep_ == "nsubj")
    return next((s for s in said if s in _HEARSAY), None)


def aside_to_the_reader(clause: Token) -> bool:
    """ "If you remember, in 1950 …": a word to the one spoken to, no condition."""
    return clause.lemma_.lower() in ("remember", "recall", "like", "ask", "will") and any(
        c.dep_ == "nsubj" and c.lower_ == "you" for c in clause.children
    )
