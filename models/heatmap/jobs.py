"""Worker-process entry points (see :mod:`models.worker`): JSON in, JSON out."""
from __future__ import annotations

from typing import Any, Dict, Optional


def predict(progress=None, evaluate: Optional[Dict[str, Any]] = None, **kwargs) -> Dict[str, Any]:
    from .predict import evaluate_heatmap, predict_heatmap

    summary = predict_heatmap(progress=progress, **kwargs)
    if evaluate:
        summary["prediction_rate"] = evaluate_heatmap(summary["output"], **evaluate)
    return summary
