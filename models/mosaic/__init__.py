"""Mosaic work on a Dask cluster: windowed prediction and mineral maps of many scenes (no QGIS).

A mosaic (one raster, a VRT of many scenes, or a folder of scenes, :mod:`.source`) is cut into
windows (:mod:`.windows`) with the halo the tiles need; each Dask task reads its window with
GDAL, computes it, and returns the window's core; the client writes the cores into one tiled,
compressed, Cloud-Optimized GeoTIFF (:mod:`.cog`), under a temporary name until it is complete.
The cluster (a local one or a scheduler's address) and the task loop with progress, retries and
cancel are in :mod:`.cluster`; :mod:`.heatmap` and :mod:`.minerals` are the two jobs.
"""
