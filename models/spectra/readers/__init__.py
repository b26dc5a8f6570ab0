"""One module per spectrometer file format, each with ``can_read(path)`` and ``read(path)``.

``READERS`` is the order in which :func:`models.spectra.registry.read_spectra`
sniffs content: binary and strongly signed formats first, the generic table
reader last (it accepts any numeric text).
"""
from . import asd, csvtext, ecostress, envi, jcamp, relab, sed, svc, usgs

READERS = (asd, envi, svc, sed, usgs, ecostress, jcamp, relab, csvtext)

__all__ = ["READERS", "asd", "csvtext", "ecostress", "envi", "jcamp", "relab", "sed", "svc", "usgs"]
