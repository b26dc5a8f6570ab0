"""Distance to plutons / faults: exactness against independent computations, grids, CRSs, errors, cancel."""
import json
from pathlib import Path

import threading

import numpy as np
import pytest
from osgeo import gdal, ogr, osr
from scipy import ndimage

from models.errors import CancelledError, InputError
from models.progress import Progress
from models.raster import distance as distance_module
from models.raster.distance import SegmentIndex, distance_to_features

gdal.UseExceptions()
ogr.UseExceptions()

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
TILE = DATA / "aviris_ng_tiles" / "ang20140912t192359_corr_v1c_img_400-410_10-20.img"

PX = 30.0
X0, Y0 = 500000.0, 4000000.0
W, H = 120, 110
PAD = 60          # pixels around the grid in the EDT references, so off-grid features count
GT = (X0, PX, 0.0, Y0, 0.0, -PX)

PLUTONS = [
    # an irregular stock, a body with a roof pendant (hole), and one reaching outside the grid
    "POLYGON((500400 3998900, 501300 3998700, 501500 3998000, 500900 3997600, 500350 3998100, 500400 3998900))",
    "POLYGON((502000 3999500, 503200 3999500, 503200 3998300, 502000 3998300, 502000 3999500),"
    "(502400 3999100, 502800 3999100, 502800 3998700, 502400 3998700, 502400 3999100))",
    "MULTIPOLYGON(((502300 3997000, 503100 3996800, 503500 3997300, 502700 3997700, 502300 3997000)),"
    "((501000 3996500, 501400 3996200, 500800 3995000, 500600 3996000, 501000 3996500)))",
]
FAULTS = [
    "LINESTRING(499500 3999800, 500800 3998800, 501900 3998650, 503300 3996500, 503900 3995500)",
    "MULTILINESTRING((500100 3996000, 502600 3997900),(501700 3999900, 501750 3995200, 501720 3995000))",
]


def utm(epsg=32644):
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def write_raster(path, gt=GT, size=(W, H), srs=None):
    ds = gdal.GetDriverByName("GTiff").Create(str(path), size[0], size[1], 1, gdal.GDT_Byte)
    ds.SetGeoTransform(gt)
    if srs is not None:
        ds.SetProjection(srs.ExportToWkt())
    ds = None
    return path


def write_layer(path, name, wkts, srs, geom_type, driver="GPKG", append=False):
    drv = ogr.GetDriverByName(driver)
    ds = drv.Open(str(path), 1) if append else drv.CreateDataSource(str(path))
    layer = ds.CreateLayer(name, srs=srs, geom_type=geom_type)
    for wkt in wkts:
        feature = ogr.Feature(layer.GetLayerDefn())
        if wkt is not None:
            feature.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        layer.CreateFeature(feature)
    ds = None
    return path


@pytest.fixture
def scene(tmp_path):
    ref = write_raster(tmp_path / "ref.tif", srs=utm())
    vec = tmp_path / "geology.gpkg"
    write_layer(vec, "plutons", PLUTONS, utm(), ogr.wkbMultiPolygon)
    write_layer(vec, "faults", FAULTS, utm(), ogr.wkbMultiLineString, append=True)
    return ref, vec


def read(path):
    return gdal.Open(str(path)).ReadAsArray().astype(np.float64)


# ----------------------------------------------------------------------------- independent references


def centres(gt, width, height):
    cols, rows = np.meshgrid(np.arange(width) + 0.5, np.arange(height) + 0.5)
    return gt[0] + cols * gt[1] + rows * gt[2], gt[3] + cols * gt[4] + rows * gt[5]


def brute_force(wkts, gt, width, height, kind, signed=False):
    """Distance from every pixel centre to every edge, one segment at a time; inside by OGR's Contains."""
    x, y = centres(gt, width, height)
    best = np.full(x.shape, np.inf)
    geoms = [ogr.CreateGeometryFromWkt(w) for w in wkts]
    for g in geoms:
        outline = g.GetBoundary() if kind == "polygon" else g
        parts = [outline] if outline.GetGeometryCount() == 0 else [outline.GetGeometryRef(i)
                                                                  for i in range(outline.GetGeometryCount())]
        for part in parts:
            pts = np.array(part.GetPoints())[:, :2]
            for (ax, ay), (bx, by) in zip(pts[:-1], pts[1:]):
                t = np.clip(((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2), 0, 1)
                best = np.minimum(best, np.hypot(x - ax - t * (bx - ax), y - ay - t * (by - ay)))
    if kind == "polygon":
        inside = np.zeros(x.shape, bool)
        for idx in np.ndindex(x.shape):
            point = ogr.Geometry(ogr.wkbPoint)
            point.AddPoint_2D(float(x[idx]), float(y[idx]))
            inside[idx] = any(g.Contains(point) for g in geoms)
        best = np.where(inside, -best if signed else 0.0, best)
    return best


def edt_reference(vec, layer, kind, factor):
    """scipy's EDT on a rasterised copy, ``factor`` times finer (odd, so coarse centres are fine centres).

    The rasterised area is the grid plus PAD pixels each side: features off the grid
    still count (our function sees them; a grid-sized rasterisation would not).
    """
    fine = gdal.GetDriverByName("MEM").Create("", (W + 2 * PAD) * factor, (H + 2 * PAD) * factor, 1, gdal.GDT_Byte)
    fine.SetGeoTransform((X0 - PAD * PX, PX / factor, 0.0, Y0 + PAD * PX, 0.0, -PX / factor))
    fine.SetProjection(utm().ExportToWkt())
    ds = ogr.Open(str(vec))
    gdal.RasterizeLayer(fine, [1], ds.GetLayerByName(layer), burn_values=[1], options=["ALL_TOUCHED=TRUE"])
    mask = fine.ReadAsArray().astype(bool)
    dist = ndimage.distance_transform_edt(~mask, sampling=(PX / factor, PX / factor))
    first = PAD * factor + factor // 2
    return dist[first:first + H * factor:factor, first:first + W * factor:factor]


# ----------------------------------------------------------------------------- exactness


@pytest.mark.parametrize("kind, layer, wkts", [("polygon", "plutons", PLUTONS), ("line", "faults", FAULTS)])
def test_exact_distance_matches_brute_force(scene, tmp_path, kind, layer, wkts):
    ref, vec = scene
    out = tmp_path / f"{layer}.tif"
    result = distance_to_features(vec, ref, out, kind=kind, layer=layer)
    got = read(out)
    expected = brute_force(wkts, GT, W, H, kind)
    np.testing.assert_allclose(got, expected, atol=1e-3 * PX, rtol=1e-6)   # float32 storage only
    assert result.min_m == pytest.approx(got.min()) and result.max_m == pytest.approx(got.max(), rel=1e-6)
    assert result.feature_count == len(wkts) and result.pixel_size_m == (PX, PX)


@pytest.mark.parametrize("kind, layer", [("polygon", "plutons"), ("line", "faults")])
def test_agrees_with_scipy_edt_on_a_rasterised_layer(scene, tmp_path, kind, layer):
    """The issue's criterion: an independent EDT computation agrees within half a pixel.

    EDT measures between centres of the cells the layer touches, so it is itself off by up
    to half a cell diagonal (every touched cell holds a point of the feature within that
    distance of its centre, and the nearest point of the feature lies in a touched cell).
    On a 7× finer rasterisation that is 0.1 px and the half-pixel criterion applies; on the
    same grid we check the 0.71 px bound the quantisation allows.
    """
    ref, vec = scene
    got = read(distance_to_features(vec, ref, tmp_path / "d.tif", kind=kind, layer=layer).path)
    fine = edt_reference(vec, layer, kind, 7)
    assert np.abs(got - fine).max() <= 0.5 * PX
    coarse = edt_reference(vec, layer, kind, 1)
    assert np.abs(got - coarse).max() <= np.sqrt(0.5) * PX + 1e-3


def test_signed_distance_negative_inside(scene, tmp_path):
    ref, vec = scene
    got = read(distance_to_features(vec, ref, tmp_path / "s.tif", kind="polygon", signed=True, layer="plutons").path)
    expected = brute_force(PLUTONS, GT, W, H, "polygon", signed=True)
    np.testing.assert_allclose(got, expected, atol=1e-3 * PX, rtol=1e-6)
    unsigned = read(distance_to_features(vec, ref, tmp_path / "u.tif", kind="polygon", layer="plutons").path)
    assert (got < 0).any()
    np.testing.assert_array_equal(unsigned, np.maximum(got, 0))
    # The hole (roof pendant) is outside: positive distance there.
    hole_row, hole_col = int((Y0 - 3998900) / PX), int((502600 - X0) / PX)
    assert got[hole_row, hole_col] > 0


def test_overlapping_plutons_are_merged_for_signed_distance(tmp_path):
    """Where two plutons overlap, the edge of one inside the other is not a contact."""
    ref = write_raster(tmp_path / "ref.tif", srs=utm())
    a = "POLYGON((500300 3999000, 501500 3999000, 501500 3997500, 500300 3997500, 500300 3999000))"
    b = "POLYGON((501200 3999000, 502400 3999000, 502400 3997500, 501200 3997500, 501200 3999000))"
    vec = write_layer(tmp_path / "p.gpkg", "p", [a, b], utm(), ogr.wkbPolygon)
    got = read(distance_to_features(vec, ref, tmp_path / "s.tif", signed=True).path)
    x, y = centres(GT, W, H)
    inside = (x > 500300) & (x < 502400) & (y > 3997500) & (y < 3999000)
    to_edge = np.minimum.reduce([x - 500300, 502400 - x, y - 3997500, 3999000 - y])
    np.testing.assert_allclose(got[inside], -to_edge[inside], atol=0.01)


def test_segment_index_is_exact_on_random_polylines(monkeypatch):
    """The branch-and-bound index against brute force, for shallow and deep quadtrees."""
    rng = np.random.default_rng(3)
    segs = []
    for _ in range(12):
        p = rng.uniform(0, 200, 2)
        for _ in range(6):
            q = p + rng.normal(0, 20, 2)
            segs.append([*p, *q])
            p = q
    segs.append([50.0, 50.0, 50.0, 50.0])  # a zero-length segment (a repeated vertex) is a point
    segs = np.array(segs)
    y, x = np.mgrid[0:200, 0:200] + 0.5
    x, y = x * 1.0, y * 1.0
    x[0, :3] = [-5000.0, 7000.0, 123.4]  # far away and scattered points too
    truth = np.full(x.shape, np.inf)
    for s in segs:
        truth = np.minimum(truth, distance_module.point_segment_distance(x, y, *s))
    for leaf in (1, 4, 64):
        monkeypatch.setattr(distance_module, "LEAF_CANDIDATES", leaf)
        np.testing.assert_allclose(SegmentIndex(segs).distance(x, y), truth, rtol=0, atol=1e-9)


@pytest.mark.parametrize("method", ["euclidean", "idw"])
def test_blocks_chunks_and_threads_do_not_change_the_result(scene, tmp_path, monkeypatch, method):
    ref, vec = scene
    monkeypatch.setattr(distance_module, "BLOCK_THREADS", 1)
    whole = read(distance_to_features(vec, ref, tmp_path / "a.tif", signed=True, layer="plutons", method=method).path)
    monkeypatch.setattr(distance_module, "ROWS_PER_BLOCK", 7)
    monkeypatch.setattr(distance_module, "CHUNK_PIXELS", 97)
    pieces = read(distance_to_features(vec, ref, tmp_path / "b.tif", signed=True, layer="plutons", method=method).path)
    np.testing.assert_array_equal(whole, pieces)
    monkeypatch.setattr(distance_module, "BLOCK_THREADS", 3)  # blocks on threads, written in order
    threaded = read(distance_to_features(vec, ref, tmp_path / "c.tif", signed=True, layer="plutons",
                                         method=method).path)
    np.testing.assert_array_equal(whole, threaded)


# ----------------------------------------------------------------------------- grids and CRSs


def test_output_is_on_exactly_the_reference_grid(scene, tmp_path):
    ref, vec = scene
    out = gdal.Open(distance_to_features(vec, ref, tmp_path / "d.tif", kind="line", layer="faults").path)
    src = gdal.Open(str(ref))
    assert out.GetGeoTransform() == src.GetGeoTransform()
    assert (out.RasterXSize, out.RasterYSize, out.RasterCount) == (W, H, 1)
    assert out.GetSpatialRef().IsSame(src.GetSpatialRef())
    band = out.GetRasterBand(1)
    assert band.DataType == gdal.GDT_Float32 and band.GetUnitType() == "m"
    assert band.GetDescription() == "Distance to fault (m)"
    signed = distance_to_features(vec, ref, tmp_path / "s.tif", signed=True, layer="plutons")
    assert gdal.Open(signed.path).GetRasterBand(1).GetDescription() == "Signed distance to pluton (m)"


def _to_wgs84(wkts):
    ct = osr.CoordinateTransformation(utm(), utm(4326))
    out = []
    for w in wkts:
        g = ogr.CreateGeometryFromWkt(w)
        g.Transform(ct)
        out.append(g.ExportToWkt())
    return out


@pytest.mark.parametrize("driver, suffix", [("GeoJSON", ".geojson"), ("GPKG", ".gpkg")])
def test_vector_in_wgs84_is_reprojected_onto_the_utm_grid(scene, tmp_path, driver, suffix):
    ref, vec = scene
    lonlat = _to_wgs84(FAULTS)
    assert 80 < ogr.CreateGeometryFromWkt(lonlat[0]).GetX(0) < 82      # written as lon, lat
    wgs = write_layer(tmp_path / f"faults{suffix}", "faults", lonlat, utm(4326), ogr.wkbMultiLineString, driver)
    if driver == "GeoJSON":
        coords = json.loads(wgs.read_text())["features"][0]["geometry"]["coordinates"][0]
        assert 80 < coords[0] < 82 and 35 < coords[1] < 37
    from_wgs = read(distance_to_features(wgs, ref, tmp_path / "w.tif", kind="line").path)
    from_utm = read(distance_to_features(vec, ref, tmp_path / "u.tif", kind="line", layer="faults").path)
    np.testing.assert_allclose(from_wgs, from_utm, atol=0.01)


@pytest.mark.skipif(not TILE.is_file(), reason="shared AVIRIS-NG tiles not available")
def test_real_rotated_aviris_grid_with_a_wgs84_fault(tmp_path):
    """The AVIRIS-NG tiles are rotated 53° in an unnamed UTM 13N CRS; the fault comes in lon/lat."""
    src = gdal.Open(str(TILE))
    gt, tile_srs = src.GetGeoTransform(), src.GetSpatialRef()
    tile_srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    to_ll = osr.CoordinateTransformation(tile_srs, utm(4326))
    cx, cy = gdal.ApplyGeoTransform(gt, 5, 5)
    lon, lat, _ = to_ll.TransformPoint(cx, cy)
    fault = f"LINESTRING({lon - 0.0003} {lat - 0.0002}, {lon + 0.0001} {lat + 0.00005}, {lon + 0.0004} {lat + 0.0003})"
    vec = write_layer(tmp_path / "f.geojson", "f", [fault], utm(4326), ogr.wkbLineString, "GeoJSON")
    out = distance_to_features(vec, TILE, tmp_path / "d.tif", kind="line")
    got = read(out.path)
    g = ogr.CreateGeometryFromWkt(fault)
    g.Transform(osr.CoordinateTransformation(utm(4326), tile_srs))
    np.testing.assert_allclose(got, brute_force([g.ExportToWkt()], gt, 10, 10, "line"), atol=1e-3)
    assert got.min() < 3.1 and got.max() > 3.1                         # the fault crosses the tile
    dst = gdal.Open(out.path)
    assert dst.GetGeoTransform() == gt and dst.GetSpatialRef().IsSame(tile_srs)


def test_feet_crs_gives_metres(tmp_path):
    ft = utm(2227)   # NAD83 / California zone 3 (ftUS)
    gt = (6000000.0, 100.0, 0.0, 2000000.0, 0.0, -100.0)
    ref = write_raster(tmp_path / "ft.tif", gt, (20, 15), ft)
    line = "LINESTRING(6000500 1999000, 6001800 1998700)"
    vec = write_layer(tmp_path / "l.gpkg", "l", [line], ft, ogr.wkbLineString)
    got = read(distance_to_features(vec, ref, tmp_path / "d.tif", kind="line").path)
    np.testing.assert_allclose(got, brute_force([line], gt, 20, 15, "line") * 1200 / 3937, rtol=1e-5)


def test_geographic_raster_is_refused(scene, tmp_path):
    _, vec = scene
    ref = write_raster(tmp_path / "geo.tif", (80.9, 0.0003, 0.0, 36.2, 0.0, -0.0003), (50, 50), utm(4326))
    with pytest.raises(InputError) as info:
        distance_to_features(vec, ref, tmp_path / "d.tif", layer="plutons")
    message = str(info.value)
    assert "'geo.tif' is in a geographic CRS (WGS 84" in message and "degrees" in message
    assert "Reproject it to a projected CRS such as WGS 84 / UTM zone 44N (EPSG:32644)" in message
    assert not (tmp_path / "d.tif").exists()


def test_raster_without_crs_is_refused(scene, tmp_path):
    _, vec = scene
    ref = write_raster(tmp_path / "nocrs.tif")
    with pytest.raises(InputError, match="has no coordinate reference system"):
        distance_to_features(vec, ref, tmp_path / "d.tif", layer="plutons")


# ----------------------------------------------------------------------------- IDW


def test_idw_option_interpolates_exact_lattice_values(scene, tmp_path):
    ref, vec = scene
    exact = read(distance_to_features(vec, ref, tmp_path / "e.tif", kind="line", layer="faults").path)
    result = distance_to_features(vec, ref, tmp_path / "i.tif", kind="line", layer="faults", method="idw",
                                  idw_spacing=5)
    idw = read(result.path)
    np.testing.assert_allclose(idw[::5, ::5], exact[::5, ::5], atol=1e-3)   # lattice nodes keep exact values
    assert np.abs(idw - exact).mean() < PX                                 # a smooth approximation elsewhere
    assert np.abs(idw - exact).max() > 1.0                                 # …but not the exact answer
    md = gdal.Open(result.path).GetMetadata()
    assert md["distance_method"] == "idw" and md["idw_spacing_px"] == "5"
    assert gdal.Open(result.path).GetRasterBand(1).GetDescription() == "Distance to fault (m, IDW)"


# ----------------------------------------------------------------------------- bad input


def test_layer_selection_and_qgis_uri(scene, tmp_path):
    ref, vec = scene
    a = read(distance_to_features(vec, ref, tmp_path / "a.tif", kind="line", layer="faults").path)
    b = read(distance_to_features(f"{vec}|layername=faults", ref, tmp_path / "b.tif", kind="line").path)
    np.testing.assert_array_equal(a, b)
    with pytest.raises(InputError, match="has no layer named 'rivers'; its layers are: plutons, faults"):
        distance_to_features(vec, ref, tmp_path / "c.tif", kind="line", layer="rivers")


@pytest.mark.parametrize("kind, layer, message", [
    ("polygon", "faults", "holds lines, but distance to plutons needs a polygon layer"),
    ("line", "plutons", "holds polygons, but distance to faults needs a line layer"),
    ("polygon", "wells", "holds points, but distance to plutons needs a polygon layer"),
])
def test_wrong_geometry_type(scene, tmp_path, kind, layer, message):
    ref, vec = scene
    write_layer(vec, "wells", ["POINT(501000 3998000)"], utm(), ogr.wkbPoint, append=True)
    with pytest.raises(InputError, match=message):
        distance_to_features(vec, ref, tmp_path / "d.tif", kind=kind, layer=layer)


def test_mixed_geometry_file_reports_the_feature(scene, tmp_path):
    ref, _ = scene
    mixed = write_layer(tmp_path / "mixed.geojson", "mixed", [FAULTS[0], "POINT(501000 3998000)"], utm(),
                        ogr.wkbUnknown, "GeoJSON")
    with pytest.raises(InputError, match="Feature 1 of layer 'mixed'.*holds points"):
        distance_to_features(mixed, ref, tmp_path / "d.tif", kind="line")


def test_empty_and_geometryless_layers(scene, tmp_path):
    ref, _ = scene
    empty = write_layer(tmp_path / "empty.gpkg", "plutons", [], utm(), ogr.wkbPolygon)
    with pytest.raises(InputError, match="Layer 'plutons' of 'empty.gpkg' is empty: it has no features"):
        distance_to_features(empty, ref, tmp_path / "d.tif")
    nulls = write_layer(tmp_path / "nulls.gpkg", "plutons", [None, None], utm(), ogr.wkbPolygon)
    with pytest.raises(InputError, match="has 2 feature\\(s\\) but none has a geometry"):
        distance_to_features(nulls, ref, tmp_path / "d.tif")
    assert not (tmp_path / "d.tif").exists()


def test_unreadable_and_missing_files(scene, tmp_path):
    ref, vec = scene
    junk = tmp_path / "junk.shp"
    junk.write_text("not a shapefile")
    with pytest.raises(InputError, match="Cannot read '.*junk.shp' as a vector layer"):
        distance_to_features(junk, ref, tmp_path / "d.tif")
    with pytest.raises(InputError, match="Vector file not found"):
        distance_to_features(tmp_path / "none.gpkg", ref, tmp_path / "d.tif")
    bad_raster = tmp_path / "bad.tif"
    bad_raster.write_text("nope")
    with pytest.raises(InputError, match="Cannot read '.*bad.tif' as a raster"):
        distance_to_features(vec, bad_raster, tmp_path / "d.tif", layer="plutons")


@pytest.mark.parametrize("options, message", [
    ({"kind": "line", "signed": True, "layer": "faults"}, "Signed distance .* needs polygons"),
    ({"kind": "point"}, "Unknown feature kind 'point'"),
    ({"method": "kriging"}, "Unknown distance method 'kriging'"),
    ({"method": "idw", "idw_spacing": 0}, "lattice spacing"),
])
def test_bad_options(scene, tmp_path, options, message):
    ref, vec = scene
    with pytest.raises(InputError, match=message):
        distance_to_features(vec, ref, tmp_path / "d.tif", **options)


def test_cancel_leaves_no_file_and_keeps_a_previous_output(scene, tmp_path, monkeypatch):
    ref, vec = scene
    monkeypatch.setattr(distance_module, "ROWS_PER_BLOCK", 8)
    monkeypatch.setattr(distance_module, "BLOCK_THREADS", 2)
    out = tmp_path / "d.tif"
    out.write_bytes(b"previous")
    before = set(tmp_path.iterdir())
    reports = []
    progress = Progress(report=lambda pct, msg: reports.append(pct), is_cancelled=lambda: len(reports) >= 3)
    with pytest.raises(CancelledError):
        distance_to_features(vec, ref, out, kind="line", layer="faults", progress=progress)
    assert out.read_bytes() == b"previous" and set(tmp_path.iterdir()) == before
    assert not [t for t in threading.enumerate() if t.name.startswith("hp-distance")]  # no worker left running


def test_progress_is_monotonic_and_complete(scene, tmp_path):
    ref, vec = scene
    seen = []
    distance_to_features(vec, ref, tmp_path / "d.tif", layer="plutons", method="idw",
                         progress=Progress(report=lambda p, m: seen.append(p)))
    assert seen == sorted(seen) and seen[-1] == pytest.approx(100.0)


def test_curved_and_3d_geometries_against_analytic_distances(tmp_path):
    """A circular pluton (CurvePolygon, linearised) and a LineStringZ fault, against closed-form answers."""
    ref = write_raster(tmp_path / "ref.tif", srs=utm())
    cx, cy, r = 501800.0, 3998350.0, 600.0
    circle = f"CURVEPOLYGON(CIRCULARSTRING({cx - r} {cy}, {cx + r} {cy}, {cx - r} {cy}))"
    vec = write_layer(tmp_path / "c.gpkg", "c", [circle], utm(), ogr.wkbCurvePolygon)
    got = read(distance_to_features(vec, ref, tmp_path / "c.tif", signed=True).path)
    x, y = centres(GT, W, H)
    analytic = np.hypot(x - cx, y - cy) - r
    # OGR linearises arcs in 4° steps: chords sit up to r(1 − cos 2°) ≈ 0.37 m inside the circle.
    np.testing.assert_allclose(got, analytic, atol=r * (1 - np.cos(np.radians(2))) + 0.01)
    line = "LINESTRING Z (500000 3998000 1200, 503600 3998000 1500)"
    vec = write_layer(tmp_path / "z.gpkg", "z", [line], utm(), ogr.wkbLineString25D)
    got = read(distance_to_features(vec, ref, tmp_path / "z.tif", kind="line").path)
    np.testing.assert_allclose(got, np.abs(y - 3998000), atol=1e-3)


def test_dense_smooth_outline_is_simplified_within_a_hundredth_of_a_pixel(tmp_path):
    """A round pluton digitised with 3000 vertices: outlines are simplified before measuring
    (near the centre every vertex would be a candidate); the result stays within SIMPLIFY_PX
    pixel of brute force on the full outline, inside (signed) and outside."""
    ref = write_raster(tmp_path / "ref.tif", size=(60, 50), srs=utm())
    t = np.linspace(0.0, 2 * np.pi, 3001)
    cx, cy, r = X0 + 900.0, Y0 - 750.0, 600.0
    ring = ",".join(f"{cx + r * np.cos(a):.4f} {cy + r * np.sin(a):.4f}" for a in t[:-1])
    wkt = f"POLYGON(({ring},{cx + r:.4f} {cy:.4f}))"
    vec = write_layer(tmp_path / "round.gpkg", "round", [wkt], utm(), ogr.wkbPolygon)
    result = distance_to_features(vec, ref, tmp_path / "d.tif", signed=True)
    assert result.segment_count < 1000                      # simplified (3000 segments in the file)
    got = read(result.path)
    expected = brute_force([wkt], GT, 60, 50, "polygon", signed=True)
    err = np.abs(got - expected)
    assert err.max() <= distance_module.SIMPLIFY_PX * PX + 1e-3
    assert (got < 0).any() and (got > 0).any()


def test_simplify_vertices_keeps_ends_and_bounds_the_error():
    from models.raster.distance import point_segment_distance, simplify_vertices

    rng = np.random.default_rng(3)
    pts = np.cumsum(rng.normal(0, 1, (500, 2)), axis=0)
    for tol in (0.0, 0.5, 3.0):
        kept = simplify_vertices(pts, tol)
        assert (kept[0] == pts[0]).all() and (kept[-1] == pts[-1]).all()
        if tol == 0.0:
            assert len(kept) == len(pts)
            continue
        assert len(kept) < len(pts)
        # every original vertex lies within tol of the simplified line
        d = np.min([point_segment_distance(pts[:, 0], pts[:, 1], *a, *b) for a, b in zip(kept[:-1], kept[1:])], axis=0)
        assert d.max() <= tol + 1e-12
