"""The one `annotator` command. Each area registers its subcommands here.

Command modules import only click at the top; what a command needs (the app, the services,
openpyxl, numpy, trafilatura) is imported inside it, so `annotator --help` starts in a blink.
Commands that need only the database (import, export, import-annotations, import-project:
cli.common.with_database) make no Flask app at all (annotator.standalone).
"""
from __future__ import annotations

import click

from . import actors, exchange, importing, setup, team, tokens, users_projects
from . import history
from . import agreement as agreement_cli
from . import gold
from .group import AnnotatorGroup


def _create_app():
    # Every command but `init` needs the secret key that `init` creates, and says so if missing.
    # No command serves pages: the app without its web package starts ~0.5 s sooner.
    from ..app import create_app

    return create_app(web=False)


@click.group(cls=AnnotatorGroup, create_app=_create_app)
def main() -> None:
    """annotator: annotate argument, stance and framing in articles; measure agreement; export."""


for module in (setup, users_projects, importing, team, exchange, actors, tokens, gold):
    module.register(main)

from . import jobs as _jobs  # noqa: E402  (the worker and `annotator jobs`)

_jobs.register(main)
history.register(main)
agreement_cli.register(main)
