"""Training of the enhanced GCN and its baselines (no QGIS).

Speed.  Every tile has the same graph, so the whole data set is normalised,
laid out node-major (``[n, N, C]``) and held as one tensor; a batch is an
``index_select`` of 32 tile columns, and one GCN layer is two GEMMs for the
whole batch (see :mod:`.layers`).  The first layer's propagation ``Â X`` does
not depend on the weights, so it is computed once for the data set.  Nothing
is collated per batch, there are no ``Data`` objects and no scatter.

Reproducibility.  ``seed`` seeds the weights, the batch order and the split
tie-breaks; deterministic algorithms are switched on for the run and the
thread count is fixed, so the same seed gives the same metrics on the same
machine.

Device and processes.  ``settings.device`` (:mod:`models.device`) places the model and the
tensors; under ``torchrun`` every rank takes its share of each batch and the gradients are summed
(:mod:`models.distributed`), so the global batch, the kept epoch and the model are those of one
process up to the batch-norm statistics, which each rank computes on its share.  The trained model
comes back on the CPU.

Cancel.  ``progress.check()`` runs before every batch and
``progress.update()`` after every epoch (both raise
:class:`~models.errors.CancelledError`); nothing is written here, files are the
caller's (:mod:`.pipeline`), which writes them only after training succeeded.
"""
from __future__ import annotations

import contextlib
import math
import os
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple

import numpy as np
import torch
import torch.nn.functional as F

from .. import distributed
from ..container import json_clean
from ..device import describe_device
from ..errors import InputError
from ..progress import Progress, ensure_progress
from .layers import normalized_adjacency, propagate
from .metrics import best_f1_threshold, evaluate
from .networks import ARCH_LABELS, ARCHITECTURES, build_network
from .settings import TrainSettings, as_settings
from .split import blocks_from_positions, spatial_split
from .svm import SVMBaseline

DEFAULT_CLASS_NAMES = ["barren", "mineralised"]


# --------------------------------------------------------------------------- data
@dataclass
class TrainingData:
    """What training needs, independent of where it came from.

    ``x`` is **normalised** (``(raw - mean) / std``), tile-major ``[N, n, C]``.
    """

    x: np.ndarray
    y: np.ndarray
    block: np.ndarray
    edge_index: np.ndarray
    tile_size: int
    mean: np.ndarray
    std: np.ndarray
    channel_names: List[str]
    wavelengths_nm: List[Optional[float]]
    rows: Optional[np.ndarray] = None
    cols: Optional[np.ndarray] = None
    stride: Optional[int] = None
    edge_threshold_m: Optional[float] = None
    class_names: List[str] = field(default_factory=lambda: list(DEFAULT_CLASS_NAMES))
    meta: Dict[str, Any] = field(default_factory=dict)
    crs_wkt: Optional[str] = None
    geotransform: Optional[List[float]] = None
    raster_size: Optional[List[int]] = None
    node_y: Optional[np.ndarray] = None  # int8 [N, n]: 1 / 0 / -1 (ignored) per node, for node-level models

    @property
    def num_nodes(self) -> int:
        return int(self.x.shape[1])

    @property
    def num_channels(self) -> int:
        return int(self.x.shape[2])

    def spectral_channels(self) -> List[int]:
        """Channels that are spectral bands (they have a wavelength).  Falls back
        to ``meta['spectral_channels']``, then to the channels not named in
        ``meta['geology_layers']``."""
        idx = [i for i, w in enumerate(self.wavelengths_nm)
               if w is not None and not (isinstance(w, float) and math.isnan(w))]
        if idx:
            return idx
        if "spectral_channels" in self.meta:
            return [int(i) for i in self.meta["spectral_channels"]]
        geology = set(str(g) for g in self.meta.get("geology_layers", []) or [])
        idx = [i for i, name in enumerate(self.channel_names) if name not in geology]
        return idx or list(range(self.num_channels))

    def channel_records(self) -> Optional[List[Dict[str, Any]]]:
        """Per channel: kind (spectral / geology / mineral / other), wavelength, source file and band,
        distance method — as the graph data set recorded them (``meta['channels']``, see
        :class:`models.raster.stack.Channel`); None for data sets written before the record."""
        records = self.meta.get("channels")
        if not isinstance(records, list) or len(records) != self.num_channels:
            return None
        return [dict(r, name=name) for r, name in zip(json_clean(records), self.channel_names)]

    def geology_channels(self) -> List[str]:
        spectral = set(self.spectral_channels())
        return [name for i, name in enumerate(self.channel_names) if i not in spectral]

    def band_ranges(self) -> Optional[List[List[float]]]:
        """The band ranges used: from the data set's metadata, else derived from
        the spectral channels' wavelengths (runs split at gaps wider than three
        times the median band spacing)."""
        for key in ("band_ranges_nm", "band_ranges", "ranges_nm"):
            if self.meta.get(key):
                return json_clean(self.meta[key])
        wl = sorted(float(self.wavelengths_nm[i]) for i in self.spectral_channels()
                    if self.wavelengths_nm[i] is not None)
        if not wl:
            return None
        if len(wl) == 1:
            return [[wl[0], wl[0]]]
        gaps = np.diff(wl)
        step = float(np.median(gaps))
        ranges, lo = [], wl[0]
        for a, b, g in zip(wl[:-1], wl[1:], gaps):
            if g > 3 * step:
                ranges.append([lo, a])
                lo = b
        ranges.append([lo, wl[-1]])
        return ranges

    def describe(self) -> Dict[str, Any]:
        """The data description stored in the model file and the report."""
        n_tiles = int(self.y.size)
        # keep the data set's own metadata, without per-tile arrays
        meta = {k: v for k, v in json_clean(self.meta).items()
                if k != "channels" and not (isinstance(v, list) and len(v) == n_tiles and n_tiles > 16)}
        return {
            "channel_names": list(self.channel_names),
            "channels": self.channel_records(),
            "wavelengths_nm": [None if w is None else float(w) for w in self.wavelengths_nm],
            "spectral_channels": self.spectral_channels(),
            "band_ranges_nm": self.band_ranges(),
            "geology_layers": meta.get("geology_layers") or self.geology_channels(),
            "mean": [float(v) for v in self.mean],
            "std": [float(v) for v in self.std],
            "tile_size": int(self.tile_size),
            "stride": None if self.stride is None else int(self.stride),
            "num_nodes": self.num_nodes,
            "edge_rule": {
                "kind": "distance_threshold",
                "threshold_m": None if self.edge_threshold_m is None else float(self.edge_threshold_m),
                "self_loops": "added by the GCN (Kipf & Welling normalisation)",
                "num_edges": int(np.asarray(self.edge_index).shape[1]),
            },
            "edge_index": np.asarray(self.edge_index, dtype=np.int64).tolist(),
            "class_names": list(self.class_names),
            "crs_wkt": self.crs_wkt,
            "geotransform": None if self.geotransform is None else [float(v) for v in self.geotransform],
            "raster_size": None if self.raster_size is None else [int(v) for v in self.raster_size],
            "labels": {"positive": int(np.sum(self.y == 1)), "negative": int(np.sum(self.y == 0)),
                       "unlabelled": int(np.sum(self.y < 0))},
            "dataset_meta": meta,
        }


def as_training_data(source=None, **arrays) -> TrainingData:
    """A :class:`TrainingData` from a ``GraphDataset`` (anything with
    ``normalised_x()``), a ``TrainingData``, a mapping, or keyword arrays.

    Plain arrays: ``x`` (raw, ``[N, n, C]``) with ``mean``/``std`` (computed
    from ``x`` when missing) or ``x_normalised``; ``y``; ``edge_index`` (or
    ``tile_size`` alone for the paper's 8-neighbourhood); ``block`` (or
    ``rows``/``cols`` to derive spatial blocks); optional channel metadata.
    """
    if isinstance(source, TrainingData):
        return source
    if source is not None and hasattr(source, "normalised_x"):
        ds = source
        x = np.asarray(ds.normalised_x(), dtype=np.float32)
        get = lambda name, default=None: getattr(ds, name, default)  # noqa: E731
        fields = {name: get(name) for name in (
            "y", "block", "rows", "cols", "edge_index", "tile_size", "stride", "edge_threshold_m", "channel_names",
            "wavelengths_nm", "mean", "std", "crs_wkt", "geotransform", "raster_size", "class_names", "meta", "node_y")}
        fields["x_normalised"] = x
        return _from_arrays(fields)
    if source is not None:
        arrays = {**dict(source), **arrays}
    return _from_arrays(arrays)


def _from_arrays(a: Dict[str, Any]) -> TrainingData:
    if a.get("x_normalised") is not None:
        x = np.asarray(a["x_normalised"], dtype=np.float32)
        mean = (np.asarray(a["mean"], dtype=np.float32) if a.get("mean") is not None
                else np.zeros(x.shape[2], np.float32))
        std = np.asarray(a["std"], dtype=np.float32) if a.get("std") is not None else np.ones(x.shape[2], np.float32)
    elif a.get("x") is not None:
        raw = np.asarray(a["x"], dtype=np.float32)
        if raw.ndim != 3:
            raise InputError(f"Tiles must have shape [tiles, nodes, channels]; got {raw.shape}.")
        mean = (np.asarray(a["mean"], dtype=np.float32) if a.get("mean") is not None
                else raw.mean(axis=(0, 1), dtype=np.float64).astype(np.float32))
        std = (np.asarray(a["std"], dtype=np.float32) if a.get("std") is not None
               else raw.std(axis=(0, 1), dtype=np.float64).astype(np.float32))
        safe = np.where(std > 0, std, 1.0).astype(np.float32)
        x = (raw - mean) / safe
    else:
        raise InputError("No tiles given (x or x_normalised).")
    if x.ndim != 3:
        raise InputError(f"Tiles must have shape [tiles, nodes, channels]; got {x.shape}.")
    if not np.all(np.isfinite(x)):
        raise InputError("The tiles contain NaN or infinite values after normalisation; fill or mask no-data first.")
    n_tiles, n_nodes, n_ch = x.shape
    y = np.asarray(a.get("y"), dtype=np.int64).ravel() if a.get("y") is not None else None
    if y is None or y.shape[0] != n_tiles:
        raise InputError("Labels y are missing or do not match the number of tiles.")
    tile_size = a.get("tile_size")
    tile_size = int(tile_size) if tile_size is not None else int(round(math.sqrt(n_nodes)))
    if tile_size * tile_size != n_nodes:
        raise InputError(f"{n_nodes} nodes per tile is not a {tile_size}×{tile_size} tile.")
    edge_index = a.get("edge_index")
    if edge_index is None:
        from .layers import grid_edge_index
        edge_index = grid_edge_index(tile_size, 1.7).numpy()
    edge_index = np.asarray(edge_index, dtype=np.int64)
    if edge_index.ndim != 2 or edge_index.shape[0] != 2:
        raise InputError(f"edge_index must have shape [2, E]; got {edge_index.shape}.")
    if edge_index.size and (edge_index.min() < 0 or edge_index.max() >= n_nodes):
        raise InputError("edge_index refers to nodes outside the tile.")
    rows = np.asarray(a["rows"]).astype(np.int64) if a.get("rows") is not None else None
    cols = np.asarray(a["cols"]).astype(np.int64) if a.get("cols") is not None else None
    block = a.get("block")
    if block is None:
        if rows is None or cols is None:
            raise InputError("Spatial blocks are needed for a leak-free split: give block ids or tile rows/cols.")
        stride = a.get("stride") or tile_size
        block = blocks_from_positions(rows, cols, max(4 * tile_size, 4 * int(stride)))
    block = np.asarray(block, dtype=np.int64).ravel()
    if block.shape[0] != n_tiles:
        raise InputError("Block ids do not match the number of tiles.")
    names = list(a.get("channel_names") or [f"channel_{i + 1}" for i in range(n_ch)])
    wls = list(a.get("wavelengths_nm") or [None] * n_ch)
    if len(names) != n_ch or len(wls) != n_ch:
        raise InputError(f"Channel names/wavelengths list {len(names)}/{len(wls)} entries for {n_ch} channels.")
    class_names = list(a.get("class_names") or DEFAULT_CLASS_NAMES)
    node_y = a.get("node_y")
    if node_y is not None:
        node_y = np.asarray(node_y, dtype=np.int8)
        if node_y.shape != (n_tiles, n_nodes):
            raise InputError(f"Node labels have shape {node_y.shape}, expected ({n_tiles}, {n_nodes}).")
    return TrainingData(
        x=np.ascontiguousarray(x), y=y, block=block, edge_index=edge_index, tile_size=tile_size,
        mean=np.asarray(mean, np.float32).ravel(), std=np.asarray(std, np.float32).ravel(),
        channel_names=[str(n) for n in names], wavelengths_nm=[None if w is None else float(w) for w in wls],
        rows=rows, cols=cols, stride=None if a.get("stride") is None else int(a["stride"]),
        edge_threshold_m=None if a.get("edge_threshold_m") is None else float(a["edge_threshold_m"]),
        class_names=class_names, meta=dict(a.get("meta") or {}), crs_wkt=a.get("crs_wkt"),
        geotransform=None if a.get("geotransform") is None else list(a["geotransform"]),
        raster_size=None if a.get("raster_size") is None else list(a["raster_size"]), node_y=node_y,
    )


def make_split(data: TrainingData, val_fraction: float = 0.3, seed: int = 0,
               guard="touch") -> Tuple[np.ndarray, np.ndarray]:
    """The spatial 7:3 split of :mod:`.split` for ``data`` (whole blocks; by
    default training tiles touching a validation tile are left out)."""
    return spatial_split(data.y, data.block, data.rows, data.cols, val_fraction=val_fraction, seed=seed,
                         tile_size=data.tile_size, guard=guard)


# --------------------------------------------------------------------------- results
@dataclass
class TrainResult:
    arch: str
    model: Any                       # trained module (best checkpoint, eval mode) or SVMBaseline
    history: List[Dict[str, float]]  # per epoch: train_loss, val_loss, val metrics, seconds
    best_epoch: Optional[int]
    metrics: Dict[str, float]        # validation metrics of the kept model
    train_metrics: Dict[str, float]
    val_scores: np.ndarray
    val_true: np.ndarray
    train_idx: np.ndarray
    val_idx: np.ndarray
    settings: Dict[str, Any]
    data_info: Dict[str, Any]
    seconds: float
    grid: Optional[List[Dict[str, Any]]] = None
    final_model: Any = None          # refitted on every labelled tile after validation (final_fit = "all")
    members: Optional[Dict[str, "TrainResult"]] = None  # a blend's node GCN and gradient boosting

    @property
    def saved_model(self):
        """What the model file holds: the final fit when there is one, else the validated model."""
        return self.model if self.final_model is None else self.final_model

    @property
    def label(self) -> str:
        return ARCH_LABELS.get(self.arch, self.arch)

    @property
    def seconds_per_epoch(self) -> Optional[float]:
        if not self.history:
            return None
        return float(np.mean([h["seconds"] for h in self.history]))

    def summary(self) -> Dict[str, Any]:
        keep = ("accuracy", "precision", "recall", "f1", "roc_auc", "pr_auc", "tp", "tn", "fp", "fn", "n")
        return {"arch": self.arch, "model": self.label, "best_epoch": self.best_epoch,
                **{k: self.metrics.get(k) for k in keep}, "seconds": round(self.seconds, 3)}


# --------------------------------------------------------------------------- torch state
@contextlib.contextmanager
def torch_run_settings(threads: Optional[int] = None, deterministic: bool = True):
    """Fix the thread count and switch deterministic algorithms on for one run
    (previous settings are restored afterwards)."""
    old_threads = torch.get_num_threads()
    old_det = torch.are_deterministic_algorithms_enabled()
    old_warn = torch.is_deterministic_algorithms_warn_only_enabled()
    n = distributed.threads_per_rank(threads, default_threads())
    try:
        torch.set_num_threads(n)
        if deterministic:
            torch.use_deterministic_algorithms(True, warn_only=True)
        yield n
    finally:
        torch.set_num_threads(old_threads)
        torch.use_deterministic_algorithms(old_det, warn_only=old_warn)


def default_threads() -> int:
    """All cores this process may use (2 here), at most 8 (more does not help
    these GEMM sizes and hurts a desktop that is also running QGIS)."""
    try:
        n = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        n = os.cpu_count() or 1
    return max(1, min(n, 8))


def _class_weights(class_weight, y_train: np.ndarray) -> Optional[torch.Tensor]:
    if class_weight is None:
        return None
    if isinstance(class_weight, str):
        if class_weight != "balanced":
            raise InputError(f"Unknown class weighting {class_weight!r}; use 'balanced' or two numbers.")
        counts = np.bincount(y_train, minlength=2).astype(np.float64)
        w = np.where(counts > 0, counts.sum() / (2.0 * np.maximum(counts, 1)), 0.0)
        return torch.tensor(w, dtype=torch.float32)
    w = np.asarray(class_weight, dtype=np.float64).ravel()
    if w.shape != (2,) or np.any(w < 0):
        raise InputError("Class weights must be two non-negative numbers.")
    return torch.tensor(w, dtype=torch.float32)


# --------------------------------------------------------------------------- training
def train_model(
    data,
    settings: Optional[TrainSettings] = None,
    *,
    progress: Optional[Progress] = None,
    split: Optional[Tuple[Sequence[int], Sequence[int]]] = None,
    log: Optional[Callable[[str], None]] = None,
    init_state: Optional[Dict[str, torch.Tensor]] = None,
    **changes: Any,
) -> TrainResult:
    """Train one model and keep the checkpoint best on validation.

    ``data``: a ``GraphDataset``, :class:`TrainingData` or mapping of arrays
    (see :func:`as_training_data`).  ``settings``: a :class:`.settings.TrainSettings`
    (or its dict); keywords (``arch=…, epochs=…``) change single settings of it.
    ``split``: ``(train_idx, val_idx)``; by default the spatial split
    (:func:`make_split`, ``split_guard`` as in :func:`.split.spatial_split`).
    ``init_state``: initial weights (a state dict of the same network), e.g. to
    compare implementations from one start.
    """
    s = as_settings(settings, **changes)
    s.validate(ARCHITECTURES)
    data = as_training_data(data)
    progress = ensure_progress(progress)
    train_idx, val_idx = _checked_split(data, s, split)
    record = _settings_record(s, split is not None, train_idx, val_idx)
    t0 = time.perf_counter()
    if s.arch == "svm":
        return _train_svm(data, s, train_idx, val_idx, record, progress, t0)
    if s.arch == "node":
        return _train_node(data, train_idx, val_idx, record, s, progress, log, t0)
    if s.arch == "gbt":
        return _train_gbt(data, train_idx, val_idx, record, s, progress, t0)
    if s.arch == "blend":
        return _train_blend(data, train_idx, val_idx, record, s, progress, log, t0)
    return _train_network(data, s, train_idx, val_idx, record, progress, log, init_state, t0)


def _checked_split(data: TrainingData, s: TrainSettings, split) -> Tuple[np.ndarray, np.ndarray]:
    if split is None:
        train_idx, val_idx = make_split(data, val_fraction=s.val_fraction, seed=s.seed, guard=s.split_guard)
    else:
        train_idx, val_idx = (np.asarray(part, dtype=np.int64) for part in split)
    if train_idx.size == 0 or val_idx.size == 0:
        raise InputError("The training or validation set is empty.")
    if np.any(data.y[train_idx] < 0) or np.any(data.y[val_idx] < 0):
        raise InputError("Unlabelled tiles (label -1) cannot be used for training or validation.")
    if np.unique(data.y[train_idx]).size < 2:
        raise InputError("The training set has only one class; label more mineralised or barren tiles.")
    return train_idx, val_idx


def _settings_record(s: TrainSettings, given_split: bool, train_idx, val_idx) -> Dict[str, Any]:
    """The settings as the model file and the report record them."""
    cw = s.class_weight
    return {"arch": s.arch, "epochs": int(s.epochs), "lr": float(s.lr), "hidden": int(s.hidden),
            "batch_size": int(s.batch_size), "seed": int(s.seed), "optimizer": "Adam",
            "loss": "cross-entropy", "class_weight": cw if cw in (None, "balanced") else list(map(float, cw)),
            "weight_decay": float(s.weight_decay), "monitor": s.monitor, "val_fraction": float(s.val_fraction),
            "split": "given" if given_split else f"spatial blocks, guard={s.split_guard}",
            "n_train": int(train_idx.size), "n_val": int(val_idx.size), "world_size": distributed.current().world_size}


def _train_svm(data: TrainingData, s: TrainSettings, train_idx, val_idx, record, progress, t0) -> TrainResult:
    y_tr, y_va = data.y[train_idx], data.y[val_idx]
    progress.update(0.0, "fitting the SVM (spectral channels only)")
    model = SVMBaseline(data.spectral_channels(), data.num_channels, C=s.svm_C, class_weight=s.class_weight,
                        seed=s.seed)
    model.fit(data.x[train_idx], y_tr)
    progress.check()
    record.update({"epochs": 0, "svm_C": float(s.svm_C), "features": "tile mean of the spectral channels",
                   "spectral_channels": data.spectral_channels()})
    val_scores = model.predict_proba(data.x[val_idx])
    train_scores = model.predict_proba(data.x[train_idx])
    progress.update(1.0, "SVM fitted")
    return TrainResult("svm", model, [], None, evaluate(y_va, val_scores), evaluate(y_tr, train_scores),
                       val_scores, y_va, train_idx, val_idx, record, data.describe(), time.perf_counter() - t0)


@dataclass
class _Tensors:
    """The training and validation tiles, node-major, once (and ``Â X`` for the GCNs)."""

    x_tr: torch.Tensor
    x_va: torch.Tensor
    xp_tr: Optional[torch.Tensor]
    xp_va: Optional[torch.Tensor]
    t_tr: torch.Tensor
    t_va: torch.Tensor
    weights: Optional[torch.Tensor]


def _tensors(data: TrainingData, adj, train_idx, val_idx, is_graph: bool, class_weight,
             device: torch.device) -> _Tensors:
    x_tr = torch.from_numpy(np.ascontiguousarray(data.x[train_idx].transpose(1, 0, 2)))
    x_va = torch.from_numpy(np.ascontiguousarray(data.x[val_idx].transpose(1, 0, 2)))
    weights = _class_weights(class_weight, data.y[train_idx])

    def on(t):
        return None if t is None else t.to(device)

    return _Tensors(on(x_tr), on(x_va), on(propagate(adj, x_tr) if is_graph else None),
                    on(propagate(adj, x_va) if is_graph else None), on(torch.from_numpy(data.y[train_idx])),
                    on(torch.from_numpy(data.y[val_idx])), on(weights))


def _train_epoch(model, opt, t: _Tensors, batch_size: int, gen, progress) -> float:
    """One pass over the training tiles in a seeded random order; the mean training loss."""
    model.train()
    ctx = distributed.current()
    n_tr = int(t.t_tr.numel())
    perm = torch.randperm(n_tr, generator=gen).to(t.t_tr.device)  # the same order on every rank (same seed)
    total = 0.0
    for start in range(0, n_tr, batch_size):
        progress.check()
        idx = perm[start:start + batch_size]
        if ctx.active:
            loss_value = _shard_step(model, opt, t, idx, ctx)
        else:
            xpb = t.xp_tr.index_select(1, idx) if t.xp_tr is not None else None
            loss = F.cross_entropy(model(t.x_tr.index_select(1, idx), xpb), t.t_tr[idx], weight=t.weights)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            loss_value = loss.item()
        total += loss_value * idx.numel()
    return total / n_tr


def _shard_step(model, opt, t: _Tensors, idx: torch.Tensor, ctx) -> float:
    """One optimiser step of the global batch ``idx`` on this rank's share: the local loss is the share's
    part of the global batch's (weighted) mean, so the summed gradients are those of one process."""
    target = t.t_tr[idx]
    denominator = t.weights[target].sum() if t.weights is not None else torch.tensor(float(idx.numel()))
    mine = idx[ctx.shard(idx.numel())]
    opt.zero_grad(set_to_none=True)
    loss = torch.zeros(())
    if mine.numel():
        xpb = t.xp_tr.index_select(1, mine) if t.xp_tr is not None else None
        loss = F.cross_entropy(model(t.x_tr.index_select(1, mine), xpb), t.t_tr[mine], weight=t.weights,
                               reduction="sum") / denominator
        loss.backward()
    (global_loss,) = distributed.sync_gradients(model.parameters(), [loss])
    opt.step()
    return global_loss


def _train_network(data: TrainingData, s: TrainSettings, train_idx, val_idx, record, progress, log, init_state,
                   t0) -> TrainResult:
    """The tile-level networks (enhanced and plain GCN, CNN): Adam, the best epoch on validation kept."""
    y_tr, y_va = data.y[train_idx], data.y[val_idx]
    with torch_run_settings(s.threads) as n_threads:
        device = distributed.rank_device(s.device)
        record.update(threads=n_threads, device=describe_device(device))
        torch.manual_seed(s.seed)
        gen = torch.Generator().manual_seed(int(s.seed))
        adj = normalized_adjacency(data.edge_index, data.num_nodes)
        config = {"in_channels": data.num_channels, "hidden": int(s.hidden), "width": 64, "num_classes": 2,
                  "tile_size": data.tile_size, "num_nodes": data.num_nodes}
        if s.arch == "cnn":
            config["hidden"] = 64  # the CNN's own width; `hidden` is the GCNs' hidden size
        model = build_network(s.arch, config, adj)
        if init_state is not None:
            model.load_state_dict(init_state)
        model.to(device)
        t = _tensors(data, adj, train_idx, val_idx, s.arch in ("enhanced", "plain"), s.class_weight, device)
        opt = torch.optim.Adam(model.parameters(), lr=float(s.lr), weight_decay=float(s.weight_decay), fused=True)
        history: List[Dict[str, float]] = []
        best_key = best_state = best_epoch = None
        for epoch in range(1, int(s.epochs) + 1):
            te = time.perf_counter()
            train_loss = _train_epoch(model, opt, t, int(s.batch_size), gen, progress)
            distributed.sync_buffers(model)  # every rank validates the same model
            val_loss, val_scores = _evaluate_loss(model, t.x_va, t.xp_va, t.t_va, t.weights)
            m = evaluate(y_va, val_scores)
            val_loss, m["f1"] = distributed.broadcast_floats([val_loss, m["f1"]])  # rank 0 decides the kept epoch
            history.append({"epoch": epoch, "train_loss": train_loss, "val_loss": val_loss,
                            **{f"val_{k}": m[k] for k in ("accuracy", "precision", "recall", "f1", "roc_auc")},
                            "seconds": time.perf_counter() - te})
            key = (val_loss,) if s.monitor == "val_loss" else (-m["f1"], val_loss)
            if best_key is None or key < best_key:
                best_key, best_epoch = key, epoch
                best_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
            msg = (f"{ARCH_LABELS[s.arch]} epoch {epoch}/{s.epochs}: train loss {train_loss:.4f}, "
                   f"val loss {val_loss:.4f}, val acc {m['accuracy']:.3f}, val F1 {m['f1']:.3f}")
            if log is not None:
                log(msg)
            progress.update(epoch / int(s.epochs), msg)
        model.load_state_dict(best_state)
        model.eval()
        _, val_scores = _evaluate_loss(model, t.x_va, t.xp_va, t.t_va, t.weights)
        _, train_scores = _evaluate_loss(model, t.x_tr, t.xp_tr, t.t_tr, t.weights)
        model.to("cpu")  # callers (prediction, importance, the model file) work on the CPU
    record["seconds_per_epoch"] = float(np.mean([h["seconds"] for h in history]))
    return TrainResult(s.arch, model, history, best_epoch, evaluate(y_va, val_scores), evaluate(y_tr, train_scores),
                       val_scores, y_va, train_idx, val_idx, record, data.describe(), time.perf_counter() - t0)


def _train_node(data: TrainingData, train_idx, val_idx, settings, s: TrainSettings, progress, log,
                t0) -> TrainResult:
    """The node-level model (:mod:`.node`): pixel labels, tile scores = best pixel of the tile."""
    from .node import refit_node_model, train_node_model

    if data.node_y is None:
        raise InputError("The node-level model needs pixel labels: rebuild the graph data set with this version "
                         "of Build graph data set (it records them with the tile labels).")
    with torch_run_settings(s.threads) as n_threads:
        device = distributed.rank_device(s.device)
        settings.update({"threads": n_threads, "device": describe_device(device),
                         "optimizer": "AdamW, one-cycle learning rate",
                         "loss": "cross-entropy per labelled node (balanced)",
                         "augmentation": "8 dihedral symmetries", "node_labels": "1 on pixels a known body touches, "
                         "ignored within the label buffer, 0 elsewhere"})
        fit = progress.span(0.0, 0.6) if s.final_fit == "all" else progress
        model, history, best, val_scores, train_scores, extra = train_node_model(
            data, data.node_y, train_idx, val_idx, settings, fit, log, device=device)
        final = None
        if s.final_fit == "all":
            every = _labelled_tiles(data)
            final = refit_node_model(data, data.node_y, every, settings, best, progress.span(0.6, 1.0), log,
                                     device=device)
            extra["final_fit"] = _final_fit_note(every, f" for the kept {best} epochs")
    settings.update(extra)
    settings["seconds_per_epoch"] = float(np.mean([h["seconds"] for h in history]))
    y_va, y_tr = data.y[val_idx], data.y[train_idx]
    # a tile's score is its best pixel, so 0.5 is not a natural cut: take the F1-best one on training tiles
    cut = best_f1_threshold(y_tr, train_scores)
    settings["decision_threshold"] = cut
    return TrainResult("node", model, history, best, evaluate(y_va, val_scores, cut), evaluate(y_tr, train_scores, cut),
                       val_scores, y_va, train_idx, val_idx, settings, data.describe(), time.perf_counter() - t0,
                       final_model=final)


def _labelled_tiles(data: TrainingData) -> np.ndarray:
    """Every labelled tile, training and validation blocks alike (and those the split's guard left out)."""
    return np.flatnonzero(data.y >= 0)


def _final_fit_note(tiles: np.ndarray, how: str = "") -> str:
    return (f"refitted on all {tiles.size} labelled tiles{how} after validation; the validation figures are "
            "those of the fit on the training tiles")


def _train_gbt(data: TrainingData, train_idx, val_idx, settings, s: TrainSettings, progress, t0) -> TrainResult:
    """Per-pixel gradient boosting (:mod:`.boosting`) on the node labels; scored like the Node GCN."""
    from .boosting import PixelBoosting
    from .node import node_config, node_metrics

    if data.node_y is None:
        raise InputError("Gradient boosting per pixel needs pixel labels: rebuild the graph data set with this "
                         "version of Build graph data set (it records them with the tile labels).")
    progress.update(0.0, "fitting gradient boosting on the pixels of the training tiles")
    config = {**node_config(data, 0), "seed": int(s.seed)}
    try:
        model = PixelBoosting(config).fit(data.x[train_idx], data.node_y[train_idx])
    except ValueError:  # no positive or no negative pixel among the training tiles
        raise InputError("Gradient boosting needs labelled pixels of both classes in the training tiles: add "
                         "known bodies or ground away from them.") from None
    progress.check()
    val_probs, train_probs = model.predict_proba(data.x[val_idx]), model.predict_proba(data.x[train_idx])
    settings.update({"epochs": 0, "features": "each pixel's channels and spectral shape (no graph)",
                     "trees": int(model.arrays["roots"].size),
                     "validation_pixels": node_metrics(data.node_y[val_idx], val_probs),
                     "training_pixels": node_metrics(data.node_y[train_idx], train_probs)})
    y_va, y_tr = data.y[val_idx], data.y[train_idx]
    val_scores, train_scores = val_probs.max(1), train_probs.max(1)  # a tile's score: its best pixel
    cut = best_f1_threshold(y_tr, train_scores)
    settings["decision_threshold"] = cut
    final = None
    if s.final_fit == "all":  # no epoch to choose, so nothing is lost by learning from the validation blocks too
        progress.update(0.5, "fitting gradient boosting again on every labelled tile (training and validation)")
        every = _labelled_tiles(data)
        final = PixelBoosting(config).fit(data.x[every], data.node_y[every])
        settings["final_fit"] = _final_fit_note(every)
    progress.update(1.0, "gradient boosting fitted")
    return TrainResult("gbt", model, [], None, evaluate(y_va, val_scores, cut), evaluate(y_tr, train_scores, cut),
                       val_scores, y_va, train_idx, val_idx, settings, data.describe(), time.perf_counter() - t0,
                       final_model=final)


def _train_blend(data: TrainingData, train_idx, val_idx, settings, s: TrainSettings, progress, log,
                 t0) -> TrainResult:
    """Node GCN and gradient boosting on the same split, blended by rank (:mod:`.blend`).

    The validated blend ranks against the training tiles (its members never saw the validation blocks);
    the saved one, of the final fits, against every tile of the data set."""
    from .blend import RankBlend, member_probabilities
    from .node import node_metrics

    node = _train_node(data, train_idx, val_idx, dict(settings), s, progress.span(0.0, 0.7), log, t0)
    gbt = _train_gbt(data, train_idx, val_idx, dict(settings), s, progress.span(0.7, 0.95), time.perf_counter())
    progress.update(0.95, "ranking both models' pixels on the training area")
    on_training = member_probabilities(node.model, gbt.model, data.x[train_idx])  # tables and scores: once
    model = RankBlend.from_probabilities(node.model, gbt.model, *on_training)
    final = None
    if node.final_model is not None and gbt.final_model is not None:
        final = RankBlend.fit(node.final_model, gbt.final_model, data.x)
    val_probs, train_probs = model.predict_proba(data.x[val_idx]), model.combine(*on_training)
    y_va, y_tr = data.y[val_idx], data.y[train_idx]
    val_scores, train_scores = val_probs.max(1), train_probs.max(1)  # a tile's score: its best pixel
    # on the node GCN's scale, so its cut flags as much ground; one chosen on training tiles would follow the
    # trees, which have all but memorised them
    cut = node.settings["decision_threshold"]
    settings.update({**node.settings, "members": {"node": node.summary(), "gbt": gbt.summary()},
                     "blend": "mean of the two models' ranks on the training area, on the node GCN's scale",
                     "validation_pixels": node_metrics(data.node_y[val_idx], val_probs),
                     "training_pixels": node_metrics(data.node_y[train_idx], train_probs),
                     "decision_threshold": cut})
    if final is not None:
        settings["final_fit"] = _final_fit_note(_labelled_tiles(data), " (both models)")
    progress.update(1.0, "blend ready")
    return TrainResult("blend", model, node.history, node.best_epoch, evaluate(y_va, val_scores, cut),
                       evaluate(y_tr, train_scores, cut), val_scores, y_va, train_idx, val_idx, settings,
                       data.describe(), time.perf_counter() - t0, final_model=final,
                       members={"node": node, "gbt": gbt})


@torch.no_grad()
def _evaluate_loss(model, x, xp, target, weights, chunk: int = 128):
    """Validation loss and positive-class probabilities (eval mode); under torchrun each rank scores
    its part of the tiles and every rank gets the whole."""
    model.eval()
    n = x.shape[1]
    ctx = distributed.current()
    part = ctx.shard(n) if ctx.active else slice(0, n)
    losses = 0.0
    wsum = 0.0
    probs = np.empty(part.stop - part.start, dtype=np.float32)
    for s in range(part.start, part.stop, chunk):
        e = min(s + chunk, part.stop)
        xb = x[:, s:e]
        xpb = xp[:, s:e] if xp is not None else None
        if xb.shape[1] != n:
            xb = xb.contiguous()
            xpb = xpb.contiguous() if xpb is not None else None
        logits = model(xb, xpb)
        t = target[s:e]
        losses += float(F.cross_entropy(logits, t, weight=weights, reduction="sum"))
        wsum += float(weights[t].sum()) if weights is not None else t.numel()
        probs[s - part.start:e - part.start] = torch.softmax(logits, 1)[:, 1].cpu().numpy()
    losses, wsum = distributed.sum_floats([losses, wsum])
    return losses / max(wsum, 1e-12), distributed.gather_rows(probs, n, part)


# --------------------------------------------------------------------------- grid search
def grid_search(
    data,
    arch: str = "enhanced",
    hiddens: Iterable[int] = (64, 128, 256),
    lrs: Iterable[float] = (1e-2, 1e-3, 1e-4),
    epochs: int = 200,
    seed: int = 0,
    progress: Optional[Progress] = None,
    split: Optional[Tuple[Sequence[int], Sequence[int]]] = None,
    select_by: str = "f1",
    log: Optional[Callable[[str], None]] = None,
    split_guard="touch",
    **train_kwargs,
) -> Tuple[Dict[str, Any], List[Dict[str, Any]]]:
    """Grid search over hidden size and learning rate.

    The candidates are compared on an *inner* validation split of the training
    tiles (again by whole spatial blocks), so the outer validation set stays
    untouched for the final comparison.  Returns ``(best, rows)`` where
    ``best = {"hidden": …, "lr": …}``.
    """
    data = as_training_data(data)
    progress = ensure_progress(progress)
    train_idx, _ = split if split is not None else make_split(data, seed=seed, guard=split_guard)
    train_idx = np.asarray(train_idx, dtype=np.int64)
    inner_tr, inner_va = spatial_split(data.y[train_idx], data.block[train_idx],
                                       None if data.rows is None else data.rows[train_idx],
                                       None if data.cols is None else data.cols[train_idx], seed=seed,
                                       tile_size=data.tile_size, guard=split_guard)
    inner = (train_idx[inner_tr], train_idx[inner_va])
    combos = [(int(h), float(rate)) for h in hiddens for rate in lrs]
    if not combos:
        raise InputError("The grid search needs at least one hidden size and one learning rate.")
    rows: List[Dict[str, Any]] = []
    for i, (h, rate) in enumerate(combos):
        sub = progress.span(i / len(combos), (i + 1) / len(combos))
        r = train_model(data, arch=arch, epochs=epochs, lr=rate, hidden=h, seed=seed, progress=sub, split=inner,
                        log=log, **{**train_kwargs, "final_fit": "training"})  # a candidate is only scored
        row = {"hidden": h, "lr": rate,
               **{k: r.metrics[k] for k in ("accuracy", "precision", "recall", "f1", "roc_auc")},
               "val_loss": min(x["val_loss"] for x in r.history), "best_epoch": r.best_epoch}
        rows.append(row)
        if log is not None:
            log(f"grid search hidden={h} lr={rate:g}: inner-validation F1 {row['f1']:.3f}, "
                f"accuracy {row['accuracy']:.3f}")
    if select_by == "loss":
        best = min(rows, key=lambda r: r["val_loss"])
    else:
        best = max(rows, key=lambda r: (r[select_by], -r["val_loss"]))
    return {"hidden": best["hidden"], "lr": best["lr"]}, rows


# --------------------------------------------------------------------------- comparison
@dataclass
class Comparison:
    results: Dict[str, TrainResult]
    split: Tuple[np.ndarray, np.ndarray]

    def table(self) -> List[Dict[str, Any]]:
        return [r.summary() for r in self.results.values()]

    def format_table(self) -> str:
        rows = self.table()
        w = max([14] + [len(r["model"]) + 1 for r in rows])
        head = (f"{'model':<{w}}{'accuracy':>9}{'precision':>10}{'recall':>8}{'F1':>7}{'ROC AUC':>9}{'PR AUC':>8}"
                f"{'epoch':>7}{'time s':>9}")
        lines = [head, "-" * len(head)]
        for r in rows:
            def f(v):
                return "   n/a" if v is None or (isinstance(v, float) and math.isnan(v)) else f"{v:.3f}"
            lines.append(f"{r['model']:<{w}}{f(r['accuracy']):>9}{f(r['precision']):>10}{f(r['recall']):>8}{f(r['f1']):>7}"
                         f"{f(r['roc_auc']):>9}{f(r['pr_auc']):>8}{str(r['best_epoch'] or '-'):>7}{r['seconds']:>9.1f}")
        return "\n".join(lines)


def compare_models(
    data,
    archs: Sequence[str] = ("enhanced", "plain", "cnn", "svm"),
    epochs: int = 200,
    lr: float = 1e-3,
    hidden: int = 256,
    seed: int = 0,
    progress: Optional[Progress] = None,
    split: Optional[Tuple[Sequence[int], Sequence[int]]] = None,
    log: Optional[Callable[[str], None]] = None,
    split_guard="touch",
    **train_kwargs,
) -> Comparison:
    """Train every model of ``archs`` on the same spatial split; the
    :class:`Comparison` holds each :class:`TrainResult` and the table of
    validation metrics (the paper's Fig. 6)."""
    data = as_training_data(data)
    progress = ensure_progress(progress)
    if split is None:
        split = make_split(data, seed=seed, guard=split_guard)
    split = (np.asarray(split[0], dtype=np.int64), np.asarray(split[1], dtype=np.int64))
    # the networks take the time; the SVM is quick
    weights = [0.05 if a == "svm" else 1.0 for a in archs]
    edges = np.concatenate([[0.0], np.cumsum(weights) / sum(weights)])
    results: Dict[str, TrainResult] = {}
    for i, a in enumerate(archs):
        results[a] = train_model(data, arch=a, epochs=epochs, lr=lr, hidden=hidden, seed=seed,
                                 progress=progress.span(edges[i], edges[i + 1]), split=split, log=log, **train_kwargs)
        if log is not None:
            m = results[a].metrics
            log(f"{ARCH_LABELS[a]}: validation accuracy {m['accuracy']:.3f}, F1 {m['f1']:.3f}")
    return Comparison(results, split)
