"""What the command line prints: one-line errors, the closing exit codes, written output."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

import typer
from rich.console import Console

from brief.config import Settings
from brief.errors import BriefError, ModelError, UserError
from brief.files import write_atomically
from brief.pipeline import SummarizeResult
from brief.render import (
    Detail,
    render_brief_docx,
    render_brief_html,
    render_brief_json,
    render_brief_markdown,
    render_comparison_csv,
    render_comparison_docx,
    render_comparison_html,
    render_comparison_json,
    render_comparison_markdown,
    render_timeline_csv,
)
from brief.schema import Brief, Comparison

stderr = Console(stderr=True)

OutputFormat = Literal["markdown", "json", "docx", "html", "csv"]
# -o brief.docx needs no -f: the file's extension says which format it is.
_BY_EXTENSION: dict[str, OutputFormat] = {
    ".md": "markdown", ".markdown": "markdown", ".json": "json", ".docx": "docx",
    ".html": "html", ".htm": "html", ".csv": "csv",
}  # fmt: skip


def output_format(fmt: OutputFormat | None, output: Path | None) -> OutputFormat:
    """The format asked for, else the one the -o file's extension names, else Markdown.
    Word is binary: it goes to a file, never to the terminal. Checked before any work, so
    that nothing is paid for a brief that could not be written."""
    if output is not None:
        checked_target(output)
        suffix = output.suffix.lower()
        if fmt is None and suffix and suffix not in _BY_EXTENSION:
            known = ", ".join(sorted(_BY_EXTENSION))
            raise UserError(
                f"cannot write a {suffix} file: -o takes {known}",
                hint="or name the format with -f: markdown, json, html, docx or csv",
            )
    chosen = fmt or (_BY_EXTENSION.get(output.suffix.lower()) if output else None) or "markdown"
    if chosen == "docx" and output is None:
        raise UserError("a Word document is binary: write it to a file with -o brief.docx")
    return chosen


def checked_target(output: Path) -> Path:
    """The file -o writes: a regular file, or a new one in a folder that exists (as a shell
    redirection does: a mistyped folder is said at once, before anything is paid for). A
    pipe, a device, a socket or a folder is refused, and so is a link to a file in another
    folder (the write would land where the name does not say); a link within its folder
    is written through."""
    if output.is_symlink():
        real = output.resolve()
        if real.parent != output.parent.resolve():
            raise UserError(f"-o {str(output)!r} is a link to {str(real)!r}, outside its folder",
                            hint="give the real path")  # fmt: skip
        output = real
    if output.exists() and not output.is_file():
        kind = "a folder" if output.is_dir() else "not a regular file (a pipe, device or socket)"
        raise UserError(f"-o {str(output)!r} is {kind}", hint="give the name of a file")
    if not output.parent.is_dir():
        raise UserError(f"cannot write -o {str(output)!r}: there is no folder "
                        f"{str(output.parent)!r}")  # fmt: skip
    return output


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


def write_output(text: str | bytes, output: Path | None) -> None:
    if output is None:
        if isinstance(text, bytes):
            raise UserError("binary output needs -o FILE")
        _to_stdout(text if text.endswith("\n") else text + "\n")
        return
    target = checked_target(output)
    try:
        # An earlier brief at `output` stays whole if this write fails half-way.
        write_atomically(target, text)
    except OSError as e:
        raise BriefError(f"cannot write {str(output)!r}: {e.strerror}") from e


def _to_stdout(text: str) -> None:
    """Write and flush now, so that a full disk (`> /dev/full`) is an error with a
    message and an exit code, not a brief lost in silence at exit. A reader that has
    gone (`| head`) wanted no more: nothing is said."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # Python would complain again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except OSError as e:
        raise BriefError(f"cannot write the brief to standard output: {e.strerror}",
                         hint="use -o FILE") from e  # fmt: skip


def render_brief(brief: Brief, fmt: OutputFormat, detail: Detail = "brief") -> str | bytes:
    """JSON always carries everything; Markdown is one page unless `detail` is "full"."""
    if fmt == "json":
        return render_brief_json(brief)
    if fmt == "docx":
        return render_brief_docx(brief)
    if fmt == "html":
        return render_brief_html(brief)
    if fmt == "csv":
        return render_timeline_csv(brief)
    return render_brief_markdown(brief, detail)


def render_comparison(comparison: Comparison, fmt: OutputFormat) -> str | bytes:
    if fmt == "json":
        return render_comparison_json(comparison)
    if fmt == "docx":
        return render_comparison_docx(comparison)
    if fmt == "html":
        return render_comparison_html(comparison)
    if fmt == "csv":
        return render_comparison_csv(comparison)
    return render_comparison_markdown(comparison)


def finish_brief(
    settings: Settings,
    result: SummarizeResult,
    output: Path | None,
    fmt: OutputFormat,
    detail: Detail = "brief",
) -> None:
    """Report, write the brief, and exit 1 when something was left out of it."""
    for item in result.brief.skipped:
        if item.by != "model":
            say(f"skipped: {item.path}: {item.reason}")
    for item in result.brief.read_in_part:
        say(f"warning: {item.path}: {item.reason}")
    if result.stats.articles_summarized == 0:
        raise ModelError("the model failed on every article; nothing to brief")
    write_output(render_brief(result.brief, fmt, detail), output)
    if settings.verbosity > 0:
        for line in result.stats.step_lines():
            say(line)
    if settings.verbosity >= 0:
        say(result.stats.closing_line())
    if not result.complete:
        raise typer.Exit(1)
