"""The heatmap's sidecar style: QGIS picks up ``<name>.qml`` beside a raster automatically."""
from __future__ import annotations

import shutil
from pathlib import Path

STYLE = Path(__file__).resolve().parents[2] / "resources" / "styles" / "probability_heatmap.qml"
UNCERTAINTY_STYLE = STYLE.with_name("uncertainty.qml")  # spread of Monte-Carlo dropout passes, 0-0.25


def write_sidecar_style(raster_path: str, style: Path = STYLE) -> str:
    """Copy a style (default: the probability ramp, 0–1, low values transparent) next to ``raster_path``."""
    target = Path(raster_path).with_suffix(".qml")
    tmp = target.with_name("." + target.name + ".part")
    shutil.copyfile(style, tmp)
    tmp.replace(target)
    return str(target)
