"""Latency and throughput of the shipped GeoSpectra model on this CPU.

``python -m models.geospectra.bench [--model PATH] [--threads N] [--json]``

* single spectrum, warm: median wall time of ``Identifier.identify`` on one
  ASD-like spectrum (2151 samples, 350–2500 nm) after warm-up runs — the whole
  pipeline: resampling, wavelet denoising, network, softmax, ranking;
* batched: spectra per second for 4096 such spectra in one call.
Targets (issue 7): ≤ 50 ms per spectrum warm, ≥ 1,000 spectra/s batched.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time


def run_benchmark(model=None, threads: int = 2, n_single: int = 30, n_batch: int = 4096, seed: int = 0) -> dict:
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    import numpy as np
    import torch

    from .inference import Identifier

    torch.set_num_threads(threads)
    ident = Identifier(model)
    rng = np.random.default_rng(seed)
    wl = np.arange(350.0, 2501.0, 1.0)
    base = 0.5 + 0.1 * np.sin(wl / 150.0) - 0.15 * np.exp(-0.5 * ((wl - 2200) / 15) ** 2)
    one = [(wl, base + rng.normal(0, 0.002, wl.size), "ASD")]
    for _ in range(5):
        ident.identify(one)
    times = []
    for _ in range(n_single):
        t = time.perf_counter()
        ident.identify(one)
        times.append(time.perf_counter() - t)
    values = base[None, :] * rng.uniform(0.7, 1.3, (n_batch, 1)) + rng.normal(0, 0.003, (n_batch, wl.size))
    ident.identify(values[:256], wavelengths=wl)
    t = time.perf_counter()
    res = ident.identify(values, wavelengths=wl)
    dt = time.perf_counter() - t
    assert len(res) == n_batch
    return {
        "threads": threads,
        "single_ms_median": 1000 * float(np.median(times)),
        "single_ms_p90": 1000 * float(np.percentile(times, 90)),
        "batch_size": n_batch,
        "batch_seconds": dt,
        "batch_spectra_per_second": n_batch / dt,
        "targets": {"single_ms": 50, "spectra_per_second": 1000},
        "load_average": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m models.geospectra.bench", description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=None)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    r = run_benchmark(args.model, args.threads)
    if args.json:
        print(json.dumps(r, indent=2))
    else:
        print(f"single spectrum (warm): median {r['single_ms_median']:.1f} ms, p90 {r['single_ms_p90']:.1f} ms "
              f"(target ≤ 50 ms)")
        print(f"batched: {r['batch_spectra_per_second']:.0f} spectra/s for {r['batch_size']} spectra "
              f"(target ≥ 1000/s); threads={r['threads']}, load average {r['load_average']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
