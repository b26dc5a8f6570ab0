#!/usr/bin/env bash
# Run the whole suite in real QGIS (offscreen).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
exec .venv/bin/python -m pytest "$@"
