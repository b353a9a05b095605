"""The one `annotator` command. Each area registers its subcommands here."""
from __future__ import annotations

import click
from flask.cli import FlaskGroup

from ..app import create_app
from . import actors, exchange, importing, setup, team, tokens, users_projects
from . import history
from . import agreement as agreement_cli
from . import gold


def _create_app():
    # Every command but `init` needs the secret key that `init` creates, and says so if missing.
    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app, add_default_commands=False, add_version_option=False)
def main() -> None:
    """annotator: annotate argument, stance and framing in articles; measure agreement; export."""


for module in (setup, users_projects, importing, team, exchange, actors, tokens, gold):
    module.register(main)

from . import jobs as _jobs  # noqa: E402  (the worker and `annotator jobs`)

_jobs.register(main)
history.register(main)
agreement_cli.register(main)
