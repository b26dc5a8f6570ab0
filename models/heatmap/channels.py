"""Rebuild a model's input channels on a new area from what its file remembers.

The model file's channel record (``data.channels``: kind, wavelength, source, distance
method; written since the stack reader, :class:`models.raster.stack.Channel`) says what
each channel is.  Spectral channels are matched to the new raster's bands by wavelength;
geology channels are recomputed from the user's vector layers on the new grid with the
same distance settings; mineral-probability channels (and any other raster channel) come
from a raster the user gives for them by channel name (``channel_rasters``), else the
prediction is refused naming the channel.  Model files without the record fall back to
the channel names ("Distance to pluton (m)", "Signed distance to fault (m)", …, as
:mod:`models.raster.distance` writes them), read by :func:`parse_geology_channel`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

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


def _from_record(index: int, record: Mapping[str, Any]) -> Optional[GeologyChannel]:
    dist = record.get("distance") or {}
    feature = str(dist.get("feature") or "").lower()
    if feature not in ("pluton", "fault"):
        return None
    return GeologyChannel(index, str(record.get("name")), feature, bool(dist.get("signed")),
                          str(dist.get("method") or "euclidean").lower())


def plan_channels(names: Sequence[str], records: Optional[Sequence[Mapping[str, Any]]], spectral: Sequence[int],
                  channel_rasters: Optional[Mapping[str, str]] = None) -> Tuple[List[GeologyChannel], Dict[int, str]]:
    """How to rebuild the channels that are not matched spectral bands (``spectral``): the geology
    channels to recompute and, per channel index, the user's raster for it (``channel_rasters``:
    channel name → single-band raster on the prediction grid).  Refuses, naming the channel,
    what it cannot rebuild."""
    given = dict(channel_rasters or {})
    unknown_given = sorted(set(given) - set(names))
    if unknown_given:
        raise InputError(f"The model has no channel named {', '.join(repr(n) for n in unknown_given)} "
                         f"(its channels: {', '.join(names)}).")
    geology: List[GeologyChannel] = []
    extra: Dict[int, str] = {}
    for i, name in enumerate(names):
        if name in given:
            extra[i] = str(given[name])
            continue
        if i in spectral:
            continue
        record = records[i] if records is not None else None
        g = _from_record(i, record) if record is not None else parse_geology_channel(i, name)
        if g is not None:
            geology.append(g)
        elif record is not None and record.get("kind") == "mineral":
            raise InputError(
                f"The model uses the mineral-probability channel '{name}'"
                + (f" ({record['mineral']})" if record.get("mineral") else "")
                + ": give the mineral map of this area for it (channel_rasters={'" + name + "': <raster>}, one "
                "band on the grid of the raster to map, made the same way as for training).")
        else:
            raise InputError(
                f"The model uses channels this version cannot rebuild on a new area: {name}. Give a raster for it "
                "(channel_rasters, by channel name) on the grid of the raster to map.")
    return geology, extra


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
