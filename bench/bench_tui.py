"""How fast is the TUI, as a person sees it? filmtui against a bare Textual app, in tmux.

    python bench/bench_tui.py                                  # the embedded 41 films only
    python bench/bench_tui.py --store 100k=/tmp/s100k --store 1M=/tmp/s1m --rounds 5

Stores come from `python bench/make_catalogue.py --films N --data-dir DIR`. Every program runs
in a real terminal (a private tmux server, 120x40) and is watched through `tmux capture-pane`,
so the figures include imports, the terminal driver and drawing. Rounds alternate the bare app
and filmtui (which goes first swaps each round): the machine is shared, and a neighbour's burst
should hit both. Figures are medians over rounds (p95 over every key of every round).

Per round and program, two launches:
1. "typed at once": the query is sent the moment the program is launched (the keys wait in the
   terminal, as when a person types before the window is ready); timed to the screen showing the
   whole query in the search box and its results: the first rows filmtui's own search gives for
   it (worked out beforehand in another process), not "Preparing".
   A key is lost when the box ends up holding anything else. The bare app's figure is its echo.
2. "idle": launch -> rows and the count visible; then, for `--loading` seconds, a key every 90 ms
   (a letter, then backspace) timed to its echo, while filmtui does its background work; then
   queries typed letter by letter, each key timed to its results drawn (the box shows it and the
   list its first rows), 120 ms apart as a quick typist; peak RSS (VmHWM) at the end. (Until
   2026-12-02 "results" meant the box and any count: the previous key's rows counted.)

The bare app has the list screen's widgets (title, Input, a Line API ScrollView, status line,
Footer) and no data: it is what any Textual app costs here. Polling costs a few ms of resolution
(printed as "capture-pane"), the same for both programs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COLS, ROWS = 120, 40
AT_ONCE = "heat"
QUERIES = ["heat", "pacino", "godfahter", "night city"]
OPEN = ["casino", "fargo", "chinatown", "zodiac", "vertigo"]  # films opened from the list, timed
COUNT = re.compile(r"(?:best )?([\d,]+) of ([\d,]+) films?\b")
BORDER = "▊▎▏▌▐│┃"


def bare_app() -> None:
    """The baseline: a Textual app with the list screen's widgets and no data."""
    from textual.app import App
    from textual.containers import Horizontal
    from textual.scroll_view import ScrollView
    from textual.strip import Strip
    from textual.widgets import Footer, Input, Static

    class Lines(ScrollView, can_focus=True):
        def render_line(self, y: int) -> Strip:
            return Strip.blank(self.size.width, self.rich_style)

    class Bare(App):
        def compose(self):
            yield Static("filmtui · crime cinema")
            yield Input(placeholder="Search…", id="search")
            yield Lines()
            with Horizontal(id="status-bar"):
                yield Static("0 of 0 films")
                yield Static("sort")
            yield Footer()

    Bare().run()


class Terminal:
    """A private tmux server; one window per launched program."""

    def __init__(self) -> None:
        self.socket = f"filmtui-bench-{os.getpid()}"
        self._tmux("new-session", "-d", "-s", "bench", "-x", str(COLS), "-y", str(ROWS), "sleep 100000")

    def _tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True,
                              check=True).stdout

    def launch(self, command: list[str], env: dict[str, str]) -> tuple[str, int]:
        """Start `command` in a new window; (window id, the program's pid)."""
        exports = " ".join(f"{k}={_quote(v)}" for k, v in env.items())
        line = f"exec env {exports} {' '.join(map(_quote, command))}"
        out = self._tmux("new-window", "-d", "-P", "-F", "#{window_id} #{pane_pid}",
                         "-t", "bench:", line)
        window, pid = out.split()
        return window, int(pid)

    def keys(self, window: str, *keys: str, literal: bool = False) -> None:
        self._tmux("send-keys", "-t", window, *(["-l"] if literal else []), *keys)

    def screen(self, window: str) -> list[str]:
        return self._tmux("capture-pane", "-p", "-t", window).splitlines()

    def close(self, window: str) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-window", "-t", window], capture_output=True)

    def stop(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def box(screen: list[str]) -> str | None:
    """What the search box holds (the third line: title, border, text); None before it is drawn."""
    if len(screen) < 3 or not screen[2].strip():
        return None
    text = screen[2].strip().strip(BORDER).strip()
    return "" if text.startswith("Search") else text


def count(screen: list[str]) -> re.Match[str] | None:
    for line in reversed(screen):
        found = COUNT.search(line)
        if found:
            return found
    return None


def waiting(screen: list[str]) -> bool:
    return any("Preparing" in line or "Searching…" in line or "Loading" in line for line in screen)


def until(term: Terminal, window: str, done, timeout: float = 120.0) -> tuple[float, list[str]]:
    """Poll the screen until `done(screen)`; (the time it first held, that screen)."""
    deadline = time.perf_counter() + timeout
    while True:
        screen = term.screen(window)
        now = time.perf_counter()
        if done(screen) or now > deadline:
            return now, screen
        time.sleep(0.002)


def peak_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


Expected = dict[str, list[list[str]]]
"""Per query: the first rows filmtui may show for it (its first screenful, then its full view)."""
TOP = 3  # rows compared: the previous key's first row is often this key's too


def row_key(title: str, year: int | None) -> str:
    return f"{title[:40]} {year or '—'}"


def expected_rows(path: str) -> Expected:
    """What the list shows first for every query the bench types, worked out in this process
    with filmtui's own search (the same index the program reads)."""
    from filmtui.library import Library
    from filmtui.screens.list_screen import ListScreen
    from filmtui.store import Store

    library = Library(Store.open(Path(path)))
    browser = library.load()
    library.build_search(browser)
    queries = {AT_ONCE, *OPEN, *(q[:n] for q in QUERIES for n in range(1, len(q) + 1))}
    found: Expected = {}
    for query in sorted(queries):
        views = [browser.view(query)]
        if len(browser) > ListScreen.SYNC_LIMIT:
            views.insert(0, browser.first_matches(query, ListScreen.FIRST_ROWS))
        found[query] = [[row_key(f.title, f.year) for f in view.rows[:TOP]] for view in views]
    return found


def top_rows(screen: list[str]) -> list[str]:
    """The first rows the list shows, as row_key() makes them."""
    for at, line in enumerate(screen[:8]):
        if line.split()[:2] == ["Title", "Year"]:
            rows = []
            for row in screen[at + 1:at + 1 + TOP]:
                match = re.match(r"[ ★](.+?)\s{2,}(\d{4}|—)\s", row)
                if match is None:
                    break
                title = match[1].split(" · ")[0]  # a hint follows a title that did not match
                rows.append(f"{title.strip()[:40]} {match[2]}")
            return rows
    return []


def results_shown(query: str, expected: Expected | None):
    """The screen shows `query` in the box and (filmtui, given `expected`) its first rows."""
    if expected is None:
        return lambda s: box(s) == query
    wanted = expected[query]
    return lambda s: box(s) == query and not waiting(s) and top_rows(s) in wanted


def typed_at_once(term: Terminal, command: list[str], env: dict[str, str],
                  expected: Expected | None) -> dict:
    started = time.perf_counter()
    window, _ = term.launch(command, env)
    term.keys(window, AT_ONCE, literal=True)
    # Done when the whole query shows with its results, or when the box settles on something else.
    at, screen = until(term, window, results_shown(AT_ONCE, expected), timeout=60)
    held = box(screen)
    if held != AT_ONCE:
        time.sleep(1.0)
        held = box(term.screen(window))
    term.close(window)
    return {"at_once": (at - started) * 1000, "lost": held != AT_ONCE, "held": held}


def idle(term: Terminal, command: list[str], env: dict[str, str], expected: Expected | None,
         loading: float) -> dict:
    bare = expected is None
    started = time.perf_counter()
    window, pid = term.launch(command, env)
    ready = (lambda s: count(s) is not None) if bare else (
        lambda s: count(s) is not None and not waiting(s) and any("Title" in line for line in s[3:7]))
    at, _ = until(term, window, ready)
    got: dict = {"rows": (at - started) * 1000, "echo": [], "keys": []}
    # Echo while the program works in the background.
    end = time.perf_counter() + loading
    typed = ""
    while time.perf_counter() < end:
        typed = "" if typed else "x"
        sent = time.perf_counter()
        term.keys(window, "x" if typed else "BSpace")
        at, _ = until(term, window, lambda s, t=typed: box(s) == t, timeout=10)
        got["echo"].append((at - sent) * 1000)
        time.sleep(max(0.0, 0.09 - (time.perf_counter() - sent)))
    if typed:
        term.keys(window, "BSpace")
    until(term, window, lambda s: box(s) == "" and count(s) is not None and not waiting(s))
    for query in QUERIES:
        for n in range(1, len(query) + 1):
            sent = time.perf_counter()
            term.keys(window, query[n - 1] if query[n - 1] != " " else "Space")
            at, _ = until(term, window, results_shown(query[:n], expected), timeout=10)
            got["keys"].append((at - sent) * 1000)
            time.sleep(max(0.0, 0.12 - (time.perf_counter() - sent)))
        term.keys(window, "C-u")
        until(term, window, lambda s: box(s) == "" and (bare or not waiting(s)), timeout=10)
        time.sleep(0.2)
    if expected is not None:
        got["open"] = open_films(term, window, expected)
    got["rss"] = peak_mb(pid)
    term.close(window)
    return got


def film_page_shown(screen: list[str]) -> bool:
    """The film screen is up with its tabs."""
    return any("Overview" in line and "Cast" in line for line in screen[:8])


def open_films(term: Terminal, window: str, expected: Expected) -> list[float]:
    """Enter on each OPEN query's top match, timed to its film page shown; Esc back."""
    times = []
    for query in OPEN:
        term.keys(window, query, literal=True)
        until(term, window, results_shown(query, expected), timeout=20)
        time.sleep(0.3)  # the full search, then a quiet moment: as a person reads the list
        sent = time.perf_counter()
        term.keys(window, "Enter")
        at, _ = until(term, window, film_page_shown, timeout=10)
        times.append((at - sent) * 1000)
        term.keys(window, "Escape")
        until(term, window, lambda s, q=query: box(s) == q and not film_page_shown(s), timeout=10)
        term.keys(window, "C-u")
        until(term, window, lambda s: box(s) == "" and not waiting(s), timeout=10)
    return times


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] if ordered else float("nan")


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{cpu}, {os.cpu_count()} CPUs, {memory:.0f} GB, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")


def load_average() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


def run_store(term: Terminal, name: str, path: str, rounds: int, loading: float,
              source: Path = ROOT) -> dict:
    env = {"FILMTUI_DATA_DIR": path, "TERM": "xterm-256color", "PYTHONPATH": str(source)}
    commands = {
        "bare": [sys.executable, str(Path(__file__).resolve()), "--bare"],
        "filmtui": [sys.executable, "-m", "filmtui"],
    }
    # In a process of its own: a million films' index would stay in this one's memory.
    expected = json.loads(subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--expect", path],
        env={**os.environ, **env}, capture_output=True, text=True, check=True).stdout)
    found: dict[str, list[dict]] = {"bare": [], "filmtui": []}
    for round_ in range(rounds):
        order = ["bare", "filmtui"] if round_ % 2 == 0 else ["filmtui", "bare"]
        for kind in order:
            wanted = None if kind == "bare" else expected
            result = typed_at_once(term, commands[kind], env, wanted)
            result.update(idle(term, commands[kind], env, wanted, loading))
            found[kind].append(result)
        print(f"  {name}: round {round_ + 1}/{rounds} done (load average {load_average()})",
              file=sys.stderr)
    return found


def report(name: str, films: int, found: dict[str, list[dict]]) -> None:
    def med(kind: str, key: str) -> float:
        return statistics.median(r[key] for r in found[kind])

    def every(kind: str, key: str) -> list[float]:
        return [v for r in found[kind] for v in r[key]]

    bare, film = "bare", "filmtui"
    lost = sum(r["lost"] for r in found[film])
    held = [r["held"] for r in found[film] if r["lost"]]
    lines = [
        ("rows and count visible", med(bare, "rows"), med(film, "rows")),
        (f"'{AT_ONCE}' typed at once -> results", med(bare, "at_once"), med(film, "at_once")),
        ("key -> results drawn, median", statistics.median(every(bare, "keys")),
         statistics.median(every(film, "keys"))),
        ("key -> results drawn, p95", p95(every(bare, "keys")), p95(every(film, "keys"))),
        ("key echo while loading, p95", p95(every(bare, "echo")), p95(every(film, "echo"))),
        ("peak memory (MB)", max(r["rss"] for r in found[bare]), max(r["rss"] for r in found[film])),
    ]
    print(f"\n{name}: {films:,} films, {len(found[film])} rounds")
    print(f"  {'':34} {'bare app':>10} {'filmtui':>10} {'ratio':>7}")
    for label, b, f in lines:
        unit = "" if "MB" in label else " ms"
        print(f"  {label:34} {b:>7.1f}{unit:3} {f:>7.1f}{unit:3} {f / b:>6.2f}x")
    print(f"  keys lost when typed at once: {lost} of {len(found[film])} launches"
          + (f" (box held {held})" if held else ""))
    opened = every(film, "open")
    print(f"  open a film (Enter -> its page): median {statistics.median(opened):.1f} ms, "
          f"p95 {p95(opened):.1f} ms over {len(opened)} (target: median <= 50 ms)")


def films_in(path: str) -> int:
    from filmtui.library import Library
    from filmtui.store import Store

    head = Library(Store.open(Path(path))).head()  # the index's count: not every row read
    return head.total if head is not None else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", action="append", default=[], metavar="NAME=DIR",
                        help="a store made by make_catalogue.py (repeatable)")
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds per store")
    parser.add_argument("--loading", type=float, default=3.0,
                        help="seconds of echo timing right after the rows show")
    parser.add_argument("--source", type=Path, default=ROOT,
                        help="the filmtui checkout to run (an older commit's worktree, to compare)")
    parser.add_argument("--bare", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--expect", metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare:
        bare_app()
        return 0
    if args.expect:
        print(json.dumps(expected_rows(args.expect)))
        return 0
    sys.path.insert(0, str(ROOT))
    import compileall

    import textual

    import filmtui

    print(f"machine: {machine()}; textual {textual.__version__}")
    print(f"load average at start: {load_average()}")
    print(f"filmtui from {args.source}")
    compileall.compile_dir(args.source / "filmtui", quiet=1)  # start from bytecode
    term = Terminal()
    try:
        t0 = time.perf_counter()
        for _ in range(20):
            term.screen("bench")
        print(f"capture-pane: {(time.perf_counter() - t0) / 20 * 1000:.1f} ms a poll")
        with tempfile.TemporaryDirectory() as embedded:
            stores = [("41", embedded)] + [tuple(s.split("=", 1)) for s in args.store]
            films_in(embedded)  # seed it: the runs below are a normal (second) start
            for name, path in stores:
                films = films_in(path)
                report(name, films,
                       run_store(term, name, path, args.rounds, args.loading, args.source))
    finally:
        term.stop()
    print(f"\nload average at end: {load_average()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
