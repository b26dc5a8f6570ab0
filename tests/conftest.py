"""Test set-up: the plugin is importable as ``hyperprospect`` (its installed name)."""
import gc
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


OUR_CODE = tuple(str(REPO / d) + os.sep for d in ("models", "plugin", "processing_provider"))


@pytest.fixture(autouse=True)
def no_new_warnings_from_our_code():
    """Fail a test when our code warns (issue 18.6: the warnings tab filled with our ResourceWarnings and
    matplotlib's missing-glyph warnings for our Chinese labels). Deprecation warnings are left to pytest.ini."""
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warnings.filterwarnings("ignore", category=DeprecationWarning)
        warnings.filterwarnings("ignore", category=PendingDeprecationWarning)
        yield
    ours = [w for w in caught
            if str(Path(w.filename).resolve()).startswith(OUR_CODE) or issubclass(w.category, ResourceWarning)
            or "missing from current font" in str(w.message)]
    for w in caught:  # pass the others on, as pytest would have shown them
        if w not in ours:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    if ours:
        pytest.fail("warnings from HyperProspect's code:\n" + "\n".join(
            f"{w.filename}:{w.lineno}: {w.category.__name__}: {w.message}" for w in ours), pytrace=False)


_EXIT = {"status": 0}


def pytest_sessionfinish(session, exitstatus):
    _EXIT["status"] = int(exitstatus)
    if "distributed" in sys.modules:
        # a garbage collection during the summary (plugins import modules there) crashed in objects Dask's
        # leftover threads still use; nothing needs collecting any more
        gc.disable()


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    """After a Dask client ran in this (QGIS) process, interpreter teardown can crash in the threads Dask
    leaves behind (segfault after the summary, every test passed): once pytest has reported, leave with
    its exit status directly."""
    if "distributed" in sys.modules:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_EXIT["status"])
