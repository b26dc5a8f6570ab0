"""Evaluation under partial coverage, with the "no diagnostic feature" answer and per-mineral recall.

Every coverage scenario masks the unseen-specimen test spectra the way a real
sensor would (range crops, water-band gaps) or replaces them by their simulated
sensor views (AHSI, AVIRIS band convolutions).  For each scenario and method:

* ``top1_featured`` — top-1 accuracy on the spectra whose class has a diagnostic
  feature in the covered range (ground truth from the :class:`FeatureTable`
  measured on the *training* split), with GeoSpectra's candidates restricted to
  classes featured in that range (as the product answers);
* ``group_top1_featured`` — the same at the level of the geologist's groups;
* ``flag_featureless`` / ``flag_featured`` — share of featureless-in-range /
  featured spectra answered "no diagnostic feature";
* per-mineral recall (top-1, full coverage) for the pegmatite and alteration list.
"""
from __future__ import annotations

from typing import Callable, Dict, List, Sequence

import numpy as np

from .features import FeatureTable
from .grid import GRID
from .groups import group_index
from .preprocess import prepare_arrays

REPORT_MINERALS = ("Spodumene", "Beryl", "Lepidolite", "Tourmaline", "Muscovite", "Albite", "K-feldspar", "Quartz",
                   "Kaolinite", "Alunite", "Montmorillonite", "Opal", "Calcite", "Chlorite", "Epidote", "Goethite",
                   "Hematite", "Jarosite")
WATER = ((GRID >= 1340) & (GRID <= 1460)) | ((GRID >= 1790) & (GRID <= 1960))

# name → (kind, argument): "range" keeps [lo, hi] nm; "gaps" removes the water bands; "view" uses a sensor view
SCENARIOS = {
    "full range (as measured)": ("range", (0.0, 9999.0)),
    "water bands removed": ("gaps", None),
    "VNIR only 400–1000 nm": ("range", (400.0, 1000.0)),
    "VNIR–SWIR1 400–1700 nm": ("range", (400.0, 1700.0)),
    "SWIR only 1000–2500 nm": ("range", (1000.0, 2500.0)),
    "AVIRIS SWIR 1990–2480 nm (AVIRIS bands)": ("view_range", ("AVIRIS", 1990.0, 2480.0)),
    "AHSI bands, water bands removed": ("view_gaps", "AHSI"),
}

Scorer = Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]  # (x, mask, rows) → (N, C) probabilities


def scenario_arrays(data, kind: str, arg):
    """(x, mask, rows) of the test spectra seen in one scenario (rows: which spectra of ``data``)."""
    x, m = data.x.copy(), data.mask.copy()
    rows = np.arange(len(data))
    if kind.startswith("view"):
        view = data.views.get(arg[0] if kind == "view_range" else arg)
        if view is None:
            return None
        ok = view["ok"] & np.isin(np.asarray(data.family), ["ASD", "BECK", "NIC4"])
        rows = np.nonzero(ok)[0]
        x, m = view["x"][rows].copy(), view["mask"][rows].copy()
    if kind in ("range", "view_range"):
        lo, hi = arg if kind == "range" else arg[1:]
        m *= (GRID >= lo) & (GRID <= hi)
    if kind in ("gaps", "view_gaps"):
        m *= ~WATER
    keep = m.sum(axis=1) >= 10
    return (x * m)[keep], m[keep], rows[keep]


def _rates(pred, y, diag, featured_gt, groups) -> Dict:
    f = featured_gt
    out = {"n": int(len(y)), "n_featured": int(f.sum()), "n_featureless": int((~f).sum())}
    if f.any():
        out["top1_featured"] = float((pred[f] == y[f]).mean())
        out["top1_featured_and_answered"] = float(((pred[f] == y[f]) & diag[f]).mean())
        out["group_top1_featured"] = float((groups[pred[f]] == groups[y[f]]).mean())
        out["flag_featured"] = float((~diag[f]).mean())
    if (~f).any():
        out["flag_featureless"] = float((~diag[~f]).mean())
    return out


def _flagged_by_class(y, diag, featured_gt, classes) -> Dict[str, List[int]]:
    """Featureless spectra per class: [flagged, of n] (which minerals the "no diagnostic feature" answer misses)."""
    miss = ~featured_gt
    return {classes[c]: [int((~diag[miss & (y == c)]).sum()), int((miss & (y == c)).sum())]
            for c in sorted(set(y[miss].tolist()))}


def evaluate_coverage(data, classes: Sequence[str], table: FeatureTable, methods: Dict[str, Scorer]) -> Dict:
    """Per scenario and method: the rates above.  A method's scorer returns probabilities (or scores)."""
    groups = group_index(classes)
    out: Dict[str, Dict] = {}
    for name, (kind, arg) in SCENARIOS.items():
        arrays = scenario_arrays(data, kind, arg)
        if arrays is None or len(arrays[2]) == 0:
            continue
        x, m, rows = arrays
        y = data.label[rows]
        featured = table.featured(m)
        featured_gt = featured[np.arange(len(y)), y]
        entry = {}
        for method, score in methods.items():
            p = score(x, m, rows)
            if method.startswith("GeoSpectra"):
                probs = np.clip(p, 0.0, None)
                diag, _, _, _ = table.decide(probs, prepare_arrays(x, m)["x"], m)
                pred = np.where(featured, probs, -1.0).argmax(axis=1)  # restricted to featured classes
            else:  # a matcher has no "no feature" answer: restrict it the same way, never flag
                diag = np.ones(len(y), bool)
                pred = np.where(featured, p, -np.inf).argmax(axis=1)
            entry[method] = _rates(pred, y, diag, featured_gt, groups)
            if method.startswith("GeoSpectra"):
                entry[method]["featureless_flagged_by_class"] = _flagged_by_class(y, diag, featured_gt, classes)
        out[name] = entry
    return out


def per_mineral_recall(data, classes: Sequence[str], methods: Dict[str, Scorer],
                       minerals: Sequence[str] = REPORT_MINERALS) -> Dict:
    """Top-1 recall per listed mineral on the test spectra (full coverage), per method."""
    rows = np.arange(len(data))
    preds = {k: f(data.x, data.mask, rows).argmax(axis=1) for k, f in methods.items()}
    out: Dict[str, Dict] = {}
    for mineral in minerals:
        if mineral not in classes:
            out[mineral] = {"n": 0, "note": "not a class"}
            continue
        sel = data.label == classes.index(mineral)
        entry: Dict = {"n": int(sel.sum()), "samples": int(len(set(np.asarray(data.sample_id)[sel])))}
        for k, pred in preds.items():
            entry[k] = float((pred[sel] == data.label[sel]).mean()) if sel.any() else None
        if sel.any():
            wrong = [classes[c] for c in preds[next(iter(preds))][sel] if c != classes.index(mineral)]
            entry["confused_with"] = sorted(set(wrong), key=wrong.count, reverse=True)[:3]
        out[mineral] = entry
    return out


def markdown_tables(cov: Dict, recall: Dict) -> List[str]:
    lines = ["## Partial coverage and \"no diagnostic feature\" (unseen physical samples)", "",
             "Top-1 on spectra whose mineral has a diagnostic feature in the covered range (candidates restricted "
             "to minerals featured there, for every method); group = the geologist's group (kaolin group, "
             "smectites, white micas, silica, carbonates, …). *Flagged*: share answered \"no diagnostic feature\" "
             "(GeoSpectra only; matchers always name a mineral). Featured / featureless per the feature table "
             "measured on the training split.", "",
             "| coverage | method | spectra (featured / featureless) | top-1 featured | group top-1 | "
             "flagged: featureless | flagged: featured |", "|---|---|---|---|---|---|---|"]
    pc = lambda v: "–" if v is None else f"{100 * v:.1f} %"  # noqa: E731
    for scen, methods in cov.items():
        for method, r in methods.items():
            lines.append(f"| {scen} | {method} | {r['n_featured']} / {r['n_featureless']} | "
                         f"{pc(r.get('top1_featured'))} | {pc(r.get('group_top1_featured'))} | "
                         f"{pc(r.get('flag_featureless')) if method.startswith('GeoSpectra') else '–'} | "
                         f"{pc(r.get('flag_featured')) if method.startswith('GeoSpectra') else '–'} |")
    by_class = cov.get("full range (as measured)", {}).get("GeoSpectra", {}).get("featureless_flagged_by_class")
    if by_class:
        lines += ["", "Featureless spectra answered \"no diagnostic feature\", by class (full range, flagged / "
                  "spectra): "
                  + ", ".join(f"{c} {f}/{n}" for c, (f, n) in sorted(by_class.items(), key=lambda kv: -kv[1][1]))
                  + "."]
    methods = [k for k in next(iter(recall.values())).keys() if k not in ("n", "samples", "confused_with", "note")] \
        if recall else []
    lines += ["", "## Per-mineral recall (top-1, unseen physical samples, full coverage)", "",
              "| mineral | test spectra (samples) | " + " | ".join(methods) + " | GeoSpectra's confusions |",
              "|---|---|" + "---|" * len(methods) + "---|"]
    for mineral, r in recall.items():
        if not r.get("n"):
            lines.append(f"| {mineral} | 0 (single physical sample in the library: trained on, not testable) |"
                         + " – |" * len(methods) + " – |")
            continue
        lines.append(f"| {mineral} | {r['n']} ({r['samples']}) | " + " | ".join(pc(r.get(k)) for k in methods)
                     + f" | {', '.join(r.get('confused_with', [])) or '–'} |")
    return lines


TARGET_RECALL = ("Spodumene", "Beryl", "Lepidolite", "Tourmaline", "Muscovite", "Kaolinite", "Alunite")


def targets_table(cov: Dict, recall: Dict) -> List[str]:
    """Issue 16's targets against the measured figures (full coverage, unseen physical samples)."""
    g = cov.get("full range (as measured)", {}).get("GeoSpectra", {})
    pc = lambda v: "–" if v is None else f"{100 * v:.1f} %"  # noqa: E731
    ok = lambda v, t, ge=True: "–" if v is None else ("met" if (v >= t if ge else v <= t) else "not met")  # noqa: E731
    lines = ["## Targets (issue 16) on the unseen-specimen split", "",
             "| target | measured | |", "|---|---|---|",
             f"| top-1 ≥ 80 % on spectra with a diagnostic feature | {pc(g.get('top1_featured'))} | "
             f"{ok(g.get('top1_featured'), 0.8)} |",
             f"| \"no diagnostic feature\" for ≥ 90 % of featureless spectra | {pc(g.get('flag_featureless'))} | "
             f"{ok(g.get('flag_featureless'), 0.9)} |",
             f"| … and for ≤ 5 % of featured ones | {pc(g.get('flag_featured'))} | "
             f"{ok(g.get('flag_featured'), 0.05, ge=False)} |"]
    for m in TARGET_RECALL:
        r = recall.get(m, {})
        if not r.get("n"):
            lines.append(f"| recall ≥ 0.8: {m} | – | not testable (one physical sample in the library) |")
            continue
        v = r.get("GeoSpectra")
        lines.append(f"| recall ≥ 0.8: {m} | {pc(v)} (n={r['n']}, {r['samples']} samples) | {ok(v, 0.8)} |")
    return lines
