"""`brief extract --engine ray` on a real local Ray of two CPUs: the brief merged from its
summaries is byte for byte the one-process brief, against recordings and against a real
chat server on 127.0.0.1 (its summaries written as Parquet), and a rerun asks the model
nothing it has."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from brief.cli.commands import app
from brief.pipeline.summaries_file import journal_of, read_summaries
from chat_server import ChatServer, write_articles
from conftest import FIXTURES, SEEDS

pytest.importorskip("ray", reason="the Ray engine needs pip install 'brief[ray]'")


def _run(*args: str, env: dict[str, str] | None = None) -> str:
    result = CliRunner().invoke(app, list(args), env=env)
    assert result.exit_code == 0, result.output
    return str(result.stderr)


def test_the_ray_path_gives_the_one_process_brief_on_the_seeds(tmp_path: Path) -> None:
    replay = ["--replay", str(FIXTURES)]
    summaries = tmp_path / "ray.jsonl"
    said = _run(*replay, "extract", str(SEEDS), "-o", str(summaries), "--engine", "ray")
    assert "5 articles summarized" in said and "on Ray" in said
    merged, whole = tmp_path / "merged.md", tmp_path / "whole.md"
    _run(*replay, "-q", "merge", str(summaries), "-o", str(merged))
    _run(*replay, "-q", "summarize", str(SEEDS), "-o", str(whole))
    assert merged.read_bytes() == whole.read_bytes()


def test_ray_actors_ask_a_real_server_once_per_article_and_a_rerun_not_at_all(
    chat: ChatServer, tmp_path: Path
) -> None:
    folder = tmp_path / "articles"
    write_articles(folder, 4)
    env = {"OPENAI_API_KEY": "sk-test-ray", "PATH": os.environ.get("PATH", "")}
    common = ["--base-url", chat.url, "--no-gists", "--cache-dir", str(tmp_path / "cache")]
    summaries = tmp_path / "s.parquet"  # Ray's lines written as Parquet
    args = [*common, "extract", str(folder), "-o", str(summaries), "--engine", "ray"]
    _run(*args, env=env)
    assert chat.counts() == {0: 1, 1: 1, 2: 1, 3: 1}
    again = _run(*args, env=env)
    assert "0 articles summarized" in again and "4 already there" in again
    assert chat.counts() == {0: 1, 1: 1, 2: 1, 3: 1}
    local = tmp_path / "local.jsonl"
    _run(*common, "extract", str(folder), "-o", str(local), env=env)  # from the cache
    ray_brief, local_brief = tmp_path / "r.md", tmp_path / "l.md"
    _run(*common, "-q", "merge", str(summaries), "-o", str(ray_brief), env=env)
    _run(*common, "-q", "merge", str(local), "-o", str(local_brief), env=env)
    assert ray_brief.read_bytes() == local_brief.read_bytes()
    # A rerun with nothing to ask still folds in the line of an input it could not read.
    (folder / "notes.pdf").write_text("not an article")
    CliRunner().invoke(app, args, env=env)
    assert not journal_of(summaries).exists()
    assert chat.counts() == {0: 1, 1: 1, 2: 1, 3: 1}


def test_ray_reads_the_files_itself_and_writes_the_lines_the_local_engine_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        (folder / seed.name).write_bytes(seed.read_bytes())
    first = sorted(SEEDS.glob("*.txt"))[0]
    (folder / "zz_copy.txt").write_bytes(first.read_bytes())  # the same story twice
    (folder / "notes.pdf").write_text("not an article")  # a file no engine reads
    (folder / "empty.txt").write_text("")
    replay = ["--replay", str(FIXTURES)]
    on_ray, local = tmp_path / "ray.jsonl", tmp_path / "local.jsonl"
    _run(*replay, "extract", str(folder), "-o", str(local))

    def driver_reads(draft: object) -> None:
        raise AssertionError("the driver read an article's text")

    # Ray's workers are processes of their own: only this driver cannot build articles.
    monkeypatch.setattr("brief.ingest.articles._build_article", driver_reads)
    said = _run(*replay, "extract", str(folder), "-o", str(on_ray), "--engine", "ray")
    assert "5 articles summarized" in said

    def lines(path: Path) -> list[tuple[object, ...]]:
        read = read_summaries([path]).lines
        return sorted((ln.article_id, ln.path, ln.order, ln.key, ln.error, ln.by) for ln in read)

    assert lines(on_ray) == lines(local)
    assert sum(ln.by == "reader" for ln in read_summaries([on_ray]).lines) == 2


def test_ray_refuses_standard_input_in_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["extract", "-", "-o", str(tmp_path / "s.jsonl"), "--engine", "ray"], input="x"
    )
    assert result.exit_code != 0
    assert "not standard input" in result.output and "Traceback" not in result.output
