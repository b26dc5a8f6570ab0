"""Progress and cancel, independent of QGIS.

Long operations take a :class:`Progress` (or ``None``).  The Processing
algorithms adapt ``QgsProcessingFeedback`` to it, the CLI prints it, the worker
process forwards it over a pipe.  Iterators call :meth:`Progress.step`, which
also raises :class:`~models.errors.CancelledError` when cancel was requested, so
cancel is honoured in one place (the loop) and not scattered.
"""
from __future__ import annotations

from typing import Callable, Iterable, Iterator, Optional, TypeVar

from .errors import CancelledError

T = TypeVar("T")


class Progress:
    """Reports a fraction done and answers whether to stop.

    ``report(percent, message)`` and ``is_cancelled()`` are the two hooks an
    adapter provides; ``span`` maps this progress onto a part of a parent's range
    so that nested steps report into one bar.
    """

    def __init__(
        self,
        report: Optional[Callable[[float, str], None]] = None,
        is_cancelled: Optional[Callable[[], bool]] = None,
        start: float = 0.0,
        stop: float = 100.0,
    ):
        self._report = report
        self._is_cancelled = is_cancelled
        self.start = start
        self.stop = stop

    def cancelled(self) -> bool:
        return bool(self._is_cancelled and self._is_cancelled())

    def check(self) -> None:
        """Raise :class:`CancelledError` if the user asked to stop."""
        if self.cancelled():
            raise CancelledError("Cancelled by the user.")

    def update(self, fraction: float, message: str = "") -> None:
        """Report ``fraction`` (0–1) of this span done, then check cancel."""
        if self._report is not None:
            fraction = min(max(float(fraction), 0.0), 1.0)
            self._report(self.start + (self.stop - self.start) * fraction, message)
        self.check()

    def span(self, start_fraction: float, stop_fraction: float) -> "Progress":
        """A child progress covering ``[start_fraction, stop_fraction]`` of this one."""
        width = self.stop - self.start
        return Progress(
            self._report,
            self._is_cancelled,
            self.start + width * start_fraction,
            self.start + width * stop_fraction,
        )

    def iterate(self, items: Iterable[T], total: Optional[int] = None, message: str = "") -> Iterator[T]:
        """Yield ``items``, reporting progress and honouring cancel between them."""
        if total is None and hasattr(items, "__len__"):
            total = len(items)  # type: ignore[arg-type]
        self.check()
        for i, item in enumerate(items):
            yield item
            if total:
                self.update((i + 1) / total, message)
            else:
                self.check()


def ensure_progress(progress: Optional[Progress]) -> Progress:
    """``progress`` itself, or a silent one that never cancels."""
    return progress if progress is not None else Progress()
