"""Rebuild a model's input channels on a new area from what its file remembers.

Spectral channels are matched to the new raster's bands by wavelength; geology
channels ("Distance to pluton (m)", "Signed distance to fault (m)", …, as written by
:mod:`models.raster.distance`) are recomputed from the user's vector layers on the new
grid with the same settings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence

import numpy as np

from ..errors import InputError


@dataclass(frozen=True)
class GeologyChannel:
    index: int
    name: str
    feature: str  # "pluton" | "fault"
    signed: bool
    method: str  # "euclidean" | "idw"

    @property
    def kind(self) -> str:
        return "polygon" if self.feature == "pluton" else "line"


def parse_geology_channel(index: int, name: str, method: Optional[str] = None) -> Optional[GeologyChannel]:
    low = name.lower().replace("_", " ")
    if "distance" not in low:
        return None
    if re.search(r"pluton|granite|intrusi", low):
        feature = "pluton"
    elif re.search(r"fault|lineament|shear", low):
        feature = "fault"
    else:
        return None
    m = method or ("idw" if "idw" in low else "euclidean")
    return GeologyChannel(index, name, feature, "signed" in low, m)


def match_bands(model_wavelengths: Sequence[Optional[float]], raster_wavelengths: Sequence[float],
                raster_name: str = "the raster") -> Dict[int, int]:
    """Model channel index → 0-based raster band, nearest centre within tolerance.

    The tolerance is half the raster's local band spacing (at least 3 nm): a band
    that far off would not show the same absorption feature.  Refuses clearly,
    listing what is missing, when the raster cannot provide every spectral channel.
    """
    rwl = np.asarray(raster_wavelengths, float)
    order = np.argsort(rwl)
    srt = rwl[order]
    spacing = np.gradient(srt) if srt.size > 1 else np.array([10.0])
    mapping: Dict[int, int] = {}
    missing: List[float] = []
    for ch, w in enumerate(model_wavelengths):
        if w is None or (isinstance(w, float) and np.isnan(w)):
            continue
        j = int(np.searchsorted(srt, w))
        cands = [c for c in (j - 1, j) if 0 <= c < srt.size]
        best = min(cands, key=lambda c: abs(srt[c] - w))
        tol = max(3.0, 0.5 * float(spacing[best]))
        if abs(srt[best] - w) <= tol:
            mapping[ch] = int(order[best])
        else:
            missing.append(float(w))
    if missing:
        shown = ", ".join(f"{w:.1f}" for w in missing[:8]) + (" …" if len(missing) > 8 else "")
        raise InputError(
            f"{raster_name} cannot provide {len(missing)} of the model's spectral channels (no band within "
            f"tolerance of {shown} nm; its bands span {srt.min():.1f}–{srt.max():.1f} nm). Use imagery from a "
            "sensor that covers the model's wavelengths, or train a model on this sensor.")
    return mapping
