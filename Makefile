# LEAP Desktop: the two commands a newcomer needs are `make run` and `make test`.
# Set-up is idempotent: the virtual environment is rebuilt only when pyproject.toml
# changes, and system packages are only installed when missing.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
DEMO   ?= $(CURDIR)/.demo/demo.leap

.PHONY: setup run test bench docs-schema clean help crash screenshots

help:
	@echo "make run    set up (first time) and open the app on the demo panel"
	@echo "make test   set up (first time) and run every test headless"
	@echo "make bench  run the speed benchmarks and print figures"

$(STAMP): pyproject.toml scripts/setup-system
	@scripts/setup-system
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

setup: $(STAMP)

run: setup
	@scripts/run-demo "$(VENV)" "$(DEMO)"

test: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

# The start-up benchmark also starts a GNOME Keyring of its own (a real Secret Service).
bench: setup
	@scripts/setup-system dbus gnome-keyring
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks

docs-schema: setup
	$(PY) -c "import json; from leap_desktop.services import interchange_schema; print(json.dumps(interchange_schema.json_schema(), indent=2))" > docs/interchange.schema.json

clean:
	rm -rf $(VENV) .demo .pytest_cache build dist *.egg-info

# -- The bundle: LEAP Desktop for machines without Python (build.spec, README "Installing
# without Python"). PyInstaller lives in the `bundle` extra so `make test` stays light.
.PHONY: bundle bundle-check install-desktop uninstall-desktop
BUNDLE_STAMP := $(VENV)/.bundle-installed

$(BUNDLE_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e '.[test,bundle]'
	@touch $(BUNDLE_STAMP)

bundle: $(BUNDLE_STAMP)
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build build.spec
	cp packaging/linux/install-desktop dist/leap-desktop/install-desktop
	@du -sh dist/leap-desktop

# The check also runs the window on a virtual X display (Xvfb), installed here when missing.
bundle-check: setup
	@scripts/setup-system xvfb
	$(PY) packaging/bundle_check.py dist/leap-desktop

install-desktop:
	packaging/linux/install-desktop

uninstall-desktop:
	packaging/linux/install-desktop --uninstall

# The long form of the crash harness (tests/crash): 200 SIGKILLs of each kind.
crash: setup
	LEAP_CRASH_ROUNDS=200 QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -s tests/crash

screenshots: setup
	@scripts/screenshots "$(VENV)" "$(DEMO)"
