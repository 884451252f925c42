"""Reading article files and records into `Article`: cleaned text, a title, numbered sentences.

Bad input never raises here. Each file or record that cannot be read becomes a `Skipped`
with a one-line reason, and the caller decides what to do when nothing was read.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import os
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from brief.errors import InputError, contained
from brief.ingest.cleaning import (
    clean_paragraphs,
    looks_english,
    normalise,
    split_title,
    title_from_sentence,
)
from brief.ingest.dates import find_text_date, parse_date_value
from brief.ingest.finding import (
    HTML_SUFFIXES,
    MARKDOWN_SUFFIXES,
    SUPPORTED,
    TEXT_SUFFIXES,
    expand,
    os_message,
)
from brief.ingest.formats import (
    Draft,
    html_draft,
    json_drafts,
    jsonl_drafts,
    markdown_draft,
    parquet_drafts,
    skip,
)
from brief.ingest.sentences import split_sentences
from brief.printable import printable, without_escapes
from brief.schema import MAX_ARTICLE_CHARS, Article, DateBasis, Skipped

__all__ = [
    "MAX_FILE_BYTES", "ReadResult", "article_from_text", "article_id", "file_articles",
    "first_copy", "input_files", "read_articles",
]  # fmt: skip

MAX_FILE_BYTES = 20 * 1024 * 1024

_UNSUPPORTED_HINT = "use .txt, .md, .json, .jsonl, .html or .parquet"

_BINARY_SNIFF_BYTES = 8192
_GARBAGE_SAMPLE_CHARS = 65536
# Unicode's control characters (category Cc) but the white-space ones: one regex, not a
# category lookup per character (which was a tenth of reading an article).
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


@dataclass
class ReadResult:
    """What `read_articles` read, what it skipped and why, and which inputs repeated others."""

    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    # (path, path of the first copy): the same story read twice is not a failure.
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    # Files found before any is read: how many articles to expect, for progress.
    files_found: int = 0


# ----------------------------------------------------------------------- public API


def read_articles(paths: Sequence[Path | str]) -> ReadResult:
    """Read every article in `paths` (files or folders, walked recursively and sorted).

    Arguments are read in the order given; inside a folder, files are read sorted by path
    and records in file order. Never raises for bad input: see `ReadResult.skipped`.
    """
    result = ReadResult()
    for _ in stream_articles(paths, result):
        pass
    return result


def stream_articles(paths: Sequence[Path | str], result: ReadResult) -> Iterator[Article]:
    """`read_articles`, one article at a time: each is yielded as soon as it is read (and
    added to `result`, which also collects what was skipped and what repeated), so that a
    model can start on the first article while the rest are still being read."""
    first_path_by_id: dict[str, str] = {}
    for file_path in input_files(paths, result):
        items = _read_stdin() if file_path is None else _read_file(file_path)
        for item in items:
            article = _collect(_built(item), result, first_path_by_id)
            if article is not None:
                yield article


def input_files(paths: Sequence[Path | str], result: ReadResult) -> list[Path | None]:
    """The files `paths` stand for, in reading order, each once (None: standard input);
    what cannot be read and the files named twice go to `result`."""
    # Folders are walked first (cheap), so that progress knows how many files to expect.
    found = [
        None if str(raw) == STDIN else file_path
        for raw in paths
        for file_path in ([Path(raw)] if str(raw) == STDIN else expand(Path(raw), result.skipped))
    ]
    result.files_found = len(found)
    first_path_by_file: dict[str, str] = {}
    unique: list[Path | None] = []
    for file_path in found:
        if file_path is not None:
            shown, real = str(file_path), os.path.realpath(file_path)
            if real in first_path_by_file:
                if first_path_by_file[real] != shown:
                    result.duplicates.append((shown, first_path_by_file[real]))
                continue
            first_path_by_file[real] = shown
        unique.append(file_path)
    return unique


def file_articles(path: Path) -> list[Article | Skipped]:
    """One file's articles, and what in it could not be read, in file order: for an engine
    that reads files apart (`first_copy` then sets aside articles read twice)."""
    return [_built(item) for item in _read_file(path)]


def article_from_text(
    text: str,
    path: str,
    *,
    title: str | None = None,
    date_value: object = None,
    date_field: str = "date",
    url: str | None = None,
    outlet: str | None = None,
) -> Article:
    """Clean `text` into an Article. Raises InputError when no article text is left."""
    return _build_article(
        Draft(
            path=path,
            text=text,
            title=title,
            date_value=date_value,
            date_field=date_field,
            url=url,
            outlet=outlet,
        )
    )


def _built(item: Draft | Skipped) -> Article | Skipped:
    if isinstance(item, Skipped):
        return item
    try:
        return _build_article(item)
    except InputError as error:
        return Skipped(path=error.source, reason=error.reason)
    except Exception as error:  # cleaning or parsing one article never ends the run
        return Skipped(path=item.path, reason=contained(error, item.path))


def _collect(
    item: Article | Skipped, result: ReadResult, first_path_by_id: dict[str, str]
) -> Article | None:
    """Adds `item` to `result`; returns it as an article when it is a new one."""
    if isinstance(item, Skipped):
        result.skipped.append(item)
        return None
    if not first_copy(item.id, item.path, result, first_path_by_id):
        return None
    result.articles.append(item)
    return item


def first_copy(
    article_id: str, path: str, result: ReadResult, first_path_by_id: dict[str, str]
) -> bool:
    """Whether the article is read for the first time; an article read before, under any
    path, is a repeat, noted in `result`. For any engine that reads articles."""
    if article_id in first_path_by_id:
        result.duplicates.append((path, first_path_by_id[article_id]))
        return False
    first_path_by_id[article_id] = path
    return True


# -------------------------------------------------------------------- reading files


def _read_file(path: Path) -> list[Draft | Skipped]:
    shown = printable(str(path))
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        kind = f"'{suffix}'" if suffix else "without an extension"
        return [skip(path, f"unsupported file type {kind} ({_UNSUPPORTED_HINT})")]
    try:
        if suffix == ".parquet":  # binary: its text is in its rows
            return parquet_drafts(_read_bytes(path), shown)
        text = without_escapes(_decode(_read_bytes(path), shown))
        if _looks_like_garbage(text) or "\x00" in text:
            raise InputError(shown, "holds control characters or NUL bytes: not article text")
        text = printable(text)
        if not text.strip():
            raise InputError(shown, "empty file")
        return _parse(text, shown, suffix)
    except InputError as error:
        return [Skipped(path=error.source, reason=error.reason)]
    except Exception as error:  # any reader's fault (YAML, HTML, JSON) fails this file only
        return [Skipped(path=shown, reason=contained(error, f"reading {shown}"))]


STDIN = "-"  # as a path: read articles from standard input
STDIN_NAME = "<stdin>"


def _read_stdin() -> list[Draft | Skipped]:
    """One article, or JSON lines (one article a line), piped in: `curl … | brief
    summarize -`."""
    try:
        data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise InputError(STDIN_NAME, _too_large(len(data)))
        text = without_escapes(_decode(data, STDIN_NAME))
        if not text.strip():
            raise InputError(STDIN_NAME, "nothing on standard input")
        if "\x00" in text or _looks_like_garbage(text):
            raise InputError(STDIN_NAME, "holds control characters or NUL bytes")
        text = printable(text)
        suffix = ".jsonl" if text.lstrip().startswith("{") else ".txt"
        return _parse(text, STDIN_NAME, suffix)
    except InputError as error:
        return [Skipped(path=error.source, reason=error.reason)]
    except Exception as error:  # as for a file: this input fails, not the run
        return [Skipped(path=STDIN_NAME, reason=contained(error, STDIN_NAME))]


def _read_bytes(path: Path) -> bytes:
    shown = printable(str(path))
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(shown, _too_large(size))
        with path.open("rb") as handle:
            # Read one byte past the limit: the file may have grown since stat().
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError as error:
        raise InputError(shown, "file disappeared before it could be read") from error
    except OSError as error:
        raise InputError(shown, f"cannot read: {os_message(error)}") from error
    if len(data) > MAX_FILE_BYTES:
        raise InputError(shown, _too_large(len(data)))
    if not data:
        raise InputError(shown, "empty file")
    return data


def _too_large(size: int) -> str:
    return f"too large ({size / 1e6:.1f} MB; the limit is {MAX_FILE_BYTES / 1e6:.0f} MB)"


def _decode(data: bytes, shown: str) -> str:
    """Bytes to text: UTF-8 first, then the encodings old news sites still use."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise InputError(shown, "broken UTF-16 text") from error
    if b"\x00" in data[:_BINARY_SNIFF_BYTES]:
        raise InputError(shown, "binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):  # one bad byte in a UTF-8 file: keep its accents, mark the byte
        return data.decode("utf-8-sig", errors="replace")
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        # latin-1 maps every byte, so it always "succeeds"; the check below is what
        # tells a legacy-encoded article from binary noise.
        text = data.decode("latin-1")
    if _looks_like_garbage(text):
        raise InputError(shown, "not readable text (unknown encoding or binary data)")
    return text


def _mostly_utf8(data: bytes) -> bool:
    """Whether the bytes are UTF-8 but for a few bad ones: multi-byte characters decode
    and the bad bytes are under one in a thousand (cp1252 text has no valid UTF-8
    sequences at all, so it is told apart)."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    wide = sum(1 for char in text if ord(char) > 0x7F and char != "\ufffd")
    return wide > 0 and bad <= max(1, len(data) // 1000)


def _looks_like_garbage(text: str) -> bool:
    sample = text[:_GARBAGE_SAMPLE_CHARS]
    return len(_CONTROL_CHARS.findall(sample)) > max(2, len(sample) // 100)


def _parse(text: str, shown: str, suffix: str) -> list[Draft | Skipped]:
    if suffix in TEXT_SUFFIXES:
        return [Draft(path=shown, text=text, may_be_wrapped=True)]
    if suffix in MARKDOWN_SUFFIXES:
        return [markdown_draft(text, shown)]
    if suffix in HTML_SUFFIXES:
        return [html_draft(text, shown)]
    if suffix == ".json":
        return json_drafts(text, shown)
    return jsonl_drafts(text, shown)


# ---------------------------------------------------------------------------- build


def _build_article(draft: Draft) -> Article:
    # Cleaning may drop lines (boilerplate), so a little more than the limit is cleaned.
    raw = draft.text[: 2 * MAX_ARTICLE_CHARS]
    paragraphs = clean_paragraphs(raw, may_be_wrapped=draft.may_be_wrapped)
    title, body = split_title(paragraphs, draft.title)
    body, cut = _within_limit(body)
    sentences = split_sentences(body)
    if not sentences:
        raise InputError(draft.path, "no article text left after removing site boilerplate")
    text = "\n\n".join(body)
    if not looks_english(text):
        raise InputError(draft.path, "not in English: the parser that finds speakers reads English")
    date, basis, evidence = _article_date(draft)
    return Article(
        id=article_id(text),
        path=printable(draft.path),
        title=printable(title or title_from_sentence(sentences[0])),
        text=text,
        sentences=sentences,
        date=date,
        date_basis=basis,
        date_evidence=evidence,
        url=draft.url,
        outlet=draft.outlet,
        full_chars=len(draft.text) if cut or len(draft.text) > len(raw) else None,
    )


def _within_limit(paragraphs: list[str]) -> tuple[list[str], bool]:
    """The paragraphs up to `MAX_ARTICLE_CHARS`, the last one cut at a sentence end or a
    space; and whether anything was cut."""
    kept: list[str] = []
    size = 0
    for paragraph in paragraphs:
        room = MAX_ARTICLE_CHARS - size
        if len(paragraph) <= room:
            kept.append(paragraph)
            size += len(paragraph) + 2
            continue
        head = paragraph[:room]
        end = max(head.rfind(". "), head.rfind("? "), head.rfind("! "))
        head = head[: end + 1] if end > 0 else head.rsplit(" ", 1)[0]
        if head.strip():
            kept.append(head)
        return kept, True
    return kept, False


def article_id(text: str) -> str:
    """Content id of an article body: equal for copies that differ only in case or spacing."""
    return hashlib.blake2b(normalise(text).encode("utf-8"), digest_size=8).hexdigest()


def _article_date(draft: Draft) -> tuple[dt.date | None, DateBasis | None, str | None]:
    """Metadata first, then words in the text; never a guess."""
    if draft.date_field is not None:
        day = parse_date_value(draft.date_value)
        if day is not None:
            return day, "metadata", f"{draft.date_field}: {draft.date_value}"
    found = find_text_date(draft.text)
    if found is not None:
        return found[0], "text", found[1]
    return None, None, None
