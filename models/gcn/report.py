"""The training report: one HTML page a geologist can open, PNGs and a JSON.

``write_report(out_dir, results)`` writes into ``out_dir``:

* ``report.html`` — self-contained (figures embedded), with the data set, the
  settings, the metrics table and every figure;
* ``loss_curves.png`` — training and validation loss per epoch (paper Fig. 5);
* ``confusion_matrix.png``, ``roc.png``, ``precision_recall.png``;
* ``comparison.png`` — accuracy, precision, recall and F1 of every model
  (paper Fig. 6), when more than one model was trained;
* ``report.json`` — all numbers (metrics, histories, curves, settings).

Files are first written to a hidden temporary folder beside ``out_dir`` and
moved into place at the end, so a failure leaves no half report.
"""
from __future__ import annotations

import base64
import html
import json
import math
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any, Dict, List, Mapping

import numpy as np

from .. import __version__
from ..container import json_clean
from .metrics import confusion_matrix, precision_recall_curve, roc_curve

METRIC_NAMES = [("accuracy", "Accuracy"), ("precision", "Precision"), ("recall", "Recall"), ("f1", "F1")]
COLOURS = {"enhanced": "#c0392b", "plain": "#2874a6", "cnn": "#7d3c98", "svm": "#b9770e", "gbt": "#1e8449",
           "blend": "#17202a"}


def _as_results(results) -> Dict[str, Any]:
    if hasattr(results, "results") and isinstance(getattr(results, "results"), Mapping):
        return dict(results.results)
    if isinstance(results, Mapping):
        return dict(results)
    if isinstance(results, (list, tuple)):
        return {r.arch: r for r in results}
    return {results.arch: results}


def _fmt(v, digits=3) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "n/a"
    if isinstance(v, float):
        return f"{v:.{digits}f}"
    return str(v)


def _plots(tmp: Path, res: Dict[str, Any], main: str) -> List[str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    written = []

    def save(fig, name):
        fig.tight_layout()
        fig.savefig(tmp / name, dpi=110)
        plt.close(fig)
        written.append(name)

    nets = [a for a, r in res.items() if r.history]
    if nets:
        fig, axes = plt.subplots(1, len(nets), figsize=(5.2 * len(nets), 3.8), squeeze=False)
        for ax, a in zip(axes[0], nets):
            h = res[a].history
            ep = [r["epoch"] for r in h]
            ax.plot(ep, [r["train_loss"] for r in h], label="training", color="#1f77b4")
            ax.plot(ep, [r["val_loss"] for r in h], label="validation", color="#ff7f0e")
            losses = [r["train_loss"] for r in h] + [r["val_loss"] for r in h]
            if min(losses) > 0 and max(losses) / min(losses) > 30:
                ax.set_yscale("log")  # a large first-epoch loss would flatten the rest
            if res[a].best_epoch:
                ax.axvline(res[a].best_epoch, color="grey", ls=":", lw=1, label=f"kept (epoch {res[a].best_epoch})")
            ax.set_xlabel("epoch")
            ax.set_ylabel("cross-entropy loss")
            ax.set_title(f"{res[a].label}: loss")
            ax.legend(frameon=False)
        save(fig, "loss_curves.png")

    r = res[main]
    cm = confusion_matrix(r.val_true, (np.asarray(r.val_scores) >= 0.5).astype(int))
    fig, ax = plt.subplots(figsize=(4.2, 3.8))
    ax.imshow(cm, cmap="Blues")
    names = r.data_info.get("class_names") or ["barren", "mineralised"]
    ax.set_xticks([0, 1], [f"predicted\n{names[0]}", f"predicted\n{names[1]}"])
    ax.set_yticks([0, 1], [names[0], names[1]])
    for i in range(2):
        for j in range(2):
            colour = "white" if cm[i, j] > cm.max() / 2 else "black"
            ax.text(j, i, str(cm[i, j]), ha="center", va="center", color=colour, fontsize=14)
    ax.set_title(f"{r.label}: confusion matrix (validation)")
    save(fig, "confusion_matrix.png")

    fig, ax = plt.subplots(figsize=(4.8, 4.2))
    for a, rr in res.items():
        fpr, tpr, _ = roc_curve(rr.val_true, rr.val_scores)
        ax.plot(fpr, tpr, color=COLOURS.get(a), label=f"{rr.label} (AUC {_fmt(rr.metrics.get('roc_auc'))})")
    ax.plot([0, 1], [0, 1], color="grey", ls=":", lw=1)
    ax.set_xlabel("false positive rate")
    ax.set_ylabel("true positive rate")
    ax.set_title("ROC (validation)")
    ax.legend(frameon=False, loc="lower right")
    save(fig, "roc.png")

    fig, ax = plt.subplots(figsize=(4.8, 4.2))
    for a, rr in res.items():
        p, rc, _ = precision_recall_curve(rr.val_true, rr.val_scores)
        ax.step(rc, p, where="post", color=COLOURS.get(a), label=f"{rr.label} (AP {_fmt(rr.metrics.get('pr_auc'))})")
    base = float(np.mean(np.asarray(r.val_true) == 1))
    ax.axhline(base, color="grey", ls=":", lw=1, label=f"chance ({base:.2f})")
    ax.set_xlabel("recall")
    ax.set_ylabel("precision")
    ax.set_ylim(0, 1.02)
    ax.set_title("Precision–recall (validation)")
    ax.legend(frameon=False, loc="lower left")
    save(fig, "precision_recall.png")

    if len(res) > 1:
        fig, ax = plt.subplots(figsize=(7.5, 4.2))
        width = 0.8 / len(res)
        xs = np.arange(len(METRIC_NAMES))
        for i, (a, rr) in enumerate(res.items()):
            vals = [rr.metrics.get(k) or 0.0 for k, _ in METRIC_NAMES]
            bars = ax.bar(xs + (i - (len(res) - 1) / 2) * width, vals, width, label=rr.label, color=COLOURS.get(a))
            for b, v in zip(bars, vals):
                ax.text(b.get_x() + b.get_width() / 2, v + 0.01, f"{v:.2f}", ha="center", va="bottom", fontsize=7)
        ax.set_xticks(xs, [n for _, n in METRIC_NAMES])
        ax.set_ylim(0, 1.1)
        ax.set_ylabel("validation score")
        ax.set_title("Model comparison (validation set)")
        ax.legend(frameon=False, ncol=len(res), loc="upper center", bbox_to_anchor=(0.5, -0.08))
        save(fig, "comparison.png")
    importance = res[main].settings.get("permutation_importance")
    if importance:
        top = importance[:25]
        fig, ax = plt.subplots(figsize=(7.5, 0.22 * len(top) + 1.2))
        labels = [r["channel"] if r["wavelength_nm"] is None else f"{r['wavelength_nm']:.0f} nm" for r in top]
        ax.barh(range(len(top))[::-1], [r["drop"] for r in top], color="#3b7dd8")
        ax.set_yticks(range(len(top))[::-1], labels, fontsize=7)
        ax.set_xlabel("drop of validation ROC AUC: ±30 nm around the band bridged / layer shuffled")
        ax.set_title("Channel importance (validation split)")
        save(fig, "importance.png")
    return written


def report_dict(results) -> Dict[str, Any]:
    res = _as_results(results)
    main = next(iter(res))  # the model trained first is the one the report is about
    out = {"software": {"name": "HyperProspect", "version": __version__}, "main_model": main,
           "data": {k: v for k, v in res[main].data_info.items() if k != "edge_index"}, "models": {}}
    for a, r in res.items():
        fpr, tpr, _ = roc_curve(r.val_true, r.val_scores)
        p, rc, _ = precision_recall_curve(r.val_true, r.val_scores)
        out["models"][a] = {
            "label": r.label, "settings": r.settings, "best_epoch": r.best_epoch,
            "validation": r.metrics, "train": r.train_metrics, "history": r.history,
            "confusion_matrix": confusion_matrix(r.val_true, (np.asarray(r.val_scores) >= (r.metrics or {}).get(
                "threshold", 0.5)).astype(int)).tolist(),
            "roc_curve": {"fpr": fpr.tolist(), "tpr": tpr.tolist()},
            "pr_curve": {"precision": p.tolist(), "recall": rc.tolist()},
            "seconds": r.seconds, "grid_search": r.grid,
        }
    out["comparison"] = [r.summary() for r in res.values()]
    return json_clean(out)


def _html(doc: Dict[str, Any], images: Dict[str, str]) -> str:
    e = html.escape
    main = doc["main_model"]
    m = doc["models"][main]
    data = doc["data"]
    parts = ["<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
             "<title>HyperProspect training report</title><style>",
             "body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}",
             "table{border-collapse:collapse;margin:1em 0}",
             "td,th{border:1px solid #bbb;padding:4px 8px;text-align:right}",
             "th{background:#eee}td:first-child,th:first-child{text-align:left}img{max-width:100%;margin:0.5em 0}",
             ".note{color:#555;font-size:0.9em}</style></head><body>",
             f"<h1>HyperProspect training report</h1><p class='note'>HyperProspect {e(doc['software']['version'])}</p>"]
    warning = (m.get("settings") or {}).get("quality_warning")
    if warning:
        parts.append(f"<p style='color:#b00;font-weight:bold'>{e(warning)}</p>")
    pixels = (m.get("settings") or {}).get("validation_pixels")
    if pixels:
        parts.append("<p>Per pixel on the validation blocks (known bodies against ground beyond the label "
                     "buffer): " + ", ".join(f"{k[6:].replace('_', ' ')} {_fmt(v)}" for k, v in pixels.items())
                     + ".</p>")
    final = (m.get("settings") or {}).get("final_fit")
    if final:
        parts.append(f"<p class='note'>Saved model: {e(final)}.</p>")
    parts.append("<h2>Validation metrics</h2><table><tr><th>model</th><th>accuracy</th><th>precision</th>"
                 "<th>recall</th><th>F1</th><th>ROC AUC</th><th>PR AUC</th><th>TP</th><th>FP</th><th>TN</th><th>FN</th>"
                 "<th>kept epoch</th><th>time (s)</th></tr>")
    for row in doc["comparison"]:
        parts.append("<tr>" + "".join(f"<td>{e(_fmt(row.get(k)))}</td>" for k in (
            "model", "accuracy", "precision", "recall", "f1", "roc_auc", "pr_auc", "tp", "fp", "tn", "fn",
            "best_epoch")) +
            f"<td>{_fmt(row.get('seconds'), 1)}</td></tr>")
    parts.append("</table><p class='note'>Accuracy = (TP+TN)/(TP+FP+TN+FN); recall = TP/(TP+FN); precision = "
                 "TP/(TP+FP); "
                 "F1 = 2·precision·recall/(precision+recall) (the paper's formulas 3–6), on the validation tiles at "
                 "probability ≥ 0.5. The validation tiles are whole spatial blocks held out from training "
                 "(about 30 % of the labelled tiles, spread over the area); PR AUC is the average precision.</p>")
    for name, title in (("comparison.png", "Model comparison (as the paper's Fig. 6)"),
                        ("loss_curves.png", "Training and validation loss (as the paper's Fig. 5)"),
                        ("confusion_matrix.png", f"Confusion matrix — {m['label']}"),
                        ("roc.png", "ROC curves"), ("precision_recall.png", "Precision–recall curves"),
                        ("importance.png", "Which channels drive the model")):
        if name in images:
            parts.append(f"<h2>{e(title)}</h2><img alt='{e(title)}' src='data:image/png;base64,{images[name]}'>")
    parts.append("<h2>Data</h2><table>")
    labels = data.get("labels") or {}
    rows = [("tiles (mineralised / barren / unlabelled)",
             f"{labels.get('positive')} / {labels.get('negative')} / {labels.get('unlabelled')}"),
            ("tile size (pixels) / stride", f"{data.get('tile_size')} / {data.get('stride')}"),
            ("graph",
             f"{data.get('num_nodes')} nodes, {(data.get('edge_rule') or {}).get('num_edges')} directed edges, "
             f"threshold {(data.get('edge_rule') or {}).get('threshold_m')} m"),
            ("channels", str(len(data.get("channel_names") or []))),
            ("spectral channels", str(len(data.get("spectral_channels") or []))),
            ("band ranges (nm)", json.dumps(data.get("band_ranges_nm"))),
            ("geology layers", json.dumps(data.get("geology_layers")))]
    parts += [f"<tr><td>{e(k)}</td><td style='text-align:left'>{e(str(v))}</td></tr>" for k, v in rows]
    parts.append("</table><h2>Settings</h2><table><tr><th>model</th><th>settings</th></tr>")
    for a, mm in doc["models"].items():
        s = {k: v for k, v in (mm.get("settings") or {}).items() if k not in ("spectral_channels",)}
        parts.append(f"<tr><td>{e(mm['label'])}</td><td "
                     f"style='text-align:left'><code>{e(json.dumps(s))}</code></td></tr>")
    parts.append("</table>")
    ran = m.get("settings") or {}
    if isinstance(ran.get("device"), dict):
        procs = int(ran.get("world_size") or 1)
        dev = ran["device"]
        parts.append(f"<p class='note'>Trained on {e(dev.get('device'))} ({e(dev.get('name'))}, torch "
                     f"{e(dev.get('torch'))}), {procs} process{'es' if procs > 1 else ''}"
                     f"{' (data-parallel, torchrun)' if procs > 1 else ''}, {e(str(ran.get('threads')))} "
                     "thread(s) each.</p>")
    grid = m.get("grid_search")
    if grid:
        parts.append("<h2>Grid search (inner validation split of the training "
                     "tiles)</h2><table><tr><th>hidden</th><th>learning rate</th>"
                     "<th>accuracy</th><th>F1</th><th>best val loss</th></tr>")
        for g in grid:
            parts.append(f"<tr><td>{g['hidden']}</td><td>{g['lr']:g}</td><td>{_fmt(g.get('accuracy'))}</td>"
                         f"<td>{_fmt(g.get('f1'))}</td><td>{_fmt(g.get('val_loss'), 4)}</td></tr>")
        parts.append("</table>")
    parts.append("<p class='note'>All numbers are in report.json beside this page.</p></body></html>")
    return "\n".join(parts)


def write_report(out_dir, results) -> Path:
    """Write the report for ``results`` (a :class:`~.train.TrainResult`, a
    :class:`~.train.Comparison` or ``{arch: TrainResult}``) into ``out_dir``;
    returns the path of ``report.html``."""
    res = _as_results(results)
    if not res:
        raise ValueError("no results to report")
    main = next(iter(res))
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".report.", dir=out_dir.parent if out_dir.parent.exists() else None))
    try:
        names = _plots(tmp, res, main)
        doc = report_dict(res)
        (tmp / "report.json").write_text(json.dumps(doc, indent=1, allow_nan=False), encoding="utf-8")
        images = {n: base64.b64encode((tmp / n).read_bytes()).decode("ascii") for n in names}
        (tmp / "report.html").write_text(_html(doc, images), encoding="utf-8")
        for name in [*names, "report.json", "report.html"]:
            os.replace(tmp / name, out_dir / name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out_dir / "report.html"
