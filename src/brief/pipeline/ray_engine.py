"""`brief extract --engine ray`: the per-article step on Ray Data, beyond one machine.

Ray Data reads the articles: the driver only lists the files (a folder walk), and each file
is read in a Ray task with brief's own reader, so a cluster run reads exactly what a local
run reads, and no article's text passes through the driver. The driver gets back each
article's id and key, decides what is left to do (an article read twice, or already in the
summaries file, is not asked again), and an actor pool summarizes the rest: each actor
opens its extractor once (the spaCy pipeline and the model client, or the embedded model)
and calls `summarize_article`'s per-article step for every row it gets. The driver writes
each line as it arrives, so a run cut short keeps every article that came back, and a
rerun skips them by key, as the one-process `brief extract` does.

Ray is an optional dependency (`pip install 'brief[ray]'`); it is imported only here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from brief.config import Settings
from brief.errors import ConfigError, UserError
from brief.extract import Extractor, open_extractor
from brief.ingest import ReadResult, file_articles, first_copy, input_files
from brief.models import (
    ChatModel,
    ChatRequest,
    ChatResponse,
    backend_profile,
    load_extraction_prompt,
)
from brief.pipeline.contract import ExtractResult, ExtractRun, line_of, summary_key
from brief.pipeline.reading import nothing_to_read
from brief.pipeline.summaries_file import SummaryLine, known_keys, writing
from brief.schema import Article, Skipped


class _NameOnly:
    """A model that is only a name: readers compute keys with it and ask nothing."""

    concurrent = False

    def __init__(self, name: str) -> None:
        self.name = name

    def complete(self, request: ChatRequest) -> ChatResponse:
        raise ConfigError("the readers of a Ray run ask no model")


def _keyer(settings: Settings) -> Extractor:
    """An extractor with the run's model name, prompt and limits, for keys alone."""
    profile = backend_profile(settings)
    model: ChatModel = _NameOnly(profile.model_name)
    prompt = load_extraction_prompt(profile.prompt)
    return Extractor(model=model, prompt=prompt, max_attempts=settings.max_attempts,
                     max_tokens=settings.max_tokens)  # fmt: skip


_COLUMNS = ("n", "item", "id", "path", "key", "article", "skipped")
_BLOCK_ROWS = 16  # articles per block on the actors (see `_summarize`)


def read_rows(batch: dict[str, Any], settings: Settings) -> dict[str, list[Any]]:
    """One Ray task's reading: each file's articles (or why each could not be read), with
    their keys, one row per article in file order. A task, not an actor: no CPU is held
    once the files are read, so the summarizing actors can have them all."""
    keyer = _keyer(settings)
    rows: dict[str, list[Any]] = {name: [] for name in _COLUMNS}
    for file, n in zip(batch["file"], batch["n"], strict=True):
        for item_number, item in enumerate(file_articles(Path(str(file)))):
            read = item if isinstance(item, Article) else None
            rows["n"].append(int(n))
            rows["item"].append(item_number)
            rows["id"].append(read.id if read else "")
            rows["path"].append(item.path)
            rows["key"].append(summary_key(read, keyer) if read else "")
            rows["article"].append(read.model_dump_json() if read else "")
            rows["skipped"].append("" if read else item.model_dump_json())
    return rows


class Summarizer:
    """One Ray actor: an extractor opened once, every wanted article of a batch through it
    (the rows of skipped inputs, repeats and articles done before pass by)."""

    def __init__(self, settings: Settings, wanted: set[tuple[int, int]]) -> None:
        self.extractor = open_extractor(settings)
        self.wanted = wanted

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[str]]:
        lines = []
        rows = zip(batch["n"], batch["item"], batch["article"], batch["key"], strict=True)
        for n, item, raw, key in rows:
            if (int(n), int(item)) not in self.wanted:
                continue
            article = Article.model_validate_json(str(raw))
            outcome = self.extractor.extract(article)
            # Its place in the corpus is the driver's to say (`ExtractRun.order`).
            lines.append(line_of(outcome, -1, str(key)).model_dump_json())
        return {"line": lines}


@dataclass
class _Pool:
    address: str | None
    actors: int
    on_line: Callable[[SummaryLine], None] | None


def extract_with_ray(
    paths: Sequence[Path | str],
    settings: Settings,
    output: Path,
    *,
    address: str | None = None,
    actors: int = 2,
    on_line: Callable[[SummaryLine], None] | None = None,
) -> ExtractResult:
    """`extract_paths` with reading and the per-article step on Ray Data: a local Ray of
    `actors` CPUs, or the cluster at `address` ("auto", "ray://host:10001")."""
    try:
        import ray  # noqa: PLC0415 (optional: only this engine needs it)
    except ImportError:
        raise ConfigError("--engine ray needs Ray", hint="pip install 'brief[ray]'") from None
    listed = ReadResult()
    files = input_files(paths, listed)
    if None in files:
        raise UserError(
            "--engine ray reads files and folders, not standard input",
            hint="save the articles to a file, or leave out --engine ray",
        )
    pool = _Pool(address, actors, on_line)
    _keyer(settings)  # a bad model or prompt is said now, not by a Ray task after Ray starts
    try:
        _start(ray, pool)
        read = _read(ray, [f for f in files if f is not None], settings)
        found, first = _first_reads(read.drop_columns(["article"]).take_all(), listed)
        if not found:
            raise nothing_to_read(listed)
        have = known_keys(output)
        with writing(output) as write:
            run = ExtractRun.of(found, listed.skipped, have, write)
            wanted = {first[id_] for id_ in run.todo}
            if wanted:
                _summarize(read, settings, wanted, run, write, pool)
            return run.result
    finally:
        ray.shutdown()


def _start(ray: Any, pool: _Pool) -> None:
    ray.init(address=pool.address, num_cpus=None if pool.address else pool.actors,
             include_dashboard=False, log_to_driver=False, ignore_reinit_error=True,
             logging_level=logging.WARNING)  # fmt: skip
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False  # brief says each article itself
    logging.getLogger("ray.data").setLevel(logging.WARNING)


def _read(ray: Any, files: list[Path], settings: Settings) -> Any:
    """Every file read in a Ray task, the rows kept in Ray's object store."""
    listing = ray.data.from_items([{"file": str(f), "n": n} for n, f in enumerate(files)])
    return listing.map_batches(
        read_rows, fn_kwargs={"settings": settings}, batch_size=1, batch_format="numpy"
    ).materialize()


def _first_reads(
    rows: list[dict[str, Any]], listed: ReadResult
) -> tuple[list[tuple[str, str]], dict[str, tuple[int, int]]]:
    """The (id, key) of each article in corpus order, and where its first copy was read;
    what could not be read and what was read twice go to `listed`, as the local reader
    notes them."""
    found: list[tuple[str, str]] = []
    first: dict[str, tuple[int, int]] = {}
    first_path: dict[str, str] = {}
    for row in sorted(rows, key=lambda r: (int(r["n"]), int(r["item"]))):
        if row["skipped"]:
            listed.skipped.append(Skipped.model_validate_json(str(row["skipped"])))
            continue
        id_ = str(row["id"])
        if not first_copy(id_, str(row["path"]), listed, first_path):
            continue
        first[id_] = (int(row["n"]), int(row["item"]))
        found.append((id_, str(row["key"])))
    return found, first


def _summarize(
    read: Any,
    settings: Settings,
    wanted: set[tuple[int, int]],
    run: ExtractRun,
    write: Callable[[SummaryLine], None],
    pool: _Pool,
) -> None:
    # The rows not wanted are passed over in the actors, not by a filter before them: on
    # a Ray of as many CPUs as actors, a filter's tasks would wait for a CPU for ever.
    # Small blocks: a block's lines come back when it is done, so a file read into one
    # block would go to one actor whole, and a run cut short would lose all of it; a block
    # of a few articles each keeps every actor busy and loses at most those in flight.
    # Done before the actors start: once they hold every CPU, its tasks would wait for ever.
    count = read.count()
    blocks = max(min(count, 4 * pool.actors), -(-count // _BLOCK_ROWS), 1)
    rows = read.repartition(blocks).materialize()
    dataset = rows.map_batches(
        Summarizer, fn_constructor_kwargs={"settings": settings, "wanted": wanted},
        batch_size=1, concurrency=pool.actors, batch_format="numpy",
    )  # fmt: skip
    for row in dataset.iter_rows():
        line = SummaryLine.model_validate_json(str(row["line"]))
        line = line.model_copy(update={"order": run.order[line.article_id]})
        write(line)
        if line.stored is not None:
            run.stats.articles_summarized += 1
        else:
            run.stats.failed += 1
        if pool.on_line is not None:
            pool.on_line(line)
