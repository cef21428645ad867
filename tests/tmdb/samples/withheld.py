"""TMDB's prose in a response body, replaced by a line of ours (TMDB's text is not committed).

    python tests/tmdb/samples/withheld.py ../shared/tmdb-samples/movie_949.json > movie_949.json
"""

from __future__ import annotations

import json
import sys
from typing import Any

#: The fields that hold TMDB's (or its users') writing, and what stands in their place.
PROSE = {
    "overview": "Overview withheld: TMDB's text is not committed to filmtui.",
    "tagline": "Tagline withheld.",
    "content": "Review withheld: TMDB's text is not committed to filmtui.",
    "biography": "Biography withheld: TMDB's text is not committed to filmtui.",
}


def withheld(value: Any) -> Any:
    """`value` with every non-empty prose string replaced; everything else as it was."""
    if isinstance(value, dict):
        return {
            key: PROSE[key] if key in PROSE and isinstance(item, str) and item.strip() else withheld(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [withheld(item) for item in value]
    return value


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as handle:
        print(json.dumps(withheld(json.load(handle)), ensure_ascii=False, indent=2))
