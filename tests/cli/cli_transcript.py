"""What every `annotator` command prints and returns: each command's --help, and the commands'
error paths (bad input, not found, conflict). Recorded once from the CLI as it was before its
imports became lazy (eager_cli_transcript.json; with Flask's loading of other packages'
``flask.commands`` plugins switched off, as those were never annotator's commands: an
extension installed into the same environment showed up in the list); test_cli_startup checks
that nothing changed."""
from __future__ import annotations

from pathlib import Path

import click

RECORDED = Path(__file__).with_name("eager_cli_transcript.json")


def command_paths(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command and group under ``group``, as argument paths, sorted."""
    paths = []
    for name in sorted(group.commands):
        command = group.commands[name]
        paths.append(prefix + (name,))
        if isinstance(command, click.Group):
            paths.extend(command_paths(command, prefix + (name,)))
    return paths


def error_invocations(tmp: Path) -> list[list[str]]:
    """Commands that must fail, each with the exit code and message the eager CLI gave."""
    articles = tmp / "articles.txt"
    articles.write_text("A title\n\nSome text of the article.\n", encoding="utf-8")
    actors = tmp / "actors.csv"
    actors.write_text("canonical_name,kind,aliases\nMorocco,country,Morocco\n", encoding="utf-8")
    interchange = tmp / "sets.jsonl"
    interchange.write_text("{}\n", encoding="utf-8")
    scheme = tmp / "scheme.yaml"
    scheme.write_text("not: [a scheme\n", encoding="utf-8")
    return [
        [],
        ["no-such-command"],
        ["import"],
        ["import", "--project", "Demo", str(tmp / "missing.txt")],
        ["import", "--project", "nope", str(articles)],
        ["import", "--project", "Demo", str(articles), "--encoding", "no-such-encoding"],
        ["export", "--project", "nope"],
        ["export", "--project", "Demo", "--format", "pdf"],
        ["export", "--project", "Demo", "--language", "xx", "--output", str(tmp / "out.jsonl"),
         "--format", "jsonl"],
        ["import-annotations", "--project", "nope", str(interchange)],
        ["users", "add", "someone", "--role", "boss"],
        ["users", "add", "lead", "--password-stdin"],
        ["project", "create", "Demo"],
        ["project", "add-member", "nope", "lead", "--role", "lead"],
        ["project", "add-member", "Demo", "nobody", "--role", "lead"],
        ["project", "load-scheme", "Demo", str(scheme)],
        ["project", "load-scheme", "Demo", str(scheme), "--rename", "oops"],
        ["assign", "--project", "Demo"],
        ["assign", "--project", "nope", "--per-document", "2"],
        ["assign", "--project", "Demo", "--per-document", "0"],
        ["agreement", "--project", "nope"],
        ["actors", "import", "--project", "nope", str(actors)],
        ["serve", "--port", "not-a-number"],
        ["users", "set-password", "nobody", "--password-stdin"],
        ["users", "deactivate", "nobody"],
        ["tokens", "create", "--user", "nobody", "--name", "x"],
        ["tokens", "create", "--user", "lead", "--name", "x", "--scope", "everything"],
        ["jobs", "show", "no-such-job"],
        ["jobs", "list", "--state", "sleeping"],
        ["export", "--project", "Demo", "--background", "--output", str(tmp / "x.jsonl")],
    ]


def transcript(invoke, main: click.Group, tmp: Path) -> dict:
    """{"help": {path: output}, "errors": [[args, exit code, output]]}; ``tmp`` shown as <tmp>."""

    def shown(result) -> str:
        return result.output.replace(str(tmp), "<tmp>")

    helps = {}
    for path in [()] + command_paths(main):
        result = invoke(list(path) + ["--help"])
        helps[" ".join(path)] = [result.exit_code, shown(result)]
    errors = []
    for args in error_invocations(tmp):
        result = invoke(args, input="a-password-long-enough\n")
        errors.append([" ".join(args).replace(str(tmp), "<tmp>"), result.exit_code, shown(result)])
    return {"help": helps, "errors": errors}


def record() -> None:
    """Write RECORDED from the CLI as it is now: only after an intended change of a command's
    help or errors (`python -m tests.cli.cli_transcript`), and say so in the commit."""
    import json
    import tempfile

    from annotator import migrate
    from annotator.app import create_app
    from annotator.cli import main
    from annotator.db import make_engine
    from tests.conftest import app_config, prepare_project

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        url = f"sqlite:///{tmp}/transcript.sqlite3"
        migrate.upgrade(make_engine(url))
        app = create_app(app_config(url, tmp, TESTING=True))
        session = app.extensions["annotator.sessionmaker"]()
        prepare_project(session)
        session.close()
        runner = app.test_cli_runner()
        work = tmp / "work"
        work.mkdir()
        data = transcript(lambda args, **kw: runner.invoke(main, args=args, **kw), main, work)
        RECORDED.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    record()
