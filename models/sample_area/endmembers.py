"""The sample area's endmember table (USGS spectra convolved to ZY-1 02D AHSI).

The table is derived by ``scripts/derive_endmembers.py`` from the USGS Spectral
Library Version 7 (Kokaly et al. 2017, doi:10.5066/F7RR1WDJ) and committed as
``resources/sample_area/endmembers_zy1_02d.csv``; this module only reads it.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional

import numpy as np

from ..errors import InputError

ENDMEMBER_TABLE = Path(__file__).resolve().parents[2] / "resources" / "sample_area" / "endmembers_zy1_02d.csv"


@dataclass(frozen=True)
class EndmemberTable:
    band: np.ndarray  # int [B], 1-based band numbers of the sensor
    center_nm: np.ndarray  # float64 [B]
    fwhm_nm: np.ndarray  # float64 [B]
    names: List[str]  # [M]
    reflectance: np.ndarray  # float64 [B, M], 0-1
    sources: dict  # endmember name -> USGS source line from the header

    def column(self, name: str) -> np.ndarray:
        return self.reflectance[:, self.names.index(name)]


def load_endmembers(path: Optional[Path] = None) -> EndmemberTable:
    path = Path(path) if path is not None else ENDMEMBER_TABLE
    if not path.is_file():
        raise InputError(
            f"Endmember table {path} not found; regenerate it with `python scripts/derive_endmembers.py`."
        )
    comments, lines = [], []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            (comments if line.startswith("#") else lines).append(line)
    rows = [r for r in csv.reader(lines) if r]
    header = rows[0]
    if header[:3] != ["band", "center_nm", "fwhm_nm"]:
        raise InputError(f"{path}: expected columns band,center_nm,fwhm_nm,<endmembers...>")
    body = np.array([[float(v) for v in r] for r in rows[1:]], dtype=np.float64)
    sources = {}
    for line in comments:
        text = line.lstrip("#").strip()
        name, sep, rest = text.partition(" [")
        if sep and name in header[3:]:
            sources[name] = text
    return EndmemberTable(
        band=body[:, 0].astype(int),
        center_nm=body[:, 1],
        fwhm_nm=body[:, 2],
        names=list(header[3:]),
        reflectance=body[:, 3:],
        sources=sources,
    )
