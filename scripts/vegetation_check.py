"""How the green-vegetation test (models/geospectra/vegetation.py) sorts the USGS library, chapter by chapter.

    python scripts/vegetation_check.py [--data ../shared/data]

Every splib07a ASD / Beckman / AVIRIS spectrum that covers 470–880 nm; prints, per chapter (M minerals,
V vegetation, S soils and mixtures, C coatings), the share called green vegetation, the mineral spectra
that come closest (so a threshold change can be judged), and the vegetation spectra that are not called.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from models.geospectra.vegetation import GREEN_PEAK_MIN, NDVI_MIN, WELL_MIN, VegetationTest

WAVELENGTHS = {"ASD": "splib07a_Wavelengths_ASD_0.35-2.5_microns_2151_ch.txt",
               "BECK": "splib07a_Wavelengths_BECK_Beckman_0.2-3.0_microns.txt",
               "AVIRIS": "splib07a_Wavelengths_AVIRIS_1996_0.37-2.5_microns.txt"}
CHAPTERS = {"M": "ChapterM_Minerals", "V": "ChapterV_Vegetation", "S": "ChapterS_SoilsAndMixtures",
            "C": "ChapterC_Coatings"}


def library_spectra(root: Path):
    """(chapter, record name, instrument family, wavelengths nm, reflectance with NaN = missing) of every
    ASD / Beckman / AVIRIS spectrum of the chapters."""
    tables = {k: np.loadtxt(root / f, skiprows=1) * 1000.0 for k, f in WAVELENGTHS.items()}
    for ch, folder in CHAPTERS.items():
        for f in sorted((root / folder).glob("*.txt")):
            fam = next((k for k in WAVELENGTHS if f"_{k}" in f.name), None)
            if fam is None:
                continue
            r = np.loadtxt(f, skiprows=1)
            if r.size == tables[fam].size:
                r = np.where(r > -1.0, r, np.nan)  # -1.23e34 = missing channel
                yield ch, f.stem.replace("splib07a_", ""), fam, tables[fam], r


def library_rows(root: Path):
    """(chapter, record name, indices, called green vegetation) of every spectrum with a known wavelength
    table covering 470–880 nm."""
    tests = {}
    for ch, name, fam, w, r in library_spectra(root):
        test = tests.setdefault(fam, VegetationTest.for_wavelengths(w))
        i = {k: float(v[0]) for k, v in test.indices(r[None, :]).items()}
        if all(np.isfinite(v) for v in i.values()):
            yield ch, name, i, bool(test.green(r[None, :])[0])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" / "data"))
    args = ap.parse_args(argv)
    root = Path(args.data) / "usgs_splib07a" / "ASCIIdata_splib07a"
    rows = list(library_rows(root))

    print(f"thresholds: NDVI ≥ {NDVI_MIN}, chlorophyll well ≥ {WELL_MIN}, green peak ≥ {GREEN_PEAK_MIN}")
    for ch, folder in CHAPTERS.items():
        sel = [g for c, _, _, g in rows if c == ch]
        n = sum(sel)
        print(f"{folder:28s} {len(sel):4d} spectra, green vegetation: {n:4d} ({100.0 * n / max(1, len(sel)):.1f} %)")
    print("mineral spectra with NDVI ≥ 0.25 (closest to vegetation):")
    for c, name, i, g in sorted(rows, key=lambda t: -t[2]["ndvi"]):
        if c == "M" and i["ndvi"] >= 0.25:
            print(f"  {name:48s} NDVI {i['ndvi']:.2f}  well {i['well']:.3f}  green peak {i['green_peak']:.2f}"
                  f"  {'VEGETATION' if g else ''}")
    print("vegetation spectra with NDVI ≥ 0.5 not called green vegetation:")
    for c, name, i, g in rows:
        if c == "V" and i["ndvi"] >= 0.5 and not g:
            print(f"  {name:48s} NDVI {i['ndvi']:.2f}  well {i['well']:.3f}  green peak {i['green_peak']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
