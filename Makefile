# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup sysdeps demo test fuzz bench samples clean

setup: $(STAMP)

$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

sysdeps:
	bash scripts/install-system-deps.sh

demo: setup sysdeps
	$(PY) scripts/demo.py

test: setup sysdeps
	$(PY) -m pytest -q

# Thousands of new inputs for the readers, the deadline parser and the unit splitter; an input
# that fails is saved to tests/data/fuzz/ (then replayed by every `make test`).
fuzz: setup
	ZHISHUI_FUZZ=1 $(PY) -m pytest -q tests/test_fuzz.py

bench: setup
	$(PY) bench/bench.py
	$(PY) bench/water.py
	$(PY) bench/revised.py
	$(PY) bench/web_start.py
	$(PY) bench/web_load.py

samples: setup
	$(PY) samples/build_samples.py

clean:
	rm -rf $(VENV) out .pytest_cache
