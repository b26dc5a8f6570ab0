"""GeoSpectra: cross-instrument mineral identification from reflectance spectra.

After the paper in ``shared/seeds/004_07a82c393b43cd24.txt`` (instrument-adaptive
normalisation, wavelet denoising, morphological baseline, dilated convolutions
with multi-head and channel attention, an instrument branch, orthogonality and
triplet losses, staged unfreezing), trained on the USGS splib07a library by
``scripts/train_geospectra.py`` and shipped in ``resources/geospectra/``.

``identify(spectra_or_arrays, top=5)`` is the entry point; the heavy modules
(torch) are imported only when it is called, so ``references`` can be used
without torch.
"""
from __future__ import annotations

__all__ = ["identify", "Identifier", "load_model", "load_references"]


def __getattr__(name):
    if name in ("identify", "Identifier"):
        from . import inference

        return getattr(inference, name)
    if name == "load_model":
        from .model_file import load_model

        return load_model
    if name == "load_references":
        from .references import load_references

        return load_references
    raise AttributeError(name)
