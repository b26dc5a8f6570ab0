"""Which rule for "no diagnostic feature" flags the featureless spectra without flagging the featured ones?

    python scripts/geospectra_featureless_check.py [CACHE.npz]

Dev split only (70/30 of the TRAINING samples, ``LibraryData.dev_masks``; the test split is never read):
one GeoSpectra network trained on the dev-training part (``geospectra_tta_check.dev_model``; its answers are
cached in CACHE so the rules can be compared again without training), the feature table measured on the
dev-training part, every coverage scenario of the evaluation.  For each rule and setting: the share of
featureless-in-range spectra flagged and of featured ones flagged, full range and pooled over scenarios.
The setting is chosen by the rule fixed beforehand (as for the shipped thresholds): the most featureless
spectra flagged on the full range while at most 5 % of featured ones are, on the full range and pooled.

Measured 2026-12-06 (288 validation spectra; 24 featureless at full range, 289 pooled over the 7 coverages):
the shipped rule (depth 0.02, share 0.7) flags 75.0 % / 3.8 % (featureless / featured) at full range and
79.2 % / 5.0 % pooled.  Adding the answer's own evidence (flag when the answered mineral's feature windows
show less than 0.2–0.6 × its median depth) buys featureless flags only with more featured ones flagged
(ratio 0.5: 83.3 % / 13.6 % full, 90.3 % / 16.8 % pooled), so it is not adopted.  The featureless spectra
left unflagged are not flat: grossular (depth 0.17–0.30, answered vesuvianite or prehnite), augite (0.10,
diopside), montmorillonite/muscovite in VNIR only (their class has no VNIR feature, the specimen does) —
"featureless" is a property of the class in the covered range, the depth a property of the specimen.
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from models.geospectra.coverage_eval import SCENARIOS, scenario_arrays  # noqa: E402
from models.geospectra.features import (DIAGNOSTIC, MIN_WINDOW_COVER, FeatureTable, window_cover,  # noqa: E402
                                        window_depths)
from models.geospectra.network import OTHER  # noqa: E402
from models.geospectra.preprocess import prepare_arrays  # noqa: E402


def collect(cache: Path) -> dict:
    """Per scenario: probabilities, window depths, featured table, labels (trained and cached once)."""
    if cache.exists():
        z = np.load(cache, allow_pickle=False)
        return {k: z[k] for k in z.files}
    from geospectra_tta_check import dev_model
    from models.geospectra.train import predict

    classes, tr, val, model = dev_model("")
    table = FeatureTable.measure(tr.x, tr.mask, tr.label, classes)
    out = {"class_depths": table.depths, "classes": np.array(classes)}
    for i, (name, (kind, arg)) in enumerate(SCENARIOS.items()):
        arrays = scenario_arrays(val, kind, arg)
        if arrays is None or len(arrays[2]) == 0:
            continue
        x, m, rows = arrays
        probs = predict(model, x, m, np.full(len(rows), OTHER), val.resolution[rows])[0]
        px = prepare_arrays(x, m)["x"]
        out.update({f"{i}_probs": probs, f"{i}_depths": window_depths(px, m), f"{i}_cover": window_cover(m),
                    f"{i}_featured": table.featured(m), f"{i}_y": val.label[rows]})
        print(f"{name}: {len(rows)} spectra", flush=True)
    np.savez_compressed(cache, **out)
    return out


def rates(flag: np.ndarray, gt: np.ndarray):
    return float(flag[~gt].mean()) if (~gt).any() else np.nan, float(flag[gt].mean()) if gt.any() else np.nan


def flags(z: dict, i: int, depth: float, share_max: float, ratio: float) -> np.ndarray:
    """Flag = the shipped rule (deepest diagnostic depth < depth, or featureless share ≥ share_max) OR the
    answer's own evidence: the spectrum's depth in the windows where the answered mineral has its feature is
    below ``ratio`` × that mineral's median depth there (0 turns this part off)."""
    probs, d, featured = z[f"{i}_probs"], z[f"{i}_depths"], z[f"{i}_featured"]
    cover = z[f"{i}_cover"] >= MIN_WINDOW_COVER
    evidence = np.nan_to_num(d[:, DIAGNOSTIC], nan=0.0).max(axis=1) if d.size else np.zeros(len(d))
    share = 1.0 - (probs * featured).sum(axis=1)
    flag = (evidence < depth) | (share >= share_max)
    if ratio > 0:
        cd = np.nan_to_num(z["class_depths"], nan=0.0)
        answer = np.where(featured, probs, -1.0).argmax(axis=1)
        has = (cd[answer] >= 0.055) & DIAGNOSTIC[None, :] & cover          # (B, W) the answer's windows here
        own = np.where(has, np.nan_to_num(d, nan=0.0) / np.maximum(cd[answer], 1e-6), -np.inf)
        flag |= has.any(axis=1) & (own.max(axis=1) < ratio)  # none of its windows shows its feature
    return flag


def main() -> int:
    cache = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/featureless_dev.npz")
    z = collect(cache)
    scen = [i for i in range(len(SCENARIOS)) if f"{i}_probs" in z]
    names = list(SCENARIOS)
    for i in scen:
        gt = z[f"{i}_featured"][np.arange(len(z[f"{i}_y"])), z[f"{i}_y"]]
        print(f"{names[i]}: featured {int(gt.sum())} / featureless {int((~gt).sum())}")
    rows = []
    for depth in (0.015, 0.02, 0.025, 0.03):
        for share_max in (0.5, 0.6, 0.7):
            for ratio in (0.0, 0.2, 0.3, 0.4, 0.5, 0.6):
                per, pooled_f, pooled_l = [], [], []
                for i in scen:
                    gt = z[f"{i}_featured"][np.arange(len(z[f"{i}_y"])), z[f"{i}_y"]]
                    fl = flags(z, i, depth, share_max, ratio)
                    per.append(rates(fl, gt))
                    pooled_f.append(fl[gt])
                    pooled_l.append(fl[~gt])
                pooled = (float(np.concatenate(pooled_l).mean()), float(np.concatenate(pooled_f).mean()))
                rows.append((depth, share_max, ratio, per[0], pooled))
    print("depth share ratio | full: featureless featured | pooled: featureless featured")
    for depth, share_max, ratio, full, pooled in rows:
        print(f"{depth:.3f} {share_max:.1f} {ratio:.1f} | {full[0]:.3f} {full[1]:.3f} | "
              f"{pooled[0]:.3f} {pooled[1]:.3f}")
    ok = [r for r in rows if r[3][1] <= 0.05 and r[4][1] <= 0.05]
    if ok:
        best = max(ok, key=lambda r: (r[3][0], r[4][0]))
        print("chosen (most featureless flagged, ≤ 5 % featured, full and pooled):", best[:3],
              "full", best[3], "pooled", best[4])
    return 0


if __name__ == "__main__":
    sys.exit(main())
