"""Your film life in and out: Letterboxd, IMDb and filmtui's own JSON, as neutral records.

No Textual, no store writes here: readers turn a file into `Entry` records (with the bad rows
counted as `RowProblem`s), `matching` finds the store's film for each, `merge` says what an
entry would change in the user's data (and what newer local data it keeps), and the writers
turn the user's data back into Letterboxd's import CSV, a plain CSV or full-fidelity JSON.
"""

from filmtui.exchange.records import Entry, FormatError, Parsed, RowProblem

__all__ = ["Entry", "FormatError", "Parsed", "RowProblem"]
