#!/usr/bin/env bash
# Idempotent set-up on Debian 12: QGIS 3.22 from Debian, .venv with the pinned manifest.
# A second run checks three stamps and returns within seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

# fonts-wqy-microhei: Chinese in the spectra plot; xvfb + xauth: the desktop smoke test (xvfb-run qgis)
SYSTEM_PACKAGES=(qgis python3-qgis qgis-providers python3-venv qttools5-dev-tools fonts-wqy-microhei xvfb xauth)

missing=()
for p in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "==> installing Debian packages: ${missing[*]}"
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The venv must come from Debian's Python (the one QGIS embeds) and see its site-packages
# (qgis, osgeo); a venv made from another Python (e.g. pyenv's) is rebuilt.
if [ ! -x .venv/bin/python ] || ! grep -q "^home = /usr/bin$" .venv/pyvenv.cfg 2>/dev/null \
    || ! grep -q "include-system-site-packages = true" .venv/pyvenv.cfg; then
    echo "==> creating .venv from /usr/bin/python3 (--system-site-packages)"
    rm -rf .venv
    /usr/bin/python3 -m venv --system-site-packages .venv
fi

stamp=.venv/.requirements.sha256
sum=$(cat requirements.txt requirements-dev.txt | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$sum" ]; then
    echo "==> installing the pinned Python packages into .venv"
    args=()
    # The torch CPU wheel lies on disk here; pip must see it (a bare torch is a CUDA build).
    [ -d /opt/wheels ] && args+=(--find-links /opt/wheels)
    .venv/bin/python -m pip install -q --disable-pip-version-check "${args[@]}" -r requirements-dev.txt
    echo "$sum" > "$stamp"
fi
echo "==> set-up complete (QGIS $(dpkg-query -W -f='${Version}' qgis), $(.venv/bin/python --version))"
