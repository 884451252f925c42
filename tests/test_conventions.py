"""The command line follows conventions people bring from other tools (CliRunner)."""

from __future__ import annotations

import io
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from brief.cli import options as cli_options
from brief.cli.commands import app
from brief.config import Settings, load_settings
from brief.ingest.articles import read_articles
from chat_server import ChatServer, write_articles
from conftest import FIXTURES, REPO

SEEDS = REPO / "seeds"


def invoke(*args: str, **kwargs: Any) -> Any:
    return CliRunner().invoke(app, list(args), prog_name="brief", **kwargs)


def test_options_of_the_run_work_after_the_command_too() -> None:
    before = invoke("--replay", str(FIXTURES), "-q", "--no-gists", "summarize", str(SEEDS))
    after = invoke("summarize", str(SEEDS), "--replay", str(FIXTURES), "-q", "--no-gists")
    mixed = invoke("-q", "summarize", str(SEEDS), f"--replay={FIXTURES}", "--no-gists")
    assert before.exit_code == after.exit_code == mixed.exit_code == 0, after.output
    assert before.stdout == after.stdout == mixed.stdout
    # The issue's own example: the options are taken (the small model is not installed).
    moved = invoke("summarize", str(SEEDS), "--no-cache", "--model", "qwen2.5-coder-0.5b")
    assert "No such option" not in moved.output
    compare = invoke("compare", "2020", "2024", "--replay", str(FIXTURES), "-q")
    assert compare.exit_code == 0 and "# What changed" in compare.stdout


def test_after_a_double_dash_nothing_is_moved(tmp_path: Path) -> None:
    result = invoke("--replay", str(FIXTURES), "summarize", "--", "--no-cache")
    assert "No such option" not in result.output
    assert "--no-cache" in result.stderr  # read as a path, and skipped as missing


@pytest.mark.parametrize(
    "command",
    [[], ["summarize"], ["compare"], ["eval"], ["batch", "submit"], ["batch", "collect"]],
)
def test_help_shows_flags_as_flags_and_arguments_by_name(command: list[str]) -> None:
    result = invoke(*command, "--help")
    assert result.exit_code == 0, result.output
    assert "<bool>" not in result.output and "<list[" not in result.output
    assert not re.search(r"\{\w+\}", result.output)
    if command == ["summarize"]:
        assert "Usage: brief summarize [OPTIONS] PATHS..." in result.output


def test_a_dash_reads_one_article_from_standard_input() -> None:
    text = (SEEDS / "002_c9e9359c00811df7.txt").read_text()
    piped = invoke("--replay", str(FIXTURES), "-q", "summarize", "-", input=text)
    assert piped.exit_code == 0, piped.output
    assert (
        "Pakistan launched air strikes on insurgents in Iran" in piped.stdout
        and "&lt;stdin&gt;" in piped.stdout
    )


def test_a_dash_reads_json_lines_from_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [json.dumps({"title": p.name, "text": p.read_text()}) for p in sorted(SEEDS.glob("*"))]
    piped = io.TextIOWrapper(io.BytesIO("\n".join(lines).encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", piped)
    result = read_articles(["-"])
    assert [a.path for a in result.articles] == [f"<stdin>#{n}" for n in range(1, 6)]
    assert result.skipped == []


def test_a_second_run_from_the_cache_counts_every_article_right(
    chat: ChatServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def settings(**flags: Any) -> Settings:
        return load_settings(os.environ, **{**flags, "gists": False})

    monkeypatch.setattr(cli_options, "_settings_from_flags", settings)
    folder = tmp_path / "articles"
    write_articles(folder, 5)
    args = [
        "--base-url",
        chat.url,
        "--cache-dir",
        str(tmp_path / "cache"),
        "summarize",
        str(folder),
    ]
    first = invoke(*args, env={"OPENAI_API_KEY": "sk-test"})
    second = invoke(*args, env={"OPENAI_API_KEY": "sk-test"})
    assert first.exit_code == second.exit_code == 0
    counters = re.findall(r"^\[(\d+)/(\d+)\] (\w+):", second.stderr, re.M)
    assert counters == [(str(n), "5", "cached") for n in range(1, 6)], second.stderr


def test_shell_completion_is_typers_and_completes_commands() -> None:
    script = invoke("--show-completion", "bash")
    assert script.exit_code == 0 and "_brief_completion" in script.stdout
    env = {"_BRIEF_COMPLETE": "complete_bash", "COMP_WORDS": "brief summ", "COMP_CWORD": "1"}
    completed = invoke(env=env)
    assert "summarize" in completed.stdout
