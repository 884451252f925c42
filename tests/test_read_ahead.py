"""Reading overlaps with the model: `summarize_paths` hands the first article to the model
while later files are still being read, and nothing read during the run is lost."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from brief import pipeline
from brief.errors import UserError
from brief.extract.extractor import ExtractionOutcome, Extractor
from brief.models.base import ChatRequest, ChatResponse
from brief.models.prompts import load_extraction_prompt
from brief.pipeline import summarize_paths
from fakes import FakeChatModel, extraction
from open_hooks import before_open

WAIT = 10.0  # seconds a blocked read waits for the model before the test fails


class FakeModelThatSignals(FakeChatModel):
    """The fake model, plus an event set on its first call."""

    def __init__(self) -> None:
        super().__init__()
        self.first_call = threading.Event()

    def complete(self, request: ChatRequest) -> ChatResponse:
        self.first_call.set()
        return super().complete(request)


def write_corpus(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"{i:02d}.txt"
        path.write_text(f"Pakistan called for calm in round {i}. Talks were held on day {i}.\n")
        paths.append(path)
    return paths


def block_reading_until(monkeypatch: pytest.MonkeyPatch, name: str, event: threading.Event) -> None:
    """Opening the file `name` waits for `event`: reading cannot get past it on its own."""

    def waiting_hook(path: Path) -> None:
        if path.name == name and not event.wait(WAIT):
            raise AssertionError(f"the model was not called while {name} waited to be read")

    before_open(monkeypatch, waiting_hook)


def test_the_model_starts_before_the_corpus_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_corpus(tmp_path / "corpus", 4)
    model = FakeModelThatSignals()
    for _ in range(4):
        model.enqueue(extraction(2))
    # The third file can only be read once the model has been asked about the first: a
    # run that read everything before calling the model would fail here.
    block_reading_until(monkeypatch, "02.txt", model.first_call)
    result = summarize_paths([tmp_path / "corpus"], Extractor(model, load_extraction_prompt()))
    assert result.stats.articles_read == 4 and result.stats.articles_summarized == 4
    assert [o.article.path for o in result.outcomes] == [
        str(tmp_path / "corpus" / f"{i:02d}.txt") for i in range(4)
    ]


def test_a_file_deleted_while_the_model_works_is_skipped_with_its_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = write_corpus(tmp_path / "corpus", 3)
    model = FakeModelThatSignals()
    for _ in range(2):
        model.enqueue(extraction(2))
    gone = paths[2]
    # 01.txt is read only after the model's first call, which is when 02.txt is deleted.
    real_complete = model.complete

    def complete_and_delete(request: ChatRequest) -> ChatResponse:
        gone.unlink(missing_ok=True)
        return real_complete(request)

    monkeypatch.setattr(model, "complete", complete_and_delete)
    block_reading_until(monkeypatch, "01.txt", model.first_call)
    result = summarize_paths([tmp_path / "corpus"], Extractor(model, load_extraction_prompt()))
    assert result.stats.articles_summarized == 2
    assert [(s.path, s.reason) for s in result.brief.skipped] == [
        (str(gone), "file disappeared before it could be read")
    ]


def test_progress_learns_the_total_as_articles_are_read(tmp_path: Path) -> None:
    write_corpus(tmp_path / "corpus", 5)
    model = FakeChatModel()
    for _ in range(5):
        model.enqueue(extraction(2))
    known: list[int] = []
    done: list[str] = []

    class Recorder:
        def articles_known(self, total: int) -> None:
            known.append(total)

        def article_done(self, outcome: ExtractionOutcome) -> None:
            done.append(outcome.article.path)

    summarize_paths(
        [tmp_path / "corpus"], Extractor(model, load_extraction_prompt()), progress=Recorder()
    )
    assert known == sorted(known) and known[-1] == 5
    assert len(done) == 5


def test_an_error_in_the_reader_reaches_the_caller(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_corpus(tmp_path / "corpus", 2)

    def broken_reader(paths: Any, result: Any) -> Any:
        raise RuntimeError("disk on fire")
        yield  # a generator, like the real one

    monkeypatch.setattr(pipeline.reading, "stream_articles", broken_reader)
    with pytest.raises(RuntimeError, match="disk on fire"):
        summarize_paths([tmp_path / "corpus"], Extractor(FakeChatModel(), load_extraction_prompt()))


def test_nothing_readable_is_still_a_user_error_without_a_model_call(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("   \n")
    model = FakeChatModel()
    with pytest.raises(UserError, match="no readable articles"):
        summarize_paths([tmp_path / "empty.txt"], Extractor(model, load_extraction_prompt()))
    assert model.history == []
