"""Band centre wavelengths of a raster, in nanometres.

Where they come from, in order (the first that is present wins, unless the
caller asks the preset or list to override the file):

1. the file itself:
   a. the ENVI header (``wavelength``, ``wavelength units``, ``fwhm``), as GDAL's
      ENVI driver exposes it in the ``ENVI`` metadata domain;
   b. per-band GDAL metadata ``wavelength`` / ``wavelength_units`` / ``fwhm``
      (what the ENVI driver also sets, and what :func:`.band_subset.subset_raster`
      writes);
   c. per-band ``CENTRAL_WAVELENGTH_UM`` / ``FWHM_UM`` in the ``IMAGERY`` domain
      (the GDAL ≥ 3.10 convention, also written by us);
   d. dataset-level ENVI-style ``wavelength = {...}`` metadata;
   e. an ENVI ``.hdr`` beside a non-ENVI file (ENVI writes ``scene.hdr`` next to
      ``scene.tif``);
2. a sensor preset: a CSV table in ``resources/sensors/`` (``band,center_nm,fwhm_nm``);
3. a user list of centres (numbers, a text of numbers, or a CSV table path).

Nanometres and micrometres are both understood: from the unit string when
there is one, otherwise from the magnitude (optical sensors span ~0.35–2.5 µm,
i.e. 350–2500 nm, so a median below 100 can only be micrometres).
"""
from __future__ import annotations

import csv
import io
import math
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, List, Optional, Sequence, Tuple, Union

import numpy as np
from osgeo import gdal

from ..errors import InputError
from .gdalio import open_raster, resolve_raster_path

gdal.UseExceptions()

RESOURCES_DIR = Path(__file__).resolve().parents[2] / "resources"
SENSORS_DIR = RESOURCES_DIR / "sensors"

_NM_UNITS = {"nm", "nanometer", "nanometers", "nanometre", "nanometres"}
_UM_UNITS = {"um", "µm", "μm", "micron", "microns", "micrometer", "micrometers", "micrometre", "micrometres"}
_GUESS_UNITS = {"", "unknown", "none"}
# ENVI writes "Index" when the "wavelengths" are only band numbers: not wavelengths at all.
_NOT_WAVELENGTH_UNITS = {"index"}
_UNSUPPORTED_UNITS = {"wavenumber", "ghz", "mhz", "cm-1", "1/cm"}

UserWavelengths = Union[Sequence[float], str, os.PathLike, None]


@dataclass(frozen=True)
class Wavelengths:
    """Centre wavelengths (and FWHM when known) of a raster's bands, in nm."""

    centers_nm: Tuple[float, ...]
    fwhm_nm: Optional[Tuple[float, ...]] = None
    source: str = ""

    def __post_init__(self):
        if self.fwhm_nm is not None and len(self.fwhm_nm) != len(self.centers_nm):
            raise InputError(
                f"{self.source or 'Wavelength table'}: {len(self.centers_nm)} centre wavelengths "
                f"but {len(self.fwhm_nm)} FWHM values."
            )

    def __len__(self) -> int:
        return len(self.centers_nm)

    @property
    def span_nm(self) -> Tuple[float, float]:
        return (min(self.centers_nm), max(self.centers_nm))


# ----------------------------------------------------------------------------- parsing


def parse_number_list(text: str) -> List[float]:
    """Numbers from an ENVI list ``{ 400.1 , 410.2 }`` or free text ``400, 410; 420``."""
    body = text.strip()
    if body.startswith("{") and body.endswith("}"):
        body = body[1:-1]
    tokens = [t for t in re.split(r"[\s,;]+", body) if t]
    values = []
    for token in tokens:
        try:
            values.append(float(token))
        except ValueError as exc:
            raise InputError(f"'{token}' in the wavelength list is not a number.") from exc
    return values


def _unit_kind(units: Optional[str]) -> str:
    """'nm', 'um', 'guess', 'index' or 'unsupported' for a unit string."""
    u = (units or "").strip().lower()
    if u in _NM_UNITS:
        return "nm"
    if u in _UM_UNITS:
        return "um"
    if u in _GUESS_UNITS:
        return "guess"
    if u in _NOT_WAVELENGTH_UNITS:
        return "index"
    if u in _UNSUPPORTED_UNITS:
        return "unsupported"
    return "guess"


def to_nanometres(values: Iterable[float], units: Optional[str] = None) -> np.ndarray:
    """``values`` converted to nanometres, reading ``units`` or, without one, the magnitude.

    Raises :class:`InputError` for values that are not positive finite numbers and
    for units that are not wavelengths (wavenumbers, frequencies).
    """
    arr = np.asarray(list(values), dtype=float)
    if arr.size == 0:
        raise InputError("The wavelength list is empty.")
    if not np.all(np.isfinite(arr)) or np.any(arr <= 0):
        raise InputError("Wavelengths must be positive numbers; the list holds zero, negative or missing values.")
    kind = _unit_kind(units)
    if kind == "unsupported" or kind == "index":
        raise InputError(
            f"Wavelength units '{units}' are not a wavelength; give centres in nanometres or micrometres."
        )
    if kind == "guess":
        # Optical imaging spectrometers cover ~350-2500 nm (0.35-2.5 µm) and thermal
        # ones up to ~14 µm, so a median below 100 can only be micrometres.
        kind = "um" if float(np.median(arr)) < 100.0 else "nm"
    return arr * 1000.0 if kind == "um" else arr


def _as_tuple(arr: Optional[np.ndarray]) -> Optional[Tuple[float, ...]]:
    return None if arr is None else tuple(float(v) for v in arr)


# ----------------------------------------------------------------------------- tables


def list_presets() -> List[str]:
    """Names of the shipped sensor presets (the CSV file stems in ``resources/sensors``)."""
    if not SENSORS_DIR.is_dir():
        return []
    return sorted(p.stem for p in SENSORS_DIR.glob("*.csv"))


def preset_title(name: str) -> str:
    """A preset's name for people: the first comment line of its table up to the colon
    ("ZY-1 02D (Ziyuan-1 02D) AHSI hyperspectral imager"), else its file name."""
    for line in _preset_path(name).read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            return line.lstrip("# ").split(":", 1)[0].strip() or name
        break
    return name


def _preset_path(name_or_path: Union[str, os.PathLike]) -> Path:
    p = Path(name_or_path)
    if p.suffix.lower() in (".csv", ".txt") and p.is_file():
        return p
    key = str(name_or_path).strip().lower()
    for stem in list_presets():
        # Accept "zy1_02d_ahsi", "ZY1-02D AHSI" and the like.
        if re.sub(r"[^a-z0-9]", "", stem.lower()) == re.sub(r"[^a-z0-9]", "", key):
            return SENSORS_DIR / f"{stem}.csv"
    raise InputError(
        f"Unknown sensor preset '{name_or_path}'. Available presets: "
        + (", ".join(list_presets()) or "none")
        + "; or give the path of a CSV band table."
    )


def _parse_table(text: str, label: str) -> Wavelengths:
    """Centres/FWHM from a CSV band table.

    With a header, columns are found by name (``center_nm``/``wavelength``/…,
    ``fwhm_nm``/``fwhm``; an ``_um`` suffix means micrometres).  Without one:
    1 column = centre, 2 = centre and FWHM, 3 or more = band, centre, FWHM.
    """
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines:
        raise InputError(f"{label} holds no band rows.")
    rows = list(csv.reader(io.StringIO("\n".join(lines)), skipinitialspace=True))
    rows = [[c.strip() for c in r if c.strip() != ""] for r in rows]
    rows = [r for r in rows if r]

    def numeric(row):
        try:
            [float(c) for c in row]
            return True
        except ValueError:
            return False

    units = None
    if not numeric(rows[0]):
        header = [h.lower() for h in rows[0]]
        rows = rows[1:]
        centre_col = next(
            (i for i, h in enumerate(header) if h.startswith(("center", "centre", "wavelength", "wl", "lambda"))),
            None,
        )
        if centre_col is None:
            raise InputError(f"{label}: no wavelength column (expected a header such as 'center_nm' or 'wavelength').")
        fwhm_col = next((i for i, h in enumerate(header) if h.startswith(("fwhm", "bandwidth", "width"))), None)
        centre_name = header[centre_col]
        units = "um" if centre_name.endswith(("_um", "(um)", "_micron", "(µm)")) else (
            "nm" if centre_name.endswith(("_nm", "(nm)")) else None
        )
    else:
        width = len(rows[0])
        centre_col, fwhm_col = {1: (0, None), 2: (0, 1)}.get(width, (1, 2))
    if not rows:
        raise InputError(f"{label} holds no band rows.")
    try:
        centres = [float(r[centre_col]) for r in rows]
        fwhm = [float(r[fwhm_col]) for r in rows] if fwhm_col is not None else None
    except (ValueError, IndexError) as exc:
        raise InputError(f"{label}: a row is incomplete or not numeric ({exc}).") from exc
    centres_nm = to_nanometres(centres, units)
    # FWHM is in the same unit as the centres; scale it by the same factor.
    factor = centres_nm[0] / centres[0]
    fwhm_nm = None if fwhm is None else np.asarray(fwhm, dtype=float) * factor
    return Wavelengths(_as_tuple(centres_nm), _as_tuple(fwhm_nm), label)


def load_band_table(name_or_path: Union[str, os.PathLike]) -> Wavelengths:
    """A sensor preset by name (``"zy1_02d_ahsi"``) or a CSV band table by path."""
    path = _preset_path(name_or_path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(f"Cannot read band table '{path}': {exc}") from exc
    is_preset = path.parent.resolve() == SENSORS_DIR.resolve()
    label = f"sensor preset '{path.stem}'" if is_preset else f"band table '{path.name}'"
    return _parse_table(text, label)


def user_wavelengths(values: UserWavelengths, fwhm: UserWavelengths = None, units: Optional[str] = None) -> Wavelengths:
    """A user's wavelength list: numbers, a text of numbers, or a path to a CSV table."""
    if isinstance(values, os.PathLike) or (
            isinstance(values, str) and Path(values).suffix.lower() in (".csv", ".txt") and Path(values).is_file()):
        return load_band_table(values)
    centres = parse_number_list(values) if isinstance(values, str) else [float(v) for v in values]
    centres_nm = to_nanometres(centres, units)
    factor = centres_nm[0] / centres[0]
    fwhm_nm = None
    if fwhm is not None and (not isinstance(fwhm, str) or fwhm.strip()):
        widths = parse_number_list(fwhm) if isinstance(fwhm, str) else [float(v) for v in fwhm]
        fwhm_nm = _as_tuple(np.asarray(widths, dtype=float) * factor)
    return Wavelengths(_as_tuple(centres_nm), fwhm_nm, "user wavelength list")


# ----------------------------------------------------------------------------- file metadata


def parse_envi_header(path: Union[str, os.PathLike]) -> dict:
    """Key/value pairs of an ENVI ``.hdr`` (keys lower-case, ``{...}`` values kept whole)."""
    text = Path(path).read_text(encoding="latin-1")
    pattern = re.compile(r"^\s*([A-Za-z][^=\n]*?)\s*=\s*(\{.*?\}|[^\n]*)", re.MULTILINE | re.DOTALL)
    return {m.group(1).strip().lower(): m.group(2).strip() for m in pattern.finditer(text)}


def _sidecar_header(raster_path: Path) -> Optional[Path]:
    for candidate in (raster_path.with_suffix(".hdr"), Path(str(raster_path) + ".hdr")):
        if candidate.is_file() and candidate != raster_path:
            return candidate
    return None


def _from_list_metadata(md: dict, label: str) -> Optional[Wavelengths]:
    """Wavelengths from ENVI-style keys ``wavelength``/``wavelength_units``/``fwhm``."""
    md = {k.lower().replace(" ", "_"): v for k, v in md.items()}
    text = md.get("wavelength")
    if not text:
        return None
    units = md.get("wavelength_units")
    if _unit_kind(units) == "index":
        return None
    centres = parse_number_list(text)
    if not centres:
        return None
    centres_nm = to_nanometres(centres, units)
    fwhm_nm = None
    if md.get("fwhm"):
        widths = parse_number_list(md["fwhm"])
        if len(widths) == len(centres):
            fwhm_nm = np.asarray(widths, dtype=float) * (centres_nm[0] / centres[0])
    return Wavelengths(_as_tuple(centres_nm), _as_tuple(fwhm_nm), label)


def _from_band_metadata(ds: gdal.Dataset) -> Optional[Wavelengths]:
    """Per-band ``wavelength`` (+ units, fwhm) in the default domain; all bands or nothing."""
    centres, widths, units = [], [], None
    for i in range(1, ds.RasterCount + 1):
        md = {k.lower(): v for k, v in (ds.GetRasterBand(i).GetMetadata() or {}).items()}
        if "wavelength" not in md:
            return None
        try:
            centres.append(float(md["wavelength"]))
        except ValueError:
            return None
        units = units or md.get("wavelength_units")
        try:
            widths.append(float(md["fwhm"]) if "fwhm" in md else math.nan)
        except ValueError:
            widths.append(math.nan)
    if _unit_kind(units) == "index":
        return None
    centres_nm = to_nanometres(centres, units)
    factor = centres_nm[0] / centres[0]
    w = np.asarray(widths) * factor
    return Wavelengths(_as_tuple(centres_nm), None if np.isnan(w).any() else _as_tuple(w), "GDAL band metadata")


def _from_imagery_metadata(ds: gdal.Dataset) -> Optional[Wavelengths]:
    """Per-band ``CENTRAL_WAVELENGTH_UM`` / ``FWHM_UM`` in the ``IMAGERY`` domain."""
    centres, widths = [], []
    for i in range(1, ds.RasterCount + 1):
        md = ds.GetRasterBand(i).GetMetadata("IMAGERY") or {}
        try:
            centres.append(float(md["CENTRAL_WAVELENGTH_UM"]) * 1000.0)
        except (KeyError, ValueError):
            return None
        try:
            widths.append(float(md["FWHM_UM"]) * 1000.0)
        except (KeyError, ValueError):
            widths.append(math.nan)
    w = np.asarray(widths)
    return Wavelengths(
        _as_tuple(to_nanometres(centres, "nm")),
        None if np.isnan(w).any() else _as_tuple(w),
        "GDAL IMAGERY metadata",
    )


def wavelengths_from_dataset(ds: gdal.Dataset, path: Optional[Union[str, os.PathLike]] = None) -> Optional[Wavelengths]:
    """The wavelengths a raster carries itself, or ``None`` when it carries none.

    Raises :class:`InputError` when the file's list does not have one value per band
    (a corrupt or mismatched header is better reported than silently ignored).
    """
    label_path = f" of '{Path(path).name}'" if path else ""
    found: Optional[Wavelengths] = None
    domains = ds.GetMetadataDomainList() or []
    if "ENVI" in domains:
        envi = ds.GetMetadata("ENVI") or {}
        if _unit_kind(envi.get("wavelength_units")) == "index":
            # Band numbers, not wavelengths; GDAL copies them into band metadata without
            # the unit, so stop here rather than mistake band 2 for 2 µm.
            return None
        found = _from_list_metadata(envi, f"ENVI header{label_path}")
    if found is None:
        found = _from_band_metadata(ds)
    if found is None:
        found = _from_imagery_metadata(ds)
    if found is None:
        found = _from_list_metadata(ds.GetMetadata() or {}, f"dataset metadata{label_path}")
    if found is None and path is not None and ds.GetDriver().ShortName != "ENVI":
        header = _sidecar_header(Path(path))
        if header is not None:
            found = _from_list_metadata(parse_envi_header(header), f"ENVI header '{header.name}'")
    if found is not None and len(found) != ds.RasterCount:
        raise InputError(
            f"The {found.source} lists {len(found)} wavelengths but the raster has "
            f"{ds.RasterCount} bands; fix the header or choose a preset/list and override the file."
        )
    return found


def read_wavelengths(
    path: Union[str, os.PathLike],
    preset: Optional[str] = None,
    wavelengths: UserWavelengths = None,
    fwhm: UserWavelengths = None,
    wavelength_units: Optional[str] = None,
    override_file: bool = False,
) -> Wavelengths:
    """Band centres (nm) of the raster at ``path``: from the file, else ``preset``, else ``wavelengths``.

    With ``override_file=True`` a given preset or list is used even when the file
    has its own wavelengths (for files whose header is known to be wrong).
    Raises :class:`InputError` when nothing gives wavelengths or when a preset or
    list does not have one value per band.
    """
    p = resolve_raster_path(path)
    ds = open_raster(p)
    try:
        band_count = ds.RasterCount
        has_user = wavelengths is not None and not (isinstance(wavelengths, str) and not wavelengths.strip())
        given_preset = bool(preset and str(preset).strip())
        from_file = None if (override_file and (given_preset or has_user)) else wavelengths_from_dataset(ds, p)
    finally:
        ds = None
    if from_file is not None:
        return from_file
    if given_preset:
        table = load_band_table(preset)
    elif has_user:
        table = user_wavelengths(wavelengths, fwhm, wavelength_units)
    else:
        raise InputError(
            f"'{p.name}' carries no band wavelengths (no ENVI header 'wavelength', no GDAL band "
            "metadata) and no sensor preset or wavelength list was given. Choose a sensor preset "
            f"(available: {', '.join(list_presets()) or 'none'}) or enter the band centre wavelengths."
        )
    if len(table) != band_count:
        raise InputError(
            f"The {table.source} describes {len(table)} bands but '{p.name}' has {band_count} bands; "
            "choose the preset of the sensor that recorded this image, or a list with one wavelength per band."
        )
    return table
