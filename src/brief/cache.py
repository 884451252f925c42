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


class ExtractionCache:
    """Validated extractions (JSON text) by request key, in one SQLite file."""

    FILENAME = "cache.sqlite3"

    def __init__(self, directory: Path) -> None:
        self.path = directory / self.FILENAME
        self._lock = threading.Lock()
        try:
            directory.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(
                self.path, timeout=30, isolation_level=None, check_same_thread=False
            )
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute(_SCHEMA)
        except (OSError, sqlite3.Error) as e:
            raise ConfigError(
                f"cannot open the cache at {str(self.path)!r}: {e}",
                hint="pass --cache-dir DIR or --no-cache",
            ) from e

    def get(self, key: str) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT value FROM extractions WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def put(
        self, key: str, value: str, *, model: str, prompt_version: str, article_id: str
    ) -> None:
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO extractions VALUES (?, ?, ?, ?, ?, ?)",
                (key, model, prompt_version, article_id, value, time.time()),
            )

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
