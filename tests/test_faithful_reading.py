"""Reading is faithful, and one bad file or record never ends the run (issue: one bad
article never takes the run down). Real files made here, read through the library and the
command line."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from brief.assemble.merge import merge_summaries
from brief.cli.commands import app
from brief.ingest import articles, formats
from brief.ingest.articles import ReadResult, read_articles
from brief.render import render_brief_json, render_brief_markdown
from brief.schema import ArticleExtraction, ArticleSummary
from open_hooks import before_open

STORY = (
    "Pakistan's foreign minister said on Sunday that Islamabad would not let its soil be used "
    "in any regional conflict. He called on all parties to exercise maximum restraint."
)


def reasons(result: ReadResult) -> dict[str, str]:
    return {Path(s.path).name: s.reason for s in result.skipped}


def test_any_exception_from_a_reader_fails_that_file_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.html").write_text(f"<html><body><p>{STORY}</p></body></html>")
    (tmp_path / "b.txt").write_text(STORY)

    def broken(html: str, shown: str) -> formats.Draft:
        raise RuntimeError("the HTML reader broke")

    monkeypatch.setattr(articles, "html_draft", broken)
    result = read_articles([tmp_path])
    assert [Path(a.path).name for a in result.articles] == ["b.txt"]
    assert reasons(result) == {"a.html": "unexpected RuntimeError: the HTML reader broke"}


def test_a_date_yaml_cannot_build_is_a_bad_front_matter(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(f"---\ntitle: T\ndate: 2020-02-30\n---\n\n{STORY}\n")
    result = read_articles([tmp_path / "a.md"])
    assert reasons(result) == {"a.md": "bad YAML front matter: day is out of range for month"}


@pytest.mark.parametrize("field", ["text", "title", "url"])
def test_half_a_character_in_json_is_marked_not_fatal(tmp_path: Path, field: str) -> None:
    record = {"title": "T", "text": STORY, "url": "https://example.org/a"}
    raw = json.dumps(record).replace(
        json.dumps(record[field])[:-1], json.dumps(record[field])[:-1] + "\\ud800", 1
    )
    (tmp_path / "a.json").write_text(raw)
    [article] = read_articles([tmp_path / "a.json"]).articles
    brief = merge_summaries(
        [
            ArticleSummary(
                article=article, extraction=ArticleExtraction(actors=[], positions=[], events=[])
            )
        ]
    )
    # Every output can be encoded: the half character became U+FFFD.
    render_brief_markdown(brief).encode("utf-8")
    render_brief_json(brief).encode("utf-8")
    assert "\ufffd" in json.dumps([article.text, article.title, article.url], ensure_ascii=False)


def test_json_lines_split_at_newlines_only(tmp_path: Path) -> None:
    record = {"title": "T", "text": STORY + "\u2028And a last line."}
    (tmp_path / "a.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n")
    result = read_articles([tmp_path / "a.jsonl"])
    assert result.skipped == [] and "And a last line." in result.articles[0].text


def test_one_bad_byte_keeps_the_files_utf8(tmp_path: Path) -> None:
    data = ("Le café. " + STORY).encode() + b"\xff" + " Café again.".encode()
    (tmp_path / "a.txt").write_bytes(data)
    [article] = read_articles([tmp_path / "a.txt"]).articles
    assert "café" in article.text.casefold() and "Ã" not in article.text


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("nul.txt", STORY + "\x00" * 40),
        ("controls.txt", STORY + "\x01\x02\x03\x04\x05\x06\x0e" * 10),
    ],
)
def test_control_characters_are_not_article_text(tmp_path: Path, name: str, content: str) -> None:
    (tmp_path / name).write_text(content)
    result = read_articles([tmp_path / name])
    assert result.articles == [] and name in reasons(result)


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav></body></html>",
        "<html><body><script>var a = 1;</script></body></html>",
    ],
)
def test_html_with_no_main_text_is_skipped_before_any_call(tmp_path: Path, html: str) -> None:
    (tmp_path / "a.html").write_text(html)
    result = read_articles([tmp_path / "a.html"])
    assert result.articles == []
    assert reasons(result)["a.html"].startswith("no article text found in the HTML")


def test_a_pipe_named_on_the_command_line_is_skipped_not_waited_on(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "a.txt").write_text(STORY)
    result = read_articles([tmp_path / "pipe.txt", tmp_path / "a.txt"])
    assert len(result.articles) == 1
    assert reasons(result) == {"pipe.txt": "not a regular file (a pipe, socket or device)"}


def test_control_sequences_never_reach_the_terminal_or_the_brief(tmp_path: Path) -> None:
    name = "osc\x1b]0;pwned\x07.txt"
    (tmp_path / name).write_text("Title \x1b[31mred\x1b[0m\n\n" + STORY)
    (tmp_path / "gone\x1b[2J.txt").write_text("")  # empty: a skipped line with its name
    result = CliRunner().invoke(app, ["--replay", str(tmp_path), "-q", "summarize", str(tmp_path)])
    assert "\x1b" not in result.stdout and "\x1b" not in result.stderr
    assert "\x07" not in result.stdout + result.stderr
    assert "osc.txt" in result.stdout and "Title red" in result.stdout


def test_an_unreadable_file_is_one_skipped_line_not_a_refused_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "locked.txt").write_text(STORY.replace("Sunday", "Monday"))

    def deny(path: Path) -> None:
        if path.name == "locked.txt":
            raise PermissionError(13, "Permission denied")

    before_open(monkeypatch, deny)
    result = CliRunner().invoke(
        app,
        [
            "--replay",
            str(tmp_path),
            "summarize",
            str(tmp_path / "locked.txt"),
            str(tmp_path / "a.txt"),
        ],
    )
    assert result.exit_code == 1, result.output
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped:")]
    assert skipped == [f"skipped: {tmp_path / 'locked.txt'}: cannot read: Permission denied"]
    assert "## Not processed" in result.stdout


def test_a_programming_error_is_one_line_and_its_traceback_shows_under_v(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.md").write_text(STORY)
    (tmp_path / "b.txt").write_text(STORY.replace("Sunday", "Monday"))

    def bug(text: str, shown: str) -> formats.Draft:
        raise ZeroDivisionError("a bug in a reader")

    monkeypatch.setattr(articles, "markdown_draft", bug)
    quiet = CliRunner().invoke(app, ["--replay", str(tmp_path), "summarize", str(tmp_path)])
    loud = CliRunner().invoke(app, ["-v", "--replay", str(tmp_path), "summarize", str(tmp_path)])
    for result in (quiet, loud):
        assert result.exit_code == 1, result.output
        assert "skipped: " in result.stderr and "unexpected ZeroDivisionError" in result.stderr
    assert "Traceback" not in quiet.output
    assert "Traceback" in loud.stderr and "in bug" in loud.stderr
