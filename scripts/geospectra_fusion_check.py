"""Does mixing GeoSpectra with a library match (spectral angle, continuum-removed) name unseen specimens better?

    python scripts/geospectra_fusion_check.py [FAMILY]

Dev split only (70/30 of the TRAINING samples, ``LibraryData.dev_masks``; the test split is never read):
trains one GeoSpectra network on the dev-training part (with FAMILY, e.g. BECK, left out and the validation
restricted to FAMILY), matches the validation spectra against the dev-training library by spectral angle on
continuum-removed spectra (best cosine per class), turns the cosines into probabilities with a softmax of
temperature T and prints top-1 on featured spectra per coverage for GeoSpectra alone, the match alone and
the mixtures ``(1 - w)·GeoSpectra + w·match``.  Measured 2026-12-06: no gain (full range 0.799 → 0.799–0.803,
BECK left out 0.765 → 0.765; the network's probabilities are too peaked for the match to flip its answer), so
the product does not mix them.  Evidence for a closing note; it changes nothing the product does.
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from geospectra_tta_check import dev_model, print_top1  # noqa: E402

from models.geospectra.evaluate import SpectralAngleMatcher  # noqa: E402
from models.geospectra.network import OTHER  # noqa: E402
from models.geospectra.train import predict  # noqa: E402

TEMPERATURES = (0.002, 0.005, 0.01)
WEIGHTS = (0.2, 0.35, 0.5)


def softmax(scores: np.ndarray, temperature: float) -> np.ndarray:
    z = (scores - scores.max(axis=1, keepdims=True)) / temperature
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def main() -> int:
    classes, tr, val, model = dev_model(sys.argv[1] if len(sys.argv) > 1 else "")
    matcher = SpectralAngleMatcher(tr.x, tr.mask, tr.label, len(classes), continuum_removal=True)
    cache: dict = {}

    def both(x, m, rows):
        key = (x.shape, float(np.nansum(x[:, ::7])), float(m.sum()))  # one scenario's arrays, scored once
        if key not in cache:
            cache[key] = (predict(model, x, m, np.full(len(rows), OTHER), val.resolution[rows])[0],
                          matcher.scores(x, m))
        return cache[key]

    def geo(x, m, rows):
        return both(x, m, rows)[0]

    def match(t):
        return lambda x, m, rows: softmax(both(x, m, rows)[1], t)

    def mix(w, t):
        return lambda x, m, rows: (1 - w) * geo(x, m, rows) + w * match(t)(x, m, rows)

    methods = {"GeoSpectra": geo, **{f"GeoSpectra-match T{t}": match(t) for t in TEMPERATURES}}
    methods.update({f"GeoSpectra w{w} T{t}": mix(w, t) for w in WEIGHTS for t in TEMPERATURES})
    print_top1(classes, tr, val, methods)
    return 0


if __name__ == "__main__":
    sys.exit(main())
