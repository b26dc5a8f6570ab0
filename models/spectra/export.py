"""Spectra as one table: a wavelength column in nm and one column per spectrum.

Spectra from different instruments do not share wavelengths; the table's axis
is the union of all of them (cells where a spectrum has no sample stay
empty), or a regular grid the spectra are interpolated onto.
"""
from __future__ import annotations

import csv
import math
from collections import Counter
from pathlib import Path
from typing import List, Optional, Sequence, Tuple

import numpy as np

from ..atomic import atomic_output
from ..errors import InputError
from .preprocess.resample import resample
from .spectrum import Spectrum


def column_names(spectra: Sequence[Spectrum]) -> List[str]:
    """A unique column name per spectrum: its file name, plus the spectrum's name for multi-spectrum files."""
    per_file = Counter(s.source for s in spectra)
    names = []
    for s in spectra:
        base = Path(s.source).name if s.source else (s.name or "spectrum")
        names.append(f"{base}:{s.name}" if per_file[s.source] > 1 else base)
    seen: Counter = Counter()
    unique = []
    for name in names:
        seen[name] += 1
        unique.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return unique


def spectra_table(spectra: Sequence[Spectrum], grid: Optional[np.ndarray] = None
                  ) -> Tuple[np.ndarray, np.ndarray, List[str]]:
    """(wavelengths_nm, values[n_wavelengths, n_spectra], column names); NaN where no value."""
    if not spectra:
        raise InputError("no spectra to tabulate")
    if grid is not None:
        axis = np.asarray(grid, dtype=np.float64)
        table = np.column_stack([resample(s.values, s.wavelengths, axis, allow_disjoint=True) for s in spectra])
    else:
        axis = np.unique(np.round(np.concatenate([s.wavelengths for s in spectra]), 6))
        table = np.full((axis.size, len(spectra)), np.nan)
        for j, s in enumerate(spectra):
            table[np.searchsorted(axis, np.round(s.wavelengths, 6)), j] = s.values
    return axis, table, column_names(spectra)


def _cell(x: float) -> str:
    return "" if not math.isfinite(x) else f"{x:.10g}"


def write_csv(spectra: Sequence[Spectrum], path, grid: Optional[np.ndarray] = None) -> Path:
    """Write :func:`spectra_table` as CSV (atomically: never a half-written file)."""
    axis, table, names = spectra_table(spectra, grid)
    target = Path(path)
    with atomic_output(target) as tmp:
        with open(tmp, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["wavelength_nm", *names])
            for wl, row in zip(axis, table):
                writer.writerow([_cell(wl), *(_cell(v) for v in row)])
    return target
