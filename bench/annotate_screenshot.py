"""Take the README's screenshot of an Arabic article being annotated (run by hand).

    .venv/bin/python bench/annotate_screenshot.py [--out docs/screenshots/annotate-arabic.png]

Serves the app from a thread on a temporary SQLite database, loads the demo article
gulf-ar.md, and in Debian's Chromium logs in as an annotator, tags a few phrases with the real
keys (so the marks are the page's own), selects one and saves a PNG.
"""
from __future__ import annotations

import argparse
import hashlib
import tempfile
import threading
from pathlib import Path

from werkzeug.serving import make_server

from annotator import migrate
from annotator.app import create_app
from annotator.db import make_engine
from annotator.models import Document, Paragraph, utcnow
from annotator.services.team import projects
from annotator.services.team import users
from annotator.services.annotation.sets import user_set

REPO = Path(__file__).resolve().parent.parent
ARTICLE = REPO / "annotator" / "demo" / "articles" / "gulf-ar.md"
PASSWORD = "screenshot-password"
# (paragraph index, phrase, key): what the screenshot shows tagged.
TAGS = [
    (0, "البحر الأحمر ليس بحيرة لأحد", "m"),
    (2, "أمن هذا البحر لن تضمنه حاملات الطائرات الأمريكية ولن تحسمه صواريخ طهران", "c"),
    (4, "تراجعت إيرادات قناة السويس خلال 2024 بأكثر من ستين في المئة", "e"),
    (4, "قناة السويس", "c"),
]


def article_paragraphs() -> list[tuple[str, str]]:
    blocks = [b.strip() for b in ARTICLE.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    out = [("title", blocks[0])]
    for block in blocks[1:]:
        out.append(("heading", block[3:].strip()) if block.startswith("## ") else ("body", block))
    return out


def seed(app) -> str:
    session = app.extensions["annotator.sessionmaker"]()
    scheme_text = (REPO / "guidelines" / "scheme.yaml").read_text(encoding="utf-8")
    annotator = users.create_user(session, "hala", PASSWORD, display_name="هالة")
    project = projects.create_project(session, "Gulf press", scheme_text)
    projects.add_member(session, project, annotator, "annotator")
    paragraphs = article_paragraphs()
    with session.begin():
        document = Document(project_id=project.id, external_id="gulf-ar", title=paragraphs[0][1], language="ar",
                            direction="rtl", content_hash=hashlib.sha256(ARTICLE.read_bytes()).hexdigest())
        document.paragraphs = [Paragraph(index=i, kind=k, text=t) for i, (k, t) in enumerate(paragraphs)]
        session.add(document)
        session.flush()
        aset = user_set(session, document, annotator)
        aset.assigned, aset.assigned_at = True, utcnow()
    return aset.public_id


SELECT = """([index, phrase]) => {
  const para = document.querySelector(`#p-${index} .ptext`);
  const walker = document.createTreeWalker(para, NodeFilter.SHOW_TEXT);
  const nodes = []; let text = "";
  while (walker.nextNode()) { nodes.push([walker.currentNode, text.length]); text += walker.currentNode.data; }
  const start = text.indexOf(phrase), end = start + phrase.length;
  const range = document.createRange();
  const a = nodes.find(([n, at]) => start < at + n.data.length), b = nodes.find(([n, at]) => end <= at + n.data.length);
  range.setStart(a[0], start - a[1]); range.setEnd(b[0], end - b[1]);
  getSelection().removeAllRanges(); getSelection().addRange(range);
}"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(REPO / "docs" / "screenshots" / "annotate-arabic.png"))
    parser.add_argument("--lang", default="en", help="interface language of the browser (en, ar, fr)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/shot.sqlite3"
        engine = make_engine(url)
        migrate.upgrade(engine)
        engine.dispose()
        app = create_app({"SECRET_KEY": "screenshot", "DATABASE_URL": url, "INSTANCE_PATH": tmp,
                          "PASSWORD_HASH_PARAMS": {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}})
        set_id = seed(app)
        server = make_server("127.0.0.1", 0, app, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_port}"
        try:
            shoot(base, set_id, args.out, args.lang)
        finally:
            server.shutdown()
    print(f"saved {args.out}")


def shoot(base: str, set_id: str, out: str, lang: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                             args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_context(locale=lang, viewport={"width": 1360, "height": 900}).new_page()
        page.goto(f"{base}/login")
        page.fill("input[name=username]", "hala")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{base}/")
        page.goto(f"{base}/annotate/{set_id}")
        for index, phrase, key in TAGS:
            page.evaluate(SELECT, [index, phrase])
            page.keyboard.press(key)
            page.wait_for_function("([i, n]) => document.querySelectorAll(`#p-${i} mark.first`).length >= n",
                                   arg=[index, sum(1 for t in TAGS[:TAGS.index((index, phrase, key)) + 1] if t[0] == index)])
        page.keyboard.press("k")  # from the claim inside it to the evidence span: its menu and guidelines show
        page.wait_for_selector("#guidelines[data-label=evidence]")
        page.select_option("#span-menu select[data-attribute=evidence_type]", "statistic")
        page.wait_for_function("() => (document.querySelector('mark.selected.first').dataset.attrs || '').includes('statistic')")
        page.wait_for_selector("#guidelines[data-label=evidence]")
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=out)
        browser.close()


if __name__ == "__main__":
    main()
