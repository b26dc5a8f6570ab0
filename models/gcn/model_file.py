"""The self-describing model file (``.hpm``): safetensors + JSON metadata.

One file holds

* the weights (and buffers such as the normalised adjacency) as safetensors
  tensors named ``model.<state-dict key>``; for the SVM baseline its arrays
  ``svm.<name>`` (support vectors, dual coefficients, intercept, gamma, Platt
  a/b, channel index), for gradient boosting its trees ``gbt.<name>``; a blend
  (:mod:`.blend`) holds its node GCN's ``model.*``, its trees' ``gbt.*`` and
  ``blend.quantiles``;
* ``graph.edge_index``: the tile graph the model was trained with;
* in the safetensors header, under the key ``hyperprospect``, a JSON document:
  format and software version, architecture name and sizes, the channel list
  with wavelengths, which channels are spectral, the band ranges and geology
  layers used, the normalisation mean/std, tile size, stride, edge rule, class
  names, the training settings, metrics and loss history.

The container (pickle sniff, header checks, JSON cleaning) is
:mod:`models.container`, shared with the graph data set and GeoSpectra.
Loading never executes anything from the file: safetensors is a plain header
plus raw little-endian arrays, the header is parsed with ``json``, the network
is built from a fixed list of known architectures, and the tensors must match
its state dict exactly.  Pickle-based PyTorch checkpoints (``torch.save``) are
refused before anything in them is read.
"""
from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import numpy as np
import torch

from .. import __version__
from .. import container
from ..errors import InputError
from .layers import normalized_adjacency
from .networks import ARCH_LABELS, ARCHITECTURES, build_network
from .blend import RankBlend
from .boosting import PixelBoosting
from .svm import SVMBaseline

FORMAT = "hyperprospect-model"
FORMAT_VERSION = 1
META_KEY = container.META_KEY
MODEL_SUFFIX = ".hpm"
KIND = container.Kind(
    FORMAT, FORMAT_VERSION, "HyperProspect model file",
    f"Use a HyperProspect model file ({MODEL_SUFFIX}, safetensors with JSON metadata) written by the Train GCN "
    "algorithm.")
_INT_SIZES = ("in_channels", "hidden", "width", "num_classes", "num_nodes", "tile_size")


class ModelDescription(container.Document):
    """The JSON document of a model file, with typed getters for what prediction needs."""

    def architecture(self) -> str:
        return self.architecture_name(ARCHITECTURES)

    def architecture_config(self) -> Dict[str, Any]:
        config = self.get_field("architecture", "config", default={})
        return container.network_sizes(self.path, config, _INT_SIZES, "architecture sizes")

    def tile_size(self) -> int:
        return self.get_field("data", "tile_size", cast=int)

    def channel_names(self) -> List[str]:
        return self.get_field("data", "channel_names", cast=lambda v: [str(c) for c in v])

    def wavelengths_nm(self) -> List[Optional[float]]:
        return self.get_field("data", "wavelengths_nm", cast=lambda v: [None if w is None else float(w) for w in v])

    def channel_records(self) -> Optional[List[Dict[str, Any]]]:
        """The structured channel record (kind, wavelength, source, distance method), or None for
        model files written before it (prediction then reads the channel names)."""
        records = self.get_field("data", "channels", default=None,
                                 cast=lambda v: [dict(r) for r in v] if isinstance(v, list) else None)
        if records is not None and len(records) != len(self.channel_names()):
            raise InputError(f"{self.path}: the channel record lists {len(records)} channels for "
                             f"{len(self.channel_names())} channel names.")
        return records

    def mean(self) -> np.ndarray:
        return self.get_field("data", "mean", cast=lambda v: np.asarray(v, np.float32).reshape(-1))

    def std(self) -> np.ndarray:
        return self.get_field("data", "std", cast=lambda v: np.asarray(v, np.float32).reshape(-1))

    def class_names(self) -> List[str]:
        return self.get_field("data", "class_names", cast=lambda v: [str(c) for c in v],
                              default=["barren", "mineralised"])


def model_metadata(result, extra: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
    """The metadata document of a :class:`~.train.TrainResult`."""
    model = result.saved_model
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
    if hasattr(model, "model") and hasattr(model, "arch") and hasattr(model, "data_info"):
        result = model
        metadata = model_metadata(result, metadata)
        model = result.saved_model
    metadata = dict(metadata or {})
    arch = getattr(model, "arch", None)
    if arch not in ARCHITECTURES:
        raise InputError(f"Cannot save a model of unknown architecture {arch!r}.")
    metadata.setdefault("architecture", {"name": arch, "label": ARCH_LABELS.get(arch, arch)})
    metadata["architecture"]["name"] = arch
    metadata["architecture"]["config"] = model.config()
    doc = {
        "software": {"name": "HyperProspect", "version": __version__, "torch": torch.__version__},
        "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        **metadata,
    }
    tensors = _state_tensors(model, arch)
    if edge_index is None:
        edge_index = (doc.get("data") or {}).get("edge_index")
    if edge_index is not None:
        tensors["graph.edge_index"] = torch.as_tensor(np.asarray(edge_index, dtype=np.int64)).contiguous()
    if isinstance(doc.get("data"), dict):
        doc["data"] = {k: v for k, v in doc["data"].items() if k != "edge_index"}
    return container.write(path, tensors, doc, KIND, framework="pt")


def _state_tensors(model, arch: str) -> Dict[str, torch.Tensor]:
    """Named arrays of a model: ``model.*`` a network's weights, ``svm.*``/``gbt.*`` arrays, and for a blend
    both of its members' and ``blend.quantiles``."""
    if isinstance(model, RankBlend):
        return {**_state_tensors(model.node, "node"), **_state_tensors(model.gbt, "gbt"),
                **{f"blend.{k}": torch.from_numpy(np.ascontiguousarray(v)) for k, v in model.state_arrays().items()}}
    if isinstance(model, (SVMBaseline, PixelBoosting)):
        return {f"{arch}.{k}": torch.from_numpy(np.ascontiguousarray(v)) for k, v in model.state_arrays().items()}
    return {f"model.{k}": v.detach().cpu().contiguous().clone() for k, v in model.state_dict().items()}


def read_metadata(path) -> ModelDescription:
    """The JSON metadata of a model file, without loading the weights."""
    return container.read_document(path, KIND, ModelDescription)


def load_model(path) -> Tuple[Any, ModelDescription]:
    """``(model, metadata)`` from a model file; the model is in eval mode.

    ``model`` is a torch module for the networks (use
    :func:`~.networks.predict_proba`) or an :class:`~.svm.SVMBaseline`.
    ``metadata`` is a :class:`ModelDescription` (a dict with typed getters);
    ``metadata["data"]`` has the channels, mean/std, tile size and edge rule,
    ``metadata["data"]["edge_index"]`` the tile graph as a list of two lists.
    """
    path = Path(path)
    doc, tensors = container.read(path, KIND, framework="pt", cls=ModelDescription)
    for section in ("architecture", "data"):
        if section in doc and not isinstance(doc[section], dict):
            raise InputError(f"{path}: malformed model description (the {section} section is not a mapping).")
    for key in ("mean", "std"):
        values = doc.get_field("data", key, default=None)
        if values is not None and not (isinstance(values, list) and all(
                isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)):
            raise InputError(f"{path}: {key} is not a list of numbers.")
    arch, config = doc.architecture(), doc.architecture_config()
    edge = tensors.pop("graph.edge_index", None)
    if edge is not None:
        doc.setdefault("data", {})["edge_index"] = edge.tolist()
    try:
        if arch == "svm":
            model = SVMBaseline.from_arrays(config, _arrays(tensors, "svm."))
        elif arch == "gbt":
            model = PixelBoosting.from_arrays(config, _arrays(tensors, "gbt."))
        elif arch == "blend":
            model = _blend(path, config, tensors, edge)
        else:
            model = _network(path, arch, config, tensors, edge)
    except InputError:
        raise
    except (KeyError, ValueError, TypeError, RuntimeError) as exc:
        raise InputError(f"{path}: the model cannot be rebuilt: {exc}") from None
    n_ch = getattr(model, "in_channels", None)
    for key in ("mean", "std"):
        values = doc.get_field("data", key, default=None)
        if values is not None and n_ch is not None and len(values) != n_ch:
            raise InputError(f"{path}: {key} has {len(values)} values for {n_ch} channels.")
    return model, doc


def _blend(path: Path, config: Dict[str, Any], tensors, edge) -> RankBlend:
    """A blend's two members, their sizes checked like any network's before one is built, on one set of channels."""
    node_config = container.network_sizes(path, config.get("node"), _INT_SIZES, "node GCN sizes")
    gbt_config = container.network_sizes(path, config.get("gbt"), _INT_SIZES, "gradient-boosting sizes")
    if node_config.get("in_channels") != gbt_config.get("in_channels"):
        raise ValueError("the blend's two models read different numbers of channels")
    node = _network(path, "node", node_config, {k: v for k, v in tensors.items() if k.startswith("model.")}, edge)
    gbt = PixelBoosting.from_arrays(gbt_config, _arrays(tensors, "gbt."))
    return RankBlend(node, gbt, _arrays(tensors, "blend.")["quantiles"])


def _arrays(tensors, prefix: str) -> Dict[str, np.ndarray]:
    return {k[len(prefix):]: v.numpy() for k, v in tensors.items() if k.startswith(prefix)}


def _network(path: Path, arch: str, config: Dict[str, Any], tensors, edge):
    """The torch network of ``arch`` with the file's weights, checked name by name, shape and dtype."""
    state = {k[6:]: v for k, v in tensors.items() if k.startswith("model.")}
    adj = state.get("adj")
    if arch in ("enhanced", "plain") and adj is None:
        if edge is None:
            raise InputError(f"{path}: the graph (adjacency or edge_index) is missing.")
        adj = normalized_adjacency(edge, config["num_nodes"])
    model = build_network(arch, config, adj)
    expected = {k: (tuple(v.shape), v.dtype) for k, v in model.state_dict().items()}
    container.check_arrays(path, state, expected, f"{arch} architecture")
    model.load_state_dict(state, strict=True)
    model.eval()
    return model
