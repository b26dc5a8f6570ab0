"""One table comparing several maps scored on the same deposits (models, peers, ablations)."""
from __future__ import annotations

from typing import Mapping, Optional, Sequence

from .heatmap_score import HeatmapScore, _fmt, _pct, _share_key


def _status_auc(score: HeatmapScore, status: Optional[str]):
    st = score.statuses.get(status) if status else score.fertile
    return (st.curve.auc, st.curve.captured_at.get(_share_key(0.10))) if st else (float("nan"), None)


def comparison_table(scores: Mapping[str, HeatmapScore], statuses: Sequence[Optional[str]] = ("hidden",)) -> str:
    """Plain-text table, one row per map: prediction-rate AUC and top-10 % capture of each of
    ``statuses`` (``None`` = all fertile bodies), then pixel ROC AUC fertile vs background and vs barren."""
    heads = []
    for s in statuses:
        name = s or "fertile"
        heads += [f"PR AUC {name}", f"top10% {name}"]
    heads += ["ROC fert/bg", "ROC fert/barren"]
    width = max([len("map")] + [len(k) for k in scores])
    lines = [f"{'map':{width}s}  " + "  ".join(f"{h:>{max(len(h), 7)}s}" for h in heads)]
    for name, score in scores.items():
        cells = []
        for s in statuses:
            auc, top10 = _status_auc(score, s)
            cells += [_fmt(auc), _pct(top10)]
        barren = score.pixel_roc.get("fertile_vs_barren")
        cells += [_fmt(score.pixel_roc["fertile_vs_background"].auc), _fmt(barren.auc if barren else float("nan"))]
        lines.append(f"{name:{width}s}  " + "  ".join(f"{c:>{max(len(h), 7)}s}" for c, h in zip(cells, heads)))
    return "\n".join(lines)
