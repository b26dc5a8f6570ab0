"""Fast mineral mapping (models/geospectra/fast_map.py): a small network taught and checked by GeoSpectra.

The promise to a user is agreement, not speed (speed is in BENCHMARKS.md §5): the fast map gives GeoSpectra's
classes on the pixels it was checked on, sends what it is unsure of to GeoSpectra, keeps nodata, and falls back
to GeoSpectra everywhere when it cannot be taught or checked.  Its teacher is the first network of the
shipped ensemble, so the mechanism is checked against that network's exact map, and the map as a whole
against the ensemble's.
"""
import numpy as np
import pytest
from osgeo import gdal

from models.geospectra.dataset import AHSI_TABLE
from models.geospectra.fast_map import FastSettings, Student, fit_student, pixel_features
from models.geospectra.grid import read_sensor_table
from models.geospectra import mineral_map
from models.geospectra.mineral_map import MineralMapSettings, map_minerals
from models.geospectra.synthetic_cube import mixture_cube

def _mixture_cube(path, size, seed=0, nodata_rows=()):
    return mixture_cube(path, size, *read_sensor_table(AHSI_TABLE), seed=seed, nodata_rows=nodata_rows)


def _read(path):
    return gdal.Open(str(path)).ReadAsArray()


@pytest.fixture(scope="module")
def cube(tmp_path_factory):
    return _mixture_cube(tmp_path_factory.mktemp("cube") / "cube.tif", 130, nodata_rows=(5, 6))


@pytest.fixture(scope="module")
def maps(cube, tmp_path_factory):
    work = tmp_path_factory.mktemp("fast")
    exact = map_minerals(cube, work / "exact.tif", MineralMapSettings(probability_minerals=["Kaolinite"]))
    fast = map_minerals(cube, work / "fast.tif", MineralMapSettings(probability_minerals=["Kaolinite"], fast=True))
    return exact, fast


def _map_by_teacher(cube, out, settings=None):
    """The exact map by the fast map's teacher alone: the first network of the shipped ensemble."""
    whole = mineral_map.get_identifier(None, "auto")
    assert whole.networks > 1  # the shipped model is an ensemble, so teacher and exact map differ
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(mineral_map, "get_identifier", lambda *_: whole.first_network())
        return map_minerals(cube, out, settings or MineralMapSettings())


@pytest.fixture(scope="module")
def teacher_map(cube, tmp_path_factory):
    return _map_by_teacher(cube, tmp_path_factory.mktemp("teacher") / "teacher.tif")


def test_fast_map_agrees_with_geospectra_and_says_how_well(maps, teacher_map):
    exact, fast = maps
    report = fast["fast"]
    assert report["used"] is True
    assert report["agreement_on_held_out"] >= FastSettings().min_agreement
    assert report["teacher_networks"] == {"used": 1, "in_model": mineral_map.get_identifier(None, "auto").networks}
    a, b, t = _read(exact["output"]), _read(fast["output"]), _read(teacher_map["output"])
    valid = a != 0
    assert (t[valid] == b[valid]).mean() >= 0.97  # the whole map, as its teacher maps it
    # and near the whole ensemble's exact map (96.7 % on the benchmark cube, BENCHMARKS.md §5)
    assert (a[valid] == b[valid]).mean() >= 0.95
    # every valid pixel was mapped by one of the two, and most by the small network
    assert report["pixels"]["fast"] + report["pixels"]["exact"] == int(valid.sum())
    assert report["pixels"]["fast"] > 0.5 * valid.sum()
    conf_a, conf_b = _read(exact["confidence"]), _read(fast["confidence"])
    assert np.abs(conf_a - conf_b)[valid].mean() < 0.05
    pa, pb = _read(exact["probabilities"]), _read(fast["probabilities"])
    assert np.abs(pa - pb)[valid].mean() < 0.05


def test_fast_map_keeps_nodata_and_the_outputs_of_the_exact_map(maps, teacher_map):
    exact, fast = maps
    a, b = _read(exact["output"]), _read(fast["output"])
    assert np.all(b[5:7] == 0) and np.all(a[5:7] == 0)
    assert np.all(_read(fast["confidence"])[5:7] == -1)
    assert fast["style"].endswith(".qml") and set(fast["pixel_counts"]) <= set(teacher_map["pixel_counts"]) | {
        "no diagnostic feature"}


def test_a_raster_too_small_to_teach_is_mapped_exactly(tmp_path):
    cube = _mixture_cube(tmp_path / "small.tif", 30, seed=3)
    exact = map_minerals(cube, tmp_path / "exact.tif", MineralMapSettings())
    fast = map_minerals(cube, tmp_path / "fast.tif", MineralMapSettings(fast=True))
    assert fast["fast"]["used"] is False and "too few valid pixels" in fast["fast"]["reason"]
    assert np.array_equal(_read(exact["output"]), _read(fast["output"]))
    assert np.array_equal(_read(exact["confidence"]), _read(fast["confidence"]))


def test_a_network_unsure_of_most_pixels_is_dropped():
    rng = np.random.default_rng(0)
    refl = rng.uniform(0.05, 0.6, (3000, 40))
    shown = rng.dirichlet(np.ones(5), 3000).astype(np.float32)  # answers no network can learn from these inputs
    diagnostic = rng.random(3000) > 0.3
    student, report = fit_student(refl, diagnostic, shown, FastSettings(epochs=2))
    assert student is None and report["used"] is False
    assert "was sure of only" in report["reason"] and report["held_out_share_mapped_by_geospectra"] > 0.5


def _one_kind(rng, n=3000):
    base = rng.uniform(0.2, 0.5, (1, 40))
    refl = base * rng.uniform(0.8, 1.2, (n, 1)) + rng.normal(0, 0.003, (n, 40))  # one spectrum, many brightnesses
    return refl, np.tile(np.eye(4, dtype=np.float32)[[0]], (n, 1))


def test_a_network_below_the_agreement_asked_is_dropped():
    refl, shown = _one_kind(np.random.default_rng(2))
    student, report = fit_student(refl, np.ones(len(refl), bool), shown, FastSettings(epochs=20, min_agreement=1.01))
    assert student is None and "agreed with GeoSpectra on 100.0%" in report["reason"]
    student, report = fit_student(refl, np.ones(len(refl), bool), shown, FastSettings(epochs=20))
    assert student is not None and report["used"] is True


def test_unfamiliar_pixels_are_not_taken_by_the_small_network():
    rng = np.random.default_rng(1)
    refl, shown = _one_kind(rng)
    student = Student(pixel_features(refl), np.ones(len(refl), bool), shown, FastSettings(epochs=20))
    ok, featureless, probs = student.predict(pixel_features(refl[:200]))
    assert ok.mean() > 0.9 and not featureless.any() and (probs.argmax(1) == 0).all()
    strange = rng.uniform(0.05, 0.9, (50, 40))  # spectra unlike anything in the sample
    ok, _, _ = student.predict(pixel_features(strange))
    assert not ok.any()


def test_cancel_while_teaching_the_fast_network_leaves_no_file(tmp_path):
    from models.errors import CancelledError
    from models.progress import Progress

    cube = _mixture_cube(tmp_path / "c.tif", 90, seed=5)
    messages = []

    def report(pct, message):
        messages.append(message)

    # cancelled once the teaching has reported a few times (the sample is scored in chunks, then epochs)
    progress = Progress(report, lambda: sum("Teaching" in m for m in messages) >= 4)
    with pytest.raises(CancelledError):
        map_minerals(cube, tmp_path / "map.tif", MineralMapSettings(fast=True), progress=progress)
    assert not any("Mapped row" in m for m in messages)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.tif"]


def test_bands_blank_in_the_whole_image_do_not_send_every_pixel_to_geospectra(tmp_path):
    """AHSI products often blank the water-vapour bands: the small network leaves them out instead of
    treating every pixel as incomplete."""
    from models.geospectra.synthetic_cube import NODATA

    cube = _mixture_cube(tmp_path / "c.tif", 80, seed=7)
    ds = gdal.Open(str(cube), gdal.GA_Update)
    blank = [b for b in range(1, ds.RasterCount + 1)
             if 1340 <= float(ds.GetRasterBand(b).GetMetadataItem("wavelength")) <= 1450]
    for b in blank:
        ds.GetRasterBand(b).WriteArray(np.full((80, 80), NODATA, np.int16))
    ds = None
    assert blank
    fast = map_minerals(cube, tmp_path / "fast.tif", MineralMapSettings(fast=True))
    exact = _map_by_teacher(cube, tmp_path / "exact.tif")
    report = fast["fast"]
    assert report["used"] is True and report["bands_used"] == 166 - len(blank)
    assert report["pixels"]["fast"] > 0.5 * 80 * 80
    a, b = _read(exact["output"]), _read(fast["output"])
    assert (a == b).mean() >= 0.97


def test_dark_ground_is_neither_taught_nor_sent_to_the_networks(tmp_path):
    """Water or shadow over half an image: a dark surface, left out of the sample the small network learns from;
    an image all dark is mapped without a network and without warnings."""
    import warnings

    cube = _mixture_cube(tmp_path / "c.tif", 80, seed=5)
    ds = gdal.Open(str(cube), gdal.GA_Update)
    for b in range(1, ds.RasterCount + 1):
        band = ds.GetRasterBand(b)
        top = band.ReadAsArray(0, 0, 80, 40)
        band.WriteArray(np.where(top > 0, np.maximum(1, top // 30), top).astype(np.int16), 0, 0)  # ~3 % as bright
    ds = None
    fast = map_minerals(cube, tmp_path / "fast.tif", MineralMapSettings(fast=True))
    cls = _read(fast["output"])
    dark_value = np.bincount(cls[:40].ravel()).argmax()
    top = cls[:40][cls[:40] > 0]
    assert (top == dark_value).all() and top.size > 0.9 * 40 * 80 and (cls[40:] != dark_value).all()
    assert fast["pixel_counts"]["dark surface"] == top.size
    assert fast["fast"]["sample_pixels"] <= int((cls[40:] > 0).sum())
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        ds = gdal.Open(str(cube), gdal.GA_Update)
        for b in range(1, ds.RasterCount + 1):
            ds.GetRasterBand(b).WriteArray(np.full((80, 80), 20, np.int16))  # reflectance 0.002 everywhere
        ds = None
        dark = map_minerals(cube, tmp_path / "dark.tif", MineralMapSettings(fast=True))
    assert dark["pixel_counts"] == {"dark surface": 80 * 80} and dark["fast"]["used"] is False
