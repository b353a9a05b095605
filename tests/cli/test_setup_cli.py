"""`annotator init` and `annotator demo`, as `make run` uses them."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from annotator.models import AnnotationSet, Document, Project, User


def _run(args, instance: Path, **extra_env):
    env = {**os.environ, "ANNOTATOR_INSTANCE_PATH": str(instance), **extra_env}
    env.pop("ANNOTATOR_DATABASE_URL", None)
    env.pop("ANNOTATOR_SECRET_KEY", None)
    return subprocess.run([sys.executable, "-m", "annotator.cli", *args], capture_output=True, text=True, env=env)


def test_init_creates_the_secret_once_and_migrates(tmp_path):
    first = _run(["init"], tmp_path)
    assert first.returncode == 0, first.stderr
    assert "created a secret key" in first.stdout and "migrated from empty" in first.stdout
    key = (tmp_path / "secret_key").read_text()
    second = _run(["init"], tmp_path)
    assert second.returncode == 0 and "up to date" in second.stdout
    assert (tmp_path / "secret_key").read_text() == key


def test_commands_other_than_init_say_what_is_missing(tmp_path):
    result = _run(["demo"], tmp_path)
    assert result.returncode != 0
    assert "annotator init" in result.stderr


def test_demo_loads_once_with_annotated_articles(runner, session):
    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0, first.output
    assert "leila" in first.output and "amina" in first.output
    assert session.scalar(select(func.count()).select_from(Document)) == 3
    assert session.scalar(select(func.count()).select_from(User)) == 6  # the adjudicator omar too
    done = session.scalar(select(func.count()).select_from(AnnotationSet).where(AnnotationSet.status == "done"))
    assert done == 6
    second = runner.invoke(args=["demo"])
    assert second.exit_code == 0 and "already present" in second.output
    assert session.scalar(select(func.count()).select_from(Project)) == 1
