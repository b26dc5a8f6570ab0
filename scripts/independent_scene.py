"""A second, deliberately different scene generator, to check the workflow off its own generator.

    python scripts/independent_scene.py OUT_DIR [--seeds 11 12 13] [--size 400]

``models.sample_area`` is what the defaults were chosen on; a model judged only there may have
learnt that generator.  This one shares nothing with it but the USGS endmember table on the AHSI
bands: elliptical plutons, straight faults trending NE, a host of smooth random mixtures, 30 Li,
30 Be and 30 barren dykes as rotated rectangles (5–50 m wide, Dirichlet compositions around
textbook modes, zoned outwards from the granite only loosely), half of the fertile ones known,
brightness variation and white noise with noisier water bands.  No terrain, halos or float.

The check trains each model on the first seed's known dykes and scores it on the hidden and
barren dykes of that scene and on every dyke of the other seeds, side by side with the peers
(scripts/cross_area.py's configurations and scoring).  Prints one table, writes
``independent.json``.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from osgeo import gdal, ogr, osr
from scipy import ndimage

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from models.sample_area.endmembers import load_endmembers  # noqa: E402

gdal.UseExceptions()
PX, SS, NODATA, SCALE = 30.0, 5, -9999, 10000.0
MODES = {  # textbook modal compositions of the dyke rock
    "Li": {"spodumene": 0.25, "albite": 0.25, "quartz": 0.30, "lepidolite": 0.08, "muscovite": 0.07,
           "microcline": 0.05},
    "Be": {"beryl": 0.06, "albite": 0.30, "quartz": 0.30, "muscovite": 0.18, "microcline": 0.16},
    "barren": {"microcline": 0.45, "quartz": 0.30, "muscovite": 0.10, "albite": 0.10, "biotite": 0.05},
}
GRANITE = {"microcline": 0.30, "quartz": 0.30, "oligoclase": 0.25, "biotite": 0.08, "muscovite": 0.07}
HOST = ["quartz", "muscovite", "biotite", "chlorite", "calcite", "dolomite", "sericite", "soil", "kaolinite",
        "goethite", "desert_varnish", "dry_vegetation", "montmorillonite"]
ZONES = {"barren": (0.0, 1500.0), "Be": (400.0, 2500.0), "Li": (900.0, 4000.0)}  # m from the contact


def _smooth(rng, shape, sigma):
    f = ndimage.gaussian_filter(rng.normal(0, 1, shape), sigma)
    return f / (f.std() + 1e-9)


def _plutons(rng, extent):
    n = int(rng.integers(1, 3))
    out = []
    for _ in range(n):
        cx, cy = rng.uniform(0.3, 0.7) * extent, rng.uniform(0.3, 0.7) * extent
        a, b = rng.uniform(1500, 2800) / np.sqrt(n), rng.uniform(700, 1400) / np.sqrt(n)
        out.append((cx, cy, a, b, np.deg2rad(rng.uniform(30, 60))))
    return out


def _ellipse_ring(cx, cy, a, b, th, n=90):
    t = np.linspace(0, 2 * np.pi, n, endpoint=False)
    u, v = a * np.cos(t), b * np.sin(t)
    return [(cx + u[i] * np.cos(th) - v[i] * np.sin(th), cy + u[i] * np.sin(th) + v[i] * np.cos(th)) for i in range(n)]


def _inside(x, y, plutons):
    m = np.zeros(np.broadcast(x, y).shape, bool)
    for cx, cy, a, b, th in plutons:
        dx, dy = x - cx, y - cy
        u, v = dx * np.cos(th) + dy * np.sin(th), -dx * np.sin(th) + dy * np.cos(th)
        m |= (u / a) ** 2 + (v / b) ** 2 <= 1.0
    return m


def _faults(rng, extent):
    out = []
    for _ in range(int(rng.integers(3, 6))):
        az = np.deg2rad(rng.uniform(30, 55))  # NE, clockwise from north
        x0, y0 = rng.uniform(0, extent), rng.uniform(0, extent)
        d = np.array([np.sin(az), np.cos(az)]) * 2 * extent
        out.append([(x0 - d[0], y0 - d[1]), (x0 + d[0], y0 + d[1])])
    return out


def _seg_distance(x, y, line):
    (x0, y0), (x1, y1) = line
    dx, dy = x1 - x0, y1 - y0
    t = np.clip(((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy), 0, 1)
    return np.hypot(x - x0 - t * dx, y - y0 - t * dy)


def _dykes(rng, extent, contact_d, fault_d, names):
    """90 dykes: (kind, centre, length, width, strike, composition), placed by rejection sampling."""
    out = []
    for kind in ("Li", "Be", "barren"):
        lo, hi = ZONES[kind]
        mode = MODES[kind]
        for _ in range(200_000):
            if sum(1 for d in out if d[0] == kind) == 30:
                break
            x, y = rng.uniform(0.03, 0.97, 2) * extent
            i, j = int(y // PX), int(x // PX)
            if not lo <= contact_d[i, j] <= hi or rng.random() > np.exp(-fault_d[i, j] / 1500.0):
                continue
            comp = rng.dirichlet(np.array(list(mode.values())) * 40.0)
            out.append((kind, (x, y), rng.uniform(150, 600), float(np.clip(rng.lognormal(np.log(15), 0.5), 5, 50)),
                        np.deg2rad(rng.normal(45, 20)), dict(zip(mode, comp))))
        else:
            raise ValueError(f"no room for 30 {kind} dykes {lo:.0f}–{hi:.0f} m from a pluton: use a larger --size")
    return out


def _rect(c, length, width, az):
    ux, uy = np.sin(az), np.cos(az)  # along strike
    vx, vy = uy, -ux
    pts = [(c[0] + s * ux * length / 2 + t * vx * width / 2, c[1] + s * uy * length / 2 + t * vy * width / 2)
           for s, t in ((-1, -1), (1, -1), (1, 1), (-1, 1))]
    return pts


def make_scene(out: Path, seed: int, size: int = 400) -> dict:
    rng = np.random.default_rng(seed)
    table = load_endmembers()
    names, E = table.names, table.reflectance.astype(np.float64)  # E: [B, M]
    extent = size * PX
    yy, xx = (np.mgrid[0:size, 0:size] + 0.5) * PX
    plutons = _plutons(rng, extent)
    inside = _inside(xx, yy, plutons)
    contact_d = ndimage.distance_transform_edt(~inside) * PX - ndimage.distance_transform_edt(inside) * PX
    faults = _faults(rng, extent)
    fault_d = np.min([_seg_distance(xx, yy, f) for f in faults], axis=0)
    dykes = _dykes(rng, extent, contact_d, fault_d, names)
    known_flags = {i: rng.random() < 0.5 for i, d in enumerate(dykes) if d[0] != "barren"}
    # host: smooth random mixture; granite; then dykes at their sub-pixel fraction
    logits = np.stack([_smooth(rng, (size, size), rng.uniform(4, 15)) * 1.2 for _ in HOST])
    host = np.exp(logits) / np.exp(logits).sum(0)
    A = np.zeros((len(names), size, size))
    for k, m in enumerate(HOST):
        A[names.index(m)] += host[k]
    fine = (np.arange(size * SS) + 0.5) * PX / SS
    fx, fy = np.meshgrid(fine, fine)
    gfrac = _inside(fx, fy, plutons).reshape(size, SS, size, SS).mean((1, 3))
    gvec = np.zeros(len(names))
    for m, v in GRANITE.items():
        gvec[names.index(m)] = v
    A = A * (1 - gfrac) + gvec[:, None, None] * gfrac
    for kind, c, length, width, az, comp in dykes:
        ring = np.array(_rect(c, length, width, az))
        i0, i1 = (np.clip([ring[:, 1].min() // PX, ring[:, 1].max() // PX + 1], 0, size)).astype(int)
        j0, j1 = (np.clip([ring[:, 0].min() // PX, ring[:, 0].max() // PX + 1], 0, size)).astype(int)
        sx, sy = fx[i0 * SS:i1 * SS, j0 * SS:j1 * SS] - c[0], fy[i0 * SS:i1 * SS, j0 * SS:j1 * SS] - c[1]
        u, v = sx * np.sin(az) + sy * np.cos(az), sx * np.cos(az) - sy * np.sin(az)
        m = (np.abs(u) <= length / 2) & (np.abs(v) <= width / 2)
        f = m.reshape(i1 - i0, SS, j1 - j0, SS).mean((1, 3))
        cvec = np.zeros(len(names))
        for mi, val in comp.items():
            cvec[names.index(mi)] = val
        A[:, i0:i1, j0:j1] = A[:, i0:i1, j0:j1] * (1 - f) + cvec[:, None, None] * f
    refl = np.einsum("bm,mhw->bhw", E, A) * (1.0 + 0.12 * _smooth(rng, (size, size), 6))[None]
    wl = table.center_nm
    water = np.exp(-((wl - 1400) / 40) ** 2) + np.exp(-((wl - 1900) / 50) ** 2)
    sigma = 0.004 * rng.uniform(0.7, 1.5) * (1 + 4 * water)
    refl = refl + rng.normal(0, 1, refl.shape) * sigma[:, None, None]
    out.mkdir(parents=True, exist_ok=True)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32644)
    x0, y0 = 480000.0, 3980000.0
    gt = (x0, PX, 0.0, y0 + extent, 0.0, -PX)
    cube = out / "cube.tif"
    ds = gdal.GetDriverByName("GTiff").Create(str(cube), size, size, len(wl), gdal.GDT_Int16,
                                              options=["INTERLEAVE=PIXEL", "COMPRESS=DEFLATE"])
    ds.SetGeoTransform(gt)
    ds.SetProjection(srs.ExportToWkt())
    dn = np.clip(np.round(refl[:, ::-1] * SCALE), -500, 15000).astype(np.int16)  # north up
    for b in range(len(wl)):
        band = ds.GetRasterBand(b + 1)
        band.SetNoDataValue(NODATA)
        band.SetScale(1 / SCALE)
        band.SetMetadata({"wavelength": f"{wl[b]:.2f}", "wavelength_units": "Nanometers",
                          "fwhm": f"{table.fwhm_nm[b]:.2f}"})
        band.WriteArray(dn[b])
    ds = None

    def geo(pts):  # scene metres (y up from the south edge) -> map
        return [(x0 + x, y0 + y) for x, y in pts]

    def write(name, gtype, feats, fields=()):
        path = out / name
        dsv = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
        lyr = dsv.CreateLayer(path.stem, srs, gtype)
        for f in fields:
            lyr.CreateField(ogr.FieldDefn(f, ogr.OFTString))
        for pts, attrs in feats:
            g = ogr.Geometry(gtype)
            if gtype == ogr.wkbPolygon:
                r = ogr.Geometry(ogr.wkbLinearRing)
                for x, y in geo(pts) + geo(pts[:1]):
                    r.AddPoint_2D(x, y)
                g.AddGeometry(r)
            else:
                for x, y in geo(pts):
                    g.AddPoint_2D(x, y)
            feat = ogr.Feature(lyr.GetLayerDefn())
            for k, v in attrs.items():
                feat.SetField(k, v)
            feat.SetGeometry(g)
            lyr.CreateFeature(feat)
        dsv = None
        return str(path)

    status = ["barren" if d[0] == "barren" else ("known" if known_flags[i] else "hidden") for i, d in enumerate(dykes)]
    bodies = [(_rect(d[1], d[2], d[3], d[4]), {"status": s, "zone": d[0]}) for d, s in zip(dykes, status)]
    return {
        "cube": str(cube),
        "plutons": write("plutons.gpkg", ogr.wkbPolygon, [(_ellipse_ring(*p), {}) for p in plutons]),
        "faults": write("faults.gpkg", ogr.wkbLineString, [(f, {}) for f in faults]),
        "pegmatites_known": write("known.gpkg", ogr.wkbPolygon, [b for b in bodies if b[1]["status"] == "known"],
                                  ("status", "zone")),
        "pegmatites_all": write("all.gpkg", ogr.wkbPolygon, bodies, ("status", "zone")),
    }


def main() -> int:
    from cross_area import CONFIGS, prepare_inputs, print_table, score_peers, train_configs
    from cross_area_support import score_map

    from models.heatmap.predict import predict_heatmap

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--seeds", type=int, nargs="+", default=[11, 12, 13])
    ap.add_argument("--size", type=int, default=400)
    ap.add_argument("--only", nargs="*", help="model names to run (default: all of cross_area.py)")
    args = ap.parse_args()
    scenes = [prepare_inputs(make_scene(args.out / f"scene_{s}", s, args.size), args.out / f"scene_{s}")
              for s in args.seeds]
    train = scenes[0]
    models = train_configs(train, args.out, args.only)
    rows, tables = {}, {}
    for label, tests in (("same scene (hidden and barren dykes)", scenes[:1]), ("other scenes", scenes[1:])):
        rows = {}
        for t in tests:
            for name, info in models.items():
                out = t["dir"] / f"heat_{name.split(' (')[0].replace(' ', '_').replace(',', '')}.tif"
                predict_heatmap(info["path"], t["cube"], out, plutons=t["plutons"], faults=t["faults"],
                                stride=CONFIGS[name][6])
                rows.setdefault(name, []).append(score_map(out, t))
        score_peers(train, tests, rows)
        table = {n: {k: float(np.nanmean([r[k] for r in res])) for k in res[0]} for n, res in rows.items()}
        for name, info in models.items():
            table[name]["val_f1"] = float(info["summary"]["metrics"]["f1"])
        print_table(table, f"Independent generator, trained on seed {args.seeds[0]}: {label}")
        tables[label] = table
    (args.out / "independent.json").write_text(json.dumps(tables, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
