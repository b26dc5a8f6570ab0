"""The heatmap's sidecar style: QGIS picks up ``<name>.qml`` beside a raster automatically."""
from __future__ import annotations

import shutil
from pathlib import Path

STYLE = Path(__file__).resolve().parents[2] / "resources" / "styles" / "probability_heatmap.qml"


def write_sidecar_style(raster_path: str) -> str:
    """Copy the probability ramp (0–1, low values transparent) next to ``raster_path``."""
    target = Path(raster_path).with_suffix(".qml")
    tmp = target.with_name("." + target.name + ".part")
    shutil.copyfile(STYLE, tmp)
    tmp.replace(target)
    return str(target)
