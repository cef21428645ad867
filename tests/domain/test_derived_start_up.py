"""The derived start-up file (the saved search index): used only while the list index is
unchanged, rebuilt when missing, damaged or stale, never costing a film; the first screenful
read from the list index agrees with the list."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from filmtui.library import Library
from filmtui.store import Store, TmdbUpdate

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from make_catalogue import films_of  # noqa: E402


@pytest.fixture
def big(data_dir: Path) -> Path:
    """A store of the catalogue and 300 synthetic films."""
    from filmtui.store.bulk import build

    build(data_dir, lambda shards: films_of(shards, 300, 7))
    return data_dir


def start(root: Path) -> Library:
    """One start as the app makes it: the head, then every film, then search."""
    library = Library(Store.open(root))
    library.load()
    library.build_search(library.browser)
    return library


def answers(library: Library) -> list:
    index = library.browser.index
    return [index.search(q) for q in ("heat", "pacino", "godfahter", "night city", "1995")]


def test_a_second_start_reads_what_the_first_derived_and_finds_the_same(big: Path) -> None:
    first = start(big)
    head = Library(Store.open(big)).head()
    assert head is not None and head.total == len(first.browser) == 341
    assert head.rows == first.browser.order("title")[: len(head.rows)]
    second = Library(Store.open(big))
    second.load()
    assert second.derived().search_columns(second._stamp) is not None  # no rebuild needed
    second.build_search(second.browser)
    assert answers(second) == answers(first)


@pytest.mark.parametrize("damage", [b"", b"not an index", b"filmtui search index\n\xff\xff"])
def test_a_damaged_or_missing_derived_file_is_rebuilt(big: Path, damage: bytes) -> None:
    expected = answers(start(big))
    (big / "search-index.bin").write_bytes(damage)
    library = Library(Store.open(big))
    library.load()
    assert library.derived().search_columns(library._stamp) is None
    assert answers(start(big)) == expected
    again = Library(Store.open(big))
    again.load()
    assert again.derived().search_columns(again._stamp) is not None  # derived again
    (big / "search-index.bin").unlink()
    assert answers(start(big)) == expected


def add_films(root: Path, *titles: str) -> list[int]:
    """Films new to the store (one write), with their ids."""
    ids = list(range(7_000_001, 7_000_001 + len(titles)))
    Store.open(root).write_tmdb([
        TmdbUpdate(i, {"id": i, "title": t, "year": 2026, "refreshed_at": "2026-12-01T00:00:00+00:00"})
        for i, t in zip(ids, titles)
    ])  # fmt: skip
    return ids


def test_a_write_to_the_store_makes_the_derived_files_stale(big: Path) -> None:
    first = start(big)
    add_films(big, "Aaaa Brand New Heat")
    stamp = first.derived().stamp()
    assert stamp != first._stamp and first.derived().search_columns(stamp) is None  # stale
    # A film short: the start searches the index saved before the write at once...
    library = start(big)
    assert library.search_stale and library.browser.index.search("heat")
    assert 7_000_001 not in {m.id for m in library.browser.index.search("brand new heat")}
    # ...and the current one, made when the user is idle, has the new film, and is kept.
    assert library.rebuild_search() and not library.search_stale
    assert library.browser.index.search("brand new heat")[0].id == 7_000_001
    assert not library.rebuild_search()
    again = start(big)
    assert not again.search_stale and again.browser.index.search("brand new heat")[0].id == 7_000_001
    head = Library(Store.open(big)).head()
    assert head is not None and head.total == 342 and head.rows[0].title == "Aaaa Brand New Heat"


def test_an_index_missing_more_than_a_few_films_is_rebuilt_at_start(big: Path, monkeypatch) -> None:
    import filmtui.library

    start(big)
    monkeypatch.setattr(filmtui.library, "STALE_FILMS", 0)  # a few is then 1% of 341: 3 films
    added = add_films(big, *(f"Zzzz Brand New Heat {n}" for n in range(4)))
    library = start(big)
    assert not library.search_stale
    assert {m.id for m in library.browser.index.search("brand new heat")} >= set(added)


def test_a_reload_after_a_write_searches_the_film_written(big: Path) -> None:
    library = start(big)
    add_films(big, "Aaaa Brand New Heat")
    library.reload()
    assert not library.search_stale
    assert library.browser.index.search("brand new heat")[0].id == 7_000_001


_WRITER = """
import sys
from pathlib import Path
from filmtui.library import Library
from filmtui.store import Store
from filmtui.store.derived import Derived
root = Path(sys.argv[1])
library = Library(Store.open(root))
library.load()
library.build_search(library.browser)
derived, stamp = Derived(root), library._stamp
print("ready", flush=True)
while True:  # rewrite the derived files until killed, mid-write as often as not
    derived.save_search(stamp, library.browser.index.columns)
"""


@pytest.mark.parametrize("after", [0.01, 0.05, 0.2])
def test_sigkill_while_writing_derived_files_leaves_a_start_that_agrees_with_the_store(
    big: Path, after: float
) -> None:
    import signal
    import subprocess
    import time

    expected = answers(start(big))
    writer = subprocess.Popen([sys.executable, "-c", _WRITER, str(big)], stdout=subprocess.PIPE)
    assert writer.stdout is not None and writer.stdout.readline().strip() == b"ready"
    time.sleep(after)
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    library = start(big)
    assert answers(library) == expected
    head = Library(Store.open(big)).head()
    assert head is not None and head.rows == library.browser.order("title")[: len(head.rows)]
    assert len(library.browser) == len(Store.open(big).summaries())
