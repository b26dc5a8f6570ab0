"""The dependency check and installer (pip into a user folder) behave for users."""
import sys


from hyperprospect.models import dependencies


def test_manifest_pins_the_known_traps(repo):
    reqs = dependencies.read_requirements(repo / "requirements.txt")
    dev = dependencies.read_requirements(repo / "requirements-dev.txt")
    assert reqs["torch"] == "torch==2.13.0"  # a bare torch pulls a multi-GB CUDA build
    assert "<3" in dev["affine"]  # affine 3.0 breaks on Debian's Python 3.11.2
    assert "<2" in reqs["numpy"]  # QGIS's compiled bindings need numpy 1.x
    for module, dist in dependencies.REQUIRED_MODULES.items():
        assert dist.lower() in reqs, dist


def test_the_table_is_requirements_txt(repo):
    reqs = dependencies.read_requirements(repo / "requirements.txt")
    assert set(dependencies._USES) == set(reqs)  # every runtime package has an import name and a use
    assert [d.distribution for d in dependencies.DEPENDENCIES.values()] == list(reqs)
    assert dependencies.DEPENDENCIES["sklearn"].spec == reqs["scikit-learn"]
    # nothing at run time imports these: the start-up check must not ask users for them
    assert not {"rasterio", "torch_geometric", "affine"} & set(dependencies.DEPENDENCIES)
    assert {"safetensors", "sklearn", "matplotlib", "scipy", "pywt", "torch"} <= set(dependencies.DEPENDENCIES)


def test_every_algorithm_requirement_is_in_the_table():
    from hyperprospect.processing_provider.algorithms import ALGORITHMS

    needs = {cls.NAME: set(cls.REQUIRES) for cls in ALGORITHMS}
    for name, modules in needs.items():
        assert modules <= set(dependencies.DEPENDENCIES), (name, modules)
    assert "torch_geometric" not in needs["traingcn"]
    assert {"torch", "safetensors", "sklearn", "matplotlib"} <= needs["traingcn"]
    assert "safetensors" in needs["buildgraphs"]
    assert {"torch", "scipy", "pywt"} <= needs["identifyspectra"]


def test_refusal_names_the_menu_entry_and_the_pins():
    from hyperprospect.models.errors import MissingDependencyError

    text = str(MissingDependencyError(["scipy", "torch"], "Train GCN"))
    assert "Plugins ▸ HyperProspect ▸ Python dependencies…" in text
    assert "requirements.txt" not in text  # a ZIP install has none the user knows of
    assert '"scipy>=1.10,<1.17"' in text and '"torch==2.13.0"' in text and "whl/cpu" in text


_HIDDEN_RUN = """
import importlib.abc, json, sys

class Hide(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("scipy", "torch"):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

sys.meta_path.insert(0, Hide())
sys.path.insert(0, sys.argv[1])
from qgis.core import QgsApplication, QgsProcessingContext
app = QgsApplication([], False)
app.initQgis()
from hyperprospect.processing_provider.provider import HyperProspectProvider
provider = HyperProspectProvider()
QgsApplication.processingRegistry().addProvider(provider)
out = {}
for alg in provider.algorithms():
    if alg.name().startswith("Prospectivity"):
        continue
    ok, message = alg.checkParameterValues({}, QgsProcessingContext())
    out[alg.name()] = {"missing": alg.missing_requirements(), "ok": ok, "message": message}
print("RESULT " + json.dumps(out))
"""


def test_provider_loads_with_scipy_and_torch_hidden(tmp_path):
    import json
    import subprocess

    from qgis_support import plugins_dir

    script = tmp_path / "hidden.py"
    script.write_text(_HIDDEN_RUN)
    proc = subprocess.run([sys.executable, str(script), str(plugins_dir())], capture_output=True, text=True,
                          timeout=300)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")]
    assert proc.returncode == 0 and lines, proc.stdout + proc.stderr
    algs = json.loads(lines[0][len("RESULT "):])
    from hyperprospect.processing_provider.algorithms import ALGORITHMS

    assert set(algs) == {a.NAME for a in ALGORITHMS}  # every algorithm is there
    assert algs["traingcn"]["missing"] == ["torch"]
    assert algs["identifyspectra"]["missing"] == ["torch", "scipy"]
    assert algs["samplearea"]["missing"] == ["scipy"] and algs["distancetopluton"]["missing"] == ["scipy"]
    assert algs["bandsubset"]["missing"] == [] and algs["buildgraphs"]["missing"] == []
    refused = algs["predictheatmap"]
    assert not refused["ok"] and "torch, scipy" in refused["message"]
    assert "Python dependencies…" in refused["message"]


def test_missing_modules_reports_only_missing():
    assert dependencies.missing_modules(["json", "no_such_module_hp"]) == ["no_such_module_hp"]
    assert dependencies.missing_modules() == []  # the test venv has everything


def test_activate_puts_folder_first(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "path", list(sys.path))
    (tmp_path / "fake_pkg_hp").mkdir()
    (tmp_path / "fake_pkg_hp" / "__init__.py").write_text("VALUE = 42\n")
    assert dependencies.missing_modules(["fake_pkg_hp"]) == ["fake_pkg_hp"]
    assert dependencies.activate(tmp_path) is True
    assert sys.path[0] == str(tmp_path)
    assert dependencies.missing_modules(["fake_pkg_hp"]) == []
    assert dependencies.activate(tmp_path) is False  # idempotent


def test_pip_command_uses_manifest_and_target(tmp_path):
    cmd = dependencies.pip_command(tmp_path, python=sys.executable)
    assert cmd[:4] == [sys.executable, "-m", "pip", "install"]
    assert cmd[cmd.index("--target") + 1] == str(tmp_path)
    assert cmd[cmd.index("-r") + 1] == str(dependencies.REQUIREMENTS)


def test_install_succeeds_from_local_project(tmp_path):
    """A real pip run (offline: a local source project) lands in the target and activates it."""
    proj = tmp_path / "proj"
    (proj / "hp_local_pkg").mkdir(parents=True)
    (proj / "hp_local_pkg" / "__init__.py").write_text("OK = True\n")
    (proj / "pyproject.toml").write_text(
        '[build-system]\nrequires=["setuptools"]\nbuild-backend="setuptools.build_meta"\n'
        '[project]\nname="hp-local-pkg"\nversion="1.0"\n'
    )
    req = tmp_path / "req.txt"
    req.write_text(f"{proj}\n")
    lines = []
    target = tmp_path / "target"
    old_path = list(sys.path)
    try:
        result = dependencies.install(target, req, on_line=lines.append, python=sys.executable,
                                      extra_args=["--no-build-isolation", "--no-index"])
        assert result.ok, result.error + "\n".join(result.lines)
        assert (target / "hp_local_pkg" / "__init__.py").is_file()
        assert str(target) in sys.path
        assert result.log_path.read_text().startswith("$ ")
        assert lines
    finally:
        sys.path[:] = old_path


def test_failed_install_gives_readable_error(tmp_path):
    req = tmp_path / "req.txt"
    req.write_text("hp-no-such-package-anywhere==0.0.1\n")
    result = dependencies.install(tmp_path / "target", req, python=sys.executable, extra_args=["--no-index"])
    assert not result.ok
    assert "failed" in result.error and "hp-no-such-package-anywhere" in result.error
    assert result.log_path.is_file()


def test_algorithm_refuses_clearly_when_dependency_missing(qgis_app, monkeypatch):
    from hyperprospect.processing_provider.algorithm import HyperProspectAlgorithm
    from qgis.core import QgsProcessingContext

    class NeedsMissing(HyperProspectAlgorithm):
        NAME = "needsmissing"
        DISPLAY_NAME = "Needs a missing package"
        REQUIRES = ("no_such_module_hp",)

        def initAlgorithm(self, config=None):  # noqa: N802
            pass

    alg = NeedsMissing()
    alg.initAlgorithm()
    ok, message = alg.checkParameterValues({}, QgsProcessingContext())
    assert not ok
    assert "no_such_module_hp" in message and "Install" in message


def test_dependency_dialog_shows_missing_and_failure(qgis_app, qtbot, tmp_path):
    from hyperprospect.plugin.dependency_dialog import DependencyDialog

    req = tmp_path / "req.txt"
    req.write_text("hp-no-such-package-anywhere==0.0.1\n")
    dlg = DependencyDialog(tmp_path / "target", ["torch"], requirements=req)
    qtbot.addWidget(dlg)
    assert "torch" in dlg.label.text()
    assert dlg.install_button.isEnabled()
    with qtbot.waitSignal(dlg.installFinished, timeout=120000) as blocker:
        # --no-index keeps the test offline and fast; the failure path is what matters.
        dlg.requirements = req
        orig = dependencies.pip_command
        try:
            dependencies.pip_command = lambda t, r, python=None: orig(t, r, sys.executable) + ["--no-index"]
            dlg.start_install()
        finally:
            pass
    dependencies.pip_command = orig
    ok, error = blocker.args
    assert ok is False
    assert "hp-no-such-package-anywhere" in error
    assert "failed" in dlg.label.text()
    assert dlg.log.toPlainText().startswith("$ ")


def test_dependency_dialog_with_everything_installed_shows_no_idle_progress(qgis_app, qtbot, tmp_path):
    from hyperprospect.plugin.dependency_dialog import DependencyDialog

    dlg = DependencyDialog(tmp_path / "target", [])
    qtbot.addWidget(dlg)
    dlg.show()
    assert "available" in dlg.label.text()
    assert not dlg.progress.isVisible() and not dlg.log.isVisible() and not dlg.install_button.isVisible()
    missing = DependencyDialog(tmp_path / "target", ["torch"])
    qtbot.addWidget(missing)
    missing.show()
    assert missing.install_button.isVisible() and not missing.progress.isVisible()
