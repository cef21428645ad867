"""`filmtui config`: store TMDB credentials in config.toml (mode 0600) and show the settings."""

from __future__ import annotations

import argparse
import getpass
import sys

from filmtui.cli.common import fail
from filmtui.config import (
    KEY_VAR,
    TOKEN_VAR,
    ConfigError,
    config_path,
    file_is_private,
    load_config,
    save_credentials,
)


def register(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = commands.add_parser("config", help="set TMDB credentials, show settings")
    actions = parser.add_subparsers(title="actions", metavar="ACTION", dest="action")
    set_token = actions.add_parser(
        "set-token",
        help="store a TMDB credential (read from the terminal or stdin, never the command line)",
    )
    set_token.add_argument(
        "--api-key", action="store_true", help="it is a v3 API key, not a read access token"
    )
    clear = actions.add_parser("clear-token", help="remove stored TMDB credentials")
    clear.set_defaults(config_action=_clear)
    set_token.set_defaults(config_action=_set_token)
    actions.add_parser("show", help="print settings (never the secret)").set_defaults(
        config_action=_show
    )
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    action = getattr(args, "config_action", _show)
    try:
        return action(args)
    except ConfigError as error:
        return fail(str(error), 2)
    except OSError as error:
        return fail(f"cannot write {config_path()}: {error.strerror or error}", 1)


def _set_token(args: argparse.Namespace) -> int:
    what = "TMDB v3 API key" if args.api_key else "TMDB read access token"
    # A secret on the command line would sit in the shell history and in `ps` for everyone.
    if sys.stdin.isatty():
        secret = getpass.getpass(f"{what}: ")
    else:
        secret = sys.stdin.readline()
    secret = secret.strip()
    if not secret or any(ch.isspace() for ch in secret):
        return fail(f"expected one {what} (no spaces); nothing was stored", 2)
    if args.api_key:
        path = save_credentials(api_key=secret)
    else:
        path = save_credentials(token=secret)
    print(f"Stored the {what} in {path} (readable by you only).")
    return 0


def _clear(args: argparse.Namespace) -> int:
    path = save_credentials(token="", api_key="")
    print(f"Removed TMDB credentials from {path}.")
    return 0


def _show(args: argparse.Namespace) -> int:
    config = load_config()
    if config.has_credentials:
        kind = "read access token" if config.read_access_token else "v3 API key"
        credentials = f"{kind}, from {config.credential_source}"
    else:
        credentials = f"not set (set {TOKEN_VAR} or {KEY_VAR}, or run `filmtui config set-token`)"
    print(f"Config file:   {config_path()}")
    print(f"TMDB access:   {credentials}")
    print(f"TMDB URL:      {config.tmdb_url}")
    print(f"Language:      {config.language}")
    print(f"Region:        {config.region} (where to watch)")
    print(f"Rate limit:    {config.rate_limit:g} requests/s, {config.concurrency} at once")
    if not file_is_private():
        print(f"Warning: {config_path()} is readable by others; run `chmod 600` on it.")
    return 0
