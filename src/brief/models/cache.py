"""A SQLite cache of validated article extractions, keyed by content hash.

Each article is committed as soon as it is validated, so a run that is cut short keeps
everything it finished, and the next run picks up from there.

Worker threads share one connection behind a lock: a row is read or written in well under
a millisecond, next to seconds of model time, so a connection per thread would buy nothing
and leave connections to close in threads that have ended.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from brief.errors import ConfigError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS extractions (
    key TEXT PRIMARY KEY,
    model TEXT NOT NULL,
    prompt_version TEXT NOT NULL,
    article_id TEXT NOT NULL,
    value TEXT NOT NULL,
    created_at REAL NOT NULL
)
"""


_COLUMNS = ["key", "model", "prompt_version", "article_id", "value", "created_at"]


class CacheError(ConfigError):
    """The cache cannot be used: every article would meet it, so the run stops."""

    def __init__(self, message: str) -> None:
        super().__init__(message, hint="pass --cache-dir DIR, or --no-cache")


class ExtractionCache:
    """Validated extractions (JSON text) by request key, in one SQLite file."""

    FILENAME = "cache.sqlite3"
    LOCK_WAIT = 30.0  # seconds to wait for another program's write to end

    def __init__(self, directory: Path) -> None:
        self.path = directory / self.FILENAME
        self._lock = threading.Lock()
        try:
            directory.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(
                self.path, timeout=self.LOCK_WAIT, isolation_level=None, check_same_thread=False
            )
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute(_SCHEMA)
            self._check()
        except (OSError, sqlite3.Error) as e:
            raise CacheError(f"cannot open the cache at {str(self.path)!r}: {e}") from e

    def _check(self) -> None:
        """Find what would fail later, before the first paid request: another program's
        table of the same name, damaged pages, a file or folder that cannot be written."""
        columns = [row[1] for row in self._db.execute("PRAGMA table_info(extractions)")]
        if columns != _COLUMNS:
            raise CacheError(f"{str(self.path)!r} is not brief's cache (its table differs)")
        damage = self._db.execute("PRAGMA quick_check(1)").fetchone()[0]
        if damage != "ok":
            raise CacheError(f"the cache at {str(self.path)!r} is damaged ({damage})")
        self._db.execute("BEGIN IMMEDIATE")  # a write lock: fails on a read-only file
        try:
            self._db.execute("INSERT OR REPLACE INTO extractions VALUES ('', '', '', '', '', 0)")
        finally:
            self._db.execute("ROLLBACK")

    def get(self, key: str) -> str | None:
        with self._lock, self._failures("read"):
            row = self._db.execute("SELECT value FROM extractions WHERE key = ?", (key,)).fetchone()
        # A value of another type (a BLOB, a number, written by another program or a damaged
        # row) is a miss: the request is asked again and its answer replaces the row.
        return row[0] if row and isinstance(row[0], str) else None

    def put(
        self, key: str, value: str, *, model: str, prompt_version: str, article_id: str
    ) -> None:
        with self._lock, self._failures("write to"):
            self._db.execute(
                "INSERT OR REPLACE INTO extractions VALUES (?, ?, ?, ?, ?, ?)",
                (key, model, prompt_version, article_id, value, time.time()),
            )

    @contextmanager
    def _failures(self, doing: str) -> Iterator[None]:
        # A cache that fails mid-run (locked by another program for over 30 s, a full
        # disk, a damaged page) ends the run in one line; what was stored stays stored.
        try:
            yield
        except sqlite3.Error as e:
            raise CacheError(f"cannot {doing} the cache at {str(self.path)!r}: {e}") from e

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT count(*) FROM extractions").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> ExtractionCache:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
