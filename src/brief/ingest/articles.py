"""Reading article files and records into `Article`: cleaned text, a title, numbered sentences.

Bad input never raises here. Each file or record that cannot be read becomes a `Skipped`
with a one-line reason, and the caller decides what to do when nothing was read.
"""

from __future__ import annotations

import codecs
import datetime as dt
import functools
import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frontmatter
import lxml.etree
import lxml.html
import pysbd
import trafilatura
import yaml

from brief.errors import InputError
from brief.ingest.dates import find_text_date, is_date_stamp, parse_date_value
from brief.schema import Article, DateBasis, Skipped

__all__ = ["MAX_FILE_BYTES", "ReadResult", "article_from_text", "article_id", "read_articles"]

MAX_FILE_BYTES = 20 * 1024 * 1024

_TEXT_SUFFIXES = frozenset({".txt"})
_MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
_HTML_SUFFIXES = frozenset({".html", ".htm"})
_SUPPORTED = _TEXT_SUFFIXES | _MARKDOWN_SUFFIXES | _HTML_SUFFIXES | {".json", ".jsonl"}
_UNSUPPORTED_HINT = "use .txt, .md, .json, .jsonl or .html"

_TEXT_FIELDS = ("text", "body", "content")
_DATE_FIELDS = ("published", "date")

# A headline is short and does not end like a sentence.
_HEADLINE_MAX_CHARS = 160
_TITLE_FROM_SENTENCE_CHARS = 100
# pysbd rescans the whole string for every abbreviation it meets, so its cost grows
# with the square of the length; paragraphs longer than this are cut at safe points.
_SEGMENT_CHUNK_CHARS = 3000
_BINARY_SNIFF_BYTES = 8192
_GARBAGE_SAMPLE_CHARS = 65536


@dataclass
class ReadResult:
    """What `read_articles` read, what it skipped and why, and which inputs repeated others."""

    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    # (path, path of the first copy): the same story read twice is not a failure.
    duplicates: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class _Draft:
    """A record's raw text and metadata, before cleaning."""

    path: str
    text: str
    title: str | None = None
    date_value: object = None
    date_field: str | None = None
    url: str | None = None
    outlet: str | None = None
    may_be_wrapped: bool = False  # hand-written .txt/.md may break lines mid-sentence


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
    first_path_by_file: dict[str, str] = {}
    for raw_path in paths:
        for file_path in _expand(Path(raw_path), result.skipped):
            shown = str(file_path)
            real = os.path.realpath(file_path)
            if real in first_path_by_file:
                if first_path_by_file[real] != shown:
                    result.duplicates.append((shown, first_path_by_file[real]))
                continue
            first_path_by_file[real] = shown
            for item in _read_file(file_path):
                article = _collect(item, result, first_path_by_id)
                if article is not None:
                    yield article


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
        _Draft(
            path=path,
            text=text,
            title=title,
            date_value=date_value,
            date_field=date_field,
            url=url,
            outlet=outlet,
        )
    )


def _collect(
    item: _Draft | Skipped, result: ReadResult, first_path_by_id: dict[str, str]
) -> Article | None:
    """Adds `item` to `result`; returns it as an article when it is a new one."""
    if isinstance(item, Skipped):
        result.skipped.append(item)
        return None
    try:
        article = _build_article(item)
    except InputError as error:
        result.skipped.append(Skipped(path=error.source, reason=error.reason))
        return None
    if article.id in first_path_by_id:
        result.duplicates.append((article.path, first_path_by_id[article.id]))
        return None
    first_path_by_id[article.id] = article.path
    result.articles.append(article)
    return article


# -------------------------------------------------------------------- finding files


def _expand(path: Path, skipped: list[Skipped]) -> list[Path]:
    """The files a command-line path stands for; problems go to `skipped`."""
    try:
        if path.is_dir():
            files = _walk(path, skipped)
            if not any(f.suffix.lower() in _SUPPORTED for f in files):
                skipped.append(_skip(path, "folder holds no readable articles"))
            return files
        if path.exists():
            return [path]
        if path.is_symlink():
            skipped.append(_skip(path, "broken symbolic link (its target does not exist)"))
        else:
            skipped.append(_skip(path, "no such file or folder"))
    except OSError as error:
        skipped.append(_skip(path, f"cannot open: {_os_message(error)}"))
    return []


def _walk(root: Path, skipped: list[Skipped]) -> list[Path]:
    """Files under `root`, depth first in name order, hidden entries left out.

    Each folder is entered once by its real path, so a symbolic link back up the tree
    cannot loop. An explicit stack keeps very deep trees clear of the recursion limit.
    """
    files: list[Path] = []
    visited = {os.path.realpath(root)}
    stack: list[Iterator[os.DirEntry[str]]] = [iter(_list_folder(root, skipped))]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):
            continue
        if _is_dir(entry):
            real = os.path.realpath(entry.path)
            if real in visited:
                skipped.append(
                    _skip(entry.path, "link to a folder that is already being read; not followed")
                )
                continue
            visited.add(real)
            stack.append(iter(_list_folder(Path(entry.path), skipped)))
        elif _is_file(entry):
            files.append(Path(entry.path))
        elif entry.is_symlink():
            skipped.append(_skip(entry.path, "broken or looping symbolic link"))
        else:
            skipped.append(_skip(entry.path, "not a regular file"))
    return files


def _list_folder(folder: Path, skipped: list[Skipped]) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as entries:
            return sorted(entries, key=lambda entry: entry.name)
    except OSError as error:
        skipped.append(_skip(folder, f"cannot open folder: {_os_message(error)}"))
        return []


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False


# -------------------------------------------------------------------- reading files


def _read_file(path: Path) -> list[_Draft | Skipped]:
    shown = str(path)
    suffix = path.suffix.lower()
    if suffix not in _SUPPORTED:
        kind = f"'{suffix}'" if suffix else "without an extension"
        return [_skip(path, f"unsupported file type {kind} ({_UNSUPPORTED_HINT})")]
    try:
        text = _decode(_read_bytes(path), shown)
        if not text.strip():
            raise InputError(shown, "empty file")
        return _parse(text, shown, suffix)
    except InputError as error:
        return [Skipped(path=error.source, reason=error.reason)]


def _read_bytes(path: Path) -> bytes:
    shown = str(path)
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
        raise InputError(shown, f"cannot read: {_os_message(error)}") from error
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
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        # latin-1 maps every byte, so it always "succeeds"; the check below is what
        # tells a legacy-encoded article from binary noise.
        text = data.decode("latin-1")
    if _looks_like_garbage(text):
        raise InputError(shown, "not readable text (unknown encoding or binary data)")
    return text


def _looks_like_garbage(text: str) -> bool:
    sample = text[:_GARBAGE_SAMPLE_CHARS]
    controls = sum(
        1 for char in sample if unicodedata.category(char) == "Cc" and char not in "\t\n\r\f\v"
    )
    return controls > max(2, len(sample) // 100)


def _parse(text: str, shown: str, suffix: str) -> list[_Draft | Skipped]:
    if suffix in _TEXT_SUFFIXES:
        return [_Draft(path=shown, text=text, may_be_wrapped=True)]
    if suffix in _MARKDOWN_SUFFIXES:
        return [_markdown_draft(text, shown)]
    if suffix in _HTML_SUFFIXES:
        return [_html_draft(text, shown)]
    if suffix == ".json":
        return _json_drafts(text, shown)
    return _jsonl_drafts(text, shown)


# ------------------------------------------------------------------------- markdown

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")


def _markdown_draft(text: str, shown: str) -> _Draft:
    try:
        post = frontmatter.loads(text)
    except yaml.YAMLError as error:
        raise InputError(shown, f"bad YAML front matter: {_yaml_message(error)}") from error
    meta = post.metadata if isinstance(post.metadata, dict) else {}
    date_field = next((key for key in ("date", "published") if key in meta), None)
    body, first_heading = _markdown_to_text(post.content)
    return _Draft(
        path=shown,
        text=body,
        title=_string_field(meta.get("title")) or first_heading,
        date_value=meta.get(date_field) if date_field else None,
        date_field=date_field,
        url=_string_field(meta.get("url")),
        outlet=_string_field(meta.get("source")),
        may_be_wrapped=True,
    )


def _markdown_to_text(markdown: str) -> tuple[str, str | None]:
    """Plain lines, and the heading the document opens with (its title), if any.

    Headings get blank lines around them so they never join the text next to them.
    """
    lines: list[str] = []
    first_heading: str | None = None
    for line in markdown.splitlines():
        heading = _MD_HEADING.match(line)
        line = _markdown_inline(heading.group(1) if heading else line)
        if heading and first_heading is None and not any(lines):
            first_heading = line
        lines.extend(["", line, ""] if heading else [line])
    return "\n".join(lines), first_heading


def _markdown_inline(line: str) -> str:
    line = _MD_IMAGE.sub("", line)
    line = _MD_LINK.sub(r"\1", line)
    return _MD_EMPHASIS.sub(r"\2", line)


def _yaml_message(error: yaml.YAMLError) -> str:
    if isinstance(error, yaml.MarkedYAMLError) and error.problem:
        mark = error.problem_mark
        where = f" (line {mark.line + 1})" if mark is not None else ""
        return f"{error.problem}{where}"
    return str(error).splitlines()[0] if str(error) else type(error).__name__


# ----------------------------------------------------------------------------- html


def _html_draft(html: str, shown: str) -> _Draft:
    try:
        document = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            # Markup only: the extensive search guesses dates from any number in the page.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except (ValueError, lxml.etree.LxmlError) as error:
        raise InputError(shown, f"cannot parse HTML: {error}") from error
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise InputError(shown, "no article text found in the HTML")
    date = getattr(document, "date", None)
    return _Draft(
        path=shown,
        text=text,
        title=getattr(document, "title", None) or _html_title_tag(html),
        date_value=date,
        date_field="html metadata date" if date else None,
        url=getattr(document, "url", None),
        outlet=getattr(document, "sitename", None),
    )


def _html_title_tag(html: str) -> str | None:
    try:
        title = lxml.html.fromstring(html).findtext(".//title")
    except (ValueError, lxml.etree.LxmlError):
        return None
    return title.strip() if title and title.strip() else None


# ----------------------------------------------------------------------------- json


def _json_drafts(text: str, shown: str) -> list[_Draft | Skipped]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(shown, f"invalid JSON: {_json_message(error)}") from error
    except RecursionError as error:
        raise InputError(shown, "invalid JSON: nested too deeply") from error
    if not isinstance(data, list):
        return [_record_draft(data, shown)]
    items = [_try_record(item, f"{shown}#{number}") for number, item in enumerate(data, 1)]
    return _file_level_if_none_read(items, shown)


def _jsonl_drafts(text: str, shown: str) -> list[_Draft | Skipped]:
    # Records are numbered by line so that "file.jsonl#7" points at line 7.
    items: list[_Draft | Skipped] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        record_path = f"{shown}#{number}"
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as error:
            reason = _json_message(error) if isinstance(error, json.JSONDecodeError) else ""
            items.append(Skipped(path=record_path, reason=f"invalid JSON line: {reason}".strip()))
            continue
        items.append(_try_record(record, record_path))
    return _file_level_if_none_read(items, shown)


def _file_level_if_none_read(items: list[_Draft | Skipped], shown: str) -> list[_Draft | Skipped]:
    """One reason for the whole file when no record in it is an article, not one per record."""
    if any(isinstance(item, _Draft) for item in items):
        return items
    if not items:
        return [_skip(shown, "no records in file")]
    first = items[0]
    assert isinstance(first, Skipped)
    more = f" (and {len(items) - 1} more records)" if len(items) > 1 else ""
    return [_skip(shown, f"no article records: first one: {first.reason}{more}")]


def _json_message(error: json.JSONDecodeError) -> str:
    return f"{error.msg} at line {error.lineno}, column {error.colno}"


def _try_record(record: object, record_path: str) -> _Draft | Skipped:
    try:
        return _record_draft(record, record_path)
    except InputError as error:
        return Skipped(path=error.source, reason=error.reason)


def _record_draft(record: object, record_path: str) -> _Draft:
    if not isinstance(record, dict):
        raise InputError(record_path, "no 'text' field: not an article")
    text = _record_text(record, record_path)
    date_field = next((key for key in _DATE_FIELDS if record.get(key) not in (None, "")), None)
    return _Draft(
        path=record_path,
        text=text,
        title=_string_field(record.get("title")),
        date_value=record.get(date_field) if date_field else None,
        date_field=date_field,
        url=_string_field(record.get("url")),
        outlet=_outlet_field(record.get("source")),
    )


def _record_text(record: dict[str, Any], record_path: str) -> str:
    present = [key for key in _TEXT_FIELDS if key in record]
    if not present:
        raise InputError(record_path, "no 'text' field: not an article")
    value = record[present[0]]
    if not isinstance(value, str):
        raise InputError(record_path, f"'{present[0]}' field is not a string")
    if not value.strip():
        raise InputError(record_path, f"empty '{present[0]}' field")
    return value


def _outlet_field(value: object) -> str | None:
    # Feeds write the publisher either as a name or as {"name": ..., "id": ...}.
    if isinstance(value, dict):
        value = value.get("name")
    return _string_field(value)


def _string_field(value: object) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    text = " ".join(str(value).split())
    return text or None


# ------------------------------------------------------------------------- cleaning

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))

# Whole lines that belong to the site, not the story. Each is anchored at the start and
# only tried on short lines, so a real paragraph that happens to match is not lost.
_BOILERPLATE_MAX_CHARS = 300
_BOILERPLATE = re.compile(
    r"""^(?:
        (?:read|see)\s+(?:also|more)\b
      | also\s+read\b
      | related(?:\s+(?:stories|articles|news|coverage|content))?\s*:
      | follow\s+us\b
      | join\s+(?:our|us|the)\b.*\b(?:telegram|whatsapp|channel|newsletter|community)\b
      | subscribe(?:\s+(?:to|now|for|here)\b|\s*$)
      | sign\s+up\s+for\b
      | click\s+here\b
      | share\s+(?:this|on)\b
      | (?:advertisement|advertisements|sponsored(?:\s+content)?|ad)\s*$
      | (?:made|powered|built)\s+(?:with|by)\s+\S+(?:\s+\S+){0,3}\s*$
      | (?:first|originally)\s+(?:published|appeared)\s+(?:by|on|in)\s+\S+(?:\s+\S+){0,4}\s*$
      | additional\s+reporting\s+by\s+\S+(?:\s+\S+){0,8}\s*$
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# Scrapers sometimes glue the date in front of the first paragraph (seed 003).
_LEADING_DATE_MARK = re.compile(r"^dated?\s*:?\s*\d{4}-\d{2}-\d{2}\s+", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_WRAP_MIN_SHARE = 0.6


def _paragraphs(text: str, *, may_be_wrapped: bool) -> list[str]:
    """Clean paragraphs: whitespace collapsed, boilerplate gone, broken lines re-joined."""
    paragraphs: list[str] = []
    seen_short: set[str] = set()
    for block in re.split(r"\n\s*\n", text.translate(_INVISIBLE)):
        lines = [" ".join(line.split()) for line in block.splitlines()]
        lines = [line for line in lines if line and not _is_furniture(line)]
        lines = _first_copies(lines, seen_short)
        paragraphs.extend(_join_broken_lines(lines, may_be_wrapped=may_be_wrapped))
    if paragraphs:
        paragraphs[0] = _LEADING_DATE_MARK.sub("", paragraphs[0], count=1)
    return [paragraph for paragraph in paragraphs if paragraph]


def _first_copies(lines: list[str], seen_short: set[str]) -> list[str]:
    # A headline-sized line seen before is a repeated headline or caption (seed 002).
    kept: list[str] = []
    for line in lines:
        if len(line) <= _HEADLINE_MAX_CHARS:
            key = _normalise(line)
            if key in seen_short:
                continue
            seen_short.add(key)
        kept.append(line)
    return kept


def _is_furniture(line: str) -> bool:
    if len(line) > _BOILERPLATE_MAX_CHARS:
        return False
    # A "Published May 25, 2019" line is page furniture too; dates are read before cleaning.
    return bool(_BOILERPLATE.match(line)) or is_date_stamp(line)


def _join_broken_lines(lines: list[str], *, may_be_wrapped: bool) -> list[str]:
    """Each line is a paragraph unless it plainly stops mid-sentence.

    A line continues on the next when it does not end a sentence and either the next
    starts in lower case, or the block is hard-wrapped and the line fills most of the
    width (a short line there is a heading or a paragraph's end).
    """
    width = _wrap_width(lines) if may_be_wrapped else None
    joined: list[str] = []
    for previous, line in zip([None, *lines], lines, strict=False):
        if joined and previous is not None and _continues(previous, line, width):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


def _wrap_width(lines: list[str]) -> int | None:
    # Hard-wrapped text has every line but the last at or under ~100 characters. Two
    # lines are too few to tell wrapping from a headline over its subtitle.
    body = lines[:-1]
    if len(body) < 2 or max(len(line) for line in body) > 100:
        return None
    widest = max(len(line) for line in body)
    return widest if widest >= 50 else None


def _continues(previous: str, line: str, width: int | None) -> bool:
    if _SENTENCE_END.search(previous):
        return False
    if line[0].islower():
        return True
    return width is not None and len(previous) >= _WRAP_MIN_SHARE * width


def _is_headline(line: str) -> bool:
    return (
        len(line) <= _HEADLINE_MAX_CHARS
        and len(line.split()) >= 2
        and not line.endswith((".", ":", ";", ","))
    )


def _strip_site_name(title: str) -> str:
    # "Headline | Site Name": the part before the first bar is the headline.
    head = title.split(" | ", 1)[0].strip()
    return head or title.strip()


def _normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _without_title(paragraphs: list[str], title: str | None) -> list[str]:
    # Pages often print the headline twice (seed 004); the copy is not part of the story.
    if not title:
        return paragraphs
    key = _normalise(title)
    return [paragraph for paragraph in paragraphs if _normalise(paragraph) != key]


def _split_title(paragraphs: list[str], meta_title: str | None) -> tuple[str | None, list[str]]:
    """The title and the body paragraphs; a headline line used as title leaves the body."""
    if meta_title and meta_title.strip():
        title = _strip_site_name(" ".join(meta_title.split()))
        return title, _without_title(paragraphs, title)
    if len(paragraphs) > 1 and _is_headline(paragraphs[0]):
        title = _strip_site_name(paragraphs[0])
        return title, _without_title(paragraphs[1:], title)
    return None, paragraphs


def _title_from_sentence(sentence: str) -> str:
    sentence = sentence.strip()
    if len(sentence) <= _TITLE_FROM_SENTENCE_CHARS:
        return sentence.rstrip(".")
    cut = sentence[: _TITLE_FROM_SENTENCE_CHARS + 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-–—") + "…"


# ------------------------------------------------------------------------ sentences
#
# pysbd is the sentence splitter, but it is slow (~200 KB/s; every abbreviation it meets
# rescans the whole string) and on a long paragraph one stray quote mark makes it treat
# the rest as a quotation and stop splitting. So each paragraph is first cut at breaks
# that pysbd would make anyway, outside quotations, and pysbd only sees the pieces that
# still hold an inner full stop (an abbreviation, a decimal, a quoted sentence).

# A lower-case word of three letters or more, a sentence end (maybe a closing quote),
# white space, then a capital. Initials and "U.S." fail it; known abbreviations are
# checked separately, below.
_SAFE_BREAK = re.compile(r"(?:(?<=[a-z]{3}[.!?])|(?<=[a-z]{2}[.!?][\"”’]))\s+(?=[\"“‘]?[A-Z])")
_WORD_BEFORE_STOP = re.compile(r"([A-Za-z]+)\.[\"”’]?$")
_QUOTE_MARK = re.compile(r"[\"“”]")
# Only a sentence end followed by white space can split a piece ("3.5" and "U.S" cannot).
_HAS_INNER_END = re.compile(r"[.!?…][\"'”’)\]]*\s")
# An opening quote still unclosed this far on is a stray mark, not a quotation.
_MAX_QUOTATION_CHARS = 600


@functools.cache
def _segmenter() -> pysbd.Segmenter:
    # Built once and lazily: construction compiles many rules, and importing this module
    # should stay cheap for commands that never read articles.
    return pysbd.Segmenter(language="en", clean=False)


@functools.cache
def _abbreviations() -> frozenset[str]:
    # pysbd's own list, so a pre-cut never splits where pysbd would not.
    from pysbd.lang.english import English

    return frozenset(English.Abbreviation.ABBREVIATIONS)


def _split_sentences(paragraphs: list[str]) -> tuple[str, ...]:
    sentences: list[str] = []
    for paragraph in paragraphs:
        pieces: list[str] = []
        for piece in _pieces(paragraph):
            pieces.extend(_segment(piece))
        sentences.extend(_reattach_stray_quotes(pieces))
    return tuple(sentences)


def _pieces(paragraph: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for cut in _sure_breaks(paragraph):
        pieces.extend(_chunks(paragraph[start:cut]))
        start = cut
    pieces.extend(_chunks(paragraph[start:]))
    return pieces


def _sure_breaks(paragraph: str) -> list[int]:
    """Offsets of sentence breaks that are outside quotations and not after an abbreviation."""
    quotes = [(match.start(), match.group()) for match in _QUOTE_MARK.finditer(paragraph)]
    next_quote, inside, opened_at = 0, False, 0
    breaks: list[int] = []
    for match in _SAFE_BREAK.finditer(paragraph):
        while next_quote < len(quotes) and quotes[next_quote][0] < match.start():
            position, mark = quotes[next_quote]
            next_quote += 1
            inside = _opens_quotation(paragraph, position, mark)
            opened_at = position if inside else opened_at
        if inside and match.start() - opened_at > _MAX_QUOTATION_CHARS:
            inside = False
        if not inside and not _after_abbreviation(paragraph, match.start()):
            breaks.append(match.start())
    return breaks


def _opens_quotation(text: str, position: int, mark: str) -> bool:
    if mark != '"':
        return mark == "“"
    # A straight quote opens when it starts a word and closes when it ends one; counting
    # them instead goes wrong for good after one stray mark.
    before = text[position - 1] if position > 0 else " "
    after = text[position + 1] if position + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-") and not after.isspace()


def _after_abbreviation(paragraph: str, position: int) -> bool:
    word = _WORD_BEFORE_STOP.search(paragraph, max(0, position - 24), position)
    return word is not None and word.group(1).lower() in _abbreviations()


def _segment(text: str) -> list[str]:
    stripped = text.strip()
    if not _HAS_INNER_END.search(stripped):
        return [stripped] if stripped else []  # one sentence or a heading: nothing to split
    # The processor alone, not Segmenter.segment(): segment() then maps each sentence
    # back onto the input with a freshly compiled regex (most of its run time) and drops
    # any sentence it fails to find. Whitespace is all that pass restores, and we strip it.
    sentences = _segmenter().processor(stripped).process()
    return [sentence.strip() for sentence in sentences if sentence.strip()]


def _reattach_stray_quotes(pieces: list[str]) -> list[str]:
    """Give a closing quote that pysbd split off back to the sentence it closes."""
    fixed: list[str] = []
    for piece in pieces:
        if fixed and not any(char.isalnum() for char in piece):
            fixed[-1] += piece
            continue
        if fixed and len(piece) > 1 and piece[0] in '"”' and piece[1].isspace():
            fixed[-1] += piece[0]
            piece = piece[1:].lstrip()
        fixed.append(piece)
    return fixed


def _chunks(text: str) -> list[str]:
    """`text` cut into pieces of at most ~3000 characters, so pysbd never sees a long one."""
    chunks: list[str] = []
    start = 0
    while len(text) - start > _SEGMENT_CHUNK_CHARS:
        window = text[start : start + _SEGMENT_CHUNK_CHARS]
        cut = _last_safe_break(window)
        if cut <= 0:
            cut = window.rfind(" ")  # a run-on with no clear break: cut between words
        if cut <= 0:
            cut = len(window)
        chunks.append(text[start : start + cut])
        start += cut
    chunks.append(text[start:])
    return chunks


def _last_safe_break(window: str) -> int:
    last = -1
    for match in _SAFE_BREAK.finditer(window):
        last = match.start()
    return last


# ---------------------------------------------------------------------------- build


def _build_article(draft: _Draft) -> Article:
    paragraphs = _paragraphs(draft.text, may_be_wrapped=draft.may_be_wrapped)
    title, body = _split_title(paragraphs, draft.title)
    sentences = _split_sentences(body)
    if not sentences:
        raise InputError(draft.path, "no article text left after removing site boilerplate")
    text = "\n\n".join(body)
    date, basis, evidence = _article_date(draft)
    return Article(
        id=article_id(text),
        path=draft.path,
        title=title or _title_from_sentence(sentences[0]),
        text=text,
        sentences=sentences,
        date=date,
        date_basis=basis,
        date_evidence=evidence,
        url=draft.url,
        outlet=draft.outlet,
    )


def article_id(text: str) -> str:
    """Content id of an article body: equal for copies that differ only in case or spacing."""
    return hashlib.blake2b(_normalise(text).encode("utf-8"), digest_size=8).hexdigest()


def _article_date(draft: _Draft) -> tuple[dt.date | None, DateBasis | None, str | None]:
    """Metadata first, then words in the text; never a guess."""
    if draft.date_field is not None:
        day = parse_date_value(draft.date_value)
        if day is not None:
            return day, "metadata", f"{draft.date_field}: {draft.date_value}"
    found = find_text_date(draft.text)
    if found is not None:
        return found[0], "text", found[1]
    return None, None, None


# -------------------------------------------------------------------------- helpers


def _skip(path: Path | str, reason: str) -> Skipped:
    return Skipped(path=str(path), reason=reason)


def _os_message(error: OSError) -> str:
    return error.strerror or str(error) or type(error).__name__
