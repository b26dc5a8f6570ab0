"""A small JCAMP-DX writer (free format AFFN and compressed DIFDUP with Y-checks) to make test files.

No JCAMP-DX file is among the shared sample data, so the tests write real
USGS values in both encodings and check the reader gives them back.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

_SQZ_POS, _SQZ_NEG = "@ABCDEFGHI", "@abcdefghi"
_DIF_POS, _DIF_NEG = "%JKLMNOPQR", "%jklmnopqr"
_DUP = "STUVWXYZs"


def _squeeze(value: int, pos: str, neg: str) -> str:
    digits = str(abs(value))
    table = neg if value < 0 else pos
    return table[int(digits[0])] + digits[1:]


def _dup(count: int) -> str:
    digits = str(count)
    return _DUP[int(digits[0]) - 1] + digits[1:]


def _difdup_line(x: float, ys: Sequence[int]) -> str:
    out = [f"{x:.6f}", _squeeze(ys[0], _SQZ_POS, _SQZ_NEG)]
    difs = [b - a for a, b in zip(ys[:-1], ys[1:])]
    i = 0
    while i < len(difs):
        j = i
        while j + 1 < len(difs) and difs[j + 1] == difs[i]:
            j += 1
        out.append(_squeeze(difs[i], _DIF_POS, _DIF_NEG))
        if j > i:
            out.append(_dup(j - i + 1))
        i = j + 1
    return "".join(out)


def jcamp_text(x, y, title: str, xunits: str = "1/CM", yunits: str = "REFLECTANCE", form: str = "AFFN",
               yfactor: float = 1e-6, per_line: int = 10, extra: Sequence[str] = ()) -> str:
    """One JCAMP-DX block; ``x`` must be evenly spaced (X++(Y..Y) form)."""
    x = np.asarray(x, dtype=float)
    iy = np.rint(np.asarray(y, dtype=float) / yfactor).astype(np.int64)
    n = x.size
    lines = [f"##TITLE={title}", "##JCAMP-DX=4.24", "##DATA TYPE=INFRARED SPECTRUM", *extra,
             f"##XUNITS={xunits}", f"##YUNITS={yunits}", "##XFACTOR=1.0", f"##YFACTOR={yfactor!r}",
             f"##FIRSTX={x[0]!r}", f"##LASTX={x[-1]!r}", f"##NPOINTS={n}", f"##FIRSTY={iy[0] * yfactor!r}",
             "##XYDATA=(X++(Y..Y))"]
    if form == "AFFN":
        for s in range(0, n, per_line):
            lines.append(f"{x[s]:.6f} " + " ".join(str(v) for v in iy[s:s + per_line]))
    elif form == "DIFDUP":
        s = 0
        while s < n - 1:
            e = min(s + per_line, n - 1)
            lines.append(_difdup_line(x[s], list(iy[s:e + 1])))  # last point repeated on the next line (Y-check)
            s = e
    else:
        raise ValueError(form)
    lines.append("##END=")
    return "\n".join(lines) + "\n"
