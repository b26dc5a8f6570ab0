"""Data-parallel training with ``torch.distributed``, started by ``torchrun`` (no home-made scheduler).

``torchrun --nproc_per_node=N -m models train …`` starts N copies of the command; each finds its
place in the environment torchrun sets (``WORLD_SIZE``, ``RANK``, ``LOCAL_RANK``).  Without those
(or with ``WORLD_SIZE=1``) everything here is a no-op and training is the single process it was.

The trainers keep the *global* batch of a single process: every rank draws the same batch order
(same seed), takes its contiguous share of each batch (:func:`shard`), and :func:`sync_gradients`
sums the gradients of all ranks in one ``all_reduce`` (the trainers scale the local loss so the sum
is the global batch's mean).  Parameters therefore stay identical on every rank; the float buffers
that each rank updates from its own share (batch-norm running statistics, GeoSpectra's instrument
statistics) are averaged by :func:`sync_buffers` before every validation and before the model is
kept.  Validation is shared the same way (each rank scores its part, :func:`sum_floats` and
:func:`gather_rows` put the figures together) and rank 0's figures are broadcast
(:func:`broadcast_floats`), so the kept epoch and early stopping agree everywhere.  Only rank 0
writes files.

A failure on one rank must not hang the others: the process group has a timeout
(``HP_DIST_TIMEOUT_S``, default 600 s) after which a waiting collective raises, and torchrun
stops the remaining workers when one exits with an error.
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import os
from dataclasses import dataclass
from typing import Iterable, Iterator, List, Mapping, Optional, Sequence

import torch

from .device import resolve_device
from .errors import InputError

TIMEOUT_ENV = "HP_DIST_TIMEOUT_S"
DEFAULT_TIMEOUT_S = 600.0


@dataclass(frozen=True)
class Context:
    """This process's place in the run: ``world_size`` processes, this one ``rank`` (``local_rank`` on its node)."""

    world_size: int = 1
    rank: int = 0
    local_rank: int = 0
    local_world_size: int = 1

    @property
    def active(self) -> bool:
        return self.world_size > 1

    @property
    def is_main(self) -> bool:
        return self.rank == 0

    def shard(self, n: int) -> slice:
        """This rank's contiguous part of ``n`` items (sizes differ by at most one, low ranks larger)."""
        base, extra = divmod(int(n), self.world_size)
        start = self.rank * base + min(self.rank, extra)
        return slice(start, start + base + (1 if self.rank < extra else 0))


def _int_env(env: Mapping[str, str], name: str, default: int) -> int:
    value = env.get(name)
    if value in (None, ""):
        return default
    try:
        return int(value)
    except ValueError:
        raise InputError(f"The environment variable {name}={value!r} is not a whole number "
                         "(torchrun sets WORLD_SIZE, RANK and LOCAL_RANK).") from None


def env_context(env: Optional[Mapping[str, str]] = None) -> Context:
    """The context torchrun describes in the environment; a single process when ``WORLD_SIZE`` is absent or 1."""
    env = os.environ if env is None else env
    world = _int_env(env, "WORLD_SIZE", 1)
    if world <= 1:
        return Context()
    rank = _int_env(env, "RANK", 0)
    local_rank = _int_env(env, "LOCAL_RANK", rank)
    local_world = _int_env(env, "LOCAL_WORLD_SIZE", world)
    if not 0 <= rank < world or not 0 <= local_rank < local_world:
        raise InputError(f"RANK={rank} / LOCAL_RANK={local_rank} do not fit WORLD_SIZE={world} / "
                         f"LOCAL_WORLD_SIZE={local_world}.")
    return Context(world, rank, local_rank, local_world)


def _initialized() -> bool:
    return torch.distributed.is_available() and torch.distributed.is_initialized()


def current() -> Context:
    """The running process group's context, or a single process when there is none."""
    if not _initialized():
        return Context()
    env = env_context()
    world, rank = torch.distributed.get_world_size(), torch.distributed.get_rank()
    return Context(world, rank, env.local_rank if env.active else rank,
                   env.local_world_size if env.active else world)


def rank_device(spec: Optional[str] = "auto", ctx: Optional[Context] = None) -> torch.device:
    """The device of ``spec`` for this rank: with several processes ``cuda``/``auto`` means ``cuda:LOCAL_RANK``."""
    ctx = current() if ctx is None else ctx
    device = resolve_device(spec)
    if device.type != "cuda" or device.index is not None or not ctx.active:
        return device
    if ctx.local_rank >= torch.cuda.device_count():
        raise InputError(f"Rank {ctx.rank} wants GPU cuda:{ctx.local_rank}, but this node has "
                         f"{torch.cuda.device_count()}: start at most that many processes per node.")
    return torch.device("cuda", ctx.local_rank)


def timeout_seconds(env: Optional[Mapping[str, str]] = None) -> float:
    env = os.environ if env is None else env
    try:
        value = float(env.get(TIMEOUT_ENV) or DEFAULT_TIMEOUT_S)
    except ValueError:
        raise InputError(f"{TIMEOUT_ENV} must be a number of seconds.") from None
    if value <= 0:
        raise InputError(f"{TIMEOUT_ENV} must be positive.")
    return value


@contextlib.contextmanager
def session(device: Optional[str] = "auto", timeout_s: Optional[float] = None) -> Iterator[Context]:
    """Join the process group torchrun describes (gloo on CPU, NCCL on CUDA) for the block, then leave it.

    A no-op for a single process or when a group is already running (a caller's)."""
    ctx = env_context()
    if not ctx.active or _initialized():
        yield current()
        return
    dev = rank_device(device, ctx)
    if dev.type == "cuda":
        torch.cuda.set_device(dev)
    timeout = _dt.timedelta(seconds=timeout_s or timeout_seconds())
    torch.distributed.init_process_group("nccl" if dev.type == "cuda" else "gloo", init_method="env://",
                                         world_size=ctx.world_size, rank=ctx.rank, timeout=timeout)
    try:
        yield current()
        # leave together: a rank that tears gloo down while its peer still works (rank 0 writing the report)
        # was seen to abort at exit ("terminate called without an active exception")
        torch.distributed.barrier()
    finally:
        torch.distributed.destroy_process_group()


def _comm_device() -> torch.device:
    """Where collectives take their tensors: the GPU for NCCL, the CPU for gloo."""
    if torch.distributed.get_backend() == "nccl":
        return torch.device("cuda", torch.cuda.current_device())
    return torch.device("cpu")


def sync_gradients(parameters: Iterable[torch.nn.Parameter], extra: Optional[Sequence[torch.Tensor]] = None,
                   average: bool = False) -> List[float]:
    """Sum (or average) the gradients of every rank, and the scalars ``extra``, in one ``all_reduce``.

    Returns the reduced ``extra`` values (e.g. the global batch loss).  A no-op without a group."""
    params = [p for p in parameters if p.requires_grad]
    scalars = [t.detach().reshape(1).float() for t in (extra or ())]
    if not _initialized() or torch.distributed.get_world_size() == 1:
        return [float(s) for s in scalars]
    # a rank whose share of the batch was empty has no gradients: it adds zeros; a parameter no rank
    # used keeps no gradient (as in a single process, where the optimiser then skips it)
    had = [p.grad is not None for p in params]
    dev = _comm_device()
    flat = torch.cat([(p.grad if p.grad is not None else torch.zeros_like(p)).reshape(-1).to(dev, torch.float32)
                      for p in params] + [s.to(dev) for s in scalars]
                     + [torch.tensor(had, dtype=torch.float32, device=dev)])
    torch.distributed.all_reduce(flat)
    if average:
        flat[:-len(params) or None] /= torch.distributed.get_world_size()
    offset = 0
    used = flat[flat.numel() - len(params):] if params else flat[:0]
    for p, n_used in zip(params, used.tolist()):
        n = p.numel()
        if n_used == 0:
            p.grad = None
        elif p.grad is None:
            p.grad = flat[offset:offset + n].view_as(p).to(p.device, p.dtype).clone()
        else:
            p.grad.copy_(flat[offset:offset + n].view_as(p.grad))
        offset += n
    return [float(v) for v in flat[offset:offset + len(scalars)].cpu()]


def sync_buffers(module: torch.nn.Module) -> None:
    """Average the floating-point buffers (running statistics) over the ranks; integer counters are equal."""
    if not _initialized() or torch.distributed.get_world_size() == 1:
        return
    buffers = [b for b in module.buffers() if b.is_floating_point()]
    if not buffers:
        return
    dev = _comm_device()
    flat = torch.cat([b.reshape(-1).to(dev, torch.float64) for b in buffers])
    torch.distributed.all_reduce(flat)
    flat /= torch.distributed.get_world_size()
    offset = 0
    for b in buffers:
        n = b.numel()
        b.copy_(flat[offset:offset + n].view_as(b))
        offset += n


def sum_floats(values: Sequence[float]) -> List[float]:
    """The sums over the ranks of ``values`` (each rank's part of a loss, a count …)."""
    if not _initialized() or torch.distributed.get_world_size() == 1:
        return [float(v) for v in values]
    t = torch.tensor([float(v) for v in values], dtype=torch.float64, device=_comm_device())
    torch.distributed.all_reduce(t)
    return [float(v) for v in t.cpu()]


def gather_rows(local, n: int, part: slice):
    """The full ``[n, …]`` numpy array of which this rank computed the rows ``part`` (``local``), on every rank."""
    import numpy as np

    local = np.asarray(local)
    if not _initialized() or torch.distributed.get_world_size() == 1:
        return local
    full = torch.zeros((int(n),) + local.shape[1:], dtype=torch.float64, device=_comm_device())
    full[part] = torch.from_numpy(local.astype(np.float64)).to(full.device)
    torch.distributed.all_reduce(full)  # every row is one rank's, the others add zeros
    return full.cpu().numpy().astype(local.dtype)


def broadcast_floats(values: Sequence[float]) -> List[float]:
    """Rank 0's ``values`` on every rank (so decisions taken from them agree everywhere)."""
    if not _initialized() or torch.distributed.get_world_size() == 1:
        return [float(v) for v in values]
    t = torch.tensor([float(v) for v in values], dtype=torch.float64, device=_comm_device())
    torch.distributed.broadcast(t, src=0)
    return [float(v) for v in t.cpu()]


def threads_per_rank(threads: Optional[int], all_threads: int, ctx: Optional[Context] = None) -> int:
    """The CPU threads of one rank: as asked, else this process's share of the node's cores."""
    ctx = current() if ctx is None else ctx
    if threads:
        return int(threads)
    return max(1, int(all_threads) // max(1, ctx.local_world_size))
