"""A planted API key never appears in anything a run writes: cache, fixtures, output, stdout,
stderr, even when the server fails and echoes the key back in its error."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner
from werkzeug import Request, Response

from brief.cli import options as cli_options
from brief.cli.commands import app
from brief.config import Settings, load_settings
from chat_server import ChatServer, completion, json_reply, threaded_server, write_articles

KEY = "sk-planted-KEY-7c1e0b93d4a2f58e6b01"


@pytest.fixture
def chat() -> Iterator[ChatServer]:
    server = threaded_server()
    yield ChatServer(server)
    server.clear()
    server.stop()


def _echo_key_with_401(request: Request, nth: int) -> Response:
    # A careless server that repeats the credentials it was sent in its error message.
    auth = request.headers.get("Authorization", "")
    return Response(
        f'{{"error": {{"message": "bad credentials: {auth}"}}}}',
        status=401,
        content_type="application/json",
    )


def _invalid_then_valid(request: Request, nth: int) -> Response | None:
    return json_reply(completion("not json")) if nth == 1 else None


def test_planted_key_is_in_no_file_and_no_output(
    chat: ChatServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def settings(**flags: Any) -> Settings:
        return load_settings(os.environ, max_retries=1, backoff_initial=0.0,
                             backoff_max=0.0, **{**flags, "gists": False})  # fmt: skip

    monkeypatch.setattr(cli_options, "_settings_from_flags", settings)
    write_articles(tmp_path / "articles", 4)
    chat.faults[1] = _echo_key_with_401
    chat.faults[2] = lambda request, nth: Response("boom", status=500)
    chat.faults[3] = _invalid_then_valid
    seen_keys: list[str] = []
    real_handle = chat._handle

    def handle(request: Request) -> Response:
        seen_keys.append(request.headers.get("Authorization", ""))
        return real_handle(request)

    chat.server.clear()
    chat.server.expect_request("/v1/chat/completions").respond_with_handler(handle)
    run_dir = tmp_path / "run"
    args = [
        "--base-url",
        chat.url,
        "--cache-dir",
        str(run_dir / "cache"),
        "--record",
        str(run_dir / "fixtures"),
        "-v",
        "summarize",
        str(tmp_path / "articles"),
        "-o",
        str(run_dir / "brief.md"),
    ]
    result = CliRunner().invoke(app, args, env={"OPENAI_API_KEY": KEY})

    assert result.exit_code == 1, result.output
    assert f"Bearer {KEY}" in seen_keys  # the key was really sent, so the search can fail
    assert "bad credentials: Bearer [API key]" in result.stderr  # the echo, redacted
    written = [p for p in run_dir.rglob("*") if p.is_file()]
    names = {p.name for p in written}
    assert "cache.sqlite3" in names and "brief.md" in names
    assert sum(p.suffix == ".json" for p in written) == 3  # answered requests: 1 + 2 (re-ask)
    for path in written:
        assert KEY.encode() not in path.read_bytes(), path
    assert KEY not in result.stdout and KEY not in result.stderr
