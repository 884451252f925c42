"""`brief extract` and `brief merge`: `brief summarize` as two steps with a file between
them, so that the per-article step can run anywhere (another machine, Ray, Spark)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

from brief.cli.options import BriefFormatOption, BriefOutputOption, BriefTitleOption
from brief.cli.output import finish_brief, output_format, reported_errors, say
from brief.cli.progress import ArticleProgress, progress_bar
from brief.config import Settings
from brief.errors import UserError
from brief.extract import open_extractor
from brief.models import backend_profile, open_model
from brief.pipeline import (
    MAX_KEY_ACTORS,
    SummaryLine,
    extract_paths,
    extract_with_ray,
    merge,
    read_summaries,
)
from brief.render import Detail


def extract(
    ctx: typer.Context,
    paths: Annotated[
        list[Path],
        typer.Argument(help="Article files and folders, as for summarize.", show_default=False),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="The summaries file: JSON lines (.jsonl), appended to, or Parquet "
            "(.parquet, needs pyarrow: brief[ray]).",
        ),
    ],
    engine: Annotated[
        Engine,
        typer.Option(help="local: this process (threads); ray: an actor pool on Ray Data."),
    ] = "local",
    address: Annotated[
        str | None,
        typer.Option(
            help="With --engine ray: the cluster ('auto', 'ray://host:10001'); "
            "default: a local Ray."
        ),
    ] = None,
    workers: Annotated[
        int, typer.Option("--workers", help="With --engine ray: actors in the pool.")
    ] = 2,
) -> None:
    """Summarize each article into a summaries file, one line per article: its typed
    summary (`brief schema summary`) and the key of what produced it. A rerun skips every
    article already there with the same key, so a run cut short goes on where it stopped.
    A .parquet file is written as a journal beside it (X.parquet.jsonl) and folded in when
    the run ends.

    Examples:

      brief extract seeds/ -o summaries.jsonl

      brief --base-url http://vllm:8000/v1 extract corpus/ -o s.jsonl --engine ray --address auto

      brief extract archive.parquet -o summaries.parquet --engine ray

      brief merge summaries.jsonl -o brief.md
    """
    settings: Settings = ctx.obj
    with reported_errors():
        if output.suffix.lower() not in (".jsonl", ".ndjson", ".parquet"):
            raise UserError(
                f"-o {str(output)!r}: summaries are JSON lines or Parquet",
                hint="use a .jsonl or .parquet name",
            )
        if output.exists() and not output.is_file():
            raise UserError(f"-o {str(output)!r} is not a regular file")
        if workers < 1:
            raise UserError("--workers must be at least 1")
        if engine == "ray":
            _extract_with_ray(settings, paths, output, address, workers)
            return
        extractor = open_extractor(settings)
        bar = progress_bar(settings)
        try:
            if bar is not None:
                bar.start()
            progress = ArticleProgress(bar, settings.verbosity)
            result = extract_paths(paths, extractor, output, progress=progress)
        finally:
            if bar is not None:
                bar.stop()
            extractor.close()
        if settings.verbosity >= 0:
            say(f"{result.extracted} articles summarized into {output}, {result.kept} already "
                f"there; {result.stats.closing_line()}")  # fmt: skip
        if result.stats.failed:
            raise typer.Exit(1)


Engine = Literal["local", "ray"]


def _extract_with_ray(
    settings: Settings, paths: list[Path], output: Path, address: str | None, workers: int
) -> None:
    done = 0

    def said(line: SummaryLine) -> None:
        nonlocal done
        done += 1
        if settings.verbosity >= 0:
            state = "done" if line.stored is not None else f"failed: {line.error}"
            say(f"[{done}] {state}: {line.path}")

    result = extract_with_ray(paths, settings, output, address=address, actors=workers,
                              on_line=said)  # fmt: skip
    if settings.verbosity >= 0:
        say(f"{result.extracted} articles summarized into {output} on Ray, {result.kept} "
            f"already there; {result.stats.failed} failed")  # fmt: skip
    if result.stats.failed:
        raise typer.Exit(1)


def merge_command(
    ctx: typer.Context,
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Summaries files written by brief extract (.jsonl or .parquet).",
            show_default=False,
        ),
    ],
    output: BriefOutputOption = None,
    fmt: BriefFormatOption = None,
    title: BriefTitleOption = None,
    detail: Annotated[
        Detail, typer.Option(help="brief: one page; full: every attributed sentence.")
    ] = "brief",
    actors: Annotated[
        int, typer.Option("--actors", help="Key actors shown at most; the rest are named.")
    ] = MAX_KEY_ACTORS,
) -> None:
    """Write the brief from summaries files, exactly as summarize would from the same
    articles: the model is asked only to word gists and the bottom line, and its words are
    checked against their sources (--no-gists: no model at all).

    Examples:

      brief merge summaries.jsonl -o brief.md

      brief --no-gists merge part-1.jsonl part-2.jsonl -f json
    """
    settings: Settings = ctx.obj
    with reported_errors():
        if actors < 1:
            raise UserError("--actors must be at least 1")
        chosen = output_format(fmt, output)
        read = read_summaries(files)
        for line in read.bad:
            say(f"warning: {line}: skipped")
        if not read.lines:
            raise UserError("no summaries in the files given", hint="write them with brief extract")
        writer = open_model(settings, backend_profile(settings)) if settings.gists else None
        try:
            result = merge(read.lines, writer=writer, title=title, max_actors=actors)
        finally:
            if writer is not None:
                writer.close()
        finish_brief(settings, result, output, chosen, detail)
