"""The verbs and nouns that make a sentence speech or an act, by lemma (never by word form).

Kept in one place so that what counts as saying and doing can be read and argued with.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from brief.schema import EventCategory

# Verbs of saying, and of stating one's own view or intention ("refused to take sides",
# "wants to normalise ties", "appealed for restraint"). "report" is missing on purpose:
# outlets report, and what they report is read for its own speaker or act.
SPEECH = frozenset((
    "say", "tell", "add", "state", "stress", "urge", "warn", "express", "reiterate",
    "emphasise", "emphasize", "underscore", "underline", "insist", "claim", "deny",
    "condemn", "affirm", "reaffirm", "highlight", "note", "assure", "vow", "pledge",
    "appeal", "demand", "accuse", "describe", "hope", "propose", "suggest", "welcome",
    "reject", "threaten", "refuse", "declare", "quote", "believe", "think", "expect",
    "criticise", "criticize", "blame", "maintain", "argue", "remark", "comment", "explain",
    "acknowledge", "admit", "confirm", "caution", "dismiss", "oppose", "tweet", "write",
    "convey", "hint", "allege", "call", "want", "wish", "seek", "desire", "offer", "ask",
    "announce", "reassure", "signal", "voice", "ready", "make",
))  # fmt: skip

# Verbs that are an act by themselves.
_ACT_VERBS: dict[str, EventCategory] = {
    "strike": "strike", "bomb": "strike", "shell": "strike", "airstrike": "strike",
    "attack": "attack", "kill": "attack", "assassinate": "attack", "raid": "attack",
    "hijack": "attack", "storm": "attack", "ambush": "attack", "shoot": "attack",
    "clash": "attack",
    "sanction": "sanction", "threaten": "threat",
    "meet": "talks", "visit": "talks", "discuss": "talks", "host": "talks",
    "chair": "talks", "telephone": "talks", "speak": "talks", "confer": "talks",
    "agree": "agreement", "sign": "agreement",
    "arrest": "other", "detain": "other", "release": "other", "expel": "other",
    "summon": "other",
}  # fmt: skip

# Verbs that are an act through their object: "launched air strikes", "held talks".
_OBJECT_VERBS = frozenset((
    "launch", "carry", "conduct", "stage", "impose", "announce", "hold", "lead",
    "undertake", "have", "make", "pay", "go", "begin", "start", "double", "raise", "slap",
    "levy", "retaliate", "respond", "hit",
))  # fmt: skip
# A statement that is itself news, dated as an act, when it is issued: "issued his appeal
# Friday" (not "launched an appeal against his conviction").
ISSUED_STATEMENTS: dict[str, EventCategory] = {
    "appeal": "statement", "plea": "statement", "warning": "statement", "decree": "statement",
    "ultimatum": "threat",
}  # fmt: skip
# A statement told by what it refers back to ("issued his appeal", "repeated her call"):
# it says nothing by itself; what it refers to is told elsewhere.
BACK_REFERENCE = r"(?:his|her|its|their)\s+(?:appeal|call|plea|warning|statement|remarks?)"


def refers_back(deed: str) -> bool:
    """Whether an act's words end on a statement they only refer to: "issued his appeal"."""
    return re.search(rf"\b{BACK_REFERENCE}$", deed) is not None


_OBJECT_ACTS: dict[str, EventCategory] = {
    "strike": "strike", "airstrike": "strike", "bombing": "strike", "attack": "attack",
    "raid": "attack", "operation": "attack", "sanction": "sanction", "talk": "talks",
    "meeting": "talks", "visit": "talks", "call": "talks", "conversation": "talks",
    "consultation": "talks", "discussion": "talks", "delegation": "talks",
    "negotiation": "talks", "summit": "talks", "agreement": "agreement", "deal": "agreement",
    # Tariffs are told as sanctions: a penalty one state lays on another's trade.
    "tariff": "sanction", "levy": "sanction", "duty": "sanction", "embargo": "sanction",
}  # fmt: skip

# Nouns that name an act of their own owner ("a US drone strike", "Khan's visit").
ACT_NOUNS = frozenset(
    ("strike", "airstrike", "attack", "bombing", "raid", "killing", "assassination",
     "visit", "call", "talk", "meeting", "sanction")
)  # fmt: skip
_NOUN_ACTS: dict[str, EventCategory] = {
    "strike": "strike", "airstrike": "strike", "bombing": "strike", "attack": "attack",
    "raid": "attack", "killing": "attack", "assassination": "attack", "visit": "talks",
    "call": "talks", "talk": "talks", "meeting": "talks", "sanction": "sanction",
}  # fmt: skip

# Words that make a subject a news outlet or a document, not an actor with a view.
OUTLET_NOUNS = frozenset(
    ("report", "statement", "media", "agency", "newspaper", "radio", "television",
     "channel", "outlet", "broadcaster", "website", "daily", "news", "communique")
)  # fmt: skip
OUTLET_WORDS = frozenset((
    "radio", "news", "media", "agency", "times", "post", "tribune", "dawn", "reuters",
    "dw", "tv", "television", "press", "journal", "gazette", "herald", "daily", "irna",
    "tasnim", "afp", "ap", "bbc", "cnn", "voa", "xinhua", "tass", "interfax", "cnbc", "abc",
    "nbc", "cbs", "fox", "truth", "twitter", "facebook", "x.com",
))  # fmt: skip


def names_an_outlet(name: str) -> bool:
    """Whether a name holds an outlet's word ("Radio Pakistan", "VOA Mandarin", "Reuters'");
    an agency of security or intelligence is a state's body, not a news agency."""
    words = [re.sub(r"['’]s$", "", w).strip(".,'’") for w in name.casefold().split()]
    if "agency" in words and _STATE_BODY & set(words):
        return False
    return any(word in OUTLET_WORDS for word in words)


_STATE_BODY = frozenset({"security", "intelligence", "investigation", "enforcement", "defense",
                         "defence", "protection", "energy", "atomic", "space"})  # fmt: skip


def act_category(verb: Token) -> tuple[EventCategory | None, Token | None]:
    """The kind of act a verb reports, and the object noun that told it, if any."""
    category, noun = _category(verb)
    if category in _HARM and _ahead(verb) and any(_conditional(c) for c in verb.children):
        # "he will impose the tariff if Europe follows through": a threat, not a plan
        return "threat", noun
    return category, noun


_HARM = frozenset({"strike", "attack", "sanction"})


def _category(verb: Token) -> tuple[EventCategory | None, Token | None]:
    lemma = verb.lemma_.lower()
    if verb.pos_ not in ("VERB", "AUX"):
        return None, None
    if any(c.dep_ == "mark" and c.lower_ in _CONDITIONS for c in verb.children):
        return None, None  # "asked if he agreed", "if Europe follows through": not done
    if lemma == "call":
        return _call(verb)
    if lemma == "sign" and not _signs_with_someone(verb):
        # "signed a constitutional declaration", "signed a decree": a state's own act,
        # told in the article's words; no agreement with anyone.
        return "statement", None
    if lemma == "agree" and (shares_a_view(verb) or _says_after_a_quote(verb)):
        return None, None
    if lemma == "threaten" and _endangers(verb):
        return None, None
    if lemma == "speak" and verb.dep_ == "advcl" and verb.tag_ == "VBG" and not _to_a_name(verb):
        return None, None  # "Speaking to British lawmakers, Starmer said…": where he said it
    if lemma in _ACT_VERBS:
        return _ACT_VERBS[lemma], None
    if lemma == "issue":
        for obj in _objects(verb):
            if obj.lemma_.lower() in ISSUED_STATEMENTS:
                return ISSUED_STATEMENTS[obj.lemma_.lower()], obj
    if lemma in _OBJECT_VERBS:
        for obj in _objects(verb):
            category = _OBJECT_ACTS.get(obj.lemma_.lower())
            if category is not None:
                return category, obj
    return None, None


_CONDITIONS = frozenset({"if", "whether", "unless"})


def _conditional(clause: Token) -> bool:
    return clause.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in clause.children
    )


def _ahead(verb: Token) -> bool:
    """Told as what will or would be done ("will impose", "would strike")."""
    return any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll") for c in verb.children)


_AGREEMENTS = frozenset({
    "agreement", "deal", "accord", "treaty", "pact", "memorandum", "ceasefire", "truce",
    "contract", "protocol", "understanding",
})  # fmt: skip


def _signs_with_someone(verb: Token) -> bool:
    """'signed a deal', 'signed with Iran': an agreement; 'signed a decree': not."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    partner = any(c.dep_ == "prep" and c.lower_ == "with" for c in verb.children)
    return partner or any(o.lemma_.lower() in _AGREEMENTS for o in objects) or not objects


def noun_act_category(noun: Token) -> EventCategory | None:
    return _NOUN_ACTS.get(noun.lemma_.lower())


def calls_for(verb: Token) -> bool:
    """'called for restraint', 'called on all parties to …': speech, not a visit."""
    return any(
        c.dep_ in ("xcomp", "ccomp", "oprd")  # "called Canada 'one of the highest…'"
        or (c.dep_ == "prep" and c.lower_ == "for")
        or (c.dep_ == "advcl" and any(a.dep_ == "aux" for a in c.children))
        for c in verb.children
    )


def _call(verb: Token) -> tuple[EventCategory | None, Token | None]:
    """'called on the army chief' is a visit; 'called for restraint' is speech; 'called
    the decision a blatant case of…' is a judgement of a thing, no call to anyone."""
    if calls_for(verb) or any(_a_thing(c) for c in verb.children if c.dep_ == "dobj"):
        return None, None
    return "talks", None


# Whom one calls or meets when the sentence names them by role, not by name.
_COUNTERPARTS = frozenset({
    "counterpart", "minister", "president", "leader", "premier", "chief", "secretary",
    "king", "prince", "chancellor", "head", "envoy", "ambassador", "official", "general",
    "commander", "delegation", "governor", "mayor",
})  # fmt: skip


def _a_thing(obj: Token) -> bool:
    """'the decision', 'it': an object that is no one to call (a name, a role, 'him' is)."""
    if obj.pos_ == "PRON":
        return obj.lower_ in ("it", "this", "that", "these", "those")
    lemma = obj.lemma_.lower()
    return obj.pos_ == "NOUN" and lemma not in _COUNTERPARTS and lemma not in _OBJECT_ACTS


# Words for a view: "agreed with officials' concerns" shares a view; no agreement is made.
_VIEWS = frozenset({
    "concern", "remark", "view", "assessment", "comment", "statement", "opinion", "idea",
    "notion", "sentiment", "criticism", "analysis", "point", "argument", "claim",
    "characterization", "characterisation", "description", "conclusion", "finding",
    "suggestion", "premise", "word", "verdict", "observation", "approach",
})  # fmt: skip


def _says_after_a_quote(verb: Token) -> bool:
    """'“The danger is not passed yet,” agreed Polat Sayim': agreeing is how he said it."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    quoted = any(c.dep_ == "ccomp" and c.i < verb.i for c in verb.children)
    return quoted and subject is not None and subject.i > verb.i


def _to_a_name(verb: Token) -> bool:
    """'Speaking to Vladimir Putin': to someone named, which is talks."""
    return any(
        obj.pos_ == "PROPN"
        for prep in verb.children
        if prep.dep_ == "prep" and prep.lower_ in ("to", "with")
        for obj in prep.children
        if obj.dep_ == "pobj"
    )


# What a threat to which is no threat made to anyone: "threatening the territorial
# integrity of the country" (bases, warships and shipping are threatened by someone).
_ENDANGERED = frozenset({
    "integrity", "sovereignty", "stability", "security", "peace", "ceasefire", "truce",
    "future", "existence", "independence", "democracy", "order", "unity", "life", "lives",
    "livelihood", "economy", "safety", "survival", "freedom", "right", "interest",
    "progress", "process", "recovery", "health", "environment", "credibility", "growth",
})  # fmt: skip


def _endangers(verb: Token) -> bool:
    """'threatening the territorial integrity of the country': endangering a thing is no
    threat made to anyone ('threatened the EU with tariffs', 'threatened to strike' are)."""
    if any(c.dep_ in ("xcomp", "ccomp") for c in verb.children):
        return False
    if any(c.dep_ == "prep" and c.lower_ == "with" for c in verb.children):
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return bool(objects) and all(o.lemma_.lower() in _ENDANGERED for o in objects)


def shares_a_view(verb: Token) -> bool:
    """'agreed with Biden's remark', 'agreed with officials' concerns': speech."""
    return any(
        obj.lemma_.lower() in _VIEWS
        for prep in verb.children
        if prep.dep_ == "prep" and prep.lower_ == "with"
        for obj in prep.children
        if obj.dep_ == "pobj"
    )


_ANSWERS = frozenset({"retaliate", "respond", "hit"})


def _objects(verb: Token) -> list[Token]:
    found = [c for c in verb.children if c.dep_ in ("dobj", "attr")]
    # "announced more 'punishing' sanctions" is parsed with a clause around the object.
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        found += [c for c in clause.children if c.dep_ == "dobj"]
    # "retaliated with its own tariffs", "hit Canada with tariffs"
    answers = ("for", "in", "with") if verb.lemma_.lower() in _ANSWERS else ("for", "in")
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in answers):
        found += [c for c in prep.children if c.dep_ == "pobj"]
    # "carried out a series of airstrikes", "launched a wave of attacks": what is counted
    for obj in [o for o in found if o.lemma_.lower() in _AMOUNTS]:
        for of in (c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"):
            found += [c for c in of.children if c.dep_ == "pobj"]
    return found


_AMOUNTS = frozenset({
    "series", "wave", "round", "spate", "string", "barrage", "volley", "number", "couple",
    "flurry", "salvo",
})  # fmt: skip


# Who comments on a party without speaking for it: "analysts say Iran wants…" is the
# analysts' reading of Iran, not Iran's position.
COMMENTATORS = frozenset({
    "analyst", "expert", "observer", "critic", "commentator", "scholar", "researcher",
    "academic", "economist", "pundit", "specialist", "watcher", "diplomat", "source",
})  # fmt: skip


def overheard(verbs: list[Token]) -> set[int]:
    """The tokens under a verb of saying whose speaker is an unnamed commentator: what is
    said there belongs to no party of the story."""
    under: set[int] = set()
    for verb in verbs:
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if (
            subject is not None
            and subject.lemma_.lower() in COMMENTATORS
            and not any(c.pos_ == "PROPN" for c in subject.subtree)
        ):
            under |= {t.i for t in verb.subtree if t.i != verb.i}
    return under
