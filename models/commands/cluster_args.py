"""The cluster options shared by ``predict`` and ``mineral-map`` (``--workers``, ``--scheduler`` …)."""
from __future__ import annotations

import sys

from ..progress import Progress


def add_cluster_arguments(parser) -> None:
    g = parser.add_argument_group("cluster (Dask)", "without --workers or --scheduler the job runs in this process")
    g.add_argument("--workers", type=int, default=0, help="start a local Dask cluster of N worker processes")
    g.add_argument("--scheduler", default=None, help="address of a running Dask scheduler, e.g. tcp://host:8786")
    g.add_argument("--window", type=int, default=1024, help="window core size in pixels (default 1024)")
    g.add_argument("--retries", type=int, default=2, help="retries of a failed window (default 2)")


def cluster_settings(args):
    from ..mosaic.cluster import ClusterSettings

    return ClusterSettings(workers=max(0, args.workers), scheduler=args.scheduler or None,
                           retries=max(0, args.retries), window=max(1, args.window))


def stderr_progress(quiet: bool):
    if quiet:
        return None

    def report(pct, msg):
        sys.stderr.write(f"\r{pct:5.1f} % {msg}   ")
        sys.stderr.flush()

    return Progress(report)
