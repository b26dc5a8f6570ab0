"""GeoSpectra's preprocessing steps, each a small pure function on arrays.

Order used by the paper: resample to a common grid → instrument-adaptive
normalisation → wavelet denoising → morphological baseline correction;
continuum removal is the geologists' view of absorption features.
"""
from .baseline import baseline_correct, feature_width, morphological_baseline, structuring_element_size
from .continuum import continuum_removed, convex_hull_continuum, deepest_feature
from .denoise import estimate_noise_sigma, estimate_snr_db, level_for_snr, wavelet_denoise
from .normalise import EPSILON, InstrumentStatsStore, normalise
from .resample import resample, resample_spectrum

__all__ = [
    "EPSILON", "InstrumentStatsStore", "baseline_correct", "continuum_removed", "convex_hull_continuum",
    "deepest_feature", "estimate_noise_sigma", "estimate_snr_db", "feature_width", "level_for_snr",
    "morphological_baseline", "normalise", "resample", "resample_spectrum", "structuring_element_size",
    "wavelet_denoise",
]
