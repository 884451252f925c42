"""The README renders as GitHub would: every code fence closed, every relative link and
image resolving, within its length budget, and its diagram naming the pipeline's steps."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from brief.pipeline import pipe_names
from conftest import REPO

README = REPO / "README.md"
TEXT = README.read_text(encoding="utf-8")
TOKENS = MarkdownIt("commonmark").parse(TEXT)


def test_the_readme_stays_within_250_lines() -> None:
    assert len(TEXT.splitlines()) <= 250


def test_every_code_fence_is_closed() -> None:
    # A fence left open swallows the rest of the file into one code block: the parser then
    # reports a fence running to the last line.
    last = len(TEXT.splitlines())
    fences = [t for t in TOKENS if t.type == "fence"]
    assert fences
    assert all(t.map is not None and t.map[1] < last or TEXT.rstrip().endswith("```")
               for t in fences)  # fmt: skip
    assert TEXT.count("\n```") % 2 == 0


def test_headings_are_headings_not_code() -> None:
    headings = [TOKENS[i + 1].content for i, t in enumerate(TOKENS) if t.type == "heading_open"]
    for wanted in ("How it works", "Where things are", "Development", "Quick start"):
        assert any(wanted in h for h in headings), headings


def test_every_relative_link_resolves() -> None:
    targets = re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", TEXT)
    relative = [t for t in targets if not re.match(r"[a-z]+://", t)]
    assert relative
    missing = [t for t in relative if not (REPO / t).exists()]
    assert missing == []


def test_the_diagram_names_every_step_of_the_pipeline() -> None:
    diagram = TEXT.split("## How it works")[1].split("### Where things are")[0]
    flat = " ".join(diagram.split())
    for step in pipe_names():
        assert step in flat, step


def test_where_things_are_names_files_that_exist() -> None:
    section = TEXT.split("### Where things are")[1].split("## ")[0]
    table = "\n".join(line for line in section.splitlines() if line.startswith("|"))
    for path in re.findall(r"`([a-z_]+/[a-z_/]*(?:\.py)?|[a-z_]+\.py)`", table):
        assert (REPO / "src" / "brief" / path).exists(), path


def test_the_diagram_names_every_package_of_the_tree() -> None:
    section = TEXT.split("## How it works")[1].split("### Where things are")[0]
    packages = [p.name for p in (REPO / "src" / "brief").iterdir() if (p / "__init__.py").is_file()]
    assert len(packages) >= 10
    missing = [name for name in packages if f"{name}/" not in section]
    assert missing == []
