"""Which featured spectra does GeoSpectra get wrong, by instrument family and by mineral?

    python scripts/geospectra_confusions_check.py [FAMILY]

Dev split only (70/30 of the TRAINING samples, ``LibraryData.dev_masks``; the test split is never read):
one GeoSpectra network trained on the dev-training part (``geospectra_tta_check.dev_model``), answers
restricted to minerals featured in each spectrum's range as in the evaluation.  Prints top-1 on featured
validation spectra per family, the most frequent (true, answered) pairs and the errors per mineral.
Measured 2026-12-06 (full range, 264 featured spectra, 79.9 %): diopside 14/14, hornblende 12/12 and
vermiculite 4/4 wrong (pyroxenes and amphiboles, two to four specimens each), the pegmatite and alteration
minerals right (muscovite 20/20, topaz 16/16, alunite 16/16).  Evidence for a closing note.
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from geospectra_tta_check import dev_model  # noqa: E402

from models.geospectra.features import FeatureTable  # noqa: E402
from models.geospectra.network import OTHER  # noqa: E402
from models.geospectra.train import predict  # noqa: E402


def main() -> int:
    classes, tr, val, model = dev_model(sys.argv[1] if len(sys.argv) > 1 else "")
    probs = predict(model, val.x, val.mask, np.full(len(val), OTHER), val.resolution)[0]
    featured = FeatureTable.measure(tr.x, tr.mask, tr.label, classes).featured(val.mask)
    gt = featured[np.arange(len(val)), val.label]
    answer = np.where(featured, probs, -1.0).argmax(axis=1)
    right = answer == val.label
    print(f"featured top-1 {right[gt].mean():.3f} on {int(gt.sum())} spectra")
    family = np.asarray(val.family)
    for f in np.unique(family):
        sel = gt & (family == f)
        if sel.any():
            print(f"  {f}: {right[sel].mean():.3f} (n={int(sel.sum())})")
    wrong = gt & ~right
    pairs = Counter((classes[a], classes[b]) for a, b in zip(val.label[wrong], answer[wrong]))
    print("most frequent (true, answered):", pairs.most_common(20))
    errors, total = Counter(classes[a] for a in val.label[wrong]), Counter(classes[a] for a in val.label[gt])
    print("errors per mineral (wrong / spectra):",
          ", ".join(f"{c} {errors[c]}/{total[c]}" for c in sorted(total, key=lambda c: (-errors[c], c))[:25]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
