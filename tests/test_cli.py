"""The command line through CliRunner: real files in, a brief and an exit code out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from brief.cli.commands import app
from brief.extract.extractor import Extractor
from brief.ingest.articles import read_articles
from brief.models import backends
from brief.models.prompts import load_extraction_prompt
from brief.models.recording import RecordingChatModel
from brief.schema import Brief
from brief_helpers import all_citations
from conftest import FIXTURES, SEEDS
from fakes import FakeChatModel, extraction

GOOD = "Pakistan called for calm on Friday. Iran agreed to hold talks. The talks were held.\n"


def invoke(*args: str):
    return CliRunner().invoke(app, list(args))


def _record_fake_answers(folder: Path, fixtures: Path) -> None:
    """Fixtures for `folder`'s articles, written by a fake model (the CLI then replays them)."""
    articles = read_articles([folder]).articles
    fake = FakeChatModel()
    for article in articles:
        fake.enqueue(extraction(len(article.sentences)))
    extractor = Extractor(model=RecordingChatModel(fake, fixtures), prompt=load_extraction_prompt())
    for article in articles:
        assert extractor.extract(article).ok


# ------------------------------------------------------------------- the seeds, replayed


def test_seeds_replayed_from_recorded_fixtures_give_a_cited_brief(tmp_path: Path) -> None:
    out = tmp_path / "brief.md"
    result = invoke("--replay", str(FIXTURES), "summarize", str(SEEDS), "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text()
    for section in ("## Bottom line", "## Key actors and positions", "## Timeline", "## Sources"):
        assert section in text
    assert text.count("### Shah Mahmood Qureshi") + text.count("### Shah Mehmood Qureshi") <= 1
    assert "### Qureshi\n" not in text


def test_every_citation_of_the_seed_brief_is_the_cited_articles_own_sentence(
    tmp_path: Path,
) -> None:
    out = tmp_path / "brief.json"
    result = invoke(
        "--replay", str(FIXTURES), "-q", "summarize", str(SEEDS), "-f", "json", "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    brief = Brief.model_validate_json(out.read_text())
    assert len(brief.sources) == 5
    by_id = {a.id: a for a in read_articles([SEEDS]).articles}
    citations = all_citations(brief)
    assert citations
    for citation in citations:
        article = by_id[brief.sources[citation.source - 1].article_id]
        assert citation.quote == article.sentence(citation.sentence)


# -------------------------------------------------------------- runs on fake recordings


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD)
    fixtures = tmp_path / "fixtures"
    _record_fake_answers(folder, fixtures)
    return folder, fixtures


def test_a_replay_answers_from_its_fixtures_not_from_the_cache(
    corpus: tuple[Path, Path], tmp_path: Path
) -> None:
    """Fixtures re-recorded under the same keys are what a replay shows, even after a run
    that could have cached the old answers (`isolated_environment` gives it a cache)."""
    folder, fixtures = corpus
    args = ["--replay", str(fixtures), "--model", "fake-model", "-q", "summarize", str(folder)]
    first = invoke(*args)
    assert first.exit_code == 0, first.output
    assert "### Pakistan" in first.stdout
    article = read_articles([folder]).articles[0]
    answer = extraction(len(article.sentences))
    answer["positions"][0]["says"] = "Pakistan urges calm once more."
    fake = FakeChatModel().enqueue(answer)
    extractor = Extractor(model=RecordingChatModel(fake, fixtures), prompt=load_extraction_prompt())
    assert extractor.extract(article).ok  # the same request key, a new answer
    second = invoke(*args, "--format", "json")
    assert second.exit_code == 0, second.output
    # The new answer's own wording shows, not the one the first run could have cached.
    assert "Pakistan urges calm once more" in second.stdout
    assert "Pakistan calls for calm" not in second.stdout


def test_bad_inputs_are_listed_and_the_run_goes_on(corpus: tuple[Path, Path]) -> None:
    folder, fixtures = corpus
    (folder / "empty.txt").write_text("   \n")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (folder / "slides.pdf").write_bytes(b"%PDF-1.4")
    (folder / "config.json").write_text(json.dumps({"name": "not an article"}))
    (folder / "empty_dir").mkdir()
    missing = folder / "missing.txt"
    result = invoke(
        "--replay", str(fixtures), "--model", "fake-model", "summarize", str(folder), str(missing)
    )
    assert result.exit_code == 1
    for name in ("empty.txt", "binary.txt", "slides.pdf", "config.json", "missing.txt"):
        assert f"skipped: {folder / name}" in result.stderr or name in result.stderr
    assert "## Not processed" in result.stdout
    assert "Traceback" not in result.output


def test_cp1252_article_is_read_with_a_fallback(corpus: tuple[Path, Path]) -> None:
    folder, fixtures = corpus
    legacy = folder.parent / "legacy"
    legacy.mkdir()
    (legacy / "a.txt").write_bytes(
        "Pakistan\x92s minister said talks \x96 not war.".encode("latin-1")
    )
    _record_fake_answers(legacy, fixtures)
    result = invoke("--replay", str(fixtures), "--model", "fake-model", "summarize", str(legacy))
    assert result.exit_code == 0, result.output
    assert "Pakistan’s" in result.stdout


def test_no_readable_article_is_one_line_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = invoke("--replay", str(tmp_path), "summarize", str(tmp_path / "empty"))
    assert result.exit_code == 2
    assert result.stderr.startswith("error: no readable articles")
    assert len(result.stderr.strip().splitlines()) == 1


def test_replay_miss_fails_clearly_without_network(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "fixtures").mkdir()
    result = invoke("--replay", str(tmp_path / "fixtures"), "summarize", str(tmp_path / "a.txt"))
    assert result.exit_code == 4
    assert "no recorded answer" in result.stderr and ".json is not in" in result.stderr
    assert "Traceback" not in result.output


def test_no_backend_says_both_ways_forward(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backends, "llama_cpp_available", lambda: False)
    (tmp_path / "a.txt").write_text(GOOD)
    result = invoke("summarize", str(tmp_path / "a.txt"))
    assert result.exit_code == 3
    assert "OPENAI_API_KEY" in result.stderr and "brief[local]" in result.stderr


def test_output_to_a_folder_that_does_not_exist_is_a_clean_error(
    corpus: tuple[Path, Path], tmp_path: Path
) -> None:
    folder, fixtures = corpus
    result = invoke(
        "--replay",
        str(fixtures),
        "--model",
        "fake-model",
        "summarize",
        str(folder),
        "-o",
        str(tmp_path / "nope" / "brief.md"),
    )
    assert result.exit_code != 0 and "cannot write" in result.stderr


# ------------------------------------------------------------------------- other commands


def test_schema_prints_both_schemas() -> None:
    result = invoke("schema")
    schemas = json.loads(result.stdout)
    assert set(schemas) == {"summary", "brief"}
    assert "positions" in schemas["summary"]["properties"]
    assert schemas["summary"]["additionalProperties"] is False


def test_help_teaches_with_examples() -> None:
    assert "--replay" in invoke("--help").stdout
    text = invoke("summarize", "--help").stdout
    assert "brief summarize seeds/" in text and "--format" in text


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0 and result.stdout.startswith("brief ")
