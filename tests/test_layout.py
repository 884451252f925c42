"""The tree reads as the pipeline: no module imports from a stage that comes after its own,
and no module grows past one job's worth of lines."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import REPO

SRC = REPO / "src" / "brief"
MAX_LINES = 450

# Each stage and the stages it may import from (besides itself). No module is exempt.
BASE = "base"
STAGES = {
    "brief.schema": BASE, "brief.errors": BASE, "brief.config": BASE, "brief.wording": BASE,
    "brief.files": BASE, "brief.printable": BASE,
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
    "cli": {
        BASE,
        "ingest",
        "models",
        "extract",
        "meaning",
        "render",
        "pipeline",
        "evaluate",
        "batch",
    },
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
    return [name for name, _ in _imports_with_names(path)]


def _imports_with_names(path: Path) -> list[tuple[str, list[str]]]:
    found: list[tuple[str, list[str]]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, [alias.name for alias in node.names]))
        elif isinstance(node, ast.Import):
            found.extend((alias.name, []) for alias in node.names)
    return [(name, names) for name, names in found if name.startswith("brief.")]


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


PACKAGES = sorted(p.name for p in SRC.iterdir() if (p / "__init__.py").is_file())


def _package(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in PACKAGES else None


def _past_fronts(module: str, imported: list[str]) -> list[str]:
    mine = _package(module)
    return [n for n in imported if _package(n) not in (None, mine) and n.count(".") > 1]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(SRC)))
def test_imports_between_packages_go_through_the_front(path: Path) -> None:
    """Another package is used through its `__init__`, the interface it chose to show,
    so its submodules can be split or renamed without touching their users."""
    past = _past_fronts(_module_name(path), _imports(path))
    assert past == [], f"{_module_name(path)} reaches past a package's front: {past}"


def test_the_front_rule_refuses_what_it_exists_to_stop() -> None:
    imported = ["brief.language.aliases", "brief.models", "brief.schema", "brief.meaning.check"]
    assert _past_fronts("brief.meaning.words", imported) == ["brief.language.aliases"]
    assert _past_fronts("brief.cli.commands", ["brief.cli.output"]) == []


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_private_module_of_a_dependency_is_imported(path: Path) -> None:
    """`typer._click` and the like move between releases without notice."""
    private = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        private += [n for n in names if not n.startswith("brief")
                    and any(part.startswith("_") and not part.startswith("__")
                            for part in n.split(".")[1:])]  # fmt: skip
    assert private == []


# What only `models/` may touch: how a request becomes a key, where answers are kept, and
# the prompt files. Everyone else asks a model.
_MODEL_PLUMBING = {"ExtractionCache", "request_key", "content_hash", "load_text_prompt",
                   "TextPrompt", "prompt_dir"}  # fmt: skip


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(SRC)))
def test_only_models_touch_keys_the_cache_and_prompt_files(path: Path) -> None:
    if _package(_module_name(path)) == "models":
        return
    touched = [
        (module, name)
        for module, names in _imports_with_names(path)
        for name in names
        if name in _MODEL_PLUMBING or module.startswith(("brief.models.cache", "brief.models.keys"))
    ]
    assert touched == [], f"{_module_name(path)} touches the models' plumbing: {touched}"
