"""Renderers: pure functions from a `Brief` or a `Comparison` to text."""

from brief.render.compare_markdown import render_comparison_markdown
from brief.render.docx import render_brief_docx, render_comparison_docx
from brief.render.html import render_brief_html, render_comparison_html
from brief.render.json import render_brief_json, render_comparison_json
from brief.render.markdown import Detail, escape_markdown, render_brief_markdown
from brief.render.timeline_csv import render_comparison_csv, render_timeline_csv

__all__ = [
    "Detail",
    "escape_markdown",
    "render_brief_docx",
    "render_brief_html",
    "render_brief_json",
    "render_brief_markdown",
    "render_comparison_csv",
    "render_comparison_docx",
    "render_comparison_html",
    "render_comparison_json",
    "render_comparison_markdown",
    "render_timeline_csv",
]
