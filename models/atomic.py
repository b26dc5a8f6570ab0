"""Atomic outputs: write to a temporary name beside the target, then move into place.

A crash, an error or a cancel never leaves a half-written file under the name
the user asked for, and never destroys the file that was there before.
"""
from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Iterator, Sequence


@contextlib.contextmanager
def atomic_output(path: os.PathLike | str, sidecar_suffixes: Sequence[str] = ()) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; on success rename it to ``path``.

    ``sidecar_suffixes`` lists files written next to the temporary one (for
    example ``.aux.xml`` by GDAL) that must follow it.  On any exception the
    temporary files are removed and the exception propagates.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".part" + target.suffix, dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    # mkstemp makes the file private (0600); a finished output gets ordinary permissions.
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    try:
        yield tmp
        for suffix in sidecar_suffixes:
            side = Path(str(tmp) + suffix)
            if side.exists():
                os.replace(side, str(target) + suffix)
        os.replace(tmp, target)
    except BaseException:
        for leftover in [tmp, *(Path(str(tmp) + s) for s in sidecar_suffixes)]:
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
        raise
