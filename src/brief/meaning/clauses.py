"""The rules that read a claim clause by clause: each clause matched to the evidence clause
that tells the same act, then compared for polarity, stance, certainty, roles and speaker."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc

from brief.language import (
    governors,
    hung_participle,
    phrasal_lemma,
    places_in,
    to_infinitive,
)
from brief.meaning.frames import Frame
from brief.meaning.lexicon import (
    ACT_GROUPS,
    EXPECTING,
    FORCE_GROUPS,
    HEDGE_KIN,
    HEDGING,
    MAYBE,
    MODALS,
    PROSPECTIVE,
    PROVING,
    RECORDS,
    SAYING,
    TOGETHER_ACTS,
    WEAK_SAYING,
    WITNESSES,
)
from brief.meaning.matching import denied_otherwise, opposed, same_act
from brief.meaning.parties import same_party, stem
from brief.meaning.speakers import label, speaker_problem
from brief.meaning.verdict import Verdict


def compare_frames(
    claim: Frame, told: Frame, frames: list[Frame], evidence: Sequence[Doc]
) -> Verdict | None:
    words = f"{claim.token.text!r}"
    if claim.polarity != told.polarity and (
        same_act(claim, told) or opposed(claim, told) or denied_otherwise(claim, told)
    ):
        return Verdict.refused(
            "negation",
            f"{words} is {'affirmed' if claim.polarity else 'negated'} in the claim "
            f"but {'affirmed' if told.polarity else 'negated'} in the cited sentence",
        )
    if claim.valence * told.valence < 0 and abs(claim.valence) >= 0.5 and abs(told.valence) >= 0.5:
        return Verdict.refused(
            "stance",
            f"{words} judges it the other way from the cited sentence ({told.token.text!r})",
        )
    verdict = _certainty(claim, told) or _place(claim, told)
    if verdict is not None:
        return verdict
    return _roles(claim, told, frames)


def _place(claim: Frame, told: Frame) -> Verdict | None:
    """The same act put somewhere else: "arrested seven in Irbil" where the cited sentence
    has them arrested in Anbar (and Irbil is another act's place)."""
    if not same_act(claim, told):
        return None
    places = places_in(told.token)
    # and the places those are in, when the sentence names them: "near Gonaives in Haiti's north"
    around = [e.text for e in told.token.sent.ents if e.label_ in ("GPE", "LOC")]
    where = [p.casefold() for p in [*places, *around]]
    for said in places_in(claim.token) if places else []:
        if not any(said.casefold() in p or p in said.casefold() for p in where):
            return Verdict.refused(
                "place", f"the cited sentence puts it in {places[-1]}, not {said}"
            )
    return None


def _certainty(claim: Frame, told: Frame) -> Verdict | None:
    words = f"{claim.token.text!r}"
    if (_when_clause(claim) or _describing(claim, told)) and not same_act(claim, told):
        # "since he came to power", matched to what he has sought since; "its national
        # day, which marks its independence", matched to the visit due that day
        return None
    generic = claim.subject is not None and not claim.subject.identity  # "workers", not "Hamas"
    if told.markers == ["can"] and claim.token.tag_ in ("VBP", "VBZ") and generic:
        # "workers can reach most people": what is so as a rule, said in the present
        # ("workers reach most people"); in the past ("reached") it would be a fact.
        told = replace(told, level="done", markers=[])
    # "he would ask Russia to veto" is not "asked Russia": a modal on the act itself
    # leaves it undone, though asking is itself a kind of wish
    own_modal = told.lemma == claim.lemma and bool(set(told.markers) & MODALS)
    if (
        told.level == "prospective"
        and claim.level == "done"
        and (claim.lemma not in PROSPECTIVE or own_modal)
        and not _infinitive(claim)
        and not _refused(claim)
    ):
        return Verdict.refused(
            "certainty",
            f"{words} states as done what the cited sentence only "
            f"{_how(told)} ({', '.join(told.markers) or told.lemma})",
        )
    planned = set(claim.markers) & _PLANNING
    if planned and told.level == "done" and same_act(claim, told) and told.token.tag_ != "VB":
        return Verdict.refused(
            "certainty",
            f"{words} is only planned in the claim ({sorted(planned)[0]!r}) but done in the "
            f"cited sentence",
        )
    if told.conditional and not claim.conditional and not _condition_kept(claim, told):
        return Verdict.refused("certainty", f'{words} drops the cited sentence\'s condition ("if")')
    dropped = [
        m for m in told.markers if m in MAYBE and m not in claim.markers and not _kept(m, claim)
    ]
    if claim.level == "prospective" and set(claim.markers) & EXPECTING:  # "set to", "expected"
        dropped = [m for m in dropped if m not in EXPECTING]
    if dropped and claim.level != "hedged" and not set(claim.markers) & MAYBE:
        return Verdict.refused("certainty", f"{words} drops the cited sentence's {dropped[0]!r}")
    proof = _proven_by(claim)
    if told.level == "hedged" and claim.level == "done" and proof is not None:
        return Verdict.refused(
            "certainty",
            f"{proof!r} makes proven what the cited sentence only reports as a charge or "
            f"belief ({', '.join(told.markers)})",
        )
    if told.level == "hedged" and claim.level == "done" and not _attributed(claim, told):
        return Verdict.refused(
            "certainty", f"{words} drops the cited sentence's hedge ({', '.join(told.markers)})"
        )
    if told.lemma in WEAK_SAYING and claim.lemma not in WEAK_SAYING | HEDGING | PROSPECTIVE:
        return Verdict.refused(
            "certainty", f"{words} is surer than the cited sentence ({told.token.text!r})"
        )
    by = told.speaker
    if by is not None and claim.speaker is None and not _attributed(claim, told):
        # What witnesses saw may be stated, with or without others beside them
        # ("according to witnesses and a Somali lawmaker").
        witnesses = by.head in WITNESSES or bool(by.words & RECORDS)
        named = (by.identity and not witnesses) or not (by.pronoun or witnesses)
        if named and claim.level == "done" and told.lemma not in SAYING and not _infinitive(claim):
            return Verdict.refused(
                "certainty",
                f"{words} states as fact what the cited sentence reports as {label(by)}'s view",
            )
    return None


def _describing(claim: Frame, told: Frame) -> bool:
    """A relative clause or a participle that describes a thing the told act is not done
    by: "the pressure exerted by criminal groups", matched to what the president will not
    do."""
    if claim.dep not in ("relcl", "acl") or claim.subject is None:
        return False
    return told.subject is None or same_party(claim.subject, told.subject) is not True


def _when_clause(frame: Frame) -> bool:
    """ "since he came to power": a clause that says when, not what was done."""
    return frame.dep == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in ("since", "after", "when", "before", "once")
        for c in frame.token.children
    )


def _kept(hedge: str, claim: Frame) -> bool:
    """A hedge the claim says in other words: "would-be pilots" for "potential pilots"."""
    text = f" {claim.token.doc.text.lower()} "
    return any(f" {kin} " in text for kin in HEDGE_KIN.get(hedge, ()))


def _condition_kept(claim: Frame, told: Frame) -> bool:
    """ "urged people with symptoms to seek care" keeps "… if they experience symptoms":
    the condition's things are in the claim, said another way."""
    conditions = [
        c
        for node in [told.token, *told.token.ancestors][:3]
        for c in node.children
        if c.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in c.children)
    ]
    things = {stem(t.lemma_) for c in conditions for t in c.subtree if t.pos_ == "NOUN"}
    said = {stem(t.lemma_) for t in claim.token.doc}
    return bool(things) and things <= said


def _proven_by(frame: Frame) -> str | None:
    for node in frame.token.ancestors:
        if node.lemma_.lower() in PROVING:
            return node.text
    return None


def _refused(frame: Frame) -> bool:
    """ "refused to let its soil be used": a refusal tells what one will not do, as "will
    not allow it to be used" does; it states nothing as done."""
    return any(phrasal_lemma(g) in _REFUSALS for g in governors(frame.token, through_conj=True))


# Verbs that make an act one still to come: "plans to provide" is not "provides".
_PLANNING = frozenset({"plan", "intend", "propose", "prepare", "consider", "weigh", "mull"})
_REFUSALS = frozenset({"refuse", "decline", "rule out", "turn down"})


def _infinitive(frame: Frame) -> bool:
    """ "requested a meeting to discuss the transfers" does not say they were discussed;
    "a commission, led by the administration, will investigate" has no tense of its own."""
    token = frame.token
    # (a sentence with no verb at its head has its verb misread as such a participle)
    return (token.tag_ == "VB" and to_infinitive(token)) or (
        token.tag_ == "VBN" and frame.dep == "acl" and token.sent.root.pos_ in ("VERB", "AUX")
    )


def unheard(claim: Frame, told: list[Frame]) -> Verdict | None:
    """ "Trump warns …" needs a cited sentence in which Trump says or warns something."""
    if claim.lemma not in SAYING or claim.subject is None or not claim.subject.own_names:
        return None
    speakers = [f.subject for f in told if f.subject and (f.lemma in SAYING or same_act(claim, f))]
    speakers += [s for f in told for s in f.speakers]
    # "al-Shabab attacked the hotel, claiming 12 dead" where no cited sentence has anyone
    # say anything: the claim gives the doer words of its own making.
    invented = not speakers and _said_in_passing(claim)
    if not invented and (
        not speakers or any(same_party(claim.subject, s) is not False for s in speakers)
    ):
        return None
    return Verdict.refused(
        "speaker", f"no cited sentence has {label(claim.subject)} saying anything"
    )


def _said_in_passing(claim: Frame) -> bool:
    """ "…, claiming 12 dead", "…, saying it had no choice": speech added to an act."""
    token = claim.token
    return token.tag_ == "VBG" and token.dep_ in ("advcl", "xcomp") and token.head.pos_ == "VERB"


def misdirected(claim: Frame, told: list[Frame], evidence: Sequence[Doc]) -> Verdict | None:
    """ "Lavrov condemns the Foreign Office's statement" where the evidence has his
    "condemnation of terrorism": the act told as a noun, about something else."""
    wanted = _object_words(claim)
    if not wanted or any(same_act(claim, f) for f in told):
        return None
    for doc in evidence:
        for noun in doc:
            if noun.pos_ != "NOUN" or stem(noun.lemma_) != stem(claim.base):
                continue
            about = [
                t
                for prep in noun.children
                if prep.dep_ == "prep" and prep.lower_ in ("of", "on", "against", "for", "with")
                for t in prep.subtree
                if t.pos_ in ("NOUN", "PROPN")
            ]
            if about and not {stem(t.lemma_) for t in about} & wanted:
                return Verdict.refused(
                    "role",
                    f"the cited {noun.text!r} is of {about[0].text!r}, not of what the claim says",
                )
    return None


def _object_words(frame: Frame) -> set[str]:
    return {
        stem(t.lemma_)
        for c in frame.token.children
        if c.dep_ in ("dobj", "nsubjpass")
        for t in c.subtree
        if t.pos_ in ("NOUN", "PROPN")
    }


def _how(frame: Frame) -> str:
    return "plans, threatens or wishes" if frame.level == "prospective" else "hedges"


def _attributed(claim: Frame, told: Frame) -> bool:
    if claim.speaker is not None and told.level == "hedged" and len(told.speakers) > 1:
        # "groups accused Iberdrola of …, AFP reported" is the groups' charge, not AFP's
        return same_party(claim.speaker, told.speakers[0]) is not False
    if claim.speaker is not None:
        return True
    if (ACT_GROUPS.get(claim.lemma) or ACT_GROUPS.get(claim.base)) in FORCE_GROUPS:
        return False  # "Somalia killed 50", from "Somalia said it killed 50": its claim
    return (
        told.speaker is not None
        and claim.subject is not None
        and same_party(claim.subject, told.speaker) is True
    )


def _roles(claim: Frame, told: Frame, frames: list[Frame]) -> Verdict | None:
    if _exchanged(claim, told) and claim.base in TOGETHER_ACTS:
        return speaker_problem(claim, told, frames)  # "Lavrov met Qureshi": they met each other
    if (
        claim.subject
        and told.subject
        and same_party(claim.subject, told.subject) is False
        and same_act(claim, told)
    ):
        return Verdict.refused(
            "role",
            f"in the cited sentence it is {label(told.subject)}, not "
            f"{label(claim.subject)}, who {told.token.text}",
        )
    if not same_act(claim, told):
        return speaker_problem(claim, told, frames)
    if (
        claim.subject
        and any(same_party(claim.subject, o) for o in told.objects)
        and not (told.subject and same_party(claim.subject, told.subject))
    ):
        return Verdict.refused(
            "role",
            f"{label(claim.subject)} is the one acted on in the cited sentence, "
            f"not the one who acts",
        )
    if (
        told.subject
        and any(same_party(told.subject, o) for o in claim.objects)
        and not (claim.subject and same_party(claim.subject, told.subject))
    ):
        return Verdict.refused(
            "role",
            f"{label(told.subject)} acts in the cited sentence; the claim makes it "
            f"the one acted on",
        )
    return speaker_problem(claim, told, frames)


def _exchanged(claim: Frame, told: Frame) -> bool:
    """The claim's subject is the told act's object, and the told subject the claim's."""
    return bool(
        claim.subject
        and told.subject
        and any(same_party(claim.subject, o) for o in told.objects)
        and any(same_party(told.subject, o) for o in claim.objects)
    )


_ADDING_MARKS = frozenset({"as", "because", "since", "after"})


def unmatched(frame: Frame, evidence: Sequence[Doc]) -> Verdict | None:
    """A clause the evidence does not tell, hung on the claim as a relative or participle
    clause ("which voted to condemn", "carrying missile propellant"): an added fact."""
    token = frame.token
    participle = hung_participle(token)
    # (a "where" clause said in other words of the evidence's own "where" is no addition)
    told_where = any(t.lower_ == "where" for d in evidence for t in d)
    relatives = ("which", "who") if told_where else ("which", "who", "where")
    appended = frame.dep == "relcl" and any(c.lower_ in relatives for c in token.children)
    # "as the military blocked supply routes", "after he broke a leg in an accident": a
    # clause of cause or time
    marked = frame.dep == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in _ADDING_MARKS for c in token.children
    )
    if not (appended or participle or marked or frame.dep == "acl") or token.pos_ != "VERB":
        return None
    if frame.dep == "acl" and (
        token.tag_ not in ("VBG", "VBN") or any(c.dep_ == "nsubj" for c in token.children)
    ):
        return None  # "worries that levies would push …" is the noun's content, not an addition
    if frame.dep == "acl" and token.head.dep_ == "ROOT":
        return None  # "Canada's leader, Justin Trudeau, hit back": the sentence's own verb
    lemmas = {stem(t.lemma_) for d in evidence for t in d}
    nouns = {stem(t.lemma_) for t in token.subtree if t.pos_ == "NOUN" and t.i != token.i}
    if stem(frame.base) in lemmas or frame.base in SAYING or len(nouns) < 2 or nouns & lemmas:
        return None
    return Verdict.refused(
        "added",
        f"the cited sentences do not say {frame.token.text!r} ({frame.token.sent.text[:0]}"
        f"an added clause)",
    )
