"""Worker-process jobs (``models.worker``) for the spectra dock."""
from __future__ import annotations

from typing import Any, Dict, List, Optional

import numpy as np

from ..errors import InputError
from ..progress import ensure_progress
from ..spectra.units import file_unit_of



def spectrum_payload(spectrum: Any, row: int, instrument: Optional[str] = None) -> Dict[str, Any]:
    """A ``models.spectra`` Spectrum as the plain, JSON-safe dict ``identify_arrays`` takes.

    Used by the dock and the Processing algorithm, so both describe the instrument the
    same way (the text GeoSpectra maps to an instrument family).
    """
    from .inference import _instrument_text

    item: Dict[str, Any] = {
        "wavelengths_nm": np.asarray(spectrum.wavelengths, float).tolist(),
        "values": _json_values(spectrum.values),
        "instrument": instrument or _instrument_text(spectrum),
        "name": getattr(spectrum, "name", "") or "",
        "unit": file_unit_of(spectrum),  # the unit its file shows (models.spectra.units)
        "row": row,
    }
    fwhm = getattr(spectrum, "fwhm", None)
    if fwhm is not None:
        item["fwhm"] = np.nan_to_num(np.asarray(fwhm, float), nan=0.0).tolist()
    return item


def _json_values(values: Any) -> List[Optional[float]]:
    """Values as JSON-safe floats; a missing value is ``None`` (JSON null), never a number standing in for it."""
    arr = np.asarray(values, float)
    return [float(v) if np.isfinite(v) else None for v in arr]


def identify_arrays(spectra: List[Dict[str, Any]], top: int = 5, model: Optional[str] = None,
                    progress=None, device: str = "auto") -> List[Dict[str, Any]]:
    """Identify spectra sent as plain arrays.

    Each item: ``wavelengths_nm``, ``values`` (missing values as ``None`` or NaN), optional
    ``instrument`` and ``row``; ``device`` as in :mod:`models.device`.  Returns per
    item ``row``, ``candidates`` ([{mineral, probability}], best first), and
    ``instrument``/``coverage``/``warnings``; a spectrum that cannot be identified
    gets empty candidates and an ``error``.
    """
    from .inference import as_input, get_identifier

    progress = ensure_progress(progress)
    identifier = get_identifier(model, device or "auto")
    results: List[Optional[Dict[str, Any]]] = [None] * len(spectra)
    good, inputs = [], []
    for i, item in enumerate(spectra):
        values = np.array([np.nan if v is None else v for v in item.get("values", [])], dtype=np.float64)
        try:
            inp = as_input({"wavelengths_nm": item.get("wavelengths_nm", item.get("wavelengths")),
                            "values": values, "instrument": item.get("instrument") or "",
                            "name": item.get("name", ""), "fwhm": item.get("fwhm"),
                            "unit": item.get("unit")})
            problem = identifier.coverage_problem(inp)
            if problem:
                raise InputError(problem)
            good.append(i)
            inputs.append(inp)
        except InputError as exc:
            results[i] = {"row": item.get("row", i), "candidates": [], "error": str(exc)}
        progress.check()
    for i, res in zip(good, identifier.run(inputs, progress=progress.span(0.0, 1.0), top=top)):
        d = res.as_dict(top)
        d["row"] = spectra[i].get("row", i)
        results[i] = d
    return results  # type: ignore[return-value]


def mineral_map(raster: str, out_path: str, preset: Optional[str] = None, wavelengths: Optional[str] = None,
                instrument: Optional[str] = None, probability_minerals: Optional[List[str]] = None,
                model: Optional[str] = None, scheduler: Optional[str] = None, device: str = "auto",
                fast: bool = False, labels: Optional[Dict[str, str]] = None, progress=None) -> Dict[str, Any]:
    """Worker job of ``hyperprospect:mineralmap`` (see :mod:`models.geospectra.mineral_map`); on the Dask
    cluster at ``scheduler`` when given (:mod:`models.mosaic.minerals`).  ``labels``: the legend's label per
    class name (the algorithm passes the user's language; the raster's category names stay English)."""
    from .mineral_map import MineralMapSettings, map_minerals

    settings = MineralMapSettings(preset=preset, wavelengths=wavelengths, instrument=instrument,
                                  probability_minerals=tuple(probability_minerals or ()), model=model,
                                  device=device or "auto", fast=bool(fast), labels=dict(labels or {}))
    if scheduler:
        from ..mosaic.cluster import ClusterSettings
        from ..mosaic.minerals import map_minerals_mosaic

        return map_minerals_mosaic(raster, out_path, ClusterSettings(scheduler=scheduler), settings, progress=progress)
    return map_minerals(raster, out_path, settings, progress=progress)
