"""`annotator init`, `annotator demo` and `annotator serve`."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .common import problems_to_exit, with_appcontext, without_start_up


def register(main: click.Group) -> None:
    main.add_command(init)
    main.add_command(demo)
    main.add_command(serve)


@click.command()
@without_start_up
def init() -> None:
    """Create or migrate the database, and create the instance's secret key once."""
    from .. import migrate
    from ..app import create_app, default_instance_path
    from ..config import ensure_instance_secret
    from ..db import get_engine

    instance = default_instance_path()
    Path(instance).mkdir(parents=True, exist_ok=True)
    if not os.environ.get("ANNOTATOR_SECRET_KEY") and ensure_instance_secret(instance):
        click.echo(f"created a secret key in {instance}")
    app = create_app()
    with app.app_context():
        engine = get_engine()
        before = migrate.current_revision(engine)
        migrate.upgrade(engine)
        after = migrate.current_revision(engine)
    url = engine.url.render_as_string(hide_password=True)
    if before == after:
        click.echo(f"database {url} is up to date (revision {after})")
    else:
        click.echo(f"database {url} migrated from {before or 'empty'} to {after}")


@click.command()
@with_appcontext
@problems_to_exit
def demo() -> None:
    """Load the demo project (unless it is there already) and print its logins."""
    from ..demo.loader import DEMO_LOGINS, load_demo

    created = load_demo()
    click.echo("demo project loaded" if created else "demo project already present; left as it is")
    click.echo("demo logins (user / password):")
    for username, password, role in DEMO_LOGINS:
        click.echo(f"  {username:<8} {password:<18} {role}")


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, type=int, show_default=True)
@click.option("--workers", type=int, help="Worker processes (default: one per CPU, plus one).")
@click.option("--threads", default=1, type=int, show_default=True, help="Threads per worker.")
@click.option("--timeout", default=300, type=int, show_default=True,
              help="Seconds a request may take before its worker is restarted (a large export takes a while).")
@click.option("--keep-alive", default=5, type=int, show_default=True,
              help="Seconds an idle kept-alive connection stays open.")
@click.option("--header-timeout", default=10.0, type=float, show_default=True,
              help="Seconds a client has to send a request's head; then the connection is closed.")
@click.option("--body-timeout", default=30.0, type=float, show_default=True,
              help="Seconds a client has to send a request's body (up to 1 MB is read before the app sees it).")
@click.option("--dev", is_flag=True, help="Flask's development server with the reloader instead of gunicorn.")
@without_start_up
def serve(host: str, port: int, workers: int | None, threads: int, timeout: int, keep_alive: int,
          header_timeout: float, body_timeout: float, dev: bool) -> None:
    """Serve the app (gunicorn; the database must have been created with `annotator init`).

    Requests are read whole by each worker's event loop before a thread runs the app
    (annotator.serving.worker), so slow or idle clients hold a socket, never a thread. One thread
    per worker: the app is CPU-bound Python, and threads of one process contend for the
    interpreter lock (the save benchmark ran 25-35% slower with 4 threads per worker)."""
    if dev:
        from ..app import create_app

        create_app().run(host=host, port=port, debug=True)
        return
    workers = workers or (os.cpu_count() or 1) + 1
    os.environ["ANNOTATOR_SERVE_HEADER_TIMEOUT"] = str(header_timeout)
    os.environ["ANNOTATOR_SERVE_BODY_TIMEOUT"] = str(body_timeout)
    args = [sys.executable, "-m", "gunicorn", "--bind", f"{host}:{port}", "--workers", str(workers),
            "--worker-class", "annotator.serving.worker.BufferingThreadWorker", "--threads", str(threads),
            "--keep-alive", str(keep_alive), "--timeout", str(timeout), "--access-logfile", "-",
            # No control socket: its default path is one per machine user, shared by every server.
            "--no-control-socket", "annotator.wsgi:app"]
    os.execv(sys.executable, args)
