"""Posters as half-block cells: the size fits, the colours are the image's, bad files say so."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from filmtui.poster_art import MAX_PIXELS, PosterArtError, fit, poster_grid

RED, BLUE, GREEN = (255, 0, 0), (0, 0, 255), (0, 200, 0)


def two_halves(path: Path, size: tuple[int, int], top=RED, bottom=BLUE, **save) -> Path:
    """An image whose top half is `top` and bottom half `bottom`."""
    width, height = size
    image = Image.new("RGB", size, top)
    image.paste(bottom, (0, height // 2, width, height))
    image.save(path, **save)
    return path


def close(colour, expected, slack=12) -> bool:
    return colour is not None and all(abs(a - b) <= slack for a, b in zip(colour, expected))


def test_top_pixel_is_the_foreground_and_bottom_the_background(tmp_path: Path) -> None:
    grid = poster_grid(two_halves(tmp_path / "p.png", (4, 2)), 4, 1)
    assert len(grid) == 1 and len(grid[0]) == 4
    assert all(cell == (RED, BLUE) for cell in grid[0])


def test_a_poster_is_fitted_to_the_cells_keeping_its_shape(tmp_path: Path) -> None:
    path = two_halves(tmp_path / "p.png", (200, 300))
    grid = poster_grid(path, 80, 20)  # limited by height: 40 pixels high, so 27 wide
    assert len(grid) == 20 and {len(row) for row in grid} == {27}
    assert grid[0][0] == (RED, RED) and grid[-1][-1] == (BLUE, BLUE)
    wide = poster_grid(path, 10, 40)  # limited by width: 10 wide, 15 pixels high
    assert len(wide) == 8 and len(wide[0]) == 10
    assert wide[-1][0][1] is None  # an odd number of pixel rows leaves the last bottom empty


@pytest.mark.parametrize("cells", [(1, 1), (3, 50), (50, 3), (120, 40)])
def test_the_grid_never_exceeds_the_cells(tmp_path: Path, cells: tuple[int, int]) -> None:
    path = two_halves(tmp_path / "p.jpg", (342, 513), quality=95)
    grid = poster_grid(path, *cells)
    assert 1 <= len(grid) <= cells[1]
    assert all(1 <= len(row) <= cells[0] for row in grid)


def test_small_images_are_enlarged_in_blocks(tmp_path: Path) -> None:
    grid = poster_grid(two_halves(tmp_path / "p.png", (2, 2)), 10, 10)  # square: 10 x 10 pixels
    assert len(grid) == 5 and len(grid[0]) == 10
    assert grid[0][0] == (RED, RED) and grid[-1][0] == (BLUE, BLUE)


def test_jpeg_colours_come_through(tmp_path: Path) -> None:
    grid = poster_grid(two_halves(tmp_path / "p.jpg", (40, 60), GREEN, BLUE, quality=95), 20, 15)
    top, bottom = grid[0][5], grid[-1][5]
    assert close(top[0], GREEN) and close(top[1], GREEN)
    assert close(bottom[0], BLUE) and close(bottom[1], BLUE)


def test_transparency_is_drawn_over_black(tmp_path: Path) -> None:
    Image.new("RGBA", (2, 2), (255, 0, 0, 0)).save(tmp_path / "clear.png")
    assert poster_grid(tmp_path / "clear.png", 2, 1) == [[((0, 0, 0), (0, 0, 0))] * 2]


def test_no_room_gives_no_cells(tmp_path: Path) -> None:
    assert poster_grid(two_halves(tmp_path / "p.png", (4, 4)), 0, 10) == []


def test_fit_keeps_the_aspect_ratio() -> None:
    assert fit(342, 513, 100, 30) == (40, 60)
    assert fit(1000, 10, 50, 50) == (50, 1)


def test_garbage_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "poster.jpg"
    path.write_bytes(b"<html>not an image</html>" * 20)
    with pytest.raises(PosterArtError, match="not a readable image") as caught:
        poster_grid(path, 10, 10)
    assert str(path) not in str(caught.value) and "\n" not in str(caught.value)


def test_an_empty_or_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "empty.jpg").write_bytes(b"")
    for path in (tmp_path / "empty.jpg", tmp_path / "missing.jpg"):
        with pytest.raises(PosterArtError):
            poster_grid(path, 10, 10)


@pytest.mark.parametrize("name", ["p.jpg", "p.png"])
def test_a_truncated_file_is_a_clear_error(tmp_path: Path, name: str) -> None:
    whole = two_halves(tmp_path / name, (200, 300)).read_bytes()
    path = tmp_path / f"cut-{name}"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(PosterArtError, match="not a readable image"):
        poster_grid(path, 20, 20)


def test_huge_dimensions_are_refused_before_decoding(tmp_path: Path) -> None:
    """A tiny file claiming 100,000 x 100,000 pixels (a decompression bomb's header)."""
    two_halves(tmp_path / "small.png", (4, 4))
    data = bytearray((tmp_path / "small.png").read_bytes())
    header = b"IHDR" + struct.pack(">II", 100_000, 100_000) + bytes(data[24:29])
    data[12:29] = header
    data[29:33] = struct.pack(">I", zlib.crc32(header))
    (tmp_path / "bomb.png").write_bytes(bytes(data))
    assert 100_000 * 100_000 > MAX_PIXELS
    with pytest.raises(PosterArtError, match="too large"):
        poster_grid(tmp_path / "bomb.png", 20, 20)
