"""A token bucket shared by every thread that talks to TMDB."""

from __future__ import annotations

import math
import threading
import time
from typing import Callable


class RateLimiter:
    """Let at most `rate` requests per second through, `burst` of them back to back.

    It is a GCRA (a token bucket kept as one timestamp): each caller reserves the next free slot
    under a lock and sleeps outside it, so concurrent threads are spaced evenly rather than
    waking together. `pause()` holds everyone back after a 429.
    """

    def __init__(
        self,
        rate: float,
        burst: int = 1,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], object] = time.sleep,
    ) -> None:
        if not math.isfinite(rate) or rate <= 0:  # nan would compare false and switch us off
            raise ValueError("rate must be a positive number")
        self.interval = 1.0 / rate
        self.burst = max(1, int(burst))
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._tat = clock()  # theoretical arrival time of the next request
        self._last_send = float("-inf")

    def reserve(self) -> float:
        """Claim the next slot and return how long to wait for it (seconds, maybe 0)."""
        with self._lock:
            now = self._clock()
            tat = max(self._tat, now)
            allowed = tat - (self.burst - 1) * self.interval
            self._tat = tat + self.interval
            return max(0.0, allowed - now)

    def acquire(self, sleep: Callable[[float], object] | None = None) -> None:
        """Wait until one more request may be sent (with `sleep`, e.g. one a cancel cuts short)."""
        sleep = sleep or self._sleep
        wait = self.reserve()
        if wait > 0:
            sleep(wait)
        if self.burst == 1:
            self._keep_apart(sleep)

    def _keep_apart(self, sleep: Callable[[float], object] | None = None) -> None:
        """Keep actual sends at least one interval apart.

        Threads wake late when the process is busy (writing a batch, parsing a big answer), and
        late threads whose slots have all come wake together: without this they go out back to
        back, and a server with a tight bucket answers 429, which costs a whole Retry-After.
        """
        with self._lock:
            now = self._clock()
            send_at = max(now, self._last_send + self.interval)
            self._last_send = send_at
        if send_at > now:
            (sleep or self._sleep)(send_at - now)

    def pause(self, seconds: float) -> None:
        """Send nothing for `seconds` from now (the server said so with Retry-After)."""
        with self._lock:
            resume = self._clock() + seconds + (self.burst - 1) * self.interval
            self._tat = max(self._tat, resume)
