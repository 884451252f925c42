"""`brief check` through the command line, as a user runs it: pairs files and briefs."""

from __future__ import annotations

import json
from pathlib import Path

from pytest_httpserver import HTTPServer
from typer.testing import CliRunner
from werkzeug import Request, Response

from brief.cli.commands import app
from chat_server import PATH, completion, json_reply

PAIRS = [
    {"claim": "Pakistan struck Iran.", "evidence": ["Pakistan struck Iran on Thursday."]},
    {"claim": "Iran struck Pakistan.", "evidence": ["Pakistan struck Iran on Thursday."]},
]


def invoke(*args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args), input=stdin)


def test_pairs_get_one_verdict_line_each_in_order(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text("\n".join(json.dumps(p) for p in PAIRS) + "\n", encoding="utf-8")
    result = invoke("check", str(pairs))
    assert result.exit_code == 0, result.output
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["supported"] for a in answers] == [True, False]
    assert "Pakistan" in answers[1]["why"]


def test_a_malformed_line_is_reported_and_skipped_the_rest_checked() -> None:
    lines = ["not json", '{"claim": "x"}', json.dumps(PAIRS[1])]
    result = invoke("check", "-", stdin="\n".join(lines))
    assert result.exit_code == 0
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["supported"] for a in answers] == [None, None, False]
    assert "line 1: skipped: not JSON" in result.stderr
    assert 'line 2: skipped: no "evidence"' in result.stderr


def test_a_brief_is_checked_against_its_numbered_sources(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text(
        "Strikes\n\nPakistan struck militant hideouts in Iran on Thursday. "
        "Iran has not agreed to talks with Pakistan, officials said.\n",
        encoding="utf-8",
    )
    brief = tmp_path / "brief.md"
    brief.write_text(
        "# Brief\n\n## Bottom line\n\n"
        "Pakistan struck hideouts in Iran [1]. Iran agreed to talks with Pakistan [1].\n\n"
        "## Sources\n\n1. **Strikes** · a.txt\n",
        encoding="utf-8",
    )
    result = invoke("check", str(brief), str(articles))
    assert result.exit_code == 0, result.output
    assert "unsupported: Iran agreed to talks with Pakistan [1]." in result.stdout
    assert "Pakistan struck hideouts" not in result.stdout.split("unsupported")[1]
    assert "1 of 2 cited sentences supported" in result.stdout


def test_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = invoke("check", str(tmp_path / "missing.jsonl"))
    assert result.exit_code == 2
    assert "cannot read" in result.stderr and "Traceback" not in result.output
    notes = tmp_path / "notes.md"
    notes.write_text("no citations here\n", encoding="utf-8")
    result = invoke("check", str(notes))
    assert result.exit_code == 2
    assert "not a .jsonl file of pairs" in result.stderr


def test_judge_asks_the_model_about_what_the_rules_pass_and_its_no_refuses(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    """A real HTTP server on 127.0.0.1 that answers every yes/no question "no"."""
    asked: list[dict[str, object]] = []

    def answer(request: Request) -> Response:
        asked.append(request.get_json())
        return json_reply(completion('{"supported": "no"}'))

    httpserver.expect_request(PATH, method="POST").respond_with_handler(answer)
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text("\n".join(json.dumps(p) for p in PAIRS) + "\n", encoding="utf-8")
    url = httpserver.url_for("/v1")
    result = invoke("--base-url", url, "--model", "m", "--no-cache", "check", "--judge", str(pairs))
    assert result.exit_code == 0, result.output
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["supported"] for a in answers] == [False, False]
    assert answers[0]["problem"] == "judged"  # the rules passed it; the model said no
    assert answers[1]["problem"] == "role"  # the rules refused it; the model was not asked
    assert len(asked) == 1
    assert "Pakistan struck Iran." in json.dumps(asked[0])
