"""Graph tiling on a small generated area: counts, labels, edges, file round trip, bad inputs."""
from __future__ import annotations

import json

import numpy as np
import pytest

gdal = pytest.importorskip("osgeo.gdal")
from osgeo import ogr, osr  # noqa: E402
from scipy import ndimage  # noqa: E402

from models.errors import CancelledError, InputError  # noqa: E402
from models.graphs import GraphDataset, build_edges, build_graph_dataset, datasets_equal  # noqa: E402
from models.progress import Progress  # noqa: E402
from models.sample_area import make_sample_area  # noqa: E402

gdal.UseExceptions()
ogr.UseExceptions()

W, H = 120, 100  # not square: catches swapped axes


def _distance_raster(ref_path, vector_path, out_path, name, all_touched):
    """Distance (m) to the features of a layer on the grid of ``ref_path`` (scipy EDT)."""
    ref = gdal.Open(ref_path)
    gt = ref.GetGeoTransform()
    mem = gdal.GetDriverByName("MEM").Create("", ref.RasterXSize, ref.RasterYSize, 1, gdal.GDT_Byte)
    mem.SetGeoTransform(gt)
    mem.SetProjection(ref.GetProjection())
    vec = ogr.Open(vector_path)
    gdal.RasterizeLayer(mem, [1], vec.GetLayer(0), burn_values=[1],
                        options=["ALL_TOUCHED=TRUE"] if all_touched else [])
    mask = mem.ReadAsArray().astype(bool)
    dist = ndimage.distance_transform_edt(~mask) * gt[1]
    out = gdal.GetDriverByName("GTiff").Create(out_path, ref.RasterXSize, ref.RasterYSize, 1, gdal.GDT_Float32)
    out.SetGeoTransform(gt)
    out.SetProjection(ref.GetProjection())
    band = out.GetRasterBand(1)
    band.WriteArray(dist.astype(np.float32))
    band.SetDescription(name)
    out = None
    return out_path


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    d = tmp_path_factory.mktemp("stack")
    paths = make_sample_area(d, size=(W, H), seed=7)
    cube = gdal.Open(paths["cube"])
    wl = [float(cube.GetRasterBand(i + 1).GetMetadataItem("wavelength")) for i in range(cube.RasterCount)]
    bands = [i + 1 for i, w in enumerate(wl) if 782 <= w <= 902 or 2014 <= w <= 2400]
    subset = str(d / "subset.tif")
    gdal.Translate(subset, cube, bandList=bands)
    dp = _distance_raster(subset, paths["plutons"], str(d / "dist_pluton.tif"), "distance to pluton (m)", False)
    df = _distance_raster(subset, paths["faults"], str(d / "dist_fault.tif"), "distance to fault (m)", True)
    return {**paths, "subset": subset, "dist_pluton": dp, "dist_fault": df, "dir": d, "n_spectral": len(bands),
            "wavelengths": [wl[b - 1] for b in bands]}


@pytest.fixture(scope="module")
def dataset(stack, tmp_path_factory):
    out = tmp_path_factory.mktemp("ds") / "graphs.safetensors"
    fp = out.with_name("tiles.gpkg")
    ds = build_graph_dataset([stack["subset"], stack["dist_pluton"], stack["dist_fault"]],
                             stack["pegmatites_known"], out, footprints_path=str(fp))
    return ds, out, fp


def _read_stack(stack):
    """Whole stack [C, H, W] with scale applied, and the validity mask (fine for a tiny test raster)."""
    parts, valid = [], np.ones((H, W), bool)
    for p in (stack["subset"], stack["dist_pluton"], stack["dist_fault"]):
        ds = gdal.Open(p)
        for b in range(ds.RasterCount):
            band = ds.GetRasterBand(b + 1)
            a = band.ReadAsArray()
            if band.GetNoDataValue() is not None:
                valid &= a != band.GetNoDataValue()
            parts.append(a.astype(np.float64) * (band.GetScale() or 1.0) + (band.GetOffset() or 0.0))
    return np.stack(parts).astype(np.float32), valid


def _tile_poly(gt, r, c, k):
    ring = ogr.Geometry(ogr.wkbLinearRing)
    x0, y0 = gt[0] + c * gt[1], gt[3] + r * gt[5]
    x1, y1 = gt[0] + (c + k) * gt[1], gt[3] + (r + k) * gt[5]
    for x, y in ((x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)):
        ring.AddPoint_2D(x, y)
    poly = ogr.Geometry(ogr.wkbPolygon)
    poly.AddGeometry(ring)
    return poly


def _bodies(path):
    ds = ogr.Open(path)
    return [f.GetGeometryRef().Clone() for f in ds.GetLayer(0)]


# --------------------------------------------------------------------------- edges

def test_edges_of_a_10x10_tile_are_the_8_neighbourhood():
    e = build_edges(10, 30.0)
    assert e.dtype == np.int64 and e.shape == (2, 684)  # 2 * (2*9*10 + 2*9*9)
    assert not np.any(e[0] == e[1])
    pairs = set(map(tuple, e.T.tolist()))
    assert all((b, a) in pairs for a, b in pairs)
    r, c = np.divmod(e, 10)
    assert np.all(np.maximum(np.abs(r[0] - r[1]), np.abs(c[0] - c[1])) == 1)
    # the paper's numbers: 170 m at 100 m spacing is the same graph
    assert np.array_equal(build_edges(10, 100.0, 170.0), e)


def test_edges_follow_the_threshold():
    k, px = 6, 30.0
    for thr in (45.0, 61.0, 90.0, 200.0):
        e = build_edges(k, px, thr)
        r, c = np.divmod(np.arange(k * k), k)
        d = np.hypot(r[:, None] - r[None, :], c[:, None] - c[None, :]) * px
        expected = int(((d < thr) & (d > 0)).sum())
        assert e.shape[1] == expected
    with pytest.raises(InputError, match="no edges"):
        build_edges(10, 30.0, 30.0)


# --------------------------------------------------------------------------- the data set

def test_counts_channels_and_contract(dataset, stack):
    ds, _, _ = dataset
    ns = stack["n_spectral"]
    positions = (W // 10) * (H // 10)
    counts = ds.meta["counts"]
    assert counts["positions"] == positions
    assert ds.num_graphs == positions - counts["skipped_nodata"]
    assert ds.x.dtype == np.float32 and ds.x.shape == (ds.num_graphs, 100, ns + 2)
    assert ds.y.dtype == np.int64 and ds.rows.dtype == np.int32 and ds.block.dtype == np.int32
    assert ds.channel_names[-2:] == ["distance to pluton (m)", "distance to fault (m)"]
    assert ds.wavelengths_nm[-2:] == [None, None]
    assert np.allclose(ds.wavelengths_nm[:ns], stack["wavelengths"], atol=0.01)
    assert ds.edge_index.shape == (2, 684) and ds.edge_threshold_m == pytest.approx(51.0)
    assert ds.tile_size == 10 and ds.stride == 10 and ds.raster_size == (W, H)
    assert ds.class_names == ["barren", "mineralised"]
    assert counts["positive"] == int((ds.y == 1).sum()) > 0
    assert counts["negative"] == int((ds.y == 0).sum()) > 0
    assert "channels (" in ds.summary()


def test_node_features_are_the_stack_values(dataset, stack):
    ds, _, _ = dataset
    full, valid = _read_stack(stack)
    for i in range(0, ds.num_graphs, 7):
        r, c = int(ds.rows[i]), int(ds.cols[i])
        expected = full[:, r:r + 10, c:c + 10].reshape(full.shape[0], 100).T  # nodes row-major
        assert np.array_equal(ds.x[i], expected)
    v = full[:, valid].astype(np.float64)
    assert np.allclose(ds.mean, v.mean(axis=1), rtol=1e-5)
    assert np.allclose(ds.std, v.std(axis=1), rtol=1e-4)
    z = ds.normalised_x()
    assert z.dtype == np.float32 and np.allclose(z[0], (ds.x[0] - ds.mean) / ds.std, atol=1e-5)


def test_labels_match_a_brute_force_distance_check(dataset, stack):
    ds, _, _ = dataset
    gt = ds.geotransform
    bodies = _bodies(stack["pegmatites_known"])
    checked = 0
    for i in range(ds.num_graphs):
        tile = _tile_poly(gt, int(ds.rows[i]), int(ds.cols[i]), 10)
        d = min(tile.Distance(b) for b in bodies)
        if abs(d - 100.0) < 1.0:  # the buffer is a polygon approximation of the circle
            continue
        assert ds.y[i] == int(d < 100.0), (i, d)
        checked += 1
    assert checked > 0.9 * ds.num_graphs


def test_nodata_tiles_are_skipped_and_counted(dataset, stack):
    ds, _, _ = dataset
    _, valid = _read_stack(stack)
    bad = [(r, c) for r in range(0, H - 9, 10) for c in range(0, W - 9, 10) if not valid[r:r + 10, c:c + 10].all()]
    assert len(bad) > 0  # the generated scene has a nodata wedge
    assert ds.meta["counts"]["skipped_nodata"] == len(bad)
    kept = set(zip(ds.rows.tolist(), ds.cols.tolist()))
    assert not kept & set(bad)


def test_round_trip_is_lossless(dataset, tmp_path):
    ds, out, _ = dataset
    loaded = GraphDataset.load(out)
    assert datasets_equal(ds, loaded)
    assert loaded.geotransform == ds.geotransform and loaded.meta == ds.meta
    npz = tmp_path / "graphs.npz"
    ds.save(npz)
    again = GraphDataset.load(npz)
    assert datasets_equal(ds, again)
    with np.load(npz, allow_pickle=False) as z:  # no pickle inside
        assert set(z.files) >= {"x", "y", "edge_index", "__meta__"}
    # the safetensors header describes the data set
    from safetensors import safe_open

    with safe_open(str(out), framework="numpy") as fh:
        header = json.loads(fh.metadata()["hyperprospect"])
    assert header["tile_size"] == 10 and header["channel_names"] == ds.channel_names


def test_footprints_layer(dataset):
    ds, _, fp = dataset
    vds = ogr.Open(str(fp))  # keep the data source alive while its layer is used
    feats = list(vds.GetLayer("tiles"))
    assert len(feats) == ds.num_graphs
    labels = np.array([f.GetField("label") for f in feats])
    assert np.array_equal(labels, ds.y)
    assert {f.GetField("label_name") for f in feats} == {"barren", "mineralised"}


def test_same_inputs_same_bytes(stack, tmp_path):
    inputs = [stack["subset"], stack["dist_pluton"], stack["dist_fault"]]
    a = tmp_path / "a.safetensors"
    b = tmp_path / "b.safetensors"
    build_graph_dataset(inputs, stack["pegmatites_known"], a, negative_ratio=1.0, seed=5)
    build_graph_dataset(inputs, stack["pegmatites_known"], b, negative_ratio=1.0, seed=5)
    assert a.read_bytes() == b.read_bytes()


# --------------------------------------------------------------------------- options

def test_negative_ratio_and_keep_out(stack, tmp_path):
    inputs = [stack["subset"], stack["dist_pluton"], stack["dist_fault"]]
    ds = build_graph_dataset(inputs, stack["pegmatites_known"], tmp_path / "r.safetensors",
                             negative_ratio=2.0, keep_out_m=400.0, seed=1)
    npos, nneg = int((ds.y == 1).sum()), int((ds.y == 0).sum())
    assert 0 < nneg <= 2 * npos
    bodies = _bodies(stack["pegmatites_known"])
    for i in np.flatnonzero(ds.y == 0):
        tile = _tile_poly(ds.geotransform, int(ds.rows[i]), int(ds.cols[i]), 10)
        assert min(tile.Distance(b) for b in bodies) > 399.0
    c = ds.meta["counts"]
    assert c["excluded_keep_out"] > 0
    other = build_graph_dataset(inputs, stack["pegmatites_known"], tmp_path / "s.safetensors",
                                negative_ratio=2.0, keep_out_m=400.0, seed=2)
    # positives are never sampled away; the negatives depend on the seed
    assert np.array_equal(other.rows[other.y == 1], ds.rows[ds.y == 1])
    assert np.array_equal(other.cols[other.y == 1], ds.cols[ds.y == 1])


def test_min_positive_fraction_and_stride(stack, tmp_path):
    inputs = [stack["subset"], stack["dist_pluton"], stack["dist_fault"]]
    ds = build_graph_dataset(inputs, stack["pegmatites_known"], tmp_path / "f.safetensors",
                             min_positive_fraction=0.3, stride=5)
    frac = np.array(ds.meta["positive_fraction"])
    assert np.all(frac[ds.y == 1] >= 0.3)
    assert np.all(frac[ds.y == 0] == 0)
    assert ds.meta["counts"]["positions"] == ((H - 10) // 5 + 1) * ((W - 10) // 5 + 1)
    assert ds.meta["counts"]["excluded_ambiguous"] > 0
    train, val = ds.block_split(0.3, seed=0)
    assert len(train) and len(val) and not set(train) & set(val)
    for i in train:  # the guard leaves no training tile overlapping or touching a validation tile
        assert not np.any((np.abs(ds.rows[val] - ds.rows[i]) <= 10) & (np.abs(ds.cols[val] - ds.cols[i]) <= 10))


def test_prediction_set_without_labels(stack, tmp_path):
    ds = build_graph_dataset([stack["subset"]], None, tmp_path / "p.safetensors", stride=10)
    assert np.all(ds.y == -1) and ds.meta["labels"] is None
    assert ds.num_channels == stack["n_spectral"]


def test_label_layer_in_another_crs_is_reprojected(stack, tmp_path):
    geo = str(tmp_path / "known_wgs84.gpkg")
    gdal.VectorTranslate(geo, stack["pegmatites_known"], dstSRS="EPSG:4326", reproject=True)
    inputs = [stack["subset"]]
    a = build_graph_dataset(inputs, stack["pegmatites_known"], tmp_path / "a.safetensors")
    b = build_graph_dataset(inputs, geo, tmp_path / "b.safetensors")
    assert b.meta["labels"]["reprojected"] is True
    assert np.array_equal(a.y, b.y)


# --------------------------------------------------------------------------- bad input, cancel

def test_tile_larger_than_raster(stack, tmp_path):
    with pytest.raises(InputError) as err:
        build_graph_dataset([stack["subset"]], None, tmp_path / "x.safetensors", tile_size=150)
    assert "150×150" in str(err.value) and f"{W}×{H}" in str(err.value)


def _write_raster(path, width, height, gt, epsg=32644, value=1.0):
    ds = gdal.GetDriverByName("GTiff").Create(str(path), width, height, 1, gdal.GDT_Float32)
    ds.SetGeoTransform(gt)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    ds.SetProjection(srs.ExportToWkt())
    ds.GetRasterBand(1).Fill(value)
    ds = None
    return str(path)


def test_mismatched_grids_are_refused(stack, tmp_path):
    gt = gdal.Open(stack["subset"]).GetGeoTransform()
    small = _write_raster(tmp_path / "small.tif", W - 1, H, gt)
    with pytest.raises(InputError) as err:
        build_graph_dataset([stack["subset"], small], None, tmp_path / "x.safetensors")
    assert "not on one grid" in str(err.value) and f"{W - 1}×{H}" in str(err.value) and f"{W}×{H}" in str(err.value)
    shifted = _write_raster(tmp_path / "shifted.tif", W, H, (gt[0] + 15, gt[1], 0, gt[3], 0, gt[5]))
    with pytest.raises(InputError, match="geotransform"):
        build_graph_dataset([stack["subset"], shifted], None, tmp_path / "x.safetensors")
    other_crs = _write_raster(tmp_path / "crs.tif", W, H, gt, epsg=32645)
    with pytest.raises(InputError, match="CRS"):
        build_graph_dataset([stack["subset"], other_crs], None, tmp_path / "x.safetensors")


def _rotate_geometry(geom, theta, ox, oy):
    """A copy of ``geom`` turned by ``theta`` (radians, counter-clockwise) about (ox, oy)."""
    g = geom.Clone()
    cos, sin = np.cos(theta), np.sin(theta)

    def turn(part):
        if part.GetGeometryCount():
            for i in range(part.GetGeometryCount()):
                turn(part.GetGeometryRef(i))
            return
        for i in range(part.GetPointCount()):
            x, y = part.GetX(i) - ox, part.GetY(i) - oy
            part.SetPoint_2D(i, ox + cos * x - sin * y, oy + sin * x + cos * y)

    turn(g)
    return g


def test_rotated_grid_gives_the_same_tiles_as_north_up(stack, tmp_path):
    """Turn the whole area (rasters and known bodies) by 37° about the raster origin: the graph data set
    must not change (same tiles, labels, positive fractions, values); footprints turn with it."""
    theta = np.radians(37.0)
    cos, sin = np.cos(theta), np.sin(theta)
    rotated = []
    for key in ("subset", "dist_pluton", "dist_fault"):
        src = gdal.Open(stack[key])
        g = src.GetGeoTransform()
        out = str(tmp_path / f"rot_{key}.tif")
        dst = gdal.Translate(out, src)
        dst.SetGeoTransform((g[0], cos * g[1], -sin * g[5], g[3], sin * g[1], cos * g[5]))
        dst = None
        rotated.append(out)
    g = gdal.Open(stack["subset"]).GetGeoTransform()
    src_ds = ogr.Open(stack["pegmatites_known"])  # keep the data source alive while its layer is used
    src_layer = src_ds.GetLayer(0)
    known = str(tmp_path / "known_rot.gpkg")
    vds = ogr.GetDriverByName("GPKG").CreateDataSource(known)
    lyr = vds.CreateLayer("known", src_layer.GetSpatialRef(), src_layer.GetGeomType())
    for geom in _bodies(stack["pegmatites_known"]):
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetGeometry(_rotate_geometry(geom, theta, g[0], g[3]))
        lyr.CreateFeature(f)
    vds = None

    kw = dict(tile_size=8, stride=4, label_buffer_m=60.0, min_positive_fraction=0.05, keep_out_m=90.0)
    north = build_graph_dataset([stack["subset"], stack["dist_pluton"], stack["dist_fault"]],
                                stack["pegmatites_known"], tmp_path / "n.safetensors", **kw)
    turned = build_graph_dataset(rotated, known, tmp_path / "r.safetensors",
                                 footprints_path=str(tmp_path / "r.gpkg"), **kw)
    assert (north.y == 1).sum() >= 3 and (north.y == 0).sum() >= 3
    np.testing.assert_array_equal(turned.rows, north.rows)
    np.testing.assert_array_equal(turned.cols, north.cols)
    np.testing.assert_array_equal(turned.y, north.y)
    np.testing.assert_array_equal(turned.x, north.x)
    np.testing.assert_array_equal(turned.edge_index, north.edge_index)
    np.testing.assert_allclose(turned.meta["positive_fraction"], north.meta["positive_fraction"], atol=1e-6)
    assert turned.meta["counts"] == north.meta["counts"]
    assert turned.pixel_size == pytest.approx(north.pixel_size)
    # tile centres and footprints are the north-up ones turned about the origin
    c_n, c_r = north.tile_centres() - (g[0], g[3]), turned.tile_centres() - (g[0], g[3])
    np.testing.assert_allclose(c_r[:, 0], cos * c_n[:, 0] - sin * c_n[:, 1], atol=1e-6)
    np.testing.assert_allclose(c_r[:, 1], sin * c_n[:, 0] + cos * c_n[:, 1], atol=1e-6)
    fds = ogr.Open(str(tmp_path / "r.gpkg"))
    for feat in fds.GetLayer(0):
        poly = feat.GetGeometryRef()
        assert poly.GetArea() == pytest.approx(64 * abs(g[1] * g[5]))
        want = _rotate_geometry(_tile_poly(g, feat.GetField("row"), feat.GetField("col"), 8), theta, g[0], g[3])
        assert poly.SymDifference(want).GetArea() < 1e-6


def test_sheared_grid_is_refused(tmp_path):
    path = _write_raster(tmp_path / "shear.tif", 40, 40, (500000.0, 30.0, 10.0, 4000000.0, 0.0, -30.0))
    with pytest.raises(InputError, match="sheared grid"):
        build_graph_dataset([path], None, tmp_path / "x.safetensors")


def test_geographic_crs_is_refused(tmp_path):
    path = _write_raster(tmp_path / "geo.tif", 40, 40, (79.0, 0.0003, 0, 36.0, 0, -0.0003), epsg=4326)
    with pytest.raises(InputError, match="geographic CRS"):
        build_graph_dataset([path], None, tmp_path / "x.safetensors")


def test_empty_label_layer_is_refused(stack, tmp_path):
    empty = str(tmp_path / "empty.gpkg")
    gdal.VectorTranslate(empty, stack["pegmatites_known"], where="id < 0")
    with pytest.raises(InputError, match="empty"):
        build_graph_dataset([stack["subset"]], empty, tmp_path / "x.safetensors")


def test_label_layer_outside_the_raster(stack, tmp_path):
    far = str(tmp_path / "far.gpkg")
    vds = ogr.GetDriverByName("GPKG").CreateDataSource(far)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32644)
    layer = vds.CreateLayer("far", srs, ogr.wkbPolygon)
    feat = ogr.Feature(layer.GetLayerDefn())
    feat.SetGeometry(ogr.CreateGeometryFromWkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"))
    layer.CreateFeature(feat)
    vds = None
    with pytest.raises(InputError, match="covers the raster"):
        build_graph_dataset([stack["subset"]], far, tmp_path / "x.safetensors")


def test_all_nodata_gives_no_tiles_message(tmp_path):
    path = _write_raster(tmp_path / "nd.tif", 30, 30, (300000, 30, 0, 4000000, 0, -30), value=-1)
    ds = gdal.Open(path, gdal.GA_Update)
    ds.GetRasterBand(1).SetNoDataValue(-1)
    ds = None
    with pytest.raises(InputError, match="no valid pixel"):
        build_graph_dataset([path], None, tmp_path / "x.safetensors")


def _count_checks(stack, tmp_path):
    calls = {"n": 0}

    def never():
        calls["n"] += 1
        return False

    build_graph_dataset([stack["subset"], stack["dist_pluton"]], stack["pegmatites_known"],
                        tmp_path / "count.safetensors", footprints_path=str(tmp_path / "count.gpkg"),
                        progress=Progress(is_cancelled=never))
    return calls["n"]


def test_cancel_leaves_no_output(stack, tmp_path):
    total = _count_checks(stack, tmp_path / "count")
    assert total > 10
    for when in (1, total // 2, total - 2, total - 1):  # early, reading tiles, while writing
        calls = {"n": 0}

        def cancelled():
            calls["n"] += 1
            return calls["n"] >= when

        work = tmp_path / f"c{when}"
        work.mkdir()
        out = work / "c.safetensors"
        fp = work / "c.gpkg"
        with pytest.raises(CancelledError):
            build_graph_dataset([stack["subset"], stack["dist_pluton"]], stack["pegmatites_known"], out,
                                footprints_path=str(fp), progress=Progress(is_cancelled=cancelled))
        assert list(work.iterdir()) == [], when  # no output, no temporary left behind


def test_the_stack_is_read_in_strips_of_tile_rows(stack, tmp_path, monkeypatch):
    from models.graphs import tiling

    seen = []
    real = tiling._read_strip

    def spy(info, row, nrows):
        seen.append(nrows)
        return real(info, row, nrows)

    monkeypatch.setattr(tiling, "_read_strip", spy)
    build_graph_dataset([stack["subset"], stack["dist_pluton"]], stack["pegmatites_known"],
                        tmp_path / "s.safetensors", tile_size=8, stride=4)
    assert seen and max(seen) == 8


def test_cli_build_graphs(stack, tmp_path, capsys):
    from models.cli import main

    out = tmp_path / "cli.safetensors"
    rc = main(["build-graphs", stack["subset"], stack["dist_pluton"], stack["dist_fault"],
               "--labels", stack["pegmatites_known"], "-o", str(out), "--negative-ratio", "3", "--quiet"])
    text = capsys.readouterr().out
    assert rc == 0 and out.is_file()
    assert "distance to fault (m)" in text and "mineralised" in text and "skipped for nodata" in text
    rc = main(["build-graphs", stack["subset"], "-o", str(tmp_path / "y.safetensors"), "--tile-size", "500"])
    assert rc == 1 and "larger than the raster" in capsys.readouterr().err


_UTM_GT = (300000.0, 30.0, 0.0, 4000000.0, 0.0, -30.0)


def _utm_raster(path, bands, driver="GTiff"):
    """An open 20×20 float32 raster of ``bands`` bands in UTM 44N (30 m pixels)."""
    ds = gdal.GetDriverByName(driver).Create(str(path), 20, 20, bands, gdal.GDT_Float32)
    ds.SetGeoTransform(_UTM_GT)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32644)
    ds.SetProjection(srs.ExportToWkt())
    return ds


def test_channel_names_and_wavelengths_come_from_band_metadata(tmp_path):
    from models.graphs import open_stack

    gt = _UTM_GT
    path = str(tmp_path / "um.tif")
    ds = _utm_raster(path, 3)
    ds.GetRasterBand(1).SetMetadata({"wavelength": "0.83", "wavelength_units": "Micrometers"})
    ds.GetRasterBand(2).SetDescription("swir 2207.5 nm")
    ds.GetRasterBand(3).SetMetadata({"wavelength": "2.2"})  # no units: micrometres by magnitude
    ds = None
    geo = _write_raster(tmp_path / "dist.tif", 20, 20, gt)
    info = open_stack([path, geo])
    assert info.wavelengths_nm == [pytest.approx(830.0), pytest.approx(2207.5), pytest.approx(2200.0), None]
    assert info.channel_names == ["830.00 nm", "swir 2207.5 nm", "2200.00 nm", "dist"]


def test_nan_nodata_in_a_geology_channel_skips_tiles(stack, tmp_path):
    src = gdal.Open(stack["dist_fault"])
    a = src.ReadAsArray()
    a[55, 33] = np.nan  # one pixel: tile (50, 30)
    path = str(tmp_path / "nan.tif")
    out = gdal.GetDriverByName("GTiff").CreateCopy(path, src)
    out.GetRasterBand(1).WriteArray(a)
    out.GetRasterBand(1).SetNoDataValue(float("nan"))
    out = None
    base = build_graph_dataset([stack["subset"]], None, tmp_path / "a.safetensors")
    ds = build_graph_dataset([stack["subset"], path], None, tmp_path / "b.safetensors")
    assert ds.meta["counts"]["skipped_nodata"] == base.meta["counts"]["skipped_nodata"] + 1
    assert (50, 30) not in set(zip(ds.rows.tolist(), ds.cols.tolist()))
    assert np.isfinite(ds.x).all() and np.isfinite(ds.mean).all()


def test_no_tiles_produced_message(tmp_path):
    path = _write_raster(tmp_path / "holes.tif", 40, 40, (300000, 30, 0, 4000000, 0, -30), value=1.0)
    ds = gdal.Open(path, gdal.GA_Update)
    band = ds.GetRasterBand(1)
    band.SetNoDataValue(-1)
    a = band.ReadAsArray()
    a[::6, ::6] = -1  # a hole in every 10×10 tile, valid pixels elsewhere
    band.WriteArray(a)
    ds = None
    with pytest.raises(InputError, match=r"No tiles produced: 16 tile positions, 16 skipped for nodata"):
        build_graph_dataset([path], None, tmp_path / "x.safetensors")
    assert not (tmp_path / "x.safetensors").exists()


def test_labels_from_a_qgis_layer_source_with_layername(stack, tmp_path):
    """`file.gpkg|layername=x` (what QGIS hands an algorithm) opens the named layer of a multi-layer file."""
    gpkg = str(tmp_path / "two_layers.gpkg")
    gdal.VectorTranslate(gpkg, stack["pegmatites_known"], layerName="decoy", where="0 = 1")
    gdal.VectorTranslate(gpkg, stack["pegmatites_known"], layerName="bodies", accessMode="update")
    inputs = [stack["subset"], stack["dist_pluton"]]
    plain = build_graph_dataset(inputs, stack["pegmatites_known"], tmp_path / "a.safetensors")
    uri = build_graph_dataset(inputs, f"{gpkg}|layername=bodies", tmp_path / "b.safetensors")
    assert uri.meta["labels"]["layer"] == "bodies"
    assert np.array_equal(plain.y, uri.y) and np.array_equal(plain.rows, uri.rows)
    with pytest.raises(InputError, match="empty"):
        build_graph_dataset(inputs, f"{gpkg}|layername=decoy", tmp_path / "c.safetensors")


def test_stack_wavelengths_follow_raster_wavelengths_rules(tmp_path):
    """Units as models/raster/wavelengths reads them: µm guessed from the median of the file's list
    (a 75 µm thermal band is not taken for 75 nm) and ENVI 'Index' units are band numbers, not wavelengths."""
    from models.graphs import open_stack

    path = str(tmp_path / "list.tif")
    ds = _utm_raster(path, 2)
    for b, w in ((1, "8.5"), (2, "75")):  # median 41.75 < 100: micrometres, both bands
        ds.GetRasterBand(b).SetMetadata({"wavelength": w})
    ds = None
    assert open_stack([path]).wavelengths_nm == [pytest.approx(8500.0), pytest.approx(75000.0)]
    envi = str(tmp_path / "index.img")
    ds = _utm_raster(envi, 2, "ENVI")
    ds = None
    hdr = tmp_path / "index.hdr"
    hdr.write_text(hdr.read_text() + "wavelength units = Index\nwavelength = {1, 2}\n")
    assert open_stack([envi]).wavelengths_nm == [None, None]
