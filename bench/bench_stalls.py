"""Where does the event loop stall while filmtui starts? Prints figures; asserts nothing.

    python bench/bench_stalls.py --store /tmp/s100k --seconds 5
    python bench/bench_stalls.py --store /tmp/s100k --seconds 5 --tmux    # in a real terminal

Runs the browser on a store and, for `--seconds` from launch, wakes every 2 ms on the event
loop: a wake more than `--over` ms late is a stall, when a key typed then would not echo. A
sampler thread notes what every other thread was doing every 10 ms, so each stall is printed
with the frames that held the interpreter (a worker parsing in C, an import the event loop waits
on).

Headless (Textual's `run_test`) by default. With `--tmux` the browser runs in a private tmux
(120x40) with its real driver: its input and writer threads take part, as in bench_tui.py, and a
key is typed every 90 ms once the rows show, each timed to its echo on the screen; the stalls
are then printed beside the slow echoes they caused. bench_tui.py measures the echo against the
bare app; this says why.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import statistics
import sys
import tempfile
import threading
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

Stall = tuple[float, float, list[str]]


#: Innermost frames of a thread that is waiting for work (a pool thread, the driver's input
#: and writer threads): not shown.
IDLE = (("thread.py", "_worker"), ("threading.py", "_bootstrap"), ("linux_driver.py", "run_input_thread"),
        ("_writer_thread.py", "run"))


def _idle(frames: list[traceback.FrameSummary]) -> bool:
    names = [(Path(f.filename).name, f.name) for f in frames]
    if names and names[-1] == ("thread.py", "_worker"):
        return True  # between jobs
    return any(n in names[-4:] for n in IDLE[2:]) and names[-1][0] in ("selectors.py", "threading.py", "queue.py")


def _stacks(skip: int, main: int, depth: int) -> list[str]:
    """One line per other busy thread: its innermost `depth` frames, innermost first."""
    lines = []
    for ident, frame in sys._current_frames().items():
        if ident == skip:
            continue
        # Import machinery frames say only "importing": keep the code that asked for the import.
        frames = [f for f in traceback.extract_stack(frame) if not f.filename.startswith("<frozen")]
        importing = frames and frame.f_code.co_filename.startswith("<frozen")
        if ident != main and not importing and _idle(frames):
            continue
        frames = frames[-depth:]
        where = " <- ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(frames))
        lines.append(("loop   " if ident == main else "worker ") + ("importing: " if importing else "") + where)
    return lines


class Watch:
    """The loop's wake lateness from `started`, with the other threads' frames at each stall."""

    def __init__(self, started: float, seconds: float, over: float, depth: int) -> None:
        self.started, self.seconds, self.over, self.depth = started, seconds, over, depth
        self.loop_thread = threading.get_ident()
        self.latest: list[str] = []
        self.stalls: list[Stall] = []
        self.lateness: list[float] = []
        self.done = threading.Event()
        self.collections: list[tuple[float, int, float]] = []
        """(ms from the start, generation, ms it took) of every garbage collection over 2 ms."""
        self._collecting = 0.0
        gc.callbacks.append(self._collected)
        threading.Thread(target=self._sample, daemon=True).start()

    def _collected(self, phase: str, info: dict[str, int]) -> None:
        now = time.perf_counter()
        if phase == "start":
            self._collecting = now
        elif (now - self._collecting) * 1000 > 2:
            self.collections.append(((self._collecting - self.started) * 1000, info["generation"],
                                     (now - self._collecting) * 1000))

    def _sample(self) -> None:
        me = threading.get_ident()
        while not self.done.is_set():
            time.sleep(0.01)
            self.latest = _stacks(me, self.loop_thread, self.depth)

    async def run(self) -> None:
        last = time.perf_counter()
        while last - self.started < self.seconds:
            await asyncio.sleep(0.002)
            now = time.perf_counter()
            late = (now - last) * 1000 - 2
            self.lateness.append(late)
            if late > self.over:
                self.stalls.append(((last - self.started) * 1000, late, self.latest))
            last = now
        self.done.set()


def headless(args: argparse.Namespace) -> tuple[Watch, list[tuple[float, float]]]:
    from filmtui.cli import make_app
    from filmtui.store import Store

    app = make_app(Store.open(args.store))
    watch = Watch(time.perf_counter(), args.seconds, args.over, args.depth)

    async def run() -> None:
        async with app.run_test(size=(120, 40)):
            await watch.run()

    asyncio.run(run())
    return watch, []


def child(args: argparse.Namespace) -> None:
    """Inside tmux: the browser with its real driver, watched; the figures go to `--out`."""
    started = time.perf_counter()
    from filmtui.cli import make_app, open_store

    app = make_app(open_store())
    watch = Watch(started, args.seconds, args.over, args.depth)

    async def pilot(_: Any) -> None:
        await watch.run()
        app.exit()

    app.run(auto_pilot=pilot)
    # Written beside and renamed: the parent polls for the file and once read it half-written.
    partial = Path(args.out).with_suffix(".partial")
    partial.write_text(json.dumps({
        "lateness": watch.lateness, "stalls": watch.stalls, "collections": watch.collections,
        "launched": float(os.environ["BENCH_LAUNCHED"]), "started": started,
    }))
    partial.replace(args.out)
    os._exit(0)  # workers still running (the network check) must not hold up the figures


def in_tmux(args: argparse.Namespace) -> tuple[Watch, list[tuple[float, float]]]:
    """The browser in a private tmux; a key every 90 ms once rows show, timed to its echo."""
    from bench_tui import Terminal, box, count, until, waiting

    term = Terminal()
    out = Path(tempfile.mkdtemp()) / "stalls.json"
    try:
        launched = time.perf_counter()
        env = {"FILMTUI_DATA_DIR": str(args.store), "TERM": "xterm-256color",
               "PYTHONPATH": str(args.source), "BENCH_LAUNCHED": repr(launched)}
        command = [sys.executable, str(Path(__file__).resolve()), "--child", "--out", str(out),
                   "--seconds", str(args.seconds), "--over", str(args.over), "--depth", str(args.depth)]
        window, _ = term.launch(command, env)
        until(term, window, lambda s: count(s) is not None and not waiting(s)
              and any("Title" in line for line in s[3:7]))
        echoes: list[tuple[float, float]] = []
        typed = ""
        while time.perf_counter() - launched < args.seconds - 0.3:
            typed = "" if typed else "x"
            sent = time.perf_counter()
            term.keys(window, "x" if typed else "BSpace")
            at, _ = until(term, window, lambda s, t=typed: box(s) == t, timeout=10)
            echoes.append(((sent - launched) * 1000, (at - sent) * 1000))
            time.sleep(max(0.0, 0.09 - (time.perf_counter() - sent)))
        deadline = time.perf_counter() + 30
        while not out.exists() and time.perf_counter() < deadline:
            time.sleep(0.05)
        found = json.loads(out.read_text())
    finally:
        term.stop()
    # The child's clock is the same monotonic clock: its times are moved to the launch.
    shift = (found["started"] - found["launched"]) * 1000
    watch = Watch.__new__(Watch)
    watch.lateness = found["lateness"]
    watch.stalls = [(at + shift, late, where) for at, late, where in found["stalls"]]
    watch.collections = [(at + shift, gen, ms) for at, gen, ms in found["collections"]]
    watch.over = args.over
    return watch, echoes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="a store folder (make_catalogue.py)")
    parser.add_argument("--seconds", type=float, default=5.0, help="how long to watch after launch")
    parser.add_argument("--over", type=float, default=30.0, help="ms late that counts as a stall")
    parser.add_argument("--depth", type=int, default=4, help="frames shown per thread")
    parser.add_argument("--tmux", action="store_true", help="in a real terminal, keys typed")
    parser.add_argument("--source", type=Path, default=ROOT,
                        help="with --tmux: the filmtui checkout to run (another commit's, to compare)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        sys.path.insert(0, os.environ["PYTHONPATH"])  # the checkout asked for, not this one
        child(args)
        return 0
    if args.store is None:
        parser.error("--store is required")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    watch, echoes = in_tmux(args) if args.tmux else headless(args)
    report(args, watch, echoes)
    return 0


def report(args: argparse.Namespace, watch: Watch, echoes: list[tuple[float, float]]) -> None:
    print(f"store {args.store}, {args.seconds:g} s watched{' in tmux' if args.tmux else ''}, "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    stalls, lateness = watch.stalls, sorted(watch.lateness)
    slow = [(at, ms) for at, ms in echoes if ms > 33]
    said = {"stall": "stalled {:5.0f} ms", "echo": "key echoed after {:.0f} ms",
            "gc": "garbage collection: {:.0f} ms"}
    events = sorted([(at, "stall", late, where) for at, late, where in stalls]
                    + [(at, "echo", ms, []) for at, ms in slow]
                    + [(at, "gc", ms, [f"generation {gen}"]) for at, gen, ms in watch.collections])
    for at, kind, ms, where in events:
        print(f"  at {at:6.0f} ms  " + said[kind].format(ms))
        for line in where:
            print(f"      {line}")
    blame = Counter(line.split(" <- ")[0] for _, _, where in stalls for line in where
                    if line.startswith("worker") and "threading.py" not in line)
    p95 = lateness[int(len(lateness) * 0.95)] if lateness else 0.0
    print(f"wakes {len(lateness)}, late median {statistics.median(lateness or [0]):.1f} ms, "
          f"p95 {p95:.1f} ms, max {max(lateness or [0]):.0f} ms; "
          f"stalls over {watch.over:g} ms: {len(stalls)}, {sum(s[1] for s in stalls):.0f} ms in all")
    if echoes:
        ms = sorted(e[1] for e in echoes)
        print(f"key echo (a key every 90 ms from rows visible, {len(ms)} keys): median "
              f"{statistics.median(ms):.1f} ms, p95 {ms[min(len(ms) - 1, int(len(ms) * 0.95))]:.1f} ms, "
              f"max {ms[-1]:.0f} ms, over 33 ms: {len(slow)}")
    paused = [ms for _, _, ms in watch.collections]
    print(f"garbage collections over 2 ms: {len(paused)}, {sum(paused):.0f} ms in all")
    for frame, n in blame.most_common(5):
        print(f"  most seen in stalls ({n}x): {frame}")


if __name__ == "__main__":
    raise SystemExit(main())
