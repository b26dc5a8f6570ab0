"""ASD FieldSpec binary files (``.asd``, file versions 1–8: ``ASD``, ``as2`` … ``as8``).

Layout from "ASD File Format version 8, revision B" (ASD Inc.): a 484-byte
header, the spectrum (float32, int32 or float64 per ``data_format``), and from
version 2 on a reference header and the white-reference spectrum.  A file saved
in reflectance mode stores raw counts of target and reference; reflectance is
their ratio, exactly what ViewSpec Pro exports; a file saved in raw mode with a
stored white reference gives the same ratio (target counts ÷ white-reference
counts).  Radiance needs the calibration blocks of v7+ files, which are not
applied here: such values stay DN and say so in ``value_unit`` and
``metadata['note']``.  GPS positions are stored as DDDMM.MMMM numbers; ASD
instruments write east longitudes as negative numbers (files recorded near
Munich, 48.25 N 11.71 E, store -1142.59), the format document states no sign
convention, so the longitude is negated and ``metadata['position_note']``
says so wherever positions are shown.
"""
from __future__ import annotations

import datetime as _dt
import math
import struct
from pathlib import Path
from typing import List

import numpy as np

from .._axis import clean_values
from .._common import checked_position, ddmm_number_to_degrees, guarded, head, read_bytes
from ..spectrum import Spectrum, SpectrumFileError

FORMAT = "ASD FieldSpec binary"
EXTENSIONS = (".asd",)

HEADER_SIZE = 484
VERSIONS = {b"ASD": 1, b"asd": 1, b"as2": 2, b"as3": 3, b"as4": 4, b"as5": 5, b"as6": 6, b"as7": 7, b"as8": 8}

# data_type byte (offset 186) → (name in the file format, our quantity)
_DATA_TYPES = {
    0: ("raw", "DN"), 1: ("reflectance", "reflectance"), 2: ("radiance", "radiance"),
    3: ("no units", "unknown"), 4: ("irradiance", "irradiance"), 5: ("quality index", "unknown"),
    6: ("transmittance", "transmittance"), 7: ("unknown", "unknown"), 8: ("absorbance", "absorbance"),
}
_DATA_FORMATS = {0: ("<f4", 4), 1: ("<i4", 4), 2: ("<f8", 8)}
_INSTRUMENTS = {
    0: "ASD (unknown model)", 1: "ASD PSII", 2: "ASD LabSpec VNIR", 3: "ASD FieldSpec VNIR",
    4: "ASD FieldSpec FR", 5: "ASD FieldSpec NIR", 6: "ASD CHEM", 7: "ASD FieldSpec FR unattended",
}
_OLE_EPOCH = _dt.datetime(1899, 12, 30)
UNCALIBRATED = "DN (uncalibrated counts)"
POSITION_NOTE = ("ASD longitude sign inverted on reading (ASD writes east as negative; "
                 "not documented by ASD): check the position on a map")

# (name, struct code, offset) of the header fields kept as metadata
_FIELDS = (
    ("program_version", "B", 178), ("file_version", "B", 179), ("dc_corrected", "B", 181),
    ("dc_time", "<i", 182), ("data_type", "B", 186), ("ref_time", "<i", 187),
    ("ch1_wavelength", "<f", 191), ("wavelength_step", "<f", 195), ("data_format", "B", 199),
    ("application", "B", 203), ("channels", "<H", 204), ("integration_time_ms", "<I", 390),
    ("fore_optic_deg", "<h", 394), ("dc_value", "<h", 396), ("calibration_series", "<H", 398),
    ("instrument_number", "<H", 400), ("ip_numbits", "<H", 418), ("xmode", "B", 420),
    ("dc_count", "<H", 425), ("ref_count", "<H", 427), ("sample_count", "<H", 429),
    ("instrument_type", "B", 431), ("bulb", "<I", 432), ("swir1_gain", "<H", 436),
    ("swir2_gain", "<H", 438), ("swir1_offset", "<H", 440), ("swir2_offset", "<H", 442),
    ("splice1_wavelength", "<f", 444), ("splice2_wavelength", "<f", 448),
)


def can_read(path) -> bool:
    data = head(path, HEADER_SIZE)
    return len(data) >= 3 and data[:3] in VERSIONS


def _header(path, data: bytes) -> dict:
    if len(data) < HEADER_SIZE:
        raise SpectrumFileError(path, f"truncated ASD file: {len(data)} bytes, the header alone needs {HEADER_SIZE}")
    meta = {name: struct.unpack_from(code, data, offset)[0] for name, code, offset in _FIELDS}
    meta["file_signature"] = data[:3].decode("latin-1")
    meta["comments"] = data[3:160].split(b"\x00", 1)[0].decode("latin-1").strip()
    meta["when"] = struct.unpack_from("<9h", data, 160)
    meta["gps"] = dict(zip(("true_heading", "speed", "latitude", "longitude", "altitude"),
                           struct.unpack_from("<5d", data, 334)))
    return meta


def _when(tm) -> _dt.datetime | None:
    sec, minute, hour, mday, mon, year = tm[:6]
    try:
        return _dt.datetime(year + 1900, mon + 1, mday, hour, minute, sec)
    except (ValueError, OverflowError):
        return None


def _ole_date(value: float) -> str | None:
    if not math.isfinite(value) or not (1 < value < 2958465):
        return None
    return (_OLE_EPOCH + _dt.timedelta(days=value)).isoformat(timespec="seconds")


def _block(path, data: bytes, offset: int, count: int, fmt: str, what: str) -> np.ndarray:
    dtype, size = _DATA_FORMATS[fmt]
    end = offset + count * size
    if len(data) < end:
        raise SpectrumFileError(path, f"truncated ASD file: the {what} needs bytes {offset}–{end}, "
                                      f"the file has {len(data)}")
    return np.frombuffer(data, dtype=dtype, count=count, offset=offset).astype(np.float64)


@guarded(FORMAT)
def read(path) -> List[Spectrum]:
    data = read_bytes(path)
    version = VERSIONS.get(data[:3])
    if version is None:
        raise SpectrumFileError(path, "not an ASD FieldSpec file (no ASD/asN signature at its start)")
    meta = _header(path, data)
    channels, fmt, dtype_code = meta["channels"], meta["data_format"], meta["data_type"]
    if not 2 <= channels <= 100000:
        raise SpectrumFileError(path, f"corrupt ASD header: {channels} channels")
    if fmt not in _DATA_FORMATS:
        raise SpectrumFileError(path, f"corrupt ASD header: unknown data format code {fmt}")
    if dtype_code not in _DATA_TYPES:
        raise SpectrumFileError(path, f"corrupt ASD header: unknown data type code {dtype_code}")
    start, step = meta["ch1_wavelength"], meta["wavelength_step"]
    if not (math.isfinite(start) and math.isfinite(step)) or step <= 0 or not 1 <= start <= 1e5:
        raise SpectrumFileError(path, f"corrupt ASD header: first wavelength {start} nm, step {step} nm")

    spectrum = _block(path, data, HEADER_SIZE, channels, fmt, "spectrum")
    offset = HEADER_SIZE + channels * _DATA_FORMATS[fmt][1]
    reference = None
    if version >= 2:
        if len(data) < offset + 20:
            raise SpectrumFileError(path, "truncated ASD file: the reference header is missing")
        flag, ref_time, spec_time, desc_len = struct.unpack_from("<h2dH", data, offset)
        offset += 20
        description = data[offset:offset + desc_len].decode("latin-1")
        offset += desc_len
        meta.update(reference_flag=bool(flag), reference_time=_ole_date(ref_time),
                    spectrum_time=_ole_date(spec_time), reference_description=description)
        reference = _block(path, data, offset, channels, fmt, "reference spectrum")

    type_name, quantity = _DATA_TYPES[dtype_code]
    auxiliary = {}
    with np.errstate(all="ignore"):
        if quantity == "reflectance" and reference is not None:
            values = spectrum / reference
            auxiliary = {"target_dn": spectrum, "reference_dn": reference}
        elif quantity == "DN" and reference is not None and meta["reference_flag"] and np.any(reference > 0):
            values, quantity = spectrum / reference, "reflectance"
            auxiliary = {"target_dn": spectrum, "reference_dn": reference}
            meta["note"] = "saved in raw mode with a white reference: reflectance = target counts / reference counts"
        elif quantity in ("radiance", "irradiance") and version >= 2:
            values, quantity = spectrum, "DN"
            meta["note"] = (f"saved in {type_name} mode: values are raw detector counts (DN), not {type_name}; "
                            "the ASD radiometric calibration stored in the file is not applied")
            meta["value_unit"] = UNCALIBRATED
        else:
            values = spectrum
    values = clean_values(path, values, "the ASD spectrum")
    wavelengths = start + step * np.arange(channels, dtype=np.float64)

    gps = meta["gps"]
    lon = ddmm_number_to_degrees(gps["longitude"])
    lat, lon = checked_position(ddmm_number_to_degrees(gps["latitude"]), -lon if lon else lon)
    altitude = gps["altitude"] if lat is not None and math.isfinite(gps["altitude"]) else None
    if lat is not None:
        meta["gps_note"] = (f"stored DDMM.MMMM latitude {gps['latitude']}, longitude {gps['longitude']}; "
                            "the longitude's sign was inverted (ASD writes east as negative)")
        meta["position_note"] = POSITION_NOTE
    serial = str(meta["instrument_number"]) if meta["instrument_number"] else None
    it = meta["integration_time_ms"]
    it = 8.5 if it == 8 else it  # the VNIR's shortest setting, 8.5 ms, is stored truncated
    return [Spectrum(
        values=values, wavelengths=wavelengths, quantity=quantity, name=Path(path).stem,
        source=str(path), file_format=FORMAT, wavelength_unit="nm",
        value_unit="fraction" if quantity == "reflectance" else meta.get("value_unit", ""),
        instrument_model=_INSTRUMENTS.get(meta["instrument_type"], f"ASD (type {meta['instrument_type']})"),
        instrument_serial=serial, integration_time_ms=(float(it),) if it else None,
        acquired=_when(meta["when"]), latitude=lat, longitude=lon, altitude_m=altitude,
        auxiliary=auxiliary, metadata=meta,
    )]
