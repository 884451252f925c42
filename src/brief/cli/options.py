"""Option types shared by commands, and the options of every run."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Annotated, Any, Literal

import typer
from pydantic import ValidationError

from brief import __version__
from brief.cli.output import OutputFormat, say
from brief.config import Backend, Settings, load_settings

# Options of every command that writes a brief (summarize, batch collect).
BriefOutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write the brief here instead of stdout.")
]
BriefFormatOption = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="markdown, json (everything), html (one web page), docx (Word) or csv (the "
        "timeline). Default: from the -o file's extension, else markdown.",
        show_default=False,
    ),
]
BriefTitleOption = Annotated[
    str | None, typer.Option(help="Title of the brief (default: from its main actors).")
]


StateOption = Annotated[
    Path | None,
    typer.Option(
        "--state",
        help="The batch state file (default: batches.json in the cache directory).",
        metavar="FILE",
    ),
]
InvalidAnswers = Literal["reask", "resubmit"]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"brief {__version__}")
        raise typer.Exit()


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
        typer.Option(help="Articles in flight at once (OpenAI protocol; default 4)."),
    ] = None,
    rpm: Annotated[
        int | None,
        typer.Option(help="At most this many requests a minute to the endpoint."),
    ] = None,
    timeout: Annotated[
        float | None,
        typer.Option(help="Seconds to wait for one answer (default 120)."),
    ] = None,
    cache_dir: Annotated[
        Path | None,
        typer.Option(help="Where the cache and the assembled model live. Env: BRIEF_CACHE_DIR."),
    ] = None,
    no_gists: Annotated[
        bool,
        typer.Option(
            "--no-gists",
            help="Keep every gist in the articles' own words (no model call to word them).",
        ),
    ] = False,
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
            help="Prompt file in prompts/ to extract with: extract.v4 (read sentence by "
            "sentence; the default for the embedded model), extract.v3 (its older form) or "
            "extract.v2 (whole article; "
            "the default for servers).",
            metavar="NAME",
        ),
    ] = None,
    max_tokens: Annotated[int | None, typer.Option(help="Token limit of one model answer.")] = None,
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
            gists=not no_gists,
            record_dir=record,
            replay_dir=replay,
            max_tokens=max_tokens,
            prompt=prompt,
            verbosity=-1 if quiet else verbose,
        )
    except ValidationError as e:
        say(f"error: {_settings_error(e)}")
        raise typer.Exit(2) from None
    _show_tracebacks(verbose > 0 and not quiet)


def _settings_error(error: ValidationError) -> str:
    """What was wrong with the settings, said as the flags that set them: "--timeout:
    Input should be a finite number"."""
    said = []
    for item in error.errors():
        message = str(item["msg"]).removeprefix("Value error, ")
        flag = "--" + "-".join(str(p) for p in item["loc"]).replace("_", "-")
        said.append(
            message if not item["loc"] or message.startswith(flag) else f"{flag}: {message}"
        )
    return "; ".join(said)


def _show_tracebacks(show: bool) -> None:
    """With -v, an unexpected error that failed one article shows its traceback on
    stderr, so a programming error is never silent; without it, one line says why."""
    log = logging.getLogger("brief")
    if not log.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("debug: %(message)s"))
        log.addHandler(handler)
    log.setLevel(logging.DEBUG if show else logging.WARNING)


def _settings_from_flags(**flags: Any) -> Settings:
    return load_settings(os.environ, **flags)
