"""Holding a server model's whole-article answer to the parse: who speaks, who acts.

A strong model writes its own claims and citations (`extract.v2`), but may still list a
sentence *about* an actor as that actor's position, or give an act to its victim. Each
position is checked against the speakers the parse finds in the sentences it cites: kept
when its actor is one of them, moved when the sentences have exactly one other speaker,
dropped when they are narration. An event whose actor is the target of the act its
sentence reports is given to that act's doer, with the target kept.
"""

from __future__ import annotations

from brief.language import Act, ArticleAttribution, attribute, normalise_name, surest
from brief.schema import Article, ArticleExtraction, ExtractedEvent, ExtractedPosition


def check_attribution(extraction: ArticleExtraction, article: Article) -> ArticleExtraction:
    """The extraction with positions held to their speakers and acts to their doers."""
    attribution = attribute(article)
    positions = [
        checked
        for position in extraction.positions
        if (checked := _checked_position(position, attribution, article)) is not None
    ]
    # Where, how many, what for, how long before and how its doer is known come from the
    # parse only (`extract.attributed`): what a model's JSON says of them (they are left
    # out of the schema it is shown, but a model may write them) is not read; how sure it
    # is, the parse reads off its sentences.
    events = [
        _parse_owned(_checked_event(event, attribution, article), attribution, article)
        for event in extraction.events
    ]
    return ArticleExtraction.model_construct(
        actors=extraction.actors, positions=positions, events=events
    )


def _acts_in(event: ExtractedEvent, attribution: ArticleAttribution, article: Article) -> list[Act]:
    """The acts the parse reads in the event's cited sentences."""
    return [
        act
        for n in event.sentences
        if 1 <= n <= len(article.sentences)
        for act in attribution.sentence(n).acts
    ]


def _parse_owned(
    event: ExtractedEvent, attribution: ArticleAttribution, article: Article
) -> ExtractedEvent:
    told = [act.certainty for act in _acts_in(event, attribution, article)]
    unread = {"place": None, "aim": None, "counted": None, "deed": None, "doer_basis": None}
    return event.model_copy(
        update={**unread, "certainty": surest(told) if told else "done", "days_before": {}}
    )


def _checked_position(
    position: ExtractedPosition, attribution: ArticleAttribution, article: Article
) -> ExtractedPosition | None:
    speakers = list(
        dict.fromkeys(
            s
            for n in position.sentences
            if 1 <= n <= len(article.sentences)
            for s in attribution.sentence(n).speakers
        )
    )
    same = [s for s in speakers if same_actor(position.actor, s)]
    if same:
        return position.model_copy(update={"actor": same[0]})
    if len(speakers) == 1:
        return position.model_copy(update={"actor": speakers[0]})
    return None  # narration, or a sentence about the actor: not its position


def _checked_event(
    event: ExtractedEvent, attribution: ArticleAttribution, article: Article
) -> ExtractedEvent:
    if event.actor is None:
        return event
    for act in _acts_in(event, attribution, article):
        if any(same_actor(event.actor, t) for t in act.targets) and act.doers:
            return event.model_copy(update={"actor": act.doers[0], "target": event.actor})
    return event


def same_actor(written: str, name: str) -> bool:
    """'Qureshi' and 'Shah Mahmood Qureshi' are one actor; 'Khan' and 'Imran Khan' too."""
    a, b = normalise_name(written), normalise_name(name)
    if not a or not b:
        return False
    return a == b or a.split()[-1] == b.split()[-1] and (a in b or b in a)
