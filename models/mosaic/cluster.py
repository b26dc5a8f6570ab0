"""The Dask cluster a mosaic job runs on, and the loop that runs its windows there.

``ClusterSettings(workers=N)`` starts a local cluster of N single-threaded worker processes
(one core each: torch inside a task then uses one thread, no oversubscription) and closes it
afterwards; ``scheduler="tcp://host:8786"`` uses a running cluster (several machines, or Slurm/PBS
through ``dask-jobqueue``).  Tasks are retried ``retries`` times when they fail or their worker
dies; cancel (the job's :class:`~models.progress.Progress`, or Ctrl+C) cancels every task not yet
finished and, for a local cluster, stops its workers.
"""
from __future__ import annotations

import contextlib
import logging
import time
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Optional, Sequence

from ..errors import InputError, MissingDependencyError
from ..progress import Progress

POLL_SECONDS = 0.1  # how often the loop looks for cancel while tasks run


@dataclass(frozen=True)
class ClusterSettings:
    workers: int = 0                 # a local cluster of this many worker processes
    scheduler: Optional[str] = None  # or the address of a running Dask scheduler
    retries: int = 2                 # attempts after the first, per window
    window: int = 1024               # window core size in pixels (a multiple of the stride)
    threads_per_worker: int = 1

    @property
    def enabled(self) -> bool:
        return bool(self.scheduler) or self.workers > 0

    def describe(self) -> str:
        return f"Dask scheduler {self.scheduler}" if self.scheduler else f"local Dask cluster of {self.workers} workers"


def _distributed():
    try:
        import distributed
    except ImportError as exc:
        raise MissingDependencyError(["distributed"], "mosaic work on a Dask cluster") from exc
    return distributed


@contextlib.contextmanager
def open_client(settings: ClusterSettings) -> Iterator[Any]:
    """A connected ``distributed.Client``; a local cluster is started here and closed afterwards."""
    distributed = _distributed()
    if settings.scheduler:
        try:
            client = distributed.Client(settings.scheduler, timeout="30s")
        except (OSError, TimeoutError) as exc:
            raise InputError(f"Cannot reach the Dask scheduler at '{settings.scheduler}': {exc}") from exc
        with contextlib.closing(client):
            yield client
        return
    if settings.workers < 1:
        raise InputError("A local cluster needs at least one worker.")
    cluster = distributed.LocalCluster(n_workers=settings.workers, threads_per_worker=settings.threads_per_worker,
                                       processes=True, dashboard_address=None, silence_logs=logging.ERROR)
    with contextlib.closing(cluster), contextlib.closing(distributed.Client(cluster)) as client:
        yield client


def run_tasks(client, fn: Callable, items: Sequence[Any], on_result: Callable[[Any, Any], None],
              progress: Progress, retries: int = 2, shared: Optional[dict] = None, label: str = "window") -> None:
    """``fn(item, **shared)`` for every item on the cluster; ``on_result(item, result)`` here, in the
    order they finish.  ``shared`` is sent to the workers once.  On error or cancel every unfinished
    task is cancelled and the error propagates."""
    distributed = _distributed()
    shared_f = {k: client.scatter(v, broadcast=True) for k, v in (shared or {}).items()}
    futures = [client.submit(fn, item, **shared_f, retries=retries, pure=False) for item in items]
    of = {f.key: item for f, item in zip(futures, items)}
    pending = distributed.as_completed(futures)
    done = 0
    try:
        while done < len(futures):
            batch = pending.next_batch(block=False)
            if not batch:
                progress.check()
                time.sleep(POLL_SECONDS)
                continue
            for f in batch:
                on_result(of[f.key], f.result())
                f.release()
                done += 1
                progress.update(done / len(futures), f"Finished {label} {done} of {len(futures)}")
    except BaseException:
        client.cancel(futures, force=True)
        raise


def one_torch_thread() -> None:
    """A Dask worker runs one task per thread: torch must not start a thread per core inside it."""
    import torch

    if torch.get_num_threads() != 1:
        torch.set_num_threads(1)
