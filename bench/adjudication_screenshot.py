"""Take the screenshot in docs/adjudication.md (run by hand).

    .venv/bin/python bench/adjudication_screenshot.py [--out docs/screenshots/adjudication.png]

Serves the app from a thread on a temporary SQLite database with the demo project, and in
Debian's Chromium logs in as the lead, opens the Arabic article sahel-ar.md for adjudication,
accepts everything agreed (Shift+A, after the summary), picks one open unit with the keyboard and
leaves the next open unit selected.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sqlalchemy import select  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

from annotator import migrate  # noqa: E402
from annotator.app import create_app  # noqa: E402
from annotator.db import make_engine  # noqa: E402
from annotator.demo.loader import load_demo  # noqa: E402
from annotator.models import Document  # noqa: E402

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(REPO / "docs" / "screenshots" / "adjudication.png"))
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="adjudication-shot-")
    url = f"sqlite:///{tmp}/shot.sqlite3"
    migrate.upgrade(make_engine(url))
    app = create_app({"SECRET_KEY": "shot", "DATABASE_URL": url, "INSTANCE_PATH": tmp})
    with app.app_context():
        load_demo()
        from annotator.db import get_session

        document = get_session().scalar(select(Document).where(
            Document.meta["source_file"].as_string() == "sahel-ar.md"))
        doc_id = document.public_id
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        page.on("dialog", lambda dialog: dialog.accept())
        page.goto(f"{base}/login")
        page.fill("input[name=username]", "leila")
        page.fill("input[name=password]", "leila-demo-2026")
        page.click("button[type=submit]")
        page.wait_for_url(f"{base}/")
        page.goto(f"{base}/adjudicate/{doc_id}")
        page.keyboard.press("Shift+KeyA")
        page.wait_for_selector("#adj-counter[data-agreed='0']")
        page.keyboard.press("Digit1")
        page.wait_for_timeout(600)
        page.locator("header.doc-head").scroll_into_view_if_needed()
        page.screenshot(path=args.out)
        browser.close()
    server.shutdown()
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
