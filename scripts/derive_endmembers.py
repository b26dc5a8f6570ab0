#!/usr/bin/env python3
"""Derive the sample area's endmember table from the USGS Spectral Library 7.

One command, deterministic::

    python scripts/derive_endmembers.py [--splib DIR] [--sensor CSV] [--out CSV]

reads a fixed list of lab spectra from ``../shared/data/usgs_splib07a`` (the
splib07a ASCII release, never copied into the project), resamples each one to a
1 nm grid (linear interpolation; the library's missing channels, -1.23e34, are
bridged the same way) and convolves it with Gaussian spectral response functions
(centre and FWHM from the sensor preset, by default ZY-1 02D AHSI, 166 bands).
The result, one reflectance column per endmember, is written to
``resources/sample_area/endmembers_zy1_02d.csv`` with a header naming every
source record.  The sample-area generator (``models/sample_area``) builds its
scenes from that table alone.

Source: Kokaly, R.F., Clark, R.N., Swayze, G.A., et al., 2017, USGS Spectral
Library Version 7: U.S. Geological Survey Data Series 1035,
https://doi.org/10.3133/ds1035; data release doi:10.5066/F7RR1WDJ (U.S. public
domain).  Modification: resampling and convolution to the sensor bands only.
"""
from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SPLIB = REPO.parent / "shared" / "data" / "usgs_splib07a" / "ASCIIdata_splib07a"
DEFAULT_SENSOR = REPO / "resources" / "sensors" / "zy1_02d_ahsi.csv"
DEFAULT_OUT = REPO / "resources" / "sample_area" / "endmembers_zy1_02d.csv"

CHAPTERS = {
    "M": "ChapterM_Minerals",
    "S": "ChapterS_SoilsAndMixtures",
    "V": "ChapterV_Vegetation",
    "C": "ChapterC_Coatings",
}

# (column name, role, chapter, file stem without "splib07a_" and ".txt")
# ASD (2151 ch, 350-2500 nm) preferred; Beckman (0.2-3 um) where no ASD record
# of the material covers the range.
ENDMEMBERS = [
    # pegmatite minerals
    ("spodumene", "pegmatite", "M", "Spodumene_HS210.3B_ASDFRc_AREF"),
    ("beryl", "pegmatite", "M", "Beryl_HS180.3B_ASDFRa_AREF"),
    ("lepidolite", "pegmatite", "M", "Lepidolite_HS167.3B_ASDFRb_AREF"),
    ("albite", "pegmatite", "M", "Albite_HS324.3B_Plagioclase_ASDFRc_AREF"),
    ("quartz", "pegmatite", "M", "Quartz_HS32.3B_ASDFRc_AREF"),
    ("muscovite", "pegmatite", "M", "Muscovite_HS146.3B_ASDFRa_AREF"),
    ("tourmaline", "pegmatite", "M", "Tourmaline_HS282.2B_BECKc_AREF"),
    # granite constituents
    ("microcline", "granite", "M", "Microcline_HS103.3B_Feldspar_ASDFRc_AREF"),
    ("orthoclase", "granite", "M", "Orthoclase_NMNH113188_BECKb_AREF"),
    ("oligoclase", "granite", "M", "Oligoclase_HS110.3B_BECKc_AREF"),
    ("biotite", "granite", "M", "Biotite_WS660_BECKb_AREF"),
    # host rocks (metasediments, marble lenses)
    ("chlorite", "host", "M", "Chlorite_HS179.3B_ASDFRb_AREF"),
    ("sericite", "host", "S", "Muscovite-medlowAl_CU91-250A_ASDFRb_AREF"),
    ("calcite", "host", "M", "Calcite_WS272_ASDNGa_AREF"),
    ("dolomite", "host", "M", "Dolomite_HS102.3B_BECKb_AREF"),
    # opaque darkeners of slate and schist: carbon black stands in for carbonaceous matter
    ("carbon_black", "host", "M", "Carbon_Black_GDS68_ASDFRa_AREF"),
    ("magnetite", "host", "M", "Magnetite_HS195.3B_ASDFRb_AREF"),
    # weathering products and coatings
    ("kaolinite", "weathering", "M", "Kaolinite_CM9_ASDNGb_AREF"),
    ("goethite", "weathering", "M", "Goethite_GDS134_ASDFRb_AREF"),
    ("hematite", "weathering", "M", "Hematite_HS45.3_ASDFRb_AREF"),
    ("montmorillonite", "weathering", "M", "Montmorillonite_SWy-1_ASDNGb_AREF"),
    ("desert_varnish", "weathering", "C", "Desert_Varnish_GDS141_BECKa_AREF"),
    # ground cover
    ("soil", "cover", "S", "Stonewall_Playa_Dry_Mud_2001_ASDFRa_AREF"),
    ("dry_vegetation", "cover", "V", "Grass_Golden_Dry_GDS480_ASDFRa_AREF"),
    ("green_vegetation", "cover", "V", "Lawn_Grass_GDS91_green_BECKa_AREF"),
]

WAVELENGTH_FILES = {
    "ASD": "splib07a_Wavelengths_ASD_0.35-2.5_microns_2151_ch.txt",
    "BECK": "splib07a_Wavelengths_BECK_Beckman_0.2-3.0_microns.txt",
}
MISSING = -1.0e30  # the library writes -1.23e34 for a missing channel


def read_column(path: Path) -> tuple[str, np.ndarray]:
    """The header line and the values of one splib07a ASCII file."""
    with open(path, encoding="latin-1") as fh:
        header = fh.readline().strip()
        values = np.array([float(line) for line in fh if line.strip()], dtype=np.float64)
    return header, values


def instrument_of(stem: str) -> str:
    if "_BECK" in stem:
        return "BECK"
    if "_ASD" in stem:  # ASDFR, ASDNG and ASDHR share the 2151-channel wavelength file
        return "ASD"
    raise ValueError(f"unsupported instrument in {stem}")


def read_sensor(path: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rows = [r for r in csv.reader(line for line in open(path, encoding="utf-8") if not line.startswith("#"))]
    header, body = rows[0], [r for r in rows[1:] if r]
    idx = {name: i for i, name in enumerate(header)}
    band = np.array([int(r[idx["band"]]) for r in body])
    centre = np.array([float(r[idx["center_nm"]]) for r in body])
    fwhm = np.array([float(r[idx["fwhm_nm"]]) for r in body])
    return band, centre, fwhm


def convolve(wl_nm: np.ndarray, refl: np.ndarray, centres: np.ndarray, fwhm: np.ndarray) -> np.ndarray:
    """Gaussian-SRF band values of a spectrum (bridges missing channels linearly)."""
    good = np.isfinite(refl) & (refl > MISSING)
    order = np.argsort(wl_nm[good])
    w, r = wl_nm[good][order], refl[good][order]
    grid = np.arange(300.0, 2601.0, 1.0)
    # outside the measured range the nearest measured value is held (np.interp)
    fine = np.interp(grid, w, r)
    sigma = fwhm / (2.0 * np.sqrt(2.0 * np.log(2.0)))
    weights = np.exp(-0.5 * ((grid[None, :] - centres[:, None]) / sigma[:, None]) ** 2)
    weights /= weights.sum(axis=1, keepdims=True)
    return weights @ fine


def derive(splib: Path, sensor: Path) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    band, centres, fwhm = read_sensor(sensor)
    wavelengths = {}
    for key, name in WAVELENGTH_FILES.items():
        _, um = read_column(splib / name)
        wavelengths[key] = um * 1000.0
    headers, columns = [], []
    for name, _role, chapter, stem in ENDMEMBERS:
        path = splib / CHAPTERS[chapter] / f"splib07a_{stem}.txt"
        if not path.is_file():
            raise SystemExit(f"missing USGS record {path}")
        header, values = read_column(path)
        wl = wavelengths[instrument_of(stem)]
        if len(values) != len(wl):
            raise SystemExit(f"{path.name}: {len(values)} values but {len(wl)} wavelengths")
        headers.append(" ".join(header.split()))
        columns.append(convolve(wl, values, centres, fwhm))
    table = np.clip(np.stack(columns, axis=1), 0.0, 1.0)
    return headers, band, centres, fwhm, table


def render(headers, band, centres, fwhm, table, sensor_name: str) -> str:
    out = io.StringIO()
    out.write("# HyperProspect sample-area endmembers, convolved to the ZY-1 02D AHSI bands.\n")
    out.write("# Derived by scripts/derive_endmembers.py (deterministic; rerun it to regenerate).\n")
    out.write("# Source: USGS Spectral Library Version 7 (splib07a ASCII), Kokaly, R.F., Clark, R.N.,\n")
    out.write("#   Swayze, G.A., et al., 2017, U.S. Geological Survey Data Series 1035,\n")
    out.write("#   https://doi.org/10.3133/ds1035, data doi:10.5066/F7RR1WDJ (U.S. public domain).\n")
    out.write("# Modification: each spectrum was linearly resampled to a 1 nm grid (missing channels\n")
    out.write("#   bridged, values beyond the measured range held constant) and convolved with Gaussian\n")
    out.write(f"#   band responses (centre and FWHM from resources/sensors/{sensor_name}); clipped to 0..1.\n")
    out.write("# Values: reflectance (0-1). Columns after fwhm_nm, with their USGS source record:\n")
    for (name, role, chapter, stem), header in zip(ENDMEMBERS, headers):
        out.write(f"#   {name} [{role}]: {CHAPTERS[chapter]}/splib07a_{stem}.txt ({header})\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["band", "center_nm", "fwhm_nm", *[e[0] for e in ENDMEMBERS]])
    for i in range(len(band)):
        writer.writerow([int(band[i]), f"{centres[i]:.2f}", f"{fwhm[i]:.2f}", *[f"{v:.5f}" for v in table[i]]])
    return out.getvalue()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--splib", type=Path, default=DEFAULT_SPLIB, help="the ASCIIdata_splib07a folder")
    parser.add_argument("--sensor", type=Path, default=DEFAULT_SENSOR, help="band table (band,center_nm,fwhm_nm)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    headers, band, centres, fwhm, table = derive(args.splib, args.sensor)
    text = render(headers, band, centres, fwhm, table, args.sensor.name)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({len(band)} bands x {table.shape[1]} endmembers)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
