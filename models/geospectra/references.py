"""Per-class reference spectra shipped with the model (for display next to a result).

``resources/geospectra/references.json`` is written by ``scripts/train_geospectra.py``:
for every class, the library spectrum closest (cosine) to the class's median
spectrum among its full-range lab records (ASD preferred, then Beckman), on the
model grid, with the record it came from.  Reading it needs only ``json`` and
``numpy``.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Dict, Optional, Tuple

import numpy as np

from ..errors import InputError
from .model_file import RESOURCE_DIR

REFERENCES = RESOURCE_DIR / "references.json"
FORMAT = "hyperprospect-geospectra-references"


def read_references(path: Optional[Path] = None) -> Dict:
    path = Path(path) if path is not None else REFERENCES
    if not path.is_file():
        raise InputError(f"{path}: reference spectra not found (run scripts/train_geospectra.py)")
    doc = json.loads(path.read_text(encoding="utf-8"))
    if doc.get("format") != FORMAT:
        raise InputError(f"{path}: not a GeoSpectra reference file")
    return doc


def load_references(path: Optional[Path] = None) -> Dict[str, Tuple[np.ndarray, np.ndarray]]:
    """class name → (wavelengths in nm, reflectance; NaN where the reference has no value)."""
    doc = read_references(path)
    wl = np.asarray(doc["wavelengths_nm"], dtype=np.float64)
    out = {}
    for name, entry in doc["classes"].items():
        vals = np.array([np.nan if v is None else v for v in entry["values"]], dtype=np.float64)
        out[name] = (wl, vals)
    return out
