"""filmtui: a terminal browser for a curated collection of crime cinema."""

__version__ = "0.1.0"
