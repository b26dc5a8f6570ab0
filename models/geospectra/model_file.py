"""The GeoSpectra model file: safetensors weights with a JSON description in the header.

``geospectra.safetensors`` holds the network's state dict (tensors named
``model.<key>``) and, in the safetensors header metadata under ``hyperprospect``,
a JSON document: format and version, architecture and sizes, the class list
(with the library names merged into each class), the wavelength grid, the
instrument list, the preprocessing settings, the training settings and data
provenance, and a summary of the evaluation.

The container is :mod:`models.container` (shared with the ``.hpm`` model file
and the graph data set).  Loading never executes code from the file: the 8-byte
header length and the JSON header are checked first, pickle-based PyTorch checkpoints (``torch.save``
zip or raw pickle) are refused before anything in them is read, the network is
built from a fixed list of architectures, and the tensors must match its state
dict exactly.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from .. import __version__
from .. import container
from ..errors import InputError

FORMAT = "hyperprospect-geospectra"
FORMAT_VERSION = 1
META_KEY = container.META_KEY
KIND = container.Kind(FORMAT, FORMAT_VERSION, "GeoSpectra model",
                      "GeoSpectra models are .safetensors files written by `make train-geospectra`.")
RESOURCE_DIR = Path(__file__).resolve().parents[2] / "resources" / "geospectra"
DEFAULT_MODEL = RESOURCE_DIR / "geospectra.safetensors"
json_clean = container.json_clean  # the evaluation report of scripts/train_geospectra.py uses it


class GeoSpectraDescription(container.Document):
    """The JSON document of a GeoSpectra model, with typed getters."""

    def architecture(self) -> str:
        from .network import ARCHITECTURES

        return self.architecture_name(ARCHITECTURES)

    def architecture_config(self) -> Dict[str, int]:
        config = self.get_field("architecture", "config", default={})
        keys = list(config) if isinstance(config, dict) else ()
        return container.network_sizes(self.path, config, keys, "architecture settings")

    def classes(self) -> List[str]:
        value = self.get_field("classes")
        if not isinstance(value, list):
            raise InputError(f"{self.path}: the class list is not a list of mineral names.")
        return [str(c) for c in value]

    def grid(self) -> Dict[str, Any]:
        return self.get_field("grid", cast=dict, default={})

    def preprocessing(self) -> Dict[str, Any]:
        return self.get_field("preprocessing", cast=dict, default={})


def read_metadata(path: Path) -> GeoSpectraDescription:
    """The JSON description of a GeoSpectra model, without reading the weights."""
    return container.read_document(path, KIND, GeoSpectraDescription)


def save_model(path: Path, model, metadata: Dict[str, Any]) -> Path:
    """Write ``model`` and ``metadata`` (class list, grid, …) atomically as one safetensors file."""
    tensors = {f"model.{k}": v.detach().cpu().contiguous() for k, v in model.state_dict().items()}
    meta = {**metadata, "software_version": __version__}
    return container.write(path, tensors, meta, KIND, framework="pt")


def load_model(path: Optional[Path] = None) -> Tuple[Any, GeoSpectraDescription]:
    """(network in eval mode, metadata) from a GeoSpectra safetensors file."""
    from .network import build_network

    path = Path(path) if path is not None else DEFAULT_MODEL
    meta, tensors = container.read(path, KIND, framework="pt", cls=GeoSpectraDescription)
    arch, config = meta.architecture(), meta.architecture_config()
    try:
        model = build_network(arch, **config)
    except (TypeError, ValueError) as exc:
        raise InputError(f"{path}: architecture settings do not fit {arch} ({exc})") from exc
    state = {k[len("model."):]: v for k, v in tensors.items() if k.startswith("model.")}
    expected = {k: (tuple(v.shape), v.dtype) for k, v in model.state_dict().items()}
    container.check_arrays(path, state, expected, f"{arch} network")
    model.load_state_dict(state, strict=True)
    model.eval()
    if len(meta.classes()) != config.get("n_classes"):
        raise InputError(f"{path}: class list does not match the network's output size")
    return model, meta
