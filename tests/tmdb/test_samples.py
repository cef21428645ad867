"""The committed TMDB samples hold no TMDB prose, and nothing else in them was changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .samples.withheld import PROSE, withheld
from .server import SAMPLES

REPO = Path(__file__).resolve().parents[2]
#: Where the original bodies live: the project's shared folder, beside the checkout (../shared)
#: or the team's (/work/shared). A clone elsewhere has neither.
CANDIDATES = (REPO.parent / "shared" / "tmdb-samples", Path("/work/shared/tmdb-samples"))


def bodies() -> dict[str, object]:
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(SAMPLES.glob("*.json"))}


def prose(value: object) -> list[str]:
    """Every prose field's text in `value`."""
    if isinstance(value, dict):
        found = [v for k, v in value.items() if k in PROSE and isinstance(v, str) and v.strip()]
        return found + [t for v in value.values() for t in prose(v)]
    if isinstance(value, list):
        return [t for v in value for t in prose(v)]
    return []


def test_no_committed_sample_holds_tmdb_prose() -> None:
    found = {name: prose(body) for name, body in bodies().items()}
    assert sum(len(texts) for texts in found.values()) >= 20  # the samples do have such fields
    for name, texts in found.items():
        assert set(texts) <= set(PROSE.values()), name


def test_committed_samples_are_the_shared_ones_with_only_the_prose_withheld() -> None:
    # Beside the project (its shared folder), compare with the originals; a clone elsewhere has
    # only the copies, which the test above still checks: there this one is skipped, not passed.
    shared = next((path for path in CANDIDATES if path.is_dir()), None)
    if shared is None:
        pytest.skip("the original TMDB samples (../shared/tmdb-samples) are not here")
    compared = 0
    for name, body in bodies().items():
        original = shared / name
        if original.exists():
            assert body == withheld(json.loads(original.read_text(encoding="utf-8"))), name
            compared += 1
    assert compared == len(bodies())
