"""Reading articles: files and folders to cleaned, dated, sentence-split `Article`s."""

from brief.ingest.articles import (
    ReadResult,
    file_articles,
    first_copy,
    input_files,
    read_articles,
    stream_articles,
)
from brief.ingest.dates import date_article
from brief.ingest.event_dates import date_events

__all__ = [
    "ReadResult", "date_article", "date_events", "file_articles", "first_copy", "input_files",
    "read_articles", "stream_articles",
]  # fmt: skip
