"""The tree reads as the pipeline: no module imports from a stage that comes after its own,
and no module grows past one job's worth of lines."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import REPO

SRC = REPO / "src" / "brief"
MAX_LINES = 450

# Each stage and the stages it may import from (besides itself). The gold and score models
# are plain data, so the eval table renders them without pulling in the scoring run.
BASE = "base"
STAGES = {
    "brief.schema": BASE, "brief.errors": BASE, "brief.keys": BASE, "brief.config": BASE,
    "brief.cache": BASE, "brief.wording": BASE, "brief.evaluate.gold": BASE,
    "brief.files": BASE,
    "brief.ingest": "ingest", "brief.language": "language", "brief.models": "models",
    "brief.extract": "extract", "brief.meaning": "meaning", "brief.assemble": "assemble",
    "brief.render": "render",
    "brief.pipeline": "pipeline", "brief.evaluate": "evaluate", "brief.batch": "batch",
    "brief.cli": "cli",
}  # fmt: skip
MAY_IMPORT = {
    BASE: set(),
    "ingest": {BASE},
    "language": {BASE, "ingest"},
    "models": {BASE},
    "extract": {BASE, "ingest", "language", "models"},
    "meaning": {BASE, "ingest", "language"},
    "assemble": {BASE, "ingest", "language", "models", "meaning"},
    "render": {BASE},
    "pipeline": {BASE, "ingest", "language", "models", "extract", "meaning", "assemble"},
    "evaluate": {
        BASE,
        "ingest",
        "language",
        "models",
        "extract",
        "meaning",
        "assemble",
        "render",
        "pipeline",
    },  # fmt: skip
    "batch": {BASE, "ingest", "models", "extract", "pipeline"},
    "cli": {BASE, "ingest", "models", "extract", "meaning", "render", "pipeline", "evaluate",
            "batch"},
}


def _stage(module: str) -> str | None:
    matches = [(len(p), s) for p, s in STAGES.items() if module == p or module.startswith(p + ".")]
    return max(matches)[1] if matches else None


def _may_import(importer: str, imported: str) -> bool:
    mine, theirs = _stage(importer), _stage(imported)
    if mine is None or theirs is None:
        return True  # the package face (brief.__version__)
    return theirs == mine or theirs in MAY_IMPORT[mine]


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
        elif isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
    return [name for name in found if name.startswith("brief.")]


SOURCES = sorted(SRC.rglob("*.py"))


def test_every_module_belongs_to_a_stage() -> None:
    assert [_module_name(p) for p in SOURCES if _stage(_module_name(p)) is None] in (
        [],
        ["brief"],  # the package face: the version only
    )


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_import_crosses_the_pipeline_the_wrong_way(path: Path) -> None:
    module = _module_name(path)
    wrong = [name for name in _imports(path) if not _may_import(module, name)]
    assert wrong == [], f"{module} ({_stage(module)}) may not import {wrong}"


def test_the_rule_refuses_the_imports_it_exists_to_stop() -> None:
    assert not _may_import("brief.render.markdown", "brief.extract.extractor")
    assert not _may_import("brief.extract.by_sentence", "brief.assemble.merge")
    assert not _may_import("brief.models.backends", "brief.batch.workflow")
    assert _may_import("brief.assemble.merge", "brief.language.agency")


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_module_is_over_the_line_budget(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(SRC)} has {lines} lines"
