"""Test set-up: the plugin is importable as ``hyperprospect`` (its installed name)."""
import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from qgis_support import REPO, SHARED_DATA, make_profile, plugins_dir

sys.path.insert(0, str(plugins_dir()))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.fail(f"../shared/data not found beside the repository ({SHARED_DATA})")
    return SHARED_DATA


@pytest.fixture(scope="session")
def qgis_profile(tmp_path_factory) -> Path:
    """A QGIS config folder (for QGIS_CUSTOM_CONFIG_PATH) with HyperProspect installed."""
    return make_profile(tmp_path_factory.mktemp("qgis-config"))


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="module")
def provider(qgis_app, qgis_processing):
    """The plugin's Processing provider, registered as QGIS does when the plugin loads."""
    import hyperprospect

    plugin = hyperprospect.classFactory(None)
    plugin.initProcessing()
    yield plugin.provider
    plugin.unload()
