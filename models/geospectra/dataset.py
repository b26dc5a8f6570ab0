"""Library spectra → arrays on the model grid, simulated sensor views, and the training augmentation.

:func:`build_dataset` resamples every library record to the grid once and also
precomputes, for every lab (ASD/BECK/Nicolet) record, how two imaging sensors
would see it: ZY-1 02D AHSI (band centres/FWHM from ``resources/sensors``) and
AVIRIS-1996 (splib07a band tables).  :class:`Augmenter` then draws, per
training example: a sensor view, sub-pixel mixing with another mineral,
brightness scale/offset, a wavelength shift of up to 3 native channels (at
most one grid step), white noise at 0–40 dB SNR (the lowest SNR falling from 30 dB over the
first half of training), masked water-vapour bands or
a truncated range, and "unknown instrument" dropout.  Physically grounded
additions: band depth scaled as continuum · CR^k (k 0.5–2: path length / grain
size), a continuum slope, and range crops at the coverage of real sensors
(AVIRIS SWIR 1990–2480 nm, VNIR 400–1000 nm, 400–1700 nm, 1000–2500 nm, …).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Sequence

import numpy as np

from .grid import GRID, GRID_STEP_NM, N_GRID, band_convolve, native_resolution_nm, read_sensor_table, resample
from .library import LibrarySpectrum, aviris_axis
from .network import INSTRUMENTS, OTHER
from .preprocess import prepare_arrays

AHSI_TABLE = Path(__file__).resolve().parents[2] / "resources" / "sensors" / "zy1_02d_ahsi.csv"
WATER_BANDS_NM = ((1340.0, 1460.0), (1790.0, 1960.0))


def instrument_index(name: str) -> int:
    return INSTRUMENTS.index(name) if name in INSTRUMENTS else OTHER


def metadata_features(mask: np.ndarray, resolution_nm: np.ndarray) -> np.ndarray:
    """(B, 4): log2(max(resolution, grid step)/grid step), first/last valid grid position, valid fraction."""
    m = np.asarray(mask) > 0.5
    any_valid = m.any(axis=1)
    first = np.where(any_valid, m.argmax(axis=1), 0) / (N_GRID - 1)
    last = np.where(any_valid, N_GRID - 1 - m[:, ::-1].argmax(axis=1), 0) / (N_GRID - 1)
    res = np.log2(np.maximum(np.asarray(resolution_nm, dtype=np.float64), GRID_STEP_NM) / GRID_STEP_NM)
    return np.stack([res, first, last, m.mean(axis=1)], axis=1).astype(np.float32)


@dataclass
class GridData:
    """Spectra on the model grid with their labels and provenance."""

    x: np.ndarray  # (N, L) float32, 0 where masked
    mask: np.ndarray  # (N, L) float32
    inst: np.ndarray  # (N,) int instrument index
    resolution: np.ndarray  # (N,) nm
    spacing: np.ndarray  # (N,) native sampling interval nm
    label: np.ndarray  # (N,) int class index
    sample_id: List[str]
    specimen: List[str]  # "<library name>|<sample token>": one prepared specimen, on any instrument
    family: List[str]
    source_family: List[str]
    record: List[str]
    views: Dict[str, Dict[str, np.ndarray]] = field(default_factory=dict)  # sensor → x, mask, ok

    def __len__(self) -> int:
        return len(self.label)

    def subset(self, idx) -> "GridData":
        idx = np.asarray(idx, dtype=int)
        pick = lambda seq: [seq[i] for i in idx]  # noqa: E731
        views = {k: {kk: vv[idx] for kk, vv in v.items()} for k, v in self.views.items()}
        return GridData(self.x[idx], self.mask[idx], self.inst[idx], self.resolution[idx], self.spacing[idx],
                        self.label[idx], pick(self.sample_id), pick(self.specimen), pick(self.family),
                        pick(self.source_family), pick(self.record), views)


def build_dataset(spectra: Sequence[LibrarySpectrum], classes: Sequence[str], data_dir: Path,
                  sensor_views: bool = True) -> GridData:
    cls_index = {c: i for i, c in enumerate(classes)}
    keep = [s for s in spectra if s.mineral in cls_index]
    n = len(keep)
    X = np.zeros((n, N_GRID), np.float32)
    M = np.zeros((n, N_GRID), np.float32)
    res = np.zeros(n)
    spacing = np.zeros(n)
    groups: Dict[tuple, List[int]] = {}
    for i, s in enumerate(keep):
        groups.setdefault((s.family, s.wavelengths.size, float(s.wavelengths[0])), []).append(i)
    for _, rows in groups.items():
        s0 = keep[rows[0]]
        V = np.stack([keep[r].values for r in rows])
        xg, mg = resample(s0.wavelengths, V)
        X[rows], M[rows] = xg, mg
        res[rows] = native_resolution_nm(s0.wavelengths, s0.fwhm)
        d = np.diff(s0.wavelengths)
        spacing[rows] = float(np.median(d[(s0.wavelengths[1:] > 400) & (s0.wavelengths[1:] < 2500)]))
    data = GridData(
        x=X, mask=M, inst=np.array([instrument_index(s.family) for s in keep]), resolution=res, spacing=spacing,
        label=np.array([cls_index[s.mineral] for s in keep]), sample_id=[s.sample_id for s in keep],
        specimen=[f"{s.raw_mineral}|{s.specimen}" for s in keep],
        family=[s.family for s in keep], source_family=[s.source_family for s in keep],
        record=[f"{s.name} {s.instrument_code} {s.reflectance}" for s in keep])
    if sensor_views:
        sensors = {"AHSI": read_sensor_table(AHSI_TABLE), "AVIRIS": aviris_axis(data_dir)}
        for sensor, (centres, fwhm) in sensors.items():
            vx = np.zeros_like(X)
            vm = np.zeros_like(M)
            ok = np.zeros(n, bool)
            for (fam, _, _), rows in groups.items():
                if fam == "AVIRIS":
                    continue
                s0 = keep[rows[0]]
                V = np.stack([keep[r].values for r in rows])
                bands = band_convolve(s0.wavelengths, V, centres, fwhm)
                xg, mg = resample(centres, bands)
                vx[rows], vm[rows] = xg, mg
                ok[rows] = mg.sum(axis=1) > 10
            data.views[sensor] = {"x": vx, "mask": vm, "ok": ok,
                                  "resolution": np.full(n, float(np.median(fwhm))),
                                  "spacing": np.full(n, float(np.median(np.diff(np.sort(centres)))))}
    return data


@dataclass
class AugmentConfig:
    p_sensor: float = 0.3
    sensors: tuple = ("AHSI", "AVIRIS")
    p_mix: float = 0.3
    max_mix: float = 0.3
    p_brightness: float = 0.8
    scale_range: tuple = (0.6, 1.5)
    offset_range: tuple = (-0.03, 0.05)
    p_shift: float = 0.5
    max_shift_channels: float = 3.0
    max_shift_nm: float = 10.0
    p_noise: float = 0.5
    snr_db_range: tuple = (0.0, 40.0)
    noise_curriculum: float = 0.5  # the lowest SNR drawn falls from 30 dB to the range's low end over this share of training
    p_water: float = 0.25
    p_truncate: float = 0.05
    p_unknown_instrument: float = 0.15
    # physically grounded: band depth ∝ path length (grain size) → continuum · CR^k; continuum slope
    p_depth: float = 0.5
    depth_power: tuple = (0.5, 2.0)
    p_slope: float = 0.4
    max_slope: float = 0.3
    # coverage of real sensors: range crops (SWIR-only, VNIR-only, …) on top of the sensor views
    p_crop: float = 0.35
    crops: tuple = ((1990.0, 2480.0), (400.0, 1000.0), (400.0, 1700.0), (1000.0, 2500.0), (1200.0, 2500.0))


def add_noise(x: np.ndarray, mask: np.ndarray, snr_db, rng: np.random.Generator) -> np.ndarray:
    """White Gaussian noise at the given SNR (dB, scalar or per row): σ² = mean(x²) / 10^(SNR/10) over valid samples."""
    m = mask > 0.5
    power = (np.where(m, x, 0.0) ** 2).sum(axis=1) / np.maximum(m.sum(axis=1), 1)
    snr = np.broadcast_to(np.asarray(snr_db, dtype=np.float64), (x.shape[0],))
    sigma = np.sqrt(power / 10.0 ** (snr / 10.0))
    return (x + rng.standard_normal(x.shape) * sigma[:, None] * m).astype(np.float32)


def shift_rows(x: np.ndarray, mask: np.ndarray, shift_channels: np.ndarray):
    """Shift each row by a fractional number of grid channels (positive → towards longer wavelengths)."""
    L = x.shape[1]
    pos = np.arange(L)[None, :] - shift_channels[:, None]
    lo = np.floor(pos).astype(int)
    frac = (pos - lo).astype(np.float32)
    lo_c = np.clip(lo, 0, L - 1)
    hi_c = np.clip(lo + 1, 0, L - 1)
    xs = (1 - frac) * np.take_along_axis(x, lo_c, 1) + frac * np.take_along_axis(x, hi_c, 1)
    inside = (pos >= 0) & (pos <= L - 1)
    ms = np.minimum(np.take_along_axis(mask, lo_c, 1), np.take_along_axis(mask, hi_c, 1)) * inside
    return (xs * ms).astype(np.float32), ms.astype(np.float32)


class Augmenter:
    def __init__(self, data: GridData, config: AugmentConfig, rng: np.random.Generator):
        self.data = data
        self.cfg = config
        self.rng = rng
        self.progress = 1.0  # share of training done (set by the training loop; drives the noise curriculum)
        self.full = np.nonzero(data.mask.min(axis=1) > 0.5)[0]
        self.water = np.zeros(N_GRID, bool)
        for a, b in WATER_BANDS_NM:
            self.water |= (GRID >= a) & (GRID <= b)
        from .preprocess import continuum_removed_grid

        # continuum (convex hull) of every spectrum once: band-depth scaling is continuum · CR^k
        self.cr = continuum_removed_grid(data.x, data.mask)
        self.continuum = np.where(self.cr > 1e-6, data.x / np.maximum(self.cr, 1e-6), data.x).astype(np.float32)

    def _physical(self, x: np.ndarray, m: np.ndarray, idx: np.ndarray, own: np.ndarray) -> np.ndarray:
        """Band-depth (path-length) scaling and continuum slope on rows still holding their own grid spectrum."""
        c, rng, B = self.cfg, self.rng, len(idx)
        sel = own & (rng.random(B) < c.p_depth)
        if sel.any():
            k = np.exp(rng.uniform(np.log(c.depth_power[0]), np.log(c.depth_power[1]), sel.sum()))[:, None]
            cr = np.clip(self.cr[idx[sel]], 1e-4, 1.0)
            x[sel] = (self.continuum[idx[sel]] * cr ** k.astype(np.float32)) * m[sel]
        sel = rng.random(B) < c.p_slope
        if sel.any():
            t = ((GRID - 1450.0) / 2100.0).astype(np.float32)[None, :]
            s = rng.uniform(-c.max_slope, c.max_slope, sel.sum()).astype(np.float32)[:, None]
            x[sel] = x[sel] * np.clip(1.0 + s * t, 0.2, None) * m[sel]
        return x

    def _crop(self, m: np.ndarray) -> np.ndarray:
        c, rng = self.cfg, self.rng
        for r in np.nonzero(rng.random(len(m)) < c.p_crop)[0]:
            if rng.random() < 0.7:
                lo, hi = c.crops[rng.integers(0, len(c.crops))]
            else:  # any window of at least 300 nm
                lo = rng.uniform(400.0, 2150.0)
                hi = rng.uniform(lo + 300.0, 2500.0)
            m[r] *= (GRID >= lo) & (GRID <= hi)
        return m

    def __call__(self, idx: np.ndarray) -> Dict[str, np.ndarray]:
        d, c, rng = self.data, self.cfg, self.rng
        B = len(idx)
        x = d.x[idx].copy()
        m = d.mask[idx].copy()
        inst = d.inst[idx].copy()
        res = d.resolution[idx].copy()
        spacing = d.spacing[idx].copy()
        own = np.ones(B, bool)
        # sensor views (imaging spectrometers) of lab spectra
        for sensor in c.sensors:
            view = d.views.get(sensor)
            if view is None:
                continue
            sel = (rng.random(B) < c.p_sensor / max(len(c.sensors), 1)) & view["ok"][idx]
            if sel.any():
                rows = idx[sel]
                x[sel], m[sel] = view["x"][rows], view["mask"][rows]
                inst[sel] = instrument_index(sensor)
                res[sel] = view["resolution"][rows]
                spacing[sel] = view["spacing"][rows]
                own &= ~sel
        x = self._physical(x, m, idx, own)
        # sub-pixel mixing with another mineral
        sel = np.nonzero(rng.random(B) < c.p_mix)[0]
        if sel.size and self.full.size:
            other = self.full[rng.integers(0, self.full.size, sel.size)]
            diff = d.label[other] != d.label[idx[sel]]
            sel, other = sel[diff], other[diff]
            a = rng.uniform(0.0, c.max_mix, sel.size).astype(np.float32)[:, None]
            x[sel] = ((1 - a) * x[sel] + a * d.x[other]) * m[sel]
        # brightness
        sel = rng.random(B) < c.p_brightness
        scale = np.exp(rng.uniform(np.log(c.scale_range[0]), np.log(c.scale_range[1]), B)).astype(np.float32)
        offset = rng.uniform(*c.offset_range, B).astype(np.float32)
        x = np.where(sel[:, None], (x * scale[:, None] + offset[:, None]) * m, x)
        # wavelength shift: up to 3 native channels, at most one grid step
        sel = rng.random(B) < c.p_shift
        if sel.any():
            max_nm = np.minimum(c.max_shift_channels * spacing[sel], c.max_shift_nm)
            shift = rng.uniform(-1, 1, sel.sum()) * max_nm / GRID_STEP_NM
            x[sel], m[sel] = shift_rows(x[sel], m[sel], shift)
        # noise
        sel = rng.random(B) < c.p_noise
        if sel.any():
            lo, hi = c.snr_db_range
            ramp = min(1.0, self.progress / c.noise_curriculum) if c.noise_curriculum > 0 else 1.0
            lo = max(lo, min(30.0, hi) - (min(30.0, hi) - lo) * ramp)
            snr = rng.uniform(lo, hi, sel.sum())
            x[sel] = add_noise(x[sel], m[sel], snr, rng)
        # masked water-vapour bands / truncated range
        sel = rng.random(B) < c.p_water
        m[sel] *= ~self.water
        m = self._crop(m)
        sel = np.nonzero(rng.random(B) < c.p_truncate)[0]
        for r in sel:
            if rng.random() < 0.5:
                m[r, GRID > rng.uniform(1000, 1800)] = 0.0
            else:
                m[r, GRID < rng.uniform(700, 1500)] = 0.0
        empty = m.sum(axis=1) < 10
        if empty.any():  # never train on nothing: restore the original
            x[empty], m[empty] = d.x[idx[empty]], d.mask[idx[empty]]
        x *= m
        inst[rng.random(B) < c.p_unknown_instrument] = OTHER
        return {"x": x, "mask": m, "inst": inst, "resolution": res}


def model_inputs(x: np.ndarray, mask: np.ndarray, inst: np.ndarray, resolution: np.ndarray,
                 denoise: bool = True, rule: str = None) -> Dict[str, np.ndarray]:
    """Grid arrays → the network's inputs (numpy): x, raw, mask, inst, meta, stats."""
    prep = prepare_arrays(x, mask, denoise=denoise, rule=rule)
    return {"x": prep["x"], "raw": prep["raw"], "mask": prep["mask"], "inst": np.asarray(inst, dtype=np.int64),
            "meta": metadata_features(mask, resolution), "stats": prep["stats"], "snr": prep["snr"],
            "level": prep["level"]}
