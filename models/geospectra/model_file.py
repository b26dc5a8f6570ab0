"""The GeoSpectra model file: safetensors weights with a JSON description in the header.

``geospectra.safetensors`` holds the network's state dict (tensors named
``model.<key>``) and, in the safetensors header metadata under ``hyperprospect``,
a JSON document: format and version, architecture and sizes, the class list
(with the library names merged into each class), the wavelength grid, the
instrument list, the preprocessing settings, the training settings and data
provenance, and a summary of the evaluation.

Loading never executes code from the file: the 8-byte header length and the
JSON header are checked first, pickle-based PyTorch checkpoints (``torch.save``
zip or raw pickle) are refused before anything in them is read, the network is
built from a fixed list of architectures, and the tensors must match its state
dict exactly.
"""
from __future__ import annotations

import json
import math
import os
import struct
from pathlib import Path
from typing import Any, Dict, Optional, Tuple

import numpy as np

from .. import __version__
from ..atomic import atomic_output
from ..errors import InputError

FORMAT = "hyperprospect-geospectra"
FORMAT_VERSION = 1
META_KEY = "hyperprospect"
_MAX_HEADER = 16 * 1024 * 1024
_MAX_SIZE = 4096  # no architecture setting (width, classes, statistics) comes near it; bounds memory
RESOURCE_DIR = Path(__file__).resolve().parents[2] / "resources" / "geospectra"
DEFAULT_MODEL = RESOURCE_DIR / "geospectra.safetensors"


def json_clean(obj):
    """JSON-safe copy (NaN/inf → None, numpy → python)."""
    if isinstance(obj, dict):
        return {str(k): json_clean(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [json_clean(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return json_clean(obj.tolist())
    if isinstance(obj, np.integer):
        return int(obj)
    if isinstance(obj, (np.floating, float)):
        v = float(obj)
        return v if math.isfinite(v) else None
    if isinstance(obj, np.bool_):
        return bool(obj)
    if isinstance(obj, (str, int, bool)) or obj is None:
        return obj
    return str(obj)


def read_header(path: Path) -> Dict[str, Any]:
    """The safetensors JSON header of ``path``; refuses anything that is not a safetensors file."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such model file")
    with open(path, "rb") as fh:
        head = fh.read(8)
        if head[:2] == b"PK" or head[:1] == b"\x80":
            raise InputError(
                f"{path}: this is a pickle-based PyTorch checkpoint (torch.save); it is refused because "
                "unpickling can execute code. GeoSpectra models are .safetensors files.")
        if len(head) < 8:
            raise InputError(f"{path}: not a safetensors model file (too short)")
        (n,) = struct.unpack("<Q", head)
        if n <= 1 or n > _MAX_HEADER:
            raise InputError(f"{path}: not a safetensors model file (implausible header length {n})")
        raw = fh.read(n)
    if len(raw) != n or not raw.lstrip().startswith(b"{"):
        raise InputError(f"{path}: not a safetensors model file (no JSON header)")
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: corrupt safetensors header ({exc})") from exc


def read_metadata(path: Path) -> Dict[str, Any]:
    header = read_header(path)
    extra = header.get("__metadata__") if isinstance(header, dict) else None
    meta_text = extra.get(META_KEY) if isinstance(extra, dict) else None
    if not meta_text or not isinstance(meta_text, str):
        raise InputError(f"{path}: a safetensors file without a HyperProspect GeoSpectra description")
    try:
        meta = json.loads(meta_text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: corrupt model description ({exc})") from exc
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        found = meta.get("format") if isinstance(meta, dict) else None
        raise InputError(f"{path}: not a GeoSpectra model (format {found!r})")
    if not isinstance(meta.get("format_version", 0), int):
        raise InputError(f"{path}: corrupt model description (format_version {meta.get('format_version')!r})")
    if int(meta.get("format_version", 0)) > FORMAT_VERSION:
        raise InputError(f"{path}: model format version {meta.get('format_version')} is newer than this "
                         f"HyperProspect understands ({FORMAT_VERSION}); update the plugin")
    return meta


def save_model(path: Path, model, metadata: Dict[str, Any]) -> Path:
    """Write ``model`` and ``metadata`` (class list, grid, …) atomically as one safetensors file."""
    from safetensors.torch import save_file

    tensors = {f"model.{k}": v.detach().cpu().contiguous() for k, v in model.state_dict().items()}
    meta = dict(metadata)
    meta.update({"format": FORMAT, "format_version": FORMAT_VERSION, "software_version": __version__})
    text = json.dumps(json_clean(meta), sort_keys=True, separators=(",", ":"))
    with atomic_output(path) as tmp:
        save_file(tensors, str(tmp), metadata={META_KEY: text})
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)  # the temporary file was private; a shipped model must be readable
    return Path(path)


def load_model(path: Optional[Path] = None) -> Tuple[Any, Dict[str, Any]]:
    """(network in eval mode, metadata) from a GeoSpectra safetensors file."""
    from safetensors.torch import load_file

    from .network import ARCHITECTURES, build_network

    path = Path(path) if path is not None else DEFAULT_MODEL
    meta = read_metadata(path)
    architecture = meta.get("architecture")
    arch = architecture.get("name") if isinstance(architecture, dict) else None
    if not isinstance(arch, str) or arch not in ARCHITECTURES:
        raise InputError(f"{path}: unknown architecture {arch!r}")
    config = architecture.get("config", {})
    if not isinstance(config, dict) or not all(isinstance(v, int) and 0 <= v <= _MAX_SIZE for v in config.values()):
        raise InputError(f"{path}: architecture settings {str(config)[:80]} are not sizes between 0 and {_MAX_SIZE}")
    try:
        model = build_network(arch, **config)
    except (TypeError, ValueError, RuntimeError, ZeroDivisionError) as exc:
        raise InputError(f"{path}: architecture settings do not fit {arch} ({exc})") from exc
    try:
        tensors = load_file(str(path))
    except Exception as exc:  # noqa: BLE001 - safetensors' own error type: a corrupt container
        raise InputError(f"{path}: corrupt safetensors model file ({exc})") from None
    state = {k[len("model."):]: v for k, v in tensors.items() if k.startswith("model.")}
    expected = model.state_dict()
    missing = sorted(set(expected) - set(state))
    extra = sorted(set(state) - set(expected))
    if missing or extra:
        raise InputError(f"{path}: weights do not match the {arch} network "
                         f"(missing {missing[:3]}, unexpected {extra[:3]})")
    for k, v in state.items():
        if tuple(v.shape) != tuple(expected[k].shape):
            raise InputError(f"{path}: tensor {k} has shape {tuple(v.shape)}, expected {tuple(expected[k].shape)}")
    model.load_state_dict(state, strict=True)
    model.eval()
    classes = meta.get("classes", [])
    if not isinstance(classes, list) or len(classes) != config.get("n_classes"):
        raise InputError(f"{path}: class list does not match the network's output size")
    return model, meta
