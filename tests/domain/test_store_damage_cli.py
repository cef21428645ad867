"""Damaged store files met by real `filmtui` processes: one clear line and an exit code, no traceback.

Read-only stores are made with `chmod -R a-w`; when the tests run as root (who may write anyway),
the commands run as the unprivileged user `nobody`, for whom the folder really is read-only.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from filmtui.store import Store, TmdbUpdate
from filmtui.store.index import FORMAT as INDEX_FORMAT

HEAT = 949
SHARD = f"films/{HEAT % 4096:03x}.json"
COMMANDS = [("status",), ("show", "heat"), ("search", "heat"), ("watchlist",)]
#: One damage per store file (valid JSON, wrong shape), and an undecodable one.
DAMAGE = {
    "meta.json": '{"films": {"1": {"schema": "1"}}}',
    # This version's format (an older one is stale, rebuilt in silence), with a column of the wrong type.
    "index.json": '{"columns": {"1": {"format": %d, "id": "949"}}}' % INDEX_FORMAT,
    "index-delta.json": '{"films": {"550": {"id": 550, "title": "Fight Club", "mood": 1}}}',
    SHARD: '{"films": []}',
    "user.json": '{"films": []}',
    "user.json ": "\x00\x00 not json",  # the trailing space keeps the key apart
}


def build(data_dir: Path) -> None:
    """A store with TMDB data, user data and both index files."""
    store = Store.open(data_dir)
    store.write_tmdb([TmdbUpdate(550, {"id": 550, "title": "Fight Club", "year": 1999,
                                       "refreshed_at": "2026-01-01T00:00:00+00:00"})])
    store.set_user(HEAT, watchlist=True, note="the coffee scene")
    store._index.replace(store.summaries())


def run(data_dir: Path, *args: str, reader: bool = False) -> subprocess.CompletedProcess:
    """`filmtui ARGS` on `data_dir`; `reader`: as a user who cannot write it (see module doc)."""
    env = {**os.environ, "FILMTUI_DATA_DIR": str(data_dir), "NO_COLOR": "1",
           "FILMTUI_CONFIG_DIR": str(data_dir / "no-config"),
           "FILMTUI_CACHE_DIR": str(data_dir / "no-cache"), "PYTHONDONTWRITEBYTECODE": "1"}
    prefix = AS_NOBODY if reader and os.geteuid() == 0 else []
    return subprocess.run(
        [*prefix, sys.executable, "-m", "filmtui", *args],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip


#: setpriv drops root for the child (subprocess's user= cannot exec a python under /root here).
AS_NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


@pytest.fixture(scope="module")
def template() -> Iterator[Path]:
    """One built store, copied for each test (building takes a second)."""
    folder = Path(tempfile.mkdtemp(prefix="filmtui-template-"))
    build(folder / "data")
    yield folder / "data"
    shutil.rmtree(folder)


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder another user can read (tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="filmtui-ro-"))
    folder.chmod(0o755)
    yield folder
    for path in [folder, *folder.rglob("*")]:
        if not path.is_symlink():
            path.chmod(path.stat().st_mode | stat.S_IWUSR)
    shutil.rmtree(folder)


def give_to_reader(data_dir: Path) -> None:
    """Make the reader of `run(reader=True)` the owner, as with a user's own store."""
    if os.geteuid() == 0:
        subprocess.run(["chown", "-R", "65534:65534", str(data_dir)], check=True)


def read_only(data_dir: Path) -> None:
    """`chmod -R a-w` on a store its reader owns."""
    give_to_reader(data_dir)
    subprocess.run(["chmod", "-R", "a-w", str(data_dir)], check=True)


def copy(template: Path, target: Path) -> Path:
    shutil.copytree(template, target)
    return target


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c))
@pytest.mark.parametrize("name", sorted(DAMAGE))
def test_every_command_on_a_damaged_file_is_one_line_and_works(
    template: Path, tmp_path: Path, name: str, command: tuple[str, ...]
) -> None:
    data_dir = copy(template, tmp_path / "data")
    (data_dir / name.strip()).write_text(DAMAGE[name])
    result = run(data_dir, *command)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) <= 1, lines  # commands that do not read the file need not meet it
    if lines:
        assert lines[0].startswith(f"filmtui: {name.strip()} was damaged") and "set aside" in lines[0]
    if command[0] in ("show", "search"):
        assert "Heat (1995)" in result.stdout
    if command == ("show", "heat"):
        assert len(lines) == 1, "show reads every file: it must meet the damage and say so"
        if not name.startswith("user.json"):
            assert "on your watchlist" in result.stdout and "coffee scene" in result.stdout


@pytest.mark.parametrize("name", sorted(DAMAGE))
def test_a_read_only_store_with_a_damaged_file_is_one_line_exit_1_and_shows_what_it_can(
    template: Path, shared_dir: Path, name: str
) -> None:
    data_dir = copy(template, shared_dir / "data")
    (data_dir / name.strip()).write_text(DAMAGE[name])
    before = {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()}
    read_only(data_dir)

    result = run(data_dir, "show", "heat", reader=True)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert f"{name.strip()} is damaged" in lines[0] and "cannot be written" in lines[0]
    assert "Heat (1995)" in result.stdout, "what could be read is shown"
    if not name.startswith("user.json"):
        assert "coffee scene" in result.stdout
    for path, content in before.items():
        assert path.read_bytes() == content, f"{path.name} was changed in a read-only store"

    listed = run(data_dir, "search", "fight club", reader=True)
    assert "Traceback" not in listed.stderr and listed.returncode in (0, 1)
    assert len(listed.stderr.splitlines()) <= 1


def test_a_healthy_read_only_store_reads_without_complaint(template: Path, shared_dir: Path) -> None:
    data_dir = copy(template, shared_dir / "data")
    read_only(data_dir)
    result = run(data_dir, "show", "heat", reader=True)
    assert result.returncode == 0 and result.stderr == "" and "coffee scene" in result.stdout
    refused = run(data_dir, "rate", "heat", "8", reader=True)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert refused.stderr.splitlines() == [f"filmtui: nothing was saved: Permission denied ({data_dir}/.lock)"]


def test_an_unreadable_store_file_is_one_line(template: Path, shared_dir: Path) -> None:
    data_dir = copy(template, shared_dir / "data")
    give_to_reader(data_dir)
    (data_dir / SHARD).chmod(0o000)
    result = run(data_dir, "show", "heat", reader=True)
    assert "Traceback" not in result.stderr and result.returncode == 1
    assert len(result.stderr.splitlines()) == 1 and "cannot read" in result.stderr


def test_a_missing_index_and_films_folder_are_rebuilt_from_the_command_line(
    template: Path, tmp_path: Path
) -> None:
    data_dir = copy(template, tmp_path / "data")
    (data_dir / "index.json").unlink()
    (data_dir / "index-delta.json").unlink()
    listed = run(data_dir, "search", "--json")
    assert listed.returncode == 0 and len(json.loads(listed.stdout)) > 40, "not 0 films"
    assert len(listed.stderr.splitlines()) == 1 and "rebuilt" in listed.stderr
    shutil.rmtree(data_dir / "films")
    shown = run(data_dir, "show", "heat")
    assert shown.returncode == 0 and "Heat (1995)" in shown.stdout and "coffee scene" in shown.stdout
    assert len(shown.stderr.splitlines()) == 1 and "films folder was missing" in shown.stderr


def test_a_read_only_store_without_its_films_folder_shows_the_catalogue_page(
    template: Path, shared_dir: Path
) -> None:
    data_dir = copy(template, shared_dir / "data")
    shutil.rmtree(data_dir / "films")
    read_only(data_dir)
    result = run(data_dir, "show", "heat", reader=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1 and "cannot be written" in result.stderr
    assert "Heat (1995)" in result.stdout and "Michael Mann" in result.stdout
    assert "coffee scene" in result.stdout, "the user's data is read as it is"
    assert not (data_dir / "films").exists()
