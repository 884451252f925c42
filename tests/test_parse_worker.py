"""Parsing in a worker process during a large run: the same parses as in this process, and
a worker that cannot parse (gone, or never ready) leaves the parsing here, not the run."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import openai
import pytest

import brief.language.attribution as attribution
import brief.language.english as english
from brief.extract.extractor import Extractor
from brief.language.english import parse, parsing_in_a_worker
from brief.language.parse_process import ParseProcess, has_a_core_to_spare
from brief.models.asking import CachingModel
from brief.models.openai import OpenAIChatModel
from brief.models.prompts import load_extraction_prompt
from brief.pipeline import summarize_paths
from chat_server import ChatServer, write_articles

SENTENCES = [
    "Trump at first imposed 25% tariffs on Canadian exports.",
    "Pakistan struck Iran two days after Tehran struck targets inside Pakistan.",
    "The ministry did not say whether talks would resume.",
    "",
    'Officials said the strike, which killed at least 25, was "unprovoked".',
]


def _signature(docs: list) -> list[list[tuple[object, ...]]]:
    return [
        [(t.text, t.whitespace_, t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_, t.is_sent_start,
          str(t.morph)) for t in doc]
        for doc in docs
    ]  # fmt: skip


def _ready(worker: ParseProcess) -> None:
    # A fresh interpreter loads the pipeline: a second or two, more on a busy machine.
    deadline = time.monotonic() + 60
    while not worker.ready:
        assert time.monotonic() < deadline, "the parse worker never became ready"
        time.sleep(0.05)


def test_a_worker_parses_exactly_as_this_process_does_repairs_included() -> None:
    here = english.pipe(SENTENCES)
    worker = ParseProcess()
    try:
        _ready(worker)
        there = worker.parse(SENTENCES)
    finally:
        worker.close()
    assert there is not None
    assert _signature(there) == _signature(here)
    # The repair of a leading name read as a word came across too.
    unrepaired = english.english_pipeline()(SENTENCES[0])
    assert (unrepaired[0].dep_, there[0][0].dep_, there[0][0].head.text) == (
        "ROOT",
        "nsubj",
        "imposed",
    )


def test_a_worker_that_is_gone_leaves_the_parsing_here() -> None:
    worker = ParseProcess()
    try:
        _ready(worker)
        worker._process.kill()  # as the kernel would, out of memory
        worker._process.wait()
        assert worker.parse(SENTENCES) is None
        assert not worker.ready
    finally:
        worker.close()


@pytest.mark.skipif(os.name != "posix", reason="stopping a process is a POSIX signal")
def test_a_worker_that_hangs_is_given_up_on_and_the_parsing_comes_back() -> None:
    worker = ParseProcess(patience=0.5)
    try:
        _ready(worker)
        os.kill(worker._process.pid, signal.SIGSTOP)  # alive, but parsing nothing
        started = time.monotonic()
        assert worker.parse(SENTENCES) is None
        waited = time.monotonic() - started
        assert not worker.ready
        assert worker._process.wait(timeout=5) is not None  # ended, not left stopped
    finally:
        worker.close()
    assert waited < 0.5 + 0.1 * len(SENTENCES) + 5  # its patience, not forever


@pytest.mark.skipif(not has_a_core_to_spare(), reason="no worker on one core or Windows")
def test_parse_goes_to_the_worker_while_inside_and_gives_the_same_docs(monkeypatch) -> None:
    here = _signature(parse(SENTENCES))
    sent: list[int] = []
    with parsing_in_a_worker():
        assert english._ELSEWHERE, "this machine has two cores: a worker is started"
        worker = english._ELSEWHERE[0]
        _ready(worker)
        real = worker.parse
        monkeypatch.setattr(worker, "parse", lambda s: sent.append(len(s)) or real(s))
        there = _signature(parse(SENTENCES))
    assert sent == [len(SENTENCES)]
    assert there == here
    assert not english._ELSEWHERE  # the worker ends with the run


@pytest.mark.skipif(not has_a_core_to_spare(), reason="no worker on one core or Windows")
def test_a_concurrent_run_gives_the_same_brief_with_its_parsing_in_a_worker(
    chat: ChatServer, tmp_path: Path, monkeypatch
) -> None:
    write_articles(tmp_path / "a", 12)

    def run(after: int | None) -> str:
        attribution._attribute.cache_clear()  # each run parses its articles anew
        client = openai.OpenAI(api_key="sk-test", base_url=chat.url, timeout=5.0)
        model = OpenAIChatModel(client, "m", sleep=lambda s: None)
        extractor = Extractor(
            CachingModel(model, None), load_extraction_prompt(), concurrency=4,
            parse_worker_after=after,
        )  # fmt: skip
        result = summarize_paths([tmp_path / "a"], extractor, word_gists=False)
        assert result.stats.articles_summarized == 12
        return result.brief.model_dump_json()

    here = run(None)
    assert run(1) == here  # the worker started at the first article, ready or not
    batches: list[int] = []
    with parsing_in_a_worker():  # started and ready before the run, which shares it
        worker = english._ELSEWHERE[0]
        _ready(worker)
        real = worker.parse
        monkeypatch.setattr(worker, "parse", lambda s: batches.append(len(s)) or real(s))
        there = run(1)
    assert batches, "the run's parses went to the worker"
    assert there == here
