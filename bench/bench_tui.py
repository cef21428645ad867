"""How fast is the TUI? Start-up, keystrokes and opening a film. Prints figures; asserts nothing.

    python bench/bench_tui.py                          # the embedded catalogue only
    python bench/bench_tui.py --store 10k=/tmp/s10k --store 100k=/tmp/s100k

Stores come from `python bench/make_catalogue.py --films N --data-dir DIR`.

1. Start-up, each run in a fresh process (imports included), headless at 100x32:
   "first frame" is Textual's Ready event (the first frame is on screen and keys are taken);
   "films shown" is when the list has drawn the films (read in a worker after the first frame);
   "search ready" is when the search index is built (the same worker, after the list is shown). The baseline is a bare Textual app with the same widgets (title, Input, a Line API
   ScrollView, status bar, Footer) and no data.
2. Keystrokes: queries typed letter by letter on the list screen through the real key path
   (a Key event posted to the app); each keystroke timed from the key to the rendered frame
   (the search's Changed handler has filtered and the screen's update has been rendered). The
   same measure typing into the bare app's Input shows what any keystroke costs in Textual.
3. Opening a film: from the list to the film screen with the film read (worker), laid out and
   rendered; films not opened before (no cache hits).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

T0 = time.perf_counter()
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SIZE = (100, 32)
QUERIES = ["heat", "the godfather", "pacino", "michael mann", "crime", "night city", "zqxv"]


def _bare_app_class():
    """A Textual app with the list screen's widgets and no data: the start-up baseline."""
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

    return Bare


def child(kind: str, data_dir: str | None) -> None:
    """One start-up, in this fresh process: print milliseconds to first frame and films shown."""
    marks: dict[str, float] = {}

    async def auto_pilot(pilot) -> None:
        app = pilot.app
        deadline = time.perf_counter() + 120
        wanted = ("ready", "shown", "search") if kind == "filmtui" else ("ready",)
        while not all(k in marks for k in wanted) and time.perf_counter() < deadline:
            await asyncio.sleep(0.001)
        app.exit()

    if kind == "bare":
        Bare = _bare_app_class()

        class Timed(Bare):
            def on_ready(self) -> None:
                marks["ready"] = time.perf_counter()

        app = Timed()
    else:
        from textual import on

        from filmtui.app import FilmApp
        from filmtui.library import Library
        from filmtui.results import FilmsLoaded, IndexBuilt
        from filmtui.store import Store

        class TimedFilmApp(FilmApp):
            """Marks the public moments: Ready, and the loading worker's named messages (the
            App's own handlers run too: a subclass's @on handlers are added to the parent's)."""

            def on_ready(self) -> None:
                marks["ready"] = time.perf_counter()

            @on(FilmsLoaded)
            def _mark_shown(self) -> None:
                self.call_after_refresh(lambda: marks.setdefault("shown", time.perf_counter()))

            @on(IndexBuilt)
            def _mark_search(self) -> None:
                marks.setdefault("search", time.perf_counter())

        store = Store.open(Path(data_dir) if data_dir else None)
        app = TimedFilmApp(Library(store))
    app.run(headless=True, size=SIZE, auto_pilot=auto_pilot)
    result = {key: (value - T0) * 1000 for key, value in marks.items()}
    print(json.dumps(result))


def startup(kind: str, data_dir: str, runs: int) -> dict[str, float]:
    """Median start-up figures over `runs` fresh processes."""
    found: dict[str, list[float]] = {}
    env = {**os.environ, "FILMTUI_DATA_DIR": data_dir}
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, __file__, "--child", kind, "--data-dir", data_dir],
            capture_output=True, text=True, env=env, check=True,
        ).stdout
        for key, value in json.loads(out.strip().splitlines()[-1]).items():
            found.setdefault(key, []).append(value)
    return {key: statistics.median(values) for key, values in found.items()}


def summary(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"median {statistics.median(ordered):6.1f} ms   p95 {p95:6.1f} ms   (n={len(ordered)})"


async def _type(app, screen, search, query: str, done, complete=None) -> tuple[list[float], float | None]:
    """Type `query` into `search` key by key through the real key path; time each keystroke from
    posting the key to the frame rendered (the refresh timer's work, done at once here).

    With `complete`, also time the last key to the complete result (large collections show the
    best matches first and the full list and count a moment later, from a worker).
    """
    from textual import events

    times: list[float] = []
    search.value = ""
    await asyncio.sleep(0.1)
    for n, ch in enumerate(query):
        started = time.perf_counter()
        app.post_message(events.Key("space" if ch == " " else ch, ch))
        while not done(query[: n + 1]):
            await asyncio.sleep(0)
        screen._on_timer_update()  # compose and render the frame now
        times.append((time.perf_counter() - started) * 1000)
        if n < len(query) - 1:
            await asyncio.sleep(0.002)  # let the app finish its housekeeping between keys
    full = None
    if complete is not None:
        while not complete(query):
            await asyncio.sleep(0.0005)
        screen._on_timer_update()
        full = (time.perf_counter() - started) * 1000
    return times, full


async def keystrokes(data_dir: str, rounds: int) -> dict[str, list[float]]:
    """Per-keystroke times in FilmApp and the bare app, the filter alone (Browser.view), and the
    last key of each query to its complete result."""
    from textual.widgets import Input, Static

    from filmtui.app import FilmApp
    from filmtui.library import Library
    from filmtui.screens import ListScreen
    from filmtui.store import Store

    app = FilmApp(Library(Store.open(Path(data_dir))))
    found: dict[str, list[float]] = {"film": [], "full": [], "filter": [], "bare": []}
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app)
        screen = app.screen
        assert isinstance(screen, ListScreen) and screen.browser is not None
        search = screen.query_one("#search", Input)
        status = screen.query_one("#status", Static)
        shown = lambda typed: screen.view is not None and screen.view.query == typed  # noqa: E731

        def complete(typed: str) -> bool:
            return shown(typed) and "search" not in str(status.render()).lower()

        for _ in range(rounds):
            for query in QUERIES:
                times, full = await _type(app, screen, search, query, shown, complete)
                found["film"] += times
                found["full"].append(full)
                for n in range(1, len(query) + 1):
                    started = time.perf_counter()
                    screen.browser.view(query[:n], screen.sort, screen.filters)
                    found["filter"].append((time.perf_counter() - started) * 1000)

    bare = _bare_app_class()()
    async with bare.run_test(size=SIZE) as pilot:
        await pilot.pause()
        search = bare.query_one(Input)
        for _ in range(rounds):
            for query in QUERIES:
                times, _ = await _type(bare, bare.screen, search, query, lambda t: search.value == t)
                found["bare"] += times
    return found


async def open_films(data_dir: str, count: int) -> tuple[list[float], list[float]]:
    """Times from asking for a film to its screen drawn with the film loaded: `cold` opens films
    straight from the app (the store read happens after the key), `enter` searches the title,
    waits as a reader would (half a second) and presses Enter (the highlighted film was read ahead)."""
    from textual import events
    from textual.widgets import Input

    from filmtui.app import FilmApp
    from filmtui.library import Library
    from filmtui.requests import OpenFilm
    from filmtui.screens import FilmScreen
    from filmtui.store import Store

    app = FilmApp(Library(Store.open(Path(data_dir))))
    cold: list[float] = []
    enter: list[float] = []

    async def drawn(film_id: int, started: float, into: list[float]) -> None:
        while not (
            isinstance(app.screen, FilmScreen)
            and app.screen.film is not None
            and app.screen.film.id == film_id
        ):
            await asyncio.sleep(0)
        for _ in range(10):  # let the widgets handle what show_film sent them
            await asyncio.sleep(0)
        app.screen._on_timer_update()  # lay out and render the frame now
        into.append((time.perf_counter() - started) * 1000)
        await app.action_back()
        await asyncio.sleep(0.2)

    async with app.run_test(size=SIZE) as pilot:
        await loaded(app)
        films = list(app.library.browser.films)
        random.Random(7).shuffle(films)
        for film in films[:count]:
            started = time.perf_counter()
            app.post_message(OpenFilm(film.id))
            await drawn(film.id, started, cold)
        search = app.screen.query_one("#search", Input)
        for film in films[count : 2 * count]:
            search.value = f"{film.title} {film.year or ''}"
            await asyncio.sleep(0.5)
            top = app.screen.view.rows[0].id if app.screen.view and app.screen.view.rows else None
            if top is None:
                continue
            started = time.perf_counter()
            app.post_message(events.Key("enter", "\r"))
            await drawn(top, started, enter)
    return cold, enter


async def loaded(app) -> None:
    """Wait until the films are in and searchable (superseded workers are expected)."""
    from textual.worker import WorkerCancelled

    while app.library.browser is None or not app.library.browser.searchable:
        await asyncio.sleep(0.01)
    try:
        await app.workers.wait_for_complete()
    except WorkerCancelled:
        pass
    await asyncio.sleep(0.2)


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.system()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", action="append", default=[], metavar="NAME=DIR",
                        help="a store made by make_catalogue.py (repeatable)")
    parser.add_argument("--runs", type=int, default=9, help="fresh processes per start-up figure")
    parser.add_argument("--rounds", type=int, default=3, help="times each query is typed")
    parser.add_argument("--opens", type=int, default=30, help="films opened")
    parser.add_argument("--child", choices=["bare", "filmtui"], help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.data_dir)
        return 0

    import compileall

    import textual

    import filmtui

    print(f"machine: {machine()}; textual {textual.__version__}")
    # An installed filmtui starts from bytecode (pip compiles it), like the Textual it is compared
    # with; a source checkout under PYTHONDONTWRITEBYTECODE would compile every module on every
    # start and time the compiler instead.
    compileall.compile_dir(Path(filmtui.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory() as embedded:
        stores = [("embedded", embedded)] + [tuple(s.split("=", 1)) for s in args.store]
        from filmtui.store import Store

        Store.open(Path(embedded))  # seed it, so start-up below is a normal (second) start
        bare = startup("bare", embedded, args.runs)
        print(f"\nstart-up, median of {args.runs} fresh processes (imports included)")
        print(f"  bare Textual app, same widgets: first frame {bare['ready']:7.0f} ms")
        for name, path in stores:
            films = len(Store.open(Path(path)).summaries())
            got = startup("filmtui", path, args.runs)
            print(
                f"  filmtui {name:>8} ({films:>7,} films): first frame {got['ready']:7.0f} ms "
                f"({got['ready'] / bare['ready']:.2f}x bare), films shown {got['shown']:7.0f} ms "
                f"({got['shown'] / bare['ready']:.2f}x), search ready {got['search']:7.0f} ms"
            )
        for name, path in stores:
            found = asyncio.run(keystrokes(path, args.rounds))
            print(f"\nkeystroke, {name} store (queries typed letter by letter: {', '.join(QUERIES)})")
            print(f"  filmtui, key to redrawn frame:      {summary(found['film'])}")
            print(f"  bare app, same measure:             {summary(found['bare'])}")
            print(f"  last key to complete list + count:  {summary(found['full'])}")
            print(f"  full filter alone (Browser.view):   {summary(found['filter'])}")
            cold, enter = asyncio.run(open_films(path, args.opens))
            print(f"open a film, {name} store, to the drawn film screen")
            print(f"  Enter on a search result (read ahead): {summary(enter)}")
            print(f"  cold (read after the key):             {summary(cold)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
