#!/usr/bin/env bash
# Build dist/hyperprospect-VERSION.zip for the QGIS plugin manager (folder name: hyperprospect;
# tests and development files excluded through .gitattributes export-ignore).
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^version=//p' metadata.txt)
mkdir -p dist
git archive --format=zip --prefix=hyperprospect/ -o "dist/hyperprospect-$version.zip" HEAD
echo "dist/hyperprospect-$version.zip"
