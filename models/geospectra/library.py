"""The USGS splib07a library as training samples: mineral class, physical sample, instrument.

Walks the official splib07a ASCII layout (``ASCIIdata_splib07a/ChapterM_Minerals``,
``ChapterS_SoilsAndMixtures``, one wavelength file per spectrometer) and the USGS
AVIRIS-1995 convolution of the same library (ENVI ``.sli``), and turns every
record into a :class:`LibrarySpectrum`:

* **mineral** — the library's first name token, normalised to a species class by
  :data:`SPECIES_MAP` (grain sizes and preparations of one sample are merged
  because the class ignores the sample token; varieties and end members the
  library splits — Elbaite → Tourmaline, Clinochlore/Thuringite → Chlorite,
  Microcline/Orthoclase/Sanidine/Adularia/Perthite → K-feldspar — are merged;
  non-species names such as ``Pyroxene``, ``Limonite`` or ``Carbon_Black`` are
  dropped).
* **sample_id** — the *physical* sample: the sample token without its
  preparation suffix (``HS210.3B`` → ``HS210``, ``GDS69.d`` → ``GDS69``,
  ``GDS113a`` → ``GDS113``); identical across instruments and across the AVIRIS
  convolution, so a split by ``sample_id`` never puts one specimen on both sides.
* **specimen** — the full sample token (``HS210.3B``): the same prepared
  specimen, used to pair "same sample on another instrument".
* **family** — ``ASD`` (ASDFR/ASDHR/ASDNG), ``BECK``, ``NIC4`` or ``AVIRIS``; AVIRIS
  records keep the lab instrument they were convolved from in ``source_family``.

Values are reflectance with NaN where the library holds ``-1.23e34``.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

import numpy as np

from ..errors import InputError

ASCII_DIR = "ASCIIdata_splib07a"
CHAPTERS = {"M": "ChapterM_Minerals", "S": "ChapterS_SoilsAndMixtures"}
AV95_SLI = "s07_AV95_envi.sli"

FAMILIES = ("ASD", "BECK", "NIC4", "AVIRIS")

_WAVELENGTH_FILES = {
    "ASD": ("splib07a_Wavelengths_ASD_0.35-2.5_microns_2151_ch.txt",
            "splib07a_Bandpass_(FWHM)_ASDFR_StandardResolution.txt"),
    "BECK": ("splib07a_Wavelengths_BECK_Beckman_0.2-3.0_microns.txt",
             "splib07a_Bandpass_(FWHM)_BECK_Beckman_in_microns.txt"),
    "NIC4": ("splib07a_Wavelengths_NIC4_Nicolet_1.12-216microns.txt",
             "splib07a_Bandpass_(FWHM)_NIC4_Nicolet_in_microns.txt"),
}

#: library first-name token (lower case) → species class; ``None`` drops the record.
SPECIES_MAP: Dict[str, Optional[str]] = {
    # Li–Be pegmatite and alteration minerals (merges where the library splits a species/group)
    "microcline": "K-feldspar", "orthoclase": "K-feldspar", "sanidine": "K-feldspar",
    "adularia": "K-feldspar", "perthite": "K-feldspar",
    "elbaite": "Tourmaline", "schorl": "Tourmaline", "dravite": "Tourmaline",
    "chlorite": "Chlorite", "clinochlore": "Chlorite", "clinochlore_fe": "Chlorite",
    "prochlorite": "Chlorite", "thuringite": "Chlorite", "chamosite": "Chlorite", "penninite": "Chlorite",
    "natrojarosite": "Jarosite",
    "nanohematite": "Hematite",
    "calcite_ree-bearing": "Calcite",
    "clinozoisiteepidote": "Epidote",
    # other groups split by end member, variety or composition
    "hornblende_mg": "Hornblende", "hornblende_fe": "Hornblende",
    "antigorite": "Serpentine", "lizardite": "Serpentine", "chrysotile": "Serpentine",
    "fluorapatite": "Apatite", "fluorapatite_ree": "Apatite", "chlorapatite": "Apatite",
    "chlorapatite_ree": "Apatite", "hydroxyl-apatite": "Apatite",
    "monazite_ree": "Monazite", "allanite_ree": "Allanite", "forsterite_ree": "Olivine",
    "mizzonite": "Scapolite", "meionite": "Scapolite", "marialite": "Scapolite", "dipyre": "Scapolite",
    "annite": "Biotite", "siderophyllite": "Biotite",
    "endellite": "Halloysite",
    "nephrite": "Actinolite",
    "bronzite": "Enstatite",
    # not a species, a rock, a mixture or a man-made material: dropped
    "pyroxene": None, "amphibole": None, "limonite": None, "pitch_limonite": None,
    "carbon_black": None, "smaragdite": None, "uralite": None, "chert": None,
    "ammonio-illite/smect": None, "ammonio-smectite": None, "sodium": None,
}

#: Chapter S records kept (single-mineral records of a class; mixtures and rocks are not used).
CHAPTER_S_MAP: Dict[str, str] = {
    "alunite-k": "Alunite", "alunite_k": "Alunite", "alunite_k-na": "Alunite",
    "alunite0.35k+.65na": "Alunite", "alunite0.66k+.34na": "Alunite", "alunite0.73k+.27na": "Alunite",
    "halloysite": "Halloysite", "illite": "Illite", "montmorillonite-na": "Montmorillonite",
    "muscovite-low-al": "Muscovite", "muscovite-medhi-al": "Muscovite", "muscovite-medlowal": "Muscovite",
    "pyrite": "Pyrite", "clinozoisiteepidote": "Epidote",
}

#: Minerals a Li–Be pegmatite explorer needs; always kept as classes.
REQUIRED_CLASSES = (
    "Spodumene", "Beryl", "Lepidolite", "Albite", "K-feldspar", "Quartz", "Muscovite", "Tourmaline",
    "Kaolinite", "Alunite", "Calcite", "Dolomite", "Hematite", "Goethite", "Jarosite", "Chlorite", "Epidote",
)

#: Display aliases (what a user may type or expect to see).
CLASS_ALIASES = {"K-feldspar": "K-feldspar (microcline/orthoclase)"}

_HEADER_RE = re.compile(r"Record\s*=\s*(\d+)\s*:\s*(.*)$")
_INSTR_RE = re.compile(r"^(ASDFR|ASDHR|ASDNG|BECK|NIC4|AVIRIS)([a-z]*)$")


@dataclass
class LibrarySpectrum:
    """One library record."""

    record: int
    name: str  # the record title without instrument/reflectance tags, e.g. "Spodumene HS210.3B"
    raw_mineral: str
    mineral: Optional[str]
    specimen: str
    sample_id: str
    instrument_code: str  # e.g. ASDFRc
    family: str  # ASD | BECK | NIC4 | AVIRIS
    source_family: str  # lab instrument the values come from (== family except for AVIRIS)
    chapter: str
    reflectance: str  # AREF | RREF
    wavelengths: np.ndarray  # nm
    fwhm: np.ndarray  # nm
    values: np.ndarray  # NaN where missing
    path: str = ""

    @property
    def key(self) -> str:
        """Identifies the lab measurement (shared by a record and its AVIRIS convolution)."""
        return f"{self.name}|{self.instrument_code}|{self.reflectance}"


def physical_sample_id(token: str) -> str:
    """``HS210.3B`` → ``HS210``; ``GDS69.d`` → ``GDS69``; ``GDS113a`` → ``GDS113``; ``SMR-13.e`` → ``SMR-13``."""
    base = token.split(".", 1)[0]
    base = re.sub(r"(?<=\d)[a-z]$", "", base)
    return base.upper()


def parse_title(title: str) -> Tuple[str, str, str, str, str]:
    """``"Spodumene HS210.1B  ASDFRc AREF"`` → (raw_mineral, specimen, name, instrument_code, AREF)."""
    tokens = title.split()
    if len(tokens) < 3:
        raise InputError(f"not a splib07a record title: {title!r}")
    refl = tokens[-1]
    code = tokens[-2]
    body = tokens[:-2]
    raw = body[0]
    rest = body[1:]
    # multi-word names ("Sodium Bicarbonate GDS55"): absorb leading words without digits
    while len(rest) > 1 and not re.search(r"\d", rest[0]) and rest[0][:1].isupper():
        raw = f"{raw}_{rest[0]}"
        rest = rest[1:]
    specimen = rest[0] if rest else raw
    return raw, specimen, " ".join(body), code, refl


def species_for(raw_mineral: str, chapter: str = "M") -> Optional[str]:
    key = raw_mineral.lower()
    if chapter == "S":
        return CHAPTER_S_MAP.get(key)
    if key in SPECIES_MAP:
        return SPECIES_MAP[key]
    name = raw_mineral.replace("_", " ")
    return name[:1].upper() + name[1:]


def family_of(code: str) -> Optional[str]:
    m = _INSTR_RE.match(code)
    if not m:
        return None
    head = m.group(1)
    return "ASD" if head.startswith("ASD") else head


def _read_column(path: Path) -> np.ndarray:
    lines = path.read_text(encoding="latin-1").splitlines()
    return np.array([float(x) for x in lines[1:] if x.strip()], dtype=np.float64)


def _read_title(path: Path) -> str:
    with open(path, "r", encoding="latin-1") as fh:
        first = fh.readline()
    m = _HEADER_RE.search(first)
    if not m:
        raise InputError(f"{path}: not a splib07a ASCII record")
    return m.group(1), m.group(2).strip()


def library_root(data_dir: Path) -> Path:
    root = Path(data_dir)
    if (root / "usgs_splib07a").is_dir():
        root = root / "usgs_splib07a"
    if not (root / ASCII_DIR).is_dir():
        raise InputError(f"{root}: no {ASCII_DIR} folder (the USGS splib07a ASCII library)")
    return root


def instrument_axes(data_dir: Path) -> Dict[str, Tuple[np.ndarray, np.ndarray]]:
    """family → (wavelengths nm, fwhm nm) of the splib07a spectrometers."""
    base = library_root(data_dir) / ASCII_DIR
    axes = {}
    for fam, (wl_name, fw_name) in _WAVELENGTH_FILES.items():
        axes[fam] = (_read_column(base / wl_name) * 1000.0, _read_column(base / fw_name) * 1000.0)
    return axes


def aviris_axis(data_dir: Path) -> Tuple[np.ndarray, np.ndarray]:
    """AVIRIS-1996 band centres and FWHM (nm) from the splib07a tables."""
    base = library_root(data_dir) / ASCII_DIR
    wl = _read_column(base / "splib07a_Wavelengths_AVIRIS_1996_0.37-2.5_microns.txt") * 1000.0
    fw = _read_column(base / "splib07a_Bandpass_(FWHM)_AVIRIS_1996_in_microns.txt") * 1000.0
    return wl, fw


def walk_ascii(data_dir: Path, chapters: Sequence[str] = ("M", "S")) -> List[LibrarySpectrum]:
    """Every usable record of the given chapters (spectra whose class maps to ``None`` are skipped)."""
    root = library_root(data_dir)
    axes = instrument_axes(data_dir)
    out: List[LibrarySpectrum] = []
    for chapter in chapters:
        folder = root / ASCII_DIR / CHAPTERS[chapter]
        if not folder.is_dir():
            raise InputError(f"{folder}: missing chapter folder")
        for path in sorted(folder.glob("splib07a_*.txt")):
            record, title = _read_title(path)
            raw, specimen, name, code, refl = parse_title(title)
            fam = family_of(code)
            if fam is None or fam == "AVIRIS":
                continue
            mineral = species_for(raw, chapter)
            if mineral is None:
                continue
            wl, fw = axes[fam]
            values = _read_column(path)
            if values.size != wl.size:
                continue
            values[values < -1e30] = np.nan
            out.append(LibrarySpectrum(
                record=int(record), name=name, raw_mineral=raw, mineral=mineral, specimen=specimen,
                sample_id=physical_sample_id(specimen), instrument_code=code, family=fam,
                source_family=fam, chapter=chapter, reflectance=refl, wavelengths=wl, fwhm=fw,
                values=values, path=str(path)))
    return out


def read_envi_sli(hdr_path: Path) -> Tuple[np.ndarray, np.ndarray, List[str], np.ndarray]:
    """(wavelengths nm, fwhm nm or NaN, names, values (n, bands)) of an ENVI spectral library."""
    hdr_path = Path(hdr_path)
    text = hdr_path.read_text(encoding="latin-1")

    def field_value(key: str) -> Optional[str]:
        m = re.search(r"^\s*" + re.escape(key) + r"\s*=\s*(\{.*?\}|[^\n]*)", text, re.S | re.M | re.I)
        return m.group(1).strip() if m else None

    def braces(key: str) -> List[str]:
        v = field_value(key)
        if v is None:
            return []
        return [x.strip() for x in v.strip("{}").split(",")]

    samples = int(field_value("samples"))
    lines = int(field_value("lines"))
    dtype = {4: "<f4", 5: "<f8"}[int(field_value("data type"))]
    if int(field_value("byte order") or 0) == 1:
        dtype = dtype.replace("<", ">")
    offset = int(field_value("header offset") or 0)
    sli = hdr_path.with_suffix(".sli")
    data = np.fromfile(sli, dtype=dtype, offset=offset, count=samples * lines).reshape(lines, samples)
    wl = np.array([float(x) for x in braces("wavelength") if x], dtype=np.float64)
    fw = np.array([float(x) for x in braces("fwhm") if x], dtype=np.float64)
    units = (field_value("wavelength units") or "").lower()
    scale = 1000.0 if units.startswith("micro") or (wl.size and wl.max() < 30) else 1.0
    wl = wl * scale
    fw = fw * scale if fw.size == wl.size else np.full_like(wl, np.nan)
    names = [" ".join(n.split()) for n in braces("spectra names")]
    values = data.astype(np.float64)
    values[values < -1e30] = np.nan
    return wl, fw, names, values


def walk_aviris(data_dir: Path, lab: Sequence[LibrarySpectrum]) -> List[LibrarySpectrum]:
    """The AVIRIS-1995 convolutions of the given lab records (matched by record title)."""
    root = Path(data_dir)
    av_dir = root / "usgs_splib07_aviris95" if (root / "usgs_splib07_aviris95").is_dir() else root
    hdr = av_dir / AV95_SLI.replace(".sli", ".hdr")
    if not hdr.is_file():
        raise InputError(f"{hdr}: the USGS AVIRIS-1995 library is missing")
    wl, fw, names, values = read_envi_sli(hdr)
    by_title: Dict[str, List[int]] = defaultdict(list)
    for i, n in enumerate(names):
        by_title[n].append(i)
    out = []
    for s in lab:
        title = f"{s.name} {s.instrument_code} {s.reflectance}"
        rows = by_title.get(" ".join(title.split()))
        if not rows:
            continue
        v = values[rows[0]].copy()
        if not np.isfinite(v).any():
            continue
        out.append(LibrarySpectrum(
            record=s.record, name=s.name, raw_mineral=s.raw_mineral, mineral=s.mineral, specimen=s.specimen,
            sample_id=s.sample_id, instrument_code="AVIRIS95", family="AVIRIS", source_family=s.family,
            chapter=s.chapter, reflectance=s.reflectance, wavelengths=wl, fwhm=fw, values=v,
            path=str(av_dir / AV95_SLI)))
    return out


def load_library(data_dir: Path, chapters: Sequence[str] = ("M", "S"), aviris: bool = True) -> List[LibrarySpectrum]:
    lab = walk_ascii(data_dir, chapters)
    return lab + (walk_aviris(data_dir, lab) if aviris else [])


def choose_classes(spectra: Iterable[LibrarySpectrum], min_lab_spectra: int = 4,
                   required: Sequence[str] = REQUIRED_CLASSES) -> List[str]:
    """Classes with at least ``min_lab_spectra`` lab (non-AVIRIS) spectra, plus the required ones."""
    counts = Counter(s.mineral for s in spectra if s.family != "AVIRIS" and s.mineral)
    chosen = {m for m, c in counts.items() if c >= min_lab_spectra}
    missing = [m for m in required if counts.get(m, 0) == 0]
    if missing:
        raise InputError("required minerals not found in the library: " + ", ".join(missing))
    chosen |= set(required)
    return sorted(chosen, key=str.lower)


@dataclass
class Split:
    train_samples: List[str]
    test_samples: List[str]
    single_sample_classes: List[str] = field(default_factory=list)

    def is_test(self, s: LibrarySpectrum) -> bool:
        return s.sample_id in self._test

    def __post_init__(self):
        self._test = set(self.test_samples)


def split_by_sample(spectra: Sequence[LibrarySpectrum], classes: Sequence[str], test_fraction: float = 0.3,
                    seed: int = 0) -> Split:
    """Stratified split of *physical samples*: ~``test_fraction`` of each class's samples go to test.

    A class with one physical sample stays in training (it cannot be tested on an
    unseen specimen); a sample ID shared by two classes is assigned once, so no
    sample ID ends up on both sides.
    """
    rng = np.random.default_rng(seed)
    cls_samples: Dict[str, List[str]] = defaultdict(list)
    for s in spectra:
        if s.mineral in classes and s.sample_id not in cls_samples[s.mineral]:
            cls_samples[s.mineral].append(s.sample_id)
    assigned: Dict[str, str] = {}
    single = []
    for cls in sorted(cls_samples, key=str.lower):
        samples = sorted(cls_samples[cls])
        if len(samples) < 2:
            single.append(cls)
            for sid in samples:
                assigned.setdefault(sid, "train")
            continue
        free = [sid for sid in samples if sid not in assigned]
        already_test = sum(1 for sid in samples if assigned.get(sid) == "test")
        n_test = max(1, int(round(test_fraction * len(samples)))) - already_test
        n_test = min(max(n_test, 0), len(samples) - 1, len(free))
        perm = list(rng.permutation(free))
        for i, sid in enumerate(perm):
            assigned[sid] = "test" if i < n_test else "train"
    train = sorted(k for k, v in assigned.items() if v == "train")
    test = sorted(k for k, v in assigned.items() if v == "test")
    return Split(train_samples=train, test_samples=test, single_sample_classes=single)


def display_name(cls: str) -> str:
    return CLASS_ALIASES.get(cls, cls)
