"""The film list: a Line API ScrollView that renders only the rows on screen.

Stock DataTable/OptionList measure every row when rows are added (seconds at 100,000 films); this
widget keeps a sequence of summaries and draws a row only when it scrolls into view, caching the
drawn Strips in an LRU so a redraw after a keystroke costs a few dozen rows at most. The sequence
may be lazy (the browser's rows are read from the list index a page at a time as they are drawn):
the widget asks only its length and the rows on screen.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

from filmtui.models import FilmSummary
from filmtui.text import clean, fold, money

_GAP = 2
#: How a match outside the title is named after the title ("Heat · cast").
_FIELD_HINTS = {
    "original_title": "original title",
    "director": "director",
    "cast": "cast",
    "crew": "crew",
    "character": "character",
    "keyword": "keyword",
    "year": "year",
}
#: A crew job as a crew hint names it ("Dante Spinotti · cinematography"); others lower-cased.
_JOB_HINTS = {
    "Director of Photography": "cinematography",
    "Original Music Composer": "music",
    "Editor": "editing",
}


def _named(names: Sequence[str], words: Sequence[str]) -> str:
    """The one of `names` in which the most query words start a word ("pac" finds Al Pacino;
    the first billed on a tie); "" when none does (a typo: the hint then just says "cast")."""
    best, most = "", 0
    for name in names:
        parts = fold(name).split()
        # Each word of the name with the rest run on, so "deniro" finds De Niro as search does.
        tails = ["".join(parts[i:]) for i in range(len(parts))]
        found = sum(any(t.startswith(w) for t in tails) for w in words)
        if found > most:
            best, most = name, found
    return best


def _cell(text: str, width: int, style: Style, *, right: bool = False) -> Segment:
    """`text` fitted to exactly `width` cells: cut with an ellipsis, or padded."""
    if width <= 0:
        return Segment("", style)
    if cell_len(text) > width:
        text = set_cell_size(text, width - 1) + "…"
    elif right:
        text = " " * (width - cell_len(text)) + text
    else:
        text = set_cell_size(text, width)
    return Segment(text, style)


class FilmList(ScrollView, can_focus=True):
    """Scrollable rows of films (title, year, directors, certification, rating or box office)."""

    BINDINGS = [
        Binding("enter", "select", "Open", show=True, id="open_film",
                tooltip="open the highlighted film (in the search box: the top match)"),
        Binding("up,k", "cursor_up", "Up", show=False, id="cursor_up", tooltip="move the cursor up"),
        Binding("down,j", "cursor_down", "Down", show=False, id="cursor_down", tooltip="move the cursor down"),
        Binding("home,g", "first", "First", show=False, id="first", tooltip="first film"),
        Binding("end,G", "last", "Last", show=False, id="last", tooltip="last film"),
        Binding("pageup", "page_up", "Page up", show=False, id="page_up", tooltip="a page up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="page_down",
                tooltip="a page down"),
    ]

    COMPONENT_CLASSES = {
        "film-list--header",
        "film-list--cursor",
        "film-list--cursor-blurred",
        "film-list--match",
        "film-list--dim",
        "film-list--notice",
    }

    DEFAULT_CSS = """
    FilmList {
        overflow-x: hidden;
        & > .film-list--header { text-style: bold; color: $text-muted; }
        & > .film-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold; }
        & > .film-list--cursor-blurred { background: $block-cursor-blurred-background; }
        & > .film-list--match { color: $text-accent; text-style: bold underline; }
        & > .film-list--dim { color: $text-muted; }
        & > .film-list--notice { color: $text-warning; }
    }
    """

    cursor: reactive[int] = reactive(0, repaint=False, init=False)
    """Index of the highlighted row."""

    class Highlighted(Message):
        """The cursor moved onto a film."""

        def __init__(self, film: FilmSummary | None) -> None:
            self.film = film
            super().__init__()

    class Selected(Message):
        """A film was chosen (Enter, or a click on the highlighted row)."""

        def __init__(self, film: FilmSummary) -> None:
            self.film = film
            super().__init__()

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._rows: Sequence[FilmSummary] = ()
        self._matched: dict[int, tuple[str, tuple[tuple[int, int], ...]]] = {}
        """Film id -> where it matched and its title's highlights, for the rows shown."""
        self._words: tuple[str, ...] = ()
        self._hints: dict[int, str] = {}
        """Film id -> its hint for the rows shown: worked out once, not on every frame."""
        self._span_source: object = None
        self.show_box_office = False
        """Show box office instead of rating in the last column."""
        self.yours: Mapping[int, str] | None = None
        """The user's ratings, shown in the last column instead (sorted by your rating)."""
        self.notice = ""
        """Said in place of the column titles (why the list holds no matches), "" for none."""
        self.marked: frozenset[int] = frozenset()
        """Films on the user's watchlist: a star before the title."""
        self._cache: LRUCache[tuple, Strip] = LRUCache(1024)
        self._frame_style: Style | None = None

    # Data -------------------------------------------------------------------------------------

    @property
    def rows(self) -> Sequence[FilmSummary]:
        """The films listed, in order."""
        return self._rows

    @property
    def highlighted(self) -> FilmSummary | None:
        """The film under the cursor, if any."""
        return self._rows[self.cursor] if 0 <= self.cursor < len(self._rows) else None

    def show(
        self,
        rows: Sequence[FilmSummary],
        spans: object = None,
        *,
        box_office: bool = False,
        keep_cursor: bool = False,
        yours: Mapping[int, str] | None = None,
        notice: str = "",
    ) -> None:
        """List `rows`, highlighting the matches `spans` has for them (anything with the
        `View.match(at, film_id)` method: asked for the rows drawn only).

        `keep_cursor` keeps the cursor and scroll where they are (more rows of the same result
        arrived); otherwise the list starts again at the top. `notice` takes the header line's
        place (why there are no matches): a line of its own above the list would re-lay out the
        whole screen each time it came and went, as every key of a query matching nothing did.
        """
        self._rows = rows
        self.notice = notice
        self._span_source = spans
        self._matched = {}
        self._hints = {}
        query = getattr(spans, "query", "") or ""
        self._words = tuple(w for w in fold(query).split() if not w.isdigit())
        if box_office != self.show_box_office:
            self.show_box_office = box_office
            self._cache.clear()
        self.yours = yours
        size = Size(0, len(rows) + 1)
        if size != self.virtual_size:
            # `virtual_size` is a layout reactive: set plainly, a new result count would re-lay
            # out the whole screen on a keystroke. The list's own size is fixed by the CSS; only
            # its scrollbar follows the count, and that is updated here.
            self.set_reactive(Widget.virtual_size, size)
            self._scroll_update(size)
        if keep_cursor and self.cursor < len(rows):
            self.refresh()
            return
        self.set_reactive(FilmList.cursor, 0)
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()
        self.post_message(self.Highlighted(self.highlighted))

    def mark(self, film_ids: frozenset[int]) -> None:
        """Star these films (the watchlist) and no others."""
        if film_ids != self.marked:
            self.marked = film_ids
            self.refresh()

    def _match(self, at: int, film_id: int) -> tuple[str, tuple[tuple[int, int], ...]]:
        """Where the search matched the film at row `at`, and its title's highlights: worked out
        once per film shown, not on every frame."""
        found = self._matched.get(film_id)
        if found is None:
            match_at = getattr(self._span_source, "match", None)
            match = match_at(at, film_id) if match_at is not None else None
            found = self._matched[film_id] = ("", ()) if match is None else (match.field, match.spans)
        return found

    def _match_hint(self, film: FilmSummary, field: str) -> str:
        """Why a film whose title does not match is listed: "with Al Pacino", "keyword: heist"."""
        hint = self._hints.get(film.id)
        if hint is None:
            hint = self._hints[film.id] = self._find_hint(film, field)
        return hint

    def _find_hint(self, film: FilmSummary, field: str) -> str:
        if field == "cast" and (name := _named(film.cast, self._words)):
            return f"with {clean(name)}"
        if field == "crew" and (person := _named([name for name, _ in film.crew], self._words)):
            job = dict(film.crew)[person]
            return f"{clean(person)} · {clean(_JOB_HINTS.get(job, job.lower()))}"
        if field == "character" and (role := _named(film.characters, self._words)):
            return f"as {clean(role)}"
        if field == "keyword" and (keyword := _named(film.keywords, self._words)):
            return f"keyword: {clean(keyword)}"
        return _FIELD_HINTS.get(field, "")

    # Rendering --------------------------------------------------------------------------------

    def _columns(self, width: int) -> tuple[int, int, int, int, int]:
        """Widths of title, year, directors, certification and the figure column."""
        figure = 14 if self.show_box_office else 6
        year, cert = 4, 5
        rest = width - year - cert - figure - 4 * _GAP - 1
        # On wide terminals the columns stop growing (and the row ends in blank space) so the
        # eye does not travel half a screen from a title to its year.
        directors = max(0, min(36, rest * 2 // 5))
        if rest - directors < 16:
            directors = 0
        title = min(rest - directors - (_GAP if directors == 0 else 0), 60)
        return max(title, 1), year, directors, cert, figure

    def render_lines(self, crop: Region) -> list[Strip]:
        # The widget's style is worked out once a frame, not once a line: it walks the
        # ancestors each time (35 us; a frame's 38 cached lines cost 1.3 ms, 0.1 ms without).
        self._frame_style = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._frame_style = None

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style if self._frame_style is None else self._frame_style
        if y == 0:
            header = ("header", width, self.show_box_office, self.yours is not None, self.notice)
            strip = self._cache.get(header)
            if strip is None:
                strip = self._render_header(width, base)
                self._cache[header] = strip
            return strip
        index = round(self.scroll_offset.y) + y - 1
        if index >= len(self._rows):
            return Strip.blank(width, base)
        film = self._rows[index]
        state = 0 if index != self.cursor else (2 if self.has_focus else 1)
        field, spans = self._match(index, film.id)
        hint = self._match_hint(film, field)
        marked = film.id in self.marked
        mine = None if self.yours is None else self.yours.get(film.id, 0)
        key = (film.id, width, state, spans, hint, self.show_box_office, marked, mine)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._render_row(film, width, state, spans, hint, base, marked)
            self._cache[key] = strip
        return strip

    def _render_header(self, width: int, base: Style) -> Strip:
        if self.notice:
            style = base + self.get_component_rich_style("film-list--notice")
            return Strip([Segment(" ", style), _cell(self.notice, width - 1, style)])
        style = base + self.get_component_rich_style("film-list--header")
        title, year, directors, cert, figure = self._columns(width)
        gap = Segment(" " * _GAP, style)
        segments = [Segment(" ", style), _cell("Title", title, style), gap, _cell("Year", year, style), gap]
        if directors:
            segments += [_cell("Directed by", directors, style), gap]
        label = "Box office" if self.show_box_office else "Yours" if self.yours is not None else "Rating"
        segments += [_cell("Cert", cert, style), gap, _cell(label, figure, style, right=True)]
        return Strip(segments).adjust_cell_length(width, style)

    def _render_row(
        self,
        film: FilmSummary,
        width: int,
        state: int,
        spans: tuple[tuple[int, int], ...],
        hint: str,
        base: Style,
        marked: bool = False,
    ) -> Strip:
        if state == 2:
            base = base + self.get_component_rich_style("film-list--cursor")
        elif state == 1:
            base = base + self.get_component_rich_style("film-list--cursor-blurred")
        dim = base + self.get_component_rich_style("film-list--dim", partial=True)
        title_width, year, directors, cert, figure = self._columns(width)
        gap = Segment(" " * _GAP, base)

        raw = film.title
        title = clean(raw)
        title_segments: list[Segment] = []
        if spans and title == raw:
            match = base + self.get_component_rich_style("film-list--match", partial=True)
            at = 0
            for start, end in spans:
                if start > at:
                    title_segments.append(Segment(title[at:start], base))
                title_segments.append(Segment(title[start:end], match))
                at = end
            title_segments.append(Segment(title[at:], base))
        else:
            title_segments.append(Segment(title, base))
        if hint:  # say why a film whose title does not match is listed
            title_segments.append(Segment(f" · {hint}", dim))
        title_strip = Strip(title_segments)
        if title_strip.cell_length > title_width:
            title_strip = Strip([*title_strip.crop(0, title_width - 1), Segment("…", base)])
        title_strip = title_strip.adjust_cell_length(title_width, base)

        if marked:
            lead = Segment("★", base + self.get_component_rich_style("film-list--match", partial=True))
        else:
            lead = Segment(" ", base)
        segments = [lead, *title_strip, gap]
        segments += [_cell(str(film.year or "—"), year, dim), gap]
        if directors:
            segments += [_cell(clean(", ".join(film.directors)) or "—", directors, base), gap]
        segments += [_cell(clean(film.certification) or "—", cert, dim), gap]
        if self.show_box_office:
            value = money(film.revenue)
        elif self.yours is not None:
            value = self.yours.get(film.id, "—")
        else:
            value = f"{film.rating:.1f}" if film.rating else "—"
        segments.append(_cell(value, figure, base, right=True))
        return Strip(segments).adjust_cell_length(width, base)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    def _on_resize(self, event: events.Resize) -> None:
        self._cache.clear()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # Cursor -----------------------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        self._refresh_row(old)
        self._refresh_row(new)
        self._scroll_to_cursor()
        self.post_message(self.Highlighted(self.highlighted))

    def _refresh_row(self, index: int) -> None:
        y = index - round(self.scroll_offset.y) + 1
        if 1 <= y < self.size.height:
            self.refresh_line(y)

    def _scroll_to_cursor(self) -> None:
        visible = max(1, self.scrollable_content_region.height - 1)
        top = round(self.scroll_offset.y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False, immediate=True)

    def move_cursor(self, index: int) -> None:
        """Move the cursor to `index`, kept within the rows."""
        if self._rows:
            self.cursor = max(0, min(index, len(self._rows) - 1))

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 2)

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor + 1)

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(len(self._rows) - 1)

    def action_page_up(self) -> None:
        self.move_cursor(self.cursor - self._page())

    def action_page_down(self) -> None:
        self.move_cursor(self.cursor + self._page())

    def action_select(self) -> None:
        film = self.highlighted
        if film is not None:
            self.post_message(self.Selected(film))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:
            return
        index = round(self.scroll_offset.y) + offset.y - 1
        if 0 <= index < len(self._rows):
            already = index == self.cursor
            self.cursor = index
            if already or event.chain >= 2:
                self.action_select()
