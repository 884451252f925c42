"""A chat-completions server on 127.0.0.1 for tests: it answers each article by the marker in
its text, can plant a fault on one article, and counts every request it receives."""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from fakes import extraction

PATH = "/v1/chat/completions"
_MARKER = re.compile(r"MARK-(\d+)")

# A fault gets the number of this article's request (1 for the first) and returns the reply,
# or None for a valid answer.
Fault = Callable[[Request, int], Response | None]


def completion(
    content: str | None, finish_reason: str = "stop", refusal: str | None = None
) -> dict[str, Any]:
    return {
        "id": "c1",
        "object": "chat.completion",
        "created": 0,
        "model": "m",
        "choices": [
            {
                "index": 0,
                "finish_reason": finish_reason,
                "message": {"role": "assistant", "content": content, "refusal": refusal},
            }
        ],
        "usage": {"prompt_tokens": 11, "completion_tokens": 7, "total_tokens": 18},
    }


def json_reply(body: dict[str, Any], status: int = 200, **headers: str) -> Response:
    return Response(
        json.dumps(body), status=status, content_type="application/json", headers=headers
    )


def drop_connection(request: Request) -> Response:
    """Close the socket without an answer: the client sees the connection go away."""
    sock: socket.socket = request.environ["werkzeug.socket"]
    sock.shutdown(socket.SHUT_RDWR)
    sock.close()
    return Response("never sent", status=500)


def write_articles(folder: Path, count: int) -> list[Path]:
    """`count` small articles, each with the marker the server routes by."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"story_{i:03d}.txt"
        path.write_text(
            f"Story MARK-{i}: Pakistan called for calm in round {i}. "
            f"Talks were held in Islamabad on day {i}.\n",
            encoding="utf-8",
        )
        paths.append(path)
    return paths


@dataclass
class ChatServer:
    """Routes requests by article marker; `faults` maps an article number to its fault."""

    server: HTTPServer
    faults: dict[int, Fault] = field(default_factory=dict)
    requests: list[tuple[int, float]] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.server.expect_request(PATH, method="POST").respond_with_handler(self._handle)

    @property
    def url(self) -> str:
        return self.server.url_for("/v1")

    def count(self, article: int) -> int:
        with self._lock:
            return sum(1 for a, _ in self.requests if a == article)

    def counts(self) -> dict[int, int]:
        with self._lock:
            result: dict[int, int] = {}
            for article, _ in self.requests:
                result[article] = result.get(article, 0) + 1
            return result

    def times(self, article: int) -> list[float]:
        with self._lock:
            return [t for a, t in self.requests if a == article]

    def _handle(self, request: Request) -> Response:
        body = request.get_json()
        text = " ".join(m.get("content") or "" for m in body["messages"])
        article = int(_MARKER.findall(text)[0])
        with self._lock:
            self.requests.append((article, time.monotonic()))
            nth = sum(1 for a, _ in self.requests if a == article)
        fault = self.faults.get(article)
        reply = fault(request, nth) if fault else None
        return reply or json_reply(completion(json.dumps(extraction(2))))


def threaded_server() -> HTTPServer:
    # Threaded, so that one slow or dropped request does not hold up the other articles.
    server = HTTPServer(host="127.0.0.1", threaded=True)
    server.start()
    return server
