"""The self-describing model file (``.hpm``): safetensors + JSON metadata.

One file holds

* the weights (and buffers such as the normalised adjacency) as safetensors
  tensors named ``model.<state-dict key>``; for the SVM baseline its arrays
  ``svm.<name>`` (support vectors, dual coefficients, intercept, gamma, Platt
  a/b, channel index);
* ``graph.edge_index``: the tile graph the model was trained with;
* in the safetensors header, under the key ``hyperprospect``, a JSON document:
  format and software version, architecture name and sizes, the channel list
  with wavelengths, which channels are spectral, the band ranges and geology
  layers used, the normalisation mean/std, tile size, stride, edge rule, class
  names, the training settings, metrics and loss history.

Loading never executes anything from the file: safetensors is a plain header
plus raw little-endian arrays, the header is parsed with ``json``, the network
is built from a fixed list of known architectures, and the tensors must match
its state dict exactly.  Pickle-based PyTorch checkpoints (``torch.save``) are
refused before anything in them is read.
"""
from __future__ import annotations

import datetime as _dt
import json
import math
import os
import struct
from pathlib import Path
from typing import Any, Dict, Optional, Tuple

import numpy as np
import torch

from .. import __version__
from ..atomic import atomic_output
from ..errors import InputError
from .layers import normalized_adjacency
from .networks import ARCH_LABELS, ARCHITECTURES, build_network
from .svm import SVMBaseline

FORMAT = "hyperprospect-model"
FORMAT_VERSION = 1
META_KEY = "hyperprospect"
MODEL_SUFFIX = ".hpm"
_MAX_HEADER = 64 * 1024 * 1024


def _clean(obj):
    """JSON-safe copy (NaN/inf → None, numpy → python)."""
    if isinstance(obj, dict):
        return {str(k): _clean(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_clean(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return _clean(obj.tolist())
    if isinstance(obj, (np.integer,)):
        return int(obj)
    if isinstance(obj, (np.floating, float)):
        v = float(obj)
        return v if math.isfinite(v) else None
    if isinstance(obj, (str, int, bool)) or obj is None:
        return obj
    return str(obj)


def model_metadata(result, extra: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
    """The metadata document of a :class:`~.train.TrainResult`."""
    model = result.model
    meta = {
        "architecture": {"name": result.arch, "label": ARCH_LABELS.get(result.arch, result.arch),
                         "config": model.config()},
        "data": result.data_info,
        "training": result.settings,
        "best_epoch": result.best_epoch,
        "metrics": {"validation": result.metrics, "train": result.train_metrics},
        "history": result.history,
    }
    if result.grid:
        meta["grid_search"] = result.grid
    if extra:
        meta.update(extra)
    return meta


def save_model(path, model, metadata: Optional[Dict[str, Any]] = None, edge_index=None) -> Path:
    """Write ``model`` (a trained network or :class:`~.svm.SVMBaseline`, or a
    :class:`~.train.TrainResult`) with ``metadata`` to ``path`` atomically.

    For a ``TrainResult`` the metadata is built from it (``metadata`` entries
    are added on top).  Otherwise ``metadata`` should at least carry ``data``
    (channels, mean/std, tile size …) — see :func:`model_metadata`.
    """
    from safetensors.torch import save_file

    if hasattr(model, "model") and hasattr(model, "arch") and hasattr(model, "data_info"):
        result = model
        metadata = model_metadata(result, metadata)
        model = result.model
    metadata = dict(metadata or {})
    arch = getattr(model, "arch", None)
    if arch not in ARCHITECTURES:
        raise InputError(f"Cannot save a model of unknown architecture {arch!r}.")
    metadata.setdefault("architecture", {"name": arch, "label": ARCH_LABELS.get(arch, arch), "config": model.config()})
    metadata["architecture"]["name"] = arch
    metadata["architecture"]["config"] = model.config()
    doc = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "software": {"name": "HyperProspect", "version": __version__, "torch": torch.__version__},
        "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        **metadata,
    }
    tensors: Dict[str, torch.Tensor] = {}
    if isinstance(model, SVMBaseline):
        for k, v in model.state_arrays().items():
            tensors[f"svm.{k}"] = torch.from_numpy(np.ascontiguousarray(v))
    else:
        for k, v in model.state_dict().items():
            tensors[f"model.{k}"] = v.detach().cpu().contiguous().clone()
    if edge_index is None:
        edge_index = (doc.get("data") or {}).get("edge_index")
    if edge_index is not None:
        tensors["graph.edge_index"] = torch.as_tensor(np.asarray(edge_index, dtype=np.int64)).contiguous()
    if isinstance(doc.get("data"), dict):
        doc["data"] = {k: v for k, v in doc["data"].items() if k != "edge_index"}
    header = json.dumps(_clean(doc), ensure_ascii=False, allow_nan=False)
    with atomic_output(path) as tmp:
        save_file(tensors, str(tmp), metadata={"format": FORMAT, META_KEY: header})
        os.chmod(tmp, 0o666 & ~_umask())  # the temporary file is private (mkstemp); the model is not
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


def _check_container(path: Path) -> None:
    """Refuse anything that is not a safetensors container, pickles first."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(9)
    except FileNotFoundError:
        raise InputError(f"Model file not found: {path}") from None
    except OSError as exc:
        raise InputError(f"Cannot read the model file {path}: {exc}") from None
    if head[:4] == b"PK\x03\x04" or (head[:1] == b"\x80" and head[1:2] in (b"\x02", b"\x03", b"\x04", b"\x05")):
        raise InputError(
            f"{path.name} is a pickle-based PyTorch checkpoint (torch.save). HyperProspect refuses to load "
            "pickles because loading one can run arbitrary code. Use a HyperProspect model file "
            f"({MODEL_SUFFIX}, safetensors with JSON metadata) written by the Train GCN algorithm.")
    if len(head) < 9:
        raise InputError(f"{path.name} is not a HyperProspect model file (too short).")
    (n,) = struct.unpack("<Q", head[:8])
    if n < 2 or n > _MAX_HEADER or 8 + n > size or head[8:9] != b"{":
        raise InputError(f"{path.name} is not a HyperProspect model file (not a safetensors container).")


def read_metadata(path) -> Dict[str, Any]:
    """The JSON metadata of a model file, without loading the weights."""
    from safetensors import safe_open

    path = Path(path)
    _check_container(path)
    try:
        with safe_open(str(path), framework="pt") as fh:
            raw = fh.metadata() or {}
    except Exception as exc:  # noqa: BLE001 - any parse failure is a bad file
        raise InputError(f"{path.name} is not a readable safetensors file: {exc}") from None
    if raw.get("format") != FORMAT or META_KEY not in raw:
        raise InputError(f"{path.name} is a safetensors file but not a HyperProspect model (no '{META_KEY}' metadata).")
    try:
        doc = json.loads(raw[META_KEY])
    except ValueError as exc:
        raise InputError(f"The metadata of {path.name} is not valid JSON: {exc}") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise InputError(f"The metadata of {path.name} is not a HyperProspect model description.")
    if int(doc.get("format_version", 0)) > FORMAT_VERSION:
        raise InputError(f"{path.name} was written by a newer HyperProspect (model format {doc.get('format_version')}); update the plugin.")
    return doc


def load_model(path) -> Tuple[Any, Dict[str, Any]]:
    """``(model, metadata)`` from a model file; the model is in eval mode.

    ``model`` is a torch module for the networks (use
    :func:`~.networks.predict_proba`) or an :class:`~.svm.SVMBaseline`.
    ``metadata["data"]`` has the channels, mean/std, tile size and edge rule;
    ``metadata["data"]["edge_index"]`` the tile graph as a list of two lists.
    """
    from safetensors import safe_open

    path = Path(path)
    doc = read_metadata(path)
    arch_doc = doc.get("architecture") or {}
    arch = arch_doc.get("name")
    config = arch_doc.get("config") or {}
    if arch not in ARCHITECTURES:
        raise InputError(f"{path.name}: unknown architecture {arch!r}.")
    try:
        config = {k: (int(v) if k in ("in_channels", "hidden", "width", "num_classes", "num_nodes", "tile_size") else v)
                  for k, v in config.items()}
    except (TypeError, ValueError):
        raise InputError(f"{path.name}: malformed architecture sizes.") from None
    with safe_open(str(path), framework="pt") as fh:
        tensors = {k: fh.get_tensor(k) for k in fh.keys()}
    edge = tensors.pop("graph.edge_index", None)
    if edge is not None:
        doc.setdefault("data", {})["edge_index"] = edge.tolist()
    try:
        if arch == "svm":
            arrays = {k[4:]: v.numpy() for k, v in tensors.items() if k.startswith("svm.")}
            model = SVMBaseline.from_arrays(config, arrays)
        else:
            state = {k[6:]: v for k, v in tensors.items() if k.startswith("model.")}
            adj = state.get("adj")
            if arch in ("enhanced", "plain", "node"):
                if adj is None:
                    if edge is None:
                        raise InputError(f"{path.name}: the graph (adjacency or edge_index) is missing.")
                    adj = normalized_adjacency(edge, config["num_nodes"])
            model = build_network(arch, config, adj)
            expected = model.state_dict()
            if set(state) != set(expected):
                missing = sorted(set(expected) - set(state))
                extra = sorted(set(state) - set(expected))
                raise InputError(f"{path.name}: weights do not match the {arch} architecture "
                                 f"(missing {missing[:5]}, unexpected {extra[:5]}).")
            for k, v in state.items():
                if tuple(v.shape) != tuple(expected[k].shape) or v.dtype != expected[k].dtype:
                    raise InputError(f"{path.name}: tensor {k} has shape {tuple(v.shape)} {v.dtype}, "
                                     f"expected {tuple(expected[k].shape)} {expected[k].dtype}.")
            model.load_state_dict(state, strict=True)
            model.eval()
    except InputError:
        raise
    except (KeyError, ValueError, RuntimeError) as exc:
        raise InputError(f"{path.name}: the model cannot be rebuilt: {exc}") from None
    data = doc.get("data") or {}
    n_ch = getattr(model, "in_channels", None)
    for key in ("mean", "std"):
        if data.get(key) is not None and n_ch is not None and len(data[key]) != n_ch:
            raise InputError(f"{path.name}: {key} has {len(data[key])} values for {n_ch} channels.")
    return model, doc
