"""Writers of small synthetic spectrometer files in the variants other software writes (issue 17).

Each function writes a file of the described shape with known values, so a test can check the
reader gives them back.  Nothing here is copied from outside data.
"""
from __future__ import annotations

import struct
from pathlib import Path
from typing import Optional, Sequence

import numpy as np

# --- ASTER Spectral Library 2.0 -------------------------------------------------------------


def aster_text(x: Sequence[float], y: Sequence[float], count: Optional[int] = None, trailer: str = "") -> str:
    """An ASTER 2.0 ``*.spectrum.txt``: blank lines inside the header, a continuation line starting
    with digits, CRLF line ends; ``count`` overrides ``Number of X Values``; ``trailer`` ends the data."""
    header = [
        "Name: Alunite SO-4A", "Type: Mineral", "Class: Sulfate", "Subclass: Alunite",
        "Particle Size:  125-500 um", "Sample No.:  SO-4A", "Owner:  JHU", "Wavelength Range:  TIR",
        "Origin: Goldfield, Nevada",
        "Description: Light pink, fine-grained massive alunite, purchased as sample",
        "82402.05. XRD shows pure alunite.", "", "",
        "Measurement:  Biconical reflectance", "First Column:  X", "Second Column: Y",
        "X Units:  Wavelength (micrometers)", "Y Units:  Reflectance (percent)",
        f"First X Value:  {x[0]:.4f}", f"Last X Value:  {x[-1]:.4f}",
        f"Number of X Values:  {len(x) if count is None else count}",
        "Additional Information:  alunite.so4a.ancillary.txt", "",
    ]
    rows = [f"{a:.4f}\t{b:.4f}" for a, b in zip(x, y)]
    return "\r\n".join(header + rows) + "\r\n" + trailer


ANCILLARY = ("Name: Alunite SO-4A\r\nSample No.:  SO-4A\r\nAncillary Information:\r\n"
             "XRD analysis: alunite, trace quartz.\r\nChemistry: K2O 9.8 %\r\n")

# --- ASD FieldSpec binary -------------------------------------------------------------------


def asd_bytes(target: np.ndarray, reference: Optional[np.ndarray], data_type: int, version: bytes = b"as7",
              start_nm: float = 350.0, step_nm: float = 1.0, gps=(0.0, 0.0, 0.0), reference_flag: bool = True) -> bytes:
    """A minimal ASD file: 484-byte header, float32 spectrum, reference header and reference.

    ``data_type`` is the header's byte 186 (0 raw, 1 reflectance, 2 radiance); ``gps`` is the
    stored (latitude, longitude, altitude) with latitude/longitude as DDDMM.MMMM numbers.
    """
    head = bytearray(484)
    head[:3] = version
    head[3:16] = b"synthetic ASD"
    struct.pack_into("<9h", head, 160, 30, 41, 14, 2, 5, 121, 0, 0, 0)  # 2021-06-02 14:41:30
    head[179] = 7
    head[186] = data_type
    struct.pack_into("<ff", head, 191, start_nm, step_nm)
    head[199] = 0  # float32
    struct.pack_into("<H", head, 204, target.size)
    struct.pack_into("<5d", head, 334, 0.0, 0.0, gps[0], gps[1], gps[2])
    struct.pack_into("<I", head, 390, 136)
    struct.pack_into("<H", head, 400, 18045)
    head[431] = 4  # FieldSpec FR
    out = bytes(head) + np.asarray(target, "<f4").tobytes()
    if reference is not None:
        desc = b"white reference panel"
        out += struct.pack("<h2dH", int(reference_flag), 44348.6, 44348.61, len(desc)) + desc
        out += np.asarray(reference, "<f4").tobytes()
    return out


# --- Spectral Evolution .sed without Version/Instrument lines ------------------------------


def sed_without_version(wvl, ref, tgt, time: str = "14:41:51.47") -> str:
    lines = ["Comment: ", "File Name: C:\\data\\soil_00012.sed", "Detectors: 512,256,256",
             "Measurement: REFLECTANCE", "Date: 06/02/2021,06/02/2021", f"Time: 14:41:40.12,{time}",
             "Integration: 15,10,10,15,10,10", "Foreoptic: LENS4 ,LENS4 ", "Radiometric Calibration: RADIANCE",
             "Units: W/m^2/sr/nm", "Channels: " + str(len(wvl)), "Columns [4]:", "Data:",
             "Wvl\tRad. (Ref.)\tRad. (Target)\tReflect. %"]
    lines += [f"{w:.1f}\t{r:.6E}\t{t:.6E}\t{100 * t / r:.4f}" for w, r, t in zip(wvl, ref, tgt)]
    return "\n".join(lines) + "\n"


# --- ENVI library converted from SPECPR (splib06) -------------------------------------------


def write_specpr_envi(stem: Path, wavelengths_um: np.ndarray, resolution_um: np.ndarray, spectra: np.ndarray,
                      names: Sequence[str]) -> Path:
    """An ENVI library whose first rows are wavelength, resolution and channel-number records."""
    n = wavelengths_um.size
    table = np.vstack([wavelengths_um, resolution_um, np.arange(1, n + 1, dtype=float), spectra])
    all_names = ["Wavelengths AVIRIS 1995 (microns)", "Resolution AVIRIS 1995 (microns)",
                 "Channel numbers AVIRIS 1995", *names]
    sli = stem.with_suffix(".sli")
    sli.write_bytes(table.astype("<f4").tobytes())
    stem.with_suffix(".hdr").write_text(
        "ENVI\ndescription = {splib06 converted from SPECPR}\n"
        f"samples = {n}\nlines   = {table.shape[0]}\nbands   = 1\nheader offset = 0\n"
        "file type = ENVI Spectral Library\ndata type = 4\ninterleave = bsq\nbyte order = 0\n"
        "wavelength units = Micrometers\n"
        "wavelength = {" + ", ".join(f"{w:.6f}" for w in wavelengths_um) + "}\n"
        "spectra names = {" + ", ".join(all_names) + "}\n")
    return sli
