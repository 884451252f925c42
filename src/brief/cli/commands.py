"""The `brief` command line: parse, call one library function, write the result.

Exit codes: 0 all went well; 1 a brief was written but some inputs were skipped or failed
(they are listed in it); 2 bad usage or no readable input; 3 configuration (no backend,
bad model file); 4 the model failed on every article, or the Batch API refused work; 6 batches
of these articles are still running (`brief batch collect`); 130 interrupted.
"""

from __future__ import annotations

import json
import signal
from pathlib import Path
from typing import Annotated, Literal

import typer

from brief.cli.batch import batch_app, submit_batches
from brief.cli.check import check
from brief.cli.contract import extract, merge_command
from brief.cli.conventions import BriefGroup
from brief.cli.options import (
    BriefFormatOption,
    BriefOutputOption,
    BriefTitleOption,
    global_options,
)
from brief.cli.output import (
    OutputFormat,
    finish_brief,
    output_format,
    render_comparison,
    reported_errors,
    say,
    write_output,
)
from brief.cli.progress import ArticleProgress, assembly_progress, progress_bar
from brief.config import Settings
from brief.errors import UserError
from brief.evaluate import (
    baseline_drops,
    evaluate_paths,
    load_baseline,
    load_gold,
    render_evaluation_json,
    render_evaluation_table,
    render_pair_scores,
    score_pairs,
)
from brief.extract import Extractor, extraction_schema, open_extractor
from brief.models import describe_models
from brief.pipeline import MAX_KEY_ACTORS, compare_paths, summarize_paths
from brief.render import Detail
from brief.schema import Brief

app = typer.Typer(
    cls=BriefGroup,
    help="Turn news articles about a crisis into a short, sourced brief.\n\n"
    "Options of the whole run go before or after the command: "
    "brief summarize seeds/ --replay fixtures/",
    no_args_is_help=True,
    add_completion=True,  # brief --install-completion (bash, zsh, fish, PowerShell)
    pretty_exceptions_show_locals=False,  # a traceback must never print an API key
    rich_markup_mode="rich",
)
app.callback()(global_options)
app.add_typer(batch_app, name="batch")
app.command("check")(check)
app.command("extract")(extract)
app.command("merge")(merge_command)


def _open_extractor(settings: Settings) -> Extractor:
    return open_extractor(settings, on_assembly=assembly_progress(settings))


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
    fmt: BriefFormatOption = None,
    title: BriefTitleOption = None,
    detail: Annotated[
        Detail,
        typer.Option(
            help="brief: one page (gists, the main events); full: every attributed sentence "
            "under its gist, every event."
        ),
    ] = "brief",
    actors: Annotated[
        int, typer.Option("--actors", help="Key actors shown at most; the rest are named.")
    ] = MAX_KEY_ACTORS,
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
    with reported_errors():
        if actors < 1:  # one line, as every other bad value, not typer's usage box
            raise UserError("--actors must be at least 1")
        if batch:
            submit_batches(settings, paths, None, None, None)
        else:
            _summarize(settings, paths, output, output_format(fmt, output), title, detail, actors)


def _summarize(
    settings: Settings,
    paths: list[Path],
    output: Path | None,
    fmt: OutputFormat,
    title: str | None,
    detail: Detail,
    actors: int,
) -> None:
    extractor = _open_extractor(settings)
    bar = progress_bar(settings)
    try:
        if bar is not None:
            bar.start()
        result = summarize_paths(
            paths,
            extractor,
            title=title,
            progress=ArticleProgress(bar, settings.verbosity),
            max_actors=actors,
            word_gists=settings.gists,
        )
    finally:
        if bar is not None:
            bar.stop()
        extractor.close()
    finish_brief(settings, result, output, fmt, detail)


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
    with reported_errors():
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
    fmt: BriefFormatOption = None,
) -> None:
    """Compare periods of one crisis: who appeared or left, positions then and now, events.

    Examples:

      brief --replay fixtures/ compare 2020 2024

      brief compare 2019..2020 2024-01 --corpus articles/ -o compare.md
    """
    settings: Settings = ctx.obj
    with reported_errors():
        chosen = output_format(fmt, output)
        _compare(settings, periods, corpus or [Path("seeds")], chosen, output)


def _compare(
    settings: Settings,
    periods: list[str],
    corpus: list[Path],
    fmt: OutputFormat,
    output: Path | None,
) -> None:

    extractor = _open_extractor(settings)
    try:
        result = compare_paths(
            corpus,
            extractor,
            periods,
            progress=ArticleProgress(None, settings.verbosity),
            word_gists=settings.gists,
        )
    finally:
        extractor.close()
    comparison = result.comparison
    for path in comparison.undated:
        say(f"warning: no date found, left out of every period: {path}")
    for item in comparison.skipped:
        say(f"skipped: {item.path}: {item.shown}")
    write_output(render_comparison(comparison, fmt), output)
    if settings.verbosity >= 0:
        say(result.stats.closing_line())
    if not result.complete:
        raise typer.Exit(1)


EvalFormat = Literal["table", "json"]


@app.command("eval")
def evaluate(
    ctx: typer.Context,
    gold: Annotated[
        Path | None,
        typer.Argument(
            help="Reference annotations (format: tests/data/seeds.gold.json).", show_default=False
        ),
    ] = None,
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
    pairs: Annotated[
        Path | None,
        typer.Option(
            help="Also score the meaning check on labelled claim/evidence pairs "
            "(format: ../shared/faithfulness/dev.jsonl): faithful accepted, unfaithful "
            "rejected, per kind.",
            metavar="FILE",
        ),
    ] = None,
) -> None:
    """Score extraction against reference annotations: actors, positions, events, dates.

    Examples:

      brief --replay fixtures/ eval tests/data/seeds.gold.json seeds/

      brief eval gold.json articles/ --format json -o scores.json

      brief eval --pairs ../shared/faithfulness/dev.jsonl
    """
    settings: Settings = ctx.obj
    with reported_errors():
        if pairs is not None:
            scores = score_pairs(pairs)
            text = (
                json.dumps(scores.as_json(), indent=2) if fmt == "json"
                else render_pair_scores(scores)
            )  # fmt: skip
            write_output(text, output if gold is None else None)
            for line in scores.wrong if settings.verbosity > 0 else []:
                say(f"wrong: {line}")
        if gold is None:
            if pairs is None:
                hint = "brief eval GOLD [ARTICLES...] or --pairs FILE"
                raise UserError("nothing to score", hint=hint)
            return
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

    gold = load_gold(gold_path)  # a bad gold file fails before the model is loaded
    baseline = load_baseline(baseline_path) if baseline_path else None
    extractor = _open_extractor(settings)
    try:
        evaluation, stats = evaluate_paths(
            gold, paths, extractor, progress=ArticleProgress(None, settings.verbosity)
        )
    finally:
        extractor.close()
    as_json = render_evaluation_json(evaluation)
    write_output(as_json if fmt == "json" else render_evaluation_table(evaluation), output)
    if json_file is not None:
        write_output(as_json, json_file)
    if settings.verbosity >= 0:
        say(stats.closing_line())
    drops = baseline_drops(evaluation, baseline) if baseline is not None else []
    for line in drops:
        say(f"below baseline: {line}")
    if drops or evaluation.failed:
        raise typer.Exit(1)


def _raise_keyboard_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main() -> None:
    """Console-script entry point."""
    # SIGTERM ends a run the way Ctrl-C does: finished articles are already in the cache.
    signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)
    app()
