"""``python -m models identify … --json`` prints one object per spectrum."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
MINERALS = DATA / "usgs_splib07a" / "ASCIIdata_splib07a" / "ChapterM_Minerals"


def test_identify_json_output_shape(repo, tmp_path):
    # a small copy of the library layout: two records and their instruments' wavelength/bandpass tables
    for name in ("splib07a_Spodumene_HS210.3B_ASDFRc_AREF.txt", "splib07a_Kaolinite_CM9_BECKb_AREF.txt"):
        shutil.copy(MINERALS / name, tmp_path / name)
    for table in MINERALS.parent.glob("splib07a_*_ASD*.txt"):
        shutil.copy(table, tmp_path / table.name)
    for table in MINERALS.parent.glob("splib07a_*_BECK_*.txt"):
        shutil.copy(table, tmp_path / table.name)
    (tmp_path / "notes.txt").write_text("not a spectrum\n")
    proc = subprocess.run(
        [sys.executable, "-m", "models", "identify", str(tmp_path),
         str(MINERALS / "splib07a_Spodumene_HS210.3B_ASDFRc_AREF.txt"),
         "--top", "3", "--json"], cwd=repo, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    good = [r for r in rows if not r.get("error")]
    assert len(good) == 3, rows
    for r in good:
        assert set(r) >= {"file", "name", "instrument", "candidates"}
        assert len(r["candidates"]) == 3
        assert all(set(c) == {"mineral", "probability"} for c in r["candidates"])
        assert Path(r["file"]).is_file()
    spod = [r for r in good if "Spodumene" in r["name"]]
    assert spod and "Spodumene" in [c["mineral"] for c in spod[0]["candidates"]]
    bad = [r for r in rows if r.get("error")]
    assert all(r["candidates"] == [] for r in bad)
