"""``python -m models info``: version and availability of the packages HyperProspect uses."""
from __future__ import annotations

import importlib.util
import json

from .. import __version__
from ..dependencies import DEPENDENCIES, installed_version


def add_arguments(parser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON")


def run(args) -> int:
    found = {name: installed_version(dep) is not None for name, dep in DEPENDENCIES.items()}
    found["osgeo"] = importlib.util.find_spec("osgeo") is not None  # GDAL's bindings come with QGIS
    devices = _devices() if found.get("torch") else None
    if args.json:
        print(json.dumps({"version": __version__, "packages": found, "devices": devices}, indent=2))
    else:
        print(f"HyperProspect {__version__}")
        for name, ok in found.items():
            dep = DEPENDENCIES.get(name)
            wanted = f"  ({dep.spec})" if dep else "  (GDAL, from QGIS)"
            print(f"  {name:16s} {'ok' if ok else 'MISSING'}{wanted}")
        if devices:
            print(f"devices (--device auto, cpu, cuda[:N]): {devices}")
    return 0


def _devices():
    """What torch can compute on here (for --device), or None when torch cannot start."""
    try:
        from ..device import available_devices
    except ImportError:  # torch installed but broken: the package table already says what is missing
        return None
    return available_devices()
