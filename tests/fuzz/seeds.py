"""The files the fuzzer mutates, per target: real files from ../shared/data (read there, never copied into
the repository) and the project's synthetic files, written once into a scratch folder."""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Dict, List

import numpy as np

from spectra_support import ECOSTRESS_FILES, ENVI_SLI, QPS, RELAB_DIR, SED_FILES, SPODUMENE_ASD, USGS
from spectra_support.jcamp_writer import jcamp_text
from spectra_support.variants import aster_text, asd_bytes, sed_without_version, write_specpr_envi

#: companion files a seed needs beside it (copied unmutated next to every mutated input)
COMPANIONS: Dict[str, List[Path]] = {}


def _synthetic_spectra(out: Path) -> Dict[str, List[Path]]:
    x = np.round(np.linspace(15.0, 2.5, 60), 4)
    y = np.round(np.linspace(3.5, 9.25, 60), 4)
    (out / "aster.spectrum.txt").write_bytes(aster_text(x, y, trailer="0.0000\t\r\n").encode())
    target, white = np.linspace(15.7, 17290.0, 300), np.linspace(150.0, 34000.0, 300)
    (out / "raw_white.asd").write_bytes(asd_bytes(target, white, data_type=0, gps=(4815.05, -1142.59, 475.0)))
    (out / "radiance.asd").write_bytes(asd_bytes(target, white, data_type=2))
    wvl = np.arange(350.0, 500.0, 1.5)
    (out / "noversion.sed").write_text(sed_without_version(wvl, np.linspace(0.3, 0.5, wvl.size),
                                                           np.linspace(0.05, 0.2, wvl.size)))
    wn = np.linspace(4000.0, 400.0, 80)
    (out / "ycheck.jdx").write_text(jcamp_text(wn, np.linspace(0.1, 0.9, 80), "check", form="DIFDUP",
                                               yunits="ABSORBANCE").replace("##END=", "31999@\n##END="))
    (out / "pairs.jdx").write_text(
        "##TITLE=pairs\n##JCAMP-DX=5.01\n##DATA TYPE=UV/VIS SPECTRUM\n##XUNITS=Wavelength (nm)\n"
        "##YUNITS=TRANSMITTANCE\n##NPOINTS=4\n##XYDATA=(XY..XY)\n400,10; 410,20\n425,30; 450,40\n##END=\n")
    wl = np.linspace(0.4, 2.5, 50)
    sli = write_specpr_envi(out / "specpr", wl, np.full(50, 0.01), np.vstack([np.linspace(0.2, 0.6, 50)]),
                            ["Kaolinite CM9"])
    COMPANIONS[str(sli)] = [sli.with_suffix(".hdr")]
    return {"asd": [out / "raw_white.asd", out / "radiance.asd"], "sed": [out / "noversion.sed"],
            "ecostress": [out / "aster.spectrum.txt"], "jcamp": [out / "ycheck.jdx", out / "pairs.jdx"],
            "envi": [sli]}


def _model_files(out: Path) -> Dict[str, List[Path]]:
    from heatmap_support import train_tiny_model
    from models.geospectra.model_file import DEFAULT_MODEL
    from models.graphs import GraphDataset, build_edges

    hpm = train_tiny_model(out / "tiny.hpm", epochs=1)
    svm = train_tiny_svm(out / "svm.hpm")
    rng = np.random.default_rng(0)
    n, k = 8, 3
    rows = (np.arange(n) // 4 * k).astype(np.int32)
    cols = (np.arange(n) % 4 * k).astype(np.int32)
    ds = GraphDataset(x=rng.normal(size=(n, k * k, 2)).astype(np.float32), y=(np.arange(n) % 2).astype(np.int64),
                      rows=rows, cols=cols, block=np.zeros(n, np.int32), tile_size=k, stride=k,
                      edge_index=build_edges(k, 30.0), edge_threshold_m=51.0, channel_names=["b1", "dist"],
                      wavelengths_nm=[2207.5, None], mean=np.zeros(2, np.float32), std=np.ones(2, np.float32),
                      crs_wkt='PROJCS["WGS 84 / UTM zone 44N"]', geotransform=(0.0, 30.0, 0.0, 0.0, 0.0, -30.0),
                      raster_size=(12, 6))
    hpg = ds.save(out / "tiny.hpg")
    npz = ds.save(out / "tiny_npz.hpg", fmt="npz")
    return {"gcn_model": [hpm] + ([svm] if svm else []), "graph_dataset": [hpg, npz],
            "geospectra_model": [tiny_geospectra(out / "tiny.safetensors"), DEFAULT_MODEL]}


def train_tiny_svm(out: Path):
    """An SVM baseline model file, if the training code offers one (another loader branch to fuzz)."""
    try:
        from heatmap_support import WAVELENGTHS
        from models.gcn.model_file import save_model
        from models.gcn.train import as_training_data, train_model
    except ImportError:
        return None
    rng = np.random.default_rng(2)
    n, tile = 40, 3
    x = rng.normal(size=(n, tile * tile, len(WAVELENGTHS))).astype(np.float32)
    y = (np.arange(n) % 2).astype(np.int64)
    data = as_training_data(x=x, y=y, tile_size=tile, rows=np.arange(n) * 10, cols=np.zeros(n, int),
                            channel_names=[f"b{i}" for i in range(len(WAVELENGTHS))],
                            wavelengths_nm=list(WAVELENGTHS))
    try:
        result = train_model(data, arch="svm", epochs=1, seed=0)
    except Exception:  # noqa: BLE001 - no SVM baseline in this version: fuzz the others
        return None
    return save_model(out, result)


def tiny_geospectra(out: Path) -> Path:
    """A GeoSpectra file of the shipped layout with a small network (fast to load many times)."""
    import json

    from models.geospectra.model_file import DEFAULT_MODEL, read_metadata, save_model
    from models.geospectra.network import build_network

    meta = read_metadata(DEFAULT_MODEL)
    arch = meta["architecture"]["name"]
    config = dict(meta["architecture"].get("config", {}))
    model = build_network(arch, **{k: int(v) for k, v in config.items()})
    json.dumps(meta)
    return save_model(out, model, {k: v for k, v in meta.items() if k not in ("format", "format_version")})


def build(out: Path) -> Dict[str, List[Path]]:
    """target name → seed files (written into ``out`` where synthetic)."""
    out.mkdir(parents=True, exist_ok=True)
    table = next(USGS.glob("splib07a_Wavelengths_ASD*"))
    (s,) = __import__("models.spectra", fromlist=["read_spectra"]).read_spectra(SPODUMENE_ASD)
    (out / "spodumene.jdx").write_text(jcamp_text(s.wavelengths, s.values, "spodumene", xunits="NANOMETERS",
                                                  form="DIFDUP", yfactor=1e-6))
    COMPANIONS[str(SPODUMENE_ASD)] = [table]
    COMPANIONS[str(ENVI_SLI)] = [ENVI_SLI.with_suffix(".hdr")]
    COMPANIONS[str(ENVI_SLI.with_suffix(".hdr"))] = [ENVI_SLI]
    seeds = {
        "asd": [QPS / "asd" / "bin" / "ribb00001.asd", QPS / "asd" / "gps" / "ww00045.asd",
                QPS / "asd" / "as7" / "group100000.asd"],
        "svc": [QPS / "svc" / "250527_0942_R001_T002-de.sig", QPS / "svc" / "HR.020824.0000.sig"],
        "sed": list(SED_FILES[:2]), "envi": [ENVI_SLI, ENVI_SLI.with_suffix(".hdr")], "usgs": [SPODUMENE_ASD],
        "ecostress": list(ECOSTRESS_FILES[:2]), "jcamp": [out / "spodumene.jdx"],
        "relab": [RELAB_DIR / "bkr1mm074ws.asc", RELAB_DIR / "bkr1mm074ws.txt"],
        "csvtext": [QPS / "asd" / "txt" / "ribb00001.asd.txt"],
    }
    for name, files in _synthetic_spectra(out).items():
        seeds[name] += files
    seeds["registry"] = sorted({p for files in seeds.values() for p in files})  # sniffing: any format
    seeds.update(_model_files(out))
    return seeds


def place(seed: Path, data: bytes, folder: Path) -> Path:
    """Write a mutated input under the seed's name in ``folder`` with the seed's companions beside it."""
    for companion in COMPANIONS.get(str(seed), []):
        shutil.copyfile(companion, folder / companion.name)
    path = folder / seed.name
    path.write_bytes(data)
    return path
