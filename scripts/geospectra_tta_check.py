"""Does test-time augmentation help GeoSpectra on unseen specimens and on an unseen instrument family?

    python scripts/geospectra_tta_check.py [FAMILY]

Dev split only (70/30 of the TRAINING samples, as ``scripts/train_geospectra.py --dev``; the test split
is never read): trains GeoSpectra on the dev-training part (with FAMILY, e.g. BECK, left out of it and the
validation restricted to FAMILY), then prints top-1 on featured spectra per coverage for the plain
prediction and for the mean (arithmetic, geometric) over seven views: as measured, ±3 nm wavelength
shift, ±0.1 continuum slope, band depths to the power 0.8 and 1.25.  Evidence for a closing note; the
product does not use test-time augmentation (no gain measured).
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from models.geospectra.coverage_eval import evaluate_coverage  # noqa: E402
from models.geospectra.dataset import shift_rows  # noqa: E402
from models.geospectra.features import FeatureTable  # noqa: E402
from models.geospectra.grid import GRID  # noqa: E402
from models.geospectra.network import OTHER  # noqa: E402
from models.geospectra.preprocess import continuum_removed_grid  # noqa: E402
from models.geospectra.recipe import load_library_data  # noqa: E402
from models.geospectra.train import TrainConfig, predict, train  # noqa: E402


def dev_split(family: str):
    """(classes, dev training, validation) from the training samples only (``LibraryData.dev_masks``)."""
    ld = load_library_data(REPO.parent / "shared" / "data", 4, 0)
    tr, val = ld.dev_masks(0)
    if family:
        fam = np.asarray(ld.data.family)
        tr, val = tr & (fam != family), val & (fam == family)
    return ld.classes, ld.data.subset(np.nonzero(tr)[0]), ld.data.subset(np.nonzero(val)[0])


def dev_model(family: str):
    """(classes, dev training, validation, one GeoSpectra network trained on the dev-training part, seed 0)."""
    import torch

    torch.set_num_threads(2)
    classes, tr, val = dev_split(family)
    print(f"dev training {len(tr)} / validation {len(val)} spectra; family left out: {family or 'none'}")
    t0 = time.time()
    model = train(tr, len(classes), TrainConfig(device="cpu", arch="geospectra", seed=0)).model
    print(f"trained in {time.time() - t0:.0f} s", flush=True)
    return classes, tr, val, model


def views(x: np.ndarray, m: np.ndarray):
    """The seven test-time views of grid spectra ``x`` with mask ``m``."""
    out = [(x, m)] + [shift_rows(x, m, np.full(len(x), s, np.float32)) for s in (-0.3, 0.3)]
    t = ((GRID - 1450.0) / 2100.0).astype(np.float32)[None, :]
    out += [((x * np.clip(1 + s * t, 0.2, None) * m).astype(np.float32), m) for s in (-0.1, 0.1)]
    cr = np.clip(continuum_removed_grid(x, m), 1e-4, 1.0)
    cont = np.where(cr > 1e-6, x / np.maximum(cr, 1e-6), x)
    out += [(((cont * cr ** k) * m).astype(np.float32), m) for k in (0.8, 1.25)]
    return out


def main() -> int:
    classes, tr, val, model = dev_model(sys.argv[1] if len(sys.argv) > 1 else "")

    def run(x, m, rows):
        return predict(model, x, m, np.full(len(rows), OTHER), val.resolution[rows])[0]

    def mean(x, m, rows):
        return np.mean([run(xv, mv, rows) for xv, mv in views(x, m)], axis=0)

    def geometric(x, m, rows):
        lp = np.mean([np.log(np.clip(run(xv, mv, rows), 1e-9, 1.0)) for xv, mv in views(x, m)], axis=0)
        p = np.exp(lp - lp.max(axis=1, keepdims=True))
        return p / p.sum(axis=1, keepdims=True)

    print_top1(classes, tr, val, {"plain": run, "TTA mean": mean, "TTA geometric": geometric})
    return 0


def print_top1(classes, tr, val, methods: dict) -> None:
    """One line per coverage of ``evaluate_coverage``: each method's top-1 on featured validation spectra."""
    table = FeatureTable.measure(tr.x, tr.mask, tr.label, classes)
    for coverage, rows in evaluate_coverage(val, classes, table, methods).items():
        cells = [f"{k} {v.get('top1_featured', float('nan')):.3f}" for k, v in rows.items()]
        print(f"{coverage:<45}" + " | ".join(cells))


if __name__ == "__main__":
    sys.exit(main())
