"""The one object every spectrometer reader returns, and the error every reader raises.

Readers differ wildly (binary ASD, locale-dependent SVC text, ENVI libraries...);
everything downstream (plot, resample, identify, export) sees only
:class:`Spectrum`: float64 values on a strictly increasing wavelength axis in
nanometres, whatever unit the file used (the original unit is kept in
``wavelength_unit``).
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
from dataclasses import dataclass, field
from typing import Any, Dict, Optional, Tuple

import numpy as np

from ..errors import InputError

#: What a spectrum's values measure.  "ratio" is a target/reference ratio whose
#: reference is not known to be a white panel; "DN" are raw detector counts.
QUANTITIES = (
    "reflectance", "radiance", "irradiance", "transmittance", "absorbance",
    "emissivity", "ratio", "DN", "unknown",
)

#: Wavelength units a file may use; ``Spectrum.wavelengths`` is always nm.
WAVELENGTH_UNITS = ("nm", "um", "cm-1")


class SpectrumFileError(InputError):
    """A spectrometer file cannot be read; the message names the file and why."""

    def __init__(self, path, reason: str):
        self.path = str(path)
        self.reason = str(reason)
        super().__init__(f"{self.path}: {self.reason}")


class AuxiliaryFileError(SpectrumFileError):
    """The file belongs to spectra (a header, a wavelength table, an attribute
    table) but holds no spectrum itself; folder loading skips it quietly."""


@dataclass(eq=False)
class Spectrum:
    """One measured spectrum and what the file says about how it was measured.

    ``values`` and ``wavelengths`` (nm, strictly increasing) have the same
    length; missing channels are NaN.  ``auxiliary`` holds other columns on the
    same axis (an SVC file's reference radiance, an ASD file's raw counts, USGS
    error bars); ``metadata`` holds the file's original header fields.
    """

    values: np.ndarray
    wavelengths: np.ndarray
    quantity: str = "unknown"
    name: str = ""
    source: str = ""
    file_format: str = ""
    wavelength_unit: str = "nm"
    value_unit: str = ""
    instrument_model: Optional[str] = None
    instrument_serial: Optional[str] = None
    integration_time_ms: Optional[Tuple[float, ...]] = None
    acquired: Optional[_dt.datetime] = None
    latitude: Optional[float] = None
    longitude: Optional[float] = None
    altitude_m: Optional[float] = None
    fwhm: Optional[np.ndarray] = None
    auxiliary: Dict[str, np.ndarray] = field(default_factory=dict)
    metadata: Dict[str, Any] = field(default_factory=dict)

    def __post_init__(self):
        # own copies: spectra of one library share an axis, and replace() must not alias
        self.values = np.array(self.values, dtype=np.float64)
        self.wavelengths = np.array(self.wavelengths, dtype=np.float64)
        if self.values.ndim != 1 or self.wavelengths.shape != self.values.shape:
            raise InputError(
                f"spectrum {self.name!r}: values {self.values.shape} and wavelengths "
                f"{self.wavelengths.shape} must be 1-D arrays of the same length")
        self.values[np.isinf(self.values)] = np.nan  # missing is NaN, never ±inf
        if self.values.size < 2:
            raise InputError(f"spectrum {self.name!r}: needs at least 2 samples")
        if not np.all(np.isfinite(self.wavelengths)) or np.any(np.diff(self.wavelengths) <= 0):
            raise InputError(f"spectrum {self.name!r}: wavelengths must be finite and strictly increasing")
        if self.quantity not in QUANTITIES:
            raise InputError(f"spectrum {self.name!r}: unknown quantity {self.quantity!r}")
        if self.wavelength_unit not in WAVELENGTH_UNITS:
            raise InputError(f"spectrum {self.name!r}: unknown wavelength unit {self.wavelength_unit!r}")
        if self.fwhm is not None:
            self.fwhm = np.array(self.fwhm, dtype=np.float64)
            if self.fwhm.shape != self.values.shape:
                raise InputError(f"spectrum {self.name!r}: fwhm must match the wavelengths")
        for key, aux in list(self.auxiliary.items()):
            aux = np.ascontiguousarray(aux, dtype=np.float64)
            if aux.shape != self.values.shape:
                raise InputError(f"spectrum {self.name!r}: auxiliary {key!r} must match the wavelengths")
            self.auxiliary[key] = aux

    @property
    def n_bands(self) -> int:
        return int(self.values.size)

    @property
    def valid(self) -> np.ndarray:
        """Boolean mask of the channels holding a value (not missing)."""
        return np.isfinite(self.values)

    @property
    def instrument_key(self) -> str:
        """Identifier of the instrument for per-instrument statistics."""
        model = (self.instrument_model or "").strip()
        serial = (self.instrument_serial or "").strip()
        if model and serial:
            return f"{model}#{serial}"
        return model or (f"serial#{serial}" if serial else "unknown")

    def replace(self, **changes) -> "Spectrum":
        """A copy with some fields changed (validated again)."""
        return dataclasses.replace(self, **changes)

    def __repr__(self) -> str:
        lo, hi = self.wavelengths[0], self.wavelengths[-1]
        return (f"Spectrum({self.name!r}, {self.quantity}, {self.n_bands} bands "
                f"{lo:.1f}-{hi:.1f} nm, {self.file_format or 'unknown format'})")


def gps_position(spectrum: Any) -> Optional[Tuple[float, float]]:
    """(latitude, longitude) of a spectrum with a usable GPS fix, else None.

    Out-of-range or non-finite values and 0,0 (what instruments without a fix write) are no fix.
    """
    lat, lon = getattr(spectrum, "latitude", None), getattr(spectrum, "longitude", None)
    if lat is None or lon is None:
        gps = getattr(spectrum, "gps", None)
        if gps:
            lat, lon = gps[0], gps[1]
    if lat is None or lon is None or not np.isfinite([lat, lon]).all():
        return None
    lat, lon = float(lat), float(lon)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or (lat == 0 and lon == 0):
        return None
    return lat, lon


def position_note(spectrum: Any) -> str:
    """What the user must know about a spectrum's GPS position (e.g. an inferred longitude sign), or ''.

    Readers put it in ``metadata['position_note']``; the dock, its CSV export, the points layers
    and ``identify`` show it next to the position.
    """
    if gps_position(spectrum) is None:
        return ""
    meta = getattr(spectrum, "metadata", None) or {}
    return str(meta.get("position_note") or "")
