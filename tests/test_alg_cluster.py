"""predictheatmap and mineralmap in real QGIS with a Dask scheduler address (advanced parameter): the same
maps as without one, written as Cloud-Optimized GeoTIFFs by the worker process acting as the cluster's client."""
import numpy as np
import pytest
from osgeo import gdal

from mosaic_support import trained_area

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def scheduler():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c.scheduler_address


def _run(alg, params):
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProject

    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    return processing.run(f"hyperprospect:{alg}", params, context=context, feedback=QgsProcessingFeedback())


def test_predict_heatmap_on_a_scheduler_equals_this_computer(provider, scheduler, tmp_path):
    area = trained_area(tmp_path / "area")
    base = {"MODEL": area["model"], "INPUT": area["cube"], "PLUTONS": area["plutons"], "FAULTS": area["faults"],
            "UNCERTAINTY": False}
    here = _run("predictheatmap", {**base, "OUTPUT": str(tmp_path / "here.tif")})
    there = _run("predictheatmap", {**base, "SCHEDULER": scheduler, "OUTPUT": str(tmp_path / "there.tif")})
    ds = gdal.Open(there["OUTPUT"])
    assert ds.GetMetadata("IMAGE_STRUCTURE").get("LAYOUT") == "COG"
    assert np.array_equal(ds.ReadAsArray(), gdal.Open(here["OUTPUT"]).ReadAsArray())
    assert there["TILES"] == here["TILES"] > 0


def test_mineral_map_on_a_scheduler_equals_this_computer(provider, scheduler, tmp_path):
    from models.geospectra.dataset import AHSI_TABLE
    from models.geospectra.grid import read_sensor_table
    from models.geospectra.synthetic_cube import layout_cube

    centres, fwhm = read_sensor_table(AHSI_TABLE)
    row = ["Kaolinite", "Alunite", "Quartz", None, "Calcite", "Muscovite"]
    cube = layout_cube(tmp_path / "cube.tif", [row[r:] + row[:r] for r in range(6)], centres, fwhm)
    here = _run("mineralmap", {"INPUT": str(cube), "OUTPUT": str(tmp_path / "here.tif")})
    there = _run("mineralmap", {"INPUT": str(cube), "SCHEDULER": scheduler, "OUTPUT": str(tmp_path / "there.tif")})
    ds = gdal.Open(there["OUTPUT"])
    assert ds.GetMetadata("IMAGE_STRUCTURE").get("LAYOUT") == "COG"
    assert np.array_equal(ds.ReadAsArray(), gdal.Open(here["OUTPUT"]).ReadAsArray())
    assert there["PIXEL_COUNTS"] == here["PIXEL_COUNTS"]
