"""Recording answers to JSON fixtures, and replaying them without a network."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from brief.errors import ConfigError, ReplayMissError
from brief.files import write_atomically
from brief.models.base import ChatModel, ChatRequest, ChatResponse, request_key


def fixture_path(directory: Path, model_name: str, request: ChatRequest) -> Path:
    return directory / f"{request_key(model_name, request)}.json"


def _fixture_document(
    model_name: str, request: ChatRequest, response: ChatResponse
) -> dict[str, Any]:
    # Only the request's content and the answer: no headers, keys or URLs ever reach a fixture.
    return {
        "key": request_key(model_name, request),
        "request": {
            "model": model_name,
            "prompt_version": request.prompt_version,
            "schema_name": request.schema_name,
            "messages": list(request.messages),
            "max_tokens": request.max_tokens,
            "temperature": request.temperature,
            "repeat_penalty": request.repeat_penalty,
        },
        "response": response.to_json(),
    }


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, text)  # a failed write leaves no empty temporary fixture


def _check_writable(directory: Path) -> None:
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=directory, prefix=".probe-"):
            pass
    except OSError as e:
        raise ConfigError(
            f"--record folder {str(directory)!r} cannot be written: {e.strerror or e}"
        ) from e


class RecordingChatModel:
    """Wraps a real model and saves every request with its answer as a fixture."""

    def __init__(self, inner: ChatModel, directory: Path) -> None:
        self.inner = inner
        self.name = inner.name
        self.concurrent = inner.concurrent  # each request writes its own file, atomically
        self.directory = directory
        self.failure: str | None = None
        _check_writable(directory)  # before the first paid request, not after the last

    def complete(self, request: ChatRequest) -> ChatResponse:
        if self.failure is not None:
            raise ConfigError(self.failure)  # stop spending on answers that cannot be kept
        response = self.inner.complete(request)
        document = _fixture_document(self.name, request, response)
        text = json.dumps(document, indent=1, ensure_ascii=False) + "\n"
        try:
            _write_atomically(fixture_path(self.directory, self.name, request), text)
        except OSError as e:
            # This answer is paid for: it goes back to be cached; the next request stops.
            self.failure = f"cannot record to {str(self.directory)!r}: {e.strerror or e}"
        return response


class ReplayChatModel:
    """Answers only from recorded fixtures; a missing one is an error, never a network call."""

    concurrent = True  # read-only

    def __init__(self, directory: Path, name: str) -> None:
        self.directory = directory
        self.name = name

    def complete(self, request: ChatRequest) -> ChatResponse:
        path = fixture_path(self.directory, self.name, request)
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ReplayMissError(
                f"no recorded answer for {request.label or 'a request'} "
                f"(model {self.name!r}, prompt {request.prompt_version}): "
                f"{path.name} is not in {str(self.directory)!r}",
                hint="record it with --record DIR on a live model, or pick the recorded --model",
            ) from None
        except (OSError, json.JSONDecodeError) as e:
            raise ReplayMissError(f"fixture {str(path)!r} cannot be read: {e}") from e
        return ChatResponse.from_json(document["response"])
