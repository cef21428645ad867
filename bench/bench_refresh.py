"""How close does a refresh get to TMDB's rate limit? Prints figures; exits 1 if a target is missed.

    python bench/bench_refresh.py --films 1000 --rate 40

Starts the loopback TMDB stand-in (tests/tmdb/server.py) in its own process, capped at RATE
requests/s (a token bucket; 429 + Retry-After above it), serving N synthetic films built on a
real TMDB body (Fight Club with credits, ~100 KB each). Then refreshes all N into a fresh store
with filmtui's defaults (rate limit RATE, 8 connections, batches of 100) and reports:
- total time against the floor N / RATE (target: within 1.1x);
- films lost (target: none) and how many 429s the server had to send;
- memory: RSS (and, with --trace, Python's traced memory) sampled every 100 films (target:
  flat, i.e. the last sample within 20 MB of the one after the second batch).
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIRST_ID = 1_000_000  # the server's synthetic films start here
MB = 1024 * 1024


def rss() -> int:
    """This process's resident memory, in bytes (Linux)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def start_server(films: int, rate: float, burst: int) -> tuple[subprocess.Popen, str, str]:
    server = subprocess.Popen(
        [sys.executable, "-m", "tests.tmdb.server", "--films", str(films), "--rate", str(rate),
         "--burst", str(burst)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )
    line = server.stdout.readline().split()
    settings = dict(item.split("=", 1) for item in line)
    return server, settings["FILMTUI_TMDB_URL"], settings["TMDB_READ_ACCESS_TOKEN"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--films", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=40.0, help="the server's cap and ours")
    parser.add_argument("--burst", type=int, default=10, help="the server's bucket size")
    parser.add_argument("--trace", action="store_true", help="also trace Python allocations")
    parser.add_argument("--again", action="store_true",
                        help="then refresh all N once more (every film unchanged) and time that")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="filmtui-bench-"))
    for name in ("DATA", "CONFIG", "CACHE"):
        os.environ[f"FILMTUI_{name}_DIR"] = str(workdir / name.lower())
    server, url, token = start_server(args.films, args.rate, args.burst)
    os.environ.update(FILMTUI_TMDB_URL=url, TMDB_READ_ACCESS_TOKEN=token,
                      FILMTUI_RATE_LIMIT=str(args.rate))
    os.environ.pop("TMDB_API_KEY", None)

    from filmtui.config import load_config
    from filmtui.store import Store
    from filmtui.tmdb import Progress, refresh_films

    try:
        store = Store.open()
        config = load_config()
        ids = list(range(FIRST_ID, FIRST_ID + args.films))
        samples: list[tuple[int, float, float]] = []
        if args.trace:
            tracemalloc.start()

        def on_progress(progress: Progress) -> None:
            if progress.done % 100 == 0 or progress.done == progress.total:
                traced = tracemalloc.get_traced_memory()[0] / MB if args.trace else 0.0
                samples.append((progress.done, rss() / MB, traced))

        started = time.perf_counter()
        report = refresh_films(store, ids, config, on_progress=on_progress)
        elapsed = time.perf_counter() - started
        stats = httpx.get(url.removesuffix("/3") + "/stats").json()
        stored = {s.id for s in store.summaries()} & set(ids)
        if args.again:
            started = time.perf_counter()
            second = refresh_films(store, ids, config)
            again = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=10)

    floor = args.films / args.rate
    ratio = elapsed / floor
    lost = args.films - len(stored)
    after_first = samples[1] if len(samples) > 1 else samples[0]
    # Under tracemalloc, RSS also holds the tracer's own bookkeeping: judge the traced figure.
    column, what = (2, "traced") if args.trace else (1, "RSS")
    growth = samples[-1][column] - after_first[column]
    print(f"machine:   {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    print(f"server:    {args.rate:g} requests/s, bucket of {args.burst}; "
          f"{stats['requests']} requests, statuses {stats['statuses']}, "
          f"{stats['max_in_flight']} at once at most")
    print(f"refresh:   {args.films} films in {elapsed:.2f} s; floor {floor:.2f} s; "
          f"ratio {ratio:.3f} (target <= 1.1)")
    print(f"report:    {report.summary()}")
    print(f"lost:      {lost} films (target 0); 429s sent: {stats['statuses'].get('429', 0)}")
    if args.again:
        print(f"again:     {args.films} films in {again:.2f} s; ratio {again / floor:.3f}; "
              f"{second.summary()}")
    print("memory:    films  RSS MB" + ("  traced MB" if args.trace else ""))
    for done, resident, traced in samples:
        print(f"           {done:5d}  {resident:6.1f}" + (f"  {traced:9.1f}" if args.trace else ""))
    print(f"           {what} growth after the first batch: {growth:+.1f} MB (target within 20 MB)")
    ok = ratio <= 1.1 and lost == 0 and not report.failed and abs(growth) <= 20
    print("result:    " + ("all targets met" if ok else "TARGET MISSED"))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
