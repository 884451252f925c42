"""Reading a corpus: all at once, or in a thread beside the model (`ReadAhead`)."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from brief.errors import UserError
from brief.ingest import ReadResult, read_articles, stream_articles
from brief.schema import Article


def read_corpus(paths: Sequence[Path | str]) -> ReadResult:
    """Read articles, raising UserError when there is nothing at all to work on."""
    result = read_articles(paths)
    if not result.articles:
        raise nothing_to_read(result)
    return result


def nothing_to_read(result: ReadResult) -> UserError:
    reasons = "; ".join(f"{s.path}: {s.reason}" for s in result.skipped[:5]) or "nothing given"
    return UserError(
        f"no readable articles ({reasons})",
        hint="point brief at .txt, .md, .json, .jsonl, .html or .parquet files, or folders",
    )


class ReadAhead:
    """Reads a corpus in a daemon thread; iterating yields each article as it is read.

    After iteration, `result` holds everything read, skipped and repeated. An error in the
    reader is raised in the iterating thread. A daemon thread, so that Ctrl-C during a run
    is never held up by a read in progress.
    """

    _END = object()

    def __init__(self, paths: Sequence[Path | str]) -> None:
        self.result = ReadResult()
        self.read = 0
        self.finished = False
        self._queue: queue.Queue[Any] = queue.Queue()
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._run, args=(list(paths),), name="brief-read", daemon=True
        )
        self._thread.start()

    def _run(self, paths: list[Path | str]) -> None:
        try:
            for article in stream_articles(paths, self.result):
                if self._stop.is_set():
                    return
                self.read += 1
                self._queue.put(article)
        except BaseException as error:  # handed to the iterating thread, raised there
            self._queue.put(_ReaderFailed(error))
        finally:
            self.finished = True
            self._queue.put(self._END)

    @property
    def expected(self) -> int:
        """Articles to expect: those read once reading is over; until then at least one
        per file found (a JSON Lines file may hold many)."""
        return self.read if self.finished else max(self.read, self.result.files_found)

    def __iter__(self) -> Iterator[Article]:
        while True:
            item = self._queue.get()
            if item is self._END:
                return
            if isinstance(item, _ReaderFailed):
                raise item.error
            yield item

    def stop(self) -> None:
        self._stop.set()


@dataclass
class _ReaderFailed:
    error: BaseException
