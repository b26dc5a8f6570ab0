"""The per-pixel mineral map on synthetic cubes made of known library spectra (AHSI bands, SWIR-only)."""
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from osgeo import gdal

from models.errors import CancelledError, InputError
from models.geospectra.dataset import AHSI_TABLE
from models.geospectra.grid import read_sensor_table
from models.geospectra.mineral_map import MineralMapSettings, map_minerals
from models.geospectra.grid import band_convolve
from models.geospectra.dark import DARK_P95
from models.geospectra.synthetic_cube import layout_cube, library_pixels, write_cube
from models.progress import Progress

REPO = Path(__file__).resolve().parents[1]
NAMED = ["Kaolinite", "Alunite", "Calcite", "Muscovite", "Montmorillonite", "Jarosite", "Epidote"]


def _layout():
    row = NAMED + ["Quartz", None]
    return [row[r % 3:] + row[:r % 3] for r in range(4)]  # every mineral in every row, shifted


def class_names(path):
    ds = gdal.Open(str(path))  # keep the dataset alive while its band is used
    band = ds.GetRasterBand(1)
    band.GetStatistics(0, 0)  # GTiff reads the PAM side-car (category names) lazily
    return list(band.GetCategoryNames())


@pytest.fixture(scope="module")
def ahsi_cube(tmp_path_factory):
    centres, fwhm = read_sensor_table(AHSI_TABLE)
    path = tmp_path_factory.mktemp("cube") / "ahsi.tif"
    return layout_cube(path, _layout(), centres, fwhm, snr_db=35.0), centres


def test_known_pixels_get_their_mineral(ahsi_cube, tmp_path):
    cube, _ = ahsi_cube
    out = tmp_path / "map.tif"
    summary = map_minerals(cube, out, MineralMapSettings(probability_minerals=["Kaolinite", "alunite"]))
    cls = gdal.Open(str(out)).ReadAsArray()
    names = class_names(out)
    assert names[:2] == ["nodata", "no diagnostic feature"]
    layout = _layout()
    for r, row in enumerate(layout):
        for c, mineral in enumerate(row):
            got = names[cls[r, c]]
            expected = {None: "nodata", "Quartz": "no diagnostic feature"}.get(mineral, mineral)
            assert got == expected, f"pixel ({r}, {c}) {mineral}: mapped {got}"
    # same grid, confidence and probability bands
    src, dst = gdal.Open(str(cube)), gdal.Open(str(out))
    assert (dst.RasterXSize, dst.RasterYSize) == (src.RasterXSize, src.RasterYSize)
    assert dst.GetGeoTransform() == src.GetGeoTransform() and dst.GetProjection() == src.GetProjection()
    conf = gdal.Open(summary["confidence"]).ReadAsArray()
    nodata = np.array([[m is None for m in row] for row in layout])
    assert np.all(conf[nodata] == -1) and np.all((conf[~nodata] > 0) & (conf[~nodata] <= 1))
    prob = gdal.Open(summary["probabilities"])
    assert prob.RasterCount == 2 and prob.GetRasterBand(2).GetDescription() == "Alunite"
    kao = prob.GetRasterBand(1).ReadAsArray()
    is_kao = np.array([[m == "Kaolinite" for m in row] for row in layout])
    assert kao[is_kao].min() > kao[~is_kao & ~nodata].max()
    qml = Path(summary["style"]).read_text(encoding="utf-8")
    assert 'label="no diagnostic feature"' in qml and 'label="Kaolinite"' in qml and 'label="Quartz"' not in qml
    assert summary["pixel_counts"]["Kaolinite"] == 4 and summary["pixel_counts"]["nodata"] == 4


def test_swir_only_image_never_maps_goethite(tmp_path):
    centres, fwhm = read_sensor_table(AHSI_TABLE)
    keep = (centres >= 1990) & (centres <= 2480)
    layout = [["Goethite", "Hematite", "Kaolinite", "Alunite"]] * 2
    cube = layout_cube(tmp_path / "swir.tif", layout, centres[keep], fwhm[keep])
    out = tmp_path / "swir_map.tif"
    summary = map_minerals(cube, out)
    names = class_names(out)
    cls = gdal.Open(str(out)).ReadAsArray()
    mapped = [[names[v] for v in row] for row in cls]
    assert all(m[0] not in ("Goethite", "Hematite") and m[1] not in ("Goethite", "Hematite") for m in mapped)
    assert all(m[2] == "Kaolinite" and m[3] == "Alunite" for m in mapped)
    assert summary["covered_nm"][0] >= 1990


def _leaf(shared_data, centres, fwhm):
    """A green aspen leaf of the USGS library (chapter V) as the sensor sees it."""
    root = shared_data / "usgs_splib07a" / "ASCIIdata_splib07a"
    wl = np.loadtxt(root / "splib07a_Wavelengths_ASD_0.35-2.5_microns_2151_ch.txt", skiprows=1) * 1000.0
    r = np.loadtxt(root / "ChapterV_Vegetation" / "splib07a_Aspen_Aspen-1_green-top_ASDFRa_AREF.txt", skiprows=1)
    ok = r > -1.0
    return band_convolve(wl[ok], r[ok][None, :], centres, fwhm)[0]


def _map_row(row, centres, fwhm, cube_path, settings=None):
    """Map a 2-line cube whose lines are both ``row`` (pixels × bands): the summary and the first line's class
    names."""
    cube = write_cube(cube_path, 2, row.shape[0], centres, fwhm, lambda r0, n: np.broadcast_to(row, (n, *row.shape)))
    out = cube_path.with_name(cube_path.stem + "_map.tif")
    summary = map_minerals(cube, out, settings)
    names = class_names(out)
    return summary, [names[v] for v in gdal.Open(str(out)).ReadAsArray()[0]]


def test_green_vegetation_and_swath_fill_get_their_own_classes(shared_data, tmp_path):
    centres, fwhm = read_sensor_table(AHSI_TABLE)
    minerals = ["Kaolinite", "Hematite", "Lazurite", "Cuprite"]  # red and blue minerals mimic a red edge
    row = np.vstack([_leaf(shared_data, centres, fwhm), library_pixels(minerals, centres, fwhm),
                     np.full(centres.size, -0.005)])  # AVIRIS-NG's fill outside the swath
    summary, mapped = _map_row(row, centres, fwhm, tmp_path / "veg.tif")
    assert mapped[0] == "green vegetation" and mapped[1] == "Kaolinite" and mapped[-1] == "nodata"
    assert "green vegetation" not in mapped[2:5], mapped
    assert summary["pixel_counts"]["green vegetation"] == 2
    conf = gdal.Open(summary["confidence"]).ReadAsArray()
    assert np.all(conf[:, 0] == -1) and np.all(conf[:, 1] > 0)
    assert 'label="green vegetation"' in Path(summary["style"]).read_text(encoding="utf-8")


def test_dark_pixels_are_a_dark_surface_not_a_guessed_mineral(shared_data, tmp_path):
    """Below 8 % reflectance everywhere a pixel is shadow, water, coal or opaque minerals (models/geospectra/dark):
    the same kaolinite at 4 % of its brightness is "dark surface"; a shaded leaf stays green vegetation."""
    centres, fwhm = read_sensor_table(AHSI_TABLE)
    kaolinite, hematite = library_pixels(["Kaolinite", "Hematite"], centres, fwhm)
    leaf = _leaf(shared_data, centres, fwhm)
    row = np.vstack([kaolinite, kaolinite * 0.04, leaf * 0.1, hematite])
    assert np.percentile(hematite, 95) > DARK_P95 > np.percentile(kaolinite * 0.04, 95)
    summary, mapped = _map_row(row, centres, fwhm, tmp_path / "dark.tif",
                               MineralMapSettings(probability_minerals=["Kaolinite"]))
    assert mapped[:3] == ["Kaolinite", "dark surface", "green vegetation"], mapped
    assert mapped[3] not in ("dark surface", "green vegetation", "nodata"), mapped
    assert summary["pixel_counts"]["dark surface"] == 2
    assert np.all(gdal.Open(summary["confidence"]).ReadAsArray()[:, 1] == -1)
    # one band (lines × pixels): kaolinite is not seen on the dark pixel and the leaf
    kaolinite_p = gdal.Open(summary["probabilities"]).ReadAsArray()
    assert kaolinite_p[0, 0] > 0.5 and np.all(kaolinite_p[:, 1:3] == 0.0), kaolinite_p
    assert 'label="dark surface"' in Path(summary["style"]).read_text(encoding="utf-8")


@pytest.mark.parametrize("scale", [1.0, 0.01], ids=["x10000 without a scale", "percent"])
def test_dark_pixels_take_the_unit_of_the_ground_around_them(shared_data, tmp_path, scale):
    """A coal seam at reflectance 0.01 stored as 100 (×10000, no scale in the file) or 1.0 (percent) reads as 1.0
    reflectance on its own; beside kaolinite stored the same way it is a dark surface."""
    centres, fwhm = read_sensor_table(AHSI_TABLE)
    kaolinite, hematite = library_pixels(["Kaolinite", "Hematite"], centres, fwhm)
    row = np.vstack([kaolinite, kaolinite * 0.01, hematite])
    cube = write_cube(tmp_path / "units.tif", 2, 3, centres, fwhm, lambda r0, n: np.broadcast_to(row, (n, *row.shape)))
    ds = gdal.Open(str(cube), gdal.GA_Update)
    for b in range(1, ds.RasterCount + 1):
        ds.GetRasterBand(b).SetScale(scale)  # integers ×10000 as physical values: ×10000 or percent
    ds = None
    summary = map_minerals(cube, tmp_path / "units_map.tif")
    names = class_names(tmp_path / "units_map.tif")
    mapped = [names[v] for v in gdal.Open(str(tmp_path / "units_map.tif")).ReadAsArray()[0]]
    assert mapped[:2] == ["Kaolinite", "dark surface"], mapped
    assert mapped[2] not in ("dark surface", "nodata"), mapped
    assert summary["pixel_counts"]["dark surface"] == 2


@pytest.mark.parametrize("fast", [False, True], ids=["exact", "fast"])
@pytest.mark.parametrize("scale", [1.0, 0.01], ids=["x10000 without a scale", "percent"])
def test_a_strip_dark_from_edge_to_edge_takes_the_unit_of_the_image(shared_data, tmp_path, scale, fast):
    """A lake or a shadowed valley fills whole strips: no bright pixel in them tells their unit, the rest of the
    image does (``mineral_map.image_unit``: rows spread over the image, not its first ones), so they are a dark
    surface, not bright ground misread as percent."""
    centres, fwhm = read_sensor_table(AHSI_TABLE)
    (kaolinite,) = library_pixels(["Kaolinite"], centres, fwhm)
    dark_row, bright_row = np.vstack([kaolinite * 0.01] * 3), np.vstack([kaolinite] * 3)

    def rows(r0, n):  # the upper half of the image is the lake: more rows than image_unit reads
        return np.stack([dark_row if r < 20 else bright_row for r in range(r0, r0 + n)])
    cube = write_cube(tmp_path / "lake.tif", 40, 3, centres, fwhm, rows)
    ds = gdal.Open(str(cube), gdal.GA_Update)
    for b in range(1, ds.RasterCount + 1):
        ds.GetRasterBand(b).SetScale(scale)
    ds = None
    summary = map_minerals(cube, tmp_path / "lake_map.tif", MineralMapSettings(batch=3, fast=fast))  # row a strip
    names = class_names(tmp_path / "lake_map.tif")
    mapped = np.asarray(names, object)[gdal.Open(str(tmp_path / "lake_map.tif")).ReadAsArray()]
    assert (mapped[:20] == "dark surface").all(), mapped[:20]
    assert (mapped[20:] == "Kaolinite").all(), mapped[20:]
    assert summary["pixel_counts"]["dark surface"] == 60


def test_cancel_leaves_no_file(ahsi_cube, tmp_path):
    cube, _ = ahsi_cube
    out = tmp_path / "cancelled.tif"
    calls = {"n": 0}

    def cancelled():
        calls["n"] += 1
        return calls["n"] > 1

    with pytest.raises(CancelledError):
        map_minerals(cube, out, MineralMapSettings(batch=9), progress=Progress(lambda p, m: None, cancelled))
    assert list(tmp_path.iterdir()) == []


def test_bad_inputs_are_named(ahsi_cube, tmp_path):
    cube, _ = ahsi_cube
    with pytest.raises(InputError, match="unknown mineral.*Unobtainium"):
        map_minerals(cube, tmp_path / "x.tif", MineralMapSettings(probability_minerals=["Unobtainium"]))
    with pytest.raises(InputError, match="GeoTIFF"):
        map_minerals(cube, tmp_path / "x.img")
    assert list(tmp_path.iterdir()) == []


def test_cli_writes_the_map(ahsi_cube, tmp_path):
    cube, _ = ahsi_cube
    out = tmp_path / "cli.tif"
    proc = subprocess.run([sys.executable, "-m", "models", "mineral-map", str(cube), "-o", str(out), "--quiet",
                           "--probabilities", "Calcite"], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    assert summary["pixel_counts"]["Calcite"] == 4 and Path(summary["probabilities"]).is_file()
    assert class_names(out)[2:] == summary_classes() + ["green vegetation", "dark surface"]  # after the minerals


def summary_classes():
    from models.geospectra.inference import get_identifier

    return get_identifier().classes
