"""One training job, start to finish: what ``python -m models train`` and the
Processing algorithm (through the worker process) both run.

Load the graph data set → spatial 7:3 split → optional grid search → train the
model (and, on request, the baselines on the same split) → write the model
file(s) and the report.  Nothing is written until every model has trained, so
a cancel or an error leaves no output behind.  Under ``torchrun`` every rank trains (see
:mod:`models.distributed`) and only rank 0 computes the channel importance and writes the files.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Dict, Mapping, Optional, Sequence, Union

from .. import distributed
from ..errors import InputError
from ..progress import Progress, ensure_progress
from .model_file import save_model
from .networks import ARCH_LABELS, ARCHITECTURES
from .settings import DEFAULT_EPOCHS, DEFAULT_HIDDEN, TrainSettings, as_settings
from .train import Comparison, as_training_data, compare_models, grid_search, make_split, train_model

BASELINES = ("plain", "cnn", "svm")


def _train_all(data, s: TrainSettings, split, baselines: bool, baseline_archs, grid, progress: Progress, log):
    """Optional grid search (the first half of the progress), then the model and, on request, the
    baselines on the same split: the comparison, the grid rows and the hidden size and rate used."""
    grid, grid_hiddens, grid_lrs, grid_epochs = grid
    arch, epochs, lr, hidden = s.arch, s.epochs, s.lr, s.hidden
    common = {k: v for k, v in s.to_dict().items() if k not in ("arch", "epochs", "lr", "hidden", "split_guard")}
    common["log"] = log
    grid_rows = None
    start = 0.0
    if grid and arch not in ("svm", "gbt"):  # neither has a hidden size or a learning rate to search
        best, grid_rows = grid_search(data, arch=arch, hiddens=grid_hiddens, lrs=grid_lrs,
                                      epochs=grid_epochs or epochs, progress=progress.span(0.0, 0.5), split=split,
                                      split_guard=s.split_guard, **common)
        hidden, lr = best["hidden"], best["lr"]
        if log is not None:
            log(f"grid search chose hidden {hidden}, learning rate {lr:g}")
        start = 0.5
    rest = progress.span(start, 0.97)
    if baselines:
        # the pixel models are compared with the paper's and with the per-pixel peer too
        extra = {"node": ("enhanced", "gbt"), "blend": ("enhanced",)}.get(arch, ())
        archs = [arch] + [a for a in (*extra, *baseline_archs) if a != arch]
        comparison = compare_models(data, archs=archs, epochs=epochs, lr=lr, hidden=hidden, progress=rest, split=split,
                                    **common)
    else:
        r = train_model(data, arch=arch, epochs=epochs, lr=lr, hidden=hidden, progress=rest, split=split, **common)
        comparison = Comparison({arch: r}, split)
    members = comparison.results[arch].members or {}
    if members:  # a blend's two models are rows of the table (and, with the baselines, files) of their own
        rows = list(comparison.results.items())
        comparison.results = dict([rows[0], *members.items(), *rows[1:]])
    return comparison, grid_rows, hidden, lr


def _write_outputs(output, report_dir, comparison: Comparison, arch: str, save_baselines: bool,
                   progress: Progress) -> Dict[str, Any]:
    """The model file, the baselines' model files (on request) and the report: the paths written."""
    progress.update(0.97, "writing the model file")
    written: Dict[str, Any] = {"model": str(save_model(output, comparison.results[arch]))}
    if save_baselines:
        written["baselines"] = {a: str(save_model(baseline_path(output, a), r))
                                for a, r in comparison.results.items() if a != arch}
    if report_dir:
        from .report import write_report

        progress.update(0.98, "writing the report")
        written["report"] = str(write_report(report_dir, comparison))
    return written


def load_dataset(path):
    """A ``GraphDataset`` from its file (the graph-tiling step's output)."""
    try:
        from ..graphs.dataset import GraphDataset
    except ImportError as exc:  # pragma: no cover - depends on the graphs package
        raise InputError(f"Graph data sets cannot be read: the graph tiling module is missing ({exc}).") from None
    path = Path(path)
    if not path.exists():
        raise InputError(f"Graph data set not found: {path}")
    return GraphDataset.load(path)


def baseline_path(output, arch: str) -> Path:
    out = Path(output)
    return out.with_name(f"{out.stem}.{arch}{out.suffix or '.hpm'}")


POOR_ROC_AUC = 0.7


def _run_settings(settings, changes: Dict[str, Any]) -> TrainSettings:
    """The run's settings, the architecture's default epochs and hidden size where they are None or 0."""
    s = as_settings(settings, **{k: v for k, v in changes.items() if k not in ("epochs", "hidden")})
    s = s.replace(epochs=changes.get("epochs", s.epochs), hidden=changes.get("hidden", s.hidden))
    if s.arch not in ARCHITECTURES:
        raise InputError(f"Unknown architecture {s.arch!r}.")
    return s.replace(epochs=int(s.epochs or DEFAULT_EPOCHS.get(s.arch, 200)),
                     hidden=int(s.hidden or DEFAULT_HIDDEN.get(s.arch, 256)))


def quality_warning(result) -> str:
    """A plain sentence when the model is poor on its own validation split, else ''."""
    pixel = (result.settings.get("validation_pixels") or {}).get("pixel_roc_auc")
    auc = pixel if pixel is not None else (result.metrics or {}).get("roc_auc")
    if auc is None or auc >= POOR_ROC_AUC:
        return ""
    return (f"WARNING: this model is poor — validation ROC AUC {auc:.2f} (below {POOR_ROC_AUC}). Its map is not "
            "much better than chance on held-out ground: add known bodies, check the labels and the bands, "
            "and do not rank targets with it.")


def run_training(
    dataset,
    output,
    report_dir=None,
    settings: Union[None, TrainSettings, Mapping[str, Any]] = None,
    *,
    baselines: bool = False,
    baseline_archs: Sequence[str] = BASELINES,
    save_baselines: bool = True,
    grid: bool = False,
    grid_hiddens: Sequence[int] = (64, 128, 256),
    grid_lrs: Sequence[float] = (1e-2, 1e-3, 1e-4),
    grid_epochs: Optional[int] = None,
    progress: Optional[Progress] = None,
    log: Optional[Callable[[str], None]] = None,
    **changes: Any,
) -> Dict[str, Any]:
    """Train and write ``output`` (the model file) and, if given, the report in
    ``report_dir``.  ``dataset``: a path to a graph data set file, a
    ``GraphDataset`` or arrays (see :func:`~.train.as_training_data`).
    ``settings``: a :class:`.settings.TrainSettings` or its dict (the worker's JSON);
    keywords (``arch=…, epochs=…``) change single settings.  ``epochs``/``hidden``
    None or 0: the architecture's default (:meth:`TrainSettings.for_arch`).

    Returns a summary: paths written, the chosen hidden size and learning
    rate, the comparison table (list of dicts) and its text form.
    """
    s = _run_settings(settings, changes)
    arch, seed = s.arch, s.seed
    split_guard, val_fraction = s.split_guard, s.val_fraction
    progress = ensure_progress(progress)
    say = log or (lambda msg: None)
    if isinstance(dataset, (str, Path)):
        progress.update(0.0, f"reading {dataset}")
        dataset = load_dataset(dataset)
    data = as_training_data(dataset)
    split = make_split(data, val_fraction=val_fraction, seed=seed, guard=split_guard)
    say(f"{data.x.shape[0]} tiles ({int((data.y == 1).sum())} mineralised, {int((data.y == 0).sum())} barren, "
        f"{int((data.y < 0).sum())} unlabelled), {data.num_nodes} nodes × {data.num_channels} channels; "
        f"split {split[0].size} training / {split[1].size} validation tiles in whole spatial blocks (guard: "
        f"{split_guard})")

    comparison, grid_rows, hidden, lr = _train_all(data, s, split, baselines, baseline_archs,
                                                   (grid, grid_hiddens, grid_lrs, grid_epochs), progress, log)
    main = comparison.results[arch]
    main.grid = grid_rows
    if not distributed.current().is_main:  # the other ranks have trained their share; rank 0 writes
        progress.update(1.0, "done")
        return {"model": None, "rank": distributed.current().rank, "best_epoch": main.best_epoch,
                "metrics": main.metrics, "table": comparison.table(), "text_table": comparison.format_table()}
    if arch != "svm":
        from .importance import permutation_importance

        progress.update(0.96, "permutation importance of the channels")
        main.settings["permutation_importance"] = permutation_importance(main.model, data, main.val_idx, seed=seed)
    warning = quality_warning(main)
    if warning:
        say(warning)
        main.settings["quality_warning"] = warning
    for r in comparison.results.values():
        r.settings["split"] = f"spatial blocks ({val_fraction:g} validation), guard={split_guard}"

    written = _write_outputs(output, report_dir, comparison, arch, baselines and save_baselines, progress)
    progress.update(1.0, "done")
    return {
        **written,
        "hidden": int(hidden), "lr": float(lr),
        "table": comparison.table(),
        "text_table": comparison.format_table(),
        "best_epoch": main.best_epoch,
        "metrics": main.metrics,
        "grid_search": grid_rows,
        "labels": {a: ARCH_LABELS[a] for a in comparison.results},
        "quality_warning": warning,
        "validation_pixels": main.settings.get("validation_pixels"),
    }
