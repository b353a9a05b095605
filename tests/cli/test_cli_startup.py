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
