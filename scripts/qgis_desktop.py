"""Start the real QGIS desktop under Xvfb with HyperProspect enabled, and script it (scripts/qgis_desktop_startup.py).

Used by tests/test_desktop_smoke.py, and on its own to refresh the README's screenshot of the main window
with the styled heatmap and the spectra dock (one command; needs the Debian packages xvfb and xauth)::

    bash -c 'source scripts/env.sh && .venv/bin/python scripts/qgis_desktop.py docs/images/qgis_main_window.png'

which makes a small sample area, runs the prospectivity workflow on it through qgis_process and takes the
picture.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Dict, Sequence

REPO = Path(__file__).resolve().parents[1]
STARTUP = REPO / "scripts" / "qgis_desktop_startup.py"
QPS = REPO.parent / "shared" / "data" / "spectrometer_files" / "qps_testdata" / "qpstestdata"
QUIET_SETTINGS = """
[qgis]
checkVersion=false
showTips=false
[core]
NewsFeed\\httpsfeedqgisorg\\disabled=true
"""


def _support():
    sys.path.insert(0, str(REPO / "tests"))
    try:
        import qgis_support
    finally:
        sys.path.pop(0)
    return qgis_support


def run_desktop(config: Dict[str, Any], work: Path, timeout: float = 240.0,
                screen: str = "1600x1000x24", locale: str = "") -> Dict[str, Any]:
    """Run QGIS with ``config`` (see the startup script) and return what it reported, plus its stderr."""
    if shutil.which("xvfb-run") is None:
        raise RuntimeError("xvfb-run not found (Debian: apt-get install xvfb xauth; scripts/setup.sh does it)")
    support = _support()
    work.mkdir(parents=True, exist_ok=True)
    profile = support.make_profile(work / "qgis-config")
    ini = profile / "profiles" / "default" / "QGIS" / "QGIS3.ini"
    locale_settings = f"[locale]\noverrideFlag=true\nuserLocale={locale}\n" if locale else ""
    ini.write_text(ini.read_text() + QUIET_SETTINGS + locale_settings)
    config = {"result": str(work / "result.json"), "screenshot": str(work / "qgis_main_window.png"), **config}
    cfg = work / "desktop_config.json"
    cfg.write_text(json.dumps(config), encoding="utf-8")
    env = support.qgis_process_env(profile)
    env.pop("QT_QPA_PLATFORM", None)  # a real X server (Xvfb), not offscreen
    env["HP_DESKTOP_CONFIG"] = str(cfg)
    cmd = ["xvfb-run", "-a", "-s", f"-screen 0 {screen}", "qgis", "--nologo", "--noversioncheck",
           "--code", str(STARTUP)]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)
    result_path = Path(config["result"])
    result = json.loads(result_path.read_text(encoding="utf-8")) if result_path.is_file() else {}
    result["returncode"], result["stderr"] = proc.returncode, proc.stderr[-20000:]
    return result


def python_problems(result: Dict[str, Any]) -> Sequence[str]:
    """Python errors in the message log, and Python warnings raised by or through HyperProspect."""
    out = list(result.get("errors", []))
    for entry in result.get("log", []):
        tag, msg = entry["tag"], entry["message"]
        if tag == "Python error":
            out.append(msg)
        elif tag == "Python warning" and ("hyperprospect" in msg.lower() or "Glyph" in msg):
            out.append(msg)
    return out


def _workflow_outputs(work: Path) -> Dict[str, str]:
    """A sample area and the workflow's heatmap on it, through qgis_process (as a user would run it)."""
    support = _support()
    sys.path.insert(0, str(REPO))
    from models.sample_area.generator import make_sample_area

    area = make_sample_area(work / "area", size=(160, 160), seed=7)
    profile = support.make_profile(work / "process-config")
    heat = work / "prospectivity.tif"
    args = ["run", "hyperprospect:Prospectivity workflow", "--",
            f"cube={area['cube']}", f"plutons={area['plutons']}", f"faults={area['faults']}",
            f"known={area['pegmatites_known']}", "epochs=120", "stride=5", "baselines=false",
            f"train:model={work / 'model.hpm'}", f"train:report={work / 'report'}", f"predict:heatmap={heat}"]
    proc = support.run_qgis_process(args, profile, timeout=1800)
    if proc.returncode != 0:
        raise RuntimeError(proc.stdout[-3000:] + proc.stderr[-3000:])
    return {"cube": area["cube"], "heatmap": str(heat), "plutons": area["plutons"], "faults": area["faults"]}


def main(argv: Sequence[str]) -> int:
    target = Path(argv[0]) if argv else REPO / "docs" / "images" / "qgis_main_window.png"
    work = Path(tempfile.mkdtemp(prefix="hp-desktop-"))
    outputs = _workflow_outputs(work)
    usgs = REPO.parent / "shared" / "data" / "usgs_splib07a" / "ASCIIdata_splib07a" / "ChapterM_Minerals"
    spectra = [str(usgs / "splib07a_Lepidolite_HS167.4B_ASDFRb_AREF.txt"),
               str(QPS / "asd" / "gps" / "ww00045.asd")]
    result = run_desktop({"layers": [outputs["cube"], outputs["heatmap"], outputs["plutons"], outputs["faults"]],
                          "spectra": spectra, "window": [1600, 1000], "outlines": True, "identify": True,
                          "select": 0, "timeout_ms": 300000}, work, timeout=400)
    problems = python_problems(result)
    if problems or not result.get("screenshot_saved"):
        print("\n".join(problems) or result.get("stderr", ""), file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(work / "qgis_main_window.png", target)
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
