"""The dock's pick tool in real QGIS: a pixel taken from the map is reflectance 0–1 whatever unit the file is in."""
import numpy as np
import pytest
from osgeo import gdal

from models.geospectra.dataset import AHSI_TABLE
from models.geospectra.grid import read_sensor_table
from models.geospectra.synthetic_cube import library_pixels, write_cube


def _cube(tmp_path, factor, scale):
    """A 3 × 3 AHSI cube: a dark first row (kaolinite at 1 % of its brightness: a lake, a shadow), bright kaolinite
    below; values stored as reflectance × ``factor`` with the band scale ``scale`` (None: no scale in the file)."""
    tmp_path.mkdir(exist_ok=True)
    centres, fwhm = read_sensor_table(AHSI_TABLE)
    (kaolinite,) = library_pixels(["Kaolinite"], centres, fwhm)
    refl = np.stack([np.vstack([kaolinite * (0.01 if r == 0 else 1.0)] * 3) for r in range(3)])
    path = write_cube(tmp_path / "x10000.tif", 3, 3, centres, fwhm, lambda r0, n: refl[r0:r0 + n])
    if factor != 10000.0:  # re-store as floats in percent or fraction, keeping the band metadata
        src = gdal.Open(str(path))
        out = gdal.GetDriverByName("GTiff").Create(str(tmp_path / "float.tif"), 3, 3, src.RasterCount,
                                                   gdal.GDT_Float32, ["COMPRESS=DEFLATE"])
        out.SetGeoTransform(src.GetGeoTransform())
        out.SetProjection(src.GetProjection())
        for b in range(1, src.RasterCount + 1):
            band = out.GetRasterBand(b)
            band.SetMetadata(src.GetRasterBand(b).GetMetadata())
            band.WriteArray((refl[:, :, b - 1] * factor).astype(np.float32))
        out, src, path = None, None, tmp_path / "float.tif"
    ds = gdal.Open(str(path), gdal.GA_Update)
    for b in range(1, ds.RasterCount + 1):
        ds.GetRasterBand(b).SetScale(scale or 1.0)
    ds = None
    return path, kaolinite


@pytest.mark.parametrize("factor,scale", [(10000.0, 1e-4), (10000.0, None), (100.0, None), (1.0, None)],
                         ids=["x10000 with its scale", "x10000 without a scale", "percent", "fraction"])
def test_a_picked_pixel_is_reflectance_in_any_unit(qgis_app, tmp_path, factor, scale):
    from qgis.core import QgsPointXY, QgsRasterLayer

    from hyperprospect.plugin.pixel_tool import pixel_spectrum

    path, kaolinite = _cube(tmp_path, factor, scale)
    layer = QgsRasterLayer(str(path), "cube")
    assert layer.isValid() and layer.bandCount() == kaolinite.size
    x0, _, _, y0, _, _ = gdal.Open(str(path)).GetGeoTransform()
    bright = pixel_spectrum(layer, QgsPointXY(x0 + 45.0, y0 - 75.0))  # row 2, column 1 (30 m pixels)
    dark = pixel_spectrum(layer, QgsPointXY(x0 + 45.0, y0 - 15.0))    # row 0: dark from edge to edge
    np.testing.assert_allclose(bright.values, kaolinite, atol=2e-4)
    np.testing.assert_allclose(dark.values, kaolinite * 0.01, atol=2e-4)
    assert bright.wavelengths.size == kaolinite.size


def test_a_picked_pixel_is_named_as_the_mineral_map_names_it(qgis_app, tmp_path):
    """Issue 16.5: the pick tool shows the picked pixel's mineral the same way as ``mineralmap`` — same values,
    same band widths (FWHM from the file), so the same answer (or "no diagnostic feature").  Both run in the
    worker, as in QGIS (torch is never loaded beside QGIS)."""
    from qgis.core import QgsPointXY, QgsRasterLayer

    from hyperprospect.plugin.pixel_tool import pixel_spectrum
    from models.geospectra.jobs import spectrum_payload
    from models.geospectra.synthetic_cube import layout_cube
    from models.worker import run_in_worker
    from test_geospectra_mineral_map import class_names

    centres, fwhm = read_sensor_table(AHSI_TABLE)
    layout = [["Kaolinite", "Alunite", "Calcite"], ["Muscovite", "Quartz", "Montmorillonite"]]
    cube = layout_cube(tmp_path / "minerals.tif", layout, centres, fwhm, snr_db=35.0)
    summary = run_in_worker("geospectra.jobs:mineral_map", {"raster": str(cube), "out_path": str(tmp_path / "m.tif")})
    names, mapped = class_names(summary["output"]), gdal.Open(summary["output"]).ReadAsArray()
    layer = QgsRasterLayer(str(cube), "minerals")
    x0, _, _, y0, _, _ = gdal.Open(str(cube)).GetGeoTransform()
    cells = [(r, c) for r in range(2) for c in range(3)]
    picked = [pixel_spectrum(layer, QgsPointXY(x0 + 30.0 * c + 15.0, y0 - 30.0 * r - 15.0)) for r, c in cells]
    assert all(s.fwhm is not None and s.fwhm.size == centres.size for s in picked)
    results = run_in_worker("geospectra.jobs:identify_arrays",
                            {"spectra": [spectrum_payload(s, i) for i, s in enumerate(picked)], "top": 3})
    said = [res["candidates"][0]["mineral"] if res["diagnostic"] else "no diagnostic feature" for res in results]
    assert said == [names[mapped[r, c]] for r, c in cells], (layout, said)
    assert said.count("Kaolinite") == 1 and said[0] == "Kaolinite"  # the map is not wrong in the same way by chance


def test_the_layer_unit_follows_the_file_and_a_damaged_file_falls_back(qgis_app, tmp_path):
    """The unit is read once per version of the layer's files (a rewritten file is read again), and a file whose
    rows cannot be read gives 1 (each picked pixel judged alone) instead of stopping the pick."""
    import os

    from hyperprospect.plugin.pixel_tool import layer_unit

    path, _ = _cube(tmp_path, 100.0, None)
    assert layer_unit(str(path)) == 100.0
    ds = gdal.Open(str(path), gdal.GA_Update)
    for b in range(1, ds.RasterCount + 1):
        band = ds.GetRasterBand(b)
        band.WriteArray(band.ReadAsArray() / 100.0)
    ds = None
    os.utime(path, (os.path.getatime(path), os.path.getmtime(path) + 5))
    assert layer_unit(str(path)) == 1.0
    percent, _ = _cube(tmp_path / "percent", 100.0, None)
    damaged = tmp_path / "damaged.tif"
    data = bytearray(percent.read_bytes())
    data[200:len(data) // 2] = b"\xff" * (len(data) // 2 - 200)  # the compressed pixels, not the directory
    damaged.write_bytes(bytes(data))
    assert gdal.Open(str(damaged)) is not None and layer_unit(str(percent)) == 100.0
    assert layer_unit(str(damaged)) == 1.0
