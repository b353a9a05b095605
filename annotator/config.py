"""Configuration: defaults, then the environment, then a test mapping (``settings``, which
create_app and the command line's database-only commands both read)."""
from __future__ import annotations

import os
import secrets
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

DEFAULTS = {
    "IMPORT_MAX_BYTES": 5_000_000,
    "WTF_CSRF_TIME_LIMIT": None,  # tokens last as long as the session
    "WTF_CSRF_HEADERS": ["X-CSRFToken"],
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    "MAX_CONTENT_LENGTH": 50_000_000,
    "EXPORT_DIR": None,
    "AGREEMENT_BACKGROUND": True,
    # Served over HTTPS (ANNOTATOR_HTTPS=1): Secure cookies and HSTS (web.security).
    "HTTPS": False,
    "HSTS_MAX_AGE": 31_536_000,
    # Proxies in front that set X-Forwarded-For/-Proto/-Host (ANNOTATOR_PROXY_HOPS); 0 trusts none.
    "PROXY_HOPS": 0,
    # A login lasts at most this long, and ends after this long without a request (web.auth).
    "SESSION_LIFETIME_HOURS": 168,
    "SESSION_IDLE_MINUTES": 480,
    # Background jobs (annotator.jobs): the queue, where result files go and how long they stay.
    "JOBS_QUEUE_URL": None,  # None: a SQLite file in the instance folder; redis://host:port/db for teams
    "JOBS_IMMEDIATE": False,  # run each job at once, in the process that asks (tests)
    "JOBS_RESULTS_DIR": None,  # None: EXPORT_DIR
    "JOBS_RESULT_HOURS": 168,
    "JOBS_STALE_SECONDS": 30,  # a running job not heard of for this long died with its worker
    "IMPORT_BACKGROUND_BYTES": 1_000_000,  # uploads larger than this are imported by a job
    # Sign-in throttling (web/throttle.py): failed attempts allowed, and where the counters live.
    "THROTTLE_ENABLED": True,
    "THROTTLE_STORAGE_URL": "memory://",
    "THROTTLE_PER_ACCOUNT": "5 per minute;20 per hour",
    "THROTTLE_PER_ADDRESS": "20 per minute;100 per hour",
}

ENV_PREFIX = "ANNOTATOR_"
NO_SECRET_KEY = ("No secret key: run `annotator init` (creates one in the instance folder) "
                 "or set ANNOTATOR_SECRET_KEY.")


def default_instance_path() -> str:
    return os.environ.get("ANNOTATOR_INSTANCE_PATH") or str(REPO_ROOT / "instance")


def instance_path_of(test_config: dict | None) -> str:
    return (test_config or {}).get("INSTANCE_PATH") or default_instance_path()


def settings(instance_path: str, test_config: dict | None = None) -> dict:
    """The defaults, the checkout's folders, the environment, then ``test_config``; refused
    (RuntimeError) without a secret key, which every command but `init` needs."""
    config = {**DEFAULTS, "EXPORT_DIR": str(REPO_ROOT / "exports"), "GUIDELINES_DIR": str(REPO_ROOT / "guidelines")}
    config.update(from_environment(instance_path))
    if test_config:
        config.update(test_config)
    if not config.get("SECRET_KEY"):
        raise RuntimeError(NO_SECRET_KEY)
    return config


def from_environment(instance_path: str) -> dict:
    """Values from ANNOTATOR_* variables, with the instance folder's defaults."""
    env = os.environ
    sqlite_path = Path(instance_path) / "annotator.sqlite3"
    config = {
        "DATABASE_URL": env.get("ANNOTATOR_DATABASE_URL") or f"sqlite:///{sqlite_path}",
        "SECRET_KEY": env.get("ANNOTATOR_SECRET_KEY") or read_instance_secret(instance_path),
    }
    if env.get("ANNOTATOR_IMPORT_MAX_BYTES"):
        config["IMPORT_MAX_BYTES"] = int(env["ANNOTATOR_IMPORT_MAX_BYTES"])
    for name in ("THROTTLE_STORAGE_URL", "THROTTLE_PER_ACCOUNT", "THROTTLE_PER_ADDRESS"):
        if env.get(ENV_PREFIX + name):
            config[name] = env[ENV_PREFIX + name]
    if env.get("ANNOTATOR_SESSION_COOKIE_SECURE"):
        config["SESSION_COOKIE_SECURE"] = env["ANNOTATOR_SESSION_COOKIE_SECURE"] == "1"
    if env.get("ANNOTATOR_HTTPS"):
        config["HTTPS"] = env["ANNOTATOR_HTTPS"] == "1"
    for name in ("SESSION_LIFETIME_HOURS", "SESSION_IDLE_MINUTES"):
        if env.get(ENV_PREFIX + name):
            config[name] = float(env[ENV_PREFIX + name])
    if env.get("ANNOTATOR_PROXY_HOPS"):
        config["PROXY_HOPS"] = int(env["ANNOTATOR_PROXY_HOPS"])
    config.update(_jobs_from_environment(env))
    return config


def _jobs_from_environment(env) -> dict:
    config = {}
    for name, key, kind in (("ANNOTATOR_QUEUE_URL", "JOBS_QUEUE_URL", str),
                            ("ANNOTATOR_JOB_RESULTS_DIR", "JOBS_RESULTS_DIR", str),
                            ("ANNOTATOR_JOB_RESULT_HOURS", "JOBS_RESULT_HOURS", float),
                            ("ANNOTATOR_JOB_STALE_SECONDS", "JOBS_STALE_SECONDS", float),
                            ("ANNOTATOR_IMPORT_BACKGROUND_BYTES", "IMPORT_BACKGROUND_BYTES", int)):
        if env.get(name):
            config[key] = kind(env[name])
    return config


def secret_key_path(instance_path: str) -> Path:
    return Path(instance_path) / "secret_key"


def read_instance_secret(instance_path: str) -> str | None:
    path = secret_key_path(instance_path)
    return path.read_text().strip() if path.exists() else None


def ensure_instance_secret(instance_path: str) -> bool:
    """Create the instance's secret key once; True when it was created now."""
    path = secret_key_path(instance_path)
    if path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(secrets.token_hex(32))
    path.chmod(0o600)
    return True
