"""A heatmap score as files: JSON (numbers and curves), PNG (the two plots) and an HTML page.

Every file goes to a temporary name first and is moved into place (:mod:`models.atomic`).
"""
from __future__ import annotations

import base64
import html
import json
import math
import os
from pathlib import Path
from typing import Optional, Tuple, Union

from ..atomic import atomic_output
from .heatmap_score import HeatmapScore, _fmt, _pct, _share_key

PathLike = Union[str, os.PathLike]
ROC_PLOTTED = ("fertile_vs_background", "fertile_vs_barren")


def default_paths(raster: PathLike) -> Tuple[Path, Path]:
    """``<raster stem>_evaluation.json`` and ``.png`` beside the raster."""
    stem = Path(raster).with_suffix("")
    return Path(str(stem) + "_evaluation.json"), Path(str(stem) + "_evaluation.png")


def _json_safe(obj):
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    if isinstance(obj, dict):
        return {k: _json_safe(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_json_safe(v) for v in obj]
    return obj


def write_json(score: HeatmapScore, path: PathLike) -> Path:
    with atomic_output(path) as tmp:
        tmp.write_text(json.dumps(_json_safe(score.to_dict()), indent=1, allow_nan=False))
    return Path(path)


def plot_png(score: HeatmapScore, path: PathLike) -> Path:
    """Prediction-rate curves per status (left) and pixel ROC curves (right)."""
    # The object API with the Agg canvas, not pyplot: no global backend switch and safe in
    # Processing's worker thread inside QGIS.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(10.5, 5), dpi=110)
    FigureCanvasAgg(fig)
    a1, a2 = fig.subplots(1, 2)
    a1.plot([0, 1], [0, 1], ls="--", c="grey", lw=1, label="random (0.50)")
    for name, st in score.statuses.items():
        ls = ":" if st.role == "barren" else "-"
        a1.step(st.curve.area_share, st.curve.deposit_share, where="post", lw=2, ls=ls,
                label=f"{name} [{st.role}] ({st.n_bodies - st.n_off_map} bodies, AUC {_fmt(st.curve.auc)})")
    for s in score.settings.top_shares:
        a1.axvline(s, c="0.8", lw=0.8)
    a1.set(xlabel="Share of the area, ranked by probability", ylabel="Share of bodies captured",
           xlim=(0, 1), ylim=(0, 1.02), title="Prediction rate per status")
    a2.plot([0, 1], [0, 1], ls="--", c="grey", lw=1, label="random (0.50)")
    for name in ROC_PLOTTED:
        roc = score.pixel_roc.get(name)
        if roc is not None and roc.fpr.size:
            a2.plot(roc.fpr, roc.tpr, lw=2, label=f"{name.replace('_', ' ')} (AUC {_fmt(roc.auc)})")
    a2.set(xlabel="False-positive rate", ylabel="True-positive rate", xlim=(0, 1), ylim=(0, 1.02),
           title="Pixel ROC, fertile bodies")
    for ax in (a1, a2):
        ax.grid(alpha=0.3)
        ax.legend(loc="lower right", fontsize=7)
    fig.tight_layout()
    with atomic_output(path) as tmp:
        fig.savefig(tmp, format="png")
    return Path(path)


def html_page(score: HeatmapScore, png_path: Optional[PathLike] = None) -> str:
    """A self-contained page (the PNG embedded) for the Processing Results Viewer."""
    e = html.escape
    shares = list(score.settings.top_shares)
    head = "".join(f"<th>top {s * 100:g} %</th>" for s in shares)
    rows = []
    for name, st in [*score.statuses.items(), ("fertile (all)", score.fertile)]:
        caps = "".join(f"<td>{_pct(st.curve.captured_at.get(_share_key(s)))}</td>" for s in shares)
        rows.append(f"<tr><td>{e(name)}</td><td>{st.role}</td><td>{st.n_bodies}</td><td>{st.n_off_map}</td>"
                    f"<td>{_fmt(st.curve.auc)}</td>{caps}</tr>")
    roc_rows = "".join(f"<tr><td>{e(k.replace('_', ' '))}</td><td>{_fmt(r.auc)}</td><td>{r.n_positive}</td>"
                       f"<td>{r.n_negative}</td></tr>" for k, r in score.pixel_roc.items())
    img = ""
    if png_path and Path(png_path).is_file():
        data = base64.b64encode(Path(png_path).read_bytes()).decode("ascii")
        img = f'<p><img src="data:image/png;base64,{data}" style="max-width:100%"/></p>'
    warn = "".join(f"<li>{e(w)}</li>" for w in score.warnings)
    buffer = score.settings.background_buffer_m
    return (
        "<html><head><meta charset='utf-8'><title>Heatmap evaluation</title></head><body>"
        f"<h2>Heatmap evaluation</h2><p>Raster: {e(score.raster)}<br/>Deposits: {e(score.deposits)}"
        f" (field {e(str(score.settings.field))})<br/>{score.valid_pixels} valid pixels.</p>"
        "<h3>Bodies: prediction rate</h3><table border='1' cellpadding='3'>"
        f"<tr><th>status</th><th>role</th><th>bodies</th><th>off map</th><th>AUC</th>{head}</tr>"
        + "".join(rows) + "</table>"
        "<p>AUC 0.5 is a map no better than chance; top x % is the share of the bodies whose best pixel lies in "
        "the x % of the area with the highest values.</p>"
        "<h3>Pixels: ROC AUC</h3><table border='1' cellpadding='3'>"
        "<tr><th>comparison</th><th>AUC</th><th>positive pixels</th><th>negative pixels</th></tr>"
        + roc_rows + "</table>"
        f"<p>Background: valid pixels outside every body{f', beyond {buffer:g} m' if buffer else ''}.</p>"
        + (f"<h3>Warnings</h3><ul>{warn}</ul>" if warn else "") + img + "</body></html>"
    )


def write_html(score: HeatmapScore, path: PathLike, png_path: Optional[PathLike] = None) -> Path:
    with atomic_output(path) as tmp:
        tmp.write_text(html_page(score, png_path), encoding="utf-8")
    return Path(path)


def write_score(score: HeatmapScore, json_path: Optional[PathLike] = None, png_path: Optional[PathLike] = None,
                html_path: Optional[PathLike] = None) -> dict:
    """Write JSON and PNG (beside the raster unless paths are given) and, if asked, the HTML page."""
    default_json, default_png = default_paths(score.raster)
    out = {"json": str(write_json(score, json_path or default_json)),
           "png": str(plot_png(score, png_path or default_png))}
    if html_path:
        out["html"] = str(write_html(score, html_path, out["png"]))
    return out
