"""The local record of submitted batches: what each batch holds and how far it has got.

One JSON file (by default `batches.json` in the cache directory) is enough to check and
collect batches from a new shell, after a reboot, or on a colleague's machine: it names
each batch and input file on the server and, for every request in it, the article and the
sentence range it asks about. It holds no API key, no base URL and no article text (the
server holds the requests; the corpus holds the text): only a line resubmitted after an
invalid answer carries that answer and the re-ask, since they are part of its request.

Writes go to a temporary file in the same folder that replaces the old one, so a crash or
a full disk never leaves half a state file.
"""

from __future__ import annotations

import fcntl
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from brief.errors import UserError
from brief.files import write_atomically

STATE_FILENAME = "batches.json"

BatchStatus = Literal[
    # Written before the request that creates the batch: an interrupt in between leaves a
    # record, so the requests are not paid for twice (see `submit.settle_creations`).
    "creating",
    "validating",
    "failed",
    "in_progress",
    "finalizing",
    "completed",
    "expired",
    "cancelling",
    "cancelled",
]
# Statuses after which the server changes nothing more: the batch can be collected.
FINAL_STATUSES: frozenset[str] = frozenset({"completed", "expired", "cancelled", "failed"})


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RequestRef(_Record):
    """One line of a batch: which article and sentences it asks about.

    `turns` are the messages that continue the conversation after the first request (an
    invalid answer and the re-ask), for a line resubmitted after an invalid answer;
    `attempt` counts the asks so far, this one included.
    """

    path: str
    article_id: str
    first: int
    last: int
    attempt: int = 1
    turns: list[dict[str, str]] = Field(default_factory=list)


class BatchRecord(_Record):
    id: str
    input_file_id: str
    model: str
    prompt_version: str
    # Part of every request key: collecting with another --max-tokens would find nothing.
    max_tokens: int
    # json_schema, or json_object (JSON mode, the schema in the prompt) for servers
    # without structured output; a resubmission uses the same.
    mode: Literal["json_schema", "json_object"] = "json_schema"
    created_at: float
    status: BatchStatus = "validating"
    output_file_id: str | None = None
    error_file_id: str | None = None
    completed: int = 0
    failed: int = 0
    # Why the server failed the whole batch (validation errors), when it did.
    errors: list[str] = Field(default_factory=list)
    requests: dict[str, RequestRef]
    collected: bool = False
    # Filled by collect: custom_id → why there is no extraction for it.
    lost: dict[str, str] = Field(default_factory=dict)

    @property
    def final(self) -> bool:
        return self.status in FINAL_STATUSES


class BatchState(_Record):
    version: int = 1
    # The article paths given at the first submit, so that collect can run without them.
    corpus: list[str] = Field(default_factory=list)
    batches: list[BatchRecord] = Field(default_factory=list)

    def pending_keys(self) -> dict[str, str]:
        """custom_id → batch id for every request in a batch not collected yet."""
        return {key: b.id for b in self.batches if not b.collected for key in b.requests}

    def find(self, batch_id: str) -> BatchRecord:
        for record in self.batches:
            if record.id == batch_id:
                return record
        known = ", ".join(b.id for b in self.batches) or "none"
        raise UserError(f"no batch {batch_id!r} in the state file", hint=f"known: {known}")


def default_state_path(cache_dir: Path) -> Path:
    return cache_dir / STATE_FILENAME


def load_state(path: Path, *, must_exist: bool = False) -> BatchState:
    """The state in `path`; an empty state when there is no such file (unless `must_exist`)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        if must_exist:
            raise UserError(
                f"no batch state file at {str(path)!r}: nothing has been submitted from here",
                hint="run `brief batch submit PATHS` first, or pass --state FILE",
            ) from None
        return BatchState()
    except OSError as e:
        raise UserError(f"cannot read the batch state file {str(path)!r}: {e.strerror}") from e
    try:
        return BatchState.model_validate_json(text)
    except ValidationError as e:
        raise UserError(
            f"{str(path)!r} is not a brief batch state file ({e.error_count()} problems, "
            f"first: {e.errors()[0]['msg']})"
        ) from None


@contextmanager
def state_lock(path: Path) -> Iterator[None]:
    """The state file held by this process alone while it submits or collects: two at once
    would each write the state without the other's batches."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = path.parent / f".{path.name}.lock"
    try:
        handle = open(lock, "a+b")  # noqa: SIM115 (held for the block below)
    except OSError as e:
        raise UserError(f"cannot lock the batch state file {str(path)!r}: {e.strerror}") from e
    with handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UserError(
                f"another brief batch command is using {str(path)!r}",
                hint="run this again when it is done: nothing is sent twice",
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def save_state(state: BatchState, path: Path) -> None:
    """Write `state` to `path` atomically."""
    text = json.dumps(state.model_dump(mode="json"), indent=1, ensure_ascii=False)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, text + "\n", prefix=".batches-")
    except OSError as e:
        raise UserError(f"cannot write the batch state file {str(path)!r}: {e.strerror}") from e
