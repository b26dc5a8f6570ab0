"""The sample study area: endmember table, determinism, grid, geology that a geologist expects."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
TABLE = REPO / "resources" / "sample_area" / "endmembers_zy1_02d.csv"

gdal = pytest.importorskip("osgeo.gdal")
from osgeo import ogr, osr  # noqa: E402

from models.sample_area import FILES, load_endmembers, make_sample_area  # noqa: E402

gdal.UseExceptions()
ogr.UseExceptions()

REQUIRED = [
    # pegmatite
    "spodumene", "beryl", "lepidolite", "albite", "quartz", "muscovite",
    # granite
    "microcline", "orthoclase", "oligoclase", "biotite",
    # host rocks
    "chlorite", "sericite", "calcite", "dolomite",
    # weathering
    "kaolinite", "goethite", "hematite", "montmorillonite",
    # cover
    "soil", "dry_vegetation", "green_vegetation",
]


@pytest.fixture(scope="module")
def area(tmp_path_factory):
    out = tmp_path_factory.mktemp("area")
    return make_sample_area(out, size=(300, 300), seed=0)


# --------------------------------------------------------------------------- endmember table

def test_endmember_table_covers_the_minerals_and_the_sensor():
    table = load_endmembers()
    assert set(REQUIRED) <= set(table.names)
    assert table.reflectance.shape == (166, len(table.names))
    assert np.all((table.reflectance >= 0) & (table.reflectance <= 1))
    assert table.center_nm[0] == pytest.approx(395.0) and table.center_nm[-1] == pytest.approx(2501.0)
    text = TABLE.read_text(encoding="utf-8")
    assert "Kokaly" in text and "10.5066/F7RR1WDJ" in text and "convolved" in text
    for name in table.names:  # every column names its USGS source record
        assert "splib07a Record=" in table.sources[name]


def test_endmember_spectra_keep_their_diagnostic_features():
    t = load_endmembers()
    wl = t.center_nm

    def local_min(name, lo, hi):
        sel = (wl >= lo) & (wl <= hi)
        spec = t.column(name)[sel]
        i = int(np.argmin(spec))
        return wl[sel][i], spec[i], spec.max()

    w, lo, hi = local_min("spodumene", 2150, 2260)  # Al-OH 2207 nm (small)
    assert 2180 <= w <= 2230 and lo < hi
    w, lo, hi = local_min("beryl", 760, 900)  # Fe2+ ~830 nm
    assert 790 <= w <= 870 and lo < 0.9 * hi
    w, _, _ = local_min("kaolinite", 2120, 2260)
    assert 2150 <= w <= 2220
    w, _, _ = local_min("calcite", 2250, 2400)
    assert 2310 <= w <= 2360
    w, _, _ = local_min("muscovite", 2150, 2260)
    assert 2190 <= w <= 2225


@pytest.mark.skipif(not (SHARED_DATA / "usgs_splib07a").is_dir(), reason="shared USGS library not present")
def test_derive_script_reproduces_the_committed_table(tmp_path):
    out = tmp_path / "table.csv"
    subprocess.run([sys.executable, str(REPO / "scripts" / "derive_endmembers.py"), "--out", str(out),
                    "--splib", str(SHARED_DATA / "usgs_splib07a" / "ASCIIdata_splib07a")],
                   check=True, capture_output=True)
    assert out.read_bytes() == TABLE.read_bytes()


# --------------------------------------------------------------------------- determinism

def _features(path):
    ds = ogr.Open(path)
    layer = ds.GetLayer(0)
    return [(f.items(), f.GetGeometryRef().ExportToWkt()) for f in layer]


def test_same_seed_same_area_different_seed_different_area(tmp_path):
    a = make_sample_area(tmp_path / "a", size=(64, 48), seed=3)
    b = make_sample_area(tmp_path / "b", size=(64, 48), seed=3)
    c = make_sample_area(tmp_path / "c", size=(64, 48), seed=4)
    for key in FILES:
        assert Path(a[key]).read_bytes() == Path(b[key]).read_bytes(), key
    assert gdal.Open(a["cube"]).ReadAsArray().tobytes() != gdal.Open(c["cube"]).ReadAsArray().tobytes()
    assert _features(a["plutons"]) != _features(c["plutons"])


# --------------------------------------------------------------------------- grid and product metadata

def test_cube_grid_crs_and_band_metadata(area):
    ds = gdal.Open(area["cube"])
    assert (ds.RasterXSize, ds.RasterYSize, ds.RasterCount) == (300, 300, 166)
    srs = osr.SpatialReference(wkt=ds.GetProjection())
    assert srs.GetAuthorityCode(None) == "32644"
    gt = ds.GetGeoTransform()
    assert gt[1] == 30.0 and gt[5] == -30.0 and gt[2] == gt[4] == 0
    # centred on Dahongliutan
    wgs = osr.SpatialReference()
    wgs.ImportFromEPSG(4326)
    wgs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    lon, lat, _ = osr.CoordinateTransformation(srs, wgs).TransformPoint(gt[0] + 150 * 30, gt[3] - 150 * 30)
    assert abs(lon - 79.25) < 0.01 and abs(lat - 35.85) < 0.01
    table = load_endmembers()
    band = ds.GetRasterBand(1)
    assert band.DataType == gdal.GDT_Int16 and band.GetNoDataValue() == -9999
    assert band.GetScale() == pytest.approx(1e-4)
    wl = [float(ds.GetRasterBand(i + 1).GetMetadataItem("wavelength")) for i in range(166)]
    assert np.allclose(wl, table.center_nm, atol=0.006)
    assert ds.GetRasterBand(100).GetMetadataItem("wavelength_units") == "Nanometers"
    assert float(ds.GetRasterBand(166).GetMetadataItem("fwhm")) == pytest.approx(20.0)
    data = ds.GetRasterBand(60).ReadAsArray()
    nodata = data == -9999
    assert 0 < nodata.sum() < 0.02 * data.size  # a small nodata wedge at the scene edge
    valid = data[~nodata] * 1e-4
    assert 0.05 < np.median(valid) < 0.6  # plausible surface reflectance


def _dyke_fraction(area, where):
    ds = gdal.Open(area["cube"])
    gt = ds.GetGeoTransform()
    f = 6
    mem = gdal.GetDriverByName("MEM").Create("", ds.RasterXSize * f, ds.RasterYSize * f, 1, gdal.GDT_Byte)
    mem.SetGeoTransform((gt[0], gt[1] / f, 0, gt[3], 0, gt[5] / f))
    mem.SetProjection(ds.GetProjection())
    vec = ogr.Open(area["pegmatites_all"])
    layer = vec.GetLayer(0)
    layer.SetAttributeFilter(where)
    gdal.RasterizeLayer(mem, [1], layer, burn_values=[1])
    a = mem.ReadAsArray().astype(np.float64)
    return a.reshape(ds.RasterYSize, f, ds.RasterXSize, f).mean(axis=(1, 3))


def test_no_channel_gives_the_answer_away(area):
    """Pegmatites are sub-pixel: no band is a label map, and most dyke pixels are mixed."""
    frac = _dyke_fraction(area, "mineralised = 1")
    touched = frac > 0
    assert touched.sum() > 100
    assert np.median(frac[touched]) < 0.35  # sub-pixel dykes
    cube = gdal.Open(area["cube"]).ReadAsArray().astype(np.float64)
    valid = cube[0] != -9999
    label = touched[valid].astype(float)
    for b in range(0, 166, 5):
        r = np.corrcoef(cube[b][valid], label)[0, 1]
        assert abs(r) < 0.5, f"band {b + 1} correlates {r:.2f} with the pegmatite map"


# --------------------------------------------------------------------------- geology

def _layer_geoms(path):
    ds = ogr.Open(path)
    return [(f.items(), f.GetGeometryRef().Clone()) for f in ds.GetLayer(0)]


def test_pegmatites_sit_where_a_geologist_expects(area):
    plutons = [g for _, g in _layer_geoms(area["plutons"])]
    faults = [g for _, g in _layer_geoms(area["faults"])]
    bodies = _layer_geoms(area["pegmatites_all"])
    scene = json.loads(Path(area["scene"]).read_text())
    assert scene["counts"]["known"] > 5 and scene["counts"]["hidden"] > 5
    assert len(plutons) >= 1 and len(faults) >= 3

    def contact_distance(g):
        c = g.Centroid()
        return min(c.Distance(p.Boundary()) for p in plutons)

    def fault_distance(g):
        c = g.Centroid()
        return min(c.Distance(f) for f in faults)

    mineral = [g for items, g in bodies if items["mineralised"] == 1]
    barren = [g for items, g in bodies if items["mineralised"] == 0]
    d_min = np.array([contact_distance(g) for g in mineral])
    assert np.mean(d_min < 4000) > 0.85  # mostly within a few km of a pluton contact
    inside_barren = np.mean([any(p.Contains(g.Centroid()) for p in plutons) for g in barren])
    inside_min = np.mean([any(p.Contains(g.Centroid()) for p in plutons) for g in mineral])
    assert inside_barren > inside_min  # regional zonation: barren near/in the granite
    # closer to faults than random ground
    ds = gdal.Open(area["cube"])
    gt = ds.GetGeoTransform()
    rng = np.random.default_rng(1)
    pts = []
    for x, y in zip(rng.uniform(gt[0], gt[0] + 9000, 300), rng.uniform(gt[3] - 9000, gt[3], 300)):
        p = ogr.Geometry(ogr.wkbPoint)
        p.AddPoint_2D(float(x), float(y))
        pts.append(p)
    random_fd = np.median([min(p.Distance(f) for f in faults) for p in pts])
    assert np.median([fault_distance(g) for _, g in bodies]) < 0.85 * random_fd
    # elongated along the layout's structural trend
    trend = scene["regional_trend_azimuth_deg"]
    strikes = np.array([items["strike_deg"] for items, _ in bodies])
    off = np.abs((strikes - trend + 90.0) % 180.0 - 90.0)
    assert np.mean(off < 30.0) > 0.85
    lengths = np.array([items["length_m"] for items, _ in bodies])
    widths = np.array([items["width_m"] for items, _ in bodies])
    assert np.all(lengths > 3 * widths)
    # the label layers are the mineralised bodies split into known and hidden
    known = _layer_geoms(area["pegmatites_known"])
    hidden = _layer_geoms(area["pegmatites_hidden"])
    assert {i["status"] for i, _ in known} == {"known"} and {i["status"] for i, _ in hidden} == {"hidden"}
    assert len(known) + len(hidden) == len(mineral)


def test_size_limits_are_explained(tmp_path):
    from models.errors import InputError

    with pytest.raises(InputError, match="too small"):
        make_sample_area(tmp_path, size=(10, 300))
    with pytest.raises(InputError, match="too large"):
        make_sample_area(tmp_path, size=(3000, 3000))


def test_make_sample_area_script(tmp_path):
    out = tmp_path / "scene"
    proc = subprocess.run([sys.executable, str(REPO / "scripts" / "make_sample_area.py"), str(out),
                           "--size", "40", "32"], check=True, capture_output=True, text=True)
    assert "pegmatites_known" in proc.stdout
    assert (out / FILES["cube"]).is_file() and (out / FILES["scene"]).is_file()


def test_pegmatite_fields_are_zoned_outwards_from_the_granite(tmp_path):
    """Černý's regional zoning: barren dykes nearest the granite, then Be, then Li, over many layouts."""
    from models.sample_area.geology import COMPOSITIONS

    assert "spodumene" in COMPOSITIONS["Li"] and "beryl" in COMPOSITIONS["Be"]
    assert not {"spodumene", "beryl", "lepidolite"} & set(COMPOSITIONS["barren"])
    medians = {"barren": [], "Be": [], "Li": []}
    layouts = []
    for seed in range(4):
        area = make_sample_area(tmp_path / str(seed), size=(150, 150), seed=seed)
        plutons = [g for _, g in _layer_geoms(area["plutons"])]
        layouts.append(json.loads(Path(area["scene"]).read_text())["layout"])
        for items, g in _layer_geoms(area["pegmatites_all"]):
            c = g.Centroid()
            d = min(c.Distance(p.Boundary()) * (-1 if p.Contains(c) else 1) for p in plutons)
            medians[items["zone"]].append(d)
            assert (items["zone"] == "barren") == (items["status"] == "barren")
    m = {k: np.median(v) for k, v in medians.items()}
    assert m["barren"] < m["Be"] < m["Li"], m
    # each seed draws a different layout (pluton count, trend, sun, noise)
    assert len({(lay["n_plutons"], lay["trend_azimuth_deg"], lay["noise_scale"]) for lay in layouts}) == 4
