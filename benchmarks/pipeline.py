"""Whole pipeline on a large generated scene: band subset, both distances, heatmap at stride = tile.

Run as ``python benchmarks/pipeline.py SIZE WORKDIR`` (one process per size so that the peak
memory, ``ru_maxrss``, belongs to that size alone); prints one JSON line.
"""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from osgeo import gdal, ogr, osr

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

BANDS = 166
EPSG = 32644


def make_cube(path: Path, size: int, seed: int = 0) -> None:
    """int16 reflectance cube on the AHSI band set, written strip by strip (never held whole)."""
    from models.raster.wavelengths import load_band_table

    wl = load_band_table("zy1_02d_ahsi").centers_nm
    drv = gdal.GetDriverByName("GTiff")
    ds = drv.Create(str(path), size, size, BANDS, gdal.GDT_Int16, ["TILED=YES", "INTERLEAVE=PIXEL", "BIGTIFF=YES"])
    ds.SetGeoTransform((500000, 30, 0, 4000000, 0, -30))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(EPSG)
    ds.SetProjection(srs.ExportToWkt())
    rng = np.random.default_rng(seed)
    base = (3000 + 1000 * np.sin(np.linspace(0, 6, BANDS))).astype(np.int16)
    rows = 256
    for r in range(0, size, rows):
        n = min(rows, size - r)
        noise = rng.integers(-200, 200, (BANDS, n, size), dtype=np.int16)
        block = base[:, None, None] + noise
        ds.WriteRaster(0, r, size, n, block.tobytes(), band_list=list(range(1, BANDS + 1)), buf_type=gdal.GDT_Int16)
    for b in range(BANDS):
        band = ds.GetRasterBand(b + 1)
        band.SetMetadataItem("wavelength", f"{wl[b]:.2f}")
        band.SetMetadataItem("wavelength_units", "nm")
    ds = None


def make_vectors(folder: Path, size: int) -> tuple:
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(EPSG)
    x0, y0, ext = 500000, 4000000, size * 30
    drv = ogr.GetDriverByName("GPKG")
    paths = []
    for name, geoms, gtype in (
        ("plutons",
         [f"POLYGON(({x0 + ext * .2} {y0 - ext * .2},{x0 + ext * .4} {y0 - ext * .2},{x0 + ext * .4} "
          f"{y0 - ext * .45},{x0 + ext * .2} {y0 - ext * .45},{x0 + ext * .2} {y0 - ext * .2}))",
          f"POLYGON(({x0 + ext * .6} {y0 - ext * .6},{x0 + ext * .8} {y0 - ext * .6},{x0 + ext * .75} "
          f"{y0 - ext * .85},{x0 + ext * .6} {y0 - ext * .6}))"],
         ogr.wkbPolygon),
        ("faults", [f"LINESTRING({x0} {y0 - ext * .1},{x0 + ext} {y0 - ext * .9})",
                    f"LINESTRING({x0 + ext * .5} {y0},{x0 + ext * .3} {y0 - ext})"], ogr.wkbLineString),
    ):
        p = folder / f"{name}.gpkg"
        if p.exists():
            p.unlink()
        ds = drv.CreateDataSource(str(p))
        lyr = ds.CreateLayer(name, srs, gtype)
        for wkt in geoms:
            f = ogr.Feature(lyr.GetLayerDefn())
            f.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
            lyr.CreateFeature(f)
        ds = None
        paths.append(str(p))
    return tuple(paths)


def tiny_model(path: Path, subset: Path) -> None:
    """A model whose channels are the subset bands + the two distances (weights don't change the cost)."""
    from models.gcn.model_file import save_model
    from models.gcn.train import as_training_data, train_model

    ds = gdal.Open(str(subset))
    wl = [float(ds.GetRasterBand(i + 1).GetMetadataItem("wavelength")) for i in range(ds.RasterCount)]
    c = len(wl) + 2
    rng = np.random.default_rng(0)
    x = rng.normal(0, 1, (64, 100, c)).astype(np.float32)
    y = np.arange(64) % 2
    data = as_training_data(x=x, y=y, tile_size=10, rows=np.arange(64) * 40, cols=np.zeros(64, int),
                            channel_names=[f"b{i}" for i in range(len(wl))]
                            + ["Distance to pluton (m)", "Distance to fault (m)"],
                            wavelengths_nm=wl + [None, None])
    save_model(path, train_model(data, epochs=1, batch_size=32))


def sequential_read_seconds(path: Path) -> float:
    ds = gdal.Open(str(path))
    t = time.perf_counter()
    rows = 64
    for r in range(0, ds.RasterYSize, rows):
        ds.ReadRaster(0, r, ds.RasterXSize, min(rows, ds.RasterYSize - r))
    return time.perf_counter() - t


def main(size: int, work: Path) -> dict:
    from models.heatmap.predict import predict_heatmap
    from models.raster.band_subset import subset_raster
    from models.raster.distance import distance_to_features

    work.mkdir(parents=True, exist_ok=True)
    cube = work / f"cube_{size}.tif"
    if not cube.exists():
        # in a child process, so this process's peak memory is the pipeline's, not the generator's
        subprocess.run([sys.executable, "-c", f"import sys; sys.path.insert(0, {str(REPO)!r}); "
                        f"from benchmarks.pipeline import make_cube; from pathlib import Path; "
                        f"make_cube(Path({str(cube)!r}), {size})"], check=True)
    plutons, faults = make_vectors(work, size)
    os.system(f"sync; cat {cube} > /dev/null")  # warm the page cache the same way for every step
    # timed in a child process: GDAL's block cache fills during the read and would set this process's peak
    read_s = float(subprocess.check_output([
        sys.executable, "-c", f"import sys; sys.path.insert(0, {str(REPO)!r}); from pathlib import Path; "
        f"from benchmarks.pipeline import sequential_read_seconds; "
        f"print(sequential_read_seconds(Path({str(cube)!r})))"], text=True).strip().splitlines()[-1])
    rss_after_setup = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    timings = {}
    t = time.perf_counter()
    subset = work / f"subset_{size}.tif"
    subset_raster(cube, subset)
    timings["band_subset"] = time.perf_counter() - t
    t = time.perf_counter()
    distance_to_features(plutons, cube, work / f"dpl_{size}.tif", kind="polygon")
    timings["distance_to_pluton"] = time.perf_counter() - t
    t = time.perf_counter()
    distance_to_features(faults, cube, work / f"dfa_{size}.tif", kind="line")
    timings["distance_to_fault"] = time.perf_counter() - t
    model = work / "bench_model.hpm"
    if not model.exists():
        tiny_model(model, subset)
    t = time.perf_counter()
    summary = predict_heatmap(model, cube, work / f"heat_{size}.tif", plutons=plutons, faults=faults)
    timings["predict_heatmap_incl_distances"] = time.perf_counter() - t
    pipeline = timings["band_subset"] + timings["predict_heatmap_incl_distances"]
    return {
        "size": size,
        "cube_gb": cube.stat().st_size / 1e9,
        "sequential_read_s": read_s,
        "steps_s": timings,
        "pipeline_s": pipeline,
        "pipeline_over_read": pipeline / read_s,
        "tiles_scored": summary["tiles_scored"],
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "rss_before_pipeline_mb": rss_after_setup / 1024,
    }


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]), Path(sys.argv[2]))))
