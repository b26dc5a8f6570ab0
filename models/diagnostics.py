"""Small jobs used to check that the worker process works on a user's machine."""
from __future__ import annotations

import os
import time

from .errors import InputError


def count(steps: int = 5, delay: float = 0.0, fail_at: int = -1, crash_at: int = -1, progress=None) -> dict:
    """Report ``steps`` progress updates; optionally raise a user error or die hard at a step."""
    for i in range(steps):
        if i == fail_at:
            raise InputError(f"step {i} refused (diagnostic)")
        if i == crash_at:
            os._exit(3)  # simulates a native crash in the worker
        time.sleep(delay)
        progress.update((i + 1) / steps, f"step {i + 1} of {steps}")
    return {"steps": steps, "pid": os.getpid()}
