"""Reading beside a sequential model: does the model wait for the corpus to be read?

The embedded model answers one article at a time in-process. `summarize_paths` reads the
corpus in a thread and hands each article over as soon as it is read; the old way read every
file first. This compares both on the same folder of N files, with a fake sequential model
that answers after a fixed delay (a sleep: it frees the CPU, where a real model would
compete with the reader for the cores, so the real gain is at most the reading time):

- reading alone: seconds to read the folder;
- read first, then extract: wall time and when the first model call starts;
- read beside the model: the same, and the ratio to the ideal max(read, N × delay).

Usage: .venv/bin/python bench/bench_overlap.py [N] [delay_ms]   (default 2000 5)
"""

from __future__ import annotations

import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from brief.extract.extractor import Extractor
from brief.ingest.articles import read_articles
from brief.models.base import ChatRequest, ChatResponse
from brief.models.prompts import load_extraction_prompt
from brief.pipeline import read_corpus, summarize_articles, summarize_paths

ANSWER = (
    '{"actors": [{"name": "Pakistan", "kind": "state", "country": "Pakistan", "role": null}],'
    ' "positions": [{"actor": "Pakistan", "sentences": [1], "says": "Pakistan calls for calm.",'
    ' "stance": "calls_for_restraint", "toward": null}],'
    ' "events": [{"sentences": [2], "what": "talks held", "actor": "Pakistan", "target": null,'
    ' "when": null, "date": null, "status": "happened", "category": "talks"}]}'
)


@dataclass
class FakeSlowModel:
    """Not a model: a valid answer after a fixed delay, one call at a time."""

    delay: float
    name: str = "fake-slow-model"
    concurrent: bool = False
    first_call: float | None = None
    calls: int = field(default=0)

    def complete(self, request: ChatRequest) -> ChatResponse:
        if self.first_call is None:
            self.first_call = time.perf_counter()
        self.calls += 1
        time.sleep(self.delay)
        return ChatResponse(ANSWER, "stop", 300, 120)


def write_folder(folder: Path, n: int) -> None:
    for i in range(n):
        (folder / f"{i:05d}.txt").write_text(
            f"Report {i}\n\nPakistan called for calm after the strikes of day {i}, officials "
            f"said on Sunday. Talks with Iran were held in Islamabad in round {i}. Both sides "
            "agreed to keep the border open for trade, and the foreign ministers spoke again.\n",
            encoding="utf-8",
        )


def run(folder: Path, delay: float, overlap: bool) -> tuple[float, float, int]:
    model = FakeSlowModel(delay)
    extractor = Extractor(model, load_extraction_prompt())
    started = time.perf_counter()
    if overlap:
        result = summarize_paths([folder], extractor)
    else:
        corpus = read_corpus([folder])
        result = summarize_articles(corpus.articles, extractor, skipped=corpus.skipped)
    wall = time.perf_counter() - started
    assert model.first_call is not None
    return wall, model.first_call - started, result.stats.articles_summarized


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    delay = (int(sys.argv[2]) if len(sys.argv) > 2 else 5) / 1000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_folder(folder, n)
        read_articles([folder])  # warm the page cache and the sentence splitter once
        started = time.perf_counter()
        read_articles([folder])
        read = time.perf_counter() - started
        model_time = n * delay
        print(f"{n} files, fake sequential model answering in {delay * 1000:.0f} ms")
        print(f"reading alone:            {read:6.2f} s")
        print(f"model alone (N x delay):  {model_time:6.2f} s")
        before, first_before, done_before = run(folder, delay, overlap=False)
        after, first_after, done_after = run(folder, delay, overlap=True)
        ideal = max(read, model_time)
        print(
            f"read first, then extract: {before:6.2f} s, first model call after "
            f"{first_before:5.2f} s ({done_before} briefed)"
        )
        print(
            f"read beside the model:    {after:6.2f} s, first model call after "
            f"{first_after:5.2f} s ({done_after} briefed)"
        )
        print(
            f"saved: {before - after:.2f} s ({(before - after) / before:.0%}); "
            f"read beside the model is {after / ideal:.2f}x the ideal max(read, model) "
            f"= {ideal:.2f} s (merging included)"
        )


if __name__ == "__main__":
    main()
