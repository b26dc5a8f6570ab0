"""hyperprospect:bandsubset in real QGIS: toolbox run, bad input, and qgis_process on real AVIRIS-NG data."""
import json
from pathlib import Path

import numpy as np
import pytest
from osgeo import gdal

from qgis_support import run_qgis_process


def _aviris_tile(shared_data):
    tiles = sorted(p for p in (shared_data / "aviris_ng_tiles").glob("*_img_*.img") if "_class" not in p.name)
    assert tiles
    return tiles[0]


def test_band_subset_on_real_aviris_ng(provider, shared_data, tmp_path):
    import processing

    src = _aviris_tile(shared_data)
    out = tmp_path / "subset.tif"
    result = processing.run("hyperprospect:bandsubset", {"INPUT": str(src), "OUTPUT": str(out)})
    assert Path(result["OUTPUT"]) == out and out.is_file()
    ds = gdal.Open(str(out))
    wl = [float(ds.GetRasterBand(i + 1).GetMetadataItem("wavelength")) for i in range(ds.RasterCount)]
    assert result["BAND_COUNT"] == ds.RasterCount > 20
    assert all(782 <= w <= 902 or 2014 <= w <= 2400 for w in wl)
    srcds = gdal.Open(str(src))
    assert ds.GetGeoTransform() == srcds.GetGeoTransform()
    assert ds.RasterXSize == srcds.RasterXSize


def test_band_subset_refuses_ranges_selecting_nothing(provider, shared_data, tmp_path):
    import processing
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException) as info:
        processing.run("hyperprospect:bandsubset", {"INPUT": str(_aviris_tile(shared_data)), "RANGES": "5000-6000",
                                                    "OUTPUT": str(tmp_path / "none.tif")})
    assert "select no band" in str(info.value)
    assert not (tmp_path / "none.tif").exists()


def test_band_subset_without_wavelengths_asks_for_preset(provider, tmp_path):
    import processing
    from qgis.core import QgsProcessingException

    src = tmp_path / "nowl.tif"
    ds = gdal.GetDriverByName("GTiff").Create(str(src), 8, 8, 166, gdal.GDT_Int16)
    ds.SetGeoTransform((500000, 30, 0, 4000000, 0, -30))
    ds.SetProjection("EPSG:32644")
    ds = None
    with pytest.raises(QgsProcessingException, match="no band wavelengths"):
        processing.run("hyperprospect:bandsubset", {"INPUT": str(src), "OUTPUT": str(tmp_path / "o.tif")})
    # With the ZY-1 02D preset it works.
    res = processing.run("hyperprospect:bandsubset", {"INPUT": str(src), "PRESET": 1,
                                                      "OUTPUT": str(tmp_path / "o.tif")})
    assert 30 <= res["BAND_COUNT"] <= 40


def test_band_subset_through_qgis_process(qgis_profile, shared_data, tmp_path):
    out = tmp_path / "qp_subset.tif"
    proc = run_qgis_process(["--json", "run", "hyperprospect:bandsubset", "--",
                             f"INPUT={_aviris_tile(shared_data)}", "RANGES=2014-2400", f"OUTPUT={out}"], qgis_profile)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    payload = json.loads(proc.stdout[proc.stdout.index("{"):])
    assert payload["results"]["BAND_COUNT"] > 10
    ds = gdal.Open(str(out))
    wl = np.array([float(ds.GetRasterBand(i + 1).GetMetadataItem("wavelength")) for i in range(ds.RasterCount)])
    assert wl.min() >= 2014 and wl.max() <= 2400


def test_prepare_chain_on_real_aviris_ng(provider, shared_data, qgis_profile, tmp_path):
    """Band subset -> distance to pluton and fault in the toolbox on a real AVIRIS-NG tile (rotated 53° in
    UTM 13N), then the graph data set on that rotated grid, in the toolbox and through qgis_process.
    The geology layers are drawn over the tile (AVIRIS-NG comes without any)."""
    import processing
    from osgeo import ogr

    src = _aviris_tile(shared_data)
    ds = gdal.Open(str(src))
    gt, srs = ds.GetGeoTransform(), ds.GetSpatialRef()
    corner = [gdal.ApplyGeoTransform(gt, c, r)
              for c, r in ((0, 0), (ds.RasterXSize, 0), (ds.RasterXSize, ds.RasterYSize), (0, ds.RasterYSize))]

    def layer(name, wkts, gtype):
        path = tmp_path / f"{name}.gpkg"
        out = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
        lyr = out.CreateLayer(name, srs, gtype)
        for wkt in wkts:
            f = ogr.Feature(lyr.GetLayerDefn())
            f.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
            lyr.CreateFeature(f)
        out = None
        return str(path)

    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = corner
    mid = lambda a, b, t=0.5: a + (b - a) * t  # noqa: E731
    pluton = layer("pluton",
                   [f"POLYGON(({x0} {y0},{mid(x0, x1)} {mid(y0, y1)},{mid(x0, x2)} {mid(y0, y2)},{x0} {y0}))"],
                   ogr.wkbPolygon)
    fault = layer("fault", [f"LINESTRING({x1} {y1},{x3} {y3})"], ogr.wkbLineString)
    known = layer("known", [f"POINT({mid(x0, x2, 0.3)} {mid(y0, y2, 0.3)})"], ogr.wkbPoint)

    sub = processing.run("hyperprospect:bandsubset", {"INPUT": str(src), "OUTPUT": str(tmp_path / "sub.tif")})
    dp = processing.run("hyperprospect:distancetopluton", {"INPUT": pluton, "REFERENCE": sub["OUTPUT"],
                                                           "OUTPUT": str(tmp_path / "dp.tif")})
    df = processing.run("hyperprospect:distancetofault", {"INPUT": fault, "REFERENCE": sub["OUTPUT"],
                                                          "OUTPUT": str(tmp_path / "df.tif")})
    d_pluton, d_fault = gdal.Open(dp["OUTPUT"]).ReadAsArray(), gdal.Open(df["OUTPUT"]).ReadAsArray()
    assert (d_pluton == 0).any() and d_pluton.max() > 0          # inside and outside the pluton
    assert d_fault.min() < abs(gt[1]) and d_fault.max() > 2 * abs(gt[1])  # the fault crosses the tile
    # Graph tiling on the rotated grid: tiles are cut in pixel space, labels and footprints follow the
    # rotation (a north-up shortcut would put the known point in the wrong tile).
    res = processing.run("hyperprospect:buildgraphs", {
        "STACK": [sub["OUTPUT"], dp["OUTPUT"], df["OUTPUT"]], "LABELS": known, "TILE_SIZE": 5,
        "LABEL_BUFFER": 5.0, "OUTPUT": str(tmp_path / "g.hpg"), "FOOTPRINTS": str(tmp_path / "tiles.gpkg")})
    from hyperprospect.models.graphs.dataset import GraphDataset

    data = GraphDataset.load(res["OUTPUT"])
    W, H = ds.RasterXSize, ds.RasterYSize
    n_sub = gdal.Open(sub["OUTPUT"]).RasterCount
    assert data.num_channels == n_sub + 2
    assert data.channel_names[-2:] == ["Distance to pluton (m)", "Distance to fault (m)"]
    assert data.meta["counts"]["positions"] == (W // 5) * (H // 5)
    assert data.num_graphs + data.meta["counts"]["skipped_nodata"] == (W // 5) * (H // 5)
    assert res["POSITIVE"] == 1 and res["NEGATIVE"] == data.num_graphs - 1
    # the positive tile is the one whose pixels hold the known point (pixel space, through the inverse transform)
    px, py = gdal.ApplyGeoTransform(gdal.InvGeoTransform(gt), mid(x0, x2, 0.3), mid(y0, y2, 0.3))
    i = int(np.flatnonzero(data.y == 1)[0])
    assert (data.rows[i], data.cols[i]) == (int(py) // 5 * 5, int(px) // 5 * 5)
    assert data.pixel_size == pytest.approx((np.hypot(gt[1], gt[4]), np.hypot(gt[2], gt[5])))
    assert data.edge_index.shape[1] == 2 * (2 * 5 * 4 + 2 * 4 * 4)  # the 8-neighbourhood of a 5×5 tile
    # footprints are the rotated tile outlines
    fp_ds = ogr.Open(str(tmp_path / "tiles.gpkg"))  # keep the data source alive while its layer is used
    fp = fp_ds.GetLayer(0)
    assert fp.GetFeatureCount() == data.num_graphs
    for feat in fp:
        r, c = feat.GetField("row"), feat.GetField("col")
        ring = feat.GetGeometryRef().GetGeometryRef(0)
        want = [gdal.ApplyGeoTransform(gt, cc, rr) for cc, rr in ((c, r), (c + 5, r), (c + 5, r + 5), (c, r + 5))]
        got = [ring.GetPoint_2D(j) for j in range(4)]
        assert np.allclose(got, want, atol=1e-6)
        assert feat.GetField("label") == (1 if (r, c) == (data.rows[i], data.cols[i]) else 0)
    # the same step through qgis_process (the stack given as a repeated parameter) builds the same data set
    proc = run_qgis_process(["--json", "run", "hyperprospect:buildgraphs", "--",
                             f"STACK={sub['OUTPUT']}", f"STACK={dp['OUTPUT']}", f"STACK={df['OUTPUT']}",
                             f"LABELS={known}", "TILE_SIZE=5", "LABEL_BUFFER=5", f"OUTPUT={tmp_path / 'qp.hpg'}"],
                            qgis_profile)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    again = GraphDataset.load(tmp_path / "qp.hpg")
    np.testing.assert_array_equal(again.x, data.x)
    np.testing.assert_array_equal(again.y, data.y)
