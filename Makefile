# HyperProspect — the two commands: `make demo` and `make test` (Debian 12, as root).
.PHONY: setup test demo bench evaluate evaluate-independent fuzz train-geospectra package clean help

help:
	@echo "make demo   set up (QGIS 3.22, .venv) and run the prospectivity workflow on the sample area"
	@echo "make test   set up and run the test suite in real QGIS (offscreen)"
	@echo "make bench  set up and write BENCHMARKS.md"
	@echo "make fuzz   feed 100,000 mutated files to every reader and model/graph loader (FUZZ_INPUTS=n to change)"
	@echo "make evaluate  train on one sample layout, map three others, print every model and peer side by side"
	@echo "make train-geospectra  retrain the shipped GeoSpectra weights and evaluation from ../shared/data"
	@echo "make package  build hyperprospect.zip for the QGIS plugin manager"

setup:
	@bash scripts/setup.sh

test: setup
	@bash scripts/test.sh

demo: setup
	@bash -c 'source scripts/env.sh && .venv/bin/python scripts/demo.py'

evaluate: setup
	@bash -c 'source scripts/env.sh && .venv/bin/python scripts/cross_area.py out/cross_area'

evaluate-independent: setup
	@bash -c 'source scripts/env.sh && .venv/bin/python scripts/independent_scene.py out/independent'

bench: setup
	@bash -c 'source scripts/env.sh && .venv/bin/python scripts/bench.py'

train-geospectra: setup
	@bash -c 'source scripts/env.sh && .venv/bin/python scripts/train_geospectra.py'

package:
	@bash scripts/package.sh

clean:
	rm -rf out .pytest_cache dist

fuzz: setup
	@bash -c 'source scripts/env.sh && .venv/bin/python scripts/fuzz.py --inputs $${FUZZ_INPUTS:-100000}'
