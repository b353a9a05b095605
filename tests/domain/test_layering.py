"""The domain core stays framework-free: importing it pulls in neither Flask nor SQLAlchemy."""
from __future__ import annotations

import pkgutil
import subprocess
import sys

import annotator.domain


def test_domain_modules_import_neither_flask_nor_sqlalchemy():
    modules = [f"annotator.domain.{m.name}" for m in pkgutil.walk_packages(annotator.domain.__path__)]
    assert len(modules) > 8
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('flask', 'sqlalchemy', 'werkzeug'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
