"""Who says and who does what, sentence by sentence, read from the dependency parse.

The parser decides who: a sentence is speech of its *speaker* (the subject of a reporting
verb, "according to X", "X was quoted as saying", a quotation that runs on after "he
said"), and an act has a *doer* and a *target* (subject and object of strike, attack,
meet, agree…, the agent of a passive, the owner of a noun: "a US drone strike on
Soleimani"). Names come from `mentions` (the article's own names, resolved with the
gazetteer), so a token is mapped to an actor by where it sits in its sentence.

A sentence that reports an act ("Islamabad said it had launched air strikes") is an act,
not a position of the one who reported it, and news outlets ("Radio Pakistan reported",
"the statement said") are never speakers: what they report is looked at instead.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Doc, Token

from brief.language import groups
from brief.language.acts import Act, ArticleAttribution, Attribution
from brief.language.english import parse
from brief.language.groups import UNIDENTIFIED, claims, credited, is_attacker, owner_words
from brief.language.mentions import ArticleMentions, NamedRun, described_state, led_by, mentions_of
from brief.language.modality import certainty, polarity
from brief.language.parse import (
    PENALTIES,
    PEOPLE,
    WHERE,
    child,
    has_act,
    has_own_object,
    has_partner,
    head_name,
    in_speech,
    is_covered,
    is_outlet,
    is_passive,
    main_clauses,
    names_an_act,
    nesting,
    object_of,
    preps,
    preps_or_poss,
    press_object,
    subject,
    under_act_noun,
)
from brief.language.roles import RoleBook
from brief.language.scene import AIMED_CATEGORIES, aim_of, deed_of, place_of, victims_counted
from brief.language.sequence import backdrop, days_before, misparsed_acts, noun_days_before, ongoing
from brief.language.stances import states_a_view
from brief.language.verbs import (
    ACT_NOUNS,
    OUTLET_NOUNS,
    SPEECH,
    act_category,
    calls_for,
    noun_act_category,
    overheard,
)
from brief.schema import Article, EventCategory

_PRONOUNS = frozenset({"he", "she", "him", "her"})
_OWN_PRONOUNS = frozenset({"it", "they", "we", "i"})  # the speaker's own side


def attribute(article: Article) -> ArticleAttribution:
    """Speakers and acts of every sentence of `article` (cached per text)."""
    return _attribute(article.sentences)


# One article's attribution serves its schema, its validation and its conversion, for each
# part: parsed once. Keyed by the sentences, as `mentions` is.
@functools.lru_cache(maxsize=32)
def _attribute(sentences: tuple[str, ...]) -> ArticleAttribution:
    mentions = mentions_of(sentences)
    reader = _Reader(mentions, RoleBook.of(sentences, mentions))
    docs = parse(sentences)
    read = [reader.read(number, doc) for number, doc in enumerate(docs, start=1)]
    return ArticleAttribution(tuple(credited(read)))


class _Reader:
    """Reads sentences in order, remembering the last person named (for "he said")."""

    def __init__(self, mentions: ArticleMentions, roles: RoleBook) -> None:
        self.mentions = mentions
        self.roles = roles
        self.last_person: str | None = None

    def read(self, number: int, doc: Doc) -> Attribution:
        runs = self.mentions.runs[number - 1]
        sentence = _Sentence(number, doc, runs, self)
        speakers, reported_acts = sentence.speech()
        acts = sentence.acts(reported_acts) + sentence.claimed()
        if speakers and not states_a_view(doc.text):
            speakers = ()  # reported facts, not a view: no position
        for mention in (m for run in runs for m in run.mentions):
            if mention.kind == "person":
                self.last_person = mention.name
        for speaker in speakers:
            if self._is_person(number, speaker):
                self.last_person = speaker
        return Attribution(number, speakers, tuple(acts))

    def _is_person(self, number: int, name: str) -> bool:
        return any(m.name == name and m.kind == "person" for m in self.mentions.sentence(number))

    def is_known_person(self, name: str) -> bool:
        return self.mentions.kinds().get(name) == "person"


class _Sentence:
    def __init__(self, number: int, doc: Doc, runs: list[NamedRun], reader: _Reader) -> None:
        self.number = number
        self.doc = doc
        # spaCy makes a new Token object at each step of a walk over a Doc: walked once
        self.tokens = list(doc)
        self.runs = runs
        self.reader, self.owners = reader, reader.mentions.owners
        # The person "he" means: named before this sentence (a pronoun rarely points ahead).
        self.previous_person = reader.last_person

    # ------------------------------------------------------------------ speech

    def speech(self) -> tuple[tuple[str, ...], list[Token]]:
        """The speakers, and the verbs of acts reported in what they said."""
        found: list[tuple[bool, int, str]] = []  # (not a person, nesting, speaker)
        reported: list[Token] = []
        reports = list(self._reports())
        aside = overheard([verb for verb, _ in reports])  # "analysts say Iran wants…"
        for verb, source in reports:
            if act_category(verb)[0] is not None or verb.i in aside:
                continue  # "announced sanctions" is an act
            if verb.dep_ == "conj" and act_category(verb.head)[0] is not None:
                continue  # "has spoken to his counterpart and wants…": the act leads
            names = [n for n in self.names(source) if n != UNIDENTIFIED] if source else []
            content = [c for c in verb.children if c.dep_ == "ccomp"]
            if any(has_act(c) for c in content):
                reported.extend(content)
                continue
            found.extend((not self._person(n), nesting(verb), n) for n in names)
        for token in self.tokens:
            if token.lower_ == "according" and (by := object_of(token, "to")) is not None:
                found.extend((not self._person(n), 0, n) for n in self.names(by))
        if not found:
            return (), reported
        # A person who speaks for a state is the speaker ("the foreign office said the
        # minister reaffirmed…"); a state's view inside a person's words is the person's.
        best = min(found)[:2]
        return tuple(dict.fromkeys(n for *rank, n in found if tuple(rank) == best)), reported

    def _person(self, name: str) -> bool:
        return any(
            m.name == name and m.kind == "person" for run in self.runs for m in run.mentions
        ) or self.reader.is_known_person(name)

    def _reports(self) -> Iterator[tuple[Token, Token | None]]:
        """Each verb of saying and the token that names its source."""
        for token in self.tokens:
            lemma = token.lemma_.lower()
            if token.pos_ not in ("VERB", "AUX", "ADJ") or lemma not in SPEECH:
                continue
            if lemma == "call" and not calls_for(token):
                continue  # "called on the army chief" is a visit, not a statement
            if lemma == "add" and child(token, "ccomp") is None:
                continue  # "added the Houthis to its list" is not speech
            if lemma == "make" and not any(c.lower_ == "clear" for c in token.subtree):
                continue  # only "made it clear that…" is speech
            if lemma == "claim" and any(c.lower_ in ("responsibility", "credit")
                                        for c in token.children):  # fmt: skip
                continue  # "claimed responsibility for the attack" is an act
            if backdrop(token):
                continue  # "Since August 2022, when the president called for …": then, not now
            if lemma == "quote":
                yield token, child(token, "dobj") or child(token, "nsubjpass")
                continue
            yield token, subject(token)

    # -------------------------------------------------------------------- acts

    def acts(self, reported: list[Token]) -> list[Act]:
        acts: list[Act] = []
        done: set[int] = set()
        for token in self._act_candidates(reported):
            act = self._verb_act(token, done) if token.pos_ in ("VERB", "AUX") else None
            if act is None and token.pos_ in ("NOUN", "PROPN"):
                act = self._noun_act(token, done)
            act = act and replace(
                act, negated=not polarity(token), certainty=certainty(token, []),
                days_before=days_before(token) if token.pos_ != "NOUN" else noun_days_before(token),
                place=place_of(token), counted=victims_counted(token),
                deed=deed_of(token, doerless=not act.doers),
                aim=aim_of(token) if act.category in AIMED_CATEGORIES else None,
                self_told=groups.own_account(act.doers, self._speaker_of(token), self.owners),
                said_by=None if act.doers else groups.teller(token, self.names),
            )  # fmt: skip
            # An act needs its doer, but for the dead told as the day's news; talks need a
            # partner too ("speaking to reporters").
            if (
                act is not None
                and (act.doers or groups.unnamed_killing(token, act))
                and (act.category != "talks" or act.has_partner)
            ):
                acts.append(act)
        return list(dict.fromkeys(acts))

    def _act_candidates(self, reported: list[Token]) -> Iterator[Token]:
        roots = [t for t in self.tokens if t.dep_ == "ROOT"]
        allowed = {t.i for r in roots for t in main_clauses(r)}
        allowed |= {t.i for r in reported for t in main_clauses(r)}
        for token in self.tokens:
            if token.i in allowed or (token.pos_ == "NOUN" and token.lemma_.lower() in ACT_NOUNS):
                yield token

    def claimed(self) -> list[Act]:
        """'al-Shabab claimed responsibility for the hotel attack': the attack, by them."""
        found = []
        for claimer, act in claims(self.tokens):
            groups = [n for n in self.names(claimer) if n != UNIDENTIFIED]
            category = noun_act_category(act) if act is not None else None
            if groups and (category is not None or act is None):
                found.append(Act(category or "attack", (groups[0],), (), by_claim=True))
        return found

    def _verb_act(self, verb: Token, done: set[int]) -> Act | None:
        category, via = act_category(verb)
        told_by = verb  # the token whose subject is the doer
        for aux in misparsed_acts(verb) if category is None else []:
            category, via, told_by = act_category(aux)[0], None, aux  # "Tehran struck(aux) …"
        if category is None or verb.i in done or ongoing(verb):
            return None
        done.add(verb.i)
        if via is not None:
            done.add(via.i)
        if verb.dep_ in ("xcomp", "conj") and verb.head.i in done and not has_own_object(verb):
            return None  # "agreed to launch efforts": one act, the first verb's
        if is_passive(verb):
            return self._passive_act(verb, category, done)
        doer = subject(told_by) or subject(verb)
        doers = self.names(doer, own=self._speaker_of(verb)) or groups.acting_union(doer)
        if not doers and doer is not None and doer.lemma_.lower() in ACT_NOUNS:
            # "airstrikes by the Somali army … have killed": the act noun's doer
            doers = self._owners(doer) + [n for p in preps(doer, ("by",)) for n in self.names(p)]
        press = press_object(verb, self.runs) if category == "attack" else None
        if press is not None:  # "attacked The Wall Street Journal newspaper": words, not arms
            return Act("accusation", tuple(doers), (press,))
        if category == "other":
            # Arrests, releases, expulsions are acts on someone ("China released an AI
            # development program" is no event); "summoned Iran's envoy": the envoy's state.
            held = [c for c in verb.children if c.dep_ == "dobj"]
            held = [c for c in held if self._run_at(c) or c.lemma_.lower() in PEOPLE]
            named = [n for c in held for n in self.names(c)
                     or [m for p in preps_or_poss(c) for m in self.names(p)]]  # fmt: skip
            return Act(category, tuple(doers), tuple(named)) if named else None
        if category == "statement":  # "signed a decree": the doer's own act, on no one
            return Act(category, tuple(doers), ())
        # "held talks with Iran", "a visit to Iran"; "called a meeting to discuss Iran": none
        topic = category == "talks" and (via or verb.lemma_.lower() == "discuss")
        targets = [t for t in self._targets(verb) if t not in doers]
        targets = [] if topic and not has_partner(verb) else targets
        if verb.lemma_.lower() == "clash" and targets in ([], [UNIDENTIFIED]):
            return None  # "clashed with fighters": a clash is told by both its sides
        return Act(
            category, tuple(doers), tuple(targets or described_state(verb, self.runs, doers))
        )

    def _passive_act(self, verb: Token, category: EventCategory, done: set[int]) -> Act:
        """'was killed in a US drone strike': target the subject, doer the agent or the
        owner of the act noun the verb was done in."""
        targets = self.names(child(verb, "nsubjpass"))
        agent = child(verb, "agent")
        doers = self.names(child(agent, "pobj")) if agent is not None else []
        for prep in (c for c in verb.children if c.dep_ == "prep"):
            noun = child(prep, "pobj")
            if noun is not None and noun.lemma_.lower() in ACT_NOUNS:
                done.add(noun.i)
                category = noun_act_category(noun) or category
                doers = doers or self._owners(noun)
        return Act(category, tuple(doers), tuple(t for t in targets if t not in doers))

    def _noun_act(self, noun: Token, done: set[int]) -> Act | None:
        category = noun_act_category(noun)
        if category is None or noun.i in done or is_covered(noun, done):
            return None
        done.add(noun.i)
        # Only an act told in a phrase of its own ("in a telephone call between…", "in
        # retaliation for the US drone strike") or as a subject; a noun that a verb merely
        # mentions ("the contact follows a call…") is background.
        if noun.dep_ not in ("pobj", "nsubj") or in_speech(noun) or under_act_noun(noun):
            return None
        doers = self._owners(noun) or [
            n for prep in preps(noun, ("between",)) for n in self.names(prep)
        ]
        targets = [n for prep in preps(noun, ("on", "against", "to")) for n in self.names(prep)]
        return Act(category, tuple(doers), tuple(t for t in targets if t not in doers))

    def _owners(self, noun: Token) -> list[str]:
        """The states and persons a noun's own modifiers name: "US" in "a US drone strike"."""
        modifiers = [c for c in noun.lefts if c.dep_ in ("compound", "amod", "poss", "nmod")]
        names: list[str] = []
        for modifier in modifiers:
            names += self.names(modifier)
        return names

    def _targets(self, verb: Token) -> list[str]:
        objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
        objects += preps(verb, ("with", "on", "against", "to", "upon"))
        particle = child(verb, "prt")
        if particle is not None:  # "called on the army chief"
            objects += preps(verb, (particle.lower_,))
        # "launched attacks in retaliation for the US strike on …": the act the clause
        # answers is a noun act of its own, not this act's target.
        objects += [o for o in preps(verb, ("for", "in")) if not names_an_act(o)]
        names: list[str] = []
        for obj in objects:
            if obj.lemma_.lower() in PENALTIES:
                # "the 25% U.S. tariff on Canada's steel": whom it falls on is after "on";
                # its own modifier ("U.S.") is the side that lays it.
                names += [n for p in preps(obj, ("on", "against")) for n in self._within(p)]
                continue
            own = self.names(obj)
            for appos in (c for c in obj.children if c.dep_ == "appos"):
                own += self.names(appos)
            # "went for a meeting with Imran Khan", "held conversations with his counterparts"
            own += [n for p in preps(obj, ("with", "on", "to")) for n in self._within(p)]
            if own in ([], [UNIDENTIFIED]):  # "attacks on US-led forces in Iraq", "the
                own = self._within(obj)  # ambassador … Hosseini", "on insurgents in Iran"
            names += own
        return list(dict.fromkeys(names))

    def _within(self, token: Token) -> list[str]:
        """The actors named anywhere in a phrase: "his counterparts from Saudi Arabia and
        Iran", "the newly appointed Iranian ambassador … Syed Mohammad Ali Hosseini"."""
        named = self.names(token)
        if named and named != [UNIDENTIFIED]:
            return named
        led = led_by(token)
        if led:  # "attacks on US-led forces in Iraq": the forces are the United States'
            return led
        start, end = token.left_edge.idx, token.right_edge.idx + len(token.right_edge)
        # "forces in Iraq": where the object is, not who it is.
        places = [
            (p.idx, p.right_edge.idx + len(p.right_edge))
            for p in token.subtree
            if p.dep_ == "prep" and p.lower_ in WHERE and p.i > token.left_edge.i
        ]
        # "exports to the U.S.": where goods go is never whom an act is done to.
        destinations = [(a, b) for a, b in places if self.doc.text[a : a + 3] == "to "]
        # "the U.S. tariff on …": an act noun's own modifier is its doer's side, never
        # its target (nor is "exports to the U.S.": where goods go, see WHERE).
        owners = {
            m.i for m in token.children if m.dep_ in ("compound", "poss", "nmod", "amod")
        } if token.lemma_.lower() in PENALTIES else set()  # fmt: skip
        within = [
            r
            for r in self.runs
            if start <= r.start and r.end <= end
            and not any(self.doc[i].idx <= r.start < self.doc[i].idx + len(self.doc[i])
                        for i in owners)
        ]  # fmt: skip
        within = [
            r for r in within if not any(a <= r.start and r.end <= b for a, b in destinations)
        ]
        inside = [
            r for r in within if not any(a <= r.start and r.end <= b for a, b in places)
        ] or within  # "strikes on insurgents in Iran": the place is all there is
        people = [r.head.name for r in inside if r.head.kind == "person"]
        # "air strikes on insurgents in Iran": the place, when the men are not named
        return people or [r.head.name for r in inside if not is_outlet(r, self.doc.text)] or named

    def _speaker_of(self, verb: Token) -> list[str]:
        """Who said what `verb` is part of, for "it" and "we" in a reported act."""
        head = verb
        while head.dep_ != "ROOT" and head.head.i != head.i:
            head = head.head
            if head.lemma_.lower() in SPEECH:
                return self.names(subject(head))
        return []

    # ------------------------------------------------------------------- names

    def names(self, token: Token | None, *, own: list[str] | None = None) -> list[str]:
        """The actors `token` (a subject, an object) stands for, coordinated ones included."""
        if token is None:
            return []
        found = self._name(token, own or [])
        for conj in (c for c in token.children if c.dep_ == "conj"):
            found += self.names(conj, own=own)
        return list(dict.fromkeys(found))

    def _name(self, token: Token, own: list[str]) -> list[str]:
        lower = token.lower_
        if lower in _PRONOUNS:
            person = self._person_before(token.idx)
            return [person] if person else []
        if lower in _OWN_PRONOUNS:
            return own[:1]
        if lower in OUTLET_NOUNS or token.lemma_.lower() in OUTLET_NOUNS:  # its maker's
            return [n for c in token.children if c.dep_ == "compound" for n in self._name(c, own)]
        for appos in (c for c in token.children if c.dep_ == "appos"):
            named = self._name(appos, own)
            if named and self._person(named[0]):  # "Islamabad: … minister Qureshi told"
                return named + self._coordinated(token, own)
        run = self._run_at(token)
        if run is not None:
            named = [] if is_outlet(run, self.doc.text) else [head_name(run)]
            return named + self._coordinated(token, own)
        appositive = [c for c in token.children if c.dep_ in ("appos", "compound")]
        for part in appositive:
            named = self._name(part, own)
            if named and named != [UNIDENTIFIED]:  # "the militant group al-Shabab"
                return named
        owners = [n for word in owner_words(token) for n in self._name(word, own)]
        if owners:  # "Somali security forces", "forces in Somalia": Somalia's
            return owners[:1]
        if is_attacker(token):  # "gunmen stormed a hotel": kept, its doer unnamed
            return [groups.code_name(token) or UNIDENTIFIED]
        role = self.reader.roles.person_for(token, self.runs, self.number)
        return [role] if role else []

    def _coordinated(self, token: Token, own: list[str]) -> list[str]:
        """'Zarif and … Qureshi led': a name parsed as a modifier joined by 'and'."""
        found: list[str] = []
        for modifier in token.children:
            if modifier.dep_ == "nmod" and any(c.dep_ == "cc" for c in modifier.children):
                found += self._name(modifier, own)
        return found

    def _person_before(self, offset: int) -> str | None:
        """The person last named before `offset`: earlier in this sentence, or before it."""
        earlier = [
            m.name
            for run in self.runs
            if run.end <= offset
            for m in run.mentions
            if m.kind == "person"
        ]
        return earlier[-1] if earlier else self.previous_person

    def _run_at(self, token: Token) -> NamedRun | None:
        for run in self.runs:
            if run.start <= token.idx < run.end:
                return run
        return None
