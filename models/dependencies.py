"""HyperProspect's Python dependencies: one table, the check and the installer (no Qt, no QGIS).

The table (:data:`DEPENDENCIES`) is read from the one manifest, ``requirements.txt``:
its distributions and pins, with the import name and the use of each from
:data:`_USES` (a test keeps the two in step).  The plugin's start-up check, every
algorithm's ``REQUIRES`` and ``python -m models info`` use it.

QGIS ships its own Python; torch & co. are usually missing from it.  We check with
``importlib.util.find_spec`` (nothing is imported, so a broken binary cannot take
QGIS down at start-up) and install the pinned versions from ``requirements.txt``
into a user-writable folder that is put on ``sys.path``.
"""
from __future__ import annotations

import importlib
import importlib.util
import os
import platform
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Sequence

from .pyexe import find_python

PLUGIN_ROOT = Path(__file__).resolve().parents[1]
REQUIREMENTS = PLUGIN_ROOT / "requirements.txt"
MENU_ENTRY = "Plugins ▸ HyperProspect ▸ Python dependencies…"

# distribution (as requirements.txt spells it, lower case) -> (import name, what needs it)
_USES: Dict[str, tuple] = {
    "torch": ("torch", "Train GCN, Predict heatmap, Identify minerals"),
    "numpy": ("numpy", "everything"),
    "scipy": ("scipy", "distances, graph data sets, the sample area, spectra preprocessing"),
    "pywavelets": ("pywt", "spectra preprocessing (wavelet denoising)"),
    "scikit-learn": ("sklearn", "the SVM baseline of Train GCN"),
    "safetensors": ("safetensors", "model files, graph data sets, GeoSpectra weights"),
    "matplotlib": ("matplotlib", "training reports, prediction-rate plots, the spectra plot"),
    "dask": ("dask", "mosaic prediction and mineral maps on a Dask cluster"),
    "distributed": ("distributed", "mosaic prediction and mineral maps on a Dask cluster"),
}
# torch from PyPI is a multi-GB CUDA build on Linux/Windows; the CPU build is enough.
TORCH_CPU_INDEX = "https://download.pytorch.org/whl/cpu"


@dataclass(frozen=True)
class Dependency:
    distribution: str  # as in requirements.txt ("scikit-learn")
    module: str  # the import name ("sklearn")
    spec: str  # the pinned line of requirements.txt ("scikit-learn>=1.3,<1.10")
    used_for: str


def read_requirements(path: Path = REQUIREMENTS) -> Dict[str, str]:
    """``{distribution (lower case): requirement line}`` of a pip requirements file."""
    reqs: Dict[str, str] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            name = re.split(r"[<>=!~;\[ ]", line, maxsplit=1)[0].strip().lower()
            reqs[name] = line
    return reqs


def _table() -> Dict[str, Dependency]:
    table = {}
    for dist, spec in read_requirements().items():
        module, used_for = _USES.get(dist, (dist.replace("-", "_"), ""))
        table[module] = Dependency(dist, module, spec, used_for)
    return table


# import name -> Dependency, in the order of requirements.txt
DEPENDENCIES: Dict[str, Dependency] = _table()
REQUIRED_MODULES: Dict[str, str] = {m: d.distribution for m, d in DEPENDENCIES.items()}


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


def installed_version(dep: Dependency) -> Optional[str]:
    """The installed version of ``dep`` ("found" without package metadata), None when missing."""
    import importlib.metadata

    if missing_modules([dep.module]):
        return None
    try:
        return importlib.metadata.version(dep.distribution)
    except importlib.metadata.PackageNotFoundError:
        return "found"


def report_lines() -> List[str]:
    """One line per dependency: distribution, installed version or MISSING, the pin, what needs it."""
    lines = []
    for dep in DEPENDENCIES.values():
        version = installed_version(dep)
        lines.append(f"{dep.distribution}: {version or 'MISSING'} (wanted {dep.spec}; for {dep.used_for})")
    return lines


def describe_missing(missing: Sequence[str]) -> str:
    names = ", ".join(REQUIRED_MODULES.get(m, m) for m in missing)
    return f"HyperProspect needs Python package(s) that QGIS's Python does not have: {names}."


def install_hint(missing: Sequence[str]) -> str:
    """How to install ``missing``: the menu entry, or pip with the pins spelled out (a ZIP
    install has no requirements.txt the user knows of)."""
    specs = " ".join(f'"{DEPENDENCIES[m].spec}"' if m in DEPENDENCIES else m for m in missing)
    index = f" --extra-index-url {TORCH_CPU_INDEX}" if "torch" in missing else ""
    return f"Install them with {MENU_ENTRY}, or run: python -m pip install {specs}{index}"


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
