"""Check and install HyperProspect's Python dependencies (no Qt here, so it is testable).

QGIS ships its own Python; torch & co. are usually missing from it.  We check with
``importlib.util.find_spec`` (nothing is imported, so a broken binary cannot take
QGIS down at start-up) and install the pinned versions from the one manifest,
``requirements.txt``, into a user-writable folder that is put on ``sys.path``.
"""
from __future__ import annotations

import importlib
import importlib.util
import os
import platform
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Sequence

from ..models.pyexe import find_python

PLUGIN_ROOT = Path(__file__).resolve().parents[1]
REQUIREMENTS = PLUGIN_ROOT / "requirements.txt"

# import name -> what the user sees (distribution name in requirements.txt)
REQUIRED_MODULES: Dict[str, str] = {
    "torch": "torch",
    "torch_geometric": "torch-geometric",
    "rasterio": "rasterio",
    "pywt": "PyWavelets",
    "scipy": "scipy",
}
# torch from PyPI is a multi-GB CUDA build on Linux/Windows; the CPU build is enough.
TORCH_CPU_INDEX = "https://download.pytorch.org/whl/cpu"


def default_target_dir(settings_dir: Optional[str] = None) -> Path:
    """Where dependencies are installed: inside the QGIS profile when known."""
    if settings_dir:
        return Path(settings_dir) / "python" / "dependencies" / "hyperprospect"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "hyperprospect" / "python-packages"


def activate(target: Path) -> bool:
    """Put ``target`` on ``sys.path`` (first) if it exists; True if it was added now."""
    target = Path(target)
    if not target.is_dir() or str(target) in sys.path:
        return False
    sys.path.insert(0, str(target))
    importlib.invalidate_caches()
    return True


def missing_modules(modules: Iterable[str] = REQUIRED_MODULES) -> List[str]:
    """Import names from ``modules`` that cannot be found (none is imported)."""
    missing = []
    for name in modules:
        try:
            found = importlib.util.find_spec(name) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            missing.append(name)
    return missing


def describe_missing(missing: Sequence[str]) -> str:
    names = ", ".join(REQUIRED_MODULES.get(m, m) for m in missing)
    return f"HyperProspect needs Python package(s) that QGIS's Python does not have: {names}."


def pip_command(target: Path, requirements: Path = REQUIREMENTS, python: Optional[str] = None) -> List[str]:
    """The pip command line that installs the pinned manifest into ``target``."""
    python = python or find_python()
    if not python:
        raise RuntimeError("No Python interpreter found next to QGIS to run pip with.")
    cmd = [
        python, "-m", "pip", "install",
        "--target", str(target),
        "--upgrade",
        "--disable-pip-version-check",
        "--no-warn-script-location",
        "--progress-bar", "off",
        "-r", str(requirements),
    ]
    if platform.system() in ("Linux", "Windows"):
        cmd += ["--extra-index-url", TORCH_CPU_INDEX]
    return cmd


@dataclass
class InstallResult:
    ok: bool
    returncode: int
    log_path: Path
    error: str = ""
    lines: List[str] = field(default_factory=list)


def summarise_pip_failure(lines: Sequence[str], returncode: int) -> str:
    """A readable reason from pip's output: its ERROR lines, else the last lines."""
    errors = [ln.strip() for ln in lines if ln.strip().startswith("ERROR")]
    if not errors:
        errors = [ln.strip() for ln in lines[-5:] if ln.strip()]
    reason = "\n".join(errors[-5:]) or "pip gave no output"
    return f"Installing the dependencies failed (pip exit status {returncode}):\n{reason}"


def install(
    target: Path,
    requirements: Path = REQUIREMENTS,
    on_line: Optional[Callable[[str], None]] = None,
    is_cancelled: Optional[Callable[[], bool]] = None,
    python: Optional[str] = None,
    extra_args: Sequence[str] = (),
) -> InstallResult:
    """Run pip (blocking), streaming its log to ``on_line`` and to ``target/../pip-install.log``."""
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    log_path = target.parent / "hyperprospect-pip-install.log"
    cmd = pip_command(target, requirements, python) + list(extra_args)
    lines: List[str] = []
    with open(log_path, "w", encoding="utf-8") as log:
        log.write("$ " + " ".join(cmd) + "\n")
        # the with-block closes pip's pipe (else a ResourceWarning per install)
        with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1) as proc:
            assert proc.stdout is not None
            for line in proc.stdout:
                line = line.rstrip("\n")
                lines.append(line)
                log.write(line + "\n")
                if on_line:
                    on_line(line)
                if is_cancelled and is_cancelled():
                    proc.terminate()
                    break
            returncode = proc.wait()
    ok = returncode == 0
    error = "" if ok else summarise_pip_failure(lines, returncode)
    if ok:
        activate(target)
    return InstallResult(ok, returncode, log_path, error, lines)
