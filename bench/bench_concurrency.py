"""Articles in flight at once against a real chat-completions server on 127.0.0.1.

The server (stdlib ThreadingHTTPServer, one thread per connection) runs in a forked
process, as a real endpoint would, so its parsing and writing do not compete with the client
for the GIL. It answers every request with a valid extraction after a fixed delay, so the
ideal wall time at concurrency C is N × delay / C. One request is sent before timing, so
one-off costs (imports, the first connection) are not charged to the runs. Rows:

- concurrency 16 on N articles, cold cache: wall time, ratio to the ideal, requests;
- concurrency 1 on a sample of the articles (N / 10 by default), extrapolated to N: a
  sequential run of all N would only confirm N × delay; the extrapolation is marked;
- the same N articles again at concurrency 16 with the cache now warm: seconds and model
  calls (which must be 0, as must the requests the server sees);
- the N articles' sentences parsed by spaCy alone, in one batched `pipe` in this process,
  and the target it sets: the cold run within 2 x the ideal plus that parse. Measured in
  the same run, since this machine's speed varies by a third from hour to hour.

Usage: .venv/bin/python bench/bench_concurrency.py [N] [delay_ms] [concurrency]
       (default 200 200 16)
"""

from __future__ import annotations

import json
import multiprocessing
import sys
import tempfile
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import openai

from brief.extract.extractor import Extractor
from brief.ingest.articles import article_from_text
from brief.language.english import pipe
from brief.models.asking import CachingModel
from brief.models.cache import ExtractionCache
from brief.models.openai import OpenAIChatModel
from brief.models.prompts import load_extraction_prompt
from brief.pipeline import summarize_articles
from brief.schema import Article

EXTRACTION = {
    "actors": [{"name": "Pakistan", "kind": "state", "country": "Pakistan", "role": None}],
    "positions": [
        {
            "actor": "Pakistan",
            "sentences": [1],
            "says": "Pakistan calls for calm.",
            "stance": "calls_for_restraint",
            "toward": None,
        }
    ],
    "events": [
        {
            "sentences": [2],
            "what": "talks held",
            "actor": "Pakistan",
            "target": None,
            "when": None,
            "date": None,
            "status": "happened",
            "category": "talks",
        }
    ],
}
REPLY = json.dumps(
    {
        "id": "bench",
        "object": "chat.completion",
        "created": 0,
        "model": "bench",
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {"role": "assistant", "content": json.dumps(EXTRACTION)},
            }
        ],
        "usage": {"prompt_tokens": 300, "completion_tokens": 120, "total_tokens": 420},
    }
).encode()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256  # the default backlog of 5 drops connections under load
    delay = 0.2
    # Counted in the server process, read in this one.
    requests = multiprocessing.get_context("fork").Value("i", 0)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a real endpoint
    # Headers and body go out in two writes: without this, Nagle's algorithm and the
    # client's delayed ACK add 40 ms to every answer, which no real server does.
    disable_nagle_algorithm = True
    server: _Server

    def do_POST(self) -> None:  # noqa: N802 (the http.server naming)
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with self.server.requests.get_lock():
            self.server.requests.value += 1
        time.sleep(self.server.delay)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(REPLY)))
        self.end_headers()
        self.wfile.write(REPLY)

    def log_message(self, format: str, *args: Any) -> None:
        pass


def _articles(n: int) -> list[Article]:
    return [
        article_from_text(
            f"Pakistan called for calm after incident {i} near the border. "
            f"Talks on incident {i} were held in Islamabad.",
            f"bench/{i:04d}.txt",
        )
        for i in range(n)
    ]


@dataclass
class Row:
    label: str
    articles: int
    concurrency: int
    seconds: float
    calls: int
    requests: int
    ideal: float | None
    note: str = ""


def _run(
    server: _Server, articles: list[Article], concurrency: int, cache: ExtractionCache | None
) -> tuple[float, int, int]:
    host, port = server.server_address[:2]
    client = openai.OpenAI(api_key="bench", base_url=f"http://{host!s}:{port}/v1", timeout=30)
    model = OpenAIChatModel(client, "bench-model")
    extractor = Extractor(
        CachingModel(model, cache), load_extraction_prompt(), concurrency=concurrency
    )
    before = server.requests.value
    start = time.perf_counter()
    result = summarize_articles(articles, extractor)
    seconds = time.perf_counter() - start
    assert result.stats.articles_summarized == len(articles), result.stats.closing_line()
    return seconds, result.stats.model_calls, server.requests.value - before


def main(n: int = 200, delay_ms: int = 200, concurrency: int = 16) -> None:
    delay = delay_ms / 1000
    server = _Server(("127.0.0.1", 0), _Handler)
    server.delay = delay
    process = multiprocessing.get_context("fork").Process(target=server.serve_forever)
    process.start()
    articles = _articles(n)
    _run(server, _articles(n + 1)[n:], 1, None)  # warm-up, not timed
    sample = max(1, n // 10)
    rows = []
    with tempfile.TemporaryDirectory() as tmp, ExtractionCache(Path(tmp)) as cache:
        s, calls, reqs = _run(server, articles, concurrency, cache)
        rows.append(Row("cold cache", n, concurrency, s, calls, reqs, n * delay / concurrency))
        s1, calls1, reqs1 = _run(server, articles[:sample], 1, None)
        rows.append(Row("sequential", sample, 1, s1, calls1, reqs1, sample * delay))
        rows.append(
            Row(
                "sequential, extrapolated",
                n,
                1,
                s1 * n / sample,
                0,
                0,
                n * delay,
                note=f"x{n / sample:g} of the {sample}-article row",
            )
        )
        sw, callsw, reqsw = _run(server, articles, concurrency, cache)
        rows.append(Row("warm cache", n, concurrency, sw, callsw, reqsw, None))
    process.terminate()
    process.join()
    _print(rows, delay_ms, s1 * n / sample / s)
    start = time.perf_counter()
    pipe([sentence for article in articles for sentence in article.sentences])
    parse = time.perf_counter() - start
    target = 2 * rows[0].ideal + parse if rows[0].ideal else parse
    print(
        f"spaCy alone parses the {n} articles in {parse:.2f} s; target for the cold run: "
        f"2 x {rows[0].ideal:.2f} + {parse:.2f} = {target:.2f} s: "
        f"{'met' if rows[0].seconds <= target else 'not met'} ({rows[0].seconds:.2f} s)"
    )


def _print(rows: list[Row], delay_ms: int, speedup: float) -> None:
    print(f"chat-completions server on 127.0.0.1, {delay_ms} ms per answer")
    print(
        f"{'run':26} {'articles':>8} {'conc':>5} {'wall s':>8} {'ideal s':>8} "
        f"{'x ideal':>8} {'calls':>6} {'requests':>9}  note"
    )
    for r in rows:
        ideal = f"{r.ideal:8.2f}" if r.ideal else f"{'-':>8}"
        ratio = f"{r.seconds / r.ideal:8.3f}" if r.ideal else f"{'-':>8}"
        calls = f"{r.calls:6d}" if r.requests or r.label == "warm cache" else f"{'-':>6}"
        reqs = f"{r.requests:9d}" if r.requests or r.label == "warm cache" else f"{'-':>9}"
        print(
            f"{r.label:26} {r.articles:8d} {r.concurrency:5d} {r.seconds:8.2f} {ideal} "
            f"{ratio} {calls} {reqs}  {r.note}"
        )
    print(
        f"speed-up of concurrency {rows[0].concurrency} over 1 on {rows[0].articles} "
        f"articles: {speedup:.1f}x (ideal {rows[0].concurrency}x)"
    )


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:4]))
