"""Where does the event loop stall while filmtui starts? Prints figures; asserts nothing.

    python bench/bench_stalls.py --store /tmp/s100k --seconds 5

Runs the browser headless (Textual's `run_test`) on a store and, for `--seconds` from
launch, wakes every 2 ms on the event loop: a wake more than `--over` ms late is a stall, when a
key typed then would not echo. A sampler thread notes what every other thread was doing every
10 ms, so each stall is printed with the frames that held the interpreter (a worker parsing in C,
an import the event loop waits on). bench_tui.py measures the same thing from outside, in a real
terminal; this says why.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import threading
import time
import traceback
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from filmtui.cli import make_app  # noqa: E402
from filmtui.store import Store  # noqa: E402


def _stacks(skip: int, main: int, depth: int) -> list[str]:
    """One line per other thread: its innermost `depth` frames, innermost first."""
    lines = []
    for ident, frame in sys._current_frames().items():
        if ident == skip:
            continue
        # Import machinery frames say only "importing": keep the code that asked for the import.
        frames = [f for f in traceback.extract_stack(frame) if not f.filename.startswith("<frozen")]
        importing = frames and frame.f_code.co_filename.startswith("<frozen")
        frames = frames[-depth:]
        where = " <- ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(frames))
        lines.append(("loop   " if ident == main else "worker ") + ("importing: " if importing else "") + where)
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="a store folder (make_catalogue.py)")
    parser.add_argument("--seconds", type=float, default=5.0, help="how long to watch after launch")
    parser.add_argument("--over", type=float, default=30.0, help="ms late that counts as a stall")
    parser.add_argument("--depth", type=int, default=4, help="frames shown per thread")
    args = parser.parse_args()

    app = make_app(Store.open(args.store))
    loop_thread = threading.get_ident()
    latest: dict[str, list[str]] = {}
    stalls: list[tuple[float, float, list[str]]] = []
    lateness: list[float] = []
    done = threading.Event()

    def sample() -> None:
        me = threading.get_ident()
        while not done.is_set():
            time.sleep(0.01)
            latest["now"] = _stacks(me, loop_thread, args.depth)

    async def watch(started: float) -> None:
        last = time.perf_counter()
        while last - started < args.seconds:
            await asyncio.sleep(0.002)
            now = time.perf_counter()
            late = (now - last) * 1000 - 2
            lateness.append(late)
            if late > args.over:
                stalls.append(((last - started) * 1000, late, latest.get("now", [])))
            last = now

    async def run() -> None:
        started = time.perf_counter()
        threading.Thread(target=sample, daemon=True).start()
        async with app.run_test(size=(120, 40)):
            await watch(started)
        done.set()

    asyncio.run(run())
    print(f"store {args.store}, {args.seconds:g} s watched, load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for at, late, where in stalls:
        print(f"  at {at:6.0f} ms  stalled {late:5.0f} ms")
        for line in where:
            print(f"      {line}")
    blame = Counter(line.split(" <- ")[0] for _, _, where in stalls for line in where
                    if line.startswith("worker") and "threading.py" not in line)
    lateness.sort()
    p95 = lateness[int(len(lateness) * 0.95)] if lateness else 0.0
    print(f"wakes {len(lateness)}, late median {statistics.median(lateness or [0]):.1f} ms, "
          f"p95 {p95:.1f} ms, max {max(lateness or [0]):.0f} ms; "
          f"stalls over {args.over:g} ms: {len(stalls)}, {sum(s[1] for s in stalls):.0f} ms in all")
    for frame, count in blame.most_common(5):
        print(f"  most seen in stalls ({count}x): {frame}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
