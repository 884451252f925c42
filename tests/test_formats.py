"""Word, a web page, CSV and a Mermaid timeline: each reopened and read as a person would,
the web page in a real headless Chromium."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from brief.assemble.merge import merge_summaries
from brief.cli.commands import app
from brief.ingest.articles import article_from_text, read_articles
from brief.render.html import render_brief_html
from brief.schema import (
    ArticleExtraction,
    ArticleSummary,
    Brief,
    ExtractedActor,
    ExtractedPosition,
)
from conftest import FIXTURES, REPO

SEEDS = REPO / "seeds"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def summarize(tmp_path: Path, name: str, *extra: str) -> Path:
    out = tmp_path / name
    result = CliRunner().invoke(
        app, ["--replay", str(FIXTURES), "-q", "summarize", str(SEEDS), "-o", str(out), *extra]
    )
    assert result.exit_code == 0, result.output
    return out


def seed_brief(tmp_path: Path) -> Brief:
    return Brief.model_validate_json(summarize(tmp_path, "brief.json").read_text())


def test_word_has_its_headings_a_timeline_table_and_every_cited_source(tmp_path: Path) -> None:
    doc = Document(str(summarize(tmp_path, "brief.docx")))
    styles = [(p.style.name, p.text) for p in doc.paragraphs]
    headings = [text for style, text in styles if style == "Heading 1"]
    assert headings[:4] == ["Bottom line", "Key actors and positions", "Timeline", "Sources"]
    assert styles[0] == ("Title", "Crisis brief: Pakistan and Iran")
    assert any(style == "Heading 2" and text == "Shah Mahmood Qureshi" for style, text in styles)
    [table] = doc.tables
    assert [c.text for c in table.rows[0].cells] == ["Date", "Event", "Sources"]
    assert any(
        r.cells[1].text == "Pakistan launched air strikes on insurgents in Iran" for r in table.rows
    )
    listed = [text for style, text in styles if style == "List Number"]
    assert len(listed) == 5  # the numbered source list, in order
    body = "\n".join(text for _, text in styles) + "\n".join(
        c.text for r in table.rows for c in r.cells
    )
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", body)}
    assert cited and cited <= set(range(1, len(listed) + 1))


def test_csv_has_one_row_per_event_with_its_sources(tmp_path: Path) -> None:
    brief = seed_brief(tmp_path)
    rows = list(csv.DictReader(io.StringIO(summarize(tmp_path, "timeline.csv").read_text())))
    assert len(rows) == len(brief.timeline)
    strike = next(
        r for r in rows if r["what"] == "Pakistan launched air strikes on insurgents in Iran"
    )
    assert (strike["date"], strike["date_precision"], strike["doer"], strike["target"]) == (
        "2024-01-18", "day", "Pakistan", "Iran"
    )  # fmt: skip
    assert strike["sources"] == "5" and strike["category"] == "strike"


def test_a_spreadsheet_formula_in_an_event_is_kept_as_text(tmp_path: Path) -> None:
    from brief.render.timeline_csv import _cell

    assert _cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert _cell("Pakistan struck Iran") == "Pakistan struck Iran"


def test_markdown_draws_the_dated_events_as_a_mermaid_timeline(tmp_path: Path) -> None:
    page = summarize(tmp_path, "brief.md").read_text()
    block = page.split("```mermaid\n")[1].split("```")[0]
    assert block.startswith("timeline\n")
    assert "    2020-01-03 : The United States killed Qasem Soleimani" in block
    assert "    2024-01-18 : Pakistan launched air strikes on" in block
    assert page.index("```mermaid") > page.index("| Date | Event | Sources |")


def test_the_format_follows_the_output_file_and_word_needs_a_file(tmp_path: Path) -> None:
    assert summarize(tmp_path, "b.html").read_text().startswith("<!DOCTYPE html>")
    assert summarize(tmp_path, "b.csv").read_text().startswith("date,date_precision")
    assert summarize(tmp_path, "b.docx").read_bytes()[:2] == b"PK"
    assert summarize(tmp_path, "b.txt", "-f", "json").read_text().startswith("{")
    result = CliRunner().invoke(
        app, ["--replay", str(FIXTURES), "-q", "summarize", str(SEEDS), "-f", "docx"]
    )
    assert result.exit_code == 2 and "-o brief.docx" in result.stderr


@pytest.mark.parametrize("name", ["c.html", "c.docx", "c.csv", "c.md", "c.json"])
def test_compare_writes_every_format(tmp_path: Path, name: str) -> None:
    out = tmp_path / name
    result = CliRunner().invoke(
        app, ["--replay", str(FIXTURES), "-q", "compare", "2020", "2024", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 500
    if name.endswith(".docx"):
        headings = [p.text for p in Document(str(out)).paragraphs if p.style.name == "Heading 1"]
        assert "Positions then and now" in headings and "Events in 2024" in headings


def test_the_web_page_escapes_article_text_and_fetches_nothing() -> None:
    article = article_from_text(
        'Pakistan <script>alert("x")</script> says <img src="http://evil/x.png"> calm\n\n'
        "Pakistan's foreign minister said Pakistan wants calm at the border, <b>he said</b>.\n",
        "a.txt",
    )
    position = ExtractedPosition(
        actor="Pakistan", sentences=[1], says="<b>calm</b>", stance="calls_for_restraint"
    )
    extraction = ArticleExtraction(
        actors=[ExtractedActor(name="Pakistan", kind="state")], positions=[position], events=[]
    )
    brief = merge_summaries([ArticleSummary(article=article, extraction=extraction)])
    page = render_brief_html(brief)
    assert "<script" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;" in page and "&lt;b&gt;he said&lt;/b&gt;" in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)


@pytest.mark.browser
@pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="Chromium is not installed (apt install chromium; .ci/run does it)",
)
def test_the_web_page_in_a_real_browser(tmp_path: Path) -> None:
    """Loads with no console error and no request beyond the file itself, a screenshot is
    taken, and clicking a citation shows the sentence it cites."""
    from playwright.sync_api import sync_playwright

    page_file = summarize(tmp_path, "brief.html")
    sentences = {s for a in read_articles([SEEDS]).articles for s in a.sentences}
    errors: list[str] = []
    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM or "chromium", args=["--no-sandbox"]
        )
        page = browser.new_page(viewport={"width": 1000, "height": 1400})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        page.goto(page_file.as_uri())
        page.wait_for_load_state("load")
        shot = Path(os.environ.get("BRIEF_SCREENSHOT", tmp_path / "brief.png"))
        page.screenshot(path=str(shot), full_page=False)
        assert shot.stat().st_size > 10_000
        button = page.locator("h2:has-text('Key actors') ~ ul button.cite").first
        target = button.get_attribute("popovertarget")
        popover = page.locator(f"#{target}")
        assert not popover.is_visible()
        button.click()
        assert popover.is_visible()
        shown = popover.inner_text()
        browser.close()
    assert errors == []
    assert requests == [page_file.as_uri()]
    quote = shown.split("”")[0].lstrip("“")
    assert quote in sentences, shown


def test_a_number_too_long_for_python_costs_nothing_but_itself(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    huge = "9" * 5000
    feed.write_text(
        f'{{"text": "Pakistan called for calm in the region on Tuesday.", "views": {huge}}}\n'
        '{"text": "Iran struck targets in Pakistan on Tuesday.", "title": "b"}\n',
        encoding="utf-8",
    )
    result = read_articles([feed])
    assert len(result.articles) == 2 and result.skipped == []
