"""Finding the files a command line names: folders walked in name order, hidden entries,
loops and files that are not regular left out, each problem a `Skipped` with its reason."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from brief.ingest.formats import skip
from brief.schema import Skipped

TEXT_SUFFIXES = frozenset({".txt"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
SUPPORTED = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES | {".json", ".jsonl", ".parquet"}


def expand(path: Path, skipped: list[Skipped]) -> list[Path]:
    """The files a command-line path stands for; problems go to `skipped`."""
    try:
        if path.is_dir():
            files = _walk(path, skipped)
            if not any(f.suffix.lower() in SUPPORTED for f in files):
                skipped.append(skip(path, "folder holds no readable articles"))
            return files
        if path.is_file():
            return [path]
        if path.exists():  # a pipe or a device would be waited on forever, never read
            skipped.append(skip(path, "not a regular file (a pipe, socket or device)"))
            return []
        if path.is_symlink():
            skipped.append(skip(path, "broken symbolic link (its target does not exist)"))
        else:
            skipped.append(skip(path, "no such file or folder"))
    except OSError as error:
        skipped.append(skip(path, f"cannot open: {os_message(error)}"))
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
                    skip(entry.path, "link to a folder that is already being read; not followed")
                )
                continue
            visited.add(real)
            stack.append(iter(_list_folder(Path(entry.path), skipped)))
        elif _is_file(entry):
            files.append(Path(entry.path))
        elif entry.is_symlink():
            skipped.append(skip(entry.path, "broken or looping symbolic link"))
        else:
            skipped.append(skip(entry.path, "not a regular file"))
    return files


def _list_folder(folder: Path, skipped: list[Skipped]) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as entries:
            return sorted(entries, key=lambda entry: entry.name)
    except OSError as error:
        skipped.append(skip(folder, f"cannot open folder: {os_message(error)}"))
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


def os_message(error: OSError) -> str:
    return error.strerror or str(error) or type(error).__name__
