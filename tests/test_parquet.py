"""Parquet at both ends of `brief extract`: articles read from a Parquet file's rows as from
JSON lines, and summaries written as Parquet (through a journal, so a run cut short keeps
what it finished) that `brief merge` turns into the very brief the JSON lines give."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner, Result

from brief.cli.commands import app
from brief.extract.extractor import Extractor
from brief.ingest.articles import read_articles
from brief.models.prompts import load_extraction_prompt
from brief.pipeline import extract_paths, read_summaries
from brief.pipeline.summaries_file import finish, journal_of, known_keys
from conftest import FIXTURES, SEEDS
from fakes import FakeChatModel, extraction


def _brief(*args: str) -> Result:
    return CliRunner().invoke(app, ["--replay", str(FIXTURES), "-q", *args])


def test_summaries_as_parquet_merge_into_the_brief_json_lines_give(tmp_path: Path) -> None:
    lines, parquet = tmp_path / "s.jsonl", tmp_path / "s.parquet"
    assert _brief("extract", str(SEEDS), "-o", str(lines)).exit_code == 0
    result = _brief("extract", str(SEEDS), "-o", str(parquet))
    assert result.exit_code == 0, result.output
    assert parquet.exists() and not journal_of(parquet).exists()  # folded in at the end
    assert pq.read_table(parquet).num_rows == 5
    assert parquet.stat().st_size < lines.stat().st_size / 2  # compressed, columnar
    from_lines, from_parquet = tmp_path / "a.md", tmp_path / "b.md"
    assert _brief("merge", str(lines), "-o", str(from_lines)).exit_code == 0
    assert _brief("merge", str(parquet), "-o", str(from_parquet)).exit_code == 0
    assert from_parquet.read_bytes() == from_lines.read_bytes()
    assert known_keys(parquet) == known_keys(lines)


class _StoppedOnThird(FakeChatModel):
    def complete(self, request):  # type: ignore[no-untyped-def]
        if len(self.history) == 2:
            raise KeyboardInterrupt
        return super().complete(request)


def test_a_parquet_run_cut_short_keeps_what_it_finished_and_the_next_goes_on(
    tmp_path: Path,
) -> None:
    model = _StoppedOnThird()
    for _ in range(2):
        model.enqueue(extraction(2))
    parquet = tmp_path / "s.parquet"
    with pytest.raises(KeyboardInterrupt):
        extract_paths([SEEDS], Extractor(model, load_extraction_prompt("extract.v2")), parquet)
    assert pq.read_table(parquet).num_rows == 2  # folded in on the way out
    rest = FakeChatModel()
    for _ in range(3):
        rest.enqueue(extraction(2))
    extract_paths([SEEDS], Extractor(rest, load_extraction_prompt("extract.v2")), parquet)
    assert len(rest.history) == 3  # only the three it did not have
    assert len(read_summaries([parquet]).lines) == 5


def test_a_journal_left_by_a_crash_is_read_and_folded_in(tmp_path: Path) -> None:
    lines, parquet = tmp_path / "s.jsonl", tmp_path / "s.parquet"
    assert _brief("extract", str(SEEDS), "-o", str(lines)).exit_code == 0
    journal = journal_of(parquet)
    journal.write_text(lines.read_text())  # as a process killed before its end leaves it
    assert len(read_summaries([parquet]).lines) == 5  # read even before it is folded
    finish(parquet)
    assert not journal.exists() and pq.read_table(parquet).num_rows == 5


def test_a_bad_parquet_row_costs_itself_alone(tmp_path: Path) -> None:
    lines, parquet = tmp_path / "s.jsonl", tmp_path / "s.parquet"
    assert _brief("extract", str(SEEDS), "-o", str(lines)).exit_code == 0
    assert _brief("extract", str(SEEDS), "-o", str(parquet)).exit_code == 0
    rows = pq.read_table(parquet).to_pylist()
    rows[1]["stored"] = "{not json"
    pq.write_table(pa.Table.from_pylist(rows), parquet)
    read = read_summaries([parquet])
    assert len(read.lines) == 4 and len(read.bad) == 1
    assert read.bad[0].startswith(f"{parquet}#2: not a summary line")


def test_articles_read_from_parquet_rows_as_from_json_lines(tmp_path: Path) -> None:
    records = [
        {"text": path.read_text(encoding="utf-8"), "title": f"Seed {n}", "url": f"https://x/{n}"}
        for n, path in enumerate(sorted(SEEDS.glob("*.txt")))
    ]
    records[0]["date"] = "2020-01-07"
    jsonl, parquet = tmp_path / "a.jsonl", tmp_path / "a.parquet"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    pq.write_table(pa.Table.from_pylist(records), parquet)
    from_lines, from_parquet = read_articles([jsonl]), read_articles([parquet])
    assert len(from_parquet.articles) == 5 and not from_parquet.skipped
    for a, b in zip(from_lines.articles, from_parquet.articles, strict=True):
        assert (a.id, a.title, a.sentences, a.date, a.url) == (b.id, b.title, b.sentences,
                                                                b.date, b.url)  # fmt: skip
        assert b.path.endswith(".parquet#" + a.path.rsplit("#", 1)[1])


def test_a_parquet_file_that_is_not_one_is_skipped_with_why(tmp_path: Path) -> None:
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"PAR1 this is not a parquet file at all")
    read = read_articles([broken])
    assert not read.articles
    assert read.skipped[0].reason.startswith("not a readable Parquet file")


def test_an_empty_parquet_file_holds_no_lines_and_a_run_writes_it_whole(tmp_path: Path) -> None:
    parquet = tmp_path / "s.parquet"
    parquet.touch()  # as a writer cut off before its first write leaves it
    assert known_keys(parquet) == set() and read_summaries([parquet]).lines == []
    assert _brief("extract", str(SEEDS), "-o", str(parquet)).exit_code == 0
    assert pq.read_table(parquet).num_rows == 5 and not journal_of(parquet).exists()
