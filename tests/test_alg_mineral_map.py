"""hyperprospect:mineralmap in real QGIS and through qgis_process, on a cube of known library spectra."""
import json
from pathlib import Path

import numpy as np
import pytest
from osgeo import gdal

from qgis_support import log_feedback, run_qgis_process


@pytest.fixture(scope="module")
def cube(tmp_path_factory):
    from models.geospectra.dataset import AHSI_TABLE
    from models.geospectra.grid import read_sensor_table
    from models.geospectra.synthetic_cube import layout_cube

    centres, fwhm = read_sensor_table(AHSI_TABLE)
    layout = [["Kaolinite", "Alunite", "Quartz", None], ["Calcite", "Muscovite", "Kaolinite", "Alunite"]]
    return layout_cube(tmp_path_factory.mktemp("qcube") / "cube.tif", layout, centres, fwhm)


def _names(path):
    ds = gdal.Open(str(path))  # keep the dataset alive while its band is used
    band = ds.GetRasterBand(1)
    band.GetStatistics(0, 0)
    return [band.GetCategoryNames()[v] for v in band.ReadAsArray().ravel()]


EXPECTED = ["Kaolinite", "Alunite", "no diagnostic feature", "nodata", "Calcite", "Muscovite", "Kaolinite", "Alunite"]


def test_mineral_map_in_qgis(provider, cube, tmp_path):
    import processing
    from qgis.core import QgsProcessingContext, QgsProject, QgsRasterLayer

    alg = provider.algorithm("mineralmap")
    classes = alg.parameterDefinition("PROBABILITIES").options()
    out = tmp_path / "map.tif"
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    result = processing.run("hyperprospect:mineralmap", {
        "INPUT": str(cube), "PROBABILITIES": [classes.index("Kaolinite")], "OUTPUT": str(out)},
        context=context, feedback=(log := log_feedback()))
    assert _names(result["OUTPUT"]) == EXPECTED
    assert {"Kaolinite: 2 pixels", "Calcite: 1 pixel"} <= set(log.infos), log.infos  # counts as a user reads them
    assert json.loads(result["PIXEL_COUNTS"])["Kaolinite"] == 2
    layer = QgsRasterLayer(result["OUTPUT"], "map")
    assert layer.isValid()
    _, ok = layer.loadNamedStyle(str(out.with_suffix(".qml")))
    assert ok and layer.renderer().type() == "paletted"
    labels = {c.label for c in layer.renderer().classes()}
    assert {"no diagnostic feature", "Kaolinite", "Alunite", "Calcite", "Muscovite"} <= labels
    conf = QgsRasterLayer(result["CONFIDENCE"], "conf")
    assert conf.isValid() and conf.extent() == layer.extent()
    prob = gdal.Open(result["PROBABILITY_BANDS"])
    assert prob.RasterCount == 1 and prob.GetRasterBand(1).GetDescription() == "Kaolinite"
    assert np.nanmax(prob.ReadAsArray()) > 0.5


def test_mineral_map_through_qgis_process(qgis_profile, cube, tmp_path):
    out = tmp_path / "qp_map.tif"
    proc = run_qgis_process(["--json", "run", "hyperprospect:mineralmap", "--", f"INPUT={cube}",
                             f"OUTPUT={out}"], qgis_profile)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    payload = json.loads(proc.stdout[proc.stdout.index("{"):])
    assert Path(payload["results"]["CONFIDENCE"]).is_file()
    assert _names(out) == EXPECTED


def test_fast_mineral_map_says_how_well_it_agrees_with_geospectra(provider, tmp_path):
    """FAST in the toolbox: the map is written and the log gives the small network's agreement with GeoSpectra;
    on a raster too small to teach it the log says every pixel was mapped exactly."""
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProject

    from models.geospectra.dataset import AHSI_TABLE
    from models.geospectra.grid import read_sensor_table
    from models.geospectra.synthetic_cube import mixture_cube

    class Log(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.lines = []

        def pushInfo(self, info):  # noqa: N802
            self.lines.append(info)

        def pushWarning(self, warning):  # noqa: N802
            self.lines.append(warning)

    for size, expect in ((80, "agreed with GeoSpectra on"), (20, "too few valid pixels")):
        cube = mixture_cube(tmp_path / f"mix{size}.tif", size, *read_sensor_table(AHSI_TABLE))
        context = QgsProcessingContext()
        context.setProject(QgsProject.instance())
        log = Log()
        result = processing.run("hyperprospect:mineralmap", {"INPUT": str(cube), "FAST": True,
                                                             "OUTPUT": str(tmp_path / f"map{size}.tif")},
                                context=context, feedback=log)
        assert Path(result["OUTPUT"]).is_file()
        assert any(expect in line for line in log.lines), log.lines
