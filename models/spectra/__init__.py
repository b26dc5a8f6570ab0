"""Spectrometer files and GeoSpectra's preprocessing, without QGIS.

``read_spectra(path)`` reads any supported file by its content (ASD FieldSpec,
SVC, Spectral Evolution, ENVI libraries, USGS splib ASCII, ECOSTRESS, RELAB,
JCAMP-DX, CSV/TXT) into :class:`Spectrum` objects (wavelengths in nm);
``load_folder(paths)`` reads files and folders and reports per file what was
loaded or why not.  ``models.spectra.preprocess`` holds the preprocessing steps.
"""
from .registry import LoadEntry, LoadReport, detect_format, load_folder, read_spectra, supported_formats
from .spectrum import QUANTITIES, AuxiliaryFileError, Spectrum, SpectrumFileError

__all__ = [
    "AuxiliaryFileError", "LoadEntry", "LoadReport", "QUANTITIES", "Spectrum", "SpectrumFileError",
    "detect_format", "load_folder", "read_spectra", "supported_formats",
]
