"""`make demo`: run HyperProspect's algorithms through qgis_process and say where the outputs are."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import qgis_process_runner as qp  # noqa: E402

REPO = qp.REPO
OUT = REPO / "out"


def main() -> int:
    OUT.mkdir(exist_ok=True)
    config = qp.prepare_profile(OUT / "qgis-profile")
    print(f"HyperProspect demo — outputs in {OUT}")
    listing = qp.run(["list"], config)
    algs = [ln.strip() for ln in listing.stdout.splitlines() if ln.strip().startswith("hyperprospect:")]
    print("Algorithms of the 'hyperprospect' provider:")
    for a in algs:
        print("   ", a)
    if not algs:
        print(listing.stdout[-2000:], listing.stderr[-2000:])
        return 1
    result = qp.run_algorithm("hyperprospect:checkdependencies", {}, config)
    report = result["results"]["REPORT"]
    (OUT / "dependencies.txt").write_text(report + "\n")
    print("Dependencies:\n    " + report.replace("\n", "\n    "))
    print(f"Wrote {OUT / 'dependencies.txt'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
