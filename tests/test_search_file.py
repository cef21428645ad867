"""The saved search index (store/search_file.py): read back, it answers as a fresh build does;
a damaged, foreign or stale file is ignored (the index is then built again), never an error,
and nothing in a file is ever run."""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

import orjson
import pytest
from make_search_golden import films, results

from filmtui.models import FilmSummary
from filmtui.search import SearchIndex
from filmtui.search.parts import to_parts
from filmtui.store import search_file
from filmtui.store.derived import Derived

STAMP = (2, 11, 4096, 1_700_000_000_000_000_000, 0, 0, 0)


@pytest.fixture(scope="module")
def built() -> SearchIndex:
    rows = films()
    # A few rows with everything the index packs: crew, characters, an uneven fold, CJK.
    rows[20] = rows[20]._replace(packed_crew="Dante Spinotti\tDirector of Photography",
                                 packed_characters="Neil McCauley\tVincent Hanna")
    rows[21] = FilmSummary(rows[21].id, "Straße ﬁre", original_title="올드보이")
    return SearchIndex(rows)


@pytest.fixture
def saved(tmp_path: Path, built: SearchIndex) -> Path:
    path = tmp_path / "search-index.bin"
    search_file.write(path, STAMP, built.columns)
    return path


def test_read_back_it_holds_and_answers_what_the_build_did(saved: Path, built: SearchIndex) -> None:
    columns = search_file.read(saved, STAMP)
    assert columns is not None
    assert to_parts(columns) == to_parts(built.columns)
    loaded = SearchIndex.from_columns(columns)
    assert results(loaded) == results(built)
    for query in ("spinotti", "mccauley", "strasse", "올드"):
        assert loaded.search(query) == built.search(query) != []


def test_it_reads_the_same_a_small_chunk_at_a_time(
    saved: Path, built: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_file, "CHUNK", 1000)
    columns = search_file.read(saved, STAMP)
    assert columns is not None and to_parts(columns) == to_parts(built.columns)


def test_a_file_saved_under_another_stamp_is_stale(saved: Path) -> None:
    assert search_file.read(saved, (*STAMP[:-1], 1)) is None
    assert search_file.read(saved, STAMP[:-1]) is None


def _flipped(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0x55]) + data[at + 1 :]


@pytest.mark.parametrize("damage", ["payload byte", "header byte", "cut short", "cut to header",
                                    "longer", "empty", "magic only"])
def test_a_damaged_file_is_ignored(saved: Path, damage: str) -> None:
    data = saved.read_bytes()
    start = data.index(b"}", len(search_file.MAGIC)) + 1  # the payload follows the header
    changed = {
        "payload byte": _flipped(data, start + (len(data) - start) // 2),
        "header byte": _flipped(data, len(search_file.MAGIC) + 10),
        "cut short": data[:-1],
        "cut to header": data[:start],
        "longer": data + b"\0",
        "empty": b"",
        "magic only": search_file.MAGIC,
    }[damage]
    saved.write_bytes(changed)
    assert search_file.read(saved, STAMP) is None


def _rewritten_header(path: Path, **changes: object) -> None:
    data = path.read_bytes()
    at = len(search_file.MAGIC)
    size = int.from_bytes(data[at : at + 4], "little")
    header = orjson.loads(data[at + 4 : at + 4 + size]) | changes
    raw = orjson.dumps(header)
    path.write_bytes(data[:at] + len(raw).to_bytes(4, "little") + raw + data[at + 4 + size :])


@pytest.mark.parametrize("changes", [
    {"format": search_file.FORMAT + 1},
    {"byteorder": "big" if sys.byteorder == "little" else "little"},
    {"parts": [["order", "aI", 4]]},
    {"parts": "everything"},
])
def test_a_file_of_another_version_byte_order_or_layout_is_ignored(
    saved: Path, changes: dict[str, object]
) -> None:
    _rewritten_header(saved, **changes)
    assert search_file.read(saved, STAMP) is None


def test_parts_that_do_not_fit_together_are_ignored(saved: Path, built: SearchIndex) -> None:
    # A well-formed file (right checksum) whose parts disagree: fewer titles than films.
    parts = to_parts(built.columns)
    columns = built.columns
    shorter = type(columns.titles)(columns.titles.blob, columns.titles.ends[:-1])
    original = columns.titles
    try:
        columns.titles = shorter
        search_file.write(saved, STAMP, columns)
    finally:
        columns.titles = original
    assert to_parts(built.columns) == parts
    assert search_file.read(saved, STAMP) is None


class _Planted:
    """Unpickling this would create a file: proof that a pickle was run."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def test_a_foreign_file_is_ignored_and_never_run(tmp_path: Path) -> None:
    path, marker = tmp_path / "search-index.bin", tmp_path / "ran"
    for foreign in (pickle.dumps((list(STAMP), _Planted(marker))), b"\x00" * 4096,
                    orjson.dumps({"stamp": list(STAMP)})):
        path.write_bytes(foreign)
        assert search_file.read(path, STAMP) is None
    assert not marker.exists()
    path.unlink()
    path.mkdir()  # not even a file
    assert search_file.read(path, STAMP) is None
    assert search_file.read(tmp_path / "missing.bin", STAMP) is None


def test_the_store_keeps_its_index_in_the_new_file_and_drops_the_old_pickle(
    tmp_path: Path, built: SearchIndex
) -> None:
    derived = Derived(tmp_path)
    marker = tmp_path / "ran"
    derived.old_search_path.write_bytes(pickle.dumps((list(STAMP), _Planted(marker))))
    assert derived.search_columns(STAMP) is None  # the pickle is never read
    derived.save_search(STAMP, built.columns)
    assert not derived.old_search_path.exists() and not marker.exists()
    columns = derived.search_columns(STAMP)
    assert columns is not None and to_parts(columns) == to_parts(built.columns)
    assert derived.search_columns(None) is None


def test_a_folder_that_cannot_be_written_keeps_no_index_and_raises_nothing(
    tmp_path: Path, built: SearchIndex
) -> None:
    (tmp_path / "a-file").write_text("")  # a file where the folder should be (root writes anywhere)
    derived = Derived(tmp_path / "a-file")
    derived.save_search(STAMP, built.columns)
    assert derived.search_columns(STAMP) is None


def test_a_stamp_that_cannot_be_written_keeps_no_index_and_raises_nothing(
    tmp_path: Path, built: SearchIndex
) -> None:
    derived = Derived(tmp_path)
    odd = (object(),)
    derived.save_search(odd, built.columns)  # type: ignore[arg-type]
    assert derived.search_columns(odd) is None  # type: ignore[arg-type]
    assert not derived.search_path.exists()


def test_an_index_saved_a_few_writes_ago_is_found_only_for_the_same_list_index(
    tmp_path: Path, built: SearchIndex
) -> None:
    derived = Derived(tmp_path)
    saved = (3, 77, 5)  # (VERSION, the list index's instance, its generation)
    derived.save_search(saved, built.columns)
    assert derived.search_columns((3, 77, 9)) is None  # stale for an exact read
    earlier = derived.earlier_search_columns((3, 77, 9))
    assert earlier is not None and to_parts(earlier) == to_parts(built.columns)
    assert derived.earlier_search_columns((3, 78, 9)) is None  # another index file
    assert derived.earlier_search_columns((4, 77, 9)) is None  # another version
    assert derived.earlier_search_columns((3, 77, 4)) is None  # saved after, not before
    assert derived.earlier_search_columns((3, 77, 5)) is None  # the same: search_columns's
    assert derived.earlier_search_columns(None) is None
