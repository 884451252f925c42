"""`brief batch`: submit to the Batch API, check on the batches, collect the brief."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from brief.batch import (
    MAX_BYTES,
    MAX_REQUESTS,
    BatchRecord,
    BatchResultsOnly,
    BatchState,
    CollectReport,
    Limits,
    batch_model,
    cancel,
    collect_paths,
    default_state_path,
    load_state,
    refresh,
    submit_paths,
    summarize_collected,
)
from brief.cli.options import (
    BriefFormatOption,
    BriefOutputOption,
    BriefTitleOption,
    InvalidAnswers,
    StateOption,
)
from brief.cli.output import OutputFormat, finish_brief, output_format, reported_errors, say
from brief.cli.progress import ArticleProgress, assembly_progress
from brief.config import Settings
from brief.errors import UserError
from brief.extract import Extractor, open_extractor
from brief.models import BatchAPI, backend_profile, build_batch_api

batch_app = typer.Typer(
    help="Bulk runs through the OpenAI Batch API (half price, results within 24 hours): "
    "submit the articles, check on the batches, collect the answers into a brief.\n\n"
    "The batches are remembered in a state file (default: batches.json in the cache "
    "directory), so status and collect work from any shell that has it.",
    no_args_is_help=True,
)


def _state_path(settings: Settings, state: Path | None) -> Path:

    return state if state is not None else default_state_path(settings.cache_dir)


def _batch_extractor(settings: Settings, *, online: bool) -> Extractor:
    """An extractor whose requests and keys are the batch's. Only an `online` one can call
    the model (to re-ask about invalid answers); the other never calls anyone."""
    if not settings.use_cache:
        raise UserError("--no-cache cannot be used with batches: their answers go to the cache")
    if online:
        return open_extractor(settings, on_assembly=assembly_progress(settings))
    profile = backend_profile(settings)
    return open_extractor(
        settings, model=BatchResultsOnly(profile.model_name, BatchState()), profile=profile
    )


def _batch_api(settings: Settings) -> BatchAPI:

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
        typer.Option(help="Requests per batch file at most (default 50,000)."),
    ] = None,
    max_bytes: Annotated[
        int | None,
        typer.Option(help="Bytes per batch file at most (default 200,000,000)."),
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
    with reported_errors():
        if max_requests is not None and max_requests < 1:
            raise UserError("--max-requests must be at least 1")
        if max_bytes is not None and max_bytes < 1024:
            raise UserError("--max-bytes must be at least 1024")
        submit_batches(settings, paths, state, max_requests, max_bytes, json_mode)


def submit_batches(
    settings: Settings,
    paths: list[Path],
    state: Path | None,
    max_requests: int | None,
    max_bytes: int | None,
    json_mode: bool = False,
) -> None:

    api = _batch_api(settings)
    extractor = _batch_extractor(settings, online=False)
    path = _state_path(settings, state)
    limits = Limits(max_requests or MAX_REQUESTS, max_bytes or MAX_BYTES)

    def submitted(record: BatchRecord) -> None:
        say(
            f"submitted {record.id}: {len(record.requests)} requests "
            f"(input file {record.input_file_id})"
        )
        typer.echo(record.id)

    try:
        result = submit_paths(
            paths,
            extractor,
            api,
            path,
            limits=limits,
            on_batch=submitted,
            mode="json_object" if json_mode else "json_schema",
        )
    finally:
        extractor.close()
    for item in result.skipped:
        say(f"skipped: {item.path}: {item.shown}")
    plan = result.plan
    sent = sum(len(b.requests) for b in result.batches)
    say(
        f"{result.articles} articles: {sent} requests submitted in {len(result.batches)} "
        f"batch(es), {plan.cached} already cached, {len(plan.pending)} already in batches "
        f"not collected yet"
    )
    if plan.pending:
        ids = ", ".join(sorted(set(plan.pending.values())))
        say(f"not sent again, still to collect: {ids}")
    if result.batches or plan.pending:
        say(f"state: {path}; next: `brief batch status`, then `brief batch collect -o brief.md`")


@batch_app.command("status")
def batch_status(ctx: typer.Context, state: StateOption = None) -> None:
    """Ask the server how each batch is doing, and show it (one line per batch).

    Example:

      brief batch status --state nightly.json
    """
    settings: Settings = ctx.obj
    with reported_errors():
        path = _state_path(settings, state)
        loaded = load_state(path, must_exist=True)
        records = refresh(_batch_api(settings), loaded, path)
    for record in records:
        typer.echo(_status_line(record))
    ready = sum(r.final and not r.collected for r in records)
    running = sum(not r.final for r in records)
    say(
        f"{len(records)} batches: {running} running, {ready} ready to collect, "
        f"{sum(r.collected for r in records)} collected"
    )


def _status_line(record: BatchRecord) -> str:

    created = dt.datetime.fromtimestamp(record.created_at, dt.UTC).strftime("%Y-%m-%d %H:%M")
    state = "collected" if record.collected else "ready to collect" if record.final else "running"
    lost = f", {len(record.lost)} lost" if record.lost else ""
    return (
        f"{record.id}  {record.status:11}  {record.completed}/{len(record.requests)} done, "
        f"{record.failed} failed{lost}  {state}  {record.model}  created {created} UTC"
    )


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
    fmt: BriefFormatOption = None,
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
    with reported_errors():
        chosen = output_format(fmt, output)
        _batch_collect(settings, paths or [], state, output, chosen, title, invalid)


def _batch_collect(
    settings: Settings,
    paths: list[Path],
    state: Path | None,
    output: Path | None,
    fmt: OutputFormat,
    title: str | None,
    invalid: InvalidAnswers,
) -> None:

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
            run,
            extractor,
            loaded,
            title=title,
            # Failures always get a line, every article only with -v: a nightly feed is
            # tens of thousands of lines otherwise.
            progress=ArticleProgress(None, settings.verbosity if settings.verbosity else -1),
        )
    finally:
        extractor.close()
    finish_brief(settings, result, output, fmt)


def _report_collect(report: CollectReport, paths: list[Path]) -> None:
    for line in report.bad_lines:
        say(f"warning: {line}: skipped")
    for record in report.collected:
        say(
            f"collected {record.id} ({record.status}): "
            f"{len(record.requests) - len(record.lost)} of {len(record.requests)} requests "
            f"cached, {len(record.lost)} lost"
        )
        for line in _lost_lines(record):
            say(line)
    if report.reasked or report.usage.calls:
        say(
            f"{_count(report.reasked, 'invalid answer')} fixed online "
            f"({_count(report.usage.calls, 'model call')})"
        )
    for record in report.resubmitted:
        say(
            f"resubmitted {_count(len(record.requests), 'invalid answer')} as {record.id}: "
            f"collect again when it is done"
        )
    if any(r.lost for r in report.collected):
        where = " ".join(str(p) for p in paths) or "PATHS"
        say(
            f"to resubmit only what was lost: brief batch submit {where} "
            f"(cached and pending requests are not sent again)"
        )


def _lost_lines(record: BatchRecord, shown: int = 5) -> list[str]:
    """What a batch lost, grouped by reason, with the articles each reason hit."""
    by_reason: dict[str, list[str]] = {}
    for key, reason in record.lost.items():
        by_reason.setdefault(reason, []).append(record.requests[key].path)
    lines = []
    for reason, files in by_reason.items():
        unique = list(dict.fromkeys(files))
        more = f" and {len(unique) - shown} more" if len(unique) > shown else ""
        lines.append(
            f"lost: {_count(len(files), 'request')} ({_count(len(unique), 'article')}: "
            f"{', '.join(unique[:shown])}{more}): {reason}"
        )
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
    with reported_errors():
        path = _state_path(settings, state)
        loaded = load_state(path, must_exist=True)
        records = cancel(_batch_api(settings), loaded, path, batch_ids or [])
    for record in records:
        typer.echo(_status_line(record))
    say(
        f"{len(records)} batches cancelled or cancelling; `brief batch collect` picks up "
        f"what they finished"
    )
