"""Worker-process entry points (see :mod:`models.worker`): JSON in, JSON out."""
from __future__ import annotations

from typing import Any, Dict, Optional


def predict(progress=None, evaluate: Optional[Dict[str, Any]] = None, **kwargs) -> Dict[str, Any]:
    """The heatmap, and with ``evaluate`` its prediction-rate curves (PNG, JSON and, given ``html_path``,
    a page for the Results Viewer)."""
    from .predict import evaluate_heatmap, predict_heatmap

    summary = predict_heatmap(progress=progress, **kwargs)
    if evaluate:
        evaluate = dict(evaluate)
        html_path = evaluate.pop("html_path", None)
        summary["prediction_rate"] = evaluate_heatmap(summary["output"], **evaluate)
        if html_path and evaluate.get("png_path"):
            from .prediction_rate import write_prediction_rate_html

            write_prediction_rate_html(html_path, evaluate["png_path"], summary["prediction_rate"])
            summary["prediction_rate_html"] = str(html_path)
    return summary
