"""The one file container of HyperProspect: safetensors arrays + one JSON document.

The model file (``.hpm``), the graph data set (``.hpg``/``.safetensors``) and the
GeoSpectra weights are all the same container: raw little-endian arrays in a
safetensors file whose header metadata holds, under the key ``hyperprospect``,
one JSON document with ``format`` and ``format_version``.

Reading never executes anything from the file: the first bytes are sniffed and
pickles (``torch.save`` zips and raw pickles) are refused before anything else is
read, the header length is bounded, the header is parsed with ``json``, and the
callers check every array's dtype and shape against what they expect
(:func:`check_arrays`).  Every message names the file.
"""
from __future__ import annotations

import json
import math
import os
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, Mapping, Optional, Tuple

import numpy as np

from .atomic import atomic_output
from .errors import InputError, MissingDependencyError

META_KEY = "hyperprospect"
MAX_HEADER_BYTES = 64 * 1024 * 1024
_REQUIRED = object()


@dataclass(frozen=True)
class Kind:
    """What one container holds: the ``format`` it carries and how messages name it."""

    format: str  # the "format" value of the JSON document
    version: int  # the newest format version this software reads
    label: str  # how messages name the file type ("HyperProspect model file")
    advice: str  # what the user should give instead of a pickle


def json_clean(obj):
    """A JSON-safe copy: NaN/±inf → None, numpy scalars/arrays/bools → Python, tuples → lists."""
    if isinstance(obj, Mapping):
        return {str(k): json_clean(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [json_clean(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return json_clean(obj.tolist())
    if isinstance(obj, (bool, np.bool_)):
        return bool(obj)
    if isinstance(obj, np.integer):
        return int(obj)
    if isinstance(obj, (float, np.floating)):
        v = float(obj)
        return v if math.isfinite(v) else None
    if isinstance(obj, (str, int)) or obj is None:
        return obj
    return str(obj)


def dumps(doc: Mapping[str, Any]) -> str:
    """The JSON text of a document, cleaned first (strict JSON: no NaN)."""
    return json.dumps(json_clean(doc), sort_keys=True, ensure_ascii=False, allow_nan=False)


# ---------------------------------------------------------------------------- documents
class Document(dict):
    """A container's JSON document with typed getters.

    It is a plain ``dict`` (indexing still works), and :meth:`get_field` reads a
    nested field, converts it, and names the file when it is missing or malformed
    (Deepness' ``model_base.py`` getters are the model).
    """

    def __init__(self, doc: Mapping[str, Any], path, kind: Kind):
        super().__init__(doc)
        self.path = Path(path)
        self.kind = kind

    def get_field(self, *keys: str, cast: Optional[Callable[[Any], Any]] = None, default: Any = _REQUIRED):
        value: Any = self
        for key in keys:
            value = value.get(key) if isinstance(value, Mapping) else None
        name = ".".join(keys)
        if value is None:
            if default is _REQUIRED:
                raise InputError(f"{self.path}: the {self.kind.label} has no '{name}'.")
            return default
        try:
            return cast(value) if cast else value
        except (TypeError, ValueError):
            raise InputError(f"{self.path}: '{name}' in the {self.kind.label} is malformed ({value!r:.80}).") from None

    def architecture_name(self, known) -> str:
        """``architecture.name``, which must be one of ``known`` (looked up in a fixed list, never imported)."""
        arch = self.get_field("architecture", "name", cast=str)
        if arch not in known:
            raise InputError(f"{self.path}: unknown architecture {arch!r}.")
        return arch


def parse_document(text: Optional[str], path, kind: Kind, cls=Document) -> Document:
    """The JSON document ``text`` of ``path`` checked against ``kind`` (format and version)."""
    path = Path(path)
    if not text:
        raise InputError(f"{path} is not a {kind.label} (it has no '{META_KEY}' description).")
    try:
        doc = json.loads(text)
    except ValueError as exc:
        raise InputError(f"The description in {path} is not valid JSON ({exc}).") from None
    if not isinstance(doc, dict) or doc.get("format") != kind.format:
        found = doc.get("format") if isinstance(doc, dict) else None
        raise InputError(f"{path} is not a {kind.label} (its description has format {found!r}).")
    try:
        version = int(doc.get("format_version", 0))
    except (TypeError, ValueError):
        raise InputError(f"{path}: the {kind.label} has a malformed format version.") from None
    if version > kind.version:
        raise InputError(f"{path} was written by a newer HyperProspect ({kind.label} format {version}, "
                         f"this version reads up to {kind.version}); update the plugin.")
    return cls(doc, path, kind)


# ---------------------------------------------------------------------------- reading
def sniff(path, kind: Kind) -> int:
    """Refuse anything that is not a safetensors container, pickles first; return the header length."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(9)
    except FileNotFoundError:
        raise InputError(f"{kind.label[0].upper()}{kind.label[1:]} not found: {path} (no such file).") from None
    except OSError as exc:
        raise InputError(f"Cannot read {path}: {exc}") from None
    if head[:4] == b"PK\x03\x04" or (head[:1] == b"\x80" and head[1:2] in (b"\x02", b"\x03", b"\x04", b"\x05")):
        raise InputError(
            f"{path} is a pickle-based PyTorch checkpoint (torch.save). HyperProspect refuses to load "
            f"pickles because loading one can run arbitrary code. {kind.advice}")
    if len(head) < 9:
        raise InputError(f"{path} is not a {kind.label} (too short).")
    (n,) = struct.unpack("<Q", head[:8])
    if n < 2 or n > MAX_HEADER_BYTES or 8 + n > size or head[8:9] != b"{":
        raise InputError(f"{path} is not a {kind.label} (not a safetensors container).")
    return n


def _header(path: Path, kind: Kind) -> Dict[str, Any]:
    n = sniff(path, kind)
    with open(path, "rb") as fh:
        fh.seek(8)
        raw = fh.read(n)
    try:
        header = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise InputError(f"{path} is not a {kind.label} (corrupt safetensors header: {exc}).") from None
    if not isinstance(header, dict):
        raise InputError(f"{path} is not a {kind.label} (corrupt safetensors header).")
    return header


def read_document(path, kind: Kind, cls=Document) -> Document:
    """The JSON document of a container, without reading its arrays."""
    path = Path(path)
    meta = _header(path, kind).get("__metadata__")
    return parse_document(meta.get(META_KEY) if isinstance(meta, dict) else None, path, kind, cls)


def read(path, kind: Kind, framework: str = "numpy", cls=Document) -> Tuple[Document, Dict[str, Any]]:
    """``(document, arrays)`` of a container; ``framework`` is ``"numpy"`` or ``"pt"`` (torch tensors)."""
    path = Path(path)
    doc = read_document(path, kind, cls)
    try:
        from safetensors import safe_open
    except ImportError as exc:  # pragma: no cover - safetensors is a runtime requirement
        raise MissingDependencyError(["safetensors"], f"reading {path.name}") from exc
    try:
        with safe_open(str(path), framework=framework) as fh:
            arrays = {name: fh.get_tensor(name) for name in fh.keys()}
    except Exception as exc:  # noqa: BLE001 - any failure of the safetensors parser is a bad file
        raise InputError(f"{path} is not a {kind.label} (unreadable safetensors data: {exc}).") from None
    return doc, arrays


def check_arrays(path, arrays: Mapping[str, Any], expected: Mapping[str, Tuple[Optional[tuple], Any]],
                 what: str, exact: bool = True) -> None:
    """Refuse arrays whose names, shapes or dtypes differ from ``expected``.

    ``expected`` maps a name to ``(shape, dtype)``; a shape of None accepts any
    shape.  With ``exact`` the file may hold no other arrays.
    """
    missing = sorted(set(expected) - set(arrays))
    extra = sorted(set(arrays) - set(expected)) if exact else []
    if missing or extra:
        raise InputError(f"{path}: the arrays do not match the {what} "
                         f"(missing {missing[:5]}, unexpected {extra[:5]}).")
    for name, (shape, dtype) in expected.items():
        v = arrays[name]
        if (shape is not None and tuple(v.shape) != tuple(shape)) or str(v.dtype) != str(dtype):
            want = "any shape" if shape is None else tuple(shape)
            raise InputError(f"{path}: tensor {name} has shape {tuple(v.shape)} {v.dtype}, "
                             f"expected {want} {dtype}.")


# ---------------------------------------------------------------------------- writing
def write(path, arrays: Mapping[str, Any], doc: Mapping[str, Any], kind: Kind, framework: str = "numpy") -> Path:
    """Write ``arrays`` and ``doc`` (stamped with the format and version) to ``path`` atomically."""
    doc = {**doc, "format": kind.format, "format_version": kind.version}
    text = dumps(doc)
    try:
        if framework == "pt":
            from safetensors.torch import save_file
        else:
            from safetensors.numpy import save_file
    except ImportError as exc:  # pragma: no cover - safetensors is a runtime requirement
        raise MissingDependencyError(["safetensors"], f"writing {Path(path).name}") from exc
    with atomic_output(path) as tmp:
        # one metadata key only: safetensors writes its metadata map in no fixed order, and the same
        # inputs must give the same bytes
        save_file(dict(arrays), str(tmp), metadata={META_KEY: text})
        os.chmod(tmp, 0o666 & ~_umask())  # save_file may re-create the file: keep ordinary permissions
    return Path(path)


def _umask() -> int:
    """The process umask (read without changing it where the OS allows)."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
