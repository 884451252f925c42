"""render_brief_markdown / render_brief_json: sections, escaping, empty briefs."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from brief.assemble.gists import gists_of
from brief.assemble.merge import merge_summaries
from brief.render import escape_markdown, render_brief_json, render_brief_markdown
from brief.schema import (
    Article,
    ArticleExtraction,
    ArticleSummary,
    Brief,
    BriefActor,
    BriefEvent,
    BriefPosition,
    Citation,
    CitedSentence,
    ExtractedActor,
    ExtractedEvent,
    ExtractedPosition,
    Skipped,
    Source,
)

SECTIONS = [
    "## Bottom line",
    "## Key actors and positions",
    "## Timeline",
    "## Outcomes",
    "## Sources",
]

SCRIPT = "Officials said <script>alert(1)</script> nothing & more."
IMAGE = 'A picture <img src=x onerror="alert(2)"> was shown | twice.'


def _keyed(actor: BriefActor) -> BriefActor:
    """A key actor with its gists, as the merge marks the ones who speak."""
    return actor.model_copy(update={"key": True, "gists": gists_of(actor)})


def make_brief(*, skipped: list[Skipped] | None = None) -> Brief:
    """A small brief whose article and model text carry HTML and Markdown traps."""
    quote = Citation(source=1, sentence=2, quote=SCRIPT)
    picture = Citation(source=2, sentence=1, quote=IMAGE)
    strike = BriefEvent(
        date=dt.date(2020, 1, 3),
        date_precision="day",
        what="Drone strike | kills <b>commander</b>",
        actor="United States",
        target="Qasem Soleimani",
        status="happened",
        category="strike",
        citations=[quote, picture],
    )
    talks = BriefEvent(
        date=dt.date(2020, 1, 1),
        date_precision="month",
        what="Talks agreed",
        actor="Pakistan",
        target="Russia",
        status="announced",
        category="agreement",
        citations=[quote],
    )
    protest = BriefEvent(
        when="on Sunday",
        what="Protest rallies",
        status="happened",
        category="other",
        citations=[picture],
    )
    return Brief(
        title="Crisis brief: Pakistan <and> Iran",
        period_start=dt.date(2019, 5, 24),
        period_end=dt.date(2024, 1, 19),
        bottom_line=[
            CitedSentence(
                text="This brief draws on 2 sources dated between 24 May 2019 and 19 January 2024.",
                sources=[1, 2],
            ),
            CitedSentence(
                text="Pakistan's foreign minister Shah Mahmood Qureshi calls for restraint.",
                sources=[1, 2],
            ),
            CitedSentence(
                text="Main confrontations: Drone strike | kills <b>commander</b> (3 January 2020).",
                sources=[1],
            ),
        ],
        actors=[
            _keyed(
                BriefActor(
                    name="Shah Mahmood Qureshi",
                    aliases=["Qureshi", "Shah Mehmood Qureshi"],
                    kind="person",
                    country="Pakistan",
                    role="Foreign Minister",
                    sources=[1, 2],
                    positions=[
                        BriefPosition(
                            says="# All sides\nmust show *restraint* <now>",
                            stance="calls_for_restraint",
                            toward="Iran",
                            citations=[quote, picture],
                        )
                    ],
                )
            ),
            BriefActor(name="Iran", kind="state", aliases=["Tehran"], sources=[1]),
        ],
        also_named=["Iran"],
        timeline=[talks, strike, protest],
        outcomes=[talks],
        sources=[
            Source(
                number=1,
                article_id="a1",
                title="Iranian FM <i>holds</i> talks",
                path="seeds/004.txt",
                url="https://example.org/story?id=1&x=2",
                outlet="Security Risks Asia",
                date=dt.date(2019, 5, 25),
                date_basis="text",
                date_evidence="Published May 25, 2019",
            ),
            Source(number=2, article_id="a2", title="Untitled", path="javascript:alert(3)"),
        ],
        skipped=skipped or [],
    )


def test_sections_appear_in_order() -> None:
    markdown = render_brief_markdown(make_brief())

    positions = [markdown.index(f"\n{heading}\n") for heading in SECTIONS]
    assert positions == sorted(positions)
    assert markdown.startswith("# Crisis brief: Pakistan &lt;and&gt; Iran\n")
    assert "Period covered: 24 May 2019 – 19 January 2024 · 2 sources" in markdown


def test_no_raw_html_passes_through() -> None:
    markdown = render_brief_markdown(make_brief(), detail="full")

    assert "<script" not in markdown and "<img" not in markdown and "<b>" not in markdown
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markdown
    assert '&lt;img src=x onerror="alert(2)"&gt;' in markdown
    # The only angle brackets left are the autolink of a safe URL.
    assert re.findall(r"<[^>]*>", markdown) == ["<https://example.org/story?id=1&x=2>"]


def test_quotes_are_the_articles_exact_sentences() -> None:
    markdown = render_brief_markdown(make_brief(), detail="full")

    assert f"  - “{escape_markdown(SCRIPT)}” [1]" in markdown
    assert f"  - “{escape_markdown(IMAGE)}” [2]" in markdown


def test_rendered_html_shows_the_quote_text_and_runs_no_markup() -> None:
    markdown_it = pytest.importorskip("markdown_it")
    html = (
        markdown_it.MarkdownIt("commonmark")
        .enable("table")
        .render(render_brief_markdown(make_brief(), detail="full"))
    )

    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; nothing &amp; more." in html
    assert 'href="javascript' not in html
    assert "<h1>All sides" not in html  # a '#' in model text is not a heading


def test_table_cells_escape_pipes() -> None:
    markdown = render_brief_markdown(make_brief())

    row = next(line for line in markdown.splitlines() if line.startswith("| 2020-01-03"))
    assert row.startswith(
        "| 2020-01-03 | United States → Qasem Soleimani — "
        "strike: Drone strike \\| kills &lt;b&gt;commander&lt;/b&gt; |"
    )
    assert len(re.findall(r"(?<!\\)\|", row)) == 4
    full = render_brief_markdown(make_brief(), detail="full")
    row = next(line for line in full.splitlines() if line.startswith("| 2020-01-03"))
    assert row.startswith(
        "| 2020-01-03 | United States → Qasem Soleimani | "
        "strike: Drone strike \\| kills &lt;b&gt;commander&lt;/b&gt; |"
    )
    assert len(re.findall(r"(?<!\\)\|", row)) == 5


def test_timeline_dates_show_precision_and_undated() -> None:
    markdown = render_brief_markdown(make_brief())
    rows = [line for line in markdown.splitlines() if line.startswith("| ")][2:]

    assert [row.split(" | ")[0] for row in rows] == [
        "| 2020-01-03",
        "| 2020-01",  # a month after the days dated in it
        "| undated (on Sunday)",
    ]
    assert "| United States → Qasem Soleimani — strike: Drone strike" in markdown


def test_actor_block_describes_the_actor_and_its_positions() -> None:
    markdown = render_brief_markdown(make_brief())

    assert (
        "### Shah Mahmood Qureshi\n\nPakistan's foreign minister · "
        "also: Qureshi, Shah Mehmood Qureshi\n\n- *says*: “"
    ) in markdown  # its quotes (a script, an image) show no stance of their own
    # The kind of actor is for the full brief; the one page has no room for "Person".
    assert "\n\nPerson · Pakistan's foreign minister" in render_brief_markdown(
        make_brief(), detail="full"
    )
    assert " [1][2] · 2 sources" in markdown  # a gist, its sources and how many
    assert "### Iran" not in markdown and "Also named: Iran." in markdown


def test_bottom_line_keeps_citation_markers() -> None:
    markdown = render_brief_markdown(make_brief())
    paragraph = markdown.split("## Bottom line\n\n")[1].split("\n\n")[0]

    assert paragraph.startswith("This brief draws on 2 sources")
    assert "calls for restraint [1][2]." in paragraph
    assert "Drone strike \\| kills &lt;b&gt;commander&lt;/b&gt; (3 January 2020) [1]." in paragraph


def test_sources_say_how_the_date_was_found() -> None:
    markdown = render_brief_markdown(make_brief(), detail="full")
    sources = markdown.split("## Sources\n\n")[1]

    assert sources.startswith(
        "1. **Iranian FM &lt;i&gt;holds&lt;/i&gt; talks** · 2019-05-25 "
        "(from text: 'Published May 25, 2019') · Security Risks Asia · seeds/004.txt · "
        "<https://example.org/story?id=1&x=2>\n"
    )
    assert "2. **Untitled** · date unknown · javascript:alert(3)" in sources


def test_outcomes_list_their_sources() -> None:
    markdown = render_brief_markdown(make_brief())

    assert "## Outcomes\n\n- 2020-01: Pakistan → Russia — agreement: Talks agreed [1]" in markdown
    full = render_brief_markdown(make_brief(), detail="full")
    assert (
        "## Outcomes\n\n- 2020-01, Pakistan → Russia: Talks agreed (agreement, announced) [1]"
    ) in full


def test_not_processed_only_when_something_was_skipped() -> None:
    assert "## Not processed" not in render_brief_markdown(make_brief())

    skipped = [Skipped(path="bad<1>.pdf", reason="not text\nat all")]
    markdown = render_brief_markdown(make_brief(skipped=skipped))
    assert markdown.rstrip().endswith("## Not processed\n\n- bad&lt;1&gt;.pdf — not text at all")


def test_empty_brief_renders_every_section() -> None:
    markdown = render_brief_markdown(Brief(title="Empty", bottom_line=[], actors=[],
                                           timeline=[], outcomes=[], sources=[]))  # fmt: skip

    for heading in SECTIONS:
        assert heading in markdown
    assert "Period covered: unknown · 0 sources" in markdown
    assert "## Not processed" not in markdown


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# heading", "\\# heading"),
        ("1. item", "1\\. item"),
        ("- item", "\\- item"),
        ("> quote", "&gt; quote"),
        ("a | b", "a \\| b"),
        ("line\nbreak\r\nhere", "line break here"),
        ("[link](javascript:x)", "\\[link\\](javascript:x)"),
        ("Tom & Jerry", "Tom &amp; Jerry"),
        ("2020.01 budget", "2020.01 budget"),
    ],
)
def test_escape_markdown(text: str, expected: str) -> None:
    assert escape_markdown(text) == expected


def test_json_round_trips() -> None:
    brief = make_brief(skipped=[Skipped(path="x", reason="y")])

    assert Brief.model_validate_json(render_brief_json(brief)) == brief


def test_a_merged_brief_renders_with_its_quotes() -> None:
    sentences = ("Iran struck <b>targets</b> in Pakistan.", "Pakistan | urged restraint.")
    article = Article(
        id="x1",
        path="a.txt",
        title="A",
        text=" ".join(sentences),
        sentences=sentences,
        date=dt.date(2024, 1, 17),
        date_basis="metadata",
    )
    extraction = ArticleExtraction(
        actors=[ExtractedActor(name="Islamabad", kind="state")],
        positions=[ExtractedPosition(actor="Pakistan", sentences=[2], says="Restraint",
                                     stance="calls_for_restraint", toward="Tehran")],
        events=[ExtractedEvent(sentences=[1], what="Iran strikes", actor="Tehran",
                               target="Islamabad", status="happened", category="strike",
                               date="2024-01-16")],
    )  # fmt: skip
    brief = merge_summaries([ArticleSummary(article=article, extraction=extraction)])

    markdown = render_brief_markdown(brief, detail="full")

    assert f"“{escape_markdown(sentences[1])}” [1]" in markdown
    assert "| 2024-01-16 | Iran → Pakistan | strike: Iran strikes | [1] |" in markdown
    assert "<b>" not in markdown


def test_a_position_worded_as_its_own_quote_shows_the_quote_once() -> None:
    from brief.render.markdown import says_is_its_quote
    from brief.schema import BriefPosition, Citation

    sentence = "Pakistan says it is ready to work with Iran on all issues."
    cited = [
        Citation(source=1, sentence=3, quote=sentence),
        Citation(source=2, sentence=1, quote="Islamabad repeated it."),
    ]
    own_words = BriefPosition(says=sentence, stance="supports", toward=None, citations=cited)
    paraphrase = own_words.model_copy(update={"says": "Pakistan will work with Iran."})
    cut = own_words.model_copy(update={"says": sentence[:30] + "…"})
    assert says_is_its_quote(own_words) and says_is_its_quote(cut)
    assert not says_is_its_quote(paraphrase)
    from brief.render.markdown import _position_lines

    lines = _position_lines(own_words)
    assert lines[0] == f"- *supports*: “{sentence}” [1]"
    assert lines[1:] == ["  - “Islamabad repeated it.” [2]"]
    assert _position_lines(paraphrase)[0] == "- Pakistan will work with Iran. — *supports*"


def test_the_page_leaves_the_actors_who_say_least_to_the_full_brief_when_it_runs_long() -> None:
    from brief.render.markdown import MIN_ACTORS_SHOWN, PAGE_WORDS

    said = "Officials said the talks would resume next week in the capital " * 6
    quote = Citation(source=1, sentence=1, quote=said)

    def speaker(n: int, positions: int) -> BriefActor:
        stances = ("supports", "opposes", "neutral")
        spoken = [BriefPosition(says=f"Speaker {n} view {k}: {said}", stance=stances[k % 3],
                                citations=[quote]) for k in range(positions)]  # fmt: skip
        return _keyed(BriefActor(name=f"Speaker{n} Person", kind="person", sources=[1],
                                 positions=spoken))  # fmt: skip

    actors = [speaker(n, positions=30 - n) for n in range(25)]
    brief = Brief(title="t", bottom_line=[], actors=actors, timeline=[], outcomes=[],
                  sources=[Source(number=1, article_id="1", title="t", path="1.txt")])  # fmt: skip
    page = render_brief_markdown(brief)
    shown = [a.name for a in actors if f"### {a.name}" in page]
    assert len(page.split()) <= PAGE_WORDS or len(shown) == MIN_ACTORS_SHOWN
    assert shown == [a.name for a in actors[: len(shown)]] and len(shown) < len(actors)
    assert f"{len(actors) - len(shown)} more key actors with `--detail full`." in page
    # the full brief keeps them all
    full = render_brief_markdown(brief, detail="full")
    assert all(f"### {a.name}" in full for a in actors)
