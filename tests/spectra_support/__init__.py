"""Shared paths and helpers of the spectra tests (real data lives in ../shared/data, never copied)."""
from pathlib import Path

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
SPECTRO = DATA / "spectrometer_files"
QPS = SPECTRO / "qps_testdata" / "qpstestdata"
USGS = DATA / "usgs_splib07a" / "ASCIIdata_splib07a"
MINERALS = USGS / "ChapterM_Minerals"
AV95 = DATA / "usgs_splib07_aviris95"

ASD_FILES = sorted((QPS / "asd").glob("*/*.asd"))
SVC_FILES = sorted((QPS / "svc").glob("*.sig"))
SED_FILES = sorted(SPECTRO.rglob("*.sed"))
ECOSTRESS_FILES = sorted((SPECTRO / "spectralpython_ecostress_relab" / "ecostress").glob("*.txt"))
RELAB_DIR = SPECTRO / "spectralpython_ecostress_relab" / "relab" / "data" / "mem" / "mm"
ENVI_SLI = QPS / "envi" / "speclib.sli"
SPODUMENE_ASD = MINERALS / "splib07a_Spodumene_HS210.3B_ASDFRc_AREF.txt"
SPODUMENE_NIC4 = MINERALS / "splib07a_Spodumene_HS210.3B_NIC4cc_RREF.txt"
NIC4_WAVENUMBERS = USGS / "splib07a_Wavenumber_NIC4_Nicolet_8,900_-_46_cm^-1.txt"


def usgs_column(path: Path):
    """Values of a USGS splib ASCII file (title line skipped), -1.23e34 left as is."""
    import numpy as np
    return np.loadtxt(path, skiprows=1)
