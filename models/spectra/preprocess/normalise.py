"""Instrument-adaptive normalisation ``γ·(x − μ_inst)/(σ_inst + ε) + β`` with ε = 1e-7 (GeoSpectra).

Each instrument has its own offset and spread; the store keeps, per
instrument key, the running mean and variance of everything it has seen
(per band when spectra share a grid, else one scalar), updated either exactly
(pooled over all updates, Chan et al.'s parallel formula) or as an
exponential running mean with a momentum, like batch normalisation.  It
serialises to JSON so a trained model ships with its statistics.
"""
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Dict, Optional, Sequence, Tuple

import numpy as np

from ...atomic import atomic_output
from ...errors import InputError

EPSILON = 1e-7
_FORMAT = "hyperprospect-instrument-stats"


def _json_array(a: np.ndarray):
    return [None if not math.isfinite(float(v)) else float(v) for v in np.ravel(a)]


def _from_json(values, shape) -> np.ndarray:
    arr = np.array([np.nan if v is None else float(v) for v in values], dtype=np.float64)
    return arr.reshape(shape)


class InstrumentStatsStore:
    """Running per-instrument mean and standard deviation.

    ``n_bands`` None keeps one scalar per instrument (spectra on any grid);
    an integer keeps per-band statistics for spectra resampled to a common
    grid (``wavelengths`` records which).  ``momentum`` None pools exactly;
    a value in (0, 1] blends each new batch in with that weight.
    """

    def __init__(self, n_bands: Optional[int] = None, momentum: Optional[float] = None,
                 wavelengths: Optional[Sequence[float]] = None):
        if wavelengths is not None:
            wavelengths = np.asarray(wavelengths, dtype=np.float64)
            if n_bands is not None and n_bands != wavelengths.size:
                raise InputError("n_bands does not match the wavelengths")
            n_bands = wavelengths.size
        if n_bands is not None and (int(n_bands) != n_bands or n_bands < 1):
            raise InputError(f"n_bands must be a positive integer (got {n_bands!r})")
        if momentum is not None and not 0 < momentum <= 1:
            raise InputError(f"momentum must be in (0, 1] (got {momentum!r})")
        self.n_bands = None if n_bands is None else int(n_bands)
        self.momentum = momentum
        self.wavelengths = wavelengths
        self._stats: Dict[str, Dict[str, np.ndarray]] = {}

    # --- content ------------------------------------------------------------
    def keys(self):
        return list(self._stats)

    def __contains__(self, key) -> bool:
        return key in self._stats

    def __len__(self) -> int:
        return len(self._stats)

    def _batch(self, values) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
        x = np.asarray(values, dtype=np.float64)
        if self.n_bands is None:
            x = x.reshape(-1, 1)
        else:
            x = np.atleast_2d(x)
            if x.ndim != 2 or x.shape[1] != self.n_bands:
                raise InputError(f"expected spectra of {self.n_bands} bands, got shape {np.shape(values)}")
        finite = np.isfinite(x)
        count = finite.sum(axis=0).astype(np.float64)
        safe = np.where(finite, x, 0.0)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = safe.sum(axis=0) / count
            var = np.where(finite, (x - mean) ** 2, 0.0).sum(axis=0) / count
        return count, mean, var

    def update(self, key: str, values) -> None:
        """Fold a spectrum (1-D) or a batch (2-D, one spectrum per row) into ``key``'s statistics."""
        if not isinstance(key, str) or not key:
            raise InputError("instrument key must be a non-empty string")
        count, mean, var = self._batch(values)
        if not np.any(count > 0):
            raise InputError(f"no valid value to update the statistics of {key!r}")
        old = self._stats.get(key)
        if old is None:
            self._stats[key] = {"count": count, "mean": mean, "var": var}
            return
        n_a, m_a, v_a = old["count"], old["mean"], old["var"]
        has_a, has_b = n_a > 0, count > 0
        if self.momentum is None:
            n = n_a + count
            with np.errstate(invalid="ignore", divide="ignore"):
                delta = mean - m_a
                new_mean = m_a + delta * count / n
                new_var = (v_a * n_a + var * count + delta ** 2 * n_a * count / n) / n
        else:
            m = self.momentum
            n = n_a + count
            new_mean = (1 - m) * m_a + m * mean
            new_var = (1 - m) * v_a + m * var
        new_mean = np.where(has_a & has_b, new_mean, np.where(has_b, mean, m_a))
        new_var = np.where(has_a & has_b, new_var, np.where(has_b, var, v_a))
        self._stats[key] = {"count": n, "mean": new_mean, "var": new_var}

    def stats(self, key: str) -> Tuple[np.ndarray, np.ndarray]:
        """(μ, σ) of an instrument (arrays of n_bands, or 1-element arrays in scalar mode)."""
        if key not in self._stats:
            known = ", ".join(sorted(self._stats)) or "none"
            raise InputError(f"no statistics for instrument {key!r} (known: {known})")
        s = self._stats[key]
        return s["mean"].copy(), np.sqrt(s["var"])

    def count(self, key: str) -> np.ndarray:
        self.stats(key)
        return self._stats[key]["count"].copy()

    # --- persistence ----------------------------------------------------------
    def to_dict(self) -> dict:
        return {
            "format": _FORMAT, "version": 1, "n_bands": self.n_bands, "momentum": self.momentum,
            "wavelengths": None if self.wavelengths is None else _json_array(self.wavelengths),
            "instruments": {k: {name: _json_array(a) for name, a in s.items()} for k, s in self._stats.items()},
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=1, allow_nan=False)

    @classmethod
    def from_dict(cls, data: dict) -> "InstrumentStatsStore":
        try:
            if data.get("format") != _FORMAT:
                raise InputError("not a HyperProspect instrument statistics file")
            wl = data.get("wavelengths")
            store = cls(data.get("n_bands"), data.get("momentum"),
                        None if wl is None else _from_json(wl, (-1,)))
            shape = (store.n_bands or 1,)
            for key, s in data["instruments"].items():
                store._stats[str(key)] = {name: _from_json(s[name], shape) for name in ("count", "mean", "var")}
            return store
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise InputError(f"corrupt instrument statistics ({type(exc).__name__}: {exc})") from exc

    @classmethod
    def from_json(cls, text: str) -> "InstrumentStatsStore":
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise InputError(f"instrument statistics are not valid JSON ({exc})") from exc
        if not isinstance(data, dict):
            raise InputError("instrument statistics must be a JSON object")
        return cls.from_dict(data)

    def save(self, path) -> Path:
        target = Path(path)
        with atomic_output(target) as tmp:
            tmp.write_text(self.to_json(), encoding="utf-8")
        return target

    @classmethod
    def load(cls, path) -> "InstrumentStatsStore":
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeError) as exc:
            raise InputError(f"{path}: cannot read instrument statistics ({exc})") from exc
        return cls.from_json(text)


def normalise(values, key: str, store: InstrumentStatsStore, gamma=1.0, beta=0.0,
              eps: float = EPSILON) -> np.ndarray:
    """``γ·(x − μ_inst)/(σ_inst + ε) + β`` with the statistics of instrument ``key``."""
    x = np.asarray(values, dtype=np.float64)
    mean, std = store.stats(key)
    if store.n_bands is not None and x.shape[-1] != store.n_bands:
        raise InputError(f"expected {store.n_bands} bands, got {x.shape[-1]}")
    if store.n_bands is None:
        mean, std = mean[0], std[0]
    return gamma * (x - mean) / (std + eps) + beta
