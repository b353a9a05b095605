"""What translation costs a page: the annotator's pages rendered in English, in Arabic (with
Arabic-Indic digits), and by a second app with gettext switched off (the templates' _()
returning its argument), in one process through the Flask test client, interleaved.

Run by hand: `PYTHONPATH=. .venv/bin/python bench/i18n_bench.py [--rounds 200]`.

Per page and language it reports the median CPU time of the request (time.process_time, the
figure that a loaded machine does not inflate) and the median Server-Timing `app;dur` (wall
time inside the app), and the difference from the run without gettext. Target: < 1 ms.
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def build(tmp: Path):
    from annotator import migrate
    from annotator.app import create_app
    from annotator.db import make_engine
    from tests.conftest import app_config, prepare_project
    from tests.factories import assign, make_document
    from tests.web.annotate_support import ARABIC_ARTICLE

    url = f"sqlite:///{tmp / 'bench.sqlite3'}"
    migrate.upgrade(make_engine(url))
    app = create_app(app_config(url, tmp))
    session = app.extensions["annotator.sessionmaker"]()
    seeded = prepare_project(session)
    paragraphs = ARABIC_ARTICLE * 10  # 50 paragraphs
    document = make_document(session, seeded.project, paragraphs, "ar")
    aset = assign(session, document, seeded.ann1)
    return app, seeded, aset


def login(client, username: str):
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
    client.post("/login", data={"username": username, "password": "correct-horse-42", "csrf_token": token})
    return token


def set_interface(app, user_id: int, language: str | None, digits: str = "latn") -> None:
    from annotator.services.accounts.interface import set_interface as save

    session = app.extensions["annotator.sessionmaker"]()
    save(session, user_id, language, digits)
    session.close()


def without_gettext(app) -> None:
    """This app renders with no translation at all: _() gives back its msgid. (The word tables
    need no patch: asked for English, they skip the catalog.)"""
    from markupsafe import Markup

    def plain(message, **variables):
        return Markup(message) % variables

    def plain_plural(singular, plural, num, **variables):
        return plain(singular if num == 1 else plural, num=num, **variables)

    app.jinja_env.globals.update(_=plain, gettext=plain, ngettext=plain_plural)


def gettext_calls(app, client, url: str, headers: dict) -> int:
    """How many _()/ngettext() calls the page makes (a counting wrapper round the real ones)."""
    calls = [0]
    real = {name: app.jinja_env.globals[name] for name in ("_", "gettext", "ngettext")}

    def counting(function):
        def wrapper(*args, **kwargs):
            calls[0] += 1
            return function(*args, **kwargs)
        if hasattr(function, "jinja_pass_arg"):  # Jinja's gettext takes the context: keep saying so
            wrapper.jinja_pass_arg = function.jinja_pass_arg
        return wrapper

    app.jinja_env.globals.update({name: counting(function) for name, function in real.items()})
    client.get(url, headers=headers)
    app.jinja_env.globals.update(real)
    return calls[0]


def cost_per_call(app, language: str, calls: int = 20000) -> float:
    """CPU microseconds of one _('...') in a template, less the same template without it."""
    from flask import g

    with_gettext = app.jinja_env.from_string("{% for i in range(n) %}{{ _('Mark done') }}{% endfor %}")
    without = app.jinja_env.from_string("{% for i in range(n) %}{{ 'Mark done' }}{% endfor %}")
    with app.test_request_context(f"/?lang={language}"):
        g.ui_lang = language
        with_gettext.render(n=100)
        started = time.process_time()
        with_gettext.render(n=calls)
        spent = time.process_time() - started
        started = time.process_time()
        without.render(n=calls)
        spent -= time.process_time() - started
    return spent / calls * 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryDirectory() as tmp2:
        app, seeded, aset = build(Path(tmp))
        plain_app, plain_seeded, plain_aset = build(Path(tmp2))
        without_gettext(plain_app)
        client, plain_client = app.test_client(), plain_app.test_client()
        login(client, "ann1")
        login(plain_client, "ann1")
        set_interface(app, seeded.ann1.id, None, "arab")  # digits apply where ?lang=ar+digits below
        htmx = {"HX-Request": "true"}

        def pages(set_id):
            return [("/", {}), ("/annotate/", {}), (f"/annotate/{set_id}", {}),
                    (f"/annotate/{set_id}/layers/stance", htmx), ("/account", {})]

        # Variants interleaved request by request, so that the machine's drift hits them alike.
        variants = {"no gettext": (plain_client, plain_aset.public_id, "en"), "en": (client, aset.public_id, "en"),
                    "ar": (client, aset.public_id, "ar"),
                    "no gettext²": (plain_client, plain_aset.public_id, "en")}  # the same again: the noise
        cpu = {(name, i): [] for name in variants for i in range(5)}
        app_ms = {(name, i): [] for name in variants for i in range(5)}
        for round_number in range(args.rounds + 3):
            for name, (who, set_id, language) in variants.items():
                for i, (path, headers) in enumerate(pages(set_id)):
                    url = f"{path}{'&' if '?' in path else '?'}lang={language}"
                    started = time.process_time()
                    response = who.get(url, headers=headers)
                    spent = (time.process_time() - started) * 1000
                    assert response.status_code == 200, (url, response.status_code)
                    if round_number >= 3:  # the first rounds compile templates and load catalogs
                        cpu[name, i].append(spent)
                        app_ms[name, i].append(float(response.headers["Server-Timing"].split("dur=")[1]))
        per_call = {language: cost_per_call(app, language) for language in ("en", "ar")}
        counts = [gettext_calls(app, client, f"{path}{'&' if '?' in path else '?'}lang=ar", headers)
                  for path, headers in pages(aset.public_id)]
    load = os.getloadavg()
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; {args.rounds} interleaved rounds; "
          "median per request (Arabic with Arabic-Indic digits)")
    print(f"{'page':<32} {'run':<11} {'CPU ms':>8} {'app ms':>8} {'CPU vs no gettext':>18}")
    for i, (path, _headers) in enumerate(pages("<set>")):
        base = statistics.median(cpu["no gettext", i])
        for name in variants:
            mid = statistics.median(cpu[name, i])
            print(f"{path:<32} {name:<11} {mid:8.2f} {statistics.median(app_ms[name, i]):8.2f} {mid - base:+18.2f}")
    print(f"one _() in a template: {per_call['en']:.2f} µs CPU in English, {per_call['ar']:.2f} µs in Arabic")
    for (path, _headers), count in zip(pages("<set>"), counts):
        print(f"{path:<32} {count:4d} gettext calls in Arabic: {count * per_call['ar'] / 1000:.3f} ms")


if __name__ == "__main__":
    main()
