"""`brief check`: whether sentences say what their citations say, for any brief."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from brief.cli.output import reported_errors, say, write_output
from brief.config import Settings
from brief.errors import UserError
from brief.meaning import Judge, check_brief, check_pairs
from brief.models import backend_profile, open_model
from brief.pipeline import read_corpus, second_reader

_PAIRS_SUFFIXES = (".jsonl", ".ndjson")


def check(
    ctx: typer.Context,
    target: Annotated[
        Path,
        typer.Argument(
            help="A .jsonl file of claim/evidence pairs ('-' for standard input), or a "
            "Markdown brief with [n] citations.",
            show_default=False,
        ),
    ],
    articles: Annotated[
        list[Path] | None,
        typer.Argument(
            help="With a brief: its sources (files or folders), numbered as in its Sources "
            "list, else in the order given.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the verdicts to FILE.")
    ] = None,
    judge: Annotated[
        bool,
        typer.Option(
            "--judge",
            help="Also ask the model (yes/no) about each claim the rules pass; its 'no' "
            "refuses. Slower: one model call per such claim.",
        ),
    ] = False,
) -> None:
    """Check that each sentence says what the sentences it cites say: the same doer, act
    and target, the same polarity ("has not agreed" is not "agreed"), the same certainty
    (threatened is not done), the same speaker, numbers, dates and places, nothing added.

    Pairs: each line {"claim": "...", "evidence": ["...", ...]} gets one JSON line
    {"supported": true|false, "why": "...", "problem": ...}, in order. A malformed line is
    reported on stderr and answered {"supported": null, "error": ...}. Exit 0 when it ran.

    Brief: every sentence carrying [n] markers is checked against the closest sentences of
    its sources; each unsupported one is printed with why.

    Examples:

      brief check pairs.jsonl

      brief check brief.md seeds/

      brief check --judge pairs.jsonl
    """
    with reported_errors():
        reader = _second_reader(ctx.obj) if judge else None
        if articles:
            _check_brief(target, articles, output, reader)
        elif target.suffix.lower() in _PAIRS_SUFFIXES or str(target) == "-":
            _check_pairs(target, output, reader)
        else:
            raise UserError(
                f"{str(target)!r} is not a .jsonl file of pairs, and no articles were given",
                hint="brief check PAIRS.jsonl, or brief check BRIEF.md ARTICLES...",
            )


def _second_reader(settings: Settings) -> Judge:
    return second_reader(open_model(settings, backend_profile(settings)))


def _check_pairs(path: Path, output: Path | None, judge: Judge | None) -> None:
    lines = sys.stdin.read().splitlines() if str(path) == "-" else _read(path).splitlines()
    answers = []
    for result in check_pairs(lines, judge):
        if result.error is not None:
            say(f"line {result.line}: skipped: {result.error}")
        answers.append(result.as_json())
    write_output("\n".join(answers), output)


def _check_brief(
    path: Path, articles: list[Path], output: Path | None, judge: Judge | None
) -> None:
    corpus = read_corpus(articles)
    results = check_brief(_read(path), corpus.articles, judge)
    if not results:
        raise UserError(f"{str(path)!r} has no sentence with [n] citations to check")
    failed = [r for r in results if not r.verdict.supported]
    lines = [f"unsupported: {r.text}\n  why: {r.verdict.why}" for r in failed]
    lines.append(f"{len(results) - len(failed)} of {len(results)} cited sentences supported")
    write_output("\n".join(lines), output)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError as e:
        raise UserError(f"cannot read {str(path)!r}: {e.strerror}", hint="check the path") from e
