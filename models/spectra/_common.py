"""Small helpers shared by the readers: safe file access, text decoding, numbers, dates, positions.

Every helper raises :class:`SpectrumFileError` (naming the file) for a problem
in the file, so readers can stay short and nothing but that error escapes.
"""
from __future__ import annotations

import datetime as _dt
import functools
import math
import re
import struct
from pathlib import Path
from typing import Iterable, List, Optional, Sequence

from ..errors import InputError
from .spectrum import SpectrumFileError

#: Larger files are refused before reading (no spectrometer file comes near it).
MAX_FILE_BYTES = 512 * 1024 * 1024


def read_bytes(path, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The whole file, or a :class:`SpectrumFileError` saying why not."""
    p = Path(path)
    try:
        if not p.exists():
            raise SpectrumFileError(p, "no such file")
        if p.is_dir():
            raise SpectrumFileError(p, "is a folder, not a file")
        size = p.stat().st_size
        if size == 0:
            raise SpectrumFileError(p, "file is empty")
        if size > max_bytes:
            raise SpectrumFileError(p, f"file is too large for a spectrum file ({size} bytes)")
        with open(p, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise SpectrumFileError(p, f"cannot read the file ({exc.strerror or exc})") from exc


def head(path, n: int = 4096) -> bytes:
    """The first ``n`` bytes for a content sniff; empty if unreadable (never raises)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(n)
    except (OSError, ValueError):
        return b""


def _unicode_bom(data: bytes):
    """Text of UTF-16/UTF-32 data carrying a byte-order mark (Windows "Unicode" exports), else None."""
    for bom, codec in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                       (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            usable = len(data) - (len(data) - len(bom)) % (4 if codec == "utf-32" else 2)
            return data[:usable].decode(codec, errors="replace")
    return None


def head_text(path, n: int = 4096) -> str:
    """The first bytes decoded leniently for sniffing text formats ('' if binary)."""
    data = head(path, n)
    wide = _unicode_bom(data)
    if wide is not None:
        return wide
    if not data or is_binary(data):
        return ""
    return data.decode("latin-1").removeprefix("ï»¿")


def is_binary(data: bytes) -> bool:
    """True when ``data`` holds NUL bytes or many control characters (not a text file)."""
    if b"\x00" in data:
        return True
    sample = data[:8192]
    if not sample:
        return False
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(2, len(sample) // 100)


def decode_text(path, data: bytes) -> str:
    """Text of a text-format file: UTF-8 (with or without BOM), UTF-16/32 with BOM, else Windows-1252."""
    wide = _unicode_bom(data)
    if wide is not None:
        if is_binary(wide.encode("utf-8", errors="replace")):
            raise SpectrumFileError(path, "binary content where a text file was expected")
        return wide
    if is_binary(data):
        raise SpectrumFileError(path, "binary content where a text file was expected")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def read_text(path) -> str:
    return decode_text(path, read_bytes(path))


def ext(path) -> str:
    return Path(path).suffix.lower()


def ends_with_newline(text: str) -> bool:
    return text.endswith("\n") or text.endswith("\r")


# --- numbers -----------------------------------------------------------------

# Records and columns that hold the spread of a spectrum, not a spectrum: USGS/ENVI libraries' "Error bars" rows
# (ENVI reader) and the "StdDev", "refl_std", "± 1σ" columns exported beside a mean (CSV reader)
ERRORBAR_NAME = re.compile(r"^\s*error\s*bars?\b", re.I)
_SPREAD_NAME = re.compile(r"(?<![a-z])(std|stdev|stddev|stderr|uncertainty)(?![a-z])|standard\s+deviation|±|σ", re.I)
_SPREAD_ONLY = re.compile(r"(sd|s\.d\.|sigma|se|err|error|errors|unc)", re.I)
# ... or as the last word after the name of a column beside it: "kaolinite sd" next to "kaolinite", "refl (s.d.)"
# next to "refl" — only then, since "Black Hills, SD" or "Athabasca_unc" name places ("se" is left out: "outcrop SE")
_SPREAD_SUFFIX = re.compile(r"[\s_\-.,](sd|s\.d\.|sigma|err|error|errors|unc)\.?\s*$", re.I)
_MEAN_SUFFIX = re.compile(r"[\s_\-.,]*(mean|avg|average)\s*$", re.I)


def bare_header(header: str) -> str:
    """A column header without its bracketed parts (units, notes): ``"Reflectance (%)"`` → ``"Reflectance"``."""
    return re.sub(r"[(\[].*?[)\]]", "", header or "").strip()


def is_spread_name(header: str) -> bool:
    """Whether a column or record name says on its own that it holds a standard deviation or error."""
    text = header or ""
    return bool(ERRORBAR_NAME.match(text) or _SPREAD_NAME.search(text) or _SPREAD_ONLY.fullmatch(bare_header(text)))


def name_stem(header: str) -> str:
    """A column's name without units, a trailing "mean" and case: what a spread column beside it is named after."""
    return _MEAN_SUFFIX.sub("", bare_header(header)).strip(" _-.,").lower()


def spread_of(header: str) -> Optional[str]:
    """The stem (:func:`name_stem`) of the column that ``"<name> sd"``, ``"<name>_sigma"`` or ``"<name> (sd)"``
    would be the spread of; None when the name does not end with a spread word."""
    text = re.sub(r"[()\[\]]", " ", header or "").rstrip()
    m = _SPREAD_SUFFIX.search(text)
    return name_stem(text[:m.start()]) if m and m.start() > 0 else None


_MISSING_TOKENS = {"", "nan", "na", "n/a", "-", "--", "null", "none", "missing", "-nan"}


def to_float(token: str, decimal_comma: bool = False) -> float:
    """A number from a text token (``ValueError`` if it is not one); missing markers → NaN."""
    t = token.strip()
    if t.lower() in _MISSING_TOKENS:
        return math.nan
    if decimal_comma:
        t = t.replace(",", ".")
    return float(t)


def uses_decimal_comma(rows: Sequence[Sequence[str]], sample: int = 20) -> bool:
    """True when the first rows' numbers use ',' and never '.' as the decimal mark (German locale)."""
    tokens = [t for row in rows[:sample] for t in row]
    return any("," in t for t in tokens) and not any("." in t for t in tokens)


def float_or_none(token, decimal_comma: bool = False) -> Optional[float]:
    try:
        value = to_float(str(token), decimal_comma)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def floats_or_none(tokens: Iterable[str], decimal_comma: bool = False) -> Optional[tuple]:
    values = [float_or_none(t, decimal_comma) for t in tokens]
    if not values or any(v is None for v in values):
        return None
    return tuple(values)


# --- positions ---------------------------------------------------------------

def nmea_to_degrees(text: str) -> Optional[float]:
    """``'5225.9761N'`` / ``'01332.0665E'`` / ``'-4815.0544'`` (DDDMM.mmmm) → decimal degrees."""
    m = re.fullmatch(r"\s*([+-]?)(\d{1,3})(\d\d(?:\.\d*)?)\s*([NSEWnsew]?)\s*", text or "")
    if not m:
        return None
    sign, degrees, minutes, hemi = m.groups()
    if float(minutes) >= 60:
        return None
    value = int(degrees) + float(minutes) / 60.0
    if sign == "-" or hemi.upper() in ("S", "W"):
        value = -value
    return value


def ddmm_number_to_degrees(value: float) -> Optional[float]:
    """A DDDMM.mmmm number (ASD GPS block) → decimal degrees, keeping its sign."""
    if not math.isfinite(value):
        return None
    magnitude = abs(value)
    degrees = int(magnitude // 100)
    minutes = magnitude - 100 * degrees
    if minutes >= 60:
        return None
    out = degrees + minutes / 60.0
    return -out if value < 0 else out


def checked_position(lat: Optional[float], lon: Optional[float]):
    """(lat, lon) if both plausible and not the (0, 0) 'no fix' value, else (None, None)."""
    if lat is None or lon is None or not (math.isfinite(lat) and math.isfinite(lon)):
        return None, None
    if abs(lat) > 90 or abs(lon) > 180 or (lat == 0 and lon == 0):
        return None, None
    return float(lat), float(lon)


# --- dates -------------------------------------------------------------------

def parse_datetime(text: str, formats: Sequence[str]) -> Optional[_dt.datetime]:
    """The first format that parses ``text`` (whitespace-normalised), else None."""
    t = " ".join((text or "").split())
    for fmt in formats:
        try:
            return _dt.datetime.strptime(t, fmt)
        except ValueError:
            continue
    return None


def split_list(text: str, decimal_comma: bool = False) -> List[str]:
    """Header values listing several entries (``'a, b'``); with decimal commas only ``', '`` separates."""
    pattern = r",\s+" if decimal_comma else r"\s*,\s*"
    return [part.strip() for part in re.split(pattern, (text or "").strip())]


# --- the reader contract -------------------------------------------------------

_PARSE_ERRORS = (ValueError, struct.error, IndexError, KeyError, OverflowError, ZeroDivisionError,
                 UnicodeError, MemoryError)


def guarded(format_name: str):
    """Decorate a reader's ``read(path)`` so that only :class:`SpectrumFileError` escapes.

    Readers check what they can and say why; this is the safety net for the
    rest (a corrupt number deep in a struct), reported as "malformed <format>".
    """
    def decorate(read):
        @functools.wraps(read)
        def wrapper(path):
            try:
                return read(path)
            except SpectrumFileError:
                raise
            except InputError as exc:
                raise SpectrumFileError(path, str(exc)) from exc
            except OSError as exc:
                raise SpectrumFileError(path, f"cannot read the file ({exc.strerror or exc})") from exc
            except _PARSE_ERRORS as exc:
                raise SpectrumFileError(path, f"malformed {format_name} file ({type(exc).__name__}: {exc})") from exc
        return wrapper
    return decorate
