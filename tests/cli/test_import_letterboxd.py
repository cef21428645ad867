"""`filmtui import letterboxd`: an export's folder or .zip, a dry run unless --apply, bad rows
counted by line, newer local data kept and said."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from test_cli import filmtui

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "exchange"
EXPORT = SAMPLES / "letterboxd"


def user_data(data_dir: Path) -> dict:
    """user.json's documents, {} when there is none."""
    path = data_dir / "user.json"
    return json.loads(path.read_text())["films"] if path.exists() else {}


def yours(film: str) -> dict:
    return json.loads(filmtui("show", film, "--json").stdout)["user"]


def as_zip(folder: Path, target: Path) -> Path:
    """The export as Letterboxd sends it: a .zip with the CSVs (and a deleted/ folder)."""
    with zipfile.ZipFile(target, "w") as archive:
        for path in sorted(folder.glob("*.csv")):
            archive.write(path, path.name)
        # Letterboxd keeps what you deleted apart: it must not come back.
        archive.writestr("deleted/diary.csv", "Date,Name,Year,Letterboxd URI,Rating,Rewatch,"
                         "Tags,Watched Date\n2024-01-01,Casino,1995,,1,,,2024-01-01\n")
    return target


def test_a_dry_run_says_what_would_change_and_writes_nothing(data_dir: Path) -> None:
    before = filmtui("status")  # the store exists: only user.json could change
    assert before.returncode == 0
    result = filmtui("import", "letterboxd", str(EXPORT))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Changes (a dry run: not written):" in out
    assert "  Heat (1995): 2 viewings, rating 10/10" in out
    assert "  City of God (2002): seen, rating 7/10" in out  # by its original title
    assert "  The Godfather Part II (1974): 1 viewing, rating 8/10" in out  # punctuation folded
    assert "  Zodiac (2007): on your watchlist" in out
    assert "  Le Samouraï (1967) (2 rows): not in the collection" in out
    assert "Matched 6 films (6 by title and year). 6 would change" in out
    assert "Dry run: nothing was written" in out
    assert user_data(data_dir) == {}


def test_apply_writes_the_diary_ratings_watchlist_and_reviews_from_a_zip(
    data_dir: Path, tmp_path: Path
) -> None:
    export = as_zip(EXPORT, tmp_path / "letterboxd-someone-2024-06-02-utc.zip")
    result = filmtui("import", "letterboxd", str(export), "--apply")
    assert result.returncode == 0, result.stderr
    assert "Written: 6 films changed." in result.stdout
    heat = yours("heat")
    assert heat["rating"] == 10 and heat["watchlist"] is False
    assert heat["diary"] == [
        {"date": "2024-01-04", "rating": 9, "note": "", "rewatch": False},  # 4.5 stars
        {"date": "2024-05-31", "rating": 10, "note":
         "The coffee shop scene, again.\nStill [bold]the[/bold] best.", "rewatch": True},
    ]
    assert yours("city of god") == {"watchlist": False, "rating": 7, "note": "",
                                    "diary": [{"date": None, "rating": None, "note": "", "rewatch": False}]}
    assert yours("zodiac")["watchlist"] and yours("thief")["watchlist"]
    assert yours("casino")["diary"] == []  # deleted/diary.csv stays deleted
    # Again: nothing new, nothing doubled.
    again = filmtui("import", "letterboxd", str(export), "--apply")
    assert "Nothing to change: your data already holds all of it." in again.stdout
    assert len(yours("heat")["diary"]) == 2


def test_a_newer_local_rating_is_kept_and_said_an_older_one_replaced(data_dir: Path) -> None:
    assert filmtui("seen", "heat", "--on", "2024-07-01", "--rating", "6").returncode == 0
    assert filmtui("seen", "godfather part ii", "--on", "2023-01-01", "--rating", "5").returncode == 0
    assert filmtui("rate", "city of god", "9").returncode == 0  # rated here, no day to compare
    result = filmtui("import", "letterboxd", str(EXPORT), "--apply")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert ("  Heat (1995): kept your rating 6/10 (of 2024-07-01, newer; the file has 10/10 of "
            "2024-06-01)") in out
    assert "  City of God (2002): kept your rating 9/10 (no day to compare; the file has 7/10 of 2023-11-02)" in out
    assert "  The Godfather Part II (1974): 1 viewing, rating 8/10 (was 5/10 of 2023-01-01)" in out
    assert yours("heat")["rating"] == 6 and len(yours("heat")["diary"]) == 3
    assert yours("city of god")["rating"] == 9
    assert yours("godfather part ii")["rating"] == 8


def test_bad_rows_are_skipped_by_line_through_a_bom_and_windows_line_ends(data_dir: Path) -> None:
    result = filmtui("import", "letterboxd", str(SAMPLES / "letterboxd-bad"), "--apply")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    start = lines.index("Skipped rows:")
    assert lines[start + 1:start + 5] == [
        "  diary.csv line 3: the rating '7' is not 0.5 to 5 stars in half stars",
        "  diary.csv line 4: the watched date '2024-13-40' is not a day like 2024-05-31",
        "  diary.csv line 5: has 4 fields, the header 8",
        "  diary.csv line 7: the year 'nineteen' is not a year",
    ]
    assert "Skipped: 4 bad rows." in result.stdout
    # The BOM did not hide the first column, nor "\r" spoil the last.
    assert yours("heat")["diary"] == [{"date": "2024-01-04", "rating": 9, "note": "", "rewatch": False}]
    assert yours("zodiac")["diary"] == [{"date": "2024-01-09", "rating": 8, "note": "", "rewatch": True}]
    assert yours("casino")["diary"] == [] and yours("fargo")["diary"] == []
    alone = filmtui("import", "letterboxd", str(SAMPLES / "letterboxd-bad" / "diary.csv"))
    assert "Skipped: 4 bad rows." in alone.stdout  # one file of the export, given alone


def test_a_missing_column_names_the_file_and_imports_nothing(data_dir: Path) -> None:
    result = filmtui("import", "letterboxd", str(SAMPLES / "letterboxd-missing-column"), "--apply")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "filmtui: watchlist.csv lacks the column Year (it has: Date, Name, Letterboxd URI); "
        "nothing was imported"
    )
    assert user_data(data_dir) == {}  # diary.csv was sound, but nothing is half-imported


def _no_export(tmp_path: Path, case: str) -> Path:
    """A path that is not a Letterboxd export, in one of several ways."""
    if case == "missing":
        return tmp_path / "nowhere.zip"
    if case == "not a zip":
        (tmp_path / "x.zip").write_bytes(b"not a zip")
        return tmp_path / "x.zip"
    folder = tmp_path / "export"
    folder.mkdir()
    if case == "utf-16":
        (folder / "diary.csv").write_bytes("Date,Name\n".encode("utf-16"))
    elif case == "empty file":
        (folder / "ratings.csv").write_text("")
    return folder


@pytest.mark.parametrize("case, says", [
    ("missing", "nowhere.zip does not exist"),
    ("not a zip", "x.zip is neither a .zip nor a folder"),
    ("empty folder", "holds none of watched.csv, diary.csv"),
    ("utf-16", "diary.csv is not UTF-8 text"),
    ("empty file", "ratings.csv is empty"),
])
def test_a_file_that_is_no_export_is_one_line(data_dir: Path, tmp_path: Path, case, says) -> None:
    result = filmtui("import", "letterboxd", str(_no_export(tmp_path, case)), "--apply")
    assert result.returncode == 2 and says in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert user_data(data_dir) == {}


def test_apply_is_one_write_of_user_json_or_none(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from filmtui.cli import main
    from filmtui.store.user_file import UserFile

    assert main(["seen", "heat", "--on", "2024-07-01", "--note", "mine"]) == 0
    before = (data_dir / "user.json").read_bytes()
    real_write, writes = UserFile.write, []

    def full_disk(self, docs):
        writes.append(len(docs))
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(UserFile, "write", full_disk)
    capsys.readouterr()
    assert main(["import", "letterboxd", str(EXPORT), "--apply"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == "filmtui: nothing was saved: No space left on device"
    assert writes == [6] and (data_dir / "user.json").read_bytes() == before

    def counted(self, docs):
        writes.append(len(docs))
        real_write(self, docs)

    writes.clear()
    monkeypatch.setattr(UserFile, "write", counted)
    assert main(["import", "letterboxd", str(EXPORT), "--apply"]) == 0
    assert writes == [6]  # every film's change in one write


def test_a_big_file_shows_a_progress_bar_on_a_terminal(data_dir: Path, tmp_path: Path) -> None:
    import os
    import pty
    import subprocess
    import sys

    folder = tmp_path / "big"
    folder.mkdir()
    rows = "".join(f"2024-01-01,Heat,1995,https://boxd.it/s{n}\n" for n in range(500))
    (folder / "watched.csv").write_text("Date,Name,Year,Letterboxd URI\n" + rows)
    leader, follower = pty.openpty()
    done = subprocess.run([sys.executable, "-m", "filmtui", "import", "letterboxd", str(folder)],
                          stdout=subprocess.PIPE, stderr=follower, text=True, timeout=60)
    os.close(follower)
    drawn = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        drawn += chunk
    os.close(leader)
    assert done.returncode == 0
    assert b"[" + b"#" * 10 in drawn and b" 500/500" in drawn
    assert "Matched 1 film (1 by title and year)" in done.stdout
    piped = filmtui("import", "letterboxd", str(folder))
    assert "#" not in piped.stderr and "500/500" not in piped.stderr  # no bar into a pipe


def test_two_viewings_on_one_day_stay_two_and_a_review_joins_its_diary_entry(
    data_dir: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "diary.csv").write_text(
        "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n"
        "2024-03-02,Ronin,1998,https://boxd.it/r1,3,,,2024-03-01\n"
        "2024-03-02,Ronin,1998,https://boxd.it/r2,4,Yes,,2024-03-01\n")
    (folder / "reviews.csv").write_text(
        "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Review,Tags,Watched Date\n"
        "2024-03-02,Ronin,1998,https://boxd.it/r1,3,,The car chase.,,2024-03-01\n")
    assert filmtui("import", "letterboxd", str(folder), "--apply").returncode == 0
    assert yours("ronin")["diary"] == [
        {"date": "2024-03-01", "rating": 6, "note": "The car chase.", "rewatch": False},
        {"date": "2024-03-01", "rating": 8, "note": "", "rewatch": True},
    ]
