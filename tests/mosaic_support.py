"""A small trained model and a sample area cut into scenes, for the mosaic tests."""
from __future__ import annotations

from pathlib import Path

from osgeo import gdal

from models.gcn.model_file import save_model
from models.gcn.train import train_model
from models.graphs.tiling import build_graph_dataset
from models.raster.band_subset import subset_raster
from models.raster.distance import distance_to_features
from models.sample_area.generator import make_sample_area


def trained_area(folder: Path, size=(120, 96), seed=3, epochs=2):
    """A sample area, a 12-band subset of its cube, distance channels (one exact, one IDW) and a node
    model trained on them: ``{"cube", "plutons", "faults", "model"}``."""
    folder.mkdir(parents=True, exist_ok=True)
    area = make_sample_area(folder / "area", size=size, seed=seed)
    cube = str(folder / "cube.tif")
    subset_raster(area["cube"], cube, ranges=[(550, 570), (855, 865), (2140, 2240), (2330, 2350)])
    dist_p, dist_f = str(folder / "d_pluton.tif"), str(folder / "d_fault.tif")
    distance_to_features(area["plutons"], cube, dist_p, kind="polygon", signed=True)
    distance_to_features(area["faults"], cube, dist_f, kind="line", method="idw")
    ds = build_graph_dataset([cube, dist_p, dist_f], area["pegmatites_known"], folder / "g.hpg", tile_size=8,
                             stride=8, label_buffer_m=60.0)
    result = train_model(ds, arch="node", epochs=epochs, hidden=16, batch_size=16, seed=0)
    model = save_model(folder / "m.hpm", result)
    return {"cube": cube, "plutons": area["plutons"], "faults": area["faults"], "model": str(model)}


def cut_scenes(cube: str, folder: Path, parts=(2, 2)):
    """The cube cut into ``rows × cols`` GeoTIFF scenes (a folder mosaic); returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    ds = gdal.Open(cube)
    W, H = ds.RasterXSize, ds.RasterYSize
    for i in range(parts[0]):
        for j in range(parts[1]):
            r0, r1 = H * i // parts[0], H * (i + 1) // parts[0]
            c0, c1 = W * j // parts[1], W * (j + 1) // parts[1]
            gdal.Translate(str(folder / f"scene_{i}{j}.tif"), ds, srcWin=[c0, r0, c1 - c0, r1 - r0])
    return folder
