"""Where torch computes: ``auto`` (the GPU when torch sees one, else the CPU), ``cpu`` or ``cuda[:N]``.

Training and inference of both networks take a device *spec* (a string, so it passes through the
CLI, the worker's JSON and the Processing dialog unchanged) and resolve it here, once, with a
message naming what this machine has when the spec cannot be met.  Results always come back to
the CPU as numpy; the model file records the device by :func:`describe_device`.
"""
from __future__ import annotations

import re
from typing import Any, Dict, Union

import torch

from .errors import InputError

DEVICE_CHOICES = ("auto", "cpu", "cuda")  # the text field also accepts "cuda:N"
_SPEC = re.compile(r"^(auto|cpu|cuda)(?::(\d+))?$")


def available_devices() -> str:
    """What torch sees here, for messages: ``cpu`` and ``cuda:0`` … ``cuda:N-1``."""
    n = torch.cuda.device_count() if torch.cuda.is_available() else 0
    gpus = ", ".join(f"cuda:{i} ({torch.cuda.get_device_name(i)})" for i in range(n))
    return "cpu" + (f", {gpus}" if gpus else " only (torch sees no CUDA GPU)")


def resolve_device(spec: Union[str, torch.device, None] = "auto") -> torch.device:
    """The :class:`torch.device` of ``spec``; :class:`InputError` for a bad spec or a GPU torch does not see."""
    if isinstance(spec, torch.device):
        spec = str(spec)
    text = (spec or "auto").strip().lower()
    match = _SPEC.match(text)
    if match is None or (match.group(2) is not None and match.group(1) != "cuda"):
        raise InputError(f"Unknown device {spec!r}: use auto, cpu, cuda or cuda:N. Available: {available_devices()}.")
    kind, index = match.group(1), match.group(2)
    if kind == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if kind == "cpu":
        return torch.device("cpu")
    if not torch.cuda.is_available():
        raise InputError(f"Device {spec!r} asked for, but torch {torch.__version__} sees no CUDA GPU here "
                         f"(available: {available_devices()}). Use --device cpu or auto.")
    if index is not None and int(index) >= torch.cuda.device_count():
        raise InputError(f"Device {spec!r} asked for, but there are only {torch.cuda.device_count()} GPU(s): "
                         f"{available_devices()}.")
    return torch.device("cuda", int(index)) if index is not None else torch.device("cuda")


def describe_device(device: Union[str, torch.device, None]) -> Dict[str, Any]:
    """How the model file records the device: ``{"device": "cpu", "name": …, "torch": …}`` (+ CUDA version)."""
    dev = resolve_device(device) if not isinstance(device, torch.device) else device
    record: Dict[str, Any] = {"device": str(dev), "torch": torch.__version__}
    if dev.type == "cuda":
        index = dev.index if dev.index is not None else torch.cuda.current_device()
        record.update(name=torch.cuda.get_device_name(index), cuda=torch.version.cuda)
    else:
        record["name"] = _cpu_name()
    return record


def _cpu_name() -> str:
    import platform

    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "CPU"
