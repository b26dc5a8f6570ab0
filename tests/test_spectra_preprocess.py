"""GeoSpectra's preprocessing steps on real spectra (USGS splib07a, the sample instrument files)."""
import json

import numpy as np
import pytest

from models.errors import InputError
from models.spectra import read_spectra
from models.spectra.preprocess import (EPSILON, InstrumentStatsStore, baseline_correct, continuum_removed,
                                       convex_hull_continuum, deepest_feature, estimate_snr_db, feature_width,
                                       level_for_snr, morphological_baseline, normalise, resample,
                                       resample_spectrum, structuring_element_size, wavelet_denoise)
from spectra_support import ASD_FILES, AV95, MINERALS, SPODUMENE_ASD, SPODUMENE_NIC4


@pytest.fixture(scope="module")
def spodumene():
    return read_spectra(SPODUMENE_ASD)[0]


def _noisy(x, snr_db, seed=0):
    rms = np.sqrt(np.nanmean(x ** 2))
    return x + np.random.default_rng(seed).normal(0, rms / 10 ** (snr_db / 20), x.size)


def _rmse(a, b):
    return float(np.sqrt(np.nanmean((a - b) ** 2)))


# --- continuum removal --------------------------------------------------------

@pytest.mark.parametrize("record", ["HS210.1B", "HS210.2B", "HS210.3B", "HS210.4B"])
def test_continuum_removed_spodumene_shows_its_2200nm_feature(record):
    (s,) = read_spectra(MINERALS / f"splib07a_Spodumene_{record}_ASDFRc_AREF.txt")
    where, depth = deepest_feature(s.values, s.wavelengths, 2100, 2300)
    assert 2190 <= where <= 2215 and depth > 0.01  # spodumene's Al-OH feature, ~2200-2207 nm
    cr = continuum_removed(s.values, s.wavelengths)
    assert np.nanmax(cr) == pytest.approx(1.0) and np.nanmin(cr) > 0
    np.testing.assert_allclose(continuum_removed(3 * s.values, s.wavelengths), cr, rtol=1e-12)


def test_continuum_is_the_upper_hull(spodumene):
    c = convex_hull_continuum(spodumene.values, spodumene.wavelengths)
    assert np.all(c >= spodumene.values - 1e-12)
    slopes = np.diff(c) / np.diff(spodumene.wavelengths)
    assert np.all(np.diff(slopes) <= 1e-9)  # concave: slopes never increase
    with pytest.raises(InputError, match="positive"):
        continuum_removed(spodumene.values - 2, spodumene.wavelengths)


def test_continuum_with_missing_channels():
    (s,) = read_spectra(SPODUMENE_NIC4)
    cr = continuum_removed(s.values, s.wavelengths)
    assert np.array_equal(np.isnan(cr), np.isnan(s.values))


# --- wavelet denoising ----------------------------------------------------------

def test_snr_estimate_and_level(spodumene):
    x = spodumene.values
    assert estimate_snr_db(x) > 60 and level_for_snr(estimate_snr_db(x)) == 1
    for db in (10, 15, 20, 25, 30):
        assert estimate_snr_db(_noisy(x, db)) == pytest.approx(db, abs=1.5)
    levels = [level_for_snr(db) for db in (60, 50, 40, 30, 20, 15, 10, 0)]
    assert levels == sorted(levels) and levels[0] == 1 and levels[-1] == 6
    assert all(1 <= level <= 6 for level in levels)


@pytest.mark.parametrize("name", ["Spodumene_HS210.3B_ASDFRc_AREF", "Beryl_HS180.3B_ASDFRa_AREF",
                                  "Kaolinite_CM9_ASDNGb_AREF", "Muscovite_HS146.3B_ASDFRa_AREF"])
@pytest.mark.parametrize("snr_db", [10, 15, 20, 30])
def test_denoising_a_noised_usgs_spectrum_brings_it_closer_to_clean(name, snr_db):
    (s,) = read_spectra(MINERALS / f"splib07a_{name}.txt")
    clean = s.values
    noisy = _noisy(clean, snr_db, seed=snr_db)
    denoised = wavelet_denoise(noisy)
    assert _rmse(denoised, clean) < 0.5 * _rmse(noisy, clean)
    assert np.corrcoef(denoised, clean)[0, 1] > np.corrcoef(noisy, clean)[0, 1]


def test_denoise_keeps_missing_channels_and_checks_input(spodumene):
    (nic4,) = read_spectra(SPODUMENE_NIC4)
    out = wavelet_denoise(nic4.values)
    assert np.array_equal(np.isnan(out), np.isnan(nic4.values))
    masked = np.ma.masked_array(spodumene.values, mask=spodumene.wavelengths > 2400)
    assert np.isnan(wavelet_denoise(masked)[-50:]).all()
    with pytest.raises(InputError, match="level"):
        wavelet_denoise(spodumene.values, level=7)
    with pytest.raises(InputError, match="wavelet"):
        wavelet_denoise(spodumene.values, wavelet="nope")
    with pytest.raises(InputError, match="valid"):
        wavelet_denoise(np.full(100, np.nan))


# --- morphological baseline ------------------------------------------------------

def test_structuring_element_follows_feature_width():
    sizes = [structuring_element_size(w) for w in (0, 1, 2, 4, 6, 9, 12, 16, 20, 40, 500)]
    assert sizes == sorted(sizes) and sizes[0] == 5 and sizes[-1] == 31
    assert all(s % 2 == 1 and 5 <= s <= 31 for s in sizes)
    x = np.arange(400, dtype=float)
    measured = []
    for fwhm in (3, 6, 12):
        sigma = fwhm / 2.3548
        dips = sum(0.2 * np.exp(-0.5 * ((x - c) / sigma) ** 2) for c in (100, 200, 300))
        width = feature_width(0.6 - dips)
        measured.append(width)
        assert width == pytest.approx(fwhm, rel=0.15)
    assert [structuring_element_size(w) for w in measured] == sorted(structuring_element_size(w) for w in measured)


def test_baseline_correction_isolates_narrow_features():
    x = np.arange(600, dtype=float)
    background = 0.3 + 0.4 * (x / 600) - 0.2 * (x / 600) ** 2
    dip = 0.1 * np.exp(-0.5 * ((x - 300) / (8 / 2.3548)) ** 2)
    corrected = baseline_correct(background - dip)
    assert corrected[300] == pytest.approx(-0.1, abs=0.02)
    far = np.abs(x - 300) > 40
    assert np.max(np.abs(corrected[far][20:-20])) < 0.005
    peaks = baseline_correct(background + dip, features="peak")
    assert peaks[300] == pytest.approx(0.1, abs=0.02)


def test_baseline_correction_ignores_a_smooth_trend_on_a_real_spectrum(spodumene):
    x, wl = spodumene.values, spodumene.wavelengths
    trend = 0.15 * ((wl - 1400) / 1100) ** 2 + 0.05 * (wl - 350) / 2150
    size = structuring_element_size(feature_width(x))
    a = baseline_correct(x, size=size)
    b = baseline_correct(x + trend, size=size)
    assert np.max(np.abs(a - b)[size:-size]) < 0.003
    assert np.all(morphological_baseline(x, size)[size:-size] >= x[size:-size] - 0.03)
    assert np.nanmin(baseline_correct(x, mode="divide")) > 0
    with pytest.raises(InputError, match="odd"):
        morphological_baseline(x, size=4)


# --- resampling ---------------------------------------------------------------

def test_gaussian_convolution_matches_usgs_aviris_version(spodumene):
    """Our convolution of the ASD record to AVIRIS-95 bands vs the USGS's own convolved library."""
    library = read_spectra(AV95 / "s07_AV95_envi.sli")
    usgs = next(s for s in library if s.name.split() == ["Spodumene", "HS210.3B", "ASDFRc", "AREF"])
    ours = resample(spodumene.values, spodumene.wavelengths, usgs.wavelengths, usgs.fwhm,
                    source_fwhm=spodumene.fwhm)
    ok = np.isfinite(usgs.values) & np.isfinite(ours)
    assert ok.sum() > 200
    assert np.max(np.abs(ours - usgs.values)[ok]) < 1e-3
    assert np.mean(np.abs(ours - usgs.values)[ok]) < 2e-4
    as_spectrum = resample_spectrum(spodumene, usgs.wavelengths, usgs.fwhm)
    assert as_spectrum.n_bands == usgs.n_bands and as_spectrum.fwhm is not None


def test_interpolation_to_a_finer_grid(spodumene):
    coarse_wl = spodumene.wavelengths[::10]
    coarse = resample(spodumene.values, spodumene.wavelengths, coarse_wl, 10.0)
    fine = resample(coarse, coarse_wl, spodumene.wavelengths)
    np.testing.assert_allclose(fine[::10], coarse)
    assert _rmse(fine, spodumene.values) < 0.01
    cubic = resample(coarse, coarse_wl, spodumene.wavelengths, method="cubic")
    np.testing.assert_allclose(cubic[::10], coarse, atol=1e-12)
    # a narrow target FWHM on a finer grid interpolates rather than convolving with a sub-sample kernel
    np.testing.assert_allclose(resample(coarse, coarse_wl, spodumene.wavelengths, 0.5), fine)


def test_resampling_never_invents_missing_channels():
    (nic4,) = read_spectra(SPODUMENE_NIC4)
    grid = np.arange(1200.0, 3000.0, 1.0)
    out = resample(nic4.values, nic4.wavelengths, grid)
    valid = np.isfinite(nic4.values)
    gap = np.interp(grid, nic4.wavelengths, (~valid).astype(float)) > 0
    assert np.all(np.isnan(out[gap])) and np.all(np.isfinite(out[~gap]))
    conv = resample(nic4.values, nic4.wavelengths, grid[::20], 30.0, min_coverage=0.9)
    centre_valid = np.interp(grid[::20], nic4.wavelengths, valid.astype(float)) == 1
    assert np.isnan(conv[~centre_valid]).all()
    masked = np.ma.masked_invalid(nic4.values)
    np.testing.assert_array_equal(resample(masked, nic4.wavelengths, grid), out)


def test_resample_errors(spodumene):
    x, wl = spodumene.values, spodumene.wavelengths
    with pytest.raises(InputError, match="strictly increasing"):
        resample(x, wl, [500, 400, 600])
    with pytest.raises(InputError, match="FWHM must be positive"):
        resample(x, wl, [500, 600], [10, 0])
    with pytest.raises(InputError, match="does not overlap"):
        resample(x, wl, [3000, 3100])
    with pytest.raises(InputError, match="values but"):
        resample(x[:-1], wl, [500, 600])
    assert np.isnan(resample(x, wl, [100, 200, 500], 10)[:2]).all()


# --- instrument-adaptive normalisation ------------------------------------------

def test_store_running_mean_equals_pooled_statistics():
    rng = np.random.default_rng(3)
    batches = [rng.normal(5, 2, (n, 40)) for n in (3, 10, 1, 7)]
    batches[1][2, 5] = np.nan
    store = InstrumentStatsStore(n_bands=40)
    for b in batches:
        store.update("asd#1", b)
    pooled = np.vstack(batches)
    mean, std = store.stats("asd#1")
    np.testing.assert_allclose(mean, np.nanmean(pooled, axis=0), rtol=1e-12)
    np.testing.assert_allclose(std, np.nanstd(pooled, axis=0), rtol=1e-12)
    assert store.count("asd#1")[5] == pooled.shape[0] - 1

    ema = InstrumentStatsStore(n_bands=40, momentum=0.1)
    ema.update("k", batches[0])
    first = ema.stats("k")[0]
    ema.update("k", batches[1])
    np.testing.assert_allclose(ema.stats("k")[0], 0.9 * first + 0.1 * np.nanmean(batches[1], axis=0))


def test_normalise_real_instruments(tmp_path):
    spectra = [read_spectra(p)[0] for p in ASD_FILES]
    keys = {s.instrument_key for s in spectra}
    assert keys == {"ASD FieldSpec FR#18796", "ASD FieldSpec FR#16288", "ASD FieldSpec FR#16076"}
    store = InstrumentStatsStore(wavelengths=spectra[0].wavelengths)
    for s in spectra:
        store.update(s.instrument_key, s.values)
    group = [s.values for s in spectra if s.instrument_key.endswith("18796")]
    z = normalise(np.array(group), "ASD FieldSpec FR#18796", store)
    np.testing.assert_allclose(z.mean(axis=0), 0, atol=1e-6)
    scaled = normalise(group[0], "ASD FieldSpec FR#18796", store, gamma=2.0, beta=0.5)
    np.testing.assert_allclose(scaled, 2.0 * z[0] + 0.5, rtol=1e-9)

    saved = store.save(tmp_path / "stats.json")
    assert json.loads(saved.read_text())["format"] == "hyperprospect-instrument-stats"
    again = InstrumentStatsStore.load(saved)
    np.testing.assert_allclose(normalise(group[0], "ASD FieldSpec FR#18796", again), z[0])
    assert again.keys() == store.keys()


def test_normalisation_epsilon_and_errors(tmp_path):
    store = InstrumentStatsStore()
    store.update("flat", np.full(10, 0.25))
    assert EPSILON == 1e-7
    np.testing.assert_allclose(normalise([0.25, 0.25 + 1e-7], "flat", store), [0.0, 1.0])
    with pytest.raises(InputError, match="no statistics for instrument 'other'.*flat"):
        normalise([1.0], "other", store)
    with pytest.raises(InputError, match="bands"):
        InstrumentStatsStore(n_bands=5).update("x", np.ones(4))
    (tmp_path / "bad.json").write_text("{not json")
    with pytest.raises(InputError, match="not valid JSON"):
        InstrumentStatsStore.load(tmp_path / "bad.json")
    (tmp_path / "other.json").write_text(json.dumps({"format": "something else"}))
    with pytest.raises(InputError, match="not a HyperProspect"):
        InstrumentStatsStore.load(tmp_path / "other.json")
    with pytest.raises(InputError, match="momentum"):
        InstrumentStatsStore(momentum=1.5)
