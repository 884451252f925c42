"""Writing files so that a reader never sees half of one: a temporary file beside the
target, flushed to disk, then renamed over it. A failure (a full disk, an interrupt)
leaves the earlier file whole and no temporary file behind."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, text: str | bytes, *, prefix: str = ".tmp-") -> None:
    """Replace `path` with `text` (or bytes) in one step; raises OSError, with `path`
    untouched."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    fd, temp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); the brief gets the mode a new file
        # would have, or the mode of the file it replaces.
        os.chmod(temp, _mode_for(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
