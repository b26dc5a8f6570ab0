"""Identification with a trained GeoSpectra model: any spectrum in, top-k minerals out.

``identify(spectra_or_arrays, top=5)`` accepts :class:`models.spectra.Spectrum`
objects (or anything with ``wavelengths`` in nm and ``values``), dicts
(``wavelengths_nm``/``wavelengths``, ``values``, optional ``instrument``,
``fwhm``, ``name``), ``(wavelengths, values[, instrument])`` tuples, (n, 2)
arrays, or a (B, n) array with ``wavelengths=``.  Each spectrum is resampled to
the model grid (400–2500 nm, 10 nm); what it does not cover is masked, so a
Nicolet spectrum from 1120 nm or a VNIR-only field spectrum is identified from
the part it has.  Wavelength tables below 30 are taken as µm; values whose 95th
percentile exceeds 2 as percent reflectance.  Spectra sharing a wavelength table
are resampled and classified as one batch.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

import numpy as np

from ..errors import InputError
from ..spectra.units import file_unit_of
from .grid import GRID, N_GRID, clean_values, native_resolution_nm, resample, to_nanometres
from .features import FeatureTable, coverage_text, featureless_note
from .dark import DARK_WARNING, looks_dark, p95_reflectance, shown_unit, to_reflectance
from .vegetation import VegetationTest
from .groups import group_of
from .model_file import DEFAULT_MODEL, load_model

MIN_VALID_SAMPLES = 10
LOW_CONFIDENCE = 0.3  # top-1 probability below which a result is flagged (closed-set model: no "none of these")
_NON_REFLECTANCE = {"radiance", "irradiance", "DN", "absorbance", "emissivity", "transmittance"}


def instrument_family(text: Optional[str]) -> str:
    """Instrument family of the model's statistics library for a free-text instrument description."""
    t = (text or "").lower()
    if not t:
        return "OTHER"
    if "aviris" in t:
        return "AVIRIS"
    if "ahsi" in t or "zy1" in t or "zy-1" in t or "ziyuan" in t:
        return "AHSI"
    if "nicolet" in t or "nic4" in t or "ftir" in t:
        return "NIC4"
    if "beck" in t:
        return "BECK"
    if "asd" in t or "fieldspec" in t or "analytical spectral" in t:
        return "ASD"
    return "OTHER"


@dataclass
class SpectrumInput:
    wavelengths: np.ndarray  # nm, as given (unsorted allowed)
    values: np.ndarray
    instrument: str = "OTHER"
    resolution_nm: float = 10.0
    name: str = ""
    warnings: List[str] = field(default_factory=list)
    unit: float = 1.0     # the least divisor to reflectance its file shows (``models.spectra.units.file_unit``)


def _instrument_text(item: Any) -> str:
    parts = []
    for attr in ("instrument", "instrument_model", "file_format"):
        v = getattr(item, attr, None)
        if v:
            parts.append(str(v))
    return " ".join(parts)


def looks_like_vegetation(wavelengths_nm: np.ndarray, values: np.ndarray) -> bool:
    """Green vegetation by :mod:`.vegetation`'s three tests (NDVI, chlorophyll well, green peak), measured on the
    library: field spectra of plants get a warning instead of a confident mineral name."""
    test = VegetationTest.for_wavelengths(wavelengths_nm)
    return bool(test.green(np.asarray(values, np.float64)[None, :])[0])


def as_input(item: Any, instrument: Optional[str] = None, name: str = "") -> SpectrumInput:
    """Normalise one spectrum-like object."""
    fwhm = None
    unit = 1.0
    warnings: List[str] = []
    if hasattr(item, "wavelengths") and hasattr(item, "values"):
        wl, values = item.wavelengths, item.values
        fwhm = getattr(item, "fwhm", None)
        unit = file_unit_of(item)
        text = instrument or _instrument_text(item)
        name = name or getattr(item, "name", "") or ""
        quantity = getattr(item, "quantity", None)
        if quantity in _NON_REFLECTANCE:
            warnings.append(f"values are {quantity}, not reflectance; the result is unreliable")
    elif isinstance(item, dict):
        wl = item.get("wavelengths_nm", item.get("wavelengths"))
        values = item.get("values")
        fwhm = item.get("fwhm")
        unit = float(item.get("unit") or 1.0)
        text = instrument or item.get("instrument") or ""
        name = name or str(item.get("name", "") or "")
        if wl is None or values is None:
            raise InputError("a spectrum dict needs 'wavelengths_nm' (or 'wavelengths') and 'values'")
    elif isinstance(item, np.ndarray) and item.ndim == 2 and item.shape[1] == 2:
        wl, values, text = item[:, 0], item[:, 1], instrument or ""
    elif isinstance(item, (tuple, list)) and len(item) in (2, 3):
        wl, values = item[0], item[1]
        text = instrument or (str(item[2]) if len(item) == 3 and item[2] is not None else "")
    else:
        raise InputError(f"cannot identify an object of type {type(item).__name__}: give a Spectrum, "
                         "a dict with wavelengths_nm/values, or a (wavelengths, values) pair")
    wl = to_nanometres(np.asarray(wl, dtype=np.float64))
    values = clean_values(values).ravel()
    if wl.size != values.size:
        raise InputError(f"spectrum {name!r}: {wl.size} wavelengths but {values.size} values")
    if wl.size < 2:
        raise InputError(f"spectrum {name!r}: needs at least 2 samples")
    family = text if text in ("ASD", "BECK", "NIC4", "AVIRIS", "AHSI", "OTHER") else instrument_family(text)
    if looks_like_vegetation(wl, values):
        warnings.append("shows the red edge of green vegetation (near-infrared much brighter than red): "
                        "the mineral names are unreliable")
    elif looks_dark(values[(wl >= 400.0) & (wl <= 2500.0)], unit):
        warnings.append(DARK_WARNING)
    return SpectrumInput(wl, values, family, native_resolution_nm(wl, fwhm), name, warnings, unit)


@dataclass
class Identification:
    """One spectrum's result."""

    name: str
    candidates: List[Tuple[str, float]]
    instrument: str
    coverage: float  # share of the model grid the spectrum covers
    snr_db: float
    warnings: List[str] = field(default_factory=list)
    embedding: Optional[np.ndarray] = None
    diagnostic: bool = True  # False: no diagnostic absorption in the covered range (candidates are only "like")
    covered: str = ""        # "400–2500 nm", "1990–2480 nm with 1 gap"
    group: Optional[str] = None  # geologist's group of the best candidate (kaolin group, white micas, …)

    def as_dict(self, top: Optional[int] = None) -> Dict[str, Any]:
        cands = self.candidates if top is None else self.candidates[:top]
        return {"name": self.name, "instrument": self.instrument, "coverage": round(self.coverage, 4),
                "covered": self.covered, "snr_db": round(float(self.snr_db), 2),
                "diagnostic": bool(self.diagnostic), "group": self.group,
                "candidates": [{"mineral": m, "probability": round(float(p), 6)} for m, p in cands],
                "warnings": list(self.warnings)}


class Identifier:
    """A loaded model with the inference pipeline (load once, call many times).

    ``device``: ``auto`` (a CUDA GPU when torch sees one), ``cpu``, ``cuda`` or ``cuda:N``
    (:mod:`models.device`); the network runs there, the results are numpy on the CPU."""

    def __init__(self, path: Optional[Union[str, Path]] = None, device: str = "auto"):
        from ..device import resolve_device

        self.path = Path(path) if path is not None else DEFAULT_MODEL
        self.device = resolve_device(device)
        self.model, self.meta = load_model(self.path)
        self.model.to(self.device)
        self.networks = len(getattr(self.model, "members", ())) or 1  # seeds averaged (GeoSpectraEnsemble)
        self.classes: List[str] = self.meta.classes()
        grid = self.meta.grid()
        start = float(grid.get("start_nm", GRID[0])) if grid else GRID[0]
        if grid and (int(grid.get("n", N_GRID)) != N_GRID or abs(start - GRID[0]) > 1e-6):
            raise InputError(f"{self.path}: the model's wavelength grid differs from this software's")
        pre = self.meta.preprocessing()
        self.denoise = bool(pre.get("wavelet_denoise", True))
        self.threshold_rule = str(pre.get("threshold_rule", "bayes"))
        if self.threshold_rule not in ("bayes", "universal"):
            raise InputError(f"{self.path}: unknown wavelet threshold rule {self.threshold_rule!r}")
        from .network import INSTRUMENTS

        self.instruments = INSTRUMENTS
        feats = self.meta.get("features")
        self.features: Optional[FeatureTable] = FeatureTable.from_json(feats, self.classes) if feats else None

    def first_network(self) -> "Identifier":
        """This identifier with the first network of an ensemble model alone (itself for one network):
        1/``networks`` of the cost, for the fast mineral map's teacher."""
        if self.networks == 1:
            return self
        one = copy.copy(self)
        one.model, one.networks = self.model.members[0], 1
        return one

    # -- arrays ---------------------------------------------------------------------------
    def to_grid(self, inputs: Sequence[SpectrumInput]):
        """Resample (batched per wavelength table) → x, mask, instrument index, resolution."""
        n = len(inputs)
        x = np.zeros((n, N_GRID), np.float32)
        m = np.zeros((n, N_GRID), np.float32)
        groups: Dict[bytes, List[int]] = {}
        for i, s in enumerate(inputs):
            groups.setdefault(np.ascontiguousarray(s.wavelengths).tobytes(), []).append(i)
        for rows in groups.values():
            wl = inputs[rows[0]].wavelengths
            xg, mg = resample(wl, np.stack([inputs[r].values for r in rows]))
            x[rows], m[rows] = xg, mg
        # each file its own unit: fraction, percent or ×10000 (a pixel profile copied from an integer image)
        floor = np.array([s.unit for s in inputs], np.float64)
        x = np.nan_to_num(to_reflectance(np.where(m > 0.5, x, np.nan), one_unit=False, floor=floor)) * m
        inst = np.array([self.instruments.index(s.instrument) if s.instrument in self.instruments
                         else self.instruments.index("OTHER") for s in inputs], dtype=np.int64)
        res = np.array([s.resolution_nm for s in inputs], dtype=np.float64)
        return x, m, inst, res

    def coverage_problem(self, s: SpectrumInput) -> Optional[str]:
        """Why ``s`` cannot be identified (too little of it on the model grid), or None."""
        _, m = resample(s.wavelengths, s.values)
        if m.sum() >= MIN_VALID_SAMPLES:
            return None
        finite = s.wavelengths[np.isfinite(s.wavelengths)]
        lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (float("nan"), float("nan"))
        return (f"spectrum {s.name!r} ({lo:.0f}–{hi:.0f} nm) has fewer than {MIN_VALID_SAMPLES} valid samples "
                f"inside the model's {GRID[0]:.0f}–{GRID[-1]:.0f} nm range; it cannot be identified")

    def run(self, inputs: Sequence[SpectrumInput], batch: int = 512, progress=None,
            with_embedding: bool = False, top: Optional[int] = None) -> List[Identification]:
        """Identify ``inputs``; each result lists the ``top`` best classes (all classes if None)."""
        import torch

        from .dataset import model_inputs
        from .train import forward, on_device, to_tensors

        inputs = list(inputs)
        if not inputs:
            return []
        x, m, inst, res = self.to_grid(inputs)
        valid = m.sum(axis=1)
        bad = [i for i in range(len(inputs)) if valid[i] < MIN_VALID_SAMPLES]
        if bad:
            raise InputError(self.coverage_problem(inputs[bad[0]]) or "spectrum outside the model's range")
        results: List[Identification] = []
        with torch.inference_mode():
            for start in range(0, len(inputs), batch):
                sl = slice(start, start + batch)
                prep = model_inputs(x[sl], m[sl], inst[sl], res[sl], denoise=self.denoise, rule=self.threshold_rule)
                out = forward(self.model, on_device(to_tensors(prep), self.device))
                probs = torch.softmax(out["logits"], dim=1).cpu().numpy()
                emb = out["embedding"].cpu().numpy()
                for j, ident in enumerate(self._results(inputs[sl], probs, prep, m[sl], valid[sl], top)):
                    ident.embedding = emb[j] if with_embedding else None
                    results.append(ident)
                if progress is not None:
                    progress.update(min(1.0, (start + batch) / len(inputs)), "identifying spectra")
        return results

    def classify_grid(self, x: np.ndarray, mask: np.ndarray, inst: np.ndarray, resolution: np.ndarray):
        """Grid arrays (reflectance, 0 where masked) → (diagnostic (B,), shown probabilities (B, C)) in one pass."""
        import torch

        from .dataset import model_inputs
        from .train import forward, on_device, to_tensors

        prep = model_inputs(x, mask, inst, resolution, denoise=self.denoise, rule=self.threshold_rule)
        with torch.inference_mode():
            logits = forward(self.model, on_device(to_tensors(prep), self.device))["logits"]
            probs = torch.softmax(logits, dim=1).cpu().numpy()
        return self.decide(probs, prep, mask)

    def decide(self, probs: np.ndarray, prep: Dict[str, np.ndarray], mask: np.ndarray):
        """(diagnostic (B,), probabilities restricted to the classes with a feature in the covered range (B, C))."""
        if self.features is None:  # a model file from before the feature table: no restriction
            return np.ones(len(probs), bool), probs
        diagnostic, featured, _, _ = self.features.decide(probs, prep["x"], mask)
        restricted = probs * featured
        total = restricted.sum(axis=1, keepdims=True)
        restricted = np.where(total > 0, restricted / np.maximum(total, 1e-12), probs)
        return diagnostic, np.where(diagnostic[:, None], restricted, probs)

    def _results(self, inputs, probs, prep, mask, valid, top) -> List[Identification]:
        diagnostic, shown = self.decide(probs, prep, mask)
        kk = probs.shape[1] if top is None else min(int(top), probs.shape[1])
        orders = np.argsort(-shown, axis=1, kind="stable")[:, :kk]
        out = []
        for j, order in enumerate(orders):
            cands = [(self.classes[c], float(p)) for c, p in zip(order, shown[j, order])]
            covered = coverage_text(mask[j])
            warnings = list(inputs[j].warnings) + self._notes(cands, bool(diagnostic[j]), covered, mask[j],
                                                              float(valid[j] / N_GRID))
            out.append(Identification(
                name=inputs[j].name, candidates=cands, instrument=inputs[j].instrument,
                coverage=float(valid[j] / N_GRID), snr_db=float(prep["snr"][j]), warnings=warnings,
                diagnostic=bool(diagnostic[j]), covered=covered, group=group_of(cands[0][0])))
        return out

    def _notes(self, cands, diagnostic: bool, covered: str, mask_row: np.ndarray, cov: float) -> List[str]:
        notes = []
        if not diagnostic:
            lo = float(GRID[np.argmax(mask_row > 0.5)])
            notes.append(featureless_note(covered, [m for m, _ in cands[:2]], lo))
        elif cands[0][1] < LOW_CONFIDENCE:
            notes.append(f"low confidence (best {cands[0][1]:.2f}): the spectrum may be a "
                         "mixture or none of the minerals the model knows")
        if cov < 0.5:
            notes.append(f"covers only {covered} of the model's 400–2500 nm; candidates are limited to minerals with "
                         "a diagnostic feature there, and minerals told apart outside it may be confused")
        return notes

    def identify(self, spectra_or_arrays: Any, top: int = 5, wavelengths=None,
                 instrument: Optional[str] = None) -> List[List[Tuple[str, float]]]:
        inputs = collect_inputs(spectra_or_arrays, wavelengths=wavelengths, instrument=instrument)
        return [r.candidates for r in self.run(inputs, top=top)]


def collect_inputs(spectra_or_arrays: Any, wavelengths=None, instrument: Optional[str] = None) -> List[SpectrumInput]:
    if wavelengths is not None:
        values = np.atleast_2d(np.asarray(spectra_or_arrays, dtype=np.float64))
        first = as_input((wavelengths, values[0]), instrument=instrument)
        if values.shape[1] != first.wavelengths.size:
            raise InputError(f"{first.wavelengths.size} wavelengths but {values.shape[1]} values per spectrum")
        cleaned = clean_values(values)
        unit = shown_unit(p95_reflectance(cleaned)) if len(cleaned) > 1 else 1.0  # one array, one unit
        return [SpectrumInput(first.wavelengths, row, first.instrument, first.resolution_nm, "", [], unit)
                for row in cleaned]
    items = spectra_or_arrays
    if hasattr(items, "wavelengths") or isinstance(items, dict) or (
            isinstance(items, tuple) and len(items) in (2, 3) and np.ndim(items[0]) == 1 and np.ndim(items[1]) == 1
            and not hasattr(items[0], "wavelengths")):
        items = [items]
    if isinstance(items, np.ndarray) and items.ndim == 2 and items.shape[1] == 2:
        items = [items]
    return [as_input(it, instrument=instrument) for it in items]


@lru_cache(maxsize=4)
def get_identifier(path: Optional[str] = None, device: str = "auto") -> Identifier:
    """A cached :class:`Identifier` (the shipped model by default) on ``device``."""
    return Identifier(path, device)


def identify(spectra_or_arrays: Any, top: int = 5, model: Optional[Union[str, Path]] = None,
             wavelengths=None, instrument: Optional[str] = None,
             device: str = "auto") -> List[List[Tuple[str, float]]]:
    """Top-``top`` (mineral, probability) per spectrum, best first.  See the module docstring for inputs."""
    if top < 1:
        raise InputError("top must be at least 1")
    return get_identifier(str(model) if model is not None else None, device).identify(
        spectra_or_arrays, top=top, wavelengths=wavelengths, instrument=instrument)
