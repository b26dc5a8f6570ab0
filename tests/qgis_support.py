"""Helpers for tests that need the plugin installed as a QGIS user would have it."""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path
from typing import Dict, Optional, Sequence

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
QGIS_PROCESS = shutil.which("qgis_process.bin", path="/usr/bin") or "/usr/bin/qgis_process.bin"


def plugins_dir() -> Path:
    """A folder holding ``hyperprospect`` -> the repository (the plugin's installed name)."""
    key = hashlib.sha1(str(REPO).encode()).hexdigest()[:10]
    root = Path(tempfile.gettempdir()) / f"hyperprospect-plugins-{os.getuid()}-{key}"
    link = root / "hyperprospect"
    root.mkdir(parents=True, exist_ok=True)
    if not link.exists():
        link.symlink_to(REPO, target_is_directory=True)
    return root


def make_profile(base: Path, enable: bool = True) -> Path:
    """A QGIS config folder with the plugin installed (symlink) and enabled in the default profile."""
    profile = base / "profiles" / "default"
    plugins = profile / "python" / "plugins"
    plugins.mkdir(parents=True, exist_ok=True)
    link = plugins / "hyperprospect"
    if not link.exists():
        link.symlink_to(REPO, target_is_directory=True)
    ini = profile / "QGIS" / "QGIS3.ini"
    ini.parent.mkdir(parents=True, exist_ok=True)
    ini.write_text("[PythonPlugins]\nhyperprospect=%s\n" % ("true" if enable else "false"))
    return base


def qgis_process_env(config_dir: Path) -> Dict[str, str]:
    """Environment a user's shell would give qgis_process, with our venv's packages visible."""
    env = dict(os.environ)
    venv_bin = str(Path(sys.executable).parent)
    # pyenv shims ahead of /usr/bin make QGIS's embedded Python lose its prefix.
    env["PATH"] = os.pathsep.join([venv_bin, "/usr/bin", env.get("PATH", "")])
    site = sysconfig.get_paths()["purelib"]
    env["PYTHONPATH"] = os.pathsep.join(p for p in [site, env.get("PYTHONPATH", "")] if p)
    env["QGIS_CUSTOM_CONFIG_PATH"] = str(config_dir)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("QGIS_OPTS", None)
    env.setdefault("XDG_RUNTIME_DIR", tempfile.mkdtemp(prefix="xdg-"))
    return env


def run_qgis_process(args: Sequence[str], config_dir: Path, timeout: float = 600,
                     env_extra: Optional[Dict[str, str]] = None) -> subprocess.CompletedProcess:
    env = qgis_process_env(config_dir)
    env.update(env_extra or {})
    return subprocess.run([QGIS_PROCESS, *args], env=env, capture_output=True, text=True, timeout=timeout)


def log_feedback():
    """A QgsProcessingFeedback that keeps what an algorithm writes to the log: ``errors``, ``warnings``,
    ``infos`` (lists of lines)."""
    from qgis.core import QgsProcessingFeedback

    class Log(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.errors, self.warnings, self.infos = [], [], []

        def reportError(self, error, fatalError=False):  # noqa: N802
            self.errors.append(error)

        def pushWarning(self, warning):  # noqa: N802
            self.warnings.append(warning)

        def pushInfo(self, info):  # noqa: N802
            self.infos.append(info)

    return Log()
