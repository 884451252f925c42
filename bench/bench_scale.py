"""Per-article cost of `brief extract` and what Ray adds, against an instant chat server.

The server (bench_concurrency's, in a forked process) answers every request at once with
a valid extraction, so what is timed is brief itself. The articles are the seeds' and the
story sets' texts, cut to 600 words, each made distinct by a numbered first sentence, and
written as .txt files (so reading is timed too). Rows:

- one process, concurrency 1, no cache: wall seconds, CPU seconds of this process, and
  that CPU split into spaCy's parse (its `pipe` and `__call__`, timed around each call)
  and everything else, brief's own (reading, preparing requests, the HTTP client,
  validating answers, writing lines), per article;
- `--engine ray` with 1 and then 2 workers on the same articles, no cache: wall seconds,
  and articles per second from the first line written to the last (Ray's start, about
  ten seconds, left out).

Usage: .venv/bin/python bench/bench_scale.py [N]   (default 200)
"""

from __future__ import annotations

import json
import multiprocessing
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_concurrency import _Handler, _Server
from spacy.language import Language

from brief.config import load_settings
from brief.extract.setup import open_extractor
from brief.pipeline import extract_paths, extract_with_ray

REPO = Path(__file__).resolve().parents[1]
WORDS = 600


def texts() -> list[str]:
    """The seeds' and the stories' texts, 600 words each at most."""
    found = [p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*.txt"))]
    for story in sorted((REPO / "tests/data/stories").glob("*.jsonl")):
        found += [json.loads(line)["text"] for line in story.read_text().splitlines() if line]
    return [" ".join(t.split()[:WORDS]) for t in found]


def write_articles(folder: Path, n: int) -> None:
    pool = texts()
    for i in range(n):
        text = f"This is report number {i} on the crisis. {pool[i % len(pool)]}"
        (folder / f"{i:05d}.txt").write_text(text, encoding="utf-8")


class ParseClock:
    """CPU seconds spent inside spaCy's `Language.pipe` and `Language.__call__`."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._depth = 0

    def wrap(self, method: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            self._depth += 1
            started = time.process_time()
            try:
                result = method(*args, **kwargs)
                if method.__name__ == "pipe":
                    result = list(result)  # a generator: parse now, inside the clock
                return iter(result) if method.__name__ == "pipe" else result
            finally:
                self._depth -= 1
                if self._depth == 0:
                    self.seconds += time.process_time() - started

        return timed


def one_process(folder: Path, base_url: str, cache: Path) -> dict[str, float]:
    settings = load_settings({}, base_url=base_url, api_key="bench", cache_dir=cache,
                             use_cache=False, concurrency=1, gists=False)  # fmt: skip
    extractor = open_extractor(settings)
    clock = ParseClock()
    Language.pipe = clock.wrap(Language.pipe)  # type: ignore[method-assign]
    Language.__call__ = clock.wrap(Language.__call__)  # type: ignore[method-assign]
    output = folder.parent / "one.jsonl"
    wall, cpu = time.perf_counter(), time.process_time()
    extract_paths([folder], extractor, output)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {"wall": wall, "cpu": cpu, "parse": clock.seconds}


def on_ray(folder: Path, base_url: str, cache: Path, workers: int) -> tuple[float, float]:
    settings = load_settings({}, base_url=base_url, api_key="bench", cache_dir=cache,
                             use_cache=False, gists=False)  # fmt: skip
    times: list[float] = []
    output = folder.parent / f"ray-{workers}.jsonl"
    started = time.perf_counter()
    extract_with_ray([folder], settings, output, actors=workers,
                     on_line=lambda _: times.append(time.perf_counter()))  # fmt: skip
    wall = time.perf_counter() - started
    rate = (len(times) - 1) / (times[-1] - times[0]) if len(times) > 1 else 0.0
    return wall, rate


def main(n: int) -> None:
    server = _Server(("127.0.0.1", 0), _Handler)
    server.delay = 0.0
    process = multiprocessing.get_context("fork").Process(target=server.serve_forever)
    process.start()
    base_url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "articles"
            folder.mkdir()
            write_articles(folder, n)
            cache = Path(tmp) / "cache"
            one = one_process(folder, base_url, cache)
            cpu, parse = (1000 * one[k] / n for k in ("cpu", "parse"))
            print(f"{n} articles of up to {WORDS} words, instant local server")
            print(f"one process:  {one['wall']:6.1f} s wall, {n / one['wall']:5.1f} articles/s; "
                  f"CPU {cpu:5.1f} ms/article = spaCy parse {parse:5.1f} "
                  f"+ brief's own {cpu - parse:5.1f}")  # fmt: skip
            for workers in (1, 2):
                wall, rate = on_ray(folder, base_url, cache, workers)
                print(f"ray, {workers} worker{'s' if workers > 1 else ' '}: {wall:6.1f} s wall "
                      f"(Ray's start included), {rate:5.1f} articles/s once running")  # fmt: skip
    finally:
        process.terminate()
        threading.Thread(target=process.join, daemon=True).start()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
