"""`brief summarize` as two steps with a file between them: `brief extract` then `brief
merge` give the very brief `summarize` gives; a rerun of extract asks nothing it has; a run
cut short keeps every article it finished; a bad line costs itself alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from brief.cli.commands import app
from brief.errors import ModelError
from brief.extract.extractor import Extractor
from brief.ingest.articles import read_articles
from brief.models.prompts import load_extraction_prompt
from brief.pipeline import (
    SummaryLine,
    extract_paths,
    merge,
    read_summaries,
    summarize_article,
)
from conftest import FIXTURES, SEEDS
from fakes import FakeChatModel, extraction


def _brief(*args: str) -> Result:
    return CliRunner().invoke(app, ["--replay", str(FIXTURES), "-q", *args])


@pytest.mark.parametrize("suffix", ["md", "json"])
def test_extract_then_merge_is_the_brief_summarize_writes(tmp_path: Path, suffix: str) -> None:
    summaries = tmp_path / "summaries.jsonl"
    assert _brief("extract", str(SEEDS), "-o", str(summaries)).exit_code == 0
    merged, whole = tmp_path / f"merged.{suffix}", tmp_path / f"whole.{suffix}"
    assert _brief("merge", str(summaries), "-o", str(merged)).exit_code == 0
    assert _brief("summarize", str(SEEDS), "-o", str(whole)).exit_code == 0
    assert merged.read_bytes() == whole.read_bytes()
    assert len(summaries.read_text().splitlines()) == 5


def test_a_rerun_of_extract_asks_the_model_nothing_it_has(tmp_path: Path) -> None:
    summaries = tmp_path / "summaries.jsonl"
    assert _brief("extract", str(SEEDS), "-o", str(summaries)).exit_code == 0
    before = summaries.read_bytes()
    empty = tmp_path / "no-recordings"
    empty.mkdir()  # a replay from here fails any request: none may be made
    again = CliRunner().invoke(app, ["--replay", str(empty), "extract", str(SEEDS),
                                     "-o", str(summaries)])  # fmt: skip
    assert again.exit_code == 0, again.output
    assert "0 articles summarized" in again.stderr and "5 already there" in again.stderr
    assert summaries.read_bytes() == before


class _StoppedOnThird(FakeChatModel):
    def complete(self, request):  # type: ignore[no-untyped-def]
        if len(self.history) == 2:
            raise KeyboardInterrupt
        return super().complete(request)


def test_an_extract_cut_short_keeps_every_article_it_finished(tmp_path: Path) -> None:
    model = _StoppedOnThird()
    for _ in range(5):
        model.enqueue(extraction(2))
    summaries = tmp_path / "summaries.jsonl"
    extractor = Extractor(model, load_extraction_prompt("extract.v2"))
    with pytest.raises(KeyboardInterrupt):
        extract_paths([SEEDS], extractor, summaries)
    kept = read_summaries([summaries]).lines
    assert len(kept) == 2 and all(line.stored is not None for line in kept)


def test_a_bad_line_costs_itself_alone(tmp_path: Path) -> None:
    summaries = tmp_path / "summaries.jsonl"
    assert _brief("extract", str(SEEDS), "-o", str(summaries)).exit_code == 0
    lines = summaries.read_text().splitlines()
    summaries.write_text("\n".join([lines[0], "{not json", *lines[1:]]) + "\n")
    result = _brief("merge", str(summaries))
    assert result.exit_code == 0, result.output
    assert f"warning: {summaries}:2: not a summary line" in result.stderr
    assert "5 sources" in result.stdout


def test_summarize_article_is_one_articles_summary_or_a_model_error() -> None:
    article = read_articles([SEEDS / "000_09fb3b9035898a69.txt"]).articles[0]
    model = FakeChatModel().enqueue(extraction(2))
    summary = summarize_article(article, Extractor(model, load_extraction_prompt("extract.v2")))
    assert summary.article == article and summary.extraction.actors
    failing = FakeChatModel().enqueue("not json").enqueue("still not").enqueue("no")
    with pytest.raises(ModelError):
        summarize_article(article, Extractor(failing, load_extraction_prompt("extract.v2")))


def test_a_summary_line_round_trips_through_json() -> None:
    article = read_articles([SEEDS / "000_09fb3b9035898a69.txt"]).articles[0]
    line = SummaryLine(article_id=article.id, path=article.path, order=0, key="k", error="x")
    assert SummaryLine.model_validate_json(line.model_dump_json()) == line


def test_a_line_carries_what_its_text_told_and_a_line_without_it_merges_the_same(
    tmp_path: Path,
) -> None:
    # The per-article step reads the principal actors from the text, so the merge of
    # thousands does not; a line written before it did (no "principal") merges the same.
    summaries = tmp_path / "summaries.jsonl"
    assert _brief("extract", str(SEEDS), "-o", str(summaries)).exit_code == 0
    lines = [SummaryLine.model_validate_json(t) for t in summaries.read_text().splitlines()]
    assert all(line.stored is not None and line.stored.principal for line in lines)
    older = tmp_path / "older.jsonl"
    older.write_text(
        "".join(
            line.model_copy(
                update={"stored": line.stored.model_copy(update={"principal": None})}
            ).model_dump_json(exclude_none=True)
            + "\n"
            for line in lines
            if line.stored is not None
        )
    )
    assert '"principal"' not in older.read_text()
    new, old = _brief("merge", str(summaries)), _brief("merge", str(older))
    assert new.exit_code == old.exit_code == 0
    assert new.stdout == old.stdout


def test_merge_takes_summaries_from_any_engine_as_it_takes_lines(tmp_path: Path) -> None:
    summaries = tmp_path / "summaries.jsonl"
    assert _brief("extract", str(SEEDS), "-o", str(summaries)).exit_code == 0
    lines = read_summaries([summaries]).lines
    from_lines = merge(lines).brief
    from_summaries = merge([ln.stored.summary() for ln in lines if ln.stored is not None]).brief
    assert from_summaries == from_lines
