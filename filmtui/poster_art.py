"""A poster as terminal art: an image file turned into a grid of half-block cells. No Textual here.

A terminal cell is about twice as tall as it is wide, so a cell drawn as "▀" (the top half in the
foreground colour, the bottom half in the background colour) holds two square pixels, one above
the other. An image fitted into W x 2H pixels therefore fills at most W x H cells undistorted.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image

RGB = tuple[int, int, int]
Cell = tuple[RGB, RGB | None]
"""(top pixel, bottom pixel); the bottom is None on the last row of an odd-height image."""
Grid = list[list[Cell]]

#: Posters are a few hundred pixels a side; anything far bigger is refused before it is decoded,
#: so a hostile or broken file cannot take the memory of a few gigabytes of pixels.
MAX_PIXELS = 40_000_000


class PosterArtError(Exception):
    """The file is not an image we can draw; `str()` is one line saying why."""


def fit(width: int, height: int, cells_wide: int, cells_high: int) -> tuple[int, int]:
    """The pixel size of a `width` x `height` image scaled to fit the cells (half blocks),
    keeping its aspect ratio; never below 1 x 1."""
    scale = min(cells_wide / width, 2 * cells_high / height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def poster_grid(path: Path, cells_wide: int, cells_high: int) -> Grid:
    """The image at `path` as rows of half-block cells, at most `cells_wide` x `cells_high`.

    Raises PosterArtError for a file that is not a readable image (garbage, truncated, too big).
    """
    if cells_wide < 1 or cells_high < 1:
        return []
    try:
        with Image.open(path) as image:
            if image.width * image.height > MAX_PIXELS:
                raise PosterArtError(f"the image is too large ({image.width} x {image.height} pixels)")
            size = fit(image.width, image.height, cells_wide, cells_high)
            image.draft("RGB", size)  # JPEG decodes straight at a smaller scale: much less work
            pixels = _resized(_opaque(image), size)
    except PosterArtError:
        raise
    except Image.DecompressionBombError:
        raise PosterArtError("the image is too large to decode safely") from None
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        # Pillow says "cannot identify image file '/long/path'" or "image file is truncated";
        # the caller names the file, so keep only the reason.
        reason = str(error).split(" '", 1)[0] or type(error).__name__
        raise PosterArtError(f"not a readable image ({reason})") from None
    return _cells(pixels)


def _opaque(image: Image.Image) -> Image.Image:
    """RGB, with any transparency laid over black (the terminal's usual background)."""
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        backdrop = Image.new("RGBA", rgba.size, (0, 0, 0, 255))
        return Image.alpha_composite(backdrop, rgba).convert("RGB")
    return image.convert("RGB")


def _resized(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    # BOX averages the pixels each one covers (no ringing at sharp edges); enlarging keeps blocks.
    shrinking = size[0] <= image.width
    method = Image.Resampling.BOX if shrinking else Image.Resampling.NEAREST
    return image.resize(size, method) if size != image.size else image


def _cells(image: Image.Image) -> Grid:
    width, height = image.size
    raw = image.tobytes()  # getdata() is deprecated in newer Pillow; bytes work in every one
    data = list(zip(raw[0::3], raw[1::3], raw[2::3]))
    rows = [data[y * width : (y + 1) * width] for y in range(height)]
    grid: Grid = []
    for y in range(0, height, 2):
        bottom = rows[y + 1] if y + 1 < height else [None] * width
        grid.append(list(zip(rows[y], bottom)))
    return grid
