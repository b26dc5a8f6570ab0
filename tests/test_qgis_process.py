"""Drive qgis_process as a user scripting HyperProspect would (plugin in a QGIS profile)."""
import json

from qgis_support import run_qgis_process


def test_plugins_lists_hyperprospect_enabled(qgis_profile):
    proc = run_qgis_process(["plugins"], qgis_profile)
    assert proc.returncode == 0, proc.stderr
    lines = [ln for ln in proc.stdout.splitlines() if "hyperprospect" in ln]
    assert lines, proc.stdout
    assert lines[0].lstrip().startswith("*"), lines  # '*' marks an enabled plugin


def test_list_shows_provider_and_algorithms(qgis_profile):
    proc = run_qgis_process(["list"], qgis_profile)
    assert proc.returncode == 0, proc.stderr
    assert "HyperProspect" in proc.stdout
    assert "hyperprospect:checkdependencies" in proc.stdout


def test_run_algorithm_json(qgis_profile):
    proc = run_qgis_process(["--json", "run", "hyperprospect:checkdependencies"], qgis_profile)
    assert proc.returncode == 0, proc.stderr + proc.stdout
    payload = json.loads(proc.stdout[proc.stdout.index("{"):])
    assert payload["results"]["MISSING"] == ""
