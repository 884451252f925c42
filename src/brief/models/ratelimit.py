"""A requests-per-minute limit shared by every thread that talks to one endpoint."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class RateLimiter:
    """Spaces request starts at least 60/rpm seconds apart, across threads.

    Even spacing rather than a burst of `rpm` at the top of each minute: hosted APIs
    enforce their limits over sliding windows shorter than a minute, so a burst gets 429s
    that an even pace never provokes.
    """

    def __init__(
        self,
        rpm: int,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if rpm < 1:
            raise ValueError(f"rpm must be at least 1, not {rpm!r}")
        self.interval = 60.0 / rpm
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._next_slot: float | None = None

    def acquire(self) -> float:
        """Wait for this caller's slot; returns how long it waited."""
        with self._lock:
            # Slots are handed out under the lock; the waiting happens outside it, so a
            # thread waiting for a late slot does not hold up the bookkeeping.
            now = self._clock()
            slot = now if self._next_slot is None else max(now, self._next_slot)
            self._next_slot = slot + self.interval
        delay = slot - now
        if delay > 0:
            self._sleep(delay)
        return delay
