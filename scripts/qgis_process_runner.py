"""Run HyperProspect's algorithms through ``qgis_process`` as a user would (used by the demo)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path
from typing import Dict, List

REPO = Path(__file__).resolve().parents[1]
QGIS_PROCESS = "/usr/bin/qgis_process.bin"


def prepare_profile(config_dir: Path) -> Path:
    """A QGIS config folder with HyperProspect symlinked into the default profile and enabled."""
    profile = config_dir / "profiles" / "default"
    plugins = profile / "python" / "plugins"
    plugins.mkdir(parents=True, exist_ok=True)
    link = plugins / "hyperprospect"
    if link.is_symlink() and link.resolve() != REPO:
        link.unlink()
    if not link.exists():
        link.symlink_to(REPO, target_is_directory=True)
    ini = profile / "QGIS" / "QGIS3.ini"
    ini.parent.mkdir(parents=True, exist_ok=True)
    if not ini.exists() or "hyperprospect=true" not in ini.read_text():
        ini.write_text("[PythonPlugins]\nhyperprospect=true\n")
    return config_dir


def environment(config_dir: Path) -> Dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), "/usr/bin", env.get("PATH", "")])
    env["PYTHONPATH"] = os.pathsep.join(p for p in [sysconfig.get_paths()["purelib"], env.get("PYTHONPATH", "")] if p)
    env["QGIS_CUSTOM_CONFIG_PATH"] = str(config_dir)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("QGIS_OPTS", None)
    return env


def run(args: List[str], config_dir: Path, echo: bool = True) -> subprocess.CompletedProcess:
    cmd = [QGIS_PROCESS, *args]
    if echo:
        print("$ qgis_process " + " ".join(args), flush=True)
    return subprocess.run(cmd, env=environment(config_dir), capture_output=True, text=True)


def run_algorithm(alg_id: str, params: Dict[str, object], config_dir: Path) -> Dict[str, object]:
    """Run one algorithm with ``--json`` and return its results (raises with the log on failure)."""
    args = ["--json", "run", alg_id, "--"]
    for key, value in params.items():
        values = value if isinstance(value, (list, tuple)) else [value]
        for v in values:
            args.append(f"{key}={v}")
    proc = run(args, config_dir)
    if proc.returncode != 0:
        raise RuntimeError(f"{alg_id} failed (exit {proc.returncode}):\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}")
    text = proc.stdout
    return json.loads(text[text.index("{"):])
