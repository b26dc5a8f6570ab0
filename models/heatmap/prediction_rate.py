"""The prediction-rate (success-rate) curve exploration geologists judge a map by.

Rank the map's valid pixels by probability; for each share of the area taken from the
top, count the share of deposits whose footprint has a pixel in it.  A map that is no
better than chance gives the diagonal (AUC 0.5); a good one captures most deposits in a
small share of the area.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, Sequence

import numpy as np


@dataclass
class PredictionRate:
    area_share: np.ndarray
    deposit_share: np.ndarray
    auc: float
    n_deposits: int
    captured_at: Dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "auc": self.auc,
            "n_deposits": self.n_deposits,
            "deposits_captured_at_area_share": self.captured_at,
            "curve": {"area_share": self.area_share.round(5).tolist(),
                      "deposit_share": self.deposit_share.round(5).tolist()},
        }


def prediction_rate(prob: np.ndarray, valid: np.ndarray, deposit_scores: np.ndarray,
                    shares: Sequence[float] = (0.05, 0.10, 0.20, 0.30)) -> PredictionRate:
    """``deposit_scores[i]`` is the best probability within deposit ``i``'s footprint (NaN if off the map).

    A deposit counts as captured at the area share whose lowest probability it reaches;
    ``captured_at`` gives the share captured within each of ``shares`` of the area.
    """
    values = np.sort(prob[valid].astype(np.float64))[::-1]
    scores = np.asarray(deposit_scores, np.float64)
    scores = scores[np.isfinite(scores)]
    n = values.size
    if n == 0 or scores.size == 0:
        return PredictionRate(np.array([0.0, 1.0]), np.array([0.0, 1.0]), float("nan"), int(scores.size))
    # share of area with probability >= score (ties: the whole tie block counts as needed)
    asc = values[::-1]
    area_needed = (n - np.searchsorted(asc, scores, side="left")) / n
    area_needed.sort()
    area = np.concatenate([[0.0], area_needed, [1.0]])
    captured = np.concatenate([[0.0], np.arange(1, scores.size + 1) / scores.size, [1.0]])
    # step function: captured share jumps at each deposit's area_needed
    auc = float(np.sum(np.diff(area) * captured[:-1]))
    at = {f"{s:.2f}": float(np.mean(area_needed <= s)) for s in shares}
    return PredictionRate(area, captured, auc, int(scores.size), at)


def plot_prediction_rate(curves: Dict[str, PredictionRate], png_path: str,
                         title: str = "Prediction-rate curve") -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5.5, 5), dpi=120)
    ax.plot([0, 1], [0, 1], ls="--", c="grey", lw=1, label="random (AUC 0.50)")
    for name, pr in curves.items():
        ax.step(pr.area_share, pr.deposit_share, where="post", lw=2,
                label=f"{name} ({pr.n_deposits} bodies, AUC {pr.auc:.2f})")
    ax.set_xlabel("Share of the area, ranked by probability")
    ax.set_ylabel("Share of pegmatite bodies captured")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    ax.grid(alpha=0.3)
    ax.legend(loc="lower right", fontsize=8)
    ax.set_title(title)
    fig.tight_layout()
    fig.savefig(png_path)
    plt.close(fig)


def write_prediction_rate_html(html_path, png_path, results: Dict[str, dict]) -> None:
    """A page for QGIS's Results Viewer: the curve (``png_path``, linked relative to the page) and the AUC
    and captured shares of each group (``results``: :meth:`PredictionRate.to_dict` by group)."""
    import html
    from pathlib import Path

    from ..atomic import atomic_output

    rows = []
    for name, r in results.items():
        at = r.get("deposits_captured_at_area_share") or {}
        shares = ", ".join(f"{float(s) * 100:g} % of the area: {v * 100:.0f} %" for s, v in at.items())
        rows.append(f"<tr><td>{html.escape(str(name))}</td><td>{r['n_deposits']}</td><td>{r['auc']:.3f}</td>"
                    f"<td>{html.escape(shares)}</td></tr>")
    png = Path(png_path)
    page = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Prediction-rate curve</title></head><body>"
            "<h2>Prediction-rate curve</h2>"
            f"<p><img alt='prediction-rate curve' src='{html.escape(png.name)}'></p>"
            "<table border='1' cellpadding='4'><tr><th>group</th><th>bodies</th><th>AUC</th>"
            "<th>bodies captured in the top …</th></tr>" + "".join(rows) + "</table>"
            "<p>AUC 0.5 is a map no better than chance.</p></body></html>")
    with atomic_output(html_path) as tmp:
        Path(tmp).write_text(page, encoding="utf-8")
