"""``python -m models train-geospectra --out DIR``: train GeoSpectra on the USGS library (no evaluation suite).

The recipe of ``scripts/train_geospectra.py`` (:mod:`models.geospectra.recipe`): by default the
shipped model, trained on every library spectrum; with ``--validate`` on the training split only,
then scored on the held-out physical samples (accuracy, top-5, macro-F1 in the description's
``evaluation_summary``).  Writes ``DIR/geospectra.safetensors`` and ``DIR/references.json`` (a
drop-in for ``resources/geospectra/``).  Under ``torchrun --nproc_per_node=N -m models
train-geospectra …`` the N processes train data-parallel and rank 0 alone writes.
"""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

QUICK_STEPS = 40  # a smoke run (as scripts/train_geospectra.py --quick): minutes, not a model to ship


def add_arguments(parser) -> None:
    repo = Path(__file__).resolve().parents[2]
    parser.add_argument("--data", default=str(repo.parent / "shared" / "data"),
                        help="folder holding usgs_splib07a/ (default: ../shared/data beside the repository)")
    parser.add_argument("--out", required=True, metavar="DIR", help="folder to write geospectra.safetensors into")
    parser.add_argument("--steps", type=int, default=None, help="training steps (default 1400; --quick: 40)")
    parser.add_argument("--quick", action="store_true", help="a short smoke run (40 steps); do not ship it")
    parser.add_argument("--validate", action="store_true",
                        help="train on the training split only and score the held-out physical samples")
    parser.add_argument("--seed", type=int, default=0, help="random seed (same seed, same weights)")
    parser.add_argument("--members", type=int, default=None,
                        help="networks averaged in the model, trained with seeds seed, seed+1, … (default: the "
                             "shipped recipe's 4; --quick: 1)")
    parser.add_argument("--min-lab-spectra", type=int, default=4, help="lab spectra a species needs to be a class")
    parser.add_argument("--threads", type=int, default=None,
                        help="CPU threads for torch (default: all cores, at most 8; under torchrun each process's "
                             "share)")
    parser.add_argument("--device", default="auto",
                        help="auto (a CUDA GPU when torch sees one, else the CPU), cpu, cuda or cuda:N "
                             "(under torchrun, cuda means each process's own GPU)")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")


def _steps(args) -> int:
    from ..errors import InputError
    from ..geospectra.train import TrainConfig

    steps = args.steps if args.steps is not None else (QUICK_STEPS if args.quick else TrainConfig().steps)
    if steps < 1:
        raise InputError("--steps must be at least 1")
    return int(steps)


def _members(args) -> int:
    from ..errors import InputError
    from ..geospectra.network import GeoSpectraEnsemble
    from ..geospectra.recipe import ENSEMBLE_MEMBERS

    members = args.members if args.members is not None else (1 if args.quick else ENSEMBLE_MEMBERS)
    if not 1 <= members <= GeoSpectraEnsemble.MAX_MEMBERS:
        raise InputError(f"--members must be between 1 and {GeoSpectraEnsemble.MAX_MEMBERS}")
    return int(members)


def run(args) -> int:
    if "torch" not in sys.modules:
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # shared CPUs: spinning OpenMP threads are 10x slower
    import torch

    from .. import distributed
    from ..device import resolve_device
    from ..gcn.train import default_threads

    t0 = time.perf_counter()
    steps, members = _steps(args), _members(args)
    resolve_device(args.device)  # refuse a GPU this machine does not have before reading the library
    with distributed.session(args.device) as ctx:
        torch.set_num_threads(distributed.threads_per_rank(args.threads, default_threads(), ctx))
        summary = train_and_write(args, steps, members, ctx)
    if not ctx.is_main:
        return 0
    summary["seconds"] = round(time.perf_counter() - t0, 1)
    if args.json:
        print(json.dumps(summary, indent=1))
    else:
        ev = summary.get("evaluation") or {}
        if ev:
            print(f"held-out samples: accuracy {ev['accuracy']:.3f}, top-5 {ev['top5_accuracy']:.3f}, "
                  f"macro-F1 {ev['macro_f1']:.3f} ({ev['n']} spectra)")
        print(f"model: {summary['model']}")
        print(f"({summary['seconds']:.1f} s, {summary['world_size']} process(es) on {summary['device']})",
              file=sys.stderr)
    return 0


def train_and_write(args, steps: int, members: int, ctx) -> dict:
    """Train (every rank) and, on rank 0, score and write the model file and references."""
    from ..geospectra.evaluate import classification_scores
    from ..geospectra.model_file import save_model
    from ..geospectra.recipe import build_references, data_info, load_library_data, model_description
    from ..geospectra.train import TrainConfig, predict, train_ensemble
    from ..progress import Progress

    def log(msg: str) -> None:
        if ctx.is_main and not args.json:
            print(msg, flush=True)

    ld = load_library_data(Path(args.data), args.min_lab_spectra, args.seed)
    train_d, test_d = ld.train_test()
    data = train_d if args.validate else ld.data
    log(f"{len(ld.data)} spectra, {len(ld.classes)} classes; training on {len(data)} "
        f"({'training split' if args.validate else 'all samples'}), {steps} steps"
        + (f" × {members} networks" if members > 1 else "")
        + (f", {ctx.world_size} processes" if ctx.active else ""))
    last = {"quarter": -1}

    def report(pct, msg):
        if int(pct // 25) != last["quarter"]:
            last["quarter"] = int(pct // 25)
            log(f"  {pct:5.1f} % {msg}")

    config = TrainConfig(arch="geospectra", steps=steps, seed=args.seed, device=args.device)
    result = train_ensemble(data, len(ld.classes), config, members, Progress(report))
    summary = {"model": None, "world_size": result.world_size, "device": result.device.get("device"),
               "rank": ctx.rank, "steps": steps, "members": members}
    if not ctx.is_main:
        return summary
    evaluation = None
    if args.validate:
        probs, _ = predict(result.model, test_d.x, test_d.mask, test_d.inst, test_d.resolution)
        scores = classification_scores(test_d.label, probs)
        evaluation = {"note": f"trained on the training split, scored on {len(test_d)} spectra of held-out "
                              "physical samples", **{k: scores[k] for k in ("n", "accuracy", "top5_accuracy",
                                                                            "macro_f1")}}
    info = data_info(ld, args.min_lab_spectra, args.seed)
    meta = model_description(result, ld, info, "training split" if args.validate else "all samples", len(data),
                             evaluation)
    out = Path(args.out)
    model_path = save_model(out / "geospectra.safetensors", result.model, meta)
    refs = build_references(ld.lib, ld.classes, ld.data)
    from ..atomic import atomic_output

    with atomic_output(out / "references.json") as tmp:
        tmp.write_text(json.dumps(refs, separators=(",", ":")) + "\n", encoding="utf-8")
    summary.update(model=str(model_path), evaluation=evaluation, history_tail=meta["training"]["history_tail"])
    return summary
