"""Renderers: pure functions from a `Brief` or a `Comparison` to text."""

from brief.render.compare_markdown import render_comparison_markdown
from brief.render.json import render_brief_json, render_comparison_json
from brief.render.markdown import escape_markdown, render_brief_markdown

__all__ = [
    "escape_markdown",
    "render_brief_json",
    "render_brief_markdown",
    "render_comparison_json",
    "render_comparison_markdown",
]
