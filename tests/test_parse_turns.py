"""Articles parsed from many threads at once: the thread whose turn it is parses every
article waiting, in one batch, and each thread still gets its own sentences' parses."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
import spacy
from spacy.tokens import Doc

import brief.language.english as english
from brief.language.english import parse

_BLANK = spacy.blank("en")


def _signature(docs: list) -> list[list[tuple[str, str, str, int]]]:
    return [[(t.text, t.tag_, t.dep_, t.head.i) for t in doc] for doc in docs]


ARTICLES = [
    [f"Pakistan called for calm after incident {i}.", f"Iran struck targets near post {i}."]
    for i in range(24)
] + [["A single sentence of its own."], ["One.", "Two words.", "Three words here."]]


def test_parses_from_many_threads_are_each_threads_own_and_equal_to_one_by_one() -> None:
    alone = [_signature(parse(sentences)) for sentences in ARTICLES]
    with ThreadPoolExecutor(max_workers=16) as pool:
        together = list(pool.map(lambda s: _signature(parse(s)), ARTICLES))
    assert together == alone


class FakePipeline:
    """A fake of spaCy's `Language`: records each `pipe` call's texts, and holds the first
    call until every thread has queued its article, so that the rest wait together."""

    def __init__(self, gate: threading.Event) -> None:
        self.calls: list[list[str]] = []
        self.gate = gate
        self.entered = threading.Event()

    def pipe(self, texts: Iterable[str], batch_size: int) -> Iterator[Doc]:
        batch = list(texts)
        self.entered.set()
        self.gate.wait(timeout=10)
        self.calls.append(batch)
        if "boom" in batch:
            raise ValueError("the fake pipeline failed")
        return iter(_BLANK(text.upper()) for text in batch)  # unparsed docs of the words


def _run_threads(fake: FakePipeline, articles: list[list[str]]) -> list[object]:
    results: list[object] = [None] * len(articles)

    def work(n: int) -> None:
        try:
            results[n] = [doc.text for doc in parse(articles[n])]
        except ValueError as e:
            results[n] = e

    first = threading.Thread(target=work, args=(0,))
    first.start()  # takes the turn and waits at the gate inside `pipe`
    assert fake.entered.wait(timeout=10)
    rest = [threading.Thread(target=work, args=(n,)) for n in range(1, len(articles))]
    for thread in rest:
        thread.start()
    for _ in range(2000):  # every other article queued behind the turn (10 s at most)
        if len(english._WAITING) >= len(rest):
            break
        threading.Event().wait(0.005)
    assert len(english._WAITING) == len(rest)
    fake.gate.set()
    for thread in (first, *rest):
        thread.join(timeout=10)
    return results


def test_waiting_articles_are_parsed_in_one_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakePipeline(threading.Event())
    monkeypatch.setattr(english, "english_pipeline", lambda: fake)
    articles = [[f"a{n}", f"b{n}"] for n in range(6)]
    results = _run_threads(fake, articles)
    assert results == [[f"A{n}", f"B{n}"] for n in range(6)]
    # The first thread's own article, then the five that queued meanwhile, together.
    assert [len(call) for call in fake.calls] == [2, 10]


def test_a_failed_batch_fails_only_the_article_that_failed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake = FakePipeline(threading.Event())
    monkeypatch.setattr(english, "english_pipeline", lambda: fake)
    articles = [["first"], ["boom"], ["other"], ["more"]]
    results = _run_threads(fake, articles)
    # The batch of the three that waited failed; each was then parsed alone.
    assert results[0] == ["FIRST"] and results[2] == ["OTHER"] and results[3] == ["MORE"]
    assert isinstance(results[1], ValueError)
    assert not english._WAITING  # nothing left behind for a later turn
