"""Extraction: one article to its validated, checked summary through a chat model."""

from brief.extract.attribution_check import same_actor
from brief.extract.extractor import ExtractionOutcome, Extractor
from brief.extract.methods import extraction_schema
from brief.extract.setup import open_extractor
from brief.extract.structured import StructuredResult, Usage
from brief.extract.titled import title_persons

__all__ = [
    "ExtractionOutcome",
    "Extractor",
    "StructuredResult",
    "Usage",
    "extraction_schema",
    "open_extractor",
    "same_actor",
    "title_persons",
]
