"""Desktop smoke test: the real ``qgis`` binary under Xvfb with HyperProspect enabled.

Opens the toolbox group and the spectra dock, loads the sample cube and a spectrum, saves a screenshot
(test output; ``HP_SCREENSHOTS=DIR`` copies it there) and fails on Python errors in the message log.
"""
import os
import shutil
import sys
from pathlib import Path

import pytest

from qgis_support import REPO

sys.path.insert(0, str(REPO / "scripts"))
import qgis_desktop

sys.path.pop(0)
pytestmark = pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="xvfb-run missing (scripts/setup.sh)")


@pytest.fixture(scope="module")
def cube(tmp_path_factory):
    from models.sample_area.generator import make_sample_area

    return make_sample_area(tmp_path_factory.mktemp("area"), size=(60, 60), seed=5)["cube"]


@pytest.mark.parametrize("locale", ["", "zh-Hans"])
def test_qgis_desktop_starts_with_the_plugin_toolbox_and_dock(cube, tmp_path, locale):
    from qgis.PyQt.QtGui import QImage

    spectrum = qgis_desktop.QPS / "asd" / "bin" / "ribb00001.asd"
    result = qgis_desktop.run_desktop({"layers": [cube], "spectra": [str(spectrum)], "select": 0,
                                       "window": [1400, 900], "arrange": True}, tmp_path, locale=locale)
    assert result.get("plugin_loaded"), result.get("stderr")
    assert not qgis_desktop.python_problems(result)
    groups = result["toolbox_groups"]
    if locale:
        assert "工作流程" in groups and result["dock"]["title"] == "HyperProspect 光谱"
        assert "波长" in result["dock"]["xlabel"]
    else:
        assert {"1 · Prepare inputs", "Spectra", "Workflows"} <= set(groups)
        assert result["dock"]["status"] == "Loaded 1 spectrum."
    assert result["dock"]["visible"] and result["dock"]["rows"] == 1
    (layer,) = result["layers"]
    assert layer["valid"] and layer["renderer"] == "multibandcolor" and layer["bands"] != [1, 2, 3]
    shot = tmp_path / "qgis_main_window.png"
    assert result["screenshot_saved"] and shot.is_file()
    image = QImage(str(shot))
    assert image.width() >= 1000 and image.height() >= 700
    colours = {image.pixel(x, y) for x in range(0, image.width(), 9) for y in range(0, image.height(), 9)}
    assert len(colours) > 50  # a real window, not a black Xvfb frame
    target = os.environ.get("HP_SCREENSHOTS")
    if target:
        os.makedirs(target, exist_ok=True)
        shutil.copy(shot, Path(target) / f"qgis_smoke{'_' + locale if locale else ''}.png")


def test_a_python_error_in_qgis_is_caught_by_the_check(cube, tmp_path):
    result = qgis_desktop.run_desktop({"layers": [cube], "inject_error": True}, tmp_path)
    assert result.get("plugin_loaded")
    problems = qgis_desktop.python_problems(result)
    assert any("ZeroDivisionError" in p for p in problems), result.get("log")
