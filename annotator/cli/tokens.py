"""`annotator tokens create|list|revoke`: a user's personal API tokens, from the server's shell."""
from __future__ import annotations

from datetime import timedelta

import click

from .common import LazyChoice, fail, problems_to_exit, with_appcontext


def _load_imports() -> None:
    """What the commands use, imported when one runs (cli.common.with_appcontext calls this):
    `annotator --help` imports none of it."""
    global get_session, TOKEN_SCOPES, utcnow
    from ..db import get_session
    from ..models import TOKEN_SCOPES, utcnow


def register(main: click.Group) -> None:
    main.add_command(tokens)


def _user(username: str):
    from ..services.team.users import find_user

    user = find_user(get_session(), username)
    if user is None:
        fail(f"user: no user named '{username}'", 3)
    return user


@click.group()
def tokens() -> None:
    """Personal API tokens (Authorization: Bearer <token>; see docs/api.md)."""


@tokens.command("create")
@click.option("--user", "username", required=True, help="Whose token: it acts with exactly their roles.")
@click.option("--name", required=True, help="What the token is for, e.g. 'nightly agreement'.")
@click.option("--scope", type=LazyChoice("annotator.models:TOKEN_SCOPES"), default="read", show_default=True)
@click.option("--expires-days", type=click.IntRange(1, 3650), default=None, help="Expire after this many days.")
@with_appcontext
@problems_to_exit
def tokens_create(username: str, name: str, scope: str, expires_days: int | None) -> None:
    """Make a token and print it once: only its hash is kept."""
    from ..services.team.tokens import create_token

    expires = utcnow() + timedelta(days=expires_days) if expires_days else None
    made = create_token(get_session(), _user(username), name, scope=scope, expires_at=expires)
    click.echo(made.secret)
    click.echo(f"token {made.token.public_id} ({scope}) for {username}: copy it now, it is not shown again", err=True)


@tokens.command("list")
@click.option("--user", "username", required=True)
@with_appcontext
@problems_to_exit
def tokens_list(username: str) -> None:
    """A user's tokens: id, name, scope, state, last use."""
    from ..services.team.tokens import token_state, tokens_of

    for t in tokens_of(get_session(), _user(username)):
        last = t.last_used_at.isoformat(timespec="seconds") if t.last_used_at else "never used"
        click.echo(f"{t.public_id}\t{t.name}\t{t.prefix}…\t{t.scope}\t{token_state(t)}\t{last}")


@tokens.command("revoke")
@click.option("--user", "username", required=True)
@click.argument("token_id")
@with_appcontext
@problems_to_exit
def tokens_revoke(username: str, token_id: str) -> None:
    """Revoke TOKEN_ID: it stops working at once."""
    from ..services.team.tokens import revoke_token

    revoke_token(get_session(), _user(username), token_id)
    click.echo(f"revoked {token_id}")
