"""`-o` writes only where the user meant, and nothing is paid for a brief that cannot be
written: pipes, devices, folders, links out of their folder and extensions brief cannot
write are refused before any model call; a file name that is not UTF-8 is written in
every format; a full standard output is an error, not a lost brief."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from brief.cli.commands import app
from conftest import FIXTURES, SEEDS


def _summarize(*extra: str) -> object:
    return CliRunner().invoke(app, ["--replay", str(FIXTURES), "-q", "summarize", *extra])


def _refused_before_work(result: object, wanted: str) -> None:
    assert result.exit_code == 2, result.output  # type: ignore[attr-defined]
    assert wanted in result.stderr  # type: ignore[attr-defined]
    assert "Traceback" not in result.output  # type: ignore[attr-defined]
    # Refused before reading: no article was summarized (no progress, no closing line).
    assert "articles read" not in result.stderr  # type: ignore[attr-defined]


def test_a_pipe_is_refused_and_left_a_pipe(tmp_path: Path) -> None:
    fifo = tmp_path / "brief.md"
    os.mkfifo(fifo)
    _refused_before_work(_summarize(str(SEEDS), "-o", str(fifo)), "not a regular file")
    assert fifo.is_fifo()


def test_a_device_and_a_folder_are_refused(tmp_path: Path) -> None:
    _refused_before_work(_summarize(str(SEEDS), "-o", os.devnull), "not a regular file")
    _refused_before_work(_summarize(str(SEEDS), "-o", str(tmp_path)), "is a folder")
    missing = tmp_path / "no" / "brief.md"
    _refused_before_work(_summarize(str(SEEDS), "-o", str(missing)), "there is no folder")


def test_a_link_out_of_its_folder_is_refused_and_one_within_is_written_through(
    tmp_path: Path,
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    kept = elsewhere / "notes.md"
    kept.write_text("mine\n", encoding="utf-8")
    here = tmp_path / "here"
    here.mkdir()
    (here / "out.md").symlink_to(kept)
    _refused_before_work(_summarize(str(SEEDS), "-o", str(here / "out.md")), "outside its folder")
    assert kept.read_text(encoding="utf-8") == "mine\n"
    assert (here / "out.md").is_symlink()

    (here / "brief.md").write_text("old\n", encoding="utf-8")
    (here / "latest.md").symlink_to("brief.md")
    assert _summarize(str(SEEDS), "-o", str(here / "latest.md")).exit_code == 0  # type: ignore[attr-defined]
    assert (here / "latest.md").is_symlink()
    assert (here / "brief.md").read_text(encoding="utf-8").startswith("# Crisis brief")


def test_an_extension_brief_cannot_write_is_refused_unless_the_format_is_named(
    tmp_path: Path,
) -> None:
    pdf = tmp_path / "brief.pdf"
    _refused_before_work(_summarize(str(SEEDS), "-o", str(pdf)), "cannot write a .pdf file")
    assert not pdf.exists()
    assert _summarize(str(SEEDS), "-f", "markdown", "-o", str(pdf)).exit_code == 0  # type: ignore[attr-defined]
    assert pdf.read_text(encoding="utf-8").startswith("# Crisis brief")


@pytest.mark.parametrize("suffix", ["md", "json", "html", "docx", "csv"])
def test_a_folder_name_that_is_not_utf8_is_written_in_every_format(
    tmp_path: Path, suffix: str
) -> None:
    folder = os.path.join(os.fsencode(tmp_path), b"caf\xe9")
    os.mkdir(folder)
    article = (SEEDS / "000_09fb3b9035898a69.txt").read_bytes()
    with open(os.path.join(folder, b"a.txt"), "wb") as handle:
        handle.write(article)
    out = tmp_path / f"brief.{suffix}"
    result = _summarize(os.fsdecode(folder), "-o", str(out))
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert out.stat().st_size > 0
    if suffix == "md":
        assert "caf\ufffd" in out.read_text(encoding="utf-8")


def test_a_full_standard_output_is_an_error_with_a_message() -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [str(Path(sys.executable).parent / "brief"), "--replay", str(FIXTURES), "-q",
             "summarize", str(SEEDS)],
            stdout=full, stderr=subprocess.PIPE, text=True, timeout=120,
        )  # fmt: skip
    assert done.returncode == 3
    assert "cannot write the brief to standard output" in done.stderr
    assert "Traceback" not in done.stderr
