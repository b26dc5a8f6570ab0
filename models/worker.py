"""Run a compute job in a separate Python process, with progress and cancel across the boundary.

Why: torch work inside the QGIS process can freeze the GUI, and a crash or a binary clash
there would take QGIS (and the user's unsaved project) down.  The parent starts
``python -m models.worker`` with the plugin folder as working directory, sends one JSON job
line on stdin, and reads protocol lines (prefixed, so stray prints from libraries are
ignored) from stdout: progress, then a result, an error, or "cancelled".  Cancel is a
``cancel`` line on stdin; the child checks it in its Progress and stops cleanly (atomic
outputs remove their temporary files).  A child that does not stop is killed.

Jobs are named ``"module:function"`` relative to this package, e.g. ``"gcn.jobs:train"``;
the function takes JSON-able keyword arguments plus ``progress`` and returns a JSON-able value.
"""
from __future__ import annotations

import importlib
import json
import os
import queue
import subprocess
import sys
import threading
import time
import traceback
from collections import deque
from pathlib import Path
from typing import Any, Dict, Optional

from .errors import CancelledError, HyperProspectError, InputError
from .progress import Progress, ensure_progress
from .pyexe import find_python

PREFIX = "@@hyperprospect "
PACKAGE_ROOT = Path(__file__).resolve().parent  # .../models
PLUGIN_ROOT = PACKAGE_ROOT.parent


class WorkerCrashed(HyperProspectError):
    """The worker process died without an answer (the QGIS process is unaffected)."""


def _resolve(job: str):
    module_name, _, func_name = job.partition(":")
    if not func_name or module_name.startswith(".") or ".." in module_name:
        raise InputError(f"Not a valid worker job name: {job!r}")
    module = importlib.import_module("." + module_name, __package__)
    return getattr(module, func_name)


# --------------------------------------------------------------------------- child side
def _emit(message_type: str, /, **payload: Any) -> None:
    # Positional-only: payloads carry their own "kind" (the error class), which must not
    # collide with this parameter.
    sys.__stdout__.write(PREFIX + json.dumps({"type": message_type, **payload}) + "\n")
    sys.__stdout__.flush()


def child_main() -> int:
    line = sys.stdin.readline()
    cancel = threading.Event()

    def watch_stdin() -> None:
        for cmd in sys.stdin:
            if cmd.strip() == "cancel":
                cancel.set()
                return
        cancel.set()  # parent went away: stop too

    threading.Thread(target=watch_stdin, daemon=True).start()
    # Libraries that print must not corrupt the protocol: send their output to stderr.
    sys.stdout = sys.stderr
    try:
        request = json.loads(line)
        func = _resolve(request["job"])
        progress = Progress(lambda pct, msg: _emit("progress", percent=pct, message=msg), cancel.is_set)
        result = func(**request.get("kwargs", {}), progress=progress)
        _emit("result", value=result)
        return 0
    except CancelledError:
        _emit("cancelled")
        return 0
    except HyperProspectError as exc:
        _emit("error", kind=type(exc).__name__, message=str(exc))
        return 0
    except Exception as exc:  # noqa: BLE001 - a bug: report it in full, the parent shows it
        _emit("error", kind="crash", message=f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}")
        return 1


# -------------------------------------------------------------------------- parent side
def _child_environment() -> Dict[str, str]:
    env = dict(os.environ)
    # The child sees exactly what this interpreter sees (QGIS paths, installed dependencies).
    paths = [p for p in sys.path if p and os.path.isdir(p)]
    env["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(paths))
    env.setdefault("OMP_NUM_THREADS", str(os.cpu_count() or 1))
    # Busy-waiting OpenMP threads slow torch 10-40x when another process holds a core (QGIS itself).
    env.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    return env


def run_in_worker(job: str, kwargs: Optional[Dict[str, Any]] = None, progress: Optional[Progress] = None,
                  python: Optional[str] = None, kill_after: float = 15.0) -> Any:
    """Run ``job`` in a child process and return its result.

    Raises the child's error as :class:`HyperProspectError` (user errors keep their
    message), :class:`CancelledError` when cancelled, :class:`WorkerCrashed` if the child dies.
    """
    progress = ensure_progress(progress)
    python = python or find_python()
    if not python:
        raise WorkerCrashed("No Python interpreter found to run the worker process.")
    proc = subprocess.Popen(
        [python, "-m", f"{PACKAGE_ROOT.name}.worker"],
        cwd=str(PLUGIN_ROOT),
        env=_child_environment(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        bufsize=1,
    )
    messages: "queue.Queue[Optional[dict]]" = queue.Queue()
    stderr_tail: deque = deque(maxlen=40)

    def read_stdout() -> None:
        assert proc.stdout is not None
        for raw in proc.stdout:
            if raw.startswith(PREFIX):
                try:
                    messages.put(json.loads(raw[len(PREFIX):]))
                except json.JSONDecodeError:
                    pass
        messages.put(None)

    def read_stderr() -> None:
        assert proc.stderr is not None
        for raw in proc.stderr:
            stderr_tail.append(raw.rstrip("\n"))

    threading.Thread(target=read_stdout, daemon=True).start()
    threading.Thread(target=read_stderr, daemon=True).start()
    assert proc.stdin is not None
    proc.stdin.write(json.dumps({"job": job, "kwargs": kwargs or {}}) + "\n")
    proc.stdin.flush()

    cancel_sent_at: Optional[float] = None
    outcome: Optional[dict] = None
    try:
        while True:
            if progress.cancelled() and cancel_sent_at is None:
                cancel_sent_at = time.monotonic()
                try:
                    proc.stdin.write("cancel\n")
                    proc.stdin.flush()
                except OSError:
                    pass
            if cancel_sent_at is not None and time.monotonic() - cancel_sent_at > kill_after:
                proc.kill()
                raise CancelledError("Cancelled by the user (the worker was stopped).")
            try:
                msg = messages.get(timeout=0.1)
            except queue.Empty:
                continue
            if msg is None:
                break
            if msg["type"] == "progress":
                if progress._report is not None:  # report without the cancel check: handled above
                    progress._report(msg["percent"], msg.get("message", ""))
            else:
                outcome = msg
    finally:
        try:
            proc.stdin.close()
        except OSError:
            pass
        try:
            proc.wait(timeout=kill_after)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    if outcome is None:
        tail = "\n".join(stderr_tail) or "(no output)"
        if cancel_sent_at is not None:
            raise CancelledError("Cancelled by the user.")
        raise WorkerCrashed(f"The worker process stopped unexpectedly (exit status {proc.returncode}). "
                            f"QGIS is unaffected. Last messages:\n{tail}")
    if outcome["type"] == "result":
        return outcome.get("value")
    if outcome["type"] == "cancelled":
        raise CancelledError("Cancelled by the user; no output was written.")
    if outcome.get("kind") == "crash":
        raise WorkerCrashed("The worker process failed: " + outcome.get("message", ""))
    raise _typed_error(outcome.get("kind", ""), outcome.get("message", "unknown error"))


def _typed_error(kind: str, message: str) -> HyperProspectError:
    """The child's error as the same typed class where the parent knows it (by name only)."""
    from . import errors

    cls = getattr(errors, kind, None)
    if not (isinstance(cls, type) and issubclass(cls, HyperProspectError)) or cls is errors.MissingDependencyError:
        cls = HyperProspectError
    return cls(message)


if __name__ == "__main__":
    sys.exit(child_main())
