"""Worker-process entry points (see :mod:`models.worker`): JSON in, JSON out."""
from __future__ import annotations

from typing import Any, Dict, Optional


def predict(progress=None, evaluate: Optional[Dict[str, Any]] = None, targets: Optional[Dict[str, Any]] = None,
            **kwargs) -> Dict[str, Any]:
    """The heatmap; with ``evaluate`` its prediction-rate curves; with ``targets``
    (``{"path", "top_share", "known", "known_layer"}``) the exploration-target polygons."""
    from ..progress import ensure_progress
    from .predict import evaluate_heatmap, predict_heatmap

    progress = ensure_progress(progress)
    summary = predict_heatmap(progress=progress.span(0.0, 0.95 if targets else 1.0), **kwargs)
    if evaluate:
        summary["prediction_rate"] = evaluate_heatmap(summary["output"], **evaluate)
    if targets:
        from .targets import TargetSettings, extract_targets

        result = extract_targets(summary["output"], targets["path"],
                                 TargetSettings(top_share=float(targets.get("top_share") or 0.05)),
                                 uncertainty=summary.get("uncertainty"), known=targets.get("known"),
                                 known_layer=targets.get("known_layer"), progress=progress.span(0.95, 1.0))
        summary["targets"] = {"path": targets["path"], "n_targets": result.n_targets, "summary": result.summary(),
                              "warnings": list(result.warnings)}
    return summary
