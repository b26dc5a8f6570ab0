"""The GeoSpectra training recipe on the USGS library: data, the model file's description, references.

Shared by ``scripts/train_geospectra.py`` (the shipped weights and the full evaluation) and
``python -m models train-geospectra`` (training alone, runnable under torchrun), so both read the
library, split it and describe the model the same way.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional

import numpy as np

from ..errors import InputError
from . import library as L
from .dataset import GridData, build_dataset
from .evaluate import FAMILIES
from .grid import GRID, GRID_FWHM_NM, GRID_STEP_NM, MIN_COVERAGE, N_GRID
from .network import INSTRUMENTS, architecture_of
from .references import FORMAT as REF_FORMAT

# networks (seeds) averaged in the shipped model: on the dev split a mean of four raised top-1 on
# another lab's held-out spectra and on partial coverage by 2-4 points (scripts/geospectra_ensemble_check.py)
ENSEMBLE_MEMBERS = 4


@dataclass
class LibraryData:
    """The library, its classes, the grid data set and the split by physical sample."""

    lib: list
    classes: List[str]
    data: GridData
    split: Any
    test_mask: np.ndarray

    def train_test(self):
        return (self.data.subset(np.nonzero(~self.test_mask)[0]), self.data.subset(np.nonzero(self.test_mask)[0]))

    def dev_masks(self, seed: int = 0):
        """(dev-training, validation) masks over ``data``: the TRAINING samples split again by physical sample
        (seed + 100), for choosing settings without touching the test split."""
        test_ids = set(self.split.test_samples)
        train_lib = [s for s in self.lib if s.sample_id not in test_ids]
        val_ids = set(L.split_by_sample(train_lib, self.classes, seed=seed + 100).test_samples)
        val = np.isin(np.asarray(self.data.sample_id), list(val_ids)) & ~self.test_mask
        return ~val & ~self.test_mask, val


def load_library_data(data_dir: Path, min_lab_spectra: int = 4, seed: int = 0) -> LibraryData:
    """Read the USGS library under ``data_dir`` (``usgs_splib07a/``), choose the classes, resample, split."""
    data_dir = Path(data_dir)
    if not (data_dir / "usgs_splib07a").is_dir():
        raise InputError(f"{data_dir} holds no usgs_splib07a/ folder (the USGS spectral library GeoSpectra "
                         "trains on); give the folder with --data.")
    lib = L.load_library(data_dir)
    classes = L.choose_classes(lib, min_lab_spectra=min_lab_spectra)
    data = build_dataset(lib, classes, data_dir)
    split = L.split_by_sample(lib, classes, seed=seed)
    test_ids = set(split.test_samples)
    test_mask = np.array([s in test_ids for s in data.sample_id])
    shared = sorted(set(np.asarray(data.sample_id)[test_mask]) & set(np.asarray(data.sample_id)[~test_mask]))
    if shared:  # the split is by physical sample: a sample on both sides would leak
        raise InputError(f"sample IDs on both sides of the split: {shared[:5]}")
    return LibraryData(lib, classes, data, split, test_mask)


def data_info(ld: LibraryData, min_lab_spectra: int, seed: int) -> Dict[str, Any]:
    """The data section of the description and the evaluation report."""
    lib, classes, data, split = ld.lib, ld.classes, ld.data, ld.split
    train_d, test_d = ld.train_test()
    fam_counts = {f: int(sum(1 for x in data.family if x == f)) for f in FAMILIES}
    merged: Dict[str, set] = {}
    for s in lib:
        if s.mineral in classes and s.raw_mineral.replace("_", " ").lower() != s.mineral.lower():
            merged.setdefault(s.mineral, set()).add(s.raw_mineral)
    return {
        "library": "USGS splib07a ASCII (chapters M, S) + splib07 AVIRIS-1995 convolution",
        "n_classes": len(classes), "classes": classes, "n_spectra": len(data),
        "n_lab_spectra": int(sum(1 for f in data.family if f != "AVIRIS")), "n_aviris_spectra": fam_counts["AVIRIS"],
        "chapter_s_spectra": int(sum(1 for s in lib if s.chapter == "S" and s.family != "AVIRIS")),
        "per_family": fam_counts, "min_lab_spectra": min_lab_spectra,
        "merged": {k: sorted(v) for k, v in sorted(merged.items())},
        "split": {"method": "stratified by class over physical sample IDs, 30 % of each class's samples to test",
                  "seed": seed, "train_samples": len(split.train_samples), "test_samples": len(split.test_samples),
                  "train_spectra": len(train_d), "test_spectra": len(test_d), "shared_sample_ids": 0,
                  "single_sample_classes": split.single_sample_classes, "test_sample_ids": split.test_samples},
    }


PREPROCESSING = {
    "resampling": "Gaussian 10 nm FWHM average where the source samples finer than 10 nm, linear "
                  "interpolation where coarser; masked where < 50 % of the weight is on valid data, outside "
                  "the source range, or in gaps wider than max(3 x spacing, 40 nm)",
    "min_coverage": MIN_COVERAGE, "min_valid_samples": 10,
    "percent_rule": "values whose 95th percentile exceeds 2 are divided by 100",
    "wavelet_denoise": True, "wavelet": "db2", "threshold_rule": "bayes",
    "wavelet_level": "clip(round(1 + (40 - SNR_dB) / 7), 1, 6); SNR = RMS / (median|d1| / 0.6745)",
    "wavelet_threshold": "BayesShrink soft threshold per spectrum and level: T = sigma^2 / sigma_x, "
                         "sigma_x^2 = max(mean(d^2) - sigma^2, 0); the residual (input - denoised) is a "
                         "further network input",
    "instrument_normalisation": "gamma_inst * (x - mu_inst) / (sigma_inst + 1e-7) + beta_inst, running "
                                "per-instrument per-sample statistics",
    "morphological_baseline": "closing with a flat element of clip(5 + 1.2 w + 0.02 w^2, 5, 31) samples, "
                              "w = width of the main absorption; input x / closing - 1",
}


def model_description(result, ld: LibraryData, info: Dict[str, Any], trained_on: str, n_spectra: int,
                      evaluation_summary: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
    """The JSON description saved with the weights (classes, grid, preprocessing, training record …)."""
    import torch

    from .features import FeatureTable

    lib, classes, data = ld.lib, ld.classes, ld.data
    table = FeatureTable.measure(data.x, data.mask, data.label, classes)
    model = result.model
    return {
        "architecture": {"name": architecture_of(model), "config": model.config(),
                         "parameters": int(sum(p.numel() for p in model.parameters()))},
        "classes": classes,
        "display_names": {c: L.display_name(c) for c in classes},
        "class_library_names": {c: sorted({s.raw_mineral for s in lib if s.mineral == c}) for c in classes},
        "grid": {"start_nm": float(GRID[0]), "stop_nm": float(GRID[-1]), "step_nm": GRID_STEP_NM, "n": N_GRID,
                 "fwhm_nm": GRID_FWHM_NM},
        "instruments": list(INSTRUMENTS),
        "instrument_notes": "ASD = ASD FieldSpec (ASDFR/ASDHR/ASDNG); BECK = USGS Beckman; NIC4 = Nicolet FTIR "
                            "(1.12 µm and up); AVIRIS = USGS AVIRIS-1995 convolutions; AHSI = simulated ZY-1 02D "
                            "AHSI bands (augmentation only); OTHER = unknown instrument (statistics over all).",
        "preprocessing": dict(PREPROCESSING),
        "training": {**result.config.to_dict(), "trained_on": trained_on, "n_spectra": int(n_spectra),
                     "torch": torch.__version__, **result.run_record(),
                     "history_tail": [{k: v for k, v in h.items() if k != "seconds"} for h in result.history[-3:]]},
        "data": {k: v for k, v in info.items() if k != "split"},
        "features": table.to_json(),
        "evaluation_summary": evaluation_summary,
        "attribution": "Trained on the USGS Spectral Library Version 7 (Kokaly et al. 2017, USGS Data Series 1035, "
                       "doi:10.5066/F7RR1WDJ; U.S. public domain), resampled to 10 nm and augmented.",
    }


def build_references(lib, classes, data: GridData) -> dict:
    """One reference spectrum per class (its lab record closest to the class median), for display."""
    fam = np.asarray(data.family)
    full = data.mask.min(axis=1) > 0.5
    out = {}
    for ci, cls in enumerate(classes):
        chosen = None
        for pref in ("ASD", "BECK", "AVIRIS", "NIC4"):
            cand = np.nonzero((data.label == ci) & (fam == pref) & (full if pref != "NIC4" else True))[0]
            if cand.size:
                chosen = cand
                break
        if chosen is None:
            chosen = np.nonzero(data.label == ci)[0]
        X = data.x[chosen].astype(np.float64)
        med = np.median(X, axis=0)
        cos = (X @ med) / (np.linalg.norm(X, axis=1) * np.linalg.norm(med) + 1e-12)
        best = int(chosen[int(np.argmax(cos))])
        vals = np.where(data.mask[best] > 0.5, data.x[best], np.nan)
        members = sorted({s.raw_mineral for s in lib if s.mineral == cls})
        out[cls] = {"values": [None if not np.isfinite(v) else round(float(v), 5) for v in vals],
                    "source": data.record[best], "instrument": data.family[best], "library_names": members,
                    "display_name": L.display_name(cls)}
    return {"format": REF_FORMAT, "wavelengths_nm": [float(g) for g in GRID],
            "provenance": "USGS Spectral Library Version 7 (splib07a; Kokaly et al. 2017, USGS Data Series 1035, "
                          "doi:10.5066/F7RR1WDJ), resampled to the model grid (10 nm Gaussian) by "
                          "scripts/train_geospectra.py; U.S. public domain",
            "classes": out}
