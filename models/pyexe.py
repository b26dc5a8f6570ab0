"""Find a Python interpreter of the running version (inside QGIS ``sys.executable`` is QGIS)."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Optional


def find_python() -> Optional[str]:
    exe = Path(sys.executable)
    if exe.name.lower().startswith("python"):
        return str(exe)
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    candidates = [
        Path(sys.exec_prefix) / "bin" / f"python{version}",
        Path(sys.exec_prefix) / "bin" / "python3",
        Path(sys.exec_prefix) / "python.exe",  # Windows (OSGeo4W, standalone installer)
        Path(sys.exec_prefix).parent / "bin" / "python3",  # macOS app bundle
    ]
    for c in candidates:
        if c.is_file():
            return str(c)
    return shutil.which(f"python{version}") or shutil.which("python3")
