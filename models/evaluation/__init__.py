"""Evaluation of prospectivity maps against deposits of known status (no QGIS here).

* :mod:`.heatmap_score` — prediction-rate curves per status and pixel ROC AUCs;
* :mod:`.report` — the score as JSON, PNG and an HTML page;
* :mod:`.table` — one text table comparing several maps on the same deposits.
"""
from __future__ import annotations

from typing import Optional

from .heatmap_score import HeatmapScore, ScoreSettings, score_heatmap
from .report import default_paths, write_score
from .table import comparison_table


def evaluate_heatmap(raster, deposits, settings: Optional[ScoreSettings] = None, json_path=None, png_path=None,
                     html_path=None, progress=None):
    """Score ``raster`` against ``deposits`` and write the files; returns ``(score, {"json", "png"[, "html"]})``."""
    score = score_heatmap(raster, deposits, settings, progress)
    return score, write_score(score, json_path, png_path, html_path)


__all__ = ["HeatmapScore", "ScoreSettings", "comparison_table", "default_paths", "evaluate_heatmap", "score_heatmap",
           "write_score"]
