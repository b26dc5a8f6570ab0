"""Cloud-Optimized GeoTIFF output: the mosaic is assembled in a tiled GeoTIFF, then copied to a COG."""
from __future__ import annotations

from osgeo import gdal

gdal.UseExceptions()


def write_cog(src: str, dst: str, predictor: str = "YES", resampling: str = "AVERAGE") -> None:
    """Copy ``src`` to a DEFLATE-compressed COG ``dst`` (internal tiles and overviews; statistics,
    colour table and band metadata kept).  ``resampling`` of the overviews: AVERAGE for
    probabilities, NEAREST for classes."""
    gdal.Translate(str(dst), str(src), format="COG",
                   creationOptions=["COMPRESS=DEFLATE", f"PREDICTOR={predictor}", "BLOCKSIZE=512",
                                    "BIGTIFF=IF_SAFER", f"RESAMPLING={resampling}", "NUM_THREADS=ALL_CPUS"])
