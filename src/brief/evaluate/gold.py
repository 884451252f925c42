"""The gold file's format (reference annotations) and the score models `brief eval` reports."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, computed_field

from brief.errors import UserError, describe_validation_error
from brief.schema import Stance

_COMPARE_KEY = re.compile(r"compare_(?P<earlier>[^_]+)_(?P<later>[^_]+)")
_GOLD_HINT = "see tests/data/seeds.gold.json for the format"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# ------------------------------------------------------------------------ gold file


class GoldActor(_Strict):
    name: str
    aliases: list[str] = Field(default_factory=list)
    kind: str | None = None
    country: str | None = None
    role: str | None = None


class GoldPosition(_Strict):
    actor: str
    gist: str = ""
    evidence: str = Field(min_length=1, description="An exact substring of the article")
    stances: list[Stance] = Field(
        default_factory=list, description="The labels a careful reader accepts, best first"
    )


class GoldEvent(_Strict):
    what: str = ""
    actors: list[str] = Field(default_factory=list)
    date: str | None = None
    evidence: str = Field(min_length=1, description="An exact substring of the article")
    doers: list[str] = Field(default_factory=list, description="Who did it")
    targets: list[str] = Field(default_factory=list, description="To whom it was done")


class GoldArticle(_Strict):
    event_date: dt.date | None = None
    basis: str | None = None
    actors: list[GoldActor] = Field(default_factory=list)
    minor_actors: list[str] = Field(default_factory=list)
    positions: list[GoldPosition] = Field(default_factory=list)
    events: list[GoldEvent] = Field(default_factory=list)


class GoldComparison(_Strict):
    earlier: str = Field(description="The first period, e.g. 2020")
    later: str
    only_earlier: list[str]
    only_later: list[str]
    both: list[str]


class GoldMainEvent(_Strict):
    what: str
    doers: list[str] = Field(min_length=1)
    targets: list[str] = Field(default_factory=list)
    date: str | None = Field(default=None, description="YYYY-MM-DD, or YYYY-MM")
    sources: list[str] = Field(min_length=1, description="Article file names")
    evidence: str = ""


class GoldFact(_Strict):
    fact: str
    sources: list[str] = Field(min_length=1)
    evidence: str = ""


class GoldStory(_Strict):
    """What the whole brief must tell: the main events, ranked, and the facts a bottom
    line must state."""

    about: str = ""
    main_events: list[GoldMainEvent] = Field(default_factory=list)
    must_state: list[GoldFact] = Field(default_factory=list)


class Gold(_Strict):
    """Reference annotations keyed by article file name, expected comparisons, and the
    story the whole brief must tell."""

    about: str = ""
    articles: dict[str, GoldArticle] = Field(default_factory=dict)
    comparisons: list[GoldComparison] = Field(default_factory=list)
    story: GoldStory | None = None


def load_gold(path: Path) -> Gold:
    """Read a gold file; a missing or malformed one is the caller's mistake (UserError)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise UserError(f"cannot read gold file {str(path)!r}: {e.strerror}") from e
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise UserError(f"gold file {str(path)!r} is not JSON: {e}", hint=_GOLD_HINT) from e
    if not isinstance(raw, dict):
        raise UserError(f"gold file {str(path)!r} is not a JSON object", hint=_GOLD_HINT)
    try:
        return Gold.model_validate(_gold_fields(raw))
    except ValidationError as e:
        message = f"gold file {str(path)!r}: {describe_validation_error(e)}"
        raise UserError(message, hint=_GOLD_HINT) from e


def _gold_fields(raw: dict[str, Any]) -> dict[str, Any]:
    # A comparison is keyed by its periods ("compare_2020_2024"), so its sets are named
    # after them ("only_2020"); they are turned into fixed field names here.
    fields: dict[str, Any] = {"comparisons": []}
    for key, value in raw.items():
        found = _COMPARE_KEY.fullmatch(key)
        if found is None:
            fields[key] = value
            continue
        earlier, later = found["earlier"], found["later"]
        sets = value if isinstance(value, dict) else {}
        fields["comparisons"].append(
            {
                "earlier": earlier,
                "later": later,
                "only_earlier": sets.get(f"only_{earlier}"),
                "only_later": sets.get(f"only_{later}"),
                "both": sets.get("both"),
            }
        )
    return fields


# --------------------------------------------------------------------------- scores


class Ratio(_Strict):
    """hits / total, kept as counts so that totals can be summed (micro-averaging)."""

    hits: int = 0
    total: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(hits=self.hits + other.hits, total=self.total + other.total)


class Scores(_Strict):
    actor_recall: Ratio = Field(default_factory=Ratio)
    actor_precision: Ratio = Field(default_factory=Ratio)
    position_recall: Ratio = Field(default_factory=Ratio)
    position_precision: Ratio = Field(default_factory=Ratio)
    event_recall: Ratio = Field(default_factory=Ratio)
    event_precision: Ratio = Field(default_factory=Ratio)
    date_day: Ratio = Field(default_factory=Ratio)
    date_month: Ratio = Field(default_factory=Ratio)
    # Of the positions that match a gold one, those whose stance the gold accepts.
    stance_accuracy: Ratio = Field(default_factory=Ratio)
    # Of the events that match a gold one, those whose actor is one of its doers.
    doer_accuracy: Ratio = Field(default_factory=Ratio)

    def __add__(self, other: Scores) -> Scores:
        return Scores(**{name: getattr(self, name) + getattr(other, name) for name in METRICS})


METRICS: tuple[str, ...] = tuple(Scores.model_fields)


class ArticleScore(_Strict):
    article: str = Field(description="The gold key: the article's file name")
    path: str
    date: dt.date | None = None
    gold_date: dt.date | None = None
    scores: Scores
    missed_actors: list[str] = Field(default_factory=list)
    extra_actors: list[str] = Field(default_factory=list, description="False positives")
    missed_positions: list[str] = Field(default_factory=list, description="Their evidence")
    missed_events: list[str] = Field(default_factory=list, description="Their evidence")


class SetScore(_Strict):
    precision: Ratio
    recall: Ratio
    missed: list[str] = Field(default_factory=list)
    extra: list[str] = Field(default_factory=list)


class ComparisonScore(_Strict):
    earlier: str
    later: str
    sets: dict[str, SetScore] = Field(description="only_<earlier>, only_<later>, both")
    error: str | None = Field(default=None, description="Why it could not be compared")


class PageScore(_Strict):
    """The brief as a reader gets it: its length, and how its gists were worded."""

    brief_words: int = Field(description="Words of the default Markdown brief")
    source_words: int = Field(description="Words of the articles it was made from")
    gists_worded: int = Field(description="Gists the model worded that passed their check")
    gists_quoted: int = Field(description="Gists that fell back to a quote")
    gold_gists_covered: Ratio = Field(
        description="Gold gists a brief gist of the same actor cites the evidence of"
    )

    @computed_field  # type: ignore[prop-decorator]
    @property
    def words_per_source_word(self) -> float:
        return round(self.brief_words / self.source_words, 3) if self.source_words else 0.0


STORY_METRICS = ("main_event_recall", "main_event_precision", "doers_right", "must_state")


class StoryScore(_Strict):
    """The brief against the story gold (see `brief.evaluate.story`)."""

    main_event_recall: Ratio = Field(description="Gold main events a timeline row tells")
    main_event_precision: Ratio = Field(
        description="Events the bottom line tells that are gold main events"
    )
    doers_right: Ratio = Field(
        description="Timeline rows on a gold event (its source, day and target) whose doer is right"
    )
    must_state: Ratio = Field(description="Must-state facts a bottom-line sentence states")
    missed_events: list[str] = Field(default_factory=list)
    missed_facts: list[str] = Field(default_factory=list)


class Evaluation(_Strict):
    """Per-article scores, their micro-averaged total, and the comparisons' set scores."""

    articles: list[ArticleScore]
    overall: Scores
    page: PageScore | None = None
    story: StoryScore | None = None
    comparisons: list[ComparisonScore] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list, description="Gold articles not in input")
    failed: list[str] = Field(default_factory=list, description="Articles the model failed on")

    def flat_scores(self) -> dict[str, float]:
        """Every defined score by a dotted name: "actor_recall", "compare_2020_2024.both.recall"."""
        flat = {
            name: value
            for name in METRICS
            if (value := getattr(self.overall, name).value) is not None
        }
        if self.page is not None and self.page.gold_gists_covered.value is not None:
            flat["gold_gists_covered"] = self.page.gold_gists_covered.value
        for name in STORY_METRICS if self.story is not None else ():
            value = getattr(self.story, name).value
            if value is not None:
                flat[f"story.{name}"] = value
        for comparison in self.comparisons:
            prefix = f"compare_{comparison.earlier}_{comparison.later}"
            for set_name, score in comparison.sets.items():
                for kind in ("precision", "recall"):
                    value = getattr(score, kind).value
                    if value is not None:
                        flat[f"{prefix}.{set_name}.{kind}"] = value
        return flat
