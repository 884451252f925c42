"""Odd files for tests: a hook that runs before every `Path.open`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest


def before_open(monkeypatch: pytest.MonkeyPatch, hook: Callable[[Path], None]) -> None:
    """Run `hook(path)` before every `Path.open`. It may raise (a file that cannot be read,
    or that is gone) or wait (a read held back until something else has happened)."""
    real_open = Path.open

    def hooked_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        hook(self)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", hooked_open)
