"""Writing files so that a reader never sees half of one: a temporary file beside the
target, flushed to disk, then renamed over it. A failure (a full disk, an interrupt)
leaves the earlier file whole and no temporary file behind."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, text: str, *, prefix: str = ".tmp-") -> None:
    """Replace `path` with `text` in one step; raises OSError, with `path` untouched."""
    fd, temp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
