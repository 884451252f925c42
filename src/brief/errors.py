"""One exception root for everything brief raises on purpose.

Each subclass says whose fault it is and carries the data a caller needs; the CLI maps
them to one line on stderr and an exit code, never a traceback.
"""

from __future__ import annotations

import logging
from typing import Any

from pydantic import ValidationError


class BriefError(Exception):
    """Root of every error brief raises deliberately."""

    exit_code: int = 3

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class UserError(BriefError):
    """The caller's mistake: a bad flag, a missing path, a malformed period."""

    exit_code = 2


class ConfigError(UserError):
    """No usable backend, a missing key, a bad model path."""

    exit_code = 3


class InputError(BriefError):
    """One input file or record cannot be read as an article. The run goes on without it."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ModelError(BriefError):
    """The model or its server misbehaved. `usage` holds the tokens spent before it did."""

    exit_code = 4
    usage: Any = None


class ModelHTTPError(ModelError):
    """The server answered with an HTTP error we do not retry, or retries ran out."""

    def __init__(self, message: str, *, status_code: int | None = None) -> None:
        super().__init__(message)
        self.status_code = status_code


class OutputTruncatedError(ModelError):
    """The answer was cut off by the token limit (finish_reason == "length")."""

    def __init__(self, max_tokens: int | None, completion_tokens: int) -> None:
        super().__init__(
            f"the model's answer was cut off by the token limit after {completion_tokens} tokens",
            hint="raise --max-tokens or use a model with a larger context",
        )
        self.max_tokens = max_tokens
        self.completion_tokens = completion_tokens


class RefusalError(ModelError):
    """The model refused to answer."""


class InvalidOutputError(ModelError):
    """The model's answer stayed invalid after every re-ask."""

    def __init__(
        self, message: str, *, last_content: str, n_attempts: int, usage: Any = None
    ) -> None:
        super().__init__(message)
        self.last_content = last_content
        self.n_attempts = n_attempts
        self.usage = usage


class ReplayMissError(ModelError):
    """--replay was given and no recorded answer exists for a request.

    It fails one article, like any model error; a run whose every article failed exits 4.
    """


class ModelFileError(ConfigError):
    """The embedded model file is missing, truncated or does not match its checksum."""


class BatchError(BriefError):
    """The Batch API refused or lost work: an upload or batch rejected, a file unreadable."""

    exit_code = 4


class BatchPendingError(BatchError):
    """Some batches are still running: nothing is wrong, the results are not there yet."""

    exit_code = 6


def describe_validation_error(error: ValidationError, limit: int = 5) -> str:
    """A short, model-readable list of what was wrong."""
    parts = []
    for item in error.errors()[:limit]:
        where = ".".join(str(p) for p in item["loc"]) or "(root)"
        parts.append(f"{where}: {item['msg']}")
    more = len(error.errors()) - limit
    if more > 0:
        parts.append(f"and {more} more")
    return "; ".join(parts)


log = logging.getLogger("brief")


def contained(error: BaseException, what: str) -> str:
    """The one-line reason for an unexpected error that fails one article (or one file),
    not the run. Its traceback goes to the "brief" log, which `-v` shows: a programming
    error is never silent."""
    if isinstance(error, BriefError):
        return str(error)
    log.debug("%s failed", what, exc_info=error)
    detail = " ".join(str(error).split())[:200]
    name = type(error).__name__
    return f"unexpected {name}: {detail}" if detail else f"unexpected {name}"
