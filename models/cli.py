"""Command-line interface: ``python -m models <command> ...`` (no QGIS needed).

Each subcommand lives in its own module exposing ``add_arguments(parser)`` and
``run(args) -> int``; modules are imported only when their command runs, so
``--help`` is instant and a missing optional package only affects its command.
"""
from __future__ import annotations

import argparse
import importlib
import sys
from typing import List, Optional

from . import __version__
from .errors import HyperProspectError

# command name -> (module relative to this package, one-line help)
COMMANDS = {
    "info": (".commands.info", "show the version and which optional packages are available"),
    "convert": (".spectra.convert_command", "convert spectrometer files to one CSV (wavelength in nm)"),
    "build-graphs": (".commands.build_graphs", "cut a raster stack into labelled graph tiles"),
    "train": (".commands.train", "train the prospectivity model (default: node GCN + gradient boosting, blended) "
              "on a graph data set"),
    "predict": (".commands.predict", "the probability heatmap of a raster or mosaic (here or on a Dask cluster)"),
    "train-geospectra": (".commands.train_geospectra", "train GeoSpectra on the USGS library (torchrun-ready)"),
    "identify": (".commands.identify", "name the minerals of spectrometer files"),
    "evaluate": (".commands.evaluate", "score a probability raster against deposits of known status"),
    "targets": (".commands.targets", "exploration target polygons from a probability raster"),
    "mineral-map": (".commands.mineral_map", "map GeoSpectra's mineral on every pixel of a hyperspectral raster"),
}


def _load(name: str):
    module_name, _ = COMMANDS[name]
    return importlib.import_module(module_name, __package__)


def build_parser(with_arguments_for: Optional[str] = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m models",
        description="HyperProspect: prospectivity mapping and spectrum identification without QGIS.",
    )
    parser.add_argument("--version", action="version", version=f"HyperProspect {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (_, help_text) in COMMANDS.items():
        sp = sub.add_parser(name, help=help_text, description=help_text)
        if name == with_arguments_for:
            _load(name).add_arguments(sp)
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # Import only the module of the command being run (keeps --help fast).
    command = next((a for a in argv if not a.startswith("-")), None)
    if command not in COMMANDS:
        command = None
    try:
        parser = build_parser(with_arguments_for=command)
    except ModuleNotFoundError as exc:
        print(f"error: the '{command}' command is not available: {exc}", file=sys.stderr)
        return 2
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        return int(_load(args.command).run(args) or 0)
    except HyperProspectError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("cancelled", file=sys.stderr)
        return 130
