"""A fake Batch API on 127.0.0.1 for tests: the parts of the Files and Batches endpoints that
`brief` uses (upload, create, retrieve, cancel, file content), on a real HTTP server.

Nothing runs by itself: a test creates batches through brief, then says what the server
does with them (`complete`, `expire`, `fail`), the way the real service would some hours
later. The answers are those of a fake model (`fakes.extraction`), routed by the article's
MARK-n marker like the chat test server, written back in shuffled order; chosen articles
can get a failed line (in the error file) or a schema-invalid answer.
"""

from __future__ import annotations

import json
import random
import re
import threading
from dataclasses import dataclass, field
from typing import Any

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from chat_server import completion, json_reply
from fakes import extraction

_MARKER = re.compile(r"MARK-(\d+)")
_NUMBERED = re.compile(r"^\[(\d+)\] ", re.MULTILINE)
_BATCH = re.compile(r"^/v1/batches/([^/]+)$")
_CANCEL = re.compile(r"^/v1/batches/([^/]+)/cancel$")
_CONTENT = re.compile(r"^/v1/files/([^/]+)/content$")


def _error(message: str, status: int) -> Response:
    return json_reply({"error": {"message": message, "type": "invalid_request_error"}}, status)


@dataclass
class FakeBatchServer:
    """The Files and Batches endpoints. `failing` articles get an error line; `invalid`
    articles get an answer citing a sentence they do not have, on their first ask only."""

    server: HTTPServer
    failing: set[int] = field(default_factory=set)
    invalid: set[int] = field(default_factory=set)
    # The server's own limits on one input file; brief must split below them.
    max_requests: int = 50_000
    max_bytes: int = 200_000_000
    files: dict[str, bytes] = field(default_factory=dict)
    batches: dict[str, dict[str, Any]] = field(default_factory=dict)
    asks: dict[int, int] = field(default_factory=dict)
    authorizations: list[str] = field(default_factory=list)
    # File ids whose download fails with HTTP 503 (a flaky file service).
    unavailable: set[str] = field(default_factory=set)
    # The next this-many uploads are refused with 429 (a rate limit), then they work.
    rate_limited_uploads: int = 0
    random: random.Random = field(default_factory=lambda: random.Random(7))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        routes = [
            ("/v1/files", "POST", self._upload),
            ("/v1/batches", "POST", self._create),
            ("/v1/batches", "GET", self._list),
            (_CANCEL, "POST", self._cancel),
            (_BATCH, "GET", self._retrieve),
            (_CONTENT, "GET", self._content),
        ]
        for uri, method, handler in routes:
            self.server.expect_request(uri, method=method).respond_with_handler(
                self._authorized(handler)
            )

    @property
    def url(self) -> str:
        return self.server.url_for("/v1")

    # ---------------------------------------------------------------- what tests read

    def input_lines(self, batch_id: str | None = None) -> list[dict[str, Any]]:
        """Every request line of every batch created (or of one)."""
        chosen = [self.batches[batch_id]] if batch_id else list(self.batches.values())
        return [line for b in chosen for line in self._lines(b["input_file_id"])]

    def markers(self, batch_id: str | None = None) -> list[int]:
        return [_marker(line["body"]) for line in self.input_lines(batch_id)]

    # ------------------------------------------------------------ what the service does

    def complete(self, batch_id: str | None = None) -> None:
        """Answer every line of the running batches (or of one), in shuffled order."""
        for batch in self._running(batch_id):
            self._finish(batch, "completed", len(self._lines(batch["input_file_id"])))

    def expire(self, batch_id: str, answered: int) -> None:
        """The 24 hours ran out after `answered` lines: those are in the output file."""
        self._finish(self.batches[batch_id], "expired", answered)

    def fail(self, batch_id: str, message: str = "the input file is not valid") -> None:
        """The whole batch failed validation: no output at all."""
        batch = self.batches[batch_id]
        batch.update(
            status="failed",
            errors={
                "object": "list",
                "data": [{"code": "invalid_request", "message": message, "line": 1, "param": None}],
            },
        )

    # ---------------------------------------------------------------- the endpoints

    def _authorized(self, handler: Any) -> Any:
        def handle(request: Request, **kwargs: Any) -> Response:
            with self._lock:
                self.authorizations.append(request.headers.get("Authorization", ""))
                return handler(request)

        return handle

    def _upload(self, request: Request) -> Response:
        if self.rate_limited_uploads > 0:
            self.rate_limited_uploads -= 1
            return _error("rate limit reached for uploads", 429)
        if request.form.get("purpose") != "batch" or "file" not in request.files:
            return _error("expected a file with purpose=batch", 400)
        data = request.files["file"].read()
        file_id = self._new_file(data)
        return json_reply(
            {
                "id": file_id,
                "object": "file",
                "bytes": len(data),
                "created_at": 1_700_000_000,
                "filename": request.files["file"].filename,
                "purpose": "batch",
                "status": "processed",
            }
        )

    def _create(self, request: Request) -> Response:
        body = request.get_json()
        data = self.files.get(body.get("input_file_id", ""))
        if data is None:
            return _error("no such file", 404)
        if body.get("endpoint") != "/v1/chat/completions" or body.get("completion_window") != "24h":
            return _error("unsupported endpoint or completion window", 400)
        lines = self._lines(body["input_file_id"])
        if len(lines) > self.max_requests or len(data) > self.max_bytes:
            return _error(f"the batch is too large: {len(lines)} lines, {len(data)} bytes", 400)
        if len({line["custom_id"] for line in lines}) != len(lines):
            return _error("custom_id values must be unique", 400)
        batch_id = f"batch_{len(self.batches) + 1:03d}"
        self.batches[batch_id] = {
            "id": batch_id,
            "object": "batch",
            "endpoint": body["endpoint"],
            "input_file_id": body["input_file_id"],
            "completion_window": "24h",
            "status": "in_progress",
            "created_at": 1_700_000_000 + len(self.batches),
            "output_file_id": None,
            "error_file_id": None,
            "errors": None,
            "request_counts": {"total": len(lines), "completed": 0, "failed": 0},
            "metadata": body.get("metadata"),
        }
        return json_reply(self.batches[batch_id])

    def _list(self, request: Request) -> Response:
        # Newest first, as the Batch API lists them; one page holds them all here.
        data = sorted(self.batches.values(), key=lambda b: b["created_at"], reverse=True)
        return json_reply({"object": "list", "data": data, "has_more": False,
                           "first_id": None, "last_id": None})  # fmt: skip

    def _retrieve(self, request: Request) -> Response:
        batch = self.batches.get(_BATCH.match(request.path).group(1))  # type: ignore[union-attr]
        return json_reply(batch) if batch else _error("no such batch", 404)

    def _cancel(self, request: Request) -> Response:
        batch = self.batches.get(_CANCEL.match(request.path).group(1))  # type: ignore[union-attr]
        if batch is None:
            return _error("no such batch", 404)
        if batch["status"] == "in_progress":
            batch["status"] = "cancelled"
        return json_reply(batch)

    def _content(self, request: Request) -> Response:
        file_id = _CONTENT.match(request.path).group(1)  # type: ignore[union-attr]
        if file_id in self.unavailable:
            return _error("the file service is unavailable", 503)
        data = self.files.get(file_id)
        if data is None:
            return _error("no such file", 404)
        return Response(data, content_type="application/octet-stream")

    # ---------------------------------------------------------------- the answers

    def _running(self, batch_id: str | None) -> list[dict[str, Any]]:
        with self._lock:
            chosen = [self.batches[batch_id]] if batch_id else list(self.batches.values())
            return [b for b in chosen if b["status"] == "in_progress"]

    def _finish(self, batch: dict[str, Any], status: str, answered: int) -> None:
        with self._lock:
            lines = self._lines(batch["input_file_id"])[:answered]
            results = [self._answer(line) for line in lines]
            self.random.shuffle(results)
            good = [r for r in results if r["response"] and r["response"]["status_code"] == 200]
            bad = [r for r in results if r not in good]
            batch["status"] = status
            batch["output_file_id"] = self._new_file(_jsonl(good)) if good else None
            batch["error_file_id"] = self._new_file(_jsonl(bad)) if bad else None
            batch["request_counts"]["completed"] = len(good)
            batch["request_counts"]["failed"] = len(bad)

    def _answer(self, line: dict[str, Any]) -> dict[str, Any]:
        article = _marker(line["body"])
        self.asks[article] = self.asks.get(article, 0) + 1
        result: dict[str, Any] = {
            "id": f"batch_req_{line['custom_id'][:8]}",
            "custom_id": line["custom_id"],
            "error": None,
        }
        if article in self.failing:
            result["response"] = {
                "status_code": 500,
                "request_id": "r",
                "body": {
                    "error": {
                        "message": "The server had an error processing your request.",
                        "type": "server_error",
                    }
                },
            }
            return result
        first, last = _shown(line["body"])
        answer = _cite_from(extraction(min(2, last - first + 1)), first)
        if article in self.invalid and self.asks[article] == 1:
            answer = _cite_from(extraction(1), last + 1)  # a sentence it was not shown
        result["response"] = {
            "status_code": 200,
            "request_id": "r",
            "body": completion(json.dumps(answer)),
        }
        return result

    def _new_file(self, data: bytes) -> str:
        file_id = f"file-{len(self.files) + 1:03d}"
        self.files[file_id] = data
        return file_id

    def _lines(self, file_id: str) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.files[file_id].splitlines() if line.strip()]


def _marker(body: dict[str, Any]) -> int:
    text = " ".join(m.get("content") or "" for m in body["messages"] if m["role"] == "user")
    return int(_MARKER.findall(text)[0])


def _jsonl(rows: list[dict[str, Any]]) -> bytes:
    return b"".join(json.dumps(row).encode() + b"\n" for row in rows)


def _shown(body: dict[str, Any]) -> tuple[int, int]:
    """The first and last sentence numbers the request shows the model."""
    user = next(m["content"] for m in body["messages"] if m["role"] == "user")
    numbers = [int(n) for n in _NUMBERED.findall(user)]
    return min(numbers), max(numbers)


def _cite_from(answer: dict[str, Any], first: int) -> dict[str, Any]:
    """`answer` with its citations moved to start at sentence `first` (a later part)."""
    for item in answer["positions"] + answer["events"]:
        item["sentences"] = [n + first - 1 for n in item["sentences"]]
    return answer
