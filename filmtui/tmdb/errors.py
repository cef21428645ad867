"""What can go wrong talking to TMDB, each said in one line that never holds the secret."""

from __future__ import annotations


class TmdbError(Exception):
    """Any TMDB failure; `str()` is a one-line message safe to show the user."""


class MissingCredentials(TmdbError):
    """No token or key is configured: nothing can be fetched."""


class AuthError(TmdbError):
    """TMDB refused the credential (HTTP 401). Retrying cannot help."""


class NotFound(TmdbError):
    """TMDB has no such resource (HTTP 404): the film was deleted or its id is wrong."""


class RateLimited(TmdbError):
    """TMDB kept answering 429, or asked for a longer wait than we are willing to make."""


class Unavailable(TmdbError):
    """TMDB could not be reached or kept failing (5xx, timeouts, refused connections, bad JSON)
    after every retry."""

    def __init__(self, message: str, *, offline: bool = False) -> None:
        super().__init__(message)
        self.offline = offline
        """True when the connection itself failed (no network, server down), not the answer."""
