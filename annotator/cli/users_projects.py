"""`annotator users ...` and `annotator project ...`."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import LazyChoice, fail, problems_to_exit, with_appcontext


def _load_imports() -> None:
    """What the commands use, imported when one runs (cli.common.with_appcontext calls this):
    `annotator --help` imports none of it."""
    global get_session, ROLES, account_service, session_service, project_service, user_service
    from ..db import get_session
    from ..models import ROLES
    from ..services.accounts import accounts as account_service
    from ..services.accounts import sessions as session_service
    from ..services.team import projects as project_service
    from ..services.team import users as user_service

DEFAULT_SCHEME = Path(__file__).resolve().parents[2] / "guidelines" / "scheme.yaml"


def register(main: click.Group) -> None:
    main.add_command(users)
    main.add_command(project)


@click.group()
def users() -> None:
    """Manage users."""


@users.command("add")
@click.argument("name")
@click.option("--role", type=LazyChoice("annotator.models:ROLES"), default="annotator", show_default=True,
              help="admin makes a site administrator; lead and annotator roles are given per project with `project add-member`.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@click.option("--display-name", default="")
@with_appcontext
@problems_to_exit
def users_add(name: str, role: str, password_stdin: bool, display_name: str) -> None:
    """Create user NAME."""
    user = user_service.create_user(get_session(), name, _read_password(password_stdin), display_name=display_name,
                                    is_admin=role == "admin")
    click.echo(f"created user {user.username}{' (admin)' if user.is_admin else ''}")


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


@users.command("set-password")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@with_appcontext
@problems_to_exit
def users_set_password(name: str, password_stdin: bool) -> None:
    """Set NAME's password; every session of NAME is signed out."""
    session = get_session()
    user = account_service.find(session, name)
    ended = account_service.set_password(session, user, _read_password(password_stdin))
    click.echo(f"password of {user.username} changed; {ended} sessions signed out")


@users.command("deactivate")
@click.argument("name")
@with_appcontext
@problems_to_exit
def users_deactivate(name: str) -> None:
    """Deactivate NAME: signed out everywhere, cannot log in; their work is kept."""
    session = get_session()
    user = account_service.find(session, name)
    account_service.set_active(session, user, False)
    click.echo(f"{user.username} is deactivated (their work is kept)")


@users.command("activate")
@click.argument("name")
@with_appcontext
@problems_to_exit
def users_activate(name: str) -> None:
    """Let a deactivated NAME log in again."""
    session = get_session()
    user = account_service.find(session, name)
    account_service.set_active(session, user, True)
    click.echo(f"{user.username} is active")


@users.command("sign-out")
@click.argument("name")
@with_appcontext
@problems_to_exit
def users_sign_out(name: str) -> None:
    """Sign NAME out everywhere."""
    session = get_session()
    user = account_service.find(session, name)
    click.echo(f"{user.username}: {session_service.end_all(session, user.id, 'signed_out')} sessions signed out")


@click.group()
def project() -> None:
    """Manage projects."""


@project.command("create")
@click.argument("name")
@click.option("--scheme", "scheme_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Label scheme YAML (default: guidelines/scheme.yaml).")
@click.option("--time-zone", default="UTC", show_default=True)
@with_appcontext
@problems_to_exit
def project_create(name: str, scheme_path: Path | None, time_zone: str) -> None:
    """Create project NAME with a label scheme."""
    text = (scheme_path or DEFAULT_SCHEME).read_text(encoding="utf-8")
    created = project_service.create_project(get_session(), name, text, time_zone=time_zone)
    click.echo(f"created project {created.name}")


@project.command("add-member")
@click.argument("project_name")
@click.argument("username")
@click.option("--role", type=LazyChoice("annotator.models:ROLES"), required=True)
@with_appcontext
@problems_to_exit
def project_add_member(project_name: str, username: str, role: str) -> None:
    """Give USERNAME a ROLE in PROJECT_NAME."""
    session = get_session()
    proj = project_service.get_project(session, project_name)
    user = user_service.find_user(session, username)
    if user is None:
        fail(f"user: no user named '{username}'", 3)
    project_service.add_member(session, proj, user, role)
    click.echo(f"{username} is {role} in {project_name}")


@project.command("load-scheme")
@click.argument("project_name")
@click.argument("scheme_path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--rename", "renames", multiple=True, metavar="OLD=NEW",
              help="Move annotations from label OLD to label NEW (repeatable).")
@with_appcontext
@problems_to_exit
def project_load_scheme(project_name: str, scheme_path: Path, renames: tuple[str, ...]) -> None:
    """Load a changed scheme as a new version of PROJECT_NAME's scheme."""
    mapping = {}
    for item in renames:
        old, sep, new = item.partition("=")
        if not sep or not old or not new:
            fail(f"--rename: '{item}' must look like old_key=new_key")
        mapping[old] = new
    session = get_session()
    proj = project_service.get_project(session, project_name)
    version = project_service.load_scheme(session, proj, scheme_path.read_text(encoding="utf-8"), renames=mapping)
    click.echo(f"{project_name} now uses scheme version {version.version}")
