"""Renderers: pure functions from a `Brief` to text."""

from __future__ import annotations

from brief.render.markdown import escape_markdown, render_brief_markdown
from brief.schema import Brief

__all__ = ["escape_markdown", "render_brief_json", "render_brief_markdown"]


def render_brief_json(brief: Brief) -> str:
    """The brief as indented JSON, exactly as the schema defines it."""
    return brief.model_dump_json(indent=2)
