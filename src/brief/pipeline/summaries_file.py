"""The summaries file `brief extract` writes and `brief merge` reads: JSON lines, or Parquet.

JSON lines are appended as each article finishes, so a run cut short keeps every article it
finished. A Parquet file cannot be appended to: a run writing `X.parquet` appends its lines
to the journal `X.parquet.jsonl` beside it, and folds the journal into the Parquet file when
it ends, cut short or not. A journal a crash left behind is read as part of its Parquet file
and folded in by the next run, so nothing is lost there either.

Parquet holds one row per article, its summary as a JSON text column: compressed, it takes
a fraction of the JSON lines' size, and any engine (Spark, DuckDB, Ray Data) reads it.
Parquet needs pyarrow, which `pip install 'brief[ray]'` brings.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TextIO

from pydantic import BaseModel, ConfigDict, ValidationError

from brief.errors import UserError
from brief.schema import (
    Article,
    ArticleExtraction,
    ArticleSummary,
    ExtractedActor,
    ExtractedEvent,
    ExtractedPosition,
)

SUMMARY_FORMAT = 2  # the line format's version, part of every key (2: events keep where,
# how many and what for, from the parse)


class StoredExtraction(BaseModel):
    """An article's extraction as stored: the parts of a long article joined, so without
    the per-answer bounds `ArticleExtraction` holds one model answer to."""

    model_config = ConfigDict(extra="forbid")

    actors: list[ExtractedActor]
    positions: list[ExtractedPosition]
    events: list[ExtractedEvent]


class StoredSummary(BaseModel):
    model_config = ConfigDict(extra="forbid")

    article: Article
    extraction: StoredExtraction
    principal: tuple[str, ...] | None = None  # see ArticleSummary; lines before it lack it

    @classmethod
    def of(cls, summary: ArticleSummary) -> StoredSummary:
        parts = summary.extraction
        stored = StoredExtraction.model_construct(
            actors=parts.actors, positions=parts.positions, events=parts.events
        )
        return cls.model_construct(
            article=summary.article, extraction=stored, principal=summary.principal
        )

    def summary(self) -> ArticleSummary:
        parts = self.extraction
        joined = ArticleExtraction.model_construct(
            actors=parts.actors, positions=parts.positions, events=parts.events
        )
        return ArticleSummary.model_construct(
            article=self.article, extraction=joined, principal=self.principal
        )


class SummaryLine(BaseModel):
    """One article in a summaries file: its summary, or the reason it has none."""

    model_config = ConfigDict(extra="forbid")

    format: int = SUMMARY_FORMAT
    article_id: str
    path: str
    order: int  # its place in the corpus it was read from: merge keeps that order
    key: str  # what produced it: the article, the model, the prompt, the settings
    stored: StoredSummary | None = None
    error: str | None = None
    cut: str | None = None  # where reading stopped, for an article too long to read whole
    by: Literal["reader", "model"] = "model"  # who could not process it, when none


PARQUET = ".parquet"
_COLUMNS = tuple(SummaryLine.model_fields)  # a column per field, the summary as JSON text


@dataclass
class SummariesRead:
    """The lines of summaries files (the last line of each article wins), and the lines
    that could not be read."""

    lines: list[SummaryLine] = field(default_factory=list)
    bad: list[str] = field(default_factory=list)


def is_parquet(path: Path) -> bool:
    return path.suffix.lower() == PARQUET


def journal_of(path: Path) -> Path:
    """Where a run writing the Parquet file `path` appends its lines until it ends."""
    return path.with_name(path.name + ".jsonl")


def read_summaries(paths: Sequence[Path]) -> SummariesRead:
    """Every article's last line in `paths`, in corpus order; a bad line costs itself."""
    last: dict[str, tuple[int, SummaryLine]] = {}
    read = SummariesRead()
    for rank, path in enumerate(paths):
        for where, parsed in _lines_of(path):
            if isinstance(parsed, str):
                read.bad.append(f"{where}: not a summary line ({parsed})")
            else:
                last[parsed.article_id] = (rank, parsed)
    read.lines = [line for _, line in sorted(last.values(), key=lambda p: (p[0], p[1].order))]
    return read


def known_keys(path: Path) -> set[str]:
    """The keys of the summaries already in `path` (none when there is no such file)."""
    if not path.exists() and not (is_parquet(path) and journal_of(path).exists()):
        return set()
    return {line.key for line in read_summaries([path]).lines if line.stored is not None}


class _LineWriter:
    """Writes lines to one file, each flushed as it comes: a run cut short keeps every
    article it finished. The file stays open for the run (opening it per line was a
    twentieth of brief's own CPU per article); worker threads take turns."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self._handle: TextIO | None = None
        self._turn = threading.Lock()

    def __call__(self, line: SummaryLine) -> None:
        text = json.dumps(line.model_dump(mode="json"), ensure_ascii=False) + "\n"
        with self._turn:
            try:
                if self._handle is None:
                    self._handle = self.target.open("a", encoding="utf-8")
                self._handle.write(text)
                self._handle.flush()
            except OSError as e:
                raise self._failed(e) from e

    def close(self) -> None:
        with self._turn:
            if self._handle is not None:
                handle, self._handle = self._handle, None
                try:
                    handle.close()
                except OSError as e:
                    raise self._failed(e) from e

    def _failed(self, error: OSError) -> UserError:
        return UserError(f"cannot write {str(self.target)!r}: {error.strerror}")


def append_line(path: Path) -> _LineWriter:
    """A writer of lines to `path` (to its journal, for Parquet); `close` it when done."""
    if is_parquet(path):
        _pyarrow(path)  # say so now, not after the first article's model call
    return _LineWriter(journal_of(path) if is_parquet(path) else path)


@contextmanager
def writing(path: Path) -> Iterator[Callable[[SummaryLine], None]]:
    """The writer of a run's lines to `path`; when the run ends, done, failed or cut short,
    a Parquet file's journal is folded in. A failure to fold never hides the run's own."""
    write = append_line(path)
    try:
        yield write
    except BaseException:
        with suppress(Exception):
            write.close()
        with suppress(Exception):
            finish(path)
        raise
    write.close()
    finish(path)


def finish(path: Path) -> None:
    """Fold a Parquet file's journal into it (each article's last line), then remove the
    journal. Written beside and renamed over: a crash midway leaves both files whole."""
    journal = journal_of(path)
    if not is_parquet(path) or not journal.exists():
        return
    pa, pq = _pyarrow(path)
    lines = read_summaries([path]).lines
    rows = [_row_of(line) for line in lines]
    table = pa.table({name: [row[name] for row in rows] for name in _COLUMNS})
    written = path.with_name(path.name + ".writing")
    try:
        pq.write_table(table, written, compression="zstd")
        written.replace(path)
        journal.unlink()
    except (OSError, pa.ArrowException) as e:
        written.unlink(missing_ok=True)
        raise UserError(f"cannot write {str(path)!r}: {getattr(e, 'strerror', None) or e}") from e


def _lines_of(path: Path) -> Iterator[tuple[str, SummaryLine | str]]:
    """Each line of a summaries file, read, or why it could not be, with where it is."""
    if is_parquet(path):
        if path.exists():
            yield from _parquet_lines(path)
        journal = journal_of(path)
        if journal.exists():
            yield from _json_lines(journal)
        elif not path.exists():
            raise UserError(f"cannot read summaries file {str(path)!r}: no such file")
        return
    yield from _json_lines(path)


def _json_lines(path: Path) -> Iterator[tuple[str, SummaryLine | str]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise UserError(f"cannot read summaries file {str(path)!r}: {e}") from e
    for number, raw in enumerate(text.split("\n"), start=1):
        if raw.strip():
            yield f"{path}:{number}", _parsed(SummaryLine.model_validate_json, raw)


def _parquet_lines(path: Path) -> Iterator[tuple[str, SummaryLine | str]]:
    if path.stat().st_size == 0:
        return  # an empty file (touched, or cut off before its first write) holds no lines
    pa, pq = _pyarrow(path)
    try:
        rows = pq.read_table(path).to_pylist()
    except (pa.ArrowException, OSError) as e:
        raise UserError(f"cannot read summaries file {str(path)!r}: {e}") from e
    for number, row in enumerate(rows, start=1):
        yield f"{path}#{number}", _parsed(_line_of_row, row)


def _parsed(read: Callable[[Any], SummaryLine], raw: Any) -> SummaryLine | str:
    try:
        return read(raw)
    except (ValidationError, TypeError, ValueError) as e:
        errors = e.errors() if isinstance(e, ValidationError) else []
        return errors[0]["msg"] if errors else str(e) or "invalid"


def _row_of(line: SummaryLine) -> dict[str, Any]:
    row = line.model_dump(mode="json", exclude={"stored"})
    stored = line.stored
    row["stored"] = stored.model_dump_json() if stored is not None else None
    return row


def _line_of_row(row: dict[str, Any]) -> SummaryLine:
    if not isinstance(row, dict) or not isinstance(row.get("stored"), (str, type(None))):
        raise TypeError("not a row of brief's summaries")
    fields = {k: v for k, v in row.items() if k != "stored" and v is not None}
    stored = row["stored"]
    text = json.dumps({**fields, "stored": json.loads(stored) if stored else None})
    return SummaryLine.model_validate_json(text)


def _pyarrow(path: Path) -> tuple[Any, Any]:
    try:
        import pyarrow  # noqa: PLC0415 (optional: only Parquet files need it)
        import pyarrow.parquet  # noqa: PLC0415
    except ImportError:
        raise UserError(
            f"{str(path)!r} is Parquet, which needs pyarrow",
            hint="pip install 'brief[ray]', or write JSON lines (a .jsonl name)",
        ) from None
    return pyarrow, pyarrow.parquet
