"""Issue 14 item 4: the channel record (kind, wavelength, source, distance method) goes from the stack
reader into the graph data set and the model file, and prediction rebuilds the channels from it; model
files without the record still predict through the channel names."""
import numpy as np
import pytest
from osgeo import gdal

from heatmap_support import box, train_tiny_model, write_polygons, write_scene
from models.errors import InputError
from models.gcn.model_file import read_metadata, save_model
from models.gcn.train import train_model
from models.graphs.tiling import build_graph_dataset
from models.heatmap.predict import predict_heatmap
from models.raster.distance import distance_to_features


@pytest.fixture(scope="module")
def area(tmp_path_factory):
    d = tmp_path_factory.mktemp("record")
    raster = write_scene(d / "scene.tif")
    plutons = write_polygons(d / "plutons.gpkg", [box(10, 10, 20, 20)])
    dist = d / "geo_a.tif"
    distance_to_features(str(plutons), str(raster), dist, kind="polygon", method="idw", signed=True)
    ds = gdal.Open(str(dist), gdal.GA_Update)
    ds.GetRasterBand(1).SetDescription("geo A")  # a name the old regex cannot read: only the record tells
    ds = None
    mineral = d / "spodumene.tif"
    src = gdal.Open(str(raster))
    out = gdal.GetDriverByName("GTiff").Create(str(mineral), src.RasterXSize, src.RasterYSize, 1, gdal.GDT_Float32)
    out.SetGeoTransform(src.GetGeoTransform())
    out.SetProjection(src.GetProjection())
    prob = np.zeros((src.RasterYSize, src.RasterXSize), np.float32)
    prob[:, src.RasterXSize // 2:] = 0.8
    out.GetRasterBand(1).WriteArray(prob + np.random.default_rng(0).uniform(0, 0.1, prob.shape).astype(np.float32))
    out.GetRasterBand(1).SetDescription("spodumene probability")
    out.GetRasterBand(1).SetMetadataItem("mineral", "spodumene")
    out = src = None
    labels = write_polygons(d / "bodies.gpkg", [box(32, 2, 58, 48)])
    return {"dir": d, "raster": raster, "plutons": plutons, "dist": dist, "mineral": mineral, "labels": labels}


def _model(area, inputs, name):
    graphs = build_graph_dataset([str(area["raster"])] + [str(p) for p in inputs], str(area["labels"]),
                                 area["dir"] / f"{name}.hpg", tile_size=5, block_tiles=2)
    result = train_model(graphs, arch="enhanced", epochs=3, hidden=8, batch_size=16, threads=1)
    return graphs, save_model(area["dir"] / f"{name}.hpm", result)


def test_the_record_goes_into_the_data_set_and_the_model_file_and_rebuilds_geology(area, tmp_path):
    graphs, model = _model(area, [area["dist"]], "geo")
    from models.graphs import GraphDataset

    assert GraphDataset.load(area["dir"] / "geo.hpg").meta["channels"] == graphs.meta["channels"]  # in the file
    kinds = [c["kind"] for c in graphs.meta["channels"]]
    assert kinds == ["spectral"] * 4 + ["geology"]
    geo = graphs.meta["channels"][4]
    assert geo["source"] == {"file": "geo_a.tif", "band": 1}
    assert geo["distance"]["feature"] == "pluton" and geo["distance"]["method"] == "idw"
    assert geo["distance"]["signed"] is True and geo["distance"]["source_vector"] == "plutons.gpkg"
    assert graphs.meta["channels"][2]["wavelength_nm"] == pytest.approx(2207.0)
    records = read_metadata(model).channel_records()
    assert [r["kind"] for r in records] == kinds and records[4]["name"] == "geo A"
    with pytest.raises(InputError, match="pluton layer"):
        predict_heatmap(model, area["raster"], tmp_path / "h0.tif")
    summary = predict_heatmap(model, area["raster"], tmp_path / "h.tif", plutons=str(area["plutons"]))
    assert summary["tiles_scored"] > 0


def test_a_model_file_without_the_record_predicts_through_the_channel_names(area, tmp_path):
    model = train_tiny_model(tmp_path / "old.hpm", epochs=2)
    assert read_metadata(model).channel_records() is None
    summary = predict_heatmap(model, area["raster"], tmp_path / "h.tif", plutons=str(area["plutons"]))
    assert summary["tiles_scored"] > 0


def test_a_mineral_channel_is_refused_by_name_unless_a_raster_is_given_for_it(area, tmp_path):
    graphs, model = _model(area, [area["mineral"]], "mineral")
    assert graphs.meta["channels"][4]["kind"] == "mineral"
    assert graphs.meta["channels"][4]["mineral"] == "spodumene"
    with pytest.raises(InputError, match="mineral-probability channel 'spodumene probability'"):
        predict_heatmap(model, area["raster"], tmp_path / "h0.tif")
    assert not (tmp_path / "h0.tif").exists()
    with pytest.raises(InputError, match="no channel named 'nope'"):
        predict_heatmap(model, area["raster"], tmp_path / "h1.tif", channel_rasters={"nope": str(area["mineral"])})
    summary = predict_heatmap(model, area["raster"], tmp_path / "h.tif",
                              channel_rasters={"spodumene probability": str(area["mineral"])})
    assert summary["tiles_scored"] > 0
