"""``python -m models`` works from the repository root without QGIS."""
import json
import subprocess
import sys


def _run(repo, *args):
    # Start without the Qt platform so a stray QGIS import would fail loudly.
    return subprocess.run([sys.executable, "-m", "models", *args], cwd=repo, capture_output=True, text=True,
                          timeout=120)


def test_help_lists_commands(repo):
    proc = _run(repo, "--help")
    assert proc.returncode == 0, proc.stderr
    assert "python -m models" in proc.stdout
    assert "info" in proc.stdout


def test_info_json(repo):
    proc = _run(repo, "info", "--json")
    assert proc.returncode == 0, proc.stderr
    info = json.loads(proc.stdout)
    assert info["packages"]["torch"] is True
    assert info["devices"].startswith("cpu")  # what --device can use here


def test_unknown_command_fails(repo):
    proc = _run(repo, "no-such-command")
    assert proc.returncode != 0
