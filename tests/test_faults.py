"""Faults at a real HTTP server on 127.0.0.1, one article at a time, through the command line.

Four articles go to the server concurrently; only one (MARK-1) meets the fault. The run must
finish, the other three must be in the brief, the closing line and the exit code must say
what failed, and the server must see exactly the requests the retry policy allows: up to
RETRIES transport retries per ask, and up to ATTEMPTS asks (re-asks on invalid output).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result
from werkzeug import Request, Response

from brief.cli import options as cli_options
from brief.cli.commands import app
from brief.config import Settings, load_settings
from chat_server import (
    ChatServer,
    Fault,
    completion,
    drop_connection,
    json_reply,
    write_articles,
)

KEY = "sk-planted-FAULTS-5f0c2d9e71"
RETRIES = 2  # transport retries after the first try: 3 HTTP requests per ask at most
ATTEMPTS = 3  # asks per article part, re-asks included (the default --max-attempts)
# Long enough that a good answer is never late on a busy 2-core CI machine (at 0.3 s one in
# a full run was, and was asked again); the slow faults are made from it.
TIMEOUT = 1.0
ARTICLES = 4
BAD = 1


@pytest.fixture(autouse=True)
def no_real_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """Backoff of zero seconds and a small retry budget, injected through the settings."""

    def settings(**flags: Any) -> Settings:
        return load_settings(
            os.environ,
            # these tests count extraction requests
            max_retries=RETRIES,
            backoff_initial=0.0,
            backoff_max=0.0,
            **{**flags, "gists": False},
        )

    monkeypatch.setattr(cli_options, "_settings_from_flags", settings)


def run(chat: ChatServer, folder: Path, *options: str) -> Result:
    args = [
        "--base-url",
        chat.url,
        "--timeout",
        str(TIMEOUT),
        "--concurrency",
        "4",
        *options,
        "summarize",
        str(folder),
    ]
    return CliRunner().invoke(app, args, env={"OPENAI_API_KEY": KEY})


# --------------------------------------------------------------------------- the faults


def _times(reply: Fault, n: int) -> Fault:
    """`reply` on the first n requests, then valid answers."""
    return lambda request, nth: reply(request, nth) if nth <= n else None


def _always(reply: Callable[[Request], Response]) -> Fault:
    return lambda request, nth: reply(request)


def _slow(request: Request) -> Response:
    time.sleep(TIMEOUT * 2.5)
    return json_reply(completion("{}"))


def _mixed(request: Request, nth: int) -> Response | None:
    # 503, then (retried) an answer that is not JSON, then (re-asked) 503, then a valid one.
    if nth in (1, 3):
        return Response("busy", status=503)
    return json_reply(completion("this is not json")) if nth == 2 else None


def _trickle() -> Response:
    """A valid answer sent a byte every TIMEOUT / 3 s: each read is quick, the whole is not."""
    body = json.dumps(completion("{}")).encode()

    def drip() -> Iterator[bytes]:
        for i in range(len(body)):
            time.sleep(TIMEOUT / 3)
            yield body[i : i + 1]

    return Response(drip(), status=200, content_type="application/json")


@dataclass(frozen=True)
class Case:
    fault: Fault
    requests: int  # what the server must receive for the bad article, no more
    reason: str | None  # None: the article recovers; else a piece of the reported reason


CASES = {
    "429 with Retry-After": Case(
        _times(lambda r, n: Response("slow down", status=429, headers={"Retry-After": "0.1"}), 2),
        requests=3,
        reason=None,
    ),
    "503 once": Case(_times(lambda r, n: Response("busy", status=503), 1), requests=2, reason=None),
    "500 every time": Case(
        _always(lambda r: Response("boom", status=500)),
        requests=RETRIES + 1,
        reason=f"HTTP 500 ({RETRIES + 1} attempts)",
    ),
    "slower than the timeout": Case(
        _always(_slow), requests=RETRIES + 1, reason=f"timed out. ({RETRIES + 1} attempts)"
    ),
    "dropped connection": Case(
        _always(drop_connection),
        requests=RETRIES + 1,
        reason=f"Connection error. ({RETRIES + 1} attempts)",
    ),
    "not JSON": Case(
        _always(lambda r: json_reply(completion("Sorry, here it is: actors..."))),
        requests=ATTEMPTS,
        reason="not valid JSON",
    ),
    "JSON that breaks the schema": Case(
        _always(lambda r: json_reply(completion(json.dumps({"actors": "none", "events": 3})))),
        requests=ATTEMPTS,
        reason=f"still invalid after {ATTEMPTS} attempts",
    ),
    "cut off by the token limit": Case(
        _always(lambda r: json_reply(completion('{"actors": [{"name": "Pak', "length"))),
        requests=1,
        reason="cut off by the token limit",
    ),
    "refusal": Case(
        _always(lambda r: json_reply(completion(None, refusal="I can't help."))),
        requests=1,
        reason="refused: I can't help.",
    ),
    "transport retry and re-ask together": Case(_mixed, requests=4, reason=None),
    # Replies of the wrong shape, each the fault of one article, never of the run.
    "200 with a web page": Case(
        _always(
            lambda r: Response(
                "<html><body>Bad gateway</body></html>", status=200, content_type="text/html"
            )
        ),
        requests=1,
        reason="unreadable answer",
    ),  # fmt: skip
    "200 with broken JSON": Case(
        _always(lambda r: Response('{"choices": [', status=200, content_type="application/json")),
        requests=1,
        reason="unreadable answer",
    ),
    "200 with JSON of another kind": Case(
        _always(lambda r: json_reply({"hello": "world"})), requests=1, reason="unreadable answer"
    ),
    "200 with no choices": Case(
        _always(lambda r: json_reply({"choices": []})), requests=1, reason="unreadable answer"
    ),
    "429 with a negative Retry-After": Case(
        _times(lambda r, n: Response("slow down", status=429, headers={"Retry-After": "-5"}), 1),
        requests=2,
        reason=None,
    ),
    "an answer trickled a byte at a time": Case(
        _always(lambda r: _trickle()), requests=RETRIES + 1, reason="timed out"
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_one_faulty_article_does_not_sink_the_run(
    name: str, chat: ChatServer, tmp_path: Path
) -> None:
    case = CASES[name]
    folder = tmp_path / "articles"
    paths = write_articles(folder, ARTICLES)
    chat.faults[BAD] = case.fault

    result = run(chat, folder)

    good = [i for i in range(ARTICLES) if i != BAD]
    assert chat.count(BAD) == case.requests, chat.counts()
    assert all(chat.count(i) == 1 for i in good), chat.counts()
    for i in good:
        listed = paths[i].name.replace("_", "\\_")  # as Markdown escapes it
        assert f"round {i}" in result.stdout or listed in result.stdout
    closing = result.stderr.strip().splitlines()[-1]
    if case.reason is None:
        assert result.exit_code == 0, result.output
        assert closing.startswith(f"{ARTICLES} articles read, {ARTICLES} summarized")
        assert closing.endswith("0 failed, 0 skipped")
    else:
        assert result.exit_code == 1, result.output
        assert closing.startswith(f"{ARTICLES} articles read, {ARTICLES - 1} summarized")
        assert closing.endswith("1 failed, 0 skipped")
        failed_line = next(line for line in result.stderr.splitlines() if "failed:" in line)
        assert paths[BAD].name in failed_line and case.reason in failed_line, failed_line
        not_processed = result.stdout.split("## Not processed")[1]
        assert f"story\\_{BAD:03d}.txt" in not_processed  # Markdown escapes the underscore
    assert "Traceback" not in result.output and KEY not in result.output


def test_retry_after_is_honoured_between_requests(chat: ChatServer, tmp_path: Path) -> None:
    chat.faults[BAD] = CASES["429 with Retry-After"].fault
    write_articles(tmp_path / "a", ARTICLES)
    assert run(chat, tmp_path / "a").exit_code == 0
    times = chat.times(BAD)
    # The backoff is zero here: only the server's Retry-After of 0.1 s can space them.
    gaps = [later - earlier for earlier, later in zip(times, times[1:], strict=False)]
    assert len(gaps) == 2 and min(gaps) >= 0.1, gaps


def test_transport_retries_and_reasks_are_counted_apart(chat: ChatServer, tmp_path: Path) -> None:
    chat.faults[BAD] = _mixed
    write_articles(tmp_path / "a", ARTICLES)
    result = run(chat, tmp_path / "a")
    assert result.exit_code == 0, result.output
    # 7 requests reached the server; 5 were answered (one re-ask), 2 were 503s retried below
    # the model-call count.
    assert sum(chat.counts().values()) == ARTICLES + 3
    assert f"{ARTICLES + 1} model calls" in result.stderr


def test_every_article_failing_exits_4(chat: ChatServer, tmp_path: Path) -> None:
    for i in range(ARTICLES):
        chat.faults[i] = _always(lambda r: Response("boom", status=500))
    write_articles(tmp_path / "a", ARTICLES)
    result = run(chat, tmp_path / "a")
    assert result.exit_code == 4, result.output
    assert sum(chat.counts().values()) == ARTICLES * (RETRIES + 1)
    assert "the model failed on every article" in result.stderr


def test_every_worker_falls_back_to_json_mode_when_json_schema_is_refused(
    chat: ChatServer, tmp_path: Path
) -> None:
    """At concurrency 4 all four first requests are refused together: each switches and
    asks again (one worker switching the shared mode must not fail the others)."""

    def refuse_schema(request: Request, nth: int) -> Response | None:
        if request.get_json()["response_format"]["type"] == "json_schema":
            time.sleep(0.2)  # all four are in flight before any refusal comes back
            return json_reply(
                {"error": {"message": "response_format json_schema is not supported"}}, 400
            )
        return None

    for article in range(ARTICLES):
        chat.faults[article] = refuse_schema
    result = run(chat, write_articles(tmp_path / "articles", ARTICLES)[0].parent)
    assert result.exit_code == 0, result.output
    assert result.stderr.strip().splitlines()[-1].endswith("0 failed, 0 skipped")
    assert all(chat.count(i) == 2 for i in range(ARTICLES)), chat.counts()


def test_a_folder_of_good_and_bad_files_against_a_badly_behaved_server(
    chat: ChatServer, tmp_path: Path
) -> None:
    """Every bad file and every malformed reply at once: the good articles make the brief,
    each bad one is listed with its reason, and the run exits 1."""
    folder = tmp_path / "articles"
    write_articles(folder, 6)
    story = "Pakistan's foreign minister said on Monday that Pakistan wants calm at the border."
    bad_files = {
        "bad_date.md": f"---\ntitle: T\ndate: 2020-02-30\n---\n\n{story}\n",
        "nul.txt": story + "\x00" * 50,
        "menu.html": "<html><body><nav><a href='/'>Home</a></nav></body></html>",
        "script.html": "<html><body><script>x()</script></body></html>",
        "broken.json": '{"text": ',
    }
    for name, content in bad_files.items():
        (folder / name).write_text(content)
    os.mkfifo(folder / "pipe.txt")
    malformed: dict[int, Callable[[Request], Response]] = {
        1: lambda r: Response("<html>oops</html>", status=200, content_type="text/html"),
        2: lambda r: json_reply({"hello": "world"}),
        3: lambda r: json_reply({"choices": []}),
    }
    for article, reply in malformed.items():
        chat.faults[article] = _always(reply)

    result = run(chat, folder)

    assert result.exit_code == 1, result.output
    brief = result.stdout
    for good in (0, 4, 5):
        assert f"round {good}" in brief or f"story\\_{good:03d}" in brief
    listed = brief.split("## Not processed")[1]
    for name in [*bad_files, "pipe.txt"]:
        assert name.replace("_", "\\_") in listed, name
    for article in malformed:
        assert f"story\\_{article:03d}.txt" in listed
    assert "Traceback" not in result.output
