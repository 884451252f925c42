"""What the command line prints: one-line errors, the closing exit codes, written output."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

import typer
from rich.console import Console

from brief.config import Settings
from brief.errors import BriefError, ModelError
from brief.files import write_atomically
from brief.pipeline import SummarizeResult
from brief.render import render_brief_json, render_brief_markdown
from brief.render.markdown import Detail
from brief.schema import Brief

stderr = Console(stderr=True)

OutputFormat = Literal["markdown", "json"]


def say(message: str) -> None:
    """One unwrapped line on stderr (Rich is kept for progress bars)."""
    typer.echo(message, err=True)


@contextmanager
def reported_errors() -> Iterator[None]:
    """One line on stderr and the error's exit code, never a traceback."""
    try:
        yield
    except BriefError as e:
        say(f"error: {e}")
        raise typer.Exit(e.exit_code) from None
    except KeyboardInterrupt:
        say("interrupted: finished articles are cached; run the same command again to go on")
        raise typer.Exit(130) from None


def write_output(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    try:
        # An earlier brief at `output` stays whole if this write fails half-way.
        write_atomically(output, text)
    except OSError as e:
        raise BriefError(f"cannot write {str(output)!r}: {e.strerror}") from e


def render_brief(brief: Brief, fmt: OutputFormat, detail: Detail = "brief") -> str:
    """JSON always carries everything; Markdown is one page unless `detail` is "full"."""
    return render_brief_json(brief) if fmt == "json" else render_brief_markdown(brief, detail)


def finish_brief(
    settings: Settings,
    result: SummarizeResult,
    output: Path | None,
    fmt: OutputFormat,
    detail: Detail = "brief",
) -> None:
    """Report, write the brief, and exit 1 when something was left out of it."""
    for item in result.brief.skipped:
        if not item.reason.startswith("model: "):
            say(f"skipped: {item.path}: {item.reason}")
    for item in result.brief.read_in_part:
        say(f"warning: {item.path}: {item.reason}")
    if result.stats.articles_summarized == 0:
        raise ModelError("the model failed on every article; nothing to brief")
    write_output(render_brief(result.brief, fmt, detail), output)
    if settings.verbosity >= 0:
        say(result.stats.closing_line())
    if not result.complete:
        raise typer.Exit(1)
