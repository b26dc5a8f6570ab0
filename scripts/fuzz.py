"""`make fuzz`: feed mutated real and synthetic files to every reader and container loader (see tests/fuzz).

    .venv/bin/python scripts/fuzz.py [--inputs 100000] [--seed 0] [--time-limit 20]

Prints a per-target table and ends with ``N inputs``; failing inputs are written to out/fuzz/ and the
exit status is 1 when any input let an untyped error escape or hung.
"""
import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO.parent), str(REPO), str(REPO / "tests")]

from fuzz.engine import run  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--inputs", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--time-limit", type=float, default=20.0, help="seconds per input before it counts as a hang")
    ap.add_argument("--out", type=Path, default=REPO / "out" / "fuzz")
    args = ap.parse_args()
    report = run(args.inputs, seed=args.seed, time_limit=args.time_limit, failures_dir=args.out,
                 progress=lambda n: print(f"  {n} inputs ...", flush=True))
    print(report.summary())
    if report.failures:
        print(f"failing inputs written to {args.out} (replay: same --seed, input index in the file name)")
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
