"""models/ is the QGIS-free compute layer: it never imports qgis or PyQt."""
import ast
import subprocess
import sys

FORBIDDEN = ("qgis", "PyQt5", "PyQt6", "PyQt4", "sip", "PySide2", "PySide6", "processing")


def _imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def test_models_source_imports_no_qgis(repo):
    offenders = []
    files = sorted((repo / "models").rglob("*.py"))
    assert files
    for path in files:
        for name in _imports(path):
            if name.split(".")[0] in FORBIDDEN:
                offenders.append(f"{path.relative_to(repo)}: import {name}")
    assert not offenders, "models/ must not import QGIS or Qt:\n" + "\n".join(offenders)


def test_importing_every_models_module_loads_no_qgis(repo):
    """Import each module (in a clean interpreter) and check no Qt/QGIS module got loaded."""
    code = (
        "import importlib, pkgutil, sys\n"
        "import models\n"
        "failed = []\n"
        "for m in pkgutil.walk_packages(models.__path__, 'models.'):\n"
        "    if m.name.endswith('__main__'): continue\n"
        "    try: importlib.import_module(m.name)\n"
        "    except ImportError as e: failed.append((m.name, str(e)))\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in %r)\n"
        "print(bad); print(failed)\n"
        "sys.exit(1 if bad else 0)\n" % (FORBIDDEN,)
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=repo, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
