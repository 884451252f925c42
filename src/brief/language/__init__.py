"""Reading English with spaCy: who says and does what, to whom, whether and how sure."""

from brief.language.acts import Act, ArticleAttribution
from brief.language.agency import principal_names
from brief.language.aliases import (
    Gazetteer,
    PersonName,
    load_gazetteer,
    looks_like_person,
    normalise_name,
    parse_person_name,
    same_shape,
    surname_blocks,
)
from brief.language.attribution import attribute
from brief.language.checks import unsupported, words
from brief.language.english import english_pipeline, english_with_names, parsing_in_a_worker
from brief.language.groups import ATTACKERS, tellers_of
from brief.language.instructions import addresses_the_model, shown_title
from brief.language.mentions import (
    ArticleMentions,
    Mention,
    demonyms,
    find_mentions,
    mentions_of,
    state_named,
)
from brief.language.modality import (
    AFFIRMATIVE,
    EXPECTING,
    HEDGES,
    HEDGING,
    MODALS,
    NEGATIVE_IMPLICATIVE,
    NEGATORS,
    OBJECTS,
    PROSPECTIVE,
    PROSPECTIVE_NOUNS,
    SAYING,
    WEAK_SAYING,
    certainty,
    clause_polarity,
    conditional,
    context_polarity,
    governors,
    implicative,
    is_predicate,
    phrasal_lemma,
    polarity,
    surest,
    to_infinitive,
)
from brief.language.repairs import repair
from brief.language.scene import AIMED_CATEGORIES, hung_participle, names_more, places_in
from brief.language.speech import what_was_said
from brief.language.stances import shows_stance, stance_cues
from brief.language.tense import opens_in_the_past, told_in_the_past
from brief.language.titles import OFFICE_WORDS, Title, person_titles, state_of
from brief.language.verbs import names_an_outlet, refers_back

__all__ = [
    "AFFIRMATIVE",
    "EXPECTING",
    "ATTACKERS",
    "AIMED_CATEGORIES",
    "places_in",
    "Act",
    "ArticleAttribution",
    "ArticleMentions",
    "parsing_in_a_worker",
    "Gazetteer",
    "HEDGES",
    "HEDGING",
    "MODALS",
    "Mention",
    "NEGATIVE_IMPLICATIVE",
    "NEGATORS",
    "OBJECTS",
    "PROSPECTIVE",
    "PROSPECTIVE_NOUNS",
    "PersonName",
    "SAYING",
    "WEAK_SAYING",
    "addresses_the_model",
    "attribute",
    "certainty",
    "clause_polarity",
    "conditional",
    "context_polarity",
    "implicative",
    "demonyms",
    "english_pipeline",
    "english_with_names",
    "find_mentions",
    "is_predicate",
    "load_gazetteer",
    "looks_like_person",
    "names_an_outlet",
    "normalise_name",
    "parse_person_name",
    "phrasal_lemma",
    "names_more",
    "governors",
    "hung_participle",
    "repair",
    "polarity",
    "principal_names",
    "same_shape",
    "shown_title",
    "shows_stance",
    "stance_cues",
    "surest",
    "tellers_of",
    "surname_blocks",
    "told_in_the_past",
    "opens_in_the_past",
    "refers_back",
    "to_infinitive",
    "unsupported",
    "what_was_said",
    "words",
    "OFFICE_WORDS",
    "Title",
    "person_titles",
    "state_named",
    "mentions_of",
    "state_of",
]
