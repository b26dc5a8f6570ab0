"""Does an ensemble of GeoSpectra networks (different seeds) name unseen specimens better than one?

    python scripts/geospectra_ensemble_check.py [FAMILY] [--members K]

Dev split only (70/30 of the TRAINING samples, ``LibraryData.dev_masks``; the test split is never read):
trains K GeoSpectra networks that differ only in their seed on the dev-training part (with FAMILY, e.g.
BECK, left out and the validation restricted to FAMILY), then prints top-1 on featured spectra per
coverage for each member alone and for the mean of the first 2 … K members' probabilities.  Evidence for
a closing note; it changes nothing the product does.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from geospectra_tta_check import dev_split, print_top1  # noqa: E402

from models.geospectra.network import OTHER  # noqa: E402
from models.geospectra.train import TrainConfig, predict, train  # noqa: E402


def main() -> int:
    import torch

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("family", nargs="?", default="")
    ap.add_argument("--members", type=int, default=4)
    args = ap.parse_args()
    torch.set_num_threads(2)
    classes, tr, val = dev_split(args.family)
    print(f"dev training {len(tr)} / validation {len(val)} spectra; family left out: {args.family or 'none'}")
    models = []
    for seed in range(args.members):
        t0 = time.time()
        models.append(train(tr, len(classes), TrainConfig(device="cpu", arch="geospectra", seed=seed)).model)
        print(f"member {seed} trained in {time.time() - t0:.0f} s", flush=True)

    def member(k):
        def run(x, m, rows):
            return predict(models[k], x, m, np.full(len(rows), OTHER), val.resolution[rows])[0]
        return run

    def mean_of(k):
        def run(x, m, rows):
            return np.mean([member(i)(x, m, rows) for i in range(k)], axis=0)
        return run

    methods = {f"seed {k}": member(k) for k in range(args.members)}
    methods.update({f"mean of {k}": mean_of(k) for k in range(2, args.members + 1)})
    print_top1(classes, tr, val, methods)
    return 0


if __name__ == "__main__":
    sys.exit(main())
