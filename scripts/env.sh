# Environment for running QGIS / qgis_process / tests against .venv (source it).
# pyenv shims ahead of /usr/bin make QGIS's embedded Python lose its prefix: venv and
# /usr/bin go first. /usr/bin/qgis_process passes --noversioncheck, which 3.22 rejects:
# we call qgis_process.bin with the venv's site-packages on PYTHONPATH.
HP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HP_ROOT/.venv/bin:/usr/bin:$PATH"
export PYTHONPATH="$("$HP_ROOT/.venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')${PYTHONPATH:+:$PYTHONPATH}"
export QT_QPA_PLATFORM=offscreen
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-/tmp/runtime-$(id -u)}"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
unset QGIS_OPTS
