"""Outputs and fixtures are written atomically: a write that fails half-way (a full disk)
leaves the earlier file whole and no temporary file behind."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from brief import files
from brief.cli.commands import app
from brief.errors import ConfigError
from brief.models.base import ChatRequest
from brief.models.recording import RecordingChatModel
from conftest import FIXTURES, SEEDS
from fakes import FakeChatModel


def _disk_full(fd: int) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_failed_write_keeps_the_earlier_brief_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    earlier = tmp_path / "brief.md"
    earlier.write_text("# The earlier, complete brief\n", encoding="utf-8")
    monkeypatch.setattr(files.os, "fsync", _disk_full)
    result = CliRunner().invoke(
        app, ["--replay", str(FIXTURES), "-q", "summarize", str(SEEDS), "-o", str(earlier)]
    )
    assert result.exit_code != 0
    assert "cannot write" in result.stderr and "No space left on device" in result.stderr
    assert "Traceback" not in result.output
    assert earlier.read_text(encoding="utf-8") == "# The earlier, complete brief\n"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.md"]


def test_a_written_brief_replaces_the_earlier_one(tmp_path: Path) -> None:
    out = tmp_path / "brief.md"
    out.write_text("old", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["--replay", str(FIXTURES), "-q", "summarize", str(SEEDS), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("# Crisis brief")
    assert [p.name for p in tmp_path.iterdir()] == ["brief.md"]


def test_a_fixture_that_cannot_be_written_leaves_no_empty_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = RecordingChatModel(FakeChatModel().enqueue({"answer": 1}), tmp_path)
    monkeypatch.setattr(files.os, "fsync", _disk_full)
    request = ChatRequest(
        messages=({"role": "user", "content": "hello"},), prompt_version="v", schema_name="s"
    )
    # The answer is paid for: it is returned (to be cached), and the next request stops.
    assert model.complete(request).content is not None
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(ConfigError, match="cannot record"):
        model.complete(request)
