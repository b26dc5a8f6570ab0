"""A fuzzer for every file the user can hand HyperProspect: spectrometer files and the model/graph containers.

Each input is a seed file (real or synthetic, see :mod:`fuzz.seeds`) changed by one to three mutations
(truncation, flipped/inserted/deleted bytes, tokens spliced into text, swapped lines, zeroed blocks,
random bytes behind a format's signature, and edits of the JSON header of safetensors containers).
Input ``i`` is a pure function of ``(seed, i)``, so any failure can be replayed.

The contract checked per input: the loader returns, or raises a
:class:`~models.errors.HyperProspectError` (for spectrometer readers: a
:class:`~models.spectra.SpectrumFileError` naming the file).  Anything else escaping is a failure;
an input running longer than the time limit is a hang.  The inputs run in a child process under an
address-space limit so that a file claiming a huge network fails to allocate instead of exhausting the
machine; the parent kills the child on a hang and carries on with the next input.
"""
from __future__ import annotations

import json
import multiprocessing as mp
import os
import random
import resource
import struct
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

TOKENS = [b"nan", b"-1.23e34", b"1e308", b"-1e308", b"-", b"", b"9" * 40, b",", b"inf", b"-0", b"1,5", b";",
          b"\t", b"\n", b"\r\n", b"\x00", b"e", b"}", b"{", b"=", b":", b"0", b"-1", b"4294967295", b"65535",
          b"##END=", b"##XYDATA=(X++(Y..Y))", b"Data:", b"Name:", b"X Units:", b"@", b"?", b"Ahundred",
          b"\xff\xfe", b"\xef\xbb\xbf", b"Number of X Values: 999999999", b"samples = 0", b"lines = -1",
          b"data type = 99", b"header offset = 99999999999"]
JSON_VALUES = [0, -1, 1, 2 ** 31, 2 ** 63, 10 ** 9, 1e308, -1e308, None, "", "x", [], {}, [1, 2], {"a": 1}, True,
               "F32", "I64", [2 ** 40, 2], [0, 2 ** 62], float("nan")]


@dataclass
class Outcome:
    target: str
    index: int
    kind: str  # "ok", "refused", "failure", "hang"
    detail: str = ""


@dataclass
class Report:
    inputs: int = 0
    counts: Dict[Tuple[str, str], int] = field(default_factory=dict)
    failures: List[Outcome] = field(default_factory=list)
    seconds: float = 0.0

    def add(self, outcome: Outcome) -> None:
        self.inputs += 1
        key = (outcome.target, outcome.kind)
        self.counts[key] = self.counts.get(key, 0) + 1
        if outcome.kind in ("failure", "hang"):
            self.failures.append(outcome)

    def summary(self) -> str:
        targets = sorted({t for t, _ in self.counts})
        lines = [f"{'target':<18}{'ok':>8}{'refused':>9}{'failure':>9}{'hang':>6}"]
        for t in targets:
            lines.append(f"{t:<18}" + "".join(f"{self.counts.get((t, k), 0):>{w}}"
                                               for k, w in (("ok", 8), ("refused", 9), ("failure", 9), ("hang", 6))))
        for f in self.failures[:20]:
            lines.append(f"FAIL {f.target} input {f.index}: {f.kind}: {f.detail}")
        lines.append(f"{self.inputs} inputs ({len(self.failures)} failures, {self.seconds:.0f} s)")
        return "\n".join(lines)


# --- targets ------------------------------------------------------------------------------------

def targets() -> Dict[str, Tuple[Callable, type]]:
    """name → (loader, the error type allowed to escape)."""
    from models.errors import HyperProspectError
    from models.gcn.model_file import load_model as load_gcn
    from models.geospectra.model_file import load_model as load_geospectra
    from models.graphs import GraphDataset
    from models.spectra import SpectrumFileError, read_spectra
    from models.spectra.readers import READERS

    out: Dict[str, Tuple[Callable, type]] = {r.__name__.rsplit(".", 1)[-1]: (r.read, SpectrumFileError)
                                             for r in READERS}
    out["registry"] = (read_spectra, SpectrumFileError)
    out["gcn_model"] = (load_gcn, HyperProspectError)
    out["graph_dataset"] = (GraphDataset.load, HyperProspectError)
    out["geospectra_model"] = (load_geospectra, HyperProspectError)
    return out


# --- mutations -----------------------------------------------------------------------------------

def _safetensors_header(data: bytes) -> Optional[Tuple[dict, bytes]]:
    if len(data) < 10:
        return None
    (n,) = struct.unpack("<Q", data[:8])
    if n > len(data) - 8:
        return None
    try:
        return json.loads(data[8:8 + n]), data[8 + n:]
    except (ValueError, UnicodeDecodeError):
        return None


def _leaves(obj, path=()):
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _leaves(v, path + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _leaves(v, path + (i,))
    yield path


def _set(obj, path, value):
    for key in path[:-1]:
        obj = obj[key]
    obj[path[-1]] = value


def _mutate_json(doc, rng: random.Random):
    """Change one leaf (or subtree) of a JSON document; metadata strings holding JSON are parsed and edited."""
    paths = [p for p in _leaves(doc) if p]
    if not paths:
        return rng.choice(JSON_VALUES)
    path = rng.choice(paths)
    target = doc
    for key in path:
        target = target[key]
    if isinstance(target, str) and target.startswith("{") and rng.random() < 0.8:
        try:
            inner = json.loads(target)
        except ValueError:
            inner = None
        if inner is not None:
            _set(doc, path, json.dumps(_mutate_json(inner, rng)))
            return doc
    choice = rng.random()
    if choice < 0.15:
        parent = doc
        for key in path[:-1]:
            parent = parent[key]
        if isinstance(parent, dict):
            del parent[path[-1]]
            return doc
    if isinstance(target, (int, float)) and not isinstance(target, bool) and choice < 0.6:
        value = rng.choice([target * rng.choice([-1, 0, 2, 10, 1000, 10 ** 6]), target + rng.choice([-1, 1]),
                            rng.choice(JSON_VALUES)])
    else:
        value = rng.choice(JSON_VALUES)
    _set(doc, path, value)
    return doc


def _json_edit(data: bytes, rng: random.Random) -> Optional[bytes]:
    parsed = _safetensors_header(data)
    if parsed is None:
        return None
    doc, body = parsed
    meta = doc.get("__metadata__") if isinstance(doc, dict) else None
    meta = meta if isinstance(meta, dict) else {}
    inner = [k for k, v in meta.items() if isinstance(v, str) and v.startswith("{")]
    if inner and rng.random() < 0.6:  # the JSON description inside the metadata: where the loader decides most
        key = rng.choice(inner)
        try:
            meta[key] = json.dumps(_mutate_json(json.loads(meta[key]), rng))
        except (ValueError, TypeError):  # already broken by an earlier mutation
            return None
    else:
        doc = _mutate_json(doc, rng)
    try:
        header = json.dumps(doc).encode()
    except (TypeError, ValueError):
        return None
    if rng.random() < 0.1:
        header += b" " * rng.randint(0, 16)
    return struct.pack("<Q", len(header)) + header + body


def _header_len(data: bytes) -> int:
    parsed = len(data) >= 8 and struct.unpack("<Q", data[:8])[0]
    return int(parsed) + 8 if parsed and parsed < len(data) else min(len(data), 4096)


def mutate(data: bytes, rng: random.Random, binary_container: bool) -> bytes:
    kind = rng.choice(["truncate", "flip", "insert", "delete", "token", "lines", "zeros", "number", "random"]
                      + (["json"] * 6 if binary_container else []))
    n = len(data)
    # containers: most mutations go to the JSON header, where the loader's decisions are made
    span = _header_len(data) if binary_container and rng.random() < 0.8 else n
    pos = rng.randrange(max(span, 1))
    if kind == "json":
        edited = _json_edit(data, rng)
        if edited is not None:
            return edited
        kind = "flip"
    if kind == "truncate":
        return data[:rng.randrange(max(n, 1))]
    if kind == "flip" and n:
        out = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            out[rng.randrange(span or n)] = rng.randrange(256)
        return bytes(out)
    if kind == "insert":
        return data[:pos] + rng.randbytes(rng.randint(1, 64)) + data[pos:]
    if kind == "delete":
        return data[:pos] + data[pos + rng.randint(1, 4096):]
    if kind == "zeros":
        return data[:pos] + bytes(rng.randint(1, 512)) + data[pos + 512:]
    if kind == "token":
        return data[:pos] + rng.choice(TOKENS) + data[pos + rng.randint(0, 12):]
    if kind == "number":
        import re
        numbers = [m.span() for m in re.finditer(rb"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?", data[:65536])]
        if numbers:
            a, b = rng.choice(numbers)
            numbers = [b"0", b"-1", b"1e308", b"99999999999", b"nan", b"0.0", b"-0", b"3"]
            return data[:a] + rng.choice(numbers) + data[b:]
        return data
    if kind == "random":
        keep = data[:rng.choice([0, 3, 8, 16, 64, 512])]
        return keep + rng.randbytes(rng.randint(0, 2048))
    lines = data.split(b"\n")
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    if rng.random() < 0.5:
        lines.insert(i, lines[j])
    return b"\n".join(lines)


def make_input(seed: int, index: int, seeds: Dict[str, List[Path]], blobs: Dict[Path, bytes]):
    """(target, seed file, bytes) of input ``index`` — deterministic."""
    rng = random.Random(f"{seed}:{index}")
    names = sorted(seeds)
    target = names[index % len(names)]
    source = rng.choice(seeds[target])
    data = blobs[source]
    container = target in ("gcn_model", "graph_dataset", "geospectra_model")
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        try:
            data = mutate(data, rng, container)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError):
            continue  # the mutator met a shape it does not edit (an earlier mutation broke it): keep the input

    return target, source, data


# --- running -------------------------------------------------------------------------------------

def _classify(call: Callable, allowed: type, path: Path) -> Tuple[str, str]:
    try:
        call(path)
    except allowed as exc:
        message = str(exc)
        if not message.strip():
            return "failure", f"{type(exc).__name__} with an empty message"
        if "Traceback" in message:
            return "failure", f"{type(exc).__name__} message holds a traceback"
        return "refused", ""
    except BaseException as exc:  # noqa: BLE001 - that is what the fuzzer looks for
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        return "failure", f"{type(exc).__name__}: {str(exc)[:160]} at {Path(frame.filename).name}:{frame.lineno}"
    return "ok", ""


def _child(conn, seed: int, start: int, stop: int, seeds, companions, scratch: str, memory_mb: int) -> None:
    import warnings

    from fuzz import seeds as seed_module

    seed_module.COMPANIONS.update(companions)

    warnings.simplefilter("ignore")
    if memory_mb:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    calls = targets()
    blobs = {p: Path(p).read_bytes() for files in seeds.values() for p in files}
    place = seed_module.place
    for i in range(start, stop):
        conn.send(("start", i))
        target, source, data = make_input(seed, i, seeds, blobs)
        with tempfile.TemporaryDirectory(dir=scratch) as tmp:
            path = place(Path(source), data, Path(tmp))
            call, allowed = calls[target]
            kind, detail = _classify(call, allowed, path)
        conn.send(("done", i, target, kind, detail))
    conn.send(("end",))


def run(n_inputs: int, seed: int = 0, time_limit: float = 20.0, memory_mb: int = 6000,
        failures_dir: Optional[Path] = None, progress: Optional[Callable[[int], None]] = None) -> Report:
    """Try ``n_inputs`` inputs; returns the per-target counts and the failures (saved to ``failures_dir``)."""
    from fuzz import seeds as seed_module

    report = Report()
    t0 = time.monotonic()
    # spawn, not fork: the parent has run torch (training the seed model) and a forked OpenMP pool deadlocks
    ctx = mp.get_context("spawn")
    os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core per child: the machine is shared
    with tempfile.TemporaryDirectory(prefix="hp-fuzz-", dir=_scratch_root()) as scratch:
        seeds = seed_module.build(Path(scratch) / "seeds")
        start = 0
        while start < n_inputs:
            parent, child = ctx.Pipe()
            args = (child, seed, start, n_inputs, seeds, dict(seed_module.COMPANIONS), scratch, memory_mb)
            proc = ctx.Process(target=_child, args=args,
                               daemon=True)
            proc.start()
            current = None
            while True:
                if not parent.poll(time_limit if current is not None else 600):
                    hung = current if current is not None else start
                    proc.kill()
                    proc.join()
                    target, _, _ = make_input(seed, hung, seeds, _blobs(seeds))
                    report.add(Outcome(target, hung, "hang", f"no result within {time_limit:.0f} s"))
                    start = hung + 1
                    break
                try:
                    msg = parent.recv()
                except EOFError:  # the child died (a crash in C code, or killed)
                    proc.join()
                    hung = current if current is not None else start
                    target, _, _ = make_input(seed, hung, seeds, _blobs(seeds))
                    report.add(Outcome(target, hung, "failure", f"the process died (exit {proc.exitcode})"))
                    start = hung + 1
                    break
                if msg[0] == "start":
                    current = msg[1]
                elif msg[0] == "done":
                    _, i, target, kind, detail = msg
                    report.add(Outcome(target, i, kind, detail))
                    current = None
                    if progress and report.inputs % 1000 == 0:
                        progress(report.inputs)
                else:
                    proc.join()
                    start = n_inputs
                    break
            parent.close()
        if failures_dir is not None and report.failures:
            _save(report, seed, seeds, failures_dir)
    report.seconds = time.monotonic() - t0
    return report


_BLOBS: Dict[Path, bytes] = {}


def _blobs(seeds) -> Dict[Path, bytes]:
    if not _BLOBS:
        _BLOBS.update({p: Path(p).read_bytes() for files in seeds.values() for p in files})
    return _BLOBS


def _save(report: Report, seed: int, seeds, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for f in report.failures:
        target, source, data = make_input(seed, f.index, seeds, _blobs(seeds))
        (folder / f"{target}-{f.index}-{Path(source).name}").write_bytes(data)


def _scratch_root() -> Optional[str]:
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() else None


def replay(index: int, seed: int = 0) -> Tuple[str, Path]:
    """Write input ``index`` to a temporary folder and return (target, path), to debug a failure."""
    from fuzz import seeds as seed_module

    scratch = Path(tempfile.mkdtemp(prefix="hp-fuzz-replay-"))
    seeds = seed_module.build(scratch / "seeds")
    target, source, data = make_input(seed, index, seeds, _blobs(seeds))
    (scratch / "input").mkdir()
    return target, seed_module.place(Path(source), data, scratch / "input")
