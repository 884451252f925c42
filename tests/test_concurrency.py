"""Articles in flight at once against a real HTTP server; the shared rate limit; resuming an
interrupted concurrent run without sending any request twice."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import openai
import pytest
from werkzeug import Request, Response

from brief.extract.extractor import ExtractionOutcome, Extractor
from brief.models.asking import CachingModel
from brief.models.base import ChatRequest, ChatResponse
from brief.models.cache import ExtractionCache
from brief.models.openai import OpenAIChatModel
from brief.models.prompts import load_extraction_prompt
from brief.models.ratelimit import RateLimiter
from brief.models.recording import RecordingChatModel, ReplayChatModel
from brief.pipeline import summarize_paths
from chat_server import ChatServer, write_articles
from fakes import FakeChatModel, extraction


def _extractor(
    chat: ChatServer,
    cache: ExtractionCache | None,
    concurrency: int,
    rate_limiter: RateLimiter | None = None,
) -> Extractor:
    client = openai.OpenAI(api_key="sk-test", base_url=chat.url, timeout=5.0)
    model = OpenAIChatModel(client, "m", sleep=lambda s: None, rate_limiter=rate_limiter)
    return Extractor(CachingModel(model, cache), load_extraction_prompt(), concurrency=concurrency)


class _InFlight:
    """A fault that answers validly after a delay and remembers the most requests at once."""

    def __init__(self, delay: float) -> None:
        self.delay, self.now, self.most = delay, 0, 0
        self.lock = threading.Lock()

    def __call__(self, request: Request, nth: int) -> Response | None:
        with self.lock:
            self.now += 1
            self.most = max(self.most, self.now)
        time.sleep(self.delay)
        with self.lock:
            self.now -= 1
        return None


def test_articles_are_in_flight_at_once_and_results_keep_input_order(
    chat: ChatServer, tmp_path: Path
) -> None:
    paths = write_articles(tmp_path / "a", 8)
    watch = _InFlight(0.1)
    chat.faults.update({i: watch for i in range(1, 8)})  # article 0 answers first, at once
    done: list[str] = []

    class Progress:
        def articles_known(self, total: int) -> None: ...

        def article_done(self, outcome: ExtractionOutcome) -> None:
            assert threading.current_thread() is threading.main_thread()
            done.append(outcome.article.path)

    result = summarize_paths(
        [tmp_path / "a"], _extractor(chat, None, 4), progress=Progress(), word_gists=False
    )
    assert watch.most == 4
    assert sorted(done) == [str(p) for p in paths]
    assert [o.article.path for o in result.outcomes] == [str(p) for p in paths]
    assert [s.path for s in result.brief.sources] == [str(p) for p in paths]


class _ThreadNotingFake(FakeChatModel):
    def __init__(self) -> None:
        super().__init__()
        self.threads: list[threading.Thread] = []

    def complete(self, request: ChatRequest) -> ChatResponse:
        self.threads.append(threading.current_thread())
        return super().complete(request)


def test_a_model_that_is_not_concurrent_is_called_from_the_calling_thread(
    tmp_path: Path,
) -> None:
    write_articles(tmp_path / "a", 3)
    fake = _ThreadNotingFake()
    for _ in range(3):
        fake.enqueue(extraction(2))
    extractor = Extractor(fake, load_extraction_prompt(), concurrency=8)
    result = summarize_paths([tmp_path / "a"], extractor, word_gists=False)
    assert result.stats.articles_summarized == 3
    assert fake.threads == [threading.main_thread()] * 3


def test_replay_is_concurrent_and_recording_follows_its_model(tmp_path: Path) -> None:
    assert ReplayChatModel(tmp_path, "m").concurrent
    assert not RecordingChatModel(FakeChatModel(), tmp_path).concurrent


class _InterruptAfter:
    """A progress callback that presses Ctrl-C once `k` articles are done."""

    def __init__(self, k: int) -> None:
        self.k, self.done = k, 0

    def articles_known(self, total: int) -> None: ...

    def article_done(self, outcome: ExtractionOutcome) -> None:
        self.done += 1
        if self.done == self.k:
            raise KeyboardInterrupt


def test_interrupted_concurrent_run_resumes_without_any_request_twice(
    chat: ChatServer, tmp_path: Path
) -> None:
    write_articles(tmp_path / "a", 12)
    watch = _InFlight(0.05)
    chat.faults.update({i: watch for i in range(12)})
    with ExtractionCache(tmp_path / "cache") as cache, pytest.raises(KeyboardInterrupt):
        summarize_paths(
            [tmp_path / "a"],
            _extractor(chat, cache, 4),
            progress=_InterruptAfter(3),
            word_gists=False,
        )
    first = chat.counts()
    with ExtractionCache(tmp_path / "cache") as cache:
        # Articles still in flight at Ctrl-C were finished and cached; none waiting was sent.
        assert len(cache) == sum(first.values())
        assert 3 <= len(first) < 12
        result = summarize_paths([tmp_path / "a"], _extractor(chat, cache, 4), word_gists=False)
    assert chat.counts() == {i: 1 for i in range(12)}  # no request reached the server twice
    assert result.stats.cache_hits == len(first)
    assert result.stats.model_calls == 12 - len(first)
    assert result.complete and len(result.brief.sources) == 12


def test_rate_limit_spaces_requests_evenly_across_threads() -> None:
    clock = [0.0]
    waits: list[float] = []
    limiter = RateLimiter(120, clock=lambda: clock[0], sleep=waits.append)
    for _ in range(4):
        limiter.acquire()
    assert waits == [0.5, 1.0, 1.5]  # 120 a minute: slots every half second
    clock[0] = 10.0
    assert limiter.acquire() == 0.0  # an idle limiter has no backlog


def test_rate_limit_is_shared_by_all_workers_at_the_server(
    chat: ChatServer, tmp_path: Path
) -> None:
    write_articles(tmp_path / "a", 5)
    limiter = RateLimiter(60 * 10)  # one request every 100 ms
    result = summarize_paths([tmp_path / "a"], _extractor(chat, None, 5, rate_limiter=limiter))
    assert result.complete
    starts = sorted(t for i in range(5) for t in chat.times(i))
    # Five workers at once would arrive within a few ms. Paced, they span 400 ms. The
    # span, not each gap, is asserted: a busy test process delays when the server's
    # thread notes an arrival by tens of ms, which moves single gaps but not the span.
    assert starts[-1] - starts[0] >= 0.3, starts


def test_cache_is_safe_across_threads(tmp_path: Path) -> None:
    with ExtractionCache(tmp_path) as cache:

        def write(n: int) -> None:
            for i in range(50):
                cache.put(f"{n}-{i}", "{}", model="m", prompt_version="v", article_id=str(i))
                assert cache.get(f"{n}-{i}") == "{}"

        threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(cache) == 400
