"""A run cut short keeps every finished article; the same run again asks only for the rest."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner
from werkzeug import Request, Response

from brief.cli import options as cli_options
from brief.cli.commands import app
from brief.config import Settings, load_settings
from brief.extract.extractor import Extractor
from brief.ingest.articles import article_from_text
from brief.models.asking import CachingModel
from brief.models.base import ChatRequest, ChatResponse
from brief.models.cache import ExtractionCache
from brief.models.prompts import load_extraction_prompt
from brief.pipeline import summarize_articles
from chat_server import ChatServer, completion, threaded_server, write_articles
from fakes import FakeChatModel, extraction


class InterruptingFakeModel(FakeChatModel):
    """A fake that is 'interrupted' (Ctrl-C) on its n-th request."""

    def __init__(self, interrupt_on: int) -> None:
        super().__init__()
        self.interrupt_on = interrupt_on

    def complete(self, request: ChatRequest) -> ChatResponse:
        if len(self.history) + 1 == self.interrupt_on:
            self.history.append(request)
            raise KeyboardInterrupt
        return super().complete(request)


def test_interrupted_run_resumes_without_asking_twice(tmp_path: Path) -> None:
    articles = [
        article_from_text(f"Story {i}: Pakistan called for calm. Talks were held.", f"{i}.txt")
        for i in range(3)
    ]
    first_model = InterruptingFakeModel(interrupt_on=3)
    first_model.enqueue(extraction(2)).enqueue(extraction(2))
    with ExtractionCache(tmp_path) as cache, pytest.raises(KeyboardInterrupt):
        summarize_articles(
            articles, Extractor(CachingModel(first_model, cache), load_extraction_prompt())
        )

    second_model = FakeChatModel().enqueue(extraction(2))
    with ExtractionCache(tmp_path) as cache:
        result = summarize_articles(
            articles, Extractor(CachingModel(second_model, cache), load_extraction_prompt())
        )
    assert len(second_model.extraction_requests) == 1  # only the article that was cut off
    assert "Story 2" in second_model.extraction_requests[0].messages[-1]["content"]
    assert result.stats.cache_hits == 2 and result.stats.model_calls == 1
    assert len(result.brief.sources) == 3


def test_ctrl_c_stops_spending_at_once_and_keeps_what_came_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Against a real server that answers two articles and hangs on the rest: after Ctrl-C
    no request is sent, none is retried, and the two answers are in the cache."""
    server = threaded_server()
    chat = ChatServer(server)
    hung = threading.Event()

    def hang(request: Request, nth: int) -> Response:
        hung.wait(5)  # released when the test ends
        return Response("too late", status=503)

    for article in range(2, 8):
        chat.faults[article] = hang

    def settings(**flags: Any) -> Settings:
        return load_settings(os.environ, max_retries=4, backoff_initial=0.5,
                             **{**flags, "gists": False})  # fmt: skip

    monkeypatch.setattr(cli_options, "_settings_from_flags", settings)

    def interrupt_when_all_in_flight() -> None:
        deadline = time.monotonic() + 10
        while len(chat.requests) < 4 and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.2)
        os.kill(os.getpid(), signal.SIGINT)  # what Ctrl-C in a terminal sends

    folder = tmp_path / "articles"
    write_articles(folder, 8)
    threading.Thread(target=interrupt_when_all_in_flight, daemon=True).start()
    started = time.monotonic()
    try:
        result = CliRunner().invoke(
            app,
            ["--base-url", chat.url, "--timeout", "1", "--concurrency", "4",
             "--cache-dir", str(tmp_path / "cache"), "summarize", str(folder)],
            env={"OPENAI_API_KEY": "sk-test-interrupt"},
        )  # fmt: skip
        sent_at_exit = len(chat.requests)
        time.sleep(1.5)  # time for any retry that should not happen
        assert len(chat.requests) == sent_at_exit
    finally:
        hung.set()
        server.stop()
    assert result.exit_code == 130, result.output
    assert time.monotonic() - started < 5  # no retry loops (4 retries x backoff x timeout)
    # Two answered at once; the hung ones were sent once each and never again.
    assert sent_at_exit <= 6 and all(n == 1 for n in chat.counts().values()), chat.counts()
    with ExtractionCache(tmp_path / "cache") as cache:
        assert len(cache) >= 2


def test_a_second_ctrl_c_still_keeps_the_answers_already_received(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Four answers have come back and are being stored (slowly, here) when Ctrl-C is
    pressed twice: the run ends at once, and the four are still written to the cache."""
    server = threaded_server()
    chat = ChatServer(server)
    real_put = ExtractionCache.put
    storing = threading.Semaphore(0)

    def slow_put(self: ExtractionCache, key: str, value: str, **meta: str) -> None:
        storing.release()
        time.sleep(0.6)
        real_put(self, key, value, **meta)

    monkeypatch.setattr(ExtractionCache, "put", slow_put)

    def settings(**flags: Any) -> Settings:
        return load_settings(os.environ, max_retries=0, **{**flags, "gists": False})

    monkeypatch.setattr(cli_options, "_settings_from_flags", settings)

    def press_twice_while_storing() -> None:
        for _ in range(4):
            storing.acquire(timeout=10)
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.05)
        os.kill(os.getpid(), signal.SIGINT)

    folder = tmp_path / "articles"
    write_articles(folder, 4)
    threading.Thread(target=press_twice_while_storing, daemon=True).start()
    try:
        result = CliRunner().invoke(
            app,
            ["--base-url", chat.url, "--concurrency", "4",
             "--cache-dir", str(tmp_path / "cache"), "summarize", str(folder)],
            env={"OPENAI_API_KEY": "sk-test-interrupt"},
        )  # fmt: skip
        assert result.exit_code == 130, result.output
        time.sleep(1.5)  # the workers finish writing after the run has ended
    finally:
        server.stop()
    with ExtractionCache(tmp_path / "cache") as cache:
        assert len(cache) == 4


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_answers_the_server_sent_before_the_signal_are_never_bought_again(
    tmp_path: Path, stop: signal.Signals
) -> None:
    """`brief` as a user runs it (its own process), with --concurrency 4 against a real
    server: two articles are answered whole; two more are half sent when the signal
    arrives and finish 0.3 s after it (answers in flight at the signal); the rest hang.
    The rerun asks only for the articles whose answer had not come: never for the four."""
    server = threaded_server()
    chat = ChatServer(server)
    hung = threading.Event()
    signalled = threading.Event()
    halves_sent = threading.Semaphore(0)

    def in_flight(request: Request, nth: int) -> Response:
        body = json.dumps(completion(json.dumps(extraction(2)))).encode()

        def stream() -> Iterator[bytes]:
            yield body[: len(body) // 2]
            halves_sent.release()
            signalled.wait(10)
            time.sleep(0.3)  # the rest arrives after the signal: the client must wait
            yield body[len(body) // 2 :]

        return Response(stream(), content_type="application/json")

    def hang(request: Request, nth: int) -> Response:
        hung.wait(20)
        return Response("too late", status=503)

    chat.faults.update({2: in_flight, 3: in_flight})
    chat.faults.update({n: hang for n in range(4, 8)})
    folder = tmp_path / "articles"
    write_articles(folder, 8)
    brief = str(Path(sys.executable).parent / "brief")
    args = [brief, "--base-url", chat.url, "--timeout", "10", "--concurrency", "4", "--no-gists",
            "--cache-dir", str(tmp_path / "cache"), "summarize", str(folder)]  # fmt: skip
    env = {**os.environ, "OPENAI_API_KEY": "sk-test-interrupt"}
    try:
        first = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2):
            assert halves_sent.acquire(timeout=60)
        first.send_signal(stop)
        signalled.set()
        _, err = first.communicate(timeout=60)
        assert first.returncode == 130, err
        hung.set()
        chat.faults.clear()
        before = chat.counts()
        second = subprocess.run(args, env=env, capture_output=True, timeout=120)
        assert second.returncode == 0, second.stderr
    finally:
        hung.set()
        signalled.set()
        server.stop()
    asked_again = {a for a, n in chat.counts().items() if n > before.get(a, 0)}
    assert {0, 1, 2, 3}.isdisjoint(asked_again), (before, chat.counts())
    assert asked_again  # the articles never answered were asked for, so this could fail
