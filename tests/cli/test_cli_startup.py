"""The command line starts fast: `annotator --help` (and any command's --help) loads neither the
app nor the libraries only some commands need; and making imports lazy changed no command's
output or exit code (compared with a transcript recorded from the eager CLI)."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

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


# What the import and the CSV/JSONL exports must not load: the job queue's and the statistics'
# libraries (seconds of start-up before they were made lazy), nor openpyxl outside the workbook.
NOT_FOR_IMPORT_OR_EXPORT = ("huey", "redis", "numpy", "scipy", "sklearn", "pandas", "krippendorff", "openpyxl",
                            "annotator.web", "annotator.jobs.worker", "annotator.services.jobs.kinds")


def _run_loaded(args: list[str], instance) -> tuple[int, str, list[str]]:
    code = ("import sys\nfrom annotator.cli import main\ncode = 0\n"
            f"try:\n    main({args!r}, prog_name='annotator')\nexcept SystemExit as exc:\n    code = exc.code or 0\n"
            "print('MODULES', code, ' '.join(sys.modules))")
    env = {**os.environ, "ANNOTATOR_INSTANCE_PATH": str(instance)}
    for name in ("ANNOTATOR_DATABASE_URL", "ANNOTATOR_SECRET_KEY", "ANNOTATOR_QUEUE_URL"):
        env.pop(name, None)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    output, _, modules = result.stdout.rpartition("MODULES ")
    code, _, names = modules.partition(" ")
    loaded = sorted(name for name in names.split()
                    if any(name == lib or name.startswith(lib + ".") for lib in NOT_FOR_IMPORT_OR_EXPORT))
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
