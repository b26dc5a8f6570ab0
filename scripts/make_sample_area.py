#!/usr/bin/env python3
"""Regenerate the HyperProspect sample study area (deterministic).

    python scripts/make_sample_area.py OUT_DIR [--size 300 300] [--seed 0]

Writes the 166-band ZY-1 02D AHSI-like reflectance cube, the plutons, faults
and pegmatite layers (known = labels, hidden = held back) and scene.json into
OUT_DIR; see models/sample_area/generator.py for what the scene contains.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from models.errors import HyperProspectError
from models.sample_area import make_sample_area


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--size", type=int, nargs=2, default=(300, 300), metavar=("WIDTH", "HEIGHT"),
                        help="pixels (default 300 300, i.e. 9 km x 9 km at 30 m)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    try:
        paths = make_sample_area(args.out_dir, size=tuple(args.size), seed=args.seed)
    except HyperProspectError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    scene = json.loads(Path(paths["scene"]).read_text(encoding="utf-8"))
    for key, path in paths.items():
        print(f"{key:18s} {path}")
    print("counts:", json.dumps(scene["counts"], sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
