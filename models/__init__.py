"""HyperProspect compute layer.

Everything here runs without QGIS (no ``qgis``, no PyQt): raster and vector
preparation, graph tiling, the networks, training, inference and spectra I/O.
Imports inside this package are relative so that it works both as the
top-level package ``models`` (``python -m models`` from the repository root)
and as ``hyperprospect.models`` inside the installed QGIS plugin.
"""

__version__ = "0.1.0"
