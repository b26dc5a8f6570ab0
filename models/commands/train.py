"""``python -m models train DATASET -o MODEL.hpm``: train the default model — the node GCN and gradient
boosting blended by rank, what the toolbox and the workflow train — or the one ``--arch`` names (``enhanced``:
the paper's Table 1), with ``--baselines`` also the plain GCN, CNN and SVM on the same split; write the
model file and optionally the report.

Under ``torchrun --nproc_per_node=N -m models train …`` the N processes train data-parallel
(:mod:`models.distributed`); rank 0 prints and writes the one model file, the others stay quiet."""
from __future__ import annotations

import sys
import time


def add_arguments(parser) -> None:
    parser.add_argument("dataset", help="graph data set written by build-graphs (.safetensors)")
    parser.add_argument("-o", "--output", required=True, help="model file to write (.hpm)")
    parser.add_argument("--report", metavar="DIR", help="write the training report (HTML, PNG, JSON) into DIR")
    parser.add_argument("--arch", default="blend",
                        choices=("node", "enhanced", "plain", "cnn", "svm", "gbt", "blend"),
                        help="model to train and save (default: blend = the node GCN and gradient boosting on each "
                             "pixel, blended by rank, the toolbox's default and best on unseen areas; enhanced = the "
                             "paper's Table 1; node = Node GCN; gbt = gradient boosting alone)")
    parser.add_argument("--epochs", type=int, default=None,
                        help="training epochs (default: 40 for the node GCN, the paper's 200 otherwise)")
    parser.add_argument("--lr", type=float, default=1e-3, help="Adam learning rate (default 0.001)")
    parser.add_argument("--hidden", type=int, default=None, help="hidden size (default: 128 node GCN, 256 otherwise)")
    parser.add_argument("--batch-size", type=int, default=32, help="tiles per batch (default 32)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (same seed, same result)")
    parser.add_argument("--baselines", action="store_true",
                        help="also train the plain GCN, the CNN and the SVM on the same split and compare")
    parser.add_argument("--grid-search", action="store_true",
                        help="choose hidden size and learning rate by grid search first")
    parser.add_argument("--grid-hidden", type=int, nargs="+", default=[64, 128, 256], metavar="N")
    parser.add_argument("--grid-lr", type=float, nargs="+", default=[1e-2, 1e-3, 1e-4], metavar="LR")
    parser.add_argument("--grid-epochs", type=int, default=None, help="epochs per grid candidate (default: --epochs)")
    parser.add_argument("--class-weight", default="none",
                        help="'none', 'balanced' or two numbers 'W_BARREN,W_MINERALISED' for the loss")
    parser.add_argument("--monitor", default="val_loss", choices=("val_loss", "val_f1"),
                        help="which validation score picks the kept epoch (default val_loss)")
    parser.add_argument("--split-guard", default="touch", choices=("touch", "overlap", "none"),
                        help="leave out training tiles that touch (default) or overlap a validation tile")
    parser.add_argument("--final-fit", default="all", choices=("all", "training"),
                        help="node GCN and gradient boosting: after validation, fit the saved model again on "
                             "every labelled tile (all, default) or save the validated fit (training)")
    parser.add_argument("--threads", type=int, default=None,
                        help="CPU threads for torch (default: all cores, at most 8)")
    parser.add_argument("--device", default="auto",
                        help="auto (a CUDA GPU when torch sees one, else the CPU), cpu, cuda or cuda:N "
                             "(under torchrun, cuda means each process's own GPU)")
    parser.add_argument("--quiet", action="store_true", help="print only the final table")


def _class_weight(text: str):
    from ..errors import InputError

    t = (text or "none").strip().lower()
    if t in ("", "none"):
        return None
    if t == "balanced":
        return "balanced"
    try:
        w = [float(v) for v in t.split(",")]
    except ValueError:
        w = []
    if len(w) != 2:
        raise InputError("--class-weight must be 'none', 'balanced' or two numbers like '1,3'.")
    return w


def run(args) -> int:
    import os

    # With OpenMP's default active waiting, two torch threads slow down 10-15x
    # as soon as another process is busy on a core (measured here: an epoch
    # of 25-40 s instead of 2 s).  Passive waiting avoids that; it only takes
    # effect if torch is not loaded yet, and an explicit setting wins.
    if "torch" not in sys.modules:
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    from .. import distributed
    from ..progress import Progress
    from ..gcn.pipeline import run_training
    from ..gcn.settings import TrainSettings

    t0 = time.perf_counter()
    from ..device import resolve_device

    resolve_device(args.device)  # refuse a GPU this machine does not have before reading the data set
    settings = TrainSettings.for_arch(
        args.arch, args.epochs, args.hidden, lr=args.lr, batch_size=args.batch_size, seed=args.seed,
        class_weight=_class_weight(args.class_weight), monitor=args.monitor, split_guard=args.split_guard,
        threads=args.threads, device=args.device, final_fit=args.final_fit)
    with distributed.session(args.device) as ctx:
        def log(msg: str) -> None:
            if not args.quiet and ctx.is_main:
                print(msg, flush=True)

        if ctx.active:
            log(f"data-parallel training: {ctx.world_size} processes")
        summary = run_training(
            args.dataset, args.output, args.report, settings, baselines=args.baselines, grid=args.grid_search,
            grid_hiddens=args.grid_hidden, grid_lrs=args.grid_lr, grid_epochs=args.grid_epochs,
            progress=Progress(), log=log,
        )
    if not ctx.is_main:
        return 0
    print()
    print(summary["text_table"])
    print()
    print(f"model: {summary['model']}")
    for a, p in (summary.get("baselines") or {}).items():
        print(f"baseline {a}: {p}")
    if summary.get("report"):
        print(f"report: {summary['report']}")
    print(f"({time.perf_counter() - t0:.1f} s)", file=sys.stderr)
    return 0
