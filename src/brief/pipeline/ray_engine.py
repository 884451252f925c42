"""`brief extract --engine ray`: the per-article step on Ray Data, beyond one machine.

The articles are read here, in the driver, with brief's own reader (so a cluster run reads
exactly what a local run reads), and handed to Ray Data as rows. An actor pool summarizes
them: each actor opens its extractor once (the spaCy pipeline and the model client, or the
embedded model) and calls `summarize_article`'s per-article step for every row it gets.
The driver writes each line as it arrives, so a run cut short keeps every article that
came back, and a rerun skips them by key, as the one-process `brief extract` does.

Ray is an optional dependency (`pip install 'brief[ray]'`); it is imported only here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from brief.config import Settings
from brief.errors import ConfigError
from brief.extract import Extractor, open_extractor
from brief.ingest import ReadResult
from brief.models import (
    ChatModel,
    ChatRequest,
    ChatResponse,
    backend_profile,
    load_extraction_prompt,
)
from brief.pipeline.contract import ExtractResult, ExtractRun, line_of
from brief.pipeline.reading import read_corpus
from brief.pipeline.summaries_file import SummaryLine, known_keys, writing
from brief.schema import Article


class _NameOnly:
    """A model that is only a name: the driver computes keys with it and asks nothing."""

    concurrent = False

    def __init__(self, name: str) -> None:
        self.name = name

    def complete(self, request: ChatRequest) -> ChatResponse:
        raise ConfigError("the driver of a Ray run asks no model")


def _keyer(settings: Settings) -> Extractor:
    """An extractor with the run's model name, prompt and limits, for keys alone."""
    profile = backend_profile(settings)
    model: ChatModel = _NameOnly(profile.model_name)
    prompt = load_extraction_prompt(profile.prompt)
    return Extractor(model=model, prompt=prompt, max_attempts=settings.max_attempts,
                     max_tokens=settings.max_tokens)  # fmt: skip


class Summarizer:
    """One Ray actor: an extractor opened once, every article of a batch through it."""

    def __init__(self, settings: Settings) -> None:
        self.extractor = open_extractor(settings)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[str]]:
        lines = []
        for raw, order, key in zip(batch["article"], batch["order"], batch["key"], strict=True):
            article = Article.model_validate_json(str(raw))
            outcome = self.extractor.extract(article)
            lines.append(line_of(outcome, int(order), str(key)).model_dump_json())
        return {"line": lines}


def extract_with_ray(
    paths: Sequence[Path | str],
    settings: Settings,
    output: Path,
    *,
    address: str | None = None,
    actors: int = 2,
    on_line: Callable[[SummaryLine], None] | None = None,
) -> ExtractResult:
    """`extract_paths` with the per-article step on Ray Data: a local Ray of `actors`
    CPUs, or the cluster at `address` ("auto", "ray://host:10001")."""
    try:
        import ray  # noqa: PLC0415 (optional: only this engine needs it)
    except ImportError:
        raise ConfigError("--engine ray needs Ray", hint="pip install 'brief[ray]'") from None
    corpus = read_corpus(paths)
    have = known_keys(output)
    with writing(output) as write:
        return _extract_on_ray(ray, corpus, settings, have, write, _Pool(address, actors, on_line))


@dataclass
class _Pool:
    address: str | None
    actors: int
    on_line: Callable[[SummaryLine], None] | None


def _extract_on_ray(
    ray: Any,
    corpus: ReadResult,
    settings: Settings,
    have: set[str],
    write: Callable[[SummaryLine], None],
    pool: _Pool,
) -> ExtractResult:
    run = ExtractRun.of(corpus, _keyer(settings), have, write)
    if not run.todo:
        return run.result
    rows = [{"article": a.model_dump_json(), "order": run.order[a.id], "key": run.keys[a.id]}
            for a in run.todo]  # fmt: skip
    try:
        ray.init(address=pool.address, num_cpus=None if pool.address else pool.actors,
                 include_dashboard=False, log_to_driver=False, ignore_reinit_error=True,
                 logging_level=logging.WARNING)  # fmt: skip
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False  # brief says each article itself
        logging.getLogger("ray.data").setLevel(logging.WARNING)
        dataset = ray.data.from_items(rows).map_batches(
            Summarizer, fn_constructor_kwargs={"settings": settings}, batch_size=1,
            concurrency=pool.actors, batch_format="numpy",
        )  # fmt: skip
        for row in dataset.iter_rows():
            line = SummaryLine.model_validate_json(str(row["line"]))
            write(line)
            if line.stored is not None:
                run.stats.articles_summarized += 1
            else:
                run.stats.failed += 1
            if pool.on_line is not None:
                pool.on_line(line)
    finally:
        ray.shutdown()
    return run.result
