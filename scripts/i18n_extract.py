"""Collect the user-visible strings of plugin/ and processing_provider/ (tr(...) / plural(...) literals, the
algorithms' DISPLAY_NAME / SHORT_HELP / HELP_PARAMETERS / GROUPS, the dock's TOOLS tooltips, FEATURES marker
labels and MESSAGE_PATTERNS templates), the GeoSpectra mineral names and the shipped models' names and groups,
write i18n/hyperprospect_zh_CN.ts with the translations of i18n/zh_CN*.json (merged; one file per topic keeps
merges apart), and compile it with lrelease (Debian: qttools5-dev-tools).

Usage: python scripts/i18n_extract.py [--list-missing]    (one command: the .ts and .qm are reproducible)
"""
from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parents[1]
CONTEXT = "HyperProspect"
ATTRS = {"DISPLAY_NAME", "SHORT_HELP"}
TUPLE_COLUMNS = {"TOOLS": 2, "FEATURES": 1, "MESSAGE_PATTERNS": 1}  # module tables: which column is shown


def _literal(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        a, b = _literal(node.left), _literal(node.right)
        return a + b if a is not None and b is not None else None
    return None


def _list_literals(node) -> list:
    """The string items of a list literal, or of lists joined with + (``["(none)"] + [...]``)."""
    if isinstance(node, ast.List):
        return [s for s in (_literal(e) for e in node.elts) if s]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _list_literals(node.left) + _list_literals(node.right)
    return []


def strings() -> list:
    found = []
    for folder in ("plugin", "processing_provider"):
        for path in sorted((REPO / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Call):
                    f = node.func
                    name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
                    if name == "tr" and node.args:
                        s = _literal(node.args[0])
                        if s:
                            found.append(s)
                    elif name == "translate" and len(node.args) >= 2:
                        s = _literal(node.args[1])
                        if s:
                            found.append(s)
                    # parameter helpers: self.add_xxx("NAME", "Description", ...)
                    elif name.startswith("add_") and len(node.args) >= 2:
                        s = _literal(node.args[1])
                        if s:
                            found.append(s)
                        # list options: add_enum("NAME", "Description", ["Option", ...])
                        if name == "add_enum" and len(node.args) >= 3:
                            found += _list_literals(node.args[2])
                    elif name == "plural" and len(node.args) >= 3:
                        found += [s for s in (_literal(a) for a in node.args[1:3]) if s]
                elif isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
                    names = node.targets if isinstance(node, ast.Assign) else [node.target]
                    targets = [t.id for t in names if isinstance(t, ast.Name)]
                    if any(t in ATTRS for t in targets):
                        s = _literal(node.value)
                        if s:
                            found.append(s)
                    if "HELP_PARAMETERS" in targets and isinstance(node.value, ast.Tuple):
                        for pair in node.value.elts:
                            if isinstance(pair, ast.Tuple) and len(pair.elts) == 2:
                                found += [s for s in (_literal(e) for e in pair.elts) if s]
                    if targets and targets[0] in TUPLE_COLUMNS and isinstance(node.value, (ast.Tuple, ast.List)):
                        column = TUPLE_COLUMNS[targets[0]]
                        for row in node.value.elts:
                            if isinstance(row, ast.Tuple) and len(row.elts) > column:
                                s = _literal(row.elts[column])
                                if s:
                                    found.append(s)
                    if "GROUPS" in targets and isinstance(node.value, ast.Dict):
                        found += [s for s in (_literal(v) for v in node.value.values) if s]
    return list(dict.fromkeys(found + model_strings() + mineral_names()))


def _option(node, name: str):
    """The child ``<Option name=...>`` of a model3 map element, or None."""
    return next((child for child in node if child.get("name") == name), None)


def model_strings() -> list:
    """What the shipped graphical models show: name and group (toolbox), description (help), the inputs'
    labels and the outputs' names (dialog); see processing_provider/provider.py TranslatedModel."""
    import xml.etree.ElementTree as ET

    out = []
    for path in sorted((REPO / "resources" / "models").glob("*.model3")):
        root = ET.parse(path).getroot()
        for key in ("model_name", "model_group"):
            node = _option(root, key)
            out.append(node.get("value") if node is not None else "")
        help_map = _option(root, "help")
        if help_map is not None and _option(help_map, "ALG_DESC") is not None:
            out.append(_option(help_map, "ALG_DESC").get("value"))
        for parameter in _option(root, "parameterDefinitions") or []:
            node = _option(parameter, "description")
            out.append(node.get("value") if node is not None else "")
        for child in _option(root, "children") or []:
            for output in _option(child, "outputs") or []:
                node = _option(output, "component_description")  # the dialog shows this
                out.append(node.get("value") if node is not None else "")
    return [s for s in out if s]


def mineral_names() -> list:
    """The GeoSpectra classes (shown in the dock's table, candidates and reference legend)."""
    sys.path.insert(0, str(REPO))
    try:
        from models.geospectra.references import load_references
    finally:
        sys.path.pop(0)
    return sorted(load_references())


def translations() -> dict:
    table = {}
    for path in sorted((REPO / "i18n").glob("zh_CN*.json")):
        table.update(json.loads(path.read_text(encoding="utf-8")))
    return table


def main() -> int:
    texts = strings()
    table = translations()
    missing = [t for t in texts if t not in table]
    if "--list-missing" in sys.argv:
        print(json.dumps({t: "" for t in missing}, ensure_ascii=False, indent=1))
        return 0
    out = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>", '<TS version="2.1" language="zh_CN">',
           "<context>", f"    <name>{CONTEXT}</name>"]
    for t in texts:
        tr = table.get(t)
        out.append("    <message>")
        out.append(f"        <source>{escape(t)}</source>")
        out.append(f"        <translation>{escape(tr)}</translation>" if tr else
                   '        <translation type="unfinished"></translation>')
        out.append("    </message>")
    out += ["</context>", "</TS>", ""]
    ts = REPO / "i18n" / "hyperprospect_zh_CN.ts"
    ts.write_text("\n".join(out), encoding="utf-8")
    lrelease = shutil.which("lrelease") or "/usr/lib/qt5/bin/lrelease"
    subprocess.run([lrelease, str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)
    print(f"{len(texts)} strings, {len(texts) - len(missing)} translated; missing: {len(missing)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
