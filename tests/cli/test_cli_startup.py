"""The command line starts fast: `annotator --help` (and any command's --help) loads neither the
app nor the libraries only some commands need; and making imports lazy changed no command's
output or exit code (compared with a transcript recorded from the eager CLI)."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner

from annotator.cli import main

from .cli_transcript import RECORDED, transcript

HEAVY = ("flask", "werkzeug", "sqlalchemy", "annotator.app", "annotator.models", "trafilatura", "numpy",
         "openpyxl", "marshmallow", "regex", "docx", "lxml", "krippendorff", "argon2")


def _loaded_by(args: list[str]) -> list[str]:
    code = ("import sys\nfrom annotator.cli import main\n"
            f"try:\n    main({args!r}, prog_name='annotator')\nexcept SystemExit:\n    pass\n"
            "print(' '.join(sys.modules))")
    env = {**os.environ, "ANNOTATOR_INSTANCE_PATH": "/nonexistent-instance"}
    env.pop("ANNOTATOR_SECRET_KEY", None)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert result.stderr == ""  # no traceback about a missing secret key: --help needs none
    return sorted(name for name in result.stdout.split()
                  if any(name == heavy or name.startswith(heavy + ".") for heavy in HEAVY))


@pytest.mark.parametrize("args", [["--help"], ["import", "--help"], ["users", "--help"], ["actors", "--help"],
                                  ["serve", "--help"], ["init", "--help"]])
def test_help_loads_no_heavy_library(args):
    assert _loaded_by(args) == []


def test_lazy_imports_changed_no_output_and_no_exit_code(runner, seeded, tmp_path):
    recorded = json.loads(RECORDED.read_text(encoding="utf-8"))
    work = tmp_path / "work"
    work.mkdir()
    now = transcript(lambda args, **kw: runner.invoke(args=args, **kw), main, work)
    assert now["help"].keys() == recorded["help"].keys()
    for path, expected in recorded["help"].items():
        assert now["help"][path] == expected, f"annotator {path} --help changed"
    assert now["errors"] == recorded["errors"]


# The commands that run without the Flask app (cli.common.with_database, annotator.standalone).
WITHOUT_THE_APP = ("import", "export", "import-annotations", "import-project")


def _without_the_app(database_url, tmp_path):
    """Invokes `annotator` as the shell does (configuration from the environment, no app given),
    in this process: the commands of WITHOUT_THE_APP then make no Flask app."""
    env = {"ANNOTATOR_DATABASE_URL": database_url, "ANNOTATOR_SECRET_KEY": "test-secret",
           "ANNOTATOR_INSTANCE_PATH": str(tmp_path / "standalone-instance"), "ANNOTATOR_QUEUE_URL": None,
           "FLASK_APP": None}
    cli = CliRunner()
    return lambda args, **kw: cli.invoke(main, args=args, env=env, prog_name="main", **kw)


def test_commands_without_the_app_fail_as_the_eager_cli_did(seeded, database_url, tmp_path):
    recorded = json.loads(RECORDED.read_text(encoding="utf-8"))
    work = tmp_path / "work"
    work.mkdir()
    invoke = _without_the_app(database_url, tmp_path)
    from .cli_transcript import error_invocations

    expected = [error for error in recorded["errors"] if error[0].split(" ")[0] in WITHOUT_THE_APP]
    now = []
    for args in error_invocations(work):
        if args and args[0] in WITHOUT_THE_APP:
            result = invoke(args, input="a-password-long-enough\n")
            now.append([" ".join(args).replace(str(work), "<tmp>"), result.exit_code,
                        result.output.replace(str(work), "<tmp>")])
    assert len(expected) >= 8
    assert now == expected


def test_commands_print_the_same_with_the_app_and_without_it(runner, seeded, session, database_url, tmp_path):
    from annotator.services.team.projects import create_project

    from ..conftest import DEFAULT_SCHEME

    create_project(session, "Other", DEFAULT_SCHEME)
    outputs, exported = {}, {}
    for project, invoke in (("Demo", lambda args, **kw: runner.invoke(args=args, **kw)),
                            ("Other", _without_the_app(database_url, tmp_path))):
        articles = tmp_path / f"articles-{project}.jsonl"
        articles.write_text(json.dumps({"id": "a1", "title": "One", "text": "المغرب والجزائر.\n\nA second paragraph."},
                                       ensure_ascii=False) + "\n", encoding="utf-8")
        out = tmp_path / f"out-{project}.jsonl"
        outputs[project] = []
        for args in (["import", "--project", project, str(articles)],
                     ["import", "--project", project, str(articles), "--json"],
                     ["export", "--project", project, "--format", "jsonl", "--output", str(out)],
                     ["export", "--project", project, "--format", "csv", "--background"]):
            result = invoke(args)
            shown = re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>", result.output)
            outputs[project].append((args[0], result.exit_code, shown.replace(project, "<project>")))
        exported[project] = [json.loads(line)["type"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert outputs["Demo"][0] == ("import", 0, "imported 1 documents (3 paragraphs) from 1 files; skipped 0\n")
    assert outputs["Other"] == outputs["Demo"]
    assert exported["Other"] == exported["Demo"] == ["header", "document"]


# What the import and the CSV/JSONL exports must not load: the job queue's and the statistics'
# libraries (seconds of start-up before they were made lazy), nor openpyxl outside the workbook.
# Nor the web app's (they run without it, annotator.standalone), nor on SQLite the PostgreSQL dialect.
NOT_FOR_IMPORT_OR_EXPORT = ("huey", "redis", "numpy", "scipy", "sklearn", "pandas", "krippendorff", "openpyxl",
                            "annotator.web", "annotator.jobs.worker", "annotator.services.jobs.kinds",
                            "flask", "werkzeug", "jinja2", "flask_babel", "flask_wtf", "argon2", "annotator.app",
                            "annotator.db", "sqlalchemy.dialects.postgresql", "psycopg", "yaml")


def _run_loaded(args: list[str], instance, libraries=NOT_FOR_IMPORT_OR_EXPORT, before: str = "") -> tuple[int, str, list[str]]:
    code = (f"import sys\n{before}from annotator.cli import main\ncode = 0\n"
            f"try:\n    main({args!r}, prog_name='annotator')\nexcept SystemExit as exc:\n    code = exc.code or 0\n"
            "print('MODULES', code, ' '.join(sys.modules))")
    env = {**os.environ, "ANNOTATOR_INSTANCE_PATH": str(instance)}
    for name in ("ANNOTATOR_DATABASE_URL", "ANNOTATOR_SECRET_KEY", "ANNOTATOR_QUEUE_URL"):
        env.pop(name, None)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    output, _, modules = result.stdout.rpartition("MODULES ")
    code, _, names = modules.partition(" ")
    loaded = sorted(name for name in names.split()
                    if any(name == lib or name.startswith(lib + ".") for lib in libraries))
    return int(code), output + result.stderr, loaded


def test_import_and_exports_load_neither_the_queue_nor_the_statistics(tmp_path):
    instance = tmp_path / "instance"
    assert _run_loaded(["init"], instance)[0] == 0
    assert _run_loaded(["project", "create", "p"], instance)[0] == 0
    articles = tmp_path / "articles.jsonl"
    articles.write_text('{"id": "a1", "title": "One", "text": "المغرب والجزائر.\\n\\nA second paragraph."}\n',
                        encoding="utf-8")
    code, output, loaded = _run_loaded(["import", "--project", "p", str(articles)], instance)
    assert (code, loaded) == (0, []), output
    assert output.startswith("imported 1 documents")
    # The first CSV computes the agreement sheets (which needs the statistics); the second finds them cached.
    assert _run_loaded(["export", "--project", "p", "--format", "csv", "--output", str(tmp_path / "first.zip")],
                       instance)[0] == 0
    for fmt, suffix in (("jsonl", "jsonl"), ("csv", "zip")):
        code, output, loaded = _run_loaded(["export", "--project", "p", "--format", fmt,
                                            "--output", str(tmp_path / f"out.{suffix}")], instance)
        assert (code, loaded) == (0, []), output
        assert (tmp_path / f"out.{suffix}").stat().st_size > 0
    # The workbook does need openpyxl, and still gets it.
    code, output, loaded = _run_loaded(["export", "--project", "p", "--format", "xlsx",
                                        "--output", str(tmp_path / "out.xlsx")], instance)
    assert code == 0 and "openpyxl" in loaded, output


def test_the_jsonl_export_loads_no_marshmallow(tmp_path):
    """The interchange file needs the scheme's name only, not the scheme parsed by its marshmallow schema."""
    instance = tmp_path / "instance"
    assert _run_loaded(["init"], instance)[0] == 0
    assert _run_loaded(["project", "create", "p"], instance)[0] == 0
    code, output, loaded = _run_loaded(["export", "--project", "p", "--format", "jsonl", "--output",
                                        str(tmp_path / "out.jsonl")], instance, libraries=("marshmallow",))
    assert (code, loaded) == (0, []), output
    assert json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()[0])["type"] == "header"


# In the `annotator` process the collector is paused for the start-up's imports (cli.group), and on
# again, with what they made frozen, before the command's work.
SPY_ON_THE_EXPORT = ("import gc\nimport annotator.services.interchange.export as ex\n"
                     "def spy(*args, _export=ex.export_project, **kwargs):\n"
                     "    print('collector', gc.isenabled(), gc.get_freeze_count() > 0)\n"
                     "    return _export(*args, **kwargs)\n"
                     "ex.export_project = spy\n")


def test_the_collector_is_on_when_the_command_works_and_after_it(tmp_path):
    instance = tmp_path / "instance"
    assert _run_loaded(["init"], instance)[0] == 0
    assert _run_loaded(["project", "create", "p"], instance)[0] == 0
    code, output, _ = _run_loaded(["export", "--project", "p", "--format", "jsonl", "--output",
                                   str(tmp_path / "out.jsonl")], instance, before=SPY_ON_THE_EXPORT)
    assert code == 0 and "collector True True" in output, output
    after = ("import gc\nfrom annotator.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
             "print('after', gc.isenabled())")
    result = subprocess.run([sys.executable, "-c", after], capture_output=True, text=True, check=True)
    assert result.stdout.rstrip().endswith("after True"), result.stdout + result.stderr


def test_a_test_runner_leaves_the_collector_alone(runner, seeded, tmp_path):
    import gc

    frozen = gc.get_freeze_count()
    result = runner.invoke(args=["export", "--project", "Demo", "--format", "jsonl", "--output",
                                 str(tmp_path / "out.jsonl")])
    assert result.exit_code == 0, result.output
    assert gc.isenabled() and gc.get_freeze_count() == frozen


def test_every_command_ends_the_start_up():
    """Each command resumes the collector before its work: a new one must use with_appcontext,
    with_database or without_start_up (cli.common)."""
    from .cli_transcript import command_paths

    leaves = []
    for path in command_paths(main):
        command = main
        for name in path:
            command = command.commands[name]
        if not hasattr(command, "commands"):
            leaves.append((" ".join(path), getattr(command.callback, "ends_start_up", False)))
    assert len(leaves) > 20
    assert [name for name, ends in leaves if not ends] == []
