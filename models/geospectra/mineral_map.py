"""GeoSpectra on every pixel of a hyperspectral raster: a mineral class map, its confidence, chosen probabilities.

Each pixel is taken as the sensor recorded it — band centres (and FWHM) from the
file or a sensor preset (:func:`models.raster.wavelengths.read_wavelengths`) — and
resampled onto the model grid with the coverage the sensor has, so the answer is
restricted to minerals with a diagnostic feature in that range and a pixel with no
feature is "no diagnostic feature" rather than a guess.

Outputs, on the input grid (same size, geotransform, CRS):

* ``OUT.tif`` — Byte classes: 0 = nodata, 1 = no diagnostic feature, 2 + i = class
  i of the model, 2 + (number of classes) = green vegetation (:mod:`.vegetation`: a
  mineral network would name a leaf after the mineral that mimics chlorophyll), 3 + (number of
  classes) = dark surface (:mod:`.dark`: shadow, water, coal or opaque minerals, which VNIR–SWIR
  cannot tell apart; GeoSpectra would guess a mineral at the noise level); GDAL
  category names and colour table, and a sidecar ``OUT.qml`` (paletted, legend of the
  classes present);
* ``OUT_confidence.tif`` — float32 probability of the mapped answer (nodata −1, also
  where the pixel is vegetation or dark);
* ``OUT_probabilities.tif`` (optional) — one float32 band per chosen mineral,
  band description = mineral name (usable as extra channels in ``buildgraphs``).

A pixel with no positive value in any band (a swath's fill, e.g. AVIRIS-NG's −0.005
outside the image) is nodata, not "no diagnostic feature".

Rows are read in strips (:class:`models.raster.strips.StripReader`) and scored in
batches, so memory does not grow with the raster; every file goes to a temporary
name first (:func:`models.atomic.atomic_output`), so cancel or an error leaves none.
"""
from __future__ import annotations

import colorsys
import contextlib
import functools
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence
from xml.sax.saxutils import quoteattr

import numpy as np
from osgeo import gdal

from ..atomic import atomic_output
from ..errors import InputError
from ..memory import trim_heap
from ..progress import Progress, ensure_progress
from ..raster.gdalio import DEFLATE_FAST, open_raster, unreadable
from ..raster.strips import StripReader
from ..raster.wavelengths import read_wavelengths
from .grid import native_resolution_nm, resample
from .inference import MIN_VALID_SAMPLES, get_identifier, instrument_family
from .network import INSTRUMENTS
from .dark import DARK_LABEL, dark, p95_reflectance, shown_unit, to_reflectance
from .vegetation import VEGETATION_LABEL, VegetationTest

NODATA_CLASS = 0
NO_FEATURE_CLASS = 1
FIRST_MINERAL = 2
CONFIDENCE_NODATA = -1.0
NO_FEATURE_LABEL = "no diagnostic feature"
NODATA_LABEL = "nodata"
VEGETATION_COLOUR = (46, 139, 46)
DARK_COLOUR = (45, 45, 60)


def vegetation_class(classes: Sequence[str]) -> int:
    """The class value of green vegetation: after the model's minerals, so theirs stay 2 + i."""
    return FIRST_MINERAL + len(classes)


def dark_class(classes: Sequence[str]) -> int:
    """The class value of dark surfaces: after green vegetation."""
    return FIRST_MINERAL + len(classes) + 1


@dataclass
class MineralMapSettings:
    preset: Optional[str] = None              # sensor preset when the file has no wavelengths
    wavelengths: Optional[str] = None         # or a list of band centres (nm)
    instrument: Optional[str] = None          # free text → instrument family; default from the preset name
    probability_minerals: Sequence[str] = ()  # minerals to write probability bands for
    model: Optional[str] = None               # model file (default: the shipped one)
    batch: int = 8192                         # pixels read and resampled at a time
    net_batch: int = 512                      # pixels per network call (small batches stay in cache: 2-3x faster)
    device: str = "auto"                      # auto, cpu or cuda[:N] (models.device)
    fast: bool = False                        # distilled network checked against GeoSpectra (.fast_map)
    labels: Dict[str, str] = field(default_factory=dict)  # legend (.qml) label per class name, e.g. translated;
    #                                           the GDAL category names stay the class names
    extra: Dict[str, Any] = field(default_factory=dict)


def mineral_colour(name: str) -> tuple:
    """A stable, well-saturated colour per mineral name (same name → same colour in every map)."""
    h = int(hashlib.sha1(name.encode()).hexdigest()[:6], 16) / 0xFFFFFF
    r, g, b = colorsys.hsv_to_rgb(h, 0.75, 0.9)
    return int(r * 255), int(g * 255), int(b * 255)


def _check_minerals(wanted: Sequence[str], classes: List[str]) -> List[int]:
    lower = {c.lower(): i for i, c in enumerate(classes)}
    idx, unknown = [], []
    for m in wanted:
        i = lower.get(str(m).strip().lower())
        (unknown.append(m) if i is None else idx.append(i))
    if unknown:
        raise InputError(f"unknown mineral(s) for probability bands: {', '.join(map(str, unknown))}; the model knows "
                         f"{', '.join(classes)}")
    return idx


def _create(path: Path, src: gdal.Dataset, bands: int, dtype, nodata: float) -> gdal.Dataset:
    out = gdal.GetDriverByName("GTiff").Create(str(path), src.RasterXSize, src.RasterYSize, bands, dtype,
                                               ["TILED=YES", *DEFLATE_FAST, "BIGTIFF=IF_SAFER"])
    out.SetGeoTransform(src.GetGeoTransform())
    out.SetProjection(src.GetProjection())
    for b in range(1, bands + 1):
        out.GetRasterBand(b).SetNoDataValue(nodata)
    return out


def _label_class_band(band: gdal.Band, classes: List[str]) -> None:
    names = [NODATA_LABEL, NO_FEATURE_LABEL] + list(classes) + [VEGETATION_LABEL, DARK_LABEL]
    band.SetCategoryNames(names)
    ct = gdal.ColorTable()
    ct.SetColorEntry(NODATA_CLASS, (0, 0, 0, 0))
    ct.SetColorEntry(NO_FEATURE_CLASS, (190, 190, 190, 255))
    for i, c in enumerate(classes):
        ct.SetColorEntry(FIRST_MINERAL + i, (*mineral_colour(c), 255))
    ct.SetColorEntry(vegetation_class(classes), (*VEGETATION_COLOUR, 255))
    ct.SetColorEntry(dark_class(classes), (*DARK_COLOUR, 255))
    band.SetRasterColorTable(ct)
    band.SetDescription("GeoSpectra mineral class")


def class_qml(classes: List[str], counts: np.ndarray, labels: Optional[Dict[str, str]] = None) -> str:
    """Paletted QGIS style: nodata, "no diagnostic feature", green vegetation where present and every mineral
    present, most frequent first; each labelled ``labels[name]`` where given (the user's language), else by its
    name."""
    label = (labels or {}).get
    veg = vegetation_class(classes)
    entries = [(NODATA_CLASS, (0, 0, 0), 0, label(NODATA_LABEL, NODATA_LABEL)),
               (NO_FEATURE_CLASS, (190, 190, 190), 255, label(NO_FEATURE_LABEL, NO_FEATURE_LABEL))]
    if counts[veg] > 0:
        entries.append((veg, VEGETATION_COLOUR, 255, label(VEGETATION_LABEL, VEGETATION_LABEL)))
    if counts[veg + 1] > 0:
        entries.append((veg + 1, DARK_COLOUR, 255, label(DARK_LABEL, DARK_LABEL)))
    minerals = counts[FIRST_MINERAL:veg]
    present = [i for i in np.argsort(-minerals, kind="stable") if minerals[i] > 0]
    entries += [(FIRST_MINERAL + int(i), mineral_colour(classes[i]), 255, label(classes[i], classes[i]))
                for i in present]
    lines = [f'        <paletteEntry value="{v}" color="#{r:02x}{g:02x}{b:02x}" alpha="{a}" label={quoteattr(lab)}/>'
             for v, (r, g, b), a, lab in entries]
    return ("<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
            '<qgis version="3.22" styleCategories="Symbology">\n  <pipe>\n'
            '    <rasterrenderer type="paletted" opacity="1" band="1" alphaBand="-1" nodataColor="">\n'
            "      <rasterTransparency/>\n      <colorPalette>\n" + "\n".join(lines) + "\n"
            "      </colorPalette>\n      <colorramp name=\"[source]\" type=\"randomcolors\"/>\n"
            "    </rasterrenderer>\n  </pipe>\n</qgis>\n")


def sidecars(out_path: Path):
    stem = out_path.with_suffix("")
    return Path(str(stem) + "_confidence.tif"), Path(str(stem) + "_probabilities.tif"), out_path.with_suffix(".qml")


@dataclass
class MineralPlan:
    """What mapping a raster needs besides its pixels (checked once; small and picklable for cluster workers)."""

    raster: str
    classes: List[str]
    prob_idx: List[int]
    bands: List[int]          # 1-based, in increasing wavelength
    centres: np.ndarray       # nm, sorted
    nodata: List[Optional[float]]
    scale: np.ndarray
    offset: np.ndarray
    family: str
    inst_id: int
    resolution: float
    settings: MineralMapSettings
    vegetation: VegetationTest
    unit: float = 1.0         # the divisor to reflectance that rows spread over the image show (10000, 100, 1)

    def label(self, value: int) -> str:
        """The name of a class value of the map."""
        if value == vegetation_class(self.classes):
            return VEGETATION_LABEL
        if value == dark_class(self.classes):
            return DARK_LABEL
        return NODATA_LABEL if value == NODATA_CLASS else NO_FEATURE_LABEL if value == NO_FEATURE_CLASS \
            else self.classes[value - FIRST_MINERAL]

    def summary(self, out_path: Path, counts: np.ndarray) -> Dict[str, Any]:
        conf_path, prob_path, qml_path = sidecars(out_path)
        present = {self.label(v): int(n) for v, n in enumerate(counts) if n}
        return {"output": str(out_path), "confidence": str(conf_path),
                "probabilities": str(prob_path) if self.prob_idx else None,
                "style": str(qml_path), "instrument": self.family, "bands": int(self.centres.size),
                "covered_nm": [float(self.centres.min()), float(self.centres.max())], "pixel_counts": present,
                "probability_minerals": [self.classes[i] for i in self.prob_idx]}


def plan_mineral_map(raster, out_path, settings: MineralMapSettings) -> MineralPlan:
    """Check the output name, the model's minerals and the raster's bands; refuse clearly what cannot be mapped."""
    if Path(out_path).suffix.lower() not in (".tif", ".tiff"):
        raise InputError(f"the mineral map is written as GeoTIFF: give a .tif output, not '{Path(out_path).name}'")
    identifier = get_identifier(settings.model, settings.device)
    classes = list(identifier.classes)
    prob_idx = _check_minerals(settings.probability_minerals, classes)
    wl = read_wavelengths(raster, preset=settings.preset, wavelengths=settings.wavelengths)
    centres = np.asarray(wl.centers_nm, np.float64)
    order = np.argsort(centres, kind="stable")
    _, probe_mask = resample(centres[order], np.full((1, centres.size), 0.3))
    if probe_mask.sum() < MIN_VALID_SAMPLES:
        raise InputError(f"the raster's bands ({centres.min():.0f}–{centres.max():.0f} nm) cover fewer than "
                         f"{MIN_VALID_SAMPLES} samples of the model's 400–2500 nm range")
    family = instrument_family(settings.instrument or settings.preset or "")
    src = open_raster(raster)
    bands = [int(b) + 1 for b in order]
    plan = MineralPlan(
        raster=str(raster), classes=classes, prob_idx=prob_idx, bands=bands, centres=centres[order],
        **band_decoding(src, bands), family=family, inst_id=INSTRUMENTS.index(family),
        resolution=native_resolution_nm(centres, wl.fwhm_nm),
        settings=settings, vegetation=VegetationTest.for_wavelengths(centres[order]))
    src = None
    return plan


def band_decoding(src: gdal.Dataset, bands: Sequence[int]) -> Dict[str, Any]:
    """Nodata, scale and offset of the 1-based ``bands``: what :func:`read_pixels` turns stored values with."""
    return {"nodata": [src.GetRasterBand(b).GetNoDataValue() for b in bands],
            "scale": np.array([src.GetRasterBand(b).GetScale() or 1.0 for b in bands], np.float32),
            "offset": np.array([src.GetRasterBand(b).GetOffset() or 0.0 for b in bands], np.float32)}


@dataclass
class BandView:
    """The bands of a raster as :func:`read_pixels` reads them (a :class:`MineralPlan` is one too)."""

    bands: List[int]
    nodata: List[Optional[float]]
    scale: np.ndarray
    offset: np.ndarray


def raster_unit(raster) -> float:
    """The unit (divisor to reflectance: 10000, 100 or 1) of a raster's scaled values, from rows spread over it —
    for one pixel taken from the map, which cannot tell its own unit when it is dark."""
    src = open_raster(raster)
    bands = list(range(1, src.RasterCount + 1))
    return image_unit(src, BandView(bands, **band_decoding(src, bands)))


UNIT_ROWS = 16      # rows read across the image to tell its unit: a few reads, thousands of pixels
UNIT_COLUMNS = 4096  # at most this many columns of each (spread in four runs): a mosaic-wide row stays small


def image_unit(src: gdal.Dataset, plan: "BandView | MineralPlan") -> float:
    """The unit (divisor to reflectance) that rows spread evenly over the image show: the floor of every strip's
    unit, so a strip dark from edge to edge (a lake, a shadowed valley) is read in the unit of the rest."""
    H, W = src.RasterYSize, src.RasterXSize
    rows = np.unique(np.linspace(0, H - 1, min(UNIT_ROWS, H)).astype(int))
    runs = [(0, W)] if W <= UNIT_COLUMNS else \
        [(int(c), UNIT_COLUMNS // 4) for c in np.linspace(0, W - UNIT_COLUMNS // 4, 4)]
    p95 = []
    for r in rows:
        for c0, n in runs:
            try:
                p95.append(p95_reflectance(read_pixels(src, plan, int(r), 1, c0, n)))
            except RuntimeError as exc:
                raise unreadable(src, exc) from None
    src.FlushCache()
    return shown_unit(np.concatenate(p95))


def map_minerals(raster, out_path, settings: Optional[MineralMapSettings] = None,
                 progress: Optional[Progress] = None) -> Dict[str, Any]:
    """Write the class map, confidence and optional probability rasters; return a summary."""
    settings = settings or MineralMapSettings()
    progress = ensure_progress(progress)
    out_path = Path(out_path)
    plan = plan_mineral_map(raster, out_path, settings)
    identifier = get_identifier(settings.model, settings.device)
    src = open_raster(raster)
    if not settings.fast:  # (the fast map tells the unit from the sample it reads anyway)
        plan.unit = image_unit(src, plan)  # one file, one unit (a mosaic's windows judge theirs: scenes may differ)
    teach = 0.15 if plan.settings.fast else 0.0  # share of the bar for teaching the fast network
    with map_outputs(out_path, src, plan) as out:
        classify, fast = _classifier(src, identifier, plan, progress.span(0.0, teach))
        counts = _map_rows(src, plan, out, classify, progress.span(teach, 1.0))
    src = None
    summary = plan.summary(out_path, counts)
    if fast is not None:
        summary["fast"] = fast
    return summary


class MapOutputs:
    """The open class, confidence and probability datasets of a map; ``counts`` = pixels per class."""

    def __init__(self, where: Dict[str, Path], like: gdal.Dataset, plan: MineralPlan):
        self.plan = plan
        self.counts = np.zeros(256, np.int64)
        classes = plan.classes
        self.files: Dict[str, Any] = {"cls": _create(where["cls"], like, 1, gdal.GDT_Byte, NODATA_CLASS),
                                      "conf": _create(where["conf"], like, 1, gdal.GDT_Float32, CONFIDENCE_NODATA)}
        _label_class_band(self.files["cls"].GetRasterBand(1), classes)
        self.files["conf"].GetRasterBand(1).SetDescription("GeoSpectra confidence (probability of the mapped answer)")
        if plan.prob_idx:
            self.files["prob"] = _create(where["prob"], like, len(plan.prob_idx), gdal.GDT_Float32, CONFIDENCE_NODATA)
            for b, i in enumerate(plan.prob_idx, start=1):
                self.files["prob"].GetRasterBand(b).SetDescription(classes[i])

    def write(self, row0: int, col0: int, cls: np.ndarray, conf: np.ndarray, probs: np.ndarray) -> None:
        self.counts += np.bincount(cls.ravel(), minlength=256)
        self.files["cls"].GetRasterBand(1).WriteArray(cls, col0, row0)
        self.files["conf"].GetRasterBand(1).WriteArray(conf, col0, row0)
        for b in range(len(self.plan.prob_idx)):
            self.files["prob"].GetRasterBand(b + 1).WriteArray(probs[..., b], col0, row0)

    def close(self) -> None:
        for key in list(self.files):
            self.files[key].FlushCache()
        self.files.clear()


@contextlib.contextmanager
def map_outputs(out_path: Path, like: gdal.Dataset, plan: MineralPlan, assemble_in=None,
                finish: Optional[Callable[[Dict[str, Path], Dict[str, Path]], None]] = None) -> Iterator[MapOutputs]:
    """The map's files under temporary names until it is complete; then the legend (``.qml``) is written
    and all are moved into place; on error or cancel none is left.  A mosaic job assembles in the folder
    ``assemble_in`` and copies with ``finish(assembled, temporary)`` (:mod:`models.mosaic.minerals`)."""
    conf_path, prob_path, qml_path = sidecars(out_path)
    targets = {"cls": out_path, "conf": conf_path, **({"prob": prob_path} if plan.prob_idx else {})}
    with contextlib.ExitStack() as stack:
        tmp = {k: stack.enter_context(atomic_output(p, sidecar_suffixes=(".aux.xml",))) for k, p in targets.items()}
        where = {k: Path(assemble_in) / f"assembly_{k}.tif" for k in tmp} if assemble_in else tmp
        # datasets live only in `out.files` (never in a frame a traceback could keep): on error or cancel they
        # are closed before the temporary files are removed, so GDAL cannot write a side-car after the clean-up
        out = MapOutputs(where, like, plan)
        try:
            yield out
        finally:
            out.close()
        if finish is not None:
            finish(where, tmp)
        tmp_qml = stack.enter_context(atomic_output(qml_path))
        tmp_qml.write_text(class_qml(plan.classes, out.counts, plan.settings.labels), encoding="utf-8")


def read_pixels(src: gdal.Dataset, plan: "BandView | MineralPlan", row0: int, nrows: int, col0: int, ncols: int,
                raw: Optional[np.ndarray] = None) -> np.ndarray:
    """Pixels × bands in physical units (NaN = nodata) of a window (``raw``: its bands, already read)."""
    if raw is None:
        raw = src.ReadAsArray(col0, row0, ncols, nrows, band_list=plan.bands)
    raw = raw.reshape(len(plan.bands), -1).T.astype(np.float32)
    bad = ~np.isfinite(raw)
    for j, nd in enumerate(plan.nodata):
        if nd is not None:
            bad[:, j] |= raw[:, j] == nd
    vals = raw * plan.scale + plan.offset
    vals[bad] = np.nan
    with np.errstate(invalid="ignore"):
        vals[~(vals > 0).any(axis=1)] = np.nan  # no positive band: fill, not a surface
    return vals


def surfaces(plan: MineralPlan, refl: np.ndarray, p95: np.ndarray):
    """(green vegetation, dark surface) masks of pixels × bands in reflectance (a shaded canopy is vegetation)."""
    green = plan.vegetation.green(refl) if plan.vegetation.possible else np.zeros(len(refl), bool)
    return green, dark(refl, p95) & ~green


def classify_strip(plan: MineralPlan, classify: Callable, refl: np.ndarray, p95: np.ndarray):
    """Pixels × bands (reflectance 0–1, ``p95`` each row's 95th percentile) → class values, confidence and chosen
    probabilities: green vegetation, then dark surfaces get their own class (a shaded canopy stays vegetation),
    confidence nodata and probability 0 (no mineral is seen there; a probability band stays a complete channel
    for ``buildgraphs``), and only the other pixels go to the mineral network ``classify``.  ``refl`` is
    overwritten."""
    green, dim = surfaces(plan, refl, p95)
    refl[green | dim] = np.nan  # nothing for the network to name
    cls, conf, probs = classify(refl)
    cls[green], cls[dim] = vegetation_class(plan.classes), dark_class(plan.classes)
    conf[green | dim] = CONFIDENCE_NODATA
    probs[green | dim] = 0.0
    return cls, conf, probs


def classify_pixels(identifier, plan: MineralPlan, refl: np.ndarray):
    """Pixels × bands (reflectance 0–1) → class values, confidence, chosen probabilities."""
    ok, diagnostic, shown = geospectra_pixels(identifier, plan, refl)
    P = refl.shape[0]
    cls = np.zeros(P, np.uint8)
    conf = np.full(P, CONFIDENCE_NODATA, np.float32)
    probs = np.full((P, len(plan.prob_idx)), CONFIDENCE_NODATA, np.float32)
    if ok.size:
        best = shown.argmax(axis=1)
        cls[ok] = np.where(diagnostic, best + FIRST_MINERAL, NO_FEATURE_CLASS).astype(np.uint8)
        conf[ok] = shown[np.arange(ok.size), best]
        if plan.prob_idx:
            probs[ok] = shown[:, plan.prob_idx]
    return cls, conf, probs


def geospectra_pixels(identifier, plan: MineralPlan, refl: np.ndarray):
    """Pixels × bands (reflectance 0–1, NaN = missing) → (indices of the mappable pixels, diagnostic flags,
    shown probabilities)."""
    C = len(plan.classes)
    none = (np.zeros(0, np.int64), np.zeros(0, bool), np.zeros((0, C), np.float32))
    ok = np.nonzero(~np.isnan(refl).all(axis=1))[0]
    if ok.size == 0:
        return none
    x, m = resample(plan.centres, refl[ok])
    enough = m.sum(axis=1) >= MIN_VALID_SAMPLES
    ok, x, m = ok[enough], x[enough], m[enough]
    if ok.size == 0:
        return none
    step = plan.settings.net_batch
    parts = [identifier.classify_grid(x[i:i + step], m[i:i + step], np.full(len(x[i:i + step]), plan.inst_id),
                                      np.full(len(x[i:i + step]), plan.resolution)) for i in range(0, ok.size, step)]
    return ok, np.concatenate([d for d, _ in parts]), np.concatenate([p for _, p in parts])


def _map_rows(src, plan: MineralPlan, out: MapOutputs, classify: Callable, progress: Progress) -> np.ndarray:
    W, H = src.RasterXSize, src.RasterYSize
    reader = StripReader(src, plan.bands)
    rows_per = max(1, min(H, plan.settings.batch // max(W, 1)))
    for r0 in range(0, H, rows_per):
        n = min(rows_per, H - r0)
        # the strip's unit once (its bright pixels tell the dark ones' unit), for the network and the dark test
        refl, p95 = to_reflectance(read_pixels(src, plan, r0, n, 0, W, raw=reader.read(r0, n)), with_p95=True,
                                   floor=plan.unit)
        cls, conf, probs = classify_strip(plan, classify, refl, p95)
        out.write(r0, 0, cls.reshape(n, W), conf.reshape(n, W), probs.reshape(n, W, -1))
        del refl, p95, cls, conf, probs
        trim_heap()  # strips route different numbers of pixels to GeoSpectra: keep the heap from fragmenting
        progress.update((r0 + n) / H, f"Mapped row {r0 + n} of {H}")
    return out.counts


def _sample_pixels(src, plan: MineralPlan, n: int) -> np.ndarray:
    """About ``n`` pixels with data (× bands) on an even grid over the whole raster.

    One pass of strips (the cost of one read): GDAL's decimated read of a band subset of a pixel-interleaved
    file decodes every block once per band, a hundred times slower.
    """
    W, H = src.RasterXSize, src.RasterYSize
    step = max(1, int(np.sqrt(W * H / (2.0 * n))))  # twice as many as needed: some are nodata or incomplete
    reader = StripReader(src, plan.bands)
    rows_per = max(step, (max(1, plan.settings.batch // max(W, 1)) // step) * step)
    parts = []
    for r0 in range(0, H, rows_per):
        raw = reader.read(r0, min(rows_per, H - r0))[:, ::step, ::step]
        parts.append(read_pixels(src, plan, 0, raw.shape[1], 0, raw.shape[2], raw=np.ascontiguousarray(raw)))
    vals = np.concatenate(parts)
    vals = vals[np.isfinite(vals).any(axis=1)]
    if len(vals) > n:
        vals = vals[np.random.default_rng(0).choice(len(vals), n, replace=False)]
    return vals


def _classifier(src, identifier, plan: MineralPlan, progress: Progress):
    """The per-strip classifier: GeoSpectra on every pixel, or (``fast``) the checked distilled network.

    A fast map is taught, checked and backed by the first network of an ensemble model alone (a quarter
    of the cost of four); if its small network is dropped, every pixel goes to the whole model."""
    exact = functools.partial(classify_pixels, identifier, plan)
    if not plan.settings.fast:
        return exact, None
    teacher = identifier.first_network()
    from .fast_map import FastSettings, fast_classifier, fit_student, usable_bands

    message = "Teaching the fast network on a sample of the image"
    progress.update(0.0, message)
    sample = _sample_pixels(src, plan, FastSettings().sample_pixels)  # spread over the whole image
    plan.unit = shown_unit(p95_reflectance(sample))  # the image's unit, as image_unit would read it
    refl, p95 = to_reflectance(sample, with_p95=True, floor=plan.unit)
    refl = refl[~np.logical_or(*surfaces(plan, refl, p95))]  # taught on the pixels it will be asked about
    bands = usable_bands(refl)
    refl = refl[np.isfinite(refl[:, bands]).all(axis=1)]
    parts = []
    for i in range(0, len(refl), 2048):
        parts.append(geospectra_pixels(teacher, plan, refl[i:i + 2048]))
        parts[-1] = (parts[-1][0] + i, *parts[-1][1:])
        progress.update(0.5 * (i + 2048) / max(1, len(refl)), message)
    ok, diagnostic, shown = (np.concatenate(p) for p in zip(*parts)) if parts else geospectra_pixels(
        teacher, plan, refl)
    student, report = fit_student(refl[ok][:, bands], diagnostic, shown, FastSettings(),
                                  on_epoch=lambda done: progress.update(0.5 + 0.5 * done, message))
    if student is None:
        return exact, report
    report["pixels"] = {"fast": 0, "exact": 0}
    report["bands_used"] = int(bands.sum())
    report["teacher_networks"] = {"used": teacher.networks, "in_model": identifier.networks}
    backed = functools.partial(classify_pixels, teacher, plan)
    return fast_classifier(student, backed, plan.prob_idx, report["pixels"], bands), report
