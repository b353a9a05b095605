# The two commands of the quick start: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HTMX   := annotator/static/vendor/htmx.min.js
PORT   ?= 5000
# Beside _() and ngettext(): N_() marks a phrase translated where it is shown (web/*_text.py), and
# a service's message is the first argument of its Problem or Phrase, Plural's its first two
# (annotator/i18n.py).
BABEL_KEYWORDS := -k N_ -k Problem -k Invalid -k BadRequest -k NotFound -k Forbidden -k Conflict -k Phrase -k Plural:1,2 -k NP_:1,2 -k ImportFileError:2

.PHONY: run test setup test-setup assets browser init demo clean translations extract-messages

# The web server and one job worker together; Ctrl+C (or the server ending) stops both.
run: setup init demo
	@trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/annotator worker & worker=$$!; \
	$(BIN)/annotator serve --host 127.0.0.1 --port $(PORT)

test: test-setup assets translations browser
	$(BIN)/python -m pytest -q -p no:cacheprovider $(PYTEST_ARGS)

setup: $(VENV)/.installed assets translations

test-setup: $(VENV)/.installed-test

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 or newer is needed"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@ $(VENV)/.installed

# htmx, the API reference's viewer and the Naskh reading face (Arabic subset, regular and bold) come
# from the npm registry, pinned in package-lock.json, and are served by the app itself. axe-core is a
# dev asset: copied beside the browser tests (which inject it), never served. No install scripts run.
VENDOR := annotator/static/vendor
AXE_DIR := tests/browser/vendor
assets: $(VENDOR)/.installed

$(VENDOR)/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	mkdir -p $(VENDOR)/swagger-ui
	cp node_modules/htmx.org/dist/htmx.min.js $(HTMX)
	cp node_modules/swagger-ui-dist/swagger-ui-bundle.js node_modules/swagger-ui-dist/swagger-ui.css $(VENDOR)/swagger-ui/
	mkdir -p $(VENDOR)/noto-naskh-arabic
	cp node_modules/@fontsource/noto-naskh-arabic/files/noto-naskh-arabic-arabic-400-normal.woff2 \
	   node_modules/@fontsource/noto-naskh-arabic/files/noto-naskh-arabic-arabic-700-normal.woff2 \
	   node_modules/@fontsource/noto-naskh-arabic/LICENSE $(VENDOR)/noto-naskh-arabic/
	mkdir -p $(AXE_DIR)
	cp node_modules/axe-core/axe.min.js $(AXE_DIR)/
	touch $@

# gettext catalogs: the .po files are the source (committed); the .mo files the app reads are
# built from them here (gitignored), so a fresh clone gets them from `make run` or `make test`.
# `make extract-messages` after changing interface strings: it refreshes messages.pot and merges
# the new msgids into every language's .po (then translate them; tests/web/test_catalogs.py checks).
LOCALES := annotator/translations
MO_FILES := $(foreach lang,ar en fr,$(LOCALES)/$(lang)/LC_MESSAGES/messages.mo)
translations: $(MO_FILES)

$(LOCALES)/%/LC_MESSAGES/messages.mo: $(LOCALES)/%/LC_MESSAGES/messages.po | $(VENV)/.installed
	$(BIN)/pybabel -q compile --statistics -d $(LOCALES) -l $* -i $< -o $@

extract-messages: | $(VENV)/.installed
	$(BIN)/pybabel -q extract -F babel.cfg $(BABEL_KEYWORDS) --no-location --sort-output \
	  --omit-header -o $(LOCALES)/messages.pot .
	$(BIN)/pybabel -q update -N --no-fuzzy-matching --ignore-obsolete -i $(LOCALES)/messages.pot -d $(LOCALES)

# The browser tests drive Debian's Chromium; install it when missing (needs root, as on CI).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "Debian's chromium is missing: sudo apt-get install chromium"; exit 1; fi; }

init: setup
	$(BIN)/annotator init

demo: init
	$(BIN)/annotator demo

clean:
	rm -rf $(VENV) node_modules $(VENDOR) $(AXE_DIR) .pytest_cache
