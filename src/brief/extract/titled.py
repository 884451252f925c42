"""Persons with the title their article gives them: "Pakistan's foreign minister Jalil Abbas
Jilani" becomes Jilani, role "Foreign Minister", country Pakistan.

A step after extraction, for every extraction method: the parse reads titles from the
words next to a name (`brief.language.titles`), so the model is never the one to say who
holds which office. Where the article gives a person no title, what the extraction said
stands (the default method says nothing)."""

from __future__ import annotations

from brief.language import Title, find_mentions, person_titles
from brief.schema import ArticleSummary, ExtractedActor


def title_persons(summary: ArticleSummary) -> ArticleSummary:
    titles = person_titles(summary.article.sentences, find_mentions(summary.article))
    if not titles:
        return summary
    actors = [_titled(actor, titles) for actor in summary.extraction.actors]
    extraction = summary.extraction.model_copy(update={"actors": actors})
    return summary.model_copy(update={"extraction": extraction})


def _titled(actor: ExtractedActor, titles: dict[str, Title]) -> ExtractedActor:
    if actor.kind != "person":
        return actor
    title = titles.get(actor.name) or _by_surname(actor.name, titles)
    if title is None:
        return actor
    return actor.model_copy(update={"role": title.role, "country": title.country})


def _by_surname(name: str, titles: dict[str, Title]) -> Title | None:
    # The model may write "Shah Mehmood Qureshi" where the article's run gave "Qureshi"'s
    # fullest form differently: the one titled person of the same last name.
    last = name.split()[-1].casefold()
    same = [t for person, t in titles.items() if person.split()[-1].casefold() == last]
    return same[0] if len(same) == 1 else None
