"""The words the meaning check reads: what negates, what hedges, what reports speech, what
makes an act not (yet) done. Closed classes of English, not a list of cases: each set is
what a grammar or a style guide for news would list under its heading."""

from __future__ import annotations

import functools
from importlib import resources

from brief.language import (
    AFFIRMATIVE,
    EXPECTING,
    HEDGES,
    HEDGING,
    MODALS,
    NEGATIVE_IMPLICATIVE,
    NEGATORS,
    PROSPECTIVE,
    PROSPECTIVE_NOUNS,
    SAYING,
    WEAK_SAYING,
)

__all__ = [
    "AFFIRMATIVE",
    "EXPECTING",
    "HEDGES",
    "HEDGING",
    "MODALS",
    "NEGATIVE_IMPLICATIVE",
    "NEGATORS",
    "PROSPECTIVE",
    "PROSPECTIVE_NOUNS",
    "SAYING",
    "WEAK_SAYING",
]


# What leaves an act unsure: a hedge or a modal of maybe.
MAYBE = HEDGES | {"may", "might", "could"}


# Words that link two facts as cause and effect, which a claim may not add.
CAUSAL = (
    "led to", "leading to", "resulted in", "resulting in", "caused", "causing", "because",
    "in response", "in retaliation", "retaliation", "retaliate", "revenge", "prompted",
    "prompting", "triggered", "therefore", "as a result", "due to", "so that", "which is why",
    "that is why", "thanks to", "in order to", "aimed at", "in reprisal", "reprisal",
)  # fmt: skip
# Markers that give a cause the same way: "because of" retells "due to".
CAUSAL_KIN = (
    frozenset({"because", "due to", "owing to", "thanks to"}),
    frozenset({"therefore", "as a result", "which is why", "that is why", "hence"}),
    frozenset({"led to", "leading to", "resulted in", "resulting in", "caused", "causing",
               "prompted", "prompting", "triggered", "brought about", "bring about"}),
    frozenset({"in response", "in retaliation", "retaliation", "retaliate", "in reprisal",
               "reprisal"}),
)  # fmt: skip

# Universal quantifiers: "all 18 states" says more than "nine of 18 states".
UNIVERSAL = frozenset(
    {"all", "every", "each", "entire", "whole", "any", "everybody", "everyone", "everything"}
)

# Acts whose presence a claim may not invent: violence and coercion, grouped so that a
# paraphrase within a group ("shot dead" for "killed", "blew up" for "detonated") passes.
ACT_GROUPS: dict[str, str] = {
    **dict.fromkeys(("kill", "slay", "murder", "execute", "assassinate", "shoot dead",
                     "dead", "death", "die", "killing", "slaying", "murder"), "kill"),
    **dict.fromkeys(("shoot", "fire", "open fire", "gun", "shooting", "gunfire", "gunshot",
                     "shootout"), "shoot"),
    **dict.fromkeys(("detonate", "explode", "blow", "blow up", "bomb", "explosion"), "explode"),
    **dict.fromkeys(("attack", "strike", "hit", "raid", "storm", "assault", "invade",
                     "bombard", "shell", "target"), "attack"),
    **dict.fromkeys(("clash", "fight", "battle", "skirmish"), "clash"),
    **dict.fromkeys(("arrest", "detain", "seize", "capture", "abduct", "kidnap", "detention",
                     "kidnapping", "abduction", "confiscate", "impound", "expropriate"), "seize"),
    **dict.fromkeys(("convict", "sentence", "conviction"), "convict"),  # not "facing trial"
    **dict.fromkeys(("declare war",), "war"),
    **dict.fromkeys(("vote",), "vote"),
    **dict.fromkeys(("carry", "transport", "ship", "smuggle"), "carry"),
}  # fmt: skip

# Nouns `brief` writes for a kind of act, and the words its sources tell that act with:
# "held talks with" where they say "met with" or "spoke to his counterpart".
ACT_NOUNS: dict[str, frozenset[str]] = {
    "talk": frozenset({"talk", "meet", "meeting", "speak", "discuss", "discussion", "call",
                       "conversation", "confer", "negotiate", "negotiation"}),
}  # fmt: skip

# Words of stance the sentiment lexicon lacks or weighs wrongly for diplomatic news.
STANCE_VALENCE: dict[str, float] = {
    "harmful": -2.0, "oppose": -1.5, "opposed": -1.5, "right": 1.0, "wrong": -1.5,
    "egregious": -2.0, "heinous": -2.5, "appalling": -2.5, "betrayal": -2.5, "eager": 1.5,
    "reluctant": -1.5, "welcome": 1.5, "praise": 2.0, "criticize": -1.5, "criticise": -1.5,
    "endorse": 1.5, "reject": -1.5, "condemn": -1.5, "denounce": -1.5, "supportive": 1.5,
    "support": 1.5, "doubtful": -1.0, "disappointing": -2.0, "disappointed": -2.0,
    "concern": 0.0, "concerned": 0.0, "success": 2.0, "disaster": -2.5, "positive": 2.0,
    "negative": -2.0, "constructive": 1.5, "destructive": -2.0, "legitimate": 1.0,
    "illegitimate": -1.5, "beneficial": 1.5, "fair": 1.0, "unfair": -1.5,
    "blatant": -1.5, "baseless": -1.5, "groundless": -1.5, "outrageous": -2.0,
    "backing": 1.5, "opposition": -1.5, "objection": -1.5, "endorsement": 1.5,
}  # fmt: skip

# Words that say the opposite of each other: a claim that has one where its evidence has
# the other, said the same way (neither or both negated), flips its meaning.
OPPOSITES: tuple[tuple[frozenset[str], frozenset[str]], ...] = tuple(
    (frozenset(a.split()), frozenset(b.split()))
    for a, b in (
        ("rare rarely seldom", "common commonly often frequent frequently usual usually"),
        (
            "stop halt end cease suspend subside abate",
            "continue resume extend prolong persist linger",
        ),
        (
            "support back backing favor favour endorse supportive for",
            "against oppose opposition question questioning doubt wary skeptical sceptical",
        ),
        ("welcome hope", "fear dread"),
        ("lack lacking", "have possess"),
        ("include including", "except excluding"),
        ("thrive flourish prosper boom", "struggle falter suffer"),
        ("great big huge large", "little small slight"),
        ("celebration celebrate celebrating", "protest protesting"),
        ("celebrate honor honour immortalize commemorate", "ridicule mock deride"),
        (
            "praise praising hail commend welcome",
            "criticize criticise condemn denounce blast slam question questioning critical",
        ),
        ("increase rise raise grow boost", "decrease fall cut reduce drop decline shrink lower"),
        ("win victory", "lose defeat loss"),
        ("accept approve", "reject refuse object"),
        ("allow permit legalize lift", "ban forbid prohibit outlaw impose"),
        ("legal lawful", "illegal unlawful"),
        ("guilty", "innocent acquit"),
        ("before earlier", "after later"),
        ("more higher greater", "less lower fewer smaller"),
        ("majority most", "minority few"),
        ("keep retain maintain", "lose"),
        ("friendly welcoming accepting warm", "wary hostile suspicious unfriendly unwelcoming"),
        (
            "minor modest trivial insignificant downplay play_down",
            "significant major serious grave deplorable",
        ),
        ("ally friend", "enemy foe adversary"),
        ("open reopen", "close closed shut"),
        ("join enter", "leave quit exit withdraw"),
        ("start begin launch", "finish end conclude"),
        ("release free", "arrest detain jail imprison"),
        ("success succeed progress", "failure fail collapse stall"),
        (
            "encouraging reassuring hopeful optimistic",
            "concerning worrying troubling alarming worrisome disturbing pessimistic",
        ),
        ("safe", "dangerous unsafe"),
        ("true", "false"),
        ("strengthen", "weaken"),
        ("eager willing inclined keen", "reluctant unwilling hesitant loath disinclined"),
        ("positive beneficial good", "negative harmful bad rocky"),
        ("respond reply answer", "ignore disregard"),
        ("help helpful aid", "hamper hinder impede obstruct hurt hold_back complicate"),
        ("crucial vital essential indispensable", "expendable dispensable unnecessary"),
        ("fair just", "arbitrary unfair unjust"),
    )
)
NEGATIVE_PREFIXES = ("un", "in", "im", "il", "ir", "non", "dis")

# Kinds of saying a claim may not sharpen: "warns" needs a warning or threat in its sources,
# "condemns" a condemnation, "demands" a demand. Plain saying ("says", "calls") is none.
SPEECH_ACTS: dict[str, frozenset[str]] = {
    "warn": frozenset({"warn", "warning", "threat", "threaten", "caution", "danger", "risk"}),
    "condemn": frozenset({"condemn", "condemnation", "denounce", "criticize", "criticise",
                          "slam", "deplore", "censure", "criticism"}),
    "demand": frozenset({"demand", "urge", "insist", "call", "press", "ask", "require"}),
    "praise": frozenset({"praise", "welcome", "hail", "commend", "applaud"}),
    "deny": frozenset({"deny", "denial", "reject", "dismiss", "refute", "rebuff"}),
    "accuse": frozenset({"accuse", "accusation", "blame", "allege", "charge"}),
    "threaten": frozenset({"threaten", "threat", "warn", "vow"}),
}  # fmt: skip

# Who tells what they saw, not what they think: news states a hotel stormed "according to
# witnesses" as fact, and so may a brief, with its citation. "Sources", analysts and named
# people stay theirs.
# A hedge said in other words is kept: "would-be pilots" for "potential pilots".
HEDGE_KIN: dict[str, frozenset[str]] = {
    word: frozenset(kin.split())
    for word, kin in {
        "potential": "would-be prospective aspiring possible",
        "possible": "potential possibly perhaps",
        "alleged": "allegedly suspected purported reportedly",
        "suspected": "alleged allegedly suspect purported",
        "likely": "probably probable",
        "probably": "likely probable",
        "may": "might could possibly perhaps",
        "might": "may could possibly perhaps",
        "could": "may might possibly perhaps",
    }.items()
}

# Acts done with each other: "Qureshi met with Lavrov" is "Lavrov met with Qureshi".
TOGETHER_ACTS = frozenset({
    "meet", "talk", "speak", "negotiate", "clash", "fight", "agree", "sign", "trade",
    "cooperate", "compete", "border", "partner", "ally", "discuss", "marry", "confer",
})  # fmt: skip

# A continent's adjective names it as a state's names its state ("Asian partnerships", "in
# Asia"); kept here, as no continent is an actor of a brief.
CONTINENTS = {"asian": "asia", "european": "europe", "african": "africa"}

WITNESSES = frozenset({"witness", "eyewitness", "resident", "police"})

# Records, not people: what "according to the report" or "the census" shows may be stated
# as it shows it (by their stems, so "website" and "ship-tracking website" alike).
RECORDS = frozenset({"repor", "censu", "data", "figur", "stati", "surve", "study",
                     "websi", "site", "recor", "datab", "index", "track", "poll",
                     "image", "docum", "video", "foota", "photo", "pictu",
                     "satel"})  # fmt: skip

# Verbs that present what they report as established: "his opponents have shown that he
# undermined democracy" where they only "accused" him of it.
PROVING = frozenset({"show", "prove", "establish", "demonstrate", "reveal", "confirm"})

# What speaks for the one named with it: "the NISA statement said" is NISA saying it,
# "Foreign Ministry spokesperson Mao Ning" speaks for the ministry; "Dodik's lawyer" does
# not speak for Dodik.
MOUTHPIECES = frozenset({
    "statement", "spokesperson", "spokesman", "spokeswoman", "review", "analysis", "report",
    "study", "survey", "communique", "announcement", "release", "website", "account",
    "audit", "investigation", "assessment", "briefing", "bulletin", "post", "tweet",
})  # fmt: skip

# Names a news claim may use for another form of the same name.
SHORTHAND: dict[str, str] = {"mideast": "middle east", "un": "united nations"}
# A seat shared by several bodies stands for any of them in news shorthand ("Brussels" for
# the EU); the gazetteer leaves these out, since for naming actors they are ambiguous.
SEATS: dict[str, tuple[str, ...]] = {
    "brussels": ("european union", "belgium", "nato"),
    "hague": ("netherlands", "international criminal court", "international court of justice"),
}

NUMBER_WORDS: dict[str, float] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}  # fmt: skip


@functools.cache
def valence(lemma: str) -> float:
    """How good or bad a word says something is (VADER's lexicon, with the stance words of
    diplomatic news above taking precedence); 0 when it says neither."""
    if lemma in STANCE_VALENCE:
        return STANCE_VALENCE[lemma]
    return _vader().get(lemma, 0.0)


@functools.cache
def _vader() -> dict[str, float]:
    text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text("utf-8")
    table: dict[str, float] = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].isalpha():
            table[parts[0]] = float(parts[1])
    return table


# Acts of force, whose doer is what a reader weighs ("who attacked?"), and whose doer's own
# account of them is its claim, not a fact ("Somalia said it killed 50 militants").
FORCE_GROUPS = frozenset({"kill", "shoot", "explode", "attack", "clash", "seize"})

# Where a news agency is from, so that "the French news agency" is AFP.
OUTLET_HOMES = {
    "afp": "France", "agence france presse": "France", "reuters": "United Kingdom",
    "bbc": "United Kingdom", "ap": "United States", "associated press": "United States",
    "voa": "United States", "voice of america": "United States", "xinhua": "China",
    "tass": "Russia", "ria novosti": "Russia", "interfax": "Russia", "irna": "Iran",
    "yonhap": "South Korea", "kyodo": "Japan", "anadolu": "Turkey", "dpa": "Germany",
    "efe": "Spain", "ansa": "Italy", "kcna": "North Korea", "sana": "Syria",
}  # fmt: skip

# Bodies of the United Nations: what one of them runs, the UN runs.
UN_BODIES = frozenset({
    "UNHCR", "UNICEF", "WFP", "UNESCO", "IAEA", "UNDP", "UNFPA", "OCHA", "UNRWA", "WHO",
    "UNAIDS", "FAO", "ILO", "UNEP", "UNODC", "UNMISS", "MONUSCO", "MINUSMA", "IOM",
})  # fmt: skip

# Quotation marks that open and close a quote (a straight one does both).
OPENING_QUOTES = frozenset({"“", '"'})
CLOSING_QUOTES = frozenset({"”", '"'})
