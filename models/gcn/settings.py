"""The settings of one training run, as one frozen value (no torch here).

The CLI (``python -m models train``), the Processing algorithm (through the worker's
JSON kwargs: :meth:`TrainSettings.to_dict` / :meth:`TrainSettings.from_dict`), the
pipeline (:func:`.pipeline.run_training`) and the benchmark build one and hand it to
:func:`.train.train_model`.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Dict, Mapping, Optional, Tuple, Union

from ..errors import InputError

DEFAULT_EPOCHS = {"node": 40, "blend": 40}  # others: the paper's 200; the node GCN keeps an epoch near 5-11 (measured)
DEFAULT_HIDDEN = {"node": 128, "blend": 128}  # others: the paper's 256
MONITORS = ("val_loss", "val_f1")
FINAL_FITS = ("all", "training")

ClassWeight = Union[None, str, Tuple[float, float]]


@dataclass(frozen=True)
class TrainSettings:
    """``arch``: ``blend`` (node GCN + gradient boosting, :mod:`.blend`), ``node``, ``gbt``, ``enhanced``
    (Table 1), ``plain``, ``cnn`` or ``svm``.  ``monitor``:
    ``val_loss`` (lowest) or ``val_f1`` (highest, ties broken by the lower loss) picks the kept
    epoch.  ``class_weight``: ``None``, ``"balanced"`` or ``(w_barren, w_mineralised)``.
    ``val_fraction`` and ``split_guard`` shape the default spatial split (:func:`.train.make_split`).
    ``threads`` None: all cores, at most 8 (under torchrun: this process's share of them).  ``svm_C``: the SVM
    baseline's regularisation.  ``device``: ``auto``, ``cpu``, ``cuda`` or ``cuda:N`` (:mod:`models.device`).
    ``final_fit``: ``all`` fits the node GCN (for its kept number of epochs) and gradient boosting again on
    every labelled tile once they have been validated (the saved model then learns from the validation blocks
    too; the report's figures stay those of the validated fit), ``training`` saves the validated fit itself."""

    arch: str = "enhanced"
    epochs: int = 200
    lr: float = 1e-3
    hidden: int = 256
    batch_size: int = 32
    seed: int = 0
    val_fraction: float = 0.3
    split_guard: str = "touch"
    class_weight: ClassWeight = None
    weight_decay: float = 0.0
    monitor: str = "val_loss"
    threads: Optional[int] = None
    svm_C: float = 1.0
    device: str = "auto"
    final_fit: str = "all"

    def __post_init__(self):
        cw = self.class_weight
        if cw is not None and not isinstance(cw, str):
            object.__setattr__(self, "class_weight", tuple(float(v) for v in cw))

    @classmethod
    def for_arch(cls, arch: str = "enhanced", epochs: Optional[int] = None, hidden: Optional[int] = None,
                 **others: Any) -> "TrainSettings":
        """Settings with the architecture's own defaults where ``epochs``/``hidden`` are None (or 0)."""
        return cls(arch=arch, epochs=int(epochs or DEFAULT_EPOCHS.get(arch, 200)),
                   hidden=int(hidden or DEFAULT_HIDDEN.get(arch, 256)), **others)

    @classmethod
    def from_dict(cls, values: Mapping[str, Any]) -> "TrainSettings":
        """From :meth:`to_dict` (JSON): unknown keys are refused, naming them."""
        names = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(values) - names)
        if unknown:
            raise InputError(f"Unknown training setting(s): {', '.join(unknown)}.")
        return cls(**dict(values))

    def to_dict(self) -> Dict[str, Any]:
        d = dataclasses.asdict(self)
        if isinstance(self.class_weight, tuple):
            d["class_weight"] = list(self.class_weight)
        return d

    def replace(self, **changes: Any) -> "TrainSettings":
        return dataclasses.replace(self, **changes) if changes else self

    def validate(self, architectures) -> None:
        """Refuse settings no run can use, before any data is touched."""
        if self.arch not in architectures:
            raise InputError(f"Unknown architecture {self.arch!r}; choose one of {', '.join(architectures)}.")
        if self.monitor not in MONITORS:
            raise InputError("monitor must be 'val_loss' or 'val_f1'.")
        if self.final_fit not in FINAL_FITS:
            raise InputError(f"final_fit must be one of {', '.join(FINAL_FITS)}, not {self.final_fit!r}.")
        if int(self.epochs) < 1 and self.arch not in ("svm", "gbt"):
            raise InputError("At least one epoch is needed.")
        if int(self.batch_size) < 1 or float(self.lr) <= 0 or int(self.hidden) < 1:
            raise InputError("Batch size, learning rate and hidden size must be positive.")
        from ..device import resolve_device

        resolve_device(self.device)  # a GPU asked for on a machine without one is refused before any work


def as_settings(settings: Union[None, TrainSettings, Mapping[str, Any]] = None, **changes: Any) -> TrainSettings:
    """A :class:`TrainSettings` from one, a mapping (the worker's JSON) or nothing, with ``changes`` applied."""
    if settings is None:
        base = TrainSettings()
    elif isinstance(settings, TrainSettings):
        base = settings
    else:
        base = TrainSettings.from_dict(settings)
    return base.replace(**changes)
