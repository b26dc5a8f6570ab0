"""A small synthetic scene and a quickly trained model for heatmap tests."""
from __future__ import annotations

from pathlib import Path

import numpy as np
from osgeo import gdal, ogr, osr

WAVELENGTHS = [850.0, 2100.0, 2207.0, 2300.0]
EPSG = 32644
ORIGIN = (500000.0, 4000000.0)
PIXEL = 30.0


def write_scene(path: Path, width=60, height=50, wavelengths=WAVELENGTHS, seed=0, nodata_corner=True,
                scaled=False) -> Path:
    """Reflectance ×10000; an absorption at 2207 nm in the east half (the 'mineralised' ground)."""
    rng = np.random.default_rng(seed)
    ds = gdal.GetDriverByName("GTiff").Create(str(path), width, height, len(wavelengths), gdal.GDT_Int16)
    ds.SetGeoTransform((ORIGIN[0], PIXEL, 0, ORIGIN[1], 0, -PIXEL))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(EPSG)
    ds.SetProjection(srs.ExportToWkt())
    east = np.zeros((height, width), bool)
    east[:, width // 2:] = True
    for b, wl in enumerate(wavelengths):
        arr = 3000 + rng.normal(0, 50, (height, width))
        if abs(wl - 2207) < 1:
            arr[east] -= 800
        arr = arr.astype(np.int16)
        if nodata_corner:
            arr[:5, :5] = -9999
        band = ds.GetRasterBand(b + 1)
        if scaled:  # the same physical values, stored halved with a GDAL scale of 2
            arr = np.where(arr == -9999, -9999, arr // 2).astype(np.int16)
            band.SetScale(2.0)
        band.WriteArray(arr)
        band.SetNoDataValue(-9999)
        band.SetMetadataItem("wavelength", str(wl))
        band.SetMetadataItem("wavelength_units", "nm")
    ds = None
    return path


def write_polygons(path: Path, rings, epsg=EPSG, fields=None) -> Path:
    drv = ogr.GetDriverByName("GPKG")
    ds = drv.CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    lyr = ds.CreateLayer(path.stem, srs, ogr.wkbPolygon)
    if fields:
        lyr.CreateField(ogr.FieldDefn("status", ogr.OFTString))
    for i, ring in enumerate(rings):
        f = ogr.Feature(lyr.GetLayerDefn())
        wkt = "POLYGON((" + ",".join(f"{x} {y}" for x, y in ring) + "))"
        f.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        if fields:
            f.SetField("status", fields[i])
        lyr.CreateFeature(f)
    ds = None
    return path


def box(c0, r0, c1, r1):
    x0, y0 = ORIGIN[0] + c0 * PIXEL, ORIGIN[1] - r0 * PIXEL
    x1, y1 = ORIGIN[0] + c1 * PIXEL, ORIGIN[1] - r1 * PIXEL
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]


def train_tiny_model(out: Path, tile=5, epochs=15, with_geology=True) -> Path:
    """Train on tiles drawn like the scene: the 2207 nm band is low on mineralised tiles."""
    from models.gcn.model_file import save_model
    from models.gcn.train import as_training_data, train_model

    rng = np.random.default_rng(1)
    n = 160
    y = (np.arange(n) % 2).astype(np.int64)
    x = 3000 + rng.normal(0, 50, (n, tile * tile, len(WAVELENGTHS))).astype(np.float32)
    x[y == 1, :, WAVELENGTHS.index(2207.0)] -= 800
    names = [f"Band {i + 1} ({w:.1f} nm)" for i, w in enumerate(WAVELENGTHS)]
    wls = list(WAVELENGTHS)
    if with_geology:
        d = rng.uniform(0, 2000, (n, tile * tile, 1)).astype(np.float32)
        x = np.concatenate([x, d], axis=2)
        names.append("Distance to pluton (m)")
        wls.append(None)
    data = as_training_data(x=x, y=y, tile_size=tile, rows=(np.arange(n) // 8) * 40, cols=(np.arange(n) % 8) * 40,
                            channel_names=names, wavelengths_nm=wls)
    result = train_model(data, arch="enhanced", epochs=epochs, seed=0, batch_size=32)
    save_model(out, result)
    return out
