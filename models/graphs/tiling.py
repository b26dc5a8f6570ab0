"""Cut a raster stack into k×k tiles, one graph per tile, labelled from known bodies.

The stack is the bands of the given rasters in order (hyperspectral subset
first, geology layers after — whatever the caller passes); they must share one
grid.  The paper's design (10×10 tiles of a 39-channel ZY-1 02D stack, edges
between nodes closer than 170 m at 100 m spacing = the 8-neighbourhood, tiles
positive where they meet the known pegmatites buffered by 100 m) is the
default, expressed in pixels so that it carries over to any pixel size: the
edge threshold defaults to 1.7 × the pixel size.

Memory stays bounded by a strip of ``tile_size`` rows of the stack (plus a
byte-per-pixel validity mask and the selected tiles): the raster is never read
whole.  Two passes: the first computes per-pixel validity and the per-channel
normalisation statistics (streaming, Chan et al. pairwise update), the second
reads the selected tiles.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence, Tuple, Union

import numpy as np

from .. import __version__
from ..atomic import atomic_output
from ..errors import CancelledError, InputError
from ..progress import Progress, ensure_progress
from ..raster.gdalio import open_vector
from ..raster.footprints import union_mask
from ..raster.stack import RasterStack
from .dataset import CLASS_NAMES, GraphDataset

PixelSize = Union[float, Tuple[float, float]]

def _gdal():
    from osgeo import gdal, ogr, osr

    gdal.UseExceptions()
    ogr.UseExceptions()
    osr.UseExceptions()
    return gdal, ogr, osr


# --------------------------------------------------------------------------- edges

def build_edges(tile_size: int, pixel_size_m: PixelSize, threshold_m: Optional[float] = None) -> np.ndarray:
    """Directed edges [2, E] (int64) between the nodes of a k×k tile.

    Nodes are numbered row-major (``node = row * k + col``).  Two distinct nodes
    are joined, in both directions, when the ground distance between their
    pixel centres is under ``threshold_m`` (default 1.7 × the pixel size, i.e.
    the 8-neighbourhood the paper's 170 m gives at 100 m spacing).  No self
    loops (the GCN adds them).  ``pixel_size_m`` is one number or (dx, dy).
    """
    k = int(tile_size)
    if k < 1:
        raise InputError(f"Tile size must be at least 1 pixel (got {tile_size}).")
    if isinstance(pixel_size_m, (tuple, list)):
        dx, dy = float(abs(pixel_size_m[0])), float(abs(pixel_size_m[1]))
    else:
        dx = dy = float(abs(pixel_size_m))
    if not (dx > 0 and dy > 0):
        raise InputError(f"Pixel size must be positive (got {pixel_size_m}).")
    if threshold_m is None:
        threshold_m = 1.7 * min(dx, dy)
    threshold_m = float(threshold_m)
    r, c = np.divmod(np.arange(k * k), k)
    dist = np.hypot((r[:, None] - r[None, :]) * dy, (c[:, None] - c[None, :]) * dx)
    adj = (dist < threshold_m) & ~np.eye(k * k, dtype=bool)
    src, dst = np.nonzero(adj)  # row-major order = sorted by (src, dst)
    if k > 1 and src.size == 0:
        raise InputError(
            f"Edge threshold {threshold_m:g} m is not above the pixel spacing ({min(dx, dy):g} m): "
            "the graphs would have no edges. Use a threshold factor above 1 (paper: 1.7)."
        )
    return np.stack([src, dst]).astype(np.int64)


# --------------------------------------------------------------------------- inputs

def open_stack(stack_paths: Sequence[str]) -> RasterStack:
    """Open the rasters of a stack (one projected, orthogonal grid) with their channel metadata."""
    return RasterStack.open(stack_paths)


def _read_strip(info: RasterStack, row: int, nrows: int):
    """Channels [C, nrows, W] as float32 (scale/offset applied) and validity [nrows, W]."""
    return info.read(row, nrows)


# --------------------------------------------------------------------------- labels

def _read_label_geometries(label_vector: str, layer_name: Optional[str], info: RasterStack):
    _, _, osr = _gdal()
    vds, layer = open_vector(label_vector, layer_name)  # also a QGIS source 'file.gpkg|layername=bodies'
    lsrs = layer.GetSpatialRef()
    transform = None
    if lsrs is not None:
        lsrs = lsrs.Clone()
        lsrs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        if not lsrs.IsSame(info.srs):
            transform = osr.CoordinateTransformation(lsrs, info.srs)
    geoms = []
    for feat in layer:
        g = feat.GetGeometryRef()
        if g is None or g.IsEmpty():
            continue
        g = g.Clone()
        if transform is not None:
            g.Transform(transform)
        geoms.append(g)
    if not geoms:
        raise InputError(
            f"The label layer '{layer.GetName()}' in '{label_vector}' is empty (no features with a geometry): "
            "it must hold the known mineralised bodies."
        )
    meta = {
        "vector": str(label_vector),
        "layer": layer.GetName(),
        "features": len(geoms),
        "reprojected": transform is not None,
        "vector_crs_missing": lsrs is None,
    }
    del vds  # the layer lived as long as its data source; the geometries are clones
    return geoms, meta


def _buffered_union(geoms, distance_units: float):
    """Union of the geometries buffered by ``distance_units`` (polygons), and its parts."""
    _, ogr, _ = _gdal()
    multi = ogr.Geometry(ogr.wkbMultiPolygon)
    for g in geoms:
        d = distance_units
        if d <= 0 and ogr.GT_Flatten(g.GetGeometryType()) not in (ogr.wkbPolygon, ogr.wkbMultiPolygon):
            d = 1e-6  # points and lines need an area to meet a tile
        b = g.Buffer(d, 16) if d > 0 else g.Clone()
        b = ogr.ForceToMultiPolygon(b)
        for i in range(b.GetGeometryCount()):
            part = b.GetGeometryRef(i)
            if not part.IsEmpty():
                multi.AddGeometry(part)
    union = multi.UnionCascaded() if multi.GetGeometryCount() else multi
    parts = [union.GetGeometryRef(i).Clone() for i in range(union.GetGeometryCount())] \
        if ogr.GT_Flatten(union.GetGeometryType()) in (ogr.wkbMultiPolygon, ogr.wkbGeometryCollection) else [union]
    return union, [p for p in parts if not p.IsEmpty()]


def tile_corners(geotransform, rows, cols, k: int) -> Tuple[np.ndarray, np.ndarray]:
    """World x, y [n, 4] of the corners of k×k tiles at pixel (row, col), in ring order
    (top-left, top-right, bottom-right, bottom-left); the full affine transform, so rotated grids work."""
    g = geotransform
    r = np.asarray(rows, dtype=np.float64)[:, None] + np.array([0, 0, k, k], dtype=np.float64)
    c = np.asarray(cols, dtype=np.float64)[:, None] + np.array([0, k, k, 0], dtype=np.float64)
    return g[0] + c * g[1] + r * g[2], g[3] + c * g[4] + r * g[5]


def _polygon(xs, ys):
    _, ogr, _ = _gdal()
    ring = ogr.Geometry(ogr.wkbLinearRing)
    for x, y in zip(xs, ys):
        ring.AddPoint_2D(float(x), float(y))
    ring.AddPoint_2D(float(xs[0]), float(ys[0]))
    poly = ogr.Geometry(ogr.wkbPolygon)
    poly.AddGeometry(ring)
    return poly


def _meets(info: RasterStack, tr: np.ndarray, tc: np.ndarray, k: int, union, parts, want_fraction: bool):
    """For each tile: does it meet ``union``; and the fraction of its area inside it."""
    hit = np.zeros(len(tr), dtype=bool)
    frac = np.zeros(len(tr), dtype=np.float64)
    if not parts or len(tr) == 0:
        return hit, frac
    cx, cy = tile_corners(info.geotransform, tr, tc, k)
    xs = np.stack([cx.min(axis=1), cx.max(axis=1)])
    ys = np.stack([cy.min(axis=1), cy.max(axis=1)])
    env = np.array([p.GetEnvelope() for p in parts])  # minx, maxx, miny, maxy
    cand = np.zeros(len(tr), dtype=bool)
    for e in env:  # bounding-box prefilter (closed boxes: touching counts)
        cand |= (xs[0] <= e[1]) & (xs[1] >= e[0]) & (ys[0] <= e[3]) & (ys[1] >= e[2])
    for i in np.flatnonzero(cand):
        poly = _polygon(cx[i], cy[i])
        if poly.Intersects(union):
            hit[i] = True
            if want_fraction:
                frac[i] = poly.Intersection(union).GetArea() / poly.GetArea()
    return hit, frac


# --------------------------------------------------------------------------- the builder

def _pixel_labels(info: RasterStack, geoms, buffered_union) -> np.ndarray:
    """Per-pixel labels for node-level models: 1 where a known body touches the pixel, −1 (not
    used) elsewhere inside the label buffer — mixed halo ground —, 0 beyond it."""
    touched = union_mask(geoms, info.grid)
    near = union_mask([buffered_union], info.grid)
    return np.where(touched, 1, np.where(near, -1, 0)).astype(np.int8)


def _node_labels(label_px: np.ndarray, rows, cols, k: int) -> np.ndarray:
    """``[N, k·k]`` node labels of the tiles at ``(rows, cols)``, nodes row-major as in ``x``."""
    out = np.empty((len(rows), k * k), dtype=np.int8)
    for i, (r, c) in enumerate(zip(rows, cols)):
        out[i] = label_px[r:r + k, c:c + k].reshape(-1)
    return out


def _positions(length: int, k: int, stride: int) -> np.ndarray:
    return np.arange(0, length - k + 1, stride, dtype=np.int64)


def build_graph_dataset(
    stack_paths: Sequence[str],
    label_vector: Optional[str],
    out_path,
    tile_size: int = 10,
    stride: Optional[int] = None,
    threshold_factor: float = 1.7,
    label_buffer_m: float = 100.0,
    min_positive_fraction: float = 0.0,
    negative_ratio: Optional[float] = None,
    keep_out_m: float = 0.0,
    seed: int = 0,
    footprints_path: Optional[str] = None,
    progress: Optional[Progress] = None,
    label_layer: Optional[str] = None,
    block_tiles: int = 5,
) -> GraphDataset:
    """Tile the stack, label the tiles, write the data set to ``out_path``; returns it.

    ``label_vector`` None gives an unlabelled (prediction) set with y = −1.
    ``stride`` None (or 0) means the tile size (non-overlapping tiles).
    A tile is positive when it meets the known bodies buffered by
    ``label_buffer_m`` and at least ``min_positive_fraction`` of its area lies
    in that buffered area; tiles that meet it with a smaller fraction are left
    out (ambiguous).  Negatives are the other tiles, minus those within
    ``keep_out_m`` of a known body; ``negative_ratio`` keeps at most that many
    negatives per positive (random with ``seed``).  Tiles with any nodata pixel
    in any channel are skipped and counted.  Blocks are squares of
    ``block_tiles`` × ``block_tiles`` tile steps; a tile belongs to the block of
    its top-left pixel.  ``footprints_path`` (GeoPackage) receives the tile
    polygons with their label, block and positive fraction.
    """
    progress = ensure_progress(progress)
    k = int(tile_size)
    stride = int(stride) if stride else k
    _check_options(k, stride, tile_size, min_positive_fraction, negative_ratio, label_buffer_m, keep_out_m,
                   block_tiles)
    info = open_stack(stack_paths)
    if k > info.width or k > info.height:
        raise InputError(
            f"Tile size {k}×{k} px is larger than the raster ({info.width}×{info.height} px): use a smaller tile "
            "size or a larger area."
        )
    dx_m, dy_m = info.pixel_size_m
    threshold_m = float(threshold_factor) * min(dx_m, dy_m)
    edge_index = build_edges(k, (dx_m, dy_m), threshold_m)
    # read the label layer first: a bad layer fails before the stack is read
    geoms, label_meta = _read_label_geometries(label_vector, label_layer, info) if label_vector else (None, None)
    progress.update(0.01, "reading the stack")
    valid_mask, count, mean, std = _statistics(info, k, progress.span(0.01, 0.45))
    tr, tc, tile_ok = _tile_positions(valid_mask, k, stride)
    progress.update(0.47, "labels")
    rule = _LabelRule(float(label_buffer_m), float(min_positive_fraction), float(keep_out_m),
                      None if negative_ratio is None else float(negative_ratio), int(seed))
    lab = _select_tiles(info, geoms, label_meta, tr, tc, tile_ok, k, rule, progress)
    sel = np.flatnonzero(lab.selected)
    if sel.size == 0:
        raise InputError(
            f"No tiles produced: {len(tr)} tile positions, {lab.counts['skipped_nodata']} skipped for nodata"
            + (", none left after labelling" if label_vector else "")
            + ". Check the nodata areas of the inputs and the tile size."
        )
    progress.update(0.5, "tiles")
    x = _read_tiles(info, tr[sel], tc[sel], k, progress.span(0.5, 0.95))
    rows, cols = tr[sel].astype(np.int32), tc[sel].astype(np.int32)
    block_px = int(block_tiles) * stride
    blocks_x, blocks_y = int(math.ceil(info.width / block_px)), int(math.ceil(info.height / block_px))
    block = ((rows // block_px) * blocks_x + (cols // block_px)).astype(np.int32)
    y = lab.y_all[sel]
    node_y = _node_labels(lab.label_px, rows, cols, k) if lab.label_px is not None else None
    lab.counts.update({"tiles": int(sel.size), "positive": int((y == 1).sum()), "negative": int((y == 0).sum()),
                       "unlabelled": int((y == -1).sum())})
    pos_fraction = lab.pos_fraction[sel] if label_vector else None
    meta = _describe(info, threshold_factor, count, label_meta, rule, pos_fraction,
                     (block_px, blocks_x, blocks_y), lab.counts)
    dataset = GraphDataset(
        x=x, y=y, rows=rows, cols=cols, block=block, tile_size=k, stride=stride, edge_index=edge_index,
        edge_threshold_m=threshold_m, channel_names=info.channel_names, wavelengths_nm=info.wavelengths_nm,
        mean=mean.astype(np.float32), std=std.astype(np.float32), crs_wkt=info.crs_wkt,
        geotransform=info.geotransform, raster_size=(info.width, info.height), class_names=list(CLASS_NAMES),
        meta=meta, node_y=node_y,
    )
    _write_outputs(dataset, out_path, footprints_path, pos_fraction, progress)
    return dataset


def _check_options(k, stride, tile_size, min_positive_fraction, negative_ratio, label_buffer_m, keep_out_m,
                   block_tiles) -> None:
    if k < 1:
        raise InputError(f"Tile size must be at least 1 pixel (got {tile_size}).")
    if stride < 1:
        raise InputError(f"Stride must be at least 1 pixel (got {stride}).")
    if not 0.0 <= float(min_positive_fraction) <= 1.0:
        raise InputError(f"Minimum positive fraction must lie between 0 and 1 (got {min_positive_fraction}).")
    if negative_ratio is not None and float(negative_ratio) < 0:
        raise InputError(f"Negative ratio must be positive (got {negative_ratio}).")
    if label_buffer_m < 0 or keep_out_m < 0:
        raise InputError("Label buffer and keep-out distance must not be negative.")
    if int(block_tiles) < 1:
        raise InputError(f"Block size must be at least one tile (got {block_tiles}).")


def _statistics(info: RasterStack, k: int, progress: Progress):
    """Pass 1: the per-pixel validity mask and streaming per-channel mean and population std
    (Chan et al. pairwise update), strip by strip."""
    W, H, C = info.width, info.height, len(info.channels)
    valid_mask = np.zeros((H, W), dtype=bool)
    count = 0
    mean = np.zeros(C, dtype=np.float64)
    m2 = np.zeros(C, dtype=np.float64)
    for r0 in range(0, H, k):
        n = min(k, H - r0)
        strip, valid = _read_strip(info, r0, n)
        valid_mask[r0:r0 + n] = valid
        vals = strip[:, valid].astype(np.float64)  # [C, m]
        m = vals.shape[1]
        if m:
            b_mean = vals.mean(axis=1)
            b_m2 = ((vals - b_mean[:, None]) ** 2).sum(axis=1)
            total = count + m
            delta = b_mean - mean
            mean += delta * (m / total)
            m2 += b_m2 + delta ** 2 * (count * m / total)
            count = total
        progress.update((r0 + n) / H, "statistics")
    if count == 0:
        raise InputError("The stack has no valid pixel (every pixel is nodata in at least one channel).")
    return valid_mask, count, mean, np.sqrt(m2 / count)


def _tile_positions(valid_mask: np.ndarray, k: int, stride: int):
    """Top-left rows and columns of every tile position, and whether it is free of nodata
    (a summed-area table of the invalid pixels)."""
    H, W = valid_mask.shape
    rows_pos, cols_pos = _positions(H, k, stride), _positions(W, k, stride)
    tr = np.repeat(rows_pos, len(cols_pos))
    tc = np.tile(cols_pos, len(rows_pos))
    sat = np.zeros((H + 1, W + 1), dtype=np.int64)
    sat[1:, 1:] = np.cumsum(np.cumsum(~valid_mask, axis=0), axis=1)
    bad = sat[tr + k, tc + k] - sat[tr, tc + k] - sat[tr + k, tc] + sat[tr, tc]
    return tr, tc, bad == 0


@dataclass(frozen=True)
class _LabelRule:
    buffer_m: float
    min_positive_fraction: float
    keep_out_m: float
    negative_ratio: Optional[float]
    seed: int


@dataclass
class _Selection:
    selected: np.ndarray
    y_all: np.ndarray
    pos_fraction: np.ndarray
    label_px: Optional[np.ndarray]
    counts: dict


def _select_tiles(info: RasterStack, geoms, label_meta, tr, tc, tile_ok, k: int, rule: _LabelRule,
                  progress: Progress) -> _Selection:
    """Label the tile positions and choose the tiles of the data set (all valid ones when unlabelled)."""
    n_positions = len(tr)
    counts = {"positions": n_positions, "skipped_nodata": int((~tile_ok).sum())}
    if geoms is None:
        return _Selection(tile_ok.copy(), np.full(n_positions, -1, dtype=np.int64), np.zeros(n_positions), None,
                          counts)
    union, parts = _buffered_union(geoms, rule.buffer_m / info.unit_m)
    label_px = _pixel_labels(info, geoms, union)
    hit, pos_fraction = _meets(info, tr, tc, k, union, parts, want_fraction=True)
    progress.check()
    positive = hit & (pos_fraction >= rule.min_positive_fraction) & tile_ok
    ambiguous = hit & ~positive & tile_ok
    negative = ~hit & tile_ok
    excluded_keep_out = np.zeros(n_positions, dtype=bool)
    if rule.keep_out_m > 0:
        ko_union, ko_parts = _buffered_union(geoms, rule.keep_out_m / info.unit_m)
        near, _ = _meets(info, tr, tc, k, ko_union, ko_parts, want_fraction=False)
        excluded_keep_out = negative & near
        negative &= ~near
    if not hit.any():
        raise InputError(
            f"None of the {len(geoms)} bodies of the label layer '{label_meta['layer']}' meets a tile of the "
            "raster: check that the layer covers the raster area (and its CRS)."
        )
    negative, dropped = _limit_negatives(negative, int(positive.sum()), rule)
    counts.update({
        "excluded_ambiguous": int(ambiguous.sum()),
        "excluded_keep_out": int(excluded_keep_out.sum()),
        "negatives_dropped_by_ratio": int(dropped),
        "positive_with_nodata": int((hit & ~tile_ok).sum()),
    })
    return _Selection(positive | negative, np.where(positive, 1, 0).astype(np.int64), pos_fraction, label_px,
                      counts)


def _limit_negatives(negative: np.ndarray, n_pos: int, rule: _LabelRule):
    """At most ``negative_ratio`` negatives per positive, drawn at random with ``seed``."""
    if rule.negative_ratio is None:
        return negative, 0
    n_neg = int(negative.sum())
    keep = min(n_neg, int(math.floor(rule.negative_ratio * n_pos)))
    if keep >= n_neg:
        return negative, 0
    rng = np.random.default_rng(rule.seed)
    chosen = np.sort(rng.choice(np.flatnonzero(negative), size=keep, replace=False))
    mask = np.zeros(len(negative), dtype=bool)
    mask[chosen] = True
    return mask, n_neg - keep


def _read_tiles(info: RasterStack, sel_rows, sel_cols, k: int, progress: Progress) -> np.ndarray:
    """Pass 2: ``[n, k·k, C]`` node features of the selected tiles, read strip by strip."""
    C = len(info.channels)
    x = np.empty((len(sel_rows), k * k, C), dtype=np.float32)
    unique_rows = np.unique(sel_rows)
    for j, r0 in enumerate(unique_rows):
        strip, _ = _read_strip(info, int(r0), k)
        for i in np.flatnonzero(sel_rows == r0):
            c0 = int(sel_cols[i])
            x[i] = strip[:, :, c0:c0 + k].reshape(C, k * k).T
        progress.update((j + 1) / len(unique_rows), "tiles")
    return x


def _describe(info: RasterStack, threshold_factor, count: int, label_meta, rule: _LabelRule, pos_fraction,
              blocks, counts) -> dict:
    """The data set's JSON description: sources, channels, labelling rule, blocks, counts."""
    block_px, blocks_x, blocks_y = blocks
    return {
        "software": f"HyperProspect {__version__}",
        "sources": info.source_records(),
        "channels": [c.record() for c in info.channels],
        "pixel_size_m": list(info.pixel_size_m),
        "crs_unit_m": info.unit_m,
        "threshold_factor": float(threshold_factor),
        "node_order": "row-major within the tile (node = row * tile_size + col)",
        "feature_values": "raw channel values (band scale/offset applied when set); normalise with mean/std",
        "statistics": {"valid_pixels": int(count), "std": "population (ddof=0) over valid pixels of the stack"},
        "labels": None if label_meta is None else {
            **label_meta,
            "buffer_m": rule.buffer_m,
            "min_positive_fraction": rule.min_positive_fraction,
            "keep_out_m": rule.keep_out_m,
            "negative_ratio": rule.negative_ratio,
            "seed": rule.seed,
            "rule": "positive: tile meets the bodies buffered by buffer_m with at least min_positive_fraction of "
                    "its area; barren: tile does not meet them and lies outside keep_out_m of every body",
        },
        "positive_fraction": None if pos_fraction is None else [round(float(v), 6) for v in pos_fraction],
        "block_size_px": block_px,
        "blocks_x": blocks_x,
        "blocks_y": blocks_y,
        "block_rule": "block = (row // block_size_px) * blocks_x + col // block_size_px (tile top-left pixel); "
                      "use GraphDataset.block_split(guard=True) to drop training tiles that overlap or touch "
                      "validation tiles",
        "counts": counts,
    }


def _write_outputs(dataset: GraphDataset, out_path, footprints_path, pos_fraction, progress: Progress) -> None:
    progress.update(0.96, "writing")
    out_path = Path(out_path)
    fmt = "npz" if out_path.suffix.lower() == ".npz" else "safetensors"
    # Both outputs are complete before either is moved into place: the last cancel check comes
    # before the first rename, so a cancel never leaves one of them behind.
    with atomic_output(out_path) as tmp:
        dataset.save(tmp, fmt=fmt)
        if footprints_path:
            with atomic_output(footprints_path) as ftmp:
                write_footprints(dataset, ftmp, pos_fraction)
                progress.check()
        else:
            progress.check()
    for p in [out_path] + ([Path(footprints_path)] if footprints_path else []):
        _readable(p)
    try:
        progress.update(1.0, "done")
    except CancelledError:  # too late to cancel: the outputs are complete
        pass


def _readable(path) -> None:
    import os

    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, 0o666 & ~mask)


def write_footprints(dataset: GraphDataset, path, positive_fraction=None) -> None:
    """A GeoPackage layer ``tiles``: one polygon per tile with its label, block and position."""
    _, ogr, osr = _gdal()
    path = Path(path)
    if path.exists():
        path.unlink()
    srs = osr.SpatialReference(wkt=dataset.crs_wkt)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = ds.CreateLayer("tiles", srs, ogr.wkbPolygon)
    for name, ftype in (("tile", ogr.OFTInteger), ("row", ogr.OFTInteger), ("col", ogr.OFTInteger),
                        ("label", ogr.OFTInteger), ("label_name", ogr.OFTString), ("block", ogr.OFTInteger),
                        ("positive_fraction", ogr.OFTReal)):
        layer.CreateField(ogr.FieldDefn(name, ftype))
    defn = layer.GetLayerDefn()
    cx, cy = tile_corners(dataset.geotransform, dataset.rows, dataset.cols, dataset.tile_size)
    layer.StartTransaction()
    for i in range(dataset.num_graphs):
        r, c = int(dataset.rows[i]), int(dataset.cols[i])
        poly = _polygon(cx[i], cy[i])
        feat = ogr.Feature(defn)
        label = int(dataset.y[i])
        feat.SetField("tile", i)
        feat.SetField("row", r)
        feat.SetField("col", c)
        feat.SetField("label", label)
        feat.SetField("label_name", dataset.class_names[label] if label >= 0 else "unlabelled")
        feat.SetField("block", int(dataset.block[i]))
        if positive_fraction is not None:
            feat.SetField("positive_fraction", float(positive_fraction[i]))
        feat.SetGeometry(poly)
        layer.CreateFeature(feat)
    layer.CommitTransaction()
    ds = None
