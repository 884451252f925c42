"""A planted API key never appears in anything a run writes: cache, fixtures, output, stdout,
stderr, even when the server fails and echoes the key back in its error."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner
from werkzeug import Request, Response

import fakes
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
    run_dir.mkdir()
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


def test_a_key_echoed_inside_an_answer_is_redacted_before_anything_is_written(
    chat: ChatServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server puts the key (and the password of the base URL) into the answer itself:
    nothing written, cached or recorded holds either."""
    password = "pw-URL-SECRET-94b2"

    def settings(**flags: Any) -> Settings:
        return load_settings(os.environ, max_retries=0, **{**flags, "gists": False})

    monkeypatch.setattr(cli_options, "_settings_from_flags", settings)

    def echo_in_content(request: Request, nth: int) -> Response:
        found = fakes.extraction(2)
        found["positions"][0]["says"] = f"Pakistan calls for calm. {KEY} {password}"
        return json_reply(completion(json.dumps(found)))

    for article in range(2):
        chat.faults[article] = echo_in_content
    write_articles(tmp_path / "articles", 2)
    url = chat.url.replace("//", f"//user:{password}@", 1)
    result = CliRunner().invoke(
        app,
        ["--base-url", url, "--cache-dir", str(tmp_path / "cache"),
         "--record", str(tmp_path / "fixtures"), "--prompt", "extract.v2",
         "summarize", str(tmp_path / "articles"), "-f", "json", "-o", str(tmp_path / "b.json")],
        env={"OPENAI_API_KEY": KEY},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p.suffix != ".txt"]
    assert any(p.parent.name == "fixtures" for p in written)
    for path in written:
        data = path.read_bytes()
        assert KEY.encode() not in data and password.encode() not in data, path
    assert "[redacted]" in "".join(p.read_text() for p in (tmp_path / "fixtures").iterdir())
    assert KEY not in result.output and password not in result.output


def test_a_base_url_is_shown_without_its_credentials(tmp_path: Path) -> None:
    url = "http://someone:pw-URL-SECRET-94b2@127.0.0.1:9/v1"
    result = CliRunner().invoke(app, ["--base-url", url, "models"])
    assert result.exit_code == 0, result.output
    assert "http://***@127.0.0.1:9/v1" in result.stdout
    assert "pw-URL-SECRET" not in result.output and "someone" not in result.output


def test_credentials_echoed_in_any_encoding_are_in_no_output_or_file(
    chat: ChatServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server that echoes the Basic-auth header it got (base64 of user:password) in its
    401 body, and the password URL-encoded inside an answer: neither reaches stderr,
    the cache, a fixture or the brief."""
    import base64
    import urllib.parse

    user, password = "someone-user", "pw/URL SECRET+94b2"
    basic = base64.b64encode(f"{user}:{password}".encode()).decode()
    quoted = urllib.parse.quote(password, safe="")

    def settings(**flags: Any) -> Settings:
        return load_settings(os.environ, max_retries=0, **{**flags, "gists": False})

    monkeypatch.setattr(cli_options, "_settings_from_flags", settings)

    def echo_in_content(request: Request, nth: int) -> Response:
        found = fakes.extraction(2)
        found["positions"][0]["says"] = f"Pakistan calls for calm. {quoted}"
        return json_reply(completion(json.dumps(found)))

    chat.faults[0] = _echo_key_with_401
    chat.faults[1] = echo_in_content
    write_articles(tmp_path / "articles", 2)
    netloc = f"{urllib.parse.quote(user)}:{quoted}@"
    url = chat.url.replace("//", f"//{netloc}", 1)
    result = CliRunner().invoke(
        app,
        ["--base-url", url, "--cache-dir", str(tmp_path / "cache"),
         "--record", str(tmp_path / "fixtures"), "--prompt", "extract.v2",
         "summarize", str(tmp_path / "articles"), "-o", str(tmp_path / "b.md")],
        env={"OPENAI_API_KEY": KEY},
    )  # fmt: skip
    assert "bad credentials" in result.stderr  # the 401 was seen, so the search can fail
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p.suffix != ".txt"]
    assert any(p.parent.name == "fixtures" for p in written)
    for secret in (basic, basic.rstrip("="), quoted, password, KEY):
        assert secret not in result.output, secret
        for path in written:
            assert secret.encode() not in path.read_bytes(), (secret, path)


def test_a_key_in_the_base_urls_query_is_shown_hidden() -> None:
    url = "http://127.0.0.1:9/v1?api-version=2024-06-01&api-key=AZURE-KEY-1234567890"
    result = CliRunner().invoke(app, ["--base-url", url, "models"])
    assert result.exit_code == 0, result.output
    assert "AZURE-KEY" not in result.output
    assert "api-key=***" in result.stdout
