"""User settings: TMDB credentials, API base, language and network limits, from the environment
or config.toml; the browser's theme, how ratings are shown and the keys, from its [ui] and [keys]
tables.

The environment wins over the config file. The secret is kept out of `repr` so it cannot leak into
a log line or a traceback by accident, and the file that holds it is written with mode 0600.
"""

from __future__ import annotations

import ipaddress
import math
import os
import re
import stat
import tempfile
import threading
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping
from urllib.parse import urlsplit

from filmtui.locations import config_dir
from filmtui.ratings import DEFAULT_SCALE, SCALE_WORDS, RatingScale, parse_scale
from filmtui.text import clean

DEFAULT_TMDB_URL = "https://api.themoviedb.org/3"
TOKEN_VAR = "TMDB_READ_ACCESS_TOKEN"
KEY_VAR = "TMDB_API_KEY"


class ConfigError(Exception):
    """The config file exists but cannot be used; the message says which file and why."""


@dataclass(frozen=True)
class Config:
    """Settings filmtui runs with."""

    read_access_token: str | None = field(default=None, repr=False)
    """TMDB v4 read access token, sent as `Authorization: Bearer` (preferred)."""
    api_key: str | None = field(default=None, repr=False)
    """TMDB v3 API key, used only when there is no read access token."""
    tmdb_url: str = DEFAULT_TMDB_URL
    """API base; tests and benchmarks point it at a local stand-in."""
    language: str = "en-US"
    """Language TMDB answers in."""
    region: str = "US"
    """Country whose streaming, rental and purchase offers "Where to watch" shows (ISO 3166-1)."""
    rate_limit: float = 40.0
    """Most requests per second sent to TMDB."""
    concurrency: int = 8
    """Most requests in flight at once."""
    timeout: float = 10.0
    """Seconds to wait for TMDB to connect or to send the next bytes."""
    retries: int = 3
    """Retries of one request after a 5xx, a timeout, a dropped connection or a broken body."""
    backoff: float = 0.5
    """First wait before a retry, in seconds; doubled on each further retry."""
    max_retry_after: float = 60.0
    """Longest `Retry-After` honoured, and most seconds one call waits on 429s in all; past it
    the film fails instead."""
    deadline: float = 30.0
    """Most seconds one request may take from sending to the last byte of the answer."""
    give_up_after: float = 120.0
    """Most seconds spent on one film (or any one call), retries and waits included."""
    credential_source: str = field(default="", compare=False)
    """Where the credential came from: an environment variable's name or "config file"."""

    @property
    def has_credentials(self) -> bool:
        """True when a token or key is set (never says which, or what it is)."""
        return bool(self.read_access_token or self.api_key)

    @property
    def credential_name(self) -> str:
        """The variable that sets the credential in use: what a user must fix when it is refused."""
        return KEY_VAR if self.api_key and not self.read_access_token else TOKEN_VAR


def config_path() -> Path:
    """The config file: config.toml in the user's config folder."""
    return config_dir() / "config.toml"


def _read_file(path: Path) -> dict[str, Any]:
    """The file's [tmdb] table ({} when there is no file)."""
    document = _read_toml(path)
    values = document.get("tmdb", {})
    if not isinstance(values, dict):
        raise ConfigError(f"{path}: [tmdb] must be a table")
    return values


def _read_toml(path: Path) -> dict[str, Any]:
    """The whole file, parsed ({} when there is none); ConfigError says what is wrong."""
    try:
        payload = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise ConfigError(f"{path}: cannot be read: {error.strerror or error}") from None
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path}: is not UTF-8 text (byte {error.start + 1}); "
                          "save it as UTF-8") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: cannot be read: {error}") from None


#: Upper bounds: past them a value is a typo, not a wish (a 10-year timeout never ends).
_MOST = {
    "FILMTUI_RATE_LIMIT": 1000.0, "FILMTUI_TMDB_CONCURRENCY": 64, "FILMTUI_TMDB_TIMEOUT": 600.0,
    "FILMTUI_TMDB_RETRIES": 20, "FILMTUI_TMDB_BACKOFF": 60.0,
    "FILMTUI_TMDB_MAX_RETRY_AFTER": 3600.0, "FILMTUI_TMDB_DEADLINE": 3600.0,
    "FILMTUI_TMDB_GIVE_UP_AFTER": 86400.0,
}


def _number(name: str, raw: Any, default: float, convert: Callable[[Any], Any], low: float) -> Any:
    """A numeric setting, checked (finite, within bounds), with a message naming the setting."""
    if raw is None or raw == "":
        return default
    if isinstance(raw, bool):
        raise ConfigError(f"{name}: expected a number, got {str(raw).lower()}")
    try:
        value = convert(raw.strip() if isinstance(raw, str) else raw)
    except (TypeError, ValueError, OverflowError):
        raise ConfigError(f"{name}: expected a number, got {ascii(str(raw)[:40])}") from None
    if isinstance(value, float) and not math.isfinite(value):
        raise ConfigError(f"{name}: expected a finite number, got {value}")
    if value < low:
        raise ConfigError(f"{name}: must be at least {low}, got {value}")
    most = _MOST.get(name)
    if most is not None and value > most:
        raise ConfigError(f"{name}: must be at most {most:g}, got {value:g}")
    return value


#: A credential is sent in an HTTP header or query: visible ASCII only.
_CREDENTIAL = re.compile(r"[!-~]+")
#: A TMDB language: ISO 639-1, optionally with an ISO 3166-1 region ("en-US", "fr", "pt-BR").
_LANGUAGE = re.compile(r"([A-Za-z]{2})(?:-([A-Za-z]{2}))?")


def _credential(name: str, value: str | None) -> str | None:
    """`value` if it can be sent to TMDB; ConfigError (never showing it) otherwise."""
    if value is not None and not _CREDENTIAL.fullmatch(value):
        raise ConfigError(f"{name}: holds a character that cannot be sent (a token or key is "
                          "plain ASCII letters, digits and punctuation, no spaces); "
                          "copy it again from TMDB's API settings")
    return value


def _language(raw: Any) -> str:
    """A language TMDB understands, as it spells it ("en-US"); ConfigError otherwise."""
    text = str(raw or "en-US").strip()
    found = _LANGUAGE.fullmatch(text)
    if not found:
        raise ConfigError(f"FILMTUI_LANGUAGE: expected a language like en-US or fr, "
                          f"got {ascii(text[:20])}")
    language, region = found.groups()
    return language.lower() + (f"-{region.upper()}" if region else "")


_REGION = re.compile(r"[A-Za-z]{2}")
#: A locale like "en_GB.UTF-8" or "pt_BR": its country part.
_LOCALE_REGION = re.compile(r"[A-Za-z]{2,3}[_-]([A-Za-z]{2})(?:[.@].*)?")


def _region(raw: Any, language: str, env: Mapping[str, str]) -> str:
    """The configured country ("GB"), else the locale's, else the language's, else US;
    ConfigError for a setting that is not a two-letter country code."""
    if raw is not None and str(raw).strip():
        text = str(raw).strip()
        if not _REGION.fullmatch(text):
            raise ConfigError(f"FILMTUI_REGION: expected a two-letter country code like US or GB, "
                              f"got {ascii(text[:20])}")
        return text.upper()
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        found = _LOCALE_REGION.fullmatch(env.get(name, ""))
        if found:
            return found.group(1).upper()
    return language.partition("-")[2] or "US"


def _shown_url(url: str) -> str:
    """`url` safe to print: any `user:password@` masked, cut to 60 characters, ASCII-escaped."""
    return ascii(re.sub(r"^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/?#]*@", r"\1***@", url)[:60])


def check_tmdb_url(url: str) -> str:
    """The TMDB API base if it is a plain http(s) address with a usable host and port, and no
    user name or password; ConfigError otherwise.

    Stricter than httpx (tests/tmdb/test_settings_input.py holds the two together), without
    importing it: settings are read before any network code is loaded.
    """
    shown = _shown_url(url)
    if not re.fullmatch(r"https?://[^\s/?#]+(/[^\s?#]*)?", url):
        raise ConfigError(f"FILMTUI_TMDB_URL: expected an http(s) address, got {shown}")
    if "@" in url.split("://", 1)[1].split("/", 1)[0]:
        # It would be sent as Basic auth in place of the token, and printed by `status`.
        raise ConfigError("FILMTUI_TMDB_URL: must not hold a user name or password; set the "
                          f"credential in {TOKEN_VAR} instead")
    try:
        parts = urlsplit(url)
        port = parts.port
        _check_host(parts.hostname or "", parts.netloc)
    except (ValueError, UnicodeError):
        raise ConfigError(f"FILMTUI_TMDB_URL: not a usable address: {shown}") from None
    if port == 0:
        raise ConfigError(f"FILMTUI_TMDB_URL: not a usable address: {shown}")
    return url


_LABEL = re.compile(r"(?!-)[A-Za-z0-9_-]{1,63}(?<!-)")


def _check_host(host: str, netloc: str) -> None:
    """ValueError unless `host` is an IP address or an ASCII DNS name."""
    if netloc.startswith("["):
        ipaddress.IPv6Address(host)
        return
    if not host or "[" in netloc or "]" in netloc or not host.isascii():
        raise ValueError(host)  # a non-ASCII name is given in its xn-- form
    if len(host) > 253 or not all(_LABEL.fullmatch(label) for label in host.rstrip(".").split(".")):
        raise ValueError(host)


def load_config() -> Config:
    """Read config.toml (if any), then let environment variables override it."""
    values = _read_file(config_path())
    env = os.environ

    def setting(var: str, key: str) -> Any:
        return env.get(var) or values.get(key)

    def number(var: str, key: str, default: float, convert: Callable[[Any], Any],
               low: float) -> Any:
        return _number(var, setting(var, key), default, convert, low)

    token = _credential(TOKEN_VAR, _secret(env.get(TOKEN_VAR))) or \
        _credential("read_access_token in config.toml", _secret(values.get("read_access_token")))
    key = _credential(KEY_VAR, _secret(env.get(KEY_VAR))) or \
        _credential("api_key in config.toml", _secret(values.get("api_key")))
    if _secret(env.get(TOKEN_VAR)):
        source = TOKEN_VAR
    elif token:
        source = "config file"
    elif _secret(env.get(KEY_VAR)):
        source = KEY_VAR
    else:
        source = "config file" if key else ""
    url = check_tmdb_url(str(setting("FILMTUI_TMDB_URL", "url") or DEFAULT_TMDB_URL).rstrip("/"))
    language = _language(setting("FILMTUI_LANGUAGE", "language"))
    return Config(
        read_access_token=token,
        api_key=key,
        tmdb_url=url,
        language=language,
        region=_region(setting("FILMTUI_REGION", "region"), language, env),
        rate_limit=number("FILMTUI_RATE_LIMIT", "rate_limit", 40.0, float, 0.1),
        concurrency=number("FILMTUI_TMDB_CONCURRENCY", "concurrency", 8, int, 1),
        timeout=number("FILMTUI_TMDB_TIMEOUT", "timeout", 10.0, float, 0.01),
        retries=number("FILMTUI_TMDB_RETRIES", "retries", 3, int, 0),
        backoff=number("FILMTUI_TMDB_BACKOFF", "backoff", 0.5, float, 0.0),
        max_retry_after=number("FILMTUI_TMDB_MAX_RETRY_AFTER", "max_retry_after", 60.0, float,
                               0.0),
        deadline=number("FILMTUI_TMDB_DEADLINE", "deadline", 30.0, float, 0.05),
        give_up_after=number("FILMTUI_TMDB_GIVE_UP_AFTER", "give_up_after", 120.0, float, 0.05),
        credential_source=source,
    )


def _secret(value: Any) -> str | None:
    """A credential as given, stripped; None when empty or not text."""
    if not isinstance(value, str):
        return None
    return value.strip() or None


def save_credentials(*, token: str | None = None, api_key: str | None = None) -> Path:
    """Store a token and/or key in config.toml (mode 0600), keeping the file's other settings.

    An empty string removes that credential. Returns the file's path.
    """
    for name, value in (("read_access_token", token), ("api_key", api_key)):
        if value and value.strip():
            _credential("the " + name.replace("_", " "), value.strip())

    def change(document: Any) -> None:
        table = _table(document, "tmdb")
        for name, value in (("read_access_token", token), ("api_key", api_key)):
            if value is None:
                continue
            if value.strip():
                table[name] = value.strip()
            elif name in table:
                del table[name]

    return _edit(change)


def save_setting(table: str, key: str, value: str) -> Path:
    """Set `[table] key = value` in config.toml, keeping everything else as the user wrote it."""

    def change(document: Any) -> None:
        _table(document, table)[key] = value

    return _edit(change)


_EDITING = threading.Lock()


def _edit(change: Callable[[Any], None]) -> Path:
    """Change config.toml in place: comments, order, arrays and nested tables stay as written
    (tomlkit edits the parsed text, not a plain dict); written atomically with mode 0600. A file
    that does not parse is left alone and ConfigError says why."""
    import tomlkit  # only when writing: the browser's start reads with tomllib
    from tomlkit.exceptions import ParseError

    path = config_path()
    with _EDITING:  # two saves at once (a theme, then the ratings) must not lose one of them
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            text = ""
        except (OSError, UnicodeDecodeError) as error:
            raise ConfigError(f"{path}: cannot be read: {getattr(error, 'strerror', None) or error}") from None
        try:
            document = tomlkit.parse(text)
        except ParseError as error:
            raise ConfigError(f"{path}: cannot be read ({error}); fix it by hand, nothing was changed") from None
        change(document)
        _write_private(path, tomlkit.dumps(document))
    return path


def _table(document: Any, name: str) -> Any:
    """The document's [name] table, added at the end when missing."""
    import tomlkit

    table = document.get(name)
    if table is None:
        table = document[name] = tomlkit.table()
    elif not isinstance(table, dict):
        raise ConfigError(f"{config_path()}: [{name}] must be a table")
    return table


@dataclass(frozen=True)
class UiSettings:
    """What the browser reads from config.toml's [ui] and [keys] tables."""

    theme: str | None = None
    """The theme's name, as saved (checked against the themes by the App)."""
    ratings: RatingScale = DEFAULT_SCALE
    """How the user's ratings are shown: "ten" (7/10) or "stars" (★★★½)."""
    keys: dict[str, str] = field(default_factory=dict)
    """Binding id -> a key or comma-separated keys, as written."""
    problems: tuple[str, ...] = ()
    """One line for each setting that cannot be used (its default stays)."""


def load_ui_settings() -> UiSettings:
    """The [ui] theme and ratings, and the [keys] table; never raises: what is unusable is a
    problem line."""
    try:
        document = _read_toml(config_path())
    except ConfigError as error:
        return UiSettings(problems=(str(error),))
    problems: list[str] = []
    ui = document.get("ui", {})
    theme = ui.get("theme") if isinstance(ui, dict) else None
    if not isinstance(ui, dict):
        problems.append(f"{config_path()}: [ui] must be a table; the default theme is used")
    elif theme is not None and not isinstance(theme, str):
        problems.append(f"config.toml: [ui] theme must be text, like \"filmtui-dark\"; "
                        "the default theme is used")
        theme = None
    ratings, problem = _rating_scale(ui)
    problems += [problem] if problem else []
    table = document.get("keys", {})
    keys: dict[str, str] = {}
    if not isinstance(table, dict):
        problems.append(f"{config_path()}: [keys] must be a table of binding = \"key\"; "
                        "every key keeps its default")
        table = {}
    for name, value in table.items():
        if isinstance(value, str):
            keys[name] = value
        else:
            problems.append(f"config.toml: [keys] {name} must be a key or comma-separated keys "
                            f"in quotes, like \"f1\"; {name} keeps its default")
    return UiSettings(theme=theme or None, ratings=ratings, keys=keys, problems=tuple(problems))


def _rating_scale(ui: object) -> tuple[RatingScale, str | None]:
    """[ui] ratings, and the line saying why the default is used instead (None when it is not)."""
    value = ui.get("ratings") if isinstance(ui, dict) else None
    if value is None:
        return DEFAULT_SCALE, None
    scale = parse_scale(value)
    if scale is None:
        shown = repr(clean(value)[:20]) if isinstance(value, str) else clean(str(value))[:20]
        return DEFAULT_SCALE, (f"config.toml: [ui] ratings = {shown}: use \"stars\" (★★★½) or "
                               f"\"ten\" (7/10); ratings are shown {SCALE_WORDS[DEFAULT_SCALE]}")
    return scale, None


def load_rating_scale() -> tuple[RatingScale, str | None]:
    """[ui] ratings alone, for the commands' output: the scale, and the line saying why the
    default is used (an unreadable file, a bad value), else None."""
    try:
        document = _read_toml(config_path())
    except ConfigError as error:
        return DEFAULT_SCALE, str(error)
    return _rating_scale(document.get("ui"))


def file_is_private(path: Path | None = None) -> bool:
    """True when config.toml is missing or readable by its owner only."""
    path = path or config_path()
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return True
    return not mode & (stat.S_IRWXG | stat.S_IRWXO)


def exposure_warning(config: Config) -> str | None:
    """A one-line warning when the credential in use sits in a file others can read."""
    if config.credential_source != "config file" or file_is_private():
        return None
    return f"warning: {config_path()} holds your TMDB credential and is readable by others; " \
        f"run `chmod 600 {config_path()}`"


def _write_private(path: Path, text: str) -> None:
    """Write `text` atomically to `path`, readable by the owner only from the first byte."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    # mkstemp creates the file with mode 0600, so the secret is never world-readable, even briefly.
    fd, temp = tempfile.mkstemp(prefix=".config.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o600)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
