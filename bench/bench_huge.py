"""What one huge article costs: `brief summarize` of a 20 MB JSON article and a 5 MB text
article, end to end through the command line, against a chat server on 127.0.0.1 that
answers at once (so the time is brief's own: reading, cleaning, splitting, parsing,
preparing requests, merging). Reports wall time and peak memory (the child's max RSS).

Usage: .venv/bin/python bench/bench_huge.py
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

BRIEF = Path(sys.executable).parent / "brief"
_WORDS = (
    "the minister said that talks would resume after the ceasefire was agreed by both sides "
    "in the capital on Tuesday while officials urged restraint"
)


class _Instant(BaseHTTPRequestHandler):
    """Answers every request with an empty reading (no positions, no events): the model's
    time is zero, whatever the request asks."""

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        body = json.loads(self.rfile.read(length))
        text = "{}" if body.get("response_format", {}).get("type") != "text" else ""
        if "json_schema" in body.get("response_format", {}).get("type", ""):
            text = json.dumps({"actors": [], "positions": [], "events": []})
        reply = {"id": "b", "object": "chat.completion", "created": 0, "model": "m",
                 "choices": [{"index": 0, "finish_reason": "stop",
                              "message": {"role": "assistant", "content": text}}],
                 "usage": {"prompt_tokens": 1, "completion_tokens": 1}}  # fmt: skip
        data = json.dumps(reply).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


def _text(chars: int) -> str:
    rng = random.Random(1)
    out, size = ["Pakistan called for calm on Tuesday. "], 0
    while size < chars:
        sentence = " ".join(rng.choice(_WORDS.split()) for _ in range(16)).capitalize() + ". "
        out.append(sentence)
        size += len(sentence)
    return "".join(out)


def _run(path: Path, url: str) -> tuple[float, float, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(
        [str(BRIEF), "--base-url", url, "--no-cache", "--no-gists", "summarize", str(path)],
        capture_output=True, text=True, env={"OPENAI_API_KEY": "sk-bench", "PATH": "/usr/bin"},
    )  # fmt: skip
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    warning = next((x for x in done.stderr.splitlines() if x.startswith("warning")), "")
    return seconds, max(peak, before) / 1024, f"exit {done.returncode}; {warning[:160]}"


def main() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Instant)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/v1"
    with tempfile.TemporaryDirectory() as folder:
        huge_json = Path(folder) / "huge.json"
        huge_json.write_text(json.dumps({"title": "Huge", "text": _text(20_000_000)}))
        huge_txt = Path(folder) / "huge.txt"
        huge_txt.write_text(_text(5_000_000))
        for path in (huge_json, huge_txt):
            seconds, peak_mb, said = _run(path, url)
            size = path.stat().st_size / 1e6
            print(f"{path.name} ({size:.1f} MB): {seconds:.1f} s, peak {peak_mb:.0f} MB; {said}")
    server.shutdown()


if __name__ == "__main__":
    main()
