"""The TMDB stand-in with enough for a walk through filmtui by hand: Heat with Fight Club's real
trailer, recommendations and watch providers (Thief first among them), James Caan's career on
Brad Pitt's real person shape, and bodies for his films the catalogue lacks.

    python tests/tmdb/stand_in_demo.py      # prints FILMTUI_TMDB_URL=... TMDB_READ_ACCESS_TOKEN=...
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tmdb.server import FakeTmdb, extras, person, real_films, serve_until_interrupted, synthetic  # noqa: E402

THIEF = {"id": 11524, "title": "Thief", "original_title": "Thief", "release_date": "1981-03-27"}
CAAN = person(3085, "James Caan",
              cast=[(11524, "Thief", 1981, "Frank"), (238, "The Godfather", 1972, "Sonny Corleone"),
                    (240, "The Godfather Part II", 1974, "Sonny Corleone"), (1700, "Misery", 1990, "Paul Sheldon"),
                    (11484, "Rollerball", 1975, "Jonathan E."), (10719, "Elf", 2003, "Walter Hobbs")],
              crew=[(42151, "Hide in Plain Sight", 1980, "Director")])


def main() -> None:
    tmdb = FakeTmdb(token="stand-in-token", api_key=None)
    tmdb.add({**real_films()[949], **extras([THIEF])})
    tmdb.people[3085] = CAAN
    for film_id, title, year in ((1700, "Misery", 1990), (11484, "Rollerball", 1975), (10719, "Elf", 2003),
                                 (42151, "Hide in Plain Sight", 1980)):
        tmdb.add(synthetic(film_id, title, year))
    serve_until_interrupted(tmdb)


if __name__ == "__main__":
    main()
