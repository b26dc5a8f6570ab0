"""``python -m models info``: version and availability of the optional packages."""
from __future__ import annotations

import importlib.util
import json

from .. import __version__

PACKAGES = ("numpy", "scipy", "torch", "torch_geometric", "pywt", "sklearn", "safetensors", "rasterio", "osgeo")


def add_arguments(parser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON")


def run(args) -> int:
    found = {name: importlib.util.find_spec(name) is not None for name in PACKAGES}
    if args.json:
        print(json.dumps({"version": __version__, "packages": found}, indent=2))
    else:
        print(f"HyperProspect {__version__}")
        for name, ok in found.items():
            print(f"  {name:16s} {'ok' if ok else 'MISSING'}")
    return 0
