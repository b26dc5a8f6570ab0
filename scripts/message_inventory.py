"""List the English messages the compute layer can show in the GUI: the reasons a spectrometer file cannot be
read (models/spectra), the identification errors and notes (models/geospectra) and the GPS position notes.

``processing_provider/messages.py`` translates them by pattern; tests/test_message_translation.py checks that
every message found here is matched, so a new message without a pattern fails the tests.

Found by reading the source (ast): the reason of ``SpectrumFileError`` / ``AuxiliaryFileError``, the text of
``InputError``, strings appended to ``warnings`` / ``notes`` / ``failures`` lists, the last item of tuples
appended to a list (``(path, reason)``), ``reason=`` arguments (``LoadEntry``), note strings stored in a
spectrum's metadata or a ``*_NOTE`` constant, the rows of ``FRAGMENT_TABLES`` and the texts returned by the
message-building functions of ``MESSAGE_FUNCTIONS``.  Each message becomes one or more *samples*: the literal
text with every value shown as ``1`` (``'1'`` for ``!r``), and one sample per branch where the text depends on
a condition (``gap{'s' if n > 1 else ''}``).  Messages made only of values (``{exc.reason}``) pass another
message through and are left out.

The typed errors that stop the other algorithms (``InputError``, ``WorkerCrashed``, ``MissingDependencyError``
of ERROR_SOURCES: rasters, graphs, training, prediction, evaluation, sample area, mosaic, model files, worker,
device) are listed by ``error_messages()``; they must have a pattern and come out in Chinese too.

Usage: python scripts/message_inventory.py [--logs] [--errors]   (one line per message: file:line, then its
       samples; --logs adds the other algorithms' log texts, LOG_SOURCES; --errors their errors, ERROR_SOURCES)
"""
from __future__ import annotations

import ast
import itertools
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional

REPO = Path(__file__).resolve().parents[1]
SOURCES = ("models/spectra/_common.py", "models/spectra/_axis.py", "models/spectra/spectrum.py",
           "models/spectra/registry.py", "models/spectra/readers/*.py", "models/geospectra/inference.py",
           "models/geospectra/features.py", "models/geospectra/jobs.py", "models/geospectra/fast_map.py",
           "models/mosaic/minerals.py")
ERRORS = {"SpectrumFileError": 1, "AuxiliaryFileError": 1, "InputError": 0}  # class → index of the message argument
LISTS = {"warnings", "notes", "failures"}
MESSAGE_FUNCTIONS = {"_unknown_reason", "featureless_note", "coverage_text", "coverage_problem", "_describe_disorder"}
FRAGMENT_TABLES = {"_SIGNATURES": 1}  # module tables of message parts: which column
FILLER = "1"
MAX_VARIANTS = 16
# What the other algorithms relay to their log (issue 18): progress texts (``progress.update(fraction, text)``,
# ``progress.iterate(..., message=text)``: epochs, steps), strings appended to ``warnings`` / ``notes`` lists and the
# texts returned by LOG_FUNCTIONS (the poor-model warning, the targets' summary).  Errors are not listed here.
LOG_SOURCES = ("models/gcn/*.py", "models/heatmap/*.py", "models/raster/distance.py", "models/raster/band_subset.py",
               "models/graphs/tiling.py", "models/evaluation/heatmap_score.py", "models/mosaic/*.py",
               "models/sample_area/generator.py", "models/geospectra/mineral_map.py", "models/geospectra/inference.py")
LOG_FUNCTIONS = {"quality_warning", "summary"}
# The errors that stop the other algorithms (shown through translate_message by processing_provider/algorithm.py):
# the message of ERROR_CLASSES raised by these modules, and the text an error class builds itself
# (``super().__init__(text)``, MissingDependencyError); with the mineral map's and the GeoSpectra model file's
# (the rest of models/geospectra is in SOURCES).  models/commands is the CLI's; models/diagnostics.py and
# models/progress.py only raise what no algorithm shows (the worker check, CancelledError); library.py and
# recipe.py of models/geospectra serve the training script only.
ERROR_SOURCES = ("models/raster/*.py", "models/graphs/*.py", "models/gcn/*.py", "models/heatmap/*.py",
                 "models/evaluation*/*.py", "models/sample_area/*.py", "models/mosaic/*.py", "models/container.py",
                 "models/worker.py", "models/device.py", "models/distributed.py", "models/dependencies.py",
                 "models/errors.py", "models/geospectra/mineral_map.py", "models/geospectra/model_file.py",
                 "models/geospectra/grid.py", "models/geospectra/references.py")
ERROR_CLASSES = {"InputError": 0, "WorkerCrashed": 0}
ERROR_FUNCTIONS = {"install_hint"}  # message parts the errors are built with
ERROR_LISTS = {"problems"}  # lists of message parts joined into an error (the differences of two grids)


@dataclass
class Message:
    where: str
    samples: List[str]


def _scope_strings(func: Optional[ast.AST], module: ast.Module) -> Dict[str, ast.AST]:
    """Names assigned exactly once in ``func`` (or at module level) → their expression."""
    counts: Dict[str, int] = {}
    exprs: Dict[str, ast.AST] = {}
    for tree in (module, func) if func is not None else (module,):
        body = ast.walk(tree) if tree is func else iter(tree.body)
        for node in body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                name = node.targets[0].id
                counts[name] = counts.get(name, 0) + 1
                exprs[name] = node.value
    return {n: e for n, e in exprs.items() if counts[n] == 1}


def _variants(node: ast.AST, names: Dict[str, ast.AST], depth: int = 0) -> List[str]:
    """The texts ``node`` can build, values shown as FILLER."""
    if depth > 6:
        return [FILLER]
    again = lambda n: _variants(n, names, depth + 1)  # noqa: E731
    if isinstance(node, ast.Constant):
        return [node.value] if isinstance(node.value, str) else [FILLER]
    if isinstance(node, ast.JoinedStr):
        return _product([again(v) for v in node.values])
    if isinstance(node, ast.FormattedValue):
        inner = again(node.value)
        return [repr(v) for v in inner] if node.conversion == ord("r") else inner
    if isinstance(node, ast.IfExp):
        return list(dict.fromkeys(again(node.body) + again(node.orelse)))
    if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or):
        return list(dict.fromkeys(v for value in node.values for v in again(value)))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and any(map(_is_text, (node.left, node.right))):
        return _product([again(node.left), again(node.right)])  # text + text, not offset + size
    if isinstance(node, ast.Name) and node.id in names:
        return again(names[node.id])
    return [FILLER]


def _is_text(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):  # "a" + name + "b"
        return any(map(_is_text, (node.left, node.right)))
    return isinstance(node, (ast.JoinedStr, ast.IfExp))


def _product(parts: List[List[str]]) -> List[str]:
    return ["".join(p) for p in itertools.islice(itertools.product(*parts), MAX_VARIANTS)]


def _is_message(text: str) -> bool:
    """False for texts made only of values and punctuation (a message passed through)."""
    return any(c.isalpha() for c in text.replace(FILLER, ""))


def _call_name(node: ast.Call) -> str:
    f = node.func
    return f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")


def _found(node: ast.AST, func: Optional[ast.AST]) -> Optional[ast.AST]:
    """The message expression ``node`` builds, or None."""
    if isinstance(node, ast.Call):
        name = _call_name(node)
        if name in ERRORS and len(node.args) > ERRORS[name]:
            return node.args[ERRORS[name]]
        f = node.func
        if name == "append" and isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and node.args:
            if f.value.id in LISTS:
                return node.args[0]
            if isinstance(node.args[0], ast.Tuple) and node.args[0].elts:  # (path, reason) / (i, name, reason)
                return node.args[0].elts[-1]
        reason = next((k.value for k in node.keywords if k.arg == "reason"), None)
        if reason is not None:  # LoadEntry(..., reason=...)
            return reason
    if isinstance(node, ast.Assign) and len(node.targets) == 1:
        target = node.targets[0]
        if isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Constant) \
                and str(target.slice.value).endswith("note"):
            return node.value
        if isinstance(target, ast.Name) and target.id.endswith("_NOTE"):
            return node.value
    if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name) and node.target.id in LISTS \
            and isinstance(node.value, ast.ListComp):
        return node.value.elt
    if isinstance(node, ast.Return) and node.value is not None and func is not None \
            and getattr(func, "name", "") in MESSAGE_FUNCTIONS:
        return node.value
    return None


def _functions(module: ast.Module):
    """(node, enclosing function or None) for every node of the module."""
    def visit(node, func):
        for child in ast.iter_child_nodes(node):
            inner = child if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else func
            yield child, inner
            yield from visit(child, inner)
    yield from visit(module, None)


def messages() -> List[Message]:
    out: List[Message] = []
    for pattern in SOURCES:
        for path in sorted(REPO.glob(pattern)):
            module = ast.parse(path.read_text(encoding="utf-8"))
            rel = path.relative_to(REPO).as_posix()
            for node, func in _functions(module):
                if isinstance(node, ast.Assign) and len(node.targets) == 1 \
                        and isinstance(node.targets[0], ast.Name) and node.targets[0].id in FRAGMENT_TABLES:
                    column = FRAGMENT_TABLES[node.targets[0].id]
                    for row in getattr(node.value, "elts", []):
                        if isinstance(row, ast.Tuple) and len(row.elts) > column:
                            out.append(Message(f"{rel}:{row.lineno}", _variants(row.elts[column], {})))
                    continue
                expr = _found(node, func)
                if expr is None:
                    continue
                samples = [s for s in _variants(expr, _scope_strings(func, module)) if _is_message(s)]
                if samples:
                    out.append(Message(f"{rel}:{node.lineno}", list(dict.fromkeys(samples))))
    return out


def _log_found(node: ast.AST, func: Optional[ast.AST]) -> Optional[ast.AST]:
    """The log text ``node`` builds (see LOG_SOURCES), or None."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
            and isinstance(node.func.value, ast.Name) and node.func.value.id == "progress":
        if node.func.attr == "update" and len(node.args) == 2:
            return node.args[1]
        if node.func.attr == "iterate":
            return next((k.value for k in node.keywords if k.arg == "message"), None)
    if isinstance(node, ast.Call) and _call_name(node) == "append" and isinstance(node.func, ast.Attribute) \
            and isinstance(node.func.value, ast.Name) and node.func.value.id in ("warnings", "notes") and node.args:
        return node.args[0]
    if isinstance(node, ast.Return) and node.value is not None and func is not None \
            and getattr(func, "name", "") in LOG_FUNCTIONS:
        return node.value
    return None


def _collect(sources, found) -> List[Message]:
    """Every text ``found(node, function)`` picks out of the modules matching ``sources``."""
    out: List[Message] = []
    for pattern in sources:
        for path in sorted(REPO.glob(pattern)):
            module = ast.parse(path.read_text(encoding="utf-8"))
            rel = path.relative_to(REPO).as_posix()
            for node, func in _functions(module):
                expr = found(node, func)
                if expr is None:
                    continue
                samples = [s for s in _variants(expr, _scope_strings(func, module)) if _is_message(s)]
                if samples:
                    out.append(Message(f"{rel}:{node.lineno}", list(dict.fromkeys(samples))))
    return out


def log_messages() -> List[Message]:
    """The texts of LOG_SOURCES that the algorithms show in their log (translated by pattern)."""
    return _collect(LOG_SOURCES, _log_found)


def _error_found(node: ast.AST, func: Optional[ast.AST]) -> Optional[ast.AST]:
    """The message of an error ``node`` raises or builds (see ERROR_SOURCES), or None."""
    if isinstance(node, ast.Call):
        name = _call_name(node)
        if name in ERROR_CLASSES and len(node.args) > ERROR_CLASSES[name]:
            return node.args[ERROR_CLASSES[name]]
        f = node.func
        if name == "__init__" and isinstance(f, ast.Attribute) and isinstance(f.value, ast.Call) \
                and _call_name(f.value) == "super" and node.args:
            return node.args[0]
        if name == "append" and isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) \
                and f.value.id in ERROR_LISTS and node.args:
            return node.args[0]
    if isinstance(node, ast.Return) and node.value is not None and func is not None \
            and getattr(func, "name", "") in ERROR_FUNCTIONS:
        return node.value
    return None


def error_messages() -> List[Message]:
    """The errors of ERROR_SOURCES that stop an algorithm (translated by pattern)."""
    return _collect(ERROR_SOURCES, _error_found)


def main() -> int:
    found = messages() + (log_messages() if "--logs" in sys.argv else []) \
        + (error_messages() if "--errors" in sys.argv else [])
    for m in found:
        print(m.where, *m.samples, sep="\n    ")
    print(f"{len(found)} messages, {sum(len(m.samples) for m in found)} samples")
    return 0


if __name__ == "__main__":
    sys.exit(main())
