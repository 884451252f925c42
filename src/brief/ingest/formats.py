"""The file formats an article comes in: Markdown with front matter, HTML, JSON and JSON Lines
records. Each gives `Draft`s (raw text and metadata) for `articles` to clean."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import frontmatter
import lxml.etree
import lxml.html
import trafilatura
import yaml

from brief.errors import InputError, contained
from brief.printable import printable
from brief.schema import Skipped

_TEXT_FIELDS = ("text", "body", "content")
_DATE_FIELDS = ("published", "date")


@dataclass(frozen=True)
class Draft:
    """A record's raw text and metadata, before cleaning."""

    path: str
    text: str
    title: str | None = None
    date_value: object = None
    date_field: str | None = None
    url: str | None = None
    outlet: str | None = None
    may_be_wrapped: bool = False  # hand-written .txt/.md may break lines mid-sentence


# ------------------------------------------------------------------------- markdown

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")


def markdown_draft(text: str, shown: str) -> Draft:
    try:
        post = frontmatter.loads(text)
    except yaml.YAMLError as error:
        raise InputError(shown, f"bad YAML front matter: {_yaml_message(error)}") from error
    except ValueError as error:  # a well-formed value YAML cannot build: date 2020-02-30
        raise InputError(shown, f"bad YAML front matter: {error}") from error
    meta = post.metadata if isinstance(post.metadata, dict) else {}
    date_field = next((key for key in ("date", "published") if key in meta), None)
    body, first_heading = _markdown_to_text(post.content)
    return Draft(
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


_MIN_HTML_WORDS = 12  # fewer words of main text than a one-sentence news item


def html_draft(html: str, shown: str) -> Draft:
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
    if not text or len(text.split()) < _MIN_HTML_WORDS:
        # Navigation links or a script alone: a page, not an article, and not worth a call.
        raise InputError(shown, "no article text found in the HTML (a menu or script only)")
    date = getattr(document, "date", None)
    return Draft(
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


def _loads(text: str) -> object:
    """JSON, with an integer too long for Python to convert (over 4,300 digits) kept as its
    digits: a field no one reads must not cost the record, or the file, its article."""
    return json.loads(text, parse_int=_integer)


def _integer(digits: str) -> int | str:
    return int(digits) if len(digits) <= _MAX_DIGITS else digits


_MAX_DIGITS = 4_000


def json_drafts(text: str, shown: str) -> list[Draft | Skipped]:
    try:
        data = _loads(text)
    except json.JSONDecodeError as error:
        raise InputError(shown, f"invalid JSON: {_json_message(error)}") from error
    except RecursionError as error:
        raise InputError(shown, "invalid JSON: nested too deeply") from error
    if not isinstance(data, list):
        return [_record_draft(data, shown)]
    items = [_try_record(item, f"{shown}#{number}") for number, item in enumerate(data, 1)]
    return _file_level_if_none_read(items, shown)


def parquet_drafts(data: bytes, shown: str) -> list[Draft | Skipped]:
    """The rows of a Parquet file, each an article as a JSON record is ("text", "title",
    "date", "url", "source" columns); numbered "file.parquet#7" by row."""
    try:
        import pyarrow as pa  # noqa: PLC0415 (optional: only Parquet needs it)
        import pyarrow.parquet as pq  # noqa: PLC0415
    except ImportError:
        raise InputError(shown, "Parquet needs pyarrow (pip install 'brief[ray]')") from None
    try:
        rows = pq.read_table(pa.BufferReader(data)).to_pylist()
    except pa.ArrowException as error:
        raise InputError(shown, f"not a readable Parquet file: {error}") from error
    items = [_try_record(_printable_values(row), f"{shown}#{n}") for n, row in enumerate(rows, 1)]
    return _file_level_if_none_read(items, shown)


def _printable_values(row: dict[str, Any]) -> dict[str, Any]:
    # A JSON file's text is made printable before it is parsed; a Parquet file's, per value.
    return {
        key: printable(value) if isinstance(value, str) else value for key, value in row.items()
    }


def jsonl_drafts(text: str, shown: str) -> list[Draft | Skipped]:
    # Records are numbered by line so that "file.jsonl#7" points at line 7.
    items: list[Draft | Skipped] = []
    # JSON Lines end at "\n" only: a JSON string may hold U+2028 or U+0085, which
    # str.splitlines() would also split at, cutting a valid record in two.
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        record_path = f"{shown}#{number}"
        try:
            record = _loads(line)
        except (json.JSONDecodeError, RecursionError) as error:
            reason = _json_message(error) if isinstance(error, json.JSONDecodeError) else ""
            items.append(Skipped(path=record_path, reason=f"invalid JSON line: {reason}".strip()))
            continue
        items.append(_try_record(record, record_path))
    return _file_level_if_none_read(items, shown)


def _file_level_if_none_read(items: list[Draft | Skipped], shown: str) -> list[Draft | Skipped]:
    """One reason for the whole file when no record in it is an article, not one per record."""
    if any(isinstance(item, Draft) for item in items):
        return items
    if not items:
        return [skip(shown, "no records in file")]
    first = items[0]
    assert isinstance(first, Skipped)
    more = f" (and {len(items) - 1} more records)" if len(items) > 1 else ""
    return [skip(shown, f"no article records: first one: {first.reason}{more}")]


def _json_message(error: json.JSONDecodeError) -> str:
    return f"{error.msg} at line {error.lineno}, column {error.colno}"


def _try_record(record: object, record_path: str) -> Draft | Skipped:
    try:
        return _record_draft(record, record_path)
    except InputError as error:
        return Skipped(path=error.source, reason=error.reason)
    except Exception as error:  # one odd record fails alone, never the file or the run
        return Skipped(path=record_path, reason=contained(error, record_path))


def _record_draft(record: object, record_path: str) -> Draft:
    if not isinstance(record, dict):
        raise InputError(record_path, "no 'text' field: not an article")
    text = _record_text(record, record_path)
    date_field = next((key for key in _DATE_FIELDS if record.get(key) not in (None, "")), None)
    return Draft(
        path=record_path,
        text=_whole_characters(text),
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
    text = " ".join(_whole_characters(str(value)).split())
    return text or None


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _whole_characters(text: str) -> str:
    """JSON may escape half a character ("\\ud800"), which no file or terminal can
    take: it becomes U+FFFD, the mark of a character that could not be read."""
    return _SURROGATE.sub("\ufffd", printable(text))


def skip(path: Path | str, reason: str) -> Skipped:
    return Skipped(path=printable(str(path)), reason=printable(reason))
