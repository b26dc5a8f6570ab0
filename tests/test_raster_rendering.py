"""Colour default rendering: QGIS opens the sample cube in true colour and the band subset in SWIR false
colour (not bands 1-3 of 395-412 nm in grey)."""
import numpy as np
import pytest
from osgeo import gdal

from models.raster.rendering import rgb_bands


def test_nearest_bands_true_then_false_colour():
    ahsi = np.arange(395.0, 2501.0, 8.5)
    (r, g, b), kind = rgb_bands(ahsi)
    assert kind == "true colour"
    assert [round(ahsi[i - 1]) for i in (r, g, b)] == [642, 548, 472]
    subset = np.concatenate([np.arange(782.0, 903.0, 8.5), np.arange(2014.0, 2401.0, 8.5)])
    (r, g, b), kind = rgb_bands(subset)
    assert kind == "false colour" and abs(subset[r - 1] - 2330) < 5 and abs(subset[b - 1] - 850) < 5
    assert rgb_bands([500.0, 600.0, 700.0, 800.0])[0] == (4, 3, 1)  # last resort: spread over the range


def _wavelength(path, band):
    ds = gdal.Open(path)  # kept alive while its band is used
    return float(ds.GetRasterBand(band).GetMetadataItem("wavelength"))


def test_sample_cube_and_band_subset_open_in_colour_in_qgis(provider, tmp_path):
    import processing
    from qgis.core import QgsRasterLayer

    from models.sample_area.generator import make_sample_area

    area = make_sample_area(tmp_path / "area", size=(60, 60), seed=4)
    layer = QgsRasterLayer(area["cube"], "cube")  # as a user opening the file, default style included
    ren = layer.renderer()
    assert ren.type() == "multibandcolor"
    assert [round(_wavelength(area["cube"], k)) for k in (ren.redBand(), ren.greenBand(), ren.blueBand())] == \
        pytest.approx([640, 550, 470], abs=8)
    stats = layer.dataProvider().bandStatistics(ren.redBand())
    ce = ren.redContrastEnhancement()
    assert stats.minimumValue <= ce.minimumValue() < ce.maximumValue() <= stats.maximumValue  # a real stretch

    sub = processing.run("hyperprospect:bandsubset", {"INPUT": area["cube"], "OUTPUT": str(tmp_path / "sub.tif")})
    sub_layer = QgsRasterLayer(sub["OUTPUT"], "sub")
    ren = sub_layer.renderer()
    assert ren.type() == "multibandcolor"
    assert [round(_wavelength(sub["OUTPUT"], k), -1) for k in (ren.redBand(), ren.greenBand(), ren.blueBand())] \
        == pytest.approx([2330, 2200, 850], abs=10)
