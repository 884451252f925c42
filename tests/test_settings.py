"""Settings are checked before anything is read or sent, one line each and exit 2; and a
server's Retry-After never holds a run past its own --timeout."""

from __future__ import annotations

import json

import openai
import pytest
from pytest_httpserver import HTTPServer
from typer.testing import CliRunner
from werkzeug import Response

from brief.cli.commands import app
from brief.models.base import ChatRequest
from brief.models.openai import OpenAIChatModel
from chat_server import completion
from conftest import SEEDS


@pytest.mark.parametrize(
    ("flags", "said"),
    [
        (["--base-url", "http://[::1/v1"], "--base-url is not a URL"),
        (["--base-url", "ftp://example.org/v1"], "must be an http:// or https:// URL"),
        (["--base-url", "http://localhost:99999/v1"], "--base-url is not a URL"),
        (["--timeout", "inf"], "--timeout: Input should be a finite number"),
        (["--timeout", "1e999"], "--timeout: Input should be a finite number"),
        (["--record", "rec", "--replay", "fixtures"], "--record and --replay cannot be used"),
        (["--timeout", "-1"], "--timeout: Input should be greater than 0"),
        (["--concurrency", "0"], "--concurrency: Input should be greater than or equal to 1"),
        (["--max-tokens", "5"], "--max-tokens: Input should be greater than or equal to 64"),
    ],
)
def test_a_bad_setting_is_one_line_and_exit_2_before_anything_is_read(
    flags: list[str], said: str
) -> None:
    result = CliRunner().invoke(app, [*flags, "summarize", str(SEEDS)])
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and said in lines[0], lines
    assert "Traceback" not in result.output


def test_retry_after_never_waits_past_the_runs_timeout(httpserver: HTTPServer) -> None:
    replies = iter([
        Response("busy", status=429, headers={"Retry-After": "1000000000"}),
        Response(json.dumps(completion('{"a": 1}')), content_type="application/json"),
    ])  # fmt: skip
    httpserver.expect_request("/v1/chat/completions").respond_with_handler(
        lambda request: next(replies)
    )
    waits: list[float] = []
    client = openai.OpenAI(api_key="sk-test", base_url=httpserver.url_for("/v1"), timeout=5.0)
    model = OpenAIChatModel(client, "m", sleep=waits.append, timeout=5.0)
    request = ChatRequest(
        messages=({"role": "user", "content": "hi"},), prompt_version="t", schema_name="x"
    )
    assert model.complete(request).content == '{"a": 1}'
    assert waits == [5.0]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["summarize", str(SEEDS), "--actors", "0"], "--actors must be at least 1"),
        (["batch", "submit", str(SEEDS), "--max-requests", "0"], "--max-requests must be"),
        (["batch", "submit", str(SEEDS), "--max-bytes", "5"], "--max-bytes must be at least"),
    ],
)
def test_a_bad_command_option_is_one_line_and_exit_2_not_a_usage_box(
    args: list[str], said: str
) -> None:
    result = CliRunner().invoke(app, ["--replay", "fixtures", *args])
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and said in lines[0], lines
