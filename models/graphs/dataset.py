"""The graph data set: k×k pixel tiles of a raster stack, one graph per tile.

This is the contract between graph tiling (``models.graphs.tiling``) and the
GCN training / prediction code.  Every tile is a graph with ``k*k`` nodes
(pixels, row-major within the tile) sharing one ``edge_index``; node features
are the raw (un-normalised) channel values, normalisation statistics travel
with the data set.

File format (no pickle anywhere):

* ``*.safetensors`` (default): the arrays as tensors; all other fields as one
  JSON document under the header metadata key ``"hyperprospect"``.
* ``*.npz``: the arrays, plus the same JSON document stored as a uint8 array
  named ``__meta__``; read with ``allow_pickle=False``.

Both round-trip losslessly (arrays bit for bit, floats in the JSON by ``repr``).
The safetensors container and the JSON cleaning are :mod:`models.container`.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional, Tuple

import numpy as np

from .. import __version__
from .. import container
from ..atomic import atomic_output
from ..errors import InputError

FORMAT_NAME = "hyperprospect-graph-dataset"
FORMAT_VERSION = 1
META_KEY = container.META_KEY
KIND = container.Kind(FORMAT_NAME, FORMAT_VERSION, "HyperProspect graph data set",
                      "Use a graph data set written by the Build graph data set algorithm.")
CLASS_NAMES = ["barren", "mineralised"]

# array fields and their dtypes (the contract)
ARRAY_FIELDS = {
    "x": np.float32,
    "y": np.int64,
    "rows": np.int32,
    "cols": np.int32,
    "block": np.int32,
    "edge_index": np.int64,
    "mean": np.float32,
    "std": np.float32,
}


@dataclass
class GraphDataset:
    x: np.ndarray  # float32 [N, k*k, C]  raw channel values, nodes row-major within the tile
    y: np.ndarray  # int64 [N]  1 mineralised, 0 barren, -1 unlabelled
    rows: np.ndarray  # int32 [N]  top-left pixel row of each tile
    cols: np.ndarray  # int32 [N]  top-left pixel column of each tile
    block: np.ndarray  # int32 [N]  spatial block id (for leak-free splits)
    tile_size: int
    stride: int
    edge_index: np.ndarray  # int64 [2, E]  both directions, no self loops
    edge_threshold_m: float
    channel_names: List[str]
    wavelengths_nm: List[Optional[float]]  # None for non-spectral (geology) channels
    mean: np.ndarray  # float32 [C]  over the valid pixels of the whole stack
    std: np.ndarray  # float32 [C]
    crs_wkt: str
    geotransform: Tuple[float, float, float, float, float, float]
    raster_size: Tuple[int, int]  # (width, height) in pixels
    class_names: List[str] = field(default_factory=lambda: list(CLASS_NAMES))
    meta: dict = field(default_factory=dict)
    node_y: Optional[np.ndarray] = None  # int8 [N, k*k]  per pixel: 1 in a known body, -1 ignored (buffer), 0

    # ------------------------------------------------------------------ basics
    def __post_init__(self) -> None:
        for name, dtype in ARRAY_FIELDS.items():
            setattr(self, name, np.ascontiguousarray(np.asarray(getattr(self, name)), dtype=dtype))
        self.tile_size = int(self.tile_size)
        self.stride = int(self.stride)
        self.edge_threshold_m = float(self.edge_threshold_m)
        self.geotransform = tuple(float(v) for v in self.geotransform)
        self.raster_size = (int(self.raster_size[0]), int(self.raster_size[1]))
        self.channel_names = [str(c) for c in self.channel_names]
        self.wavelengths_nm = [None if w is None else float(w) for w in self.wavelengths_nm]
        self.class_names = [str(c) for c in self.class_names]
        if self.node_y is not None:
            self.node_y = np.ascontiguousarray(np.asarray(self.node_y), dtype=np.int8)
        self.validate()

    def validate(self) -> None:
        n, c = len(self.y), len(self.channel_names)
        k2 = self.tile_size * self.tile_size
        if self.x.ndim != 3 or self.x.shape != (n, k2, c):
            raise InputError(f"Graph data set: x has shape {self.x.shape}, expected ({n}, {k2}, {c}).")
        for name in ("rows", "cols", "block"):
            if getattr(self, name).shape != (n,):
                raise InputError(f"Graph data set: {name} has shape {getattr(self, name).shape}, expected ({n},).")
        if self.edge_index.ndim != 2 or self.edge_index.shape[0] != 2:
            raise InputError(f"Graph data set: edge_index has shape {self.edge_index.shape}, expected (2, E).")
        if self.edge_index.size and (self.edge_index.min() < 0 or self.edge_index.max() >= k2):
            raise InputError("Graph data set: edge_index refers to nodes outside the tile.")
        if len(self.wavelengths_nm) != c or self.mean.shape != (c,) or self.std.shape != (c,):
            raise InputError("Graph data set: channel names, wavelengths and statistics disagree in length.")
        if not set(np.unique(self.y).tolist()) <= {-1, 0, 1}:
            raise InputError("Graph data set: labels must be -1, 0 or 1.")
        if self.node_y is not None:
            if self.node_y.shape != (n, k2):
                raise InputError(f"Graph data set: node_y has shape {self.node_y.shape}, expected ({n}, {k2}).")
            if not set(np.unique(self.node_y).tolist()) <= {-1, 0, 1}:
                raise InputError("Graph data set: node labels must be -1, 0 or 1.")

    @property
    def num_graphs(self) -> int:
        return int(self.x.shape[0])

    @property
    def num_nodes(self) -> int:
        return int(self.x.shape[1])

    @property
    def num_channels(self) -> int:
        return int(self.x.shape[2])

    @property
    def pixel_size(self) -> Tuple[float, float]:
        g = self.geotransform  # lengths of the column and row steps: rotated grids included
        return math.hypot(g[1], g[4]), math.hypot(g[2], g[5])

    def normalised_x(self) -> np.ndarray:
        """(x − mean) / std per channel, float32; a constant channel (std 0) is only centred."""
        std = np.where(self.std > 0, self.std, 1.0).astype(np.float32)
        return ((self.x - self.mean) / std).astype(np.float32)

    def tile_centres(self) -> np.ndarray:
        """Map coordinates [N, 2] of the tile centres."""
        gt = self.geotransform
        half = self.tile_size / 2.0
        c = self.cols.astype(np.float64) + half
        r = self.rows.astype(np.float64) + half
        return np.stack([gt[0] + c * gt[1] + r * gt[2], gt[3] + c * gt[4] + r * gt[5]], axis=1)

    def counts(self) -> dict:
        return {
            "tiles": self.num_graphs,
            "mineralised": int((self.y == 1).sum()),
            "barren": int((self.y == 0).sum()),
            "unlabelled": int((self.y == -1).sum()),
            "blocks": int(len(np.unique(self.block))),
        }

    def summary(self) -> str:
        c = self.counts()
        px, py = self.pixel_size
        lines = [
            f"Graph data set: {c['tiles']} tiles of {self.tile_size}×{self.tile_size} px "
            f"(stride {self.stride}) on a {self.raster_size[0]}×{self.raster_size[1]} px grid, "
            f"pixel {px:g}×{py:g}",
            f"  labels: {c['mineralised']} {self.class_names[1]}, {c['barren']} {self.class_names[0]}, "
            f"{c['unlabelled']} unlabelled; {c['blocks']} spatial blocks",
            f"  graph: {self.num_nodes} nodes, {self.edge_index.shape[1]} directed edges "
            f"(ground distance < {self.edge_threshold_m:g} m)",
            f"  channels ({self.num_channels}):",
        ]
        for i, (name, wl) in enumerate(zip(self.channel_names, self.wavelengths_nm)):
            wl_text = f"{wl:.2f} nm" if wl is not None else "geology"
            lines.append(f"    {i + 1:3d} {name:32s} {wl_text:>10s}  mean {self.mean[i]:.6g}  std {self.std[i]:.6g}")
        skipped = self.meta.get("counts", {}).get("skipped_nodata")
        if skipped is not None:
            lines.append(f"  tiles skipped for nodata: {skipped}")
        return "\n".join(lines)

    # ------------------------------------------------------------------ splits
    def block_split(self, val_fraction: float = 0.3, seed: int = 0, guard: bool = True):
        """Indices (train, val): whole blocks go to validation, spread evenly in space.

        Blocks are ordered along a serpentine path over the block grid and every
        ``1/val_fraction``-th block (with a seeded offset) goes to validation, so
        validation covers the whole area.  With ``guard`` the training tiles that
        overlap or touch a validation tile are dropped (no shared pixels, no
        adjacent tiles across the split).
        """
        if not 0 < val_fraction < 1:
            raise InputError("val_fraction must lie between 0 and 1.")
        blocks = np.unique(self.block)
        nbx = int(self.meta.get("blocks_x", 0)) or 1
        by, bx = blocks // nbx, blocks % nbx
        serp = np.where(by % 2 == 0, bx, nbx - 1 - bx)
        order = blocks[np.lexsort((serp, by))]
        rng = np.random.default_rng(seed)
        step = 1.0 / val_fraction
        offset = rng.uniform(0, step)
        pos = np.arange(len(order))
        chosen = np.floor((pos - offset) / step) != np.floor((pos + 1 - offset) / step)
        val_blocks = set(order[chosen].tolist())
        is_val = np.array([b in val_blocks for b in self.block.tolist()], dtype=bool)
        train = np.flatnonzero(~is_val)
        val = np.flatnonzero(is_val)
        if guard and len(val) and len(train):
            k = self.tile_size
            vr, vc = self.rows[val].astype(np.int64), self.cols[val].astype(np.int64)
            keep = []
            for i in train:
                r, c = int(self.rows[i]), int(self.cols[i])
                # boxes [r, r+k] x [c, c+k] overlap or touch
                if not np.any((np.abs(vr - r) <= k) & (np.abs(vc - c) <= k)):
                    keep.append(i)
            train = np.asarray(keep, dtype=np.int64)
        return train, val

    # ------------------------------------------------------------------ file I/O
    def _header(self) -> dict:
        return {
            "format": FORMAT_NAME,
            "format_version": FORMAT_VERSION,
            "software": f"HyperProspect {__version__}",
            "tile_size": self.tile_size,
            "stride": self.stride,
            "edge_threshold_m": self.edge_threshold_m,
            "channel_names": self.channel_names,
            "wavelengths_nm": self.wavelengths_nm,
            "crs_wkt": self.crs_wkt,
            "geotransform": list(self.geotransform),
            "raster_size": list(self.raster_size),
            "class_names": self.class_names,
            "meta": self.meta,
        }

    def save(self, path, fmt: Optional[str] = None) -> Path:
        """Write to ``path`` atomically (format from ``fmt`` or the suffix: ``.npz``, else safetensors)."""
        path = Path(path)
        fmt = (fmt or ("npz" if path.suffix.lower() == ".npz" else "safetensors")).lower()
        arrays = {name: np.ascontiguousarray(getattr(self, name)) for name in ARRAY_FIELDS}
        if self.node_y is not None:
            arrays["node_y"] = self.node_y
        if fmt == "safetensors":
            return container.write(path, arrays, self._header(), KIND)
        if fmt != "npz":
            raise InputError(f"Unknown graph data set format '{fmt}' (use 'safetensors' or 'npz').")
        arrays["__meta__"] = np.frombuffer(container.dumps(self._header()).encode("utf-8"), dtype=np.uint8)
        with atomic_output(path) as tmp, open(tmp, "wb") as fh:
            np.savez_compressed(fh, **arrays)
        return path

    @classmethod
    def load(cls, path) -> "GraphDataset":
        """The data set in ``path``; a corrupt or foreign file raises InputError, never anything else."""
        try:
            return cls._load(path)
        except InputError:
            raise
        except (ValueError, TypeError, KeyError, AttributeError, IndexError, OverflowError) as exc:
            raise InputError(f"{path} is not a usable HyperProspect graph data set "
                             f"(corrupt description: {type(exc).__name__}: {str(exc)[:120]}).") from None

    @classmethod
    def _load(cls, path) -> "GraphDataset":
        path = Path(path)
        if not path.is_file():
            raise InputError(f"Graph data set {path} does not exist.")
        with open(path, "rb") as fh:
            magic = fh.read(4)
        if magic[:2] == b"PK":  # zip = npz
            info, arrays = _load_npz(path)
        else:
            info, arrays = container.read(path, KIND, framework="numpy")
        expected = {name: (None, np.dtype(dtype)) for name, dtype in ARRAY_FIELDS.items()}
        container.check_arrays(path, arrays, expected, "graph data set contract", exact=False)
        f = info.get_field
        return cls(
            x=arrays["x"], y=arrays["y"], rows=arrays["rows"], cols=arrays["cols"], block=arrays["block"],
            tile_size=f("tile_size", cast=int), stride=f("stride", cast=int), edge_index=arrays["edge_index"],
            edge_threshold_m=f("edge_threshold_m", cast=float), channel_names=f("channel_names", cast=list),
            wavelengths_nm=f("wavelengths_nm", cast=list), mean=arrays["mean"], std=arrays["std"],
            crs_wkt=f("crs_wkt", cast=str), geotransform=f("geotransform", cast=tuple),
            raster_size=f("raster_size", cast=tuple), class_names=f("class_names", cast=list),
            meta=f("meta", cast=dict, default={}), node_y=arrays.get("node_y"),
        )


def _load_npz(path: Path):
    """``(document, arrays)`` of the ``.npz`` form (never unpickled)."""
    try:
        with np.load(path, allow_pickle=False) as z:
            arrays = {name: z[name] for name in z.files}
    except Exception as exc:  # noqa: BLE001 - corrupt or foreign zip: say so, never a traceback
        raise InputError(f"{path} is not a HyperProspect graph data set ({exc}).") from None
    meta = arrays.pop("__meta__", None)
    text = bytes(meta).decode("utf-8", "replace") if meta is not None else None
    return container.parse_document(text, path, KIND), arrays


def datasets_equal(a: GraphDataset, b: GraphDataset) -> bool:
    """Exact equality (arrays bit for bit, dtypes and every metadata field)."""
    for name in ARRAY_FIELDS:
        u, v = getattr(a, name), getattr(b, name)
        if u.dtype != v.dtype or u.shape != v.shape or u.tobytes() != v.tobytes():
            return False
    if (a.node_y is None) != (b.node_y is None):
        return False
    if a.node_y is not None and a.node_y.tobytes() != b.node_y.tobytes():
        return False
    return a._header() == b._header()
