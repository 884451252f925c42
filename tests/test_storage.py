"""Nothing paid for is lost: storage problems are found before the first request where
they can be, and otherwise end the run in one line with what was cached kept. Against the
real local chat server, with real SQLite files."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from brief.cli import options as cli_options
from brief.cli.commands import app
from brief.config import Settings, load_settings
from brief.models import recording
from brief.models.cache import ExtractionCache
from chat_server import ChatServer, write_articles


@pytest.fixture(autouse=True)
def extraction_only(monkeypatch: pytest.MonkeyPatch) -> None:
    def settings(**flags: Any) -> Settings:
        return load_settings(os.environ, max_retries=0, **{**flags, "gists": False})

    monkeypatch.setattr(cli_options, "_settings_from_flags", settings)


def run(chat: ChatServer, tmp_path: Path, *options: str, count: int = 3) -> Result:
    folder = tmp_path / "articles"
    write_articles(folder, count)
    return CliRunner().invoke(
        app,
        ["--base-url", chat.url, "--concurrency", "1", *options, "summarize", str(folder)],
        env={"OPENAI_API_KEY": "sk-test-storage"},
    )


def one_error_line(result: Result) -> str:
    assert "Traceback" not in result.output
    [line] = [x for x in result.stderr.splitlines() if x.startswith("error: ")]
    return line


def test_an_unwritable_record_folder_is_refused_before_any_request(
    chat: ChatServer, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run(chat, tmp_path, "--record", str(blocker / "fixtures"))
    assert result.exit_code == 3, result.output
    assert "--record folder" in one_error_line(result)
    assert chat.requests == []


def test_a_cache_that_cannot_be_made_is_refused_before_any_request(
    chat: ChatServer, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run(chat, tmp_path, "--cache-dir", str(blocker))
    assert result.exit_code == 3, result.output
    assert "cannot open the cache" in one_error_line(result)
    assert chat.requests == []


def test_a_foreign_table_in_the_cache_file_is_refused_before_any_request(
    chat: ChatServer, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    with sqlite3.connect(cache / ExtractionCache.FILENAME) as db:
        db.execute("CREATE TABLE extractions (id INTEGER, body BLOB)")
    result = run(chat, tmp_path, "--cache-dir", str(cache))
    assert result.exit_code == 3, result.output
    assert "is not brief's cache" in one_error_line(result)
    assert chat.requests == []


def test_a_damaged_page_inside_the_cache_is_found_at_once(chat: ChatServer, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    with ExtractionCache(cache) as store:
        for i in range(400):
            store.put(f"k{i}", "x" * 500, model="m", prompt_version="v", article_id=str(i))
    with sqlite3.connect(cache / ExtractionCache.FILENAME) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    path = cache / ExtractionCache.FILENAME
    data = bytearray(path.read_bytes())
    page = 4096
    middle = (len(data) // page // 2) * page
    data[middle : middle + page] = os.urandom(page)  # a page mid-file, the header intact
    path.write_bytes(bytes(data))
    result = run(chat, tmp_path, "--cache-dir", str(cache))
    assert result.exit_code == 3, result.output
    line = one_error_line(result)
    assert "cache" in line and ("damaged" in line or "malformed" in line), line
    assert chat.requests == []


def test_a_cache_locked_by_another_program_is_one_line(
    chat: ChatServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    ExtractionCache(cache).close()
    monkeypatch.setattr(ExtractionCache, "LOCK_WAIT", 0.2)  # 30 s in real use
    other = sqlite3.connect(cache / ExtractionCache.FILENAME, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        result = run(chat, tmp_path, "--cache-dir", str(cache))
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert result.exit_code == 3, result.output
    assert "locked" in one_error_line(result)
    assert chat.requests == []


def test_a_disk_that_fills_while_recording_keeps_the_paid_answer_and_stops(
    chat: ChatServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_write = recording._write_atomically
    writes: list[Path] = []

    def fill_on_second(path: Path, text: str) -> None:
        writes.append(path)
        if len(writes) >= 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write(path, text)

    monkeypatch.setattr(recording, "_write_atomically", fill_on_second)
    cache = tmp_path / "cache"
    result = run(chat, tmp_path, "--cache-dir", str(cache), "--record", str(tmp_path / "fx"))
    assert result.exit_code == 3, result.output
    assert "No space left on device" in one_error_line(result)
    assert len(chat.requests) == 2  # the third article was never sent
    with ExtractionCache(cache) as store:
        assert len(store) == 2  # both answers that came back are kept


def test_a_cache_whose_disk_fills_mid_run_stops_the_run_in_one_line(
    chat: ChatServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite's own page limit stands in for a full disk: the first write fails, the run
    ends in one line instead of paying for the other articles."""
    real_init = ExtractionCache.__init__

    def full_after_open(self: ExtractionCache, directory: Path) -> None:
        real_init(self, directory)
        self.put("filler", "x" * 3900, model="m", prompt_version="v", article_id="")
        pages = self._db.execute("PRAGMA page_count").fetchone()[0]
        self._db.execute(f"PRAGMA max_page_count = {pages}")

    monkeypatch.setattr(ExtractionCache, "__init__", full_after_open)
    result = run(chat, tmp_path, "--cache-dir", str(tmp_path / "cache"))
    assert result.exit_code == 3, result.output
    assert "full" in one_error_line(result)
    assert len(chat.requests) == 1


def test_a_cache_row_of_the_wrong_type_is_asked_again_and_replaced(
    chat: ChatServer, tmp_path: Path
) -> None:
    cache_dir = tmp_path / "cache"
    first = run(chat, tmp_path, "--cache-dir", str(cache_dir), count=2)
    assert first.exit_code == 0, first.output
    db = cache_dir / ExtractionCache.FILENAME
    with sqlite3.connect(db) as connection:
        key = connection.execute("SELECT key FROM extractions LIMIT 1").fetchone()[0]
        connection.execute("UPDATE extractions SET value = ? WHERE key = ?", (b"\x00\xff", key))
    asked = len(chat.requests)
    again = run(chat, tmp_path, "--cache-dir", str(cache_dir), count=2)
    assert again.exit_code == 0, again.output
    assert len(chat.requests) == asked + 1  # the damaged row alone was asked again
    with sqlite3.connect(db) as connection:
        value = connection.execute("SELECT value FROM extractions WHERE key = ?", (key,))
        assert isinstance(value.fetchone()[0], str)
