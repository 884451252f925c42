"""Assembling and verifying the embedded model file, and (marked) the real model end to end."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from brief.cli.commands import app
from brief.config import load_settings
from brief.errors import ConfigError, ModelFileError
from brief.extract.extractor import Extractor
from brief.ingest.articles import read_articles
from brief.models.backends import EMBEDDED_PROMPT
from brief.models.choices import choice_plan
from brief.models.embedded import (
    DEFAULT_EMBEDDED,
    EmbeddedModelSpec,
    LlamaCppChatModel,
    ensure_model_file,
    is_verified,
    llama_cpp_available,
    verify_model_file,
)
from brief.models.prompts import load_extraction_prompt
from brief.schema import Brief
from brief_helpers import all_citations, findings_text

PARTS = [b"GGUF" + b"a" * 1000, b"b" * 777, b"c" * 5]


def _fake_parts(root: Path, monkeypatch: pytest.MonkeyPatch) -> EmbeddedModelSpec:
    """Three importable data-only packages laid out like the real part packages."""
    names = []
    for index, data in enumerate(PARTS, start=1):
        name = f"fake_model_part{index}_{root.name}"
        package = root / name
        (package / "data").mkdir(parents=True)
        (package / "__init__.py").write_text("")
        (package / "data" / f"part{index:02d}.bin").write_bytes(data)
        names.append(name)
    monkeypatch.syspath_prepend(str(root))
    whole = b"".join(PARTS)
    return EmbeddedModelSpec(
        name="fake-gguf",
        filename="fake.gguf",
        size=len(whole),
        sha256=hashlib.sha256(whole).hexdigest(),
        packages=tuple(names),
        extra="local",
    )


def test_parts_are_assembled_verified_and_not_hashed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = _fake_parts(tmp_path / "site", monkeypatch)
    seen: list[tuple[int, int]] = []
    path = ensure_model_file(spec, tmp_path / "models", lambda d, t: seen.append((d, t)))
    assert path.read_bytes() == b"".join(PARTS)
    assert seen[-1] == (spec.size, spec.size)
    assert is_verified(path, spec)
    seen.clear()
    assert ensure_model_file(spec, tmp_path / "models", lambda d, t: seen.append((d, t))) == path
    assert seen == []  # the sidecar spared a second hash


def test_truncated_model_file_is_refused_with_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = _fake_parts(tmp_path / "site", monkeypatch)
    path = ensure_model_file(spec, tmp_path / "models")
    path.write_bytes(path.read_bytes()[:-10])
    assert not is_verified(path, spec)
    with pytest.raises(ModelFileError) as info:
        ensure_model_file(spec, tmp_path / "models")
    assert "truncated" in str(info.value) and "delete it" in str(info.value)


def test_corrupted_model_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = _fake_parts(tmp_path / "site", monkeypatch)
    path = ensure_model_file(spec, tmp_path / "models")
    data = bytearray(path.read_bytes())
    data[100] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(ModelFileError, match="corrupted"):
        verify_model_file(path, spec)


def test_missing_parts_say_how_to_install(tmp_path: Path) -> None:
    spec = EmbeddedModelSpec("x", "x.gguf", 1, "0" * 64, ("no_such_part_package_1",), "local")
    with pytest.raises(ConfigError, match=r"pip install 'brief\[local\]'"):
        ensure_model_file(spec, tmp_path)


def test_brief_models_reports_a_corrupted_file(
    isolated_environment: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    models_dir = isolated_environment.parent / "models"
    models_dir.mkdir(parents=True)
    monkeypatch.setenv("BRIEF_MODELS_DIR", str(models_dir))
    (models_dir / DEFAULT_EMBEDDED.filename).write_bytes(b"not a model")
    result = CliRunner().invoke(app, ["models"])
    assert result.exit_code == 0
    line = next(x for x in result.output.splitlines() if DEFAULT_EMBEDDED.name in x)
    assert "not verified" in line


# CI installs the [local] extra, so there a missing model is a failure, not a skip.
needs_model = pytest.mark.skipif(
    not os.environ.get("CI")
    and (not llama_cpp_available() or DEFAULT_EMBEDDED.part_paths() is None),
    reason="the embedded model is not installed (pip install 'brief[local]')",
)


def _summarize_with_real_model(article: Path, tmp_path: Path) -> Brief:
    # A cache folder of its own: the assembled model lives in the one models folder
    # (BRIEF_MODELS_DIR), never copied per cache. --no-cache: every answer a real call.
    out = tmp_path / "brief.json"
    result = CliRunner().invoke(
        app,
        [
            "--cache-dir",
            str(tmp_path / "cache"),
            "--no-cache",
            "-q",
            "summarize",
            str(article),
            "--format",
            "json",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    return Brief.model_validate_json(out.read_text())


@pytest.mark.embedded
@needs_model
def test_real_embedded_model_end_to_end_on_a_short_article(
    tmp_path: Path, isolated_environment: Path
) -> None:
    article = tmp_path / "short.txt"
    article.write_text(
        "Pakistan's foreign minister Shah Mahmood Qureshi called on Iran and the United "
        "States to show restraint on Friday. He said Pakistan would not become part of any "
        "regional conflict. Iran's foreign minister Mohammad Javad Zarif met Qureshi in "
        "Islamabad.\n"
    )
    brief = _summarize_with_real_model(article, tmp_path)
    names = {a.name for a in brief.actors} | {x for a in brief.actors for x in a.aliases}
    assert any("Qureshi" in n for n in names), names
    # Every citation is one of the article's own sentences, looked up by number.
    sentences = read_articles([article]).articles[0].sentences
    citations = all_citations(brief)
    assert citations
    assert all(c.quote == sentences[c.sentence - 1] for c in citations)


@pytest.mark.embedded
@needs_model
def test_real_embedded_model_keeps_an_injected_instruction_out_of_the_brief(
    tmp_path: Path,
) -> None:
    hostile = Path(__file__).parent / "data" / "hostile" / "ignore_previous.txt"
    text = findings_text(_summarize_with_real_model(hostile, tmp_path))
    assert "declared war" not in text
    assert "troops" not in text


@pytest.mark.embedded
@needs_model
def test_real_embedded_model_answers_a_reading_by_choices_and_by_grammar_alike(
    tmp_path: Path,
) -> None:
    """Both decoders of the embedded backend give an answer the reading's own validation
    accepts; the choice decoder is the one `complete` uses for it, and reads the model
    only at choices (a handful per sentence), not once per token."""
    article_path = tmp_path / "short.txt"
    article_path.write_text(
        "Iran's foreign minister Hossein Amirabdollahian spoke to Jalil Abbas Jilani. "
        "Pakistan said it had no interest in escalation. The border was quiet.\n"
    )
    article = read_articles([article_path]).articles[0]
    spec = DEFAULT_EMBEDDED
    model = LlamaCppChatModel(
        ensure_model_file(spec, load_settings(os.environ).models_dir), spec.name
    )
    extractor = Extractor(model=model, prompt=load_extraction_prompt(EMBEDDED_PROMPT))
    request, _ = extractor.part_request(article, 1, 3)
    llm = model._load()
    prompt = model._chat_prompt(llm, request)
    plan = choice_plan(request.schema)
    assert prompt is not None and plan is not None
    by_choices = model._complete_by_choices(llm, request, prompt, plan)
    by_grammar = model._complete_by_grammar(llm, request)
    for answer in (by_choices, by_grammar):
        assert answer.finish_reason == "stop"
        assert answer.content is not None
        extractor.check_answer(answer.content, article, 1, 3)  # raises when invalid
    # The same prompt tokens as llama-cpp-python's own chat formatting.
    assert by_choices.prompt_tokens == by_grammar.prompt_tokens
    assert model.complete(request).content == by_choices.content


def test_parts_that_fail_their_checksum_are_never_reported_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'model assembled and verified' is said on the whole count: never for bad parts."""
    spec = _fake_parts(tmp_path / "site", monkeypatch)
    bad = EmbeddedModelSpec(
        spec.name, spec.filename, spec.size, "0" * 64, spec.packages, spec.extra
    )
    seen: list[tuple[int, int]] = []
    with pytest.raises(ModelFileError):
        ensure_model_file(bad, tmp_path / "models", lambda d, t: seen.append((d, t)))
    assert seen and all(done < total for done, total in seen)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"PK\x03\x04 a zip, not a model" * 10, "is not a GGUF model file"),
        (b"GGUF\x03\x00", "is not a GGUF model file"),  # cut inside the header
    ],
)
def test_a_model_path_that_is_no_gguf_is_exit_3_in_one_line(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    model = tmp_path / "model.gguf"
    model.write_bytes(content)
    article = tmp_path / "a.txt"
    article.write_text("Pakistan's foreign minister said Pakistan wants calm on the border.")
    result = CliRunner().invoke(app, ["--model-path", str(model), "summarize", str(article)])
    assert result.exit_code == 3, result.output
    assert result.stderr.strip().splitlines()[-1].startswith("error: ") and reason in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.embedded
@needs_model
def test_a_truncated_real_model_is_exit_3_in_one_line(tmp_path: Path) -> None:
    # The assembled model shared with the user's cache, as the other real-model tests do.
    whole = ensure_model_file(DEFAULT_EMBEDDED, load_settings(os.environ).models_dir)
    model = tmp_path / "cut.gguf"
    with whole.open("rb") as source:
        model.write_bytes(source.read(2_000_000))
    article = tmp_path / "a.txt"
    article.write_text("Pakistan's foreign minister said Pakistan wants calm on the border.")
    result = CliRunner().invoke(app, ["--model-path", str(model), "summarize", str(article)])
    assert result.exit_code == 3, result.output
    assert "not a whole GGUF model file" in result.stderr and "Traceback" not in result.output


def test_one_models_folder_whatever_the_cache_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BRIEF_MODELS_DIR", raising=False)
    locations = set()
    for cache in ("one", "two"):
        result = CliRunner().invoke(app, ["--cache-dir", str(tmp_path / cache), "models"])
        assert result.exit_code == 0, result.output
        locations |= {
            x.strip() for x in result.output.splitlines() if DEFAULT_EMBEDDED.filename in x
        }
    assert len(locations) == 1 and str(tmp_path) not in next(iter(locations))
    monkeypatch.setenv("BRIEF_MODELS_DIR", str(tmp_path / "models"))
    result = CliRunner().invoke(app, ["models"])
    assert str(tmp_path / "models" / DEFAULT_EMBEDDED.filename) in result.output
