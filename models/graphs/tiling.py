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
from pathlib import Path
from typing import Optional, Sequence, Tuple, Union

import numpy as np

from .. import __version__
from ..atomic import atomic_output
from ..errors import CancelledError, InputError
from ..progress import Progress, ensure_progress
from ..raster.gdalio import open_vector
from ..raster.rasterize import rasterize_geometries
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
    W, H = info.width, info.height
    touched = rasterize_geometries(geoms, info.geotransform, W, H, info.crs_wkt, all_touched=True)
    near = rasterize_geometries([buffered_union], info.geotransform, W, H, info.crs_wkt, all_touched=True)
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
    _gdal()
    progress = ensure_progress(progress)
    k = int(tile_size)
    stride = int(stride) if stride else k
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

    info = open_stack(stack_paths)
    W, H, C = info.width, info.height, len(info.channels)
    if k > W or k > H:
        raise InputError(
            f"Tile size {k}×{k} px is larger than the raster ({W}×{H} px): use a smaller tile size "
            "or a larger area."
        )
    dx_m, dy_m = info.pixel_size_m
    threshold_m = float(threshold_factor) * min(dx_m, dy_m)
    edge_index = build_edges(k, (dx_m, dy_m), threshold_m)
    # read the label layer first: a bad layer fails before the stack is read
    geoms, label_meta = _read_label_geometries(label_vector, label_layer, info) if label_vector else (None, None)
    progress.update(0.01, "reading the stack")

    # ---- pass 1: validity mask and streaming statistics
    p1 = progress.span(0.01, 0.45)
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
        p1.update((r0 + n) / H, "statistics")
    if count == 0:
        raise InputError("The stack has no valid pixel (every pixel is nodata in at least one channel).")
    std = np.sqrt(m2 / count)

    # ---- tile positions and validity (summed-area table of invalid pixels)
    rows_pos, cols_pos = _positions(H, k, stride), _positions(W, k, stride)
    tr = np.repeat(rows_pos, len(cols_pos))
    tc = np.tile(cols_pos, len(rows_pos))
    sat = np.zeros((H + 1, W + 1), dtype=np.int64)
    sat[1:, 1:] = np.cumsum(np.cumsum(~valid_mask, axis=0), axis=1)
    bad = sat[tr + k, tc + k] - sat[tr, tc + k] - sat[tr + k, tc] + sat[tr, tc]
    tile_ok = bad == 0
    n_positions, n_skipped = len(tr), int((~tile_ok).sum())
    progress.update(0.47, "labels")

    # ---- labels
    counts = {"positions": n_positions, "skipped_nodata": n_skipped}
    pos_fraction = np.zeros(n_positions)
    label_px = None
    if label_vector:
        union, parts = _buffered_union(geoms, float(label_buffer_m) / info.unit_m)
        label_px = _pixel_labels(info, geoms, union)
        hit, pos_fraction = _meets(info, tr, tc, k, union, parts, want_fraction=True)
        progress.check()
        positive = hit & (pos_fraction >= float(min_positive_fraction)) & tile_ok
        ambiguous = hit & ~positive & tile_ok
        negative = ~hit & tile_ok
        excluded_keep_out = np.zeros(n_positions, dtype=bool)
        if keep_out_m > 0:
            ko_union, ko_parts = _buffered_union(geoms, float(keep_out_m) / info.unit_m)
            near, _ = _meets(info, tr, tc, k, ko_union, ko_parts, want_fraction=False)
            excluded_keep_out = negative & near
            negative &= ~near
        n_pos = int(positive.sum())
        if not hit.any():
            raise InputError(
                f"None of the {len(geoms)} bodies of the label layer '{label_meta['layer']}' meets a tile of the "
                "raster: check that the layer covers the raster area (and its CRS)."
            )
        dropped = 0
        if negative_ratio is not None:
            n_neg = int(negative.sum())
            keep = min(n_neg, int(math.floor(float(negative_ratio) * n_pos)))
            if keep < n_neg:
                rng = np.random.default_rng(seed)
                chosen = np.sort(rng.choice(np.flatnonzero(negative), size=keep, replace=False))
                mask = np.zeros(n_positions, dtype=bool)
                mask[chosen] = True
                dropped = n_neg - keep
                negative = mask
        selected = positive | negative
        y_all = np.where(positive, 1, 0).astype(np.int64)
        counts.update({
            "excluded_ambiguous": int(ambiguous.sum()),
            "excluded_keep_out": int(excluded_keep_out.sum()),
            "negatives_dropped_by_ratio": int(dropped),
            "positive_with_nodata": int((hit & ~tile_ok).sum()),
        })
    else:
        selected = tile_ok.copy()
        y_all = np.full(n_positions, -1, dtype=np.int64)
    sel = np.flatnonzero(selected)
    if sel.size == 0:
        raise InputError(
            f"No tiles produced: {n_positions} tile positions, {n_skipped} skipped for nodata"
            + (", none left after labelling" if label_vector else "")
            + ". Check the nodata areas of the inputs and the tile size."
        )
    progress.update(0.5, "tiles")

    # ---- pass 2: read the selected tiles, strip by strip
    p2 = progress.span(0.5, 0.95)
    x = np.empty((sel.size, k * k, C), dtype=np.float32)
    sel_rows = tr[sel]
    unique_rows = np.unique(sel_rows)
    for j, r0 in enumerate(unique_rows):
        strip, _ = _read_strip(info, int(r0), k)
        for i in np.flatnonzero(sel_rows == r0):
            c0 = int(tc[sel[i]])
            x[i] = strip[:, :, c0:c0 + k].reshape(C, k * k).T
        p2.update((j + 1) / len(unique_rows), "tiles")

    block_px = int(block_tiles) * stride
    blocks_x = int(math.ceil(W / block_px))
    blocks_y = int(math.ceil(H / block_px))
    rows = tr[sel].astype(np.int32)
    cols = tc[sel].astype(np.int32)
    block = ((rows // block_px) * blocks_x + (cols // block_px)).astype(np.int32)
    y = y_all[sel]
    node_y = _node_labels(label_px, rows, cols, k) if label_px is not None else None
    counts.update({
        "tiles": int(sel.size),
        "positive": int((y == 1).sum()),
        "negative": int((y == 0).sum()),
        "unlabelled": int((y == -1).sum()),
    })
    meta = {
        "software": f"HyperProspect {__version__}",
        "sources": info.source_records(),
        "channels": [c.record() for c in info.channels],
        "pixel_size_m": [dx_m, dy_m],
        "crs_unit_m": info.unit_m,
        "threshold_factor": float(threshold_factor),
        "node_order": "row-major within the tile (node = row * tile_size + col)",
        "feature_values": "raw channel values (band scale/offset applied when set); normalise with mean/std",
        "statistics": {"valid_pixels": int(count), "std": "population (ddof=0) over valid pixels of the stack"},
        "labels": None if label_meta is None else {
            **label_meta,
            "buffer_m": float(label_buffer_m),
            "min_positive_fraction": float(min_positive_fraction),
            "keep_out_m": float(keep_out_m),
            "negative_ratio": None if negative_ratio is None else float(negative_ratio),
            "seed": int(seed),
            "rule": "positive: tile meets the bodies buffered by buffer_m with at least min_positive_fraction of "
                    "its area; barren: tile does not meet them and lies outside keep_out_m of every body",
        },
        "positive_fraction": [round(float(v), 6) for v in pos_fraction[sel]] if label_vector else None,
        "block_size_px": block_px,
        "blocks_x": blocks_x,
        "blocks_y": blocks_y,
        "block_rule": "block = (row // block_size_px) * blocks_x + col // block_size_px (tile top-left pixel); "
                      "use GraphDataset.block_split(guard=True) to drop training tiles that overlap or touch "
                      "validation tiles",
        "counts": counts,
    }
    dataset = GraphDataset(
        x=x, y=y, rows=rows, cols=cols, block=block, tile_size=k, stride=stride, edge_index=edge_index,
        edge_threshold_m=threshold_m, channel_names=info.channel_names, wavelengths_nm=info.wavelengths_nm,
        mean=mean.astype(np.float32), std=std.astype(np.float32), crs_wkt=info.crs_wkt,
        geotransform=info.geotransform, raster_size=(W, H), class_names=list(CLASS_NAMES), meta=meta,
        node_y=node_y,
    )
    progress.update(0.96, "writing")
    out_path = Path(out_path)
    fmt = "npz" if out_path.suffix.lower() == ".npz" else "safetensors"
    # Both outputs are complete before either is moved into place: the last cancel check comes
    # before the first rename, so a cancel never leaves one of them behind.
    with atomic_output(out_path) as tmp:
        dataset.save(tmp, fmt=fmt)
        if footprints_path:
            with atomic_output(footprints_path) as ftmp:
                write_footprints(dataset, ftmp, pos_fraction[sel] if label_vector else None)
                progress.check()
        else:
            progress.check()
    for p in [out_path] + ([Path(footprints_path)] if footprints_path else []):
        _readable(p)
    try:
        progress.update(1.0, "done")
    except CancelledError:  # too late to cancel: the outputs are complete
        pass
    return dataset


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
