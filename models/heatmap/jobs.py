"""Worker-process entry points (see :mod:`models.worker`): JSON in, JSON out."""
from __future__ import annotations

from typing import Any, Dict, Optional


def predict(progress=None, evaluate: Optional[Dict[str, Any]] = None, targets: Optional[Dict[str, Any]] = None,
            **kwargs) -> Dict[str, Any]:
    """The heatmap (on the Dask cluster at ``scheduler`` when given); with ``evaluate`` its prediction-rate
    curves (PNG, JSON and, given ``html_path``, a page for the Results Viewer); with ``targets``
    (``{"path", "top_share", "known", "known_layer"}``) the exploration-target polygons."""
    from ..progress import ensure_progress
    from .predict import evaluate_heatmap, predict_heatmap

    progress = ensure_progress(progress)
    scheduler = kwargs.pop("scheduler", None)
    span = progress.span(0.0, 0.95 if targets else 1.0)
    if scheduler:  # the windows go to a Dask cluster (models.mosaic); the map is the same
        from ..mosaic.cluster import ClusterSettings
        from ..mosaic.heatmap import predict_mosaic

        summary = predict_mosaic(kwargs.pop("model_path"), kwargs.pop("raster"), kwargs.pop("out_path"),
                                 ClusterSettings(scheduler=scheduler), progress=span, **kwargs)
    else:
        summary = predict_heatmap(progress=span, **kwargs)
    if evaluate:
        evaluate = dict(evaluate)
        html_path = evaluate.pop("html_path", None)
        summary["prediction_rate"] = evaluate_heatmap(summary["output"], **evaluate)
        if html_path and evaluate.get("png_path"):
            from .prediction_rate import write_prediction_rate_html

            write_prediction_rate_html(html_path, evaluate["png_path"], summary["prediction_rate"])
            summary["prediction_rate_html"] = str(html_path)
    if targets:
        summary["targets"] = _targets(summary, targets, progress.span(0.95, 1.0))
    return summary


def _targets(summary: Dict[str, Any], targets: Dict[str, Any], progress) -> Dict[str, Any]:
    from .targets import TargetSettings, extract_targets

    result = extract_targets(summary["output"], targets["path"],
                             TargetSettings(top_share=float(targets.get("top_share") or 0.05)),
                             uncertainty=summary.get("uncertainty"), known=targets.get("known"),
                             known_layer=targets.get("known_layer"), progress=progress)
    return {"path": targets["path"], "n_targets": result.n_targets, "summary": result.summary(),
            "warnings": list(result.warnings)}
