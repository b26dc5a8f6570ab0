"""Read any supported spectrometer file by its content, or many files and folders with a report.

The format is sniffed from the content, never trusted from the extension (a
ViewSpec export is ``.asd.txt``, USGS and ECOSTRESS files are both ``.txt``);
an extension that contradicts the content only shows up in the reason when
nothing can read the file.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, List, Optional, Sequence, Tuple, Union

from ..progress import Progress, ensure_progress
from ._common import ext, head, head_text
from .readers import READERS, envi
from .spectrum import AuxiliaryFileError, Spectrum, SpectrumFileError
from .units import file_unit, takes_file_unit

PathLike = Union[str, Path]

_SIGNATURES = (
    (b"\xff\xd8\xff", "a JPEG image"), (b"\x89PNG", "a PNG image"), (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"), (b"PK\x03\x04", "a ZIP archive (extract it first)"),
    (b"\x1f\x8b", "a gzip archive (extract it first)"), (b"II*\x00", "a TIFF image (open it as a raster layer)"),
    (b"MM\x00*", "a TIFF image (open it as a raster layer)"), (b"<?xml", "an XML document"),
)


def detect_format(path: PathLike):
    """The reader module whose content sniff accepts ``path``, or None."""
    for reader in READERS:
        try:
            if reader.can_read(path):
                return reader
        except (OSError, ValueError):  # unreadable for this sniff: let the next reader try
            continue
    return None


def supported_formats() -> List[Tuple[str, Tuple[str, ...]]]:
    """(format name, usual extensions) of every reader, for file dialogs and help."""
    return [(r.FORMAT, r.EXTENSIONS) for r in READERS]


def _unknown_reason(path: Path) -> str:
    data = head(path, 1024)
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            return f"{what}, not a spectrum file"
    text = head_text(path, 1024).lstrip().lower()
    if text.startswith(("<!doctype html", "<html")):
        return "an HTML page, not a spectrum file"
    if text.startswith("<?xml"):
        return "an XML document, not a spectrum file"
    suffix = ext(path)
    binary = not text
    if suffix == ".raw" and binary:
        sed = next((c for c in (path.with_suffix(".sed"), path.with_suffix(".SED")) if c.is_file()), None)
        hint = f"; read {sed.name}, the text file written beside it" if sed else "; export the spectrum as .sed"
        return "a Spectral Evolution binary .raw file (undocumented format, not supported)" + hint
    content = "binary data" if binary else "text"
    claimed = [r.FORMAT for r in READERS if suffix in r.EXTENSIONS and r.FORMAT != "CSV/text table"]
    if claimed and suffix not in (".txt", ".dat"):
        return f"has the extension {suffix} of {claimed[0]} files, but its content ({content}) is not one"
    if binary:
        return "binary data of an unknown format (not ASD, ENVI library, or any supported format)"
    return "text without a recognised spectrum layout (no table of wavelength and value columns)"


def read_spectra(path: PathLike) -> List[Spectrum]:
    """All spectra of one file; raises :class:`SpectrumFileError` with the reason otherwise."""
    p = Path(path)
    try:
        if not p.exists():
            raise SpectrumFileError(p, "no such file")
        if p.is_dir():
            raise SpectrumFileError(p, "is a folder (use load_folder for folders)")
        if p.stat().st_size == 0:
            raise SpectrumFileError(p, "file is empty")
    except OSError as exc:
        raise SpectrumFileError(p, f"cannot read the file ({exc.strerror or exc})") from exc
    envi.refuse_sidecar(p)
    reader = detect_format(p)
    if reader is None:
        raise SpectrumFileError(p, _unknown_reason(p))
    spectra = reader.read(p)
    if ext(p) and ext(p) not in reader.EXTENSIONS:
        for s in spectra:
            s.metadata.setdefault("extension_mismatch", f"{ext(p)} file read as {reader.FORMAT} by its content")
    unit = file_unit(spectra)  # a dark sample of a percent table is percent like the bright ones beside it
    if unit > 1.0:
        for s in spectra:
            if takes_file_unit(s):
                s.metadata["file_unit"] = unit
    return spectra


@dataclass
class LoadEntry:
    """What happened to one file: ``loaded`` (n spectra), ``skipped`` (a companion file) or ``failed``."""

    path: str
    status: str
    format: str = ""
    count: int = 0
    reason: str = ""
    # (record, reason) of the columns or library records that are not spectra (spreads, axis tables, empty)
    left_out: List[Tuple[str, str]] = field(default_factory=list)

    def left_out_by_reason(self) -> List[Tuple[str, List[str]]]:
        """(reason, records) in the order the reasons first occur: what a user is told was left out."""
        groups: dict = {}
        for record, reason in self.left_out:
            groups.setdefault(reason, []).append(record)
        return list(groups.items())

    def __str__(self) -> str:
        if self.status == "loaded":
            return f"loaded   {self.path} ({self.format}, {self.count} spectr{'um' if self.count == 1 else 'a'})"
        return f"{self.status:<8} {self.path}: {self.reason}"


@dataclass
class LoadReport:
    """Per-file outcome of :func:`load_folder`."""

    entries: List[LoadEntry] = field(default_factory=list)

    def _with(self, status: str) -> List[LoadEntry]:
        return [e for e in self.entries if e.status == status]

    @property
    def loaded(self) -> List[LoadEntry]:
        return self._with("loaded")

    @property
    def skipped(self) -> List[LoadEntry]:
        return self._with("skipped")

    @property
    def failed(self) -> List[LoadEntry]:
        return self._with("failed")

    def __iter__(self):
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def summary(self) -> str:
        n = sum(e.count for e in self.loaded)
        return (f"{len(self.entries)} files: {len(self.loaded)} loaded ({n} spectra), "
                f"{len(self.skipped)} skipped, {len(self.failed)} failed")

    def __str__(self) -> str:
        return "\n".join([*(str(e) for e in self.entries), self.summary()])


def _expand(paths: Iterable[PathLike], recursive: bool) -> List[Tuple[Path, Optional[str]]]:
    """Files to read (sorted within folders; hidden files skipped), or a reason a path is unusable."""
    out: List[Tuple[Path, Optional[str]]] = []
    for item in paths:
        p = Path(item)
        if p.is_dir():
            pattern = "**/*" if recursive else "*"
            try:
                files = sorted(f for f in p.glob(pattern)
                               if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts))
            except OSError as exc:
                out.append((p, f"cannot list the folder ({exc.strerror or exc})"))
                continue
            out.extend((f, None) for f in files)
        elif p.exists():
            out.append((p, None))
        else:
            out.append((p, "no such file or folder"))
    return out


def _reason(path: Path, exc: SpectrumFileError) -> str:
    """The error's reason, naming the companion file when that one was at fault."""
    if Path(exc.path).name != path.name:
        return f"{Path(exc.path).name}: {exc.reason}"
    return exc.reason


def load_folder(paths: Union[PathLike, Sequence[PathLike]], recursive: bool = True,
                progress: Optional[Progress] = None) -> Tuple[List[Spectrum], LoadReport]:
    """Read every file of the given files and folders; never raises for a bad file.

    Returns all spectra and a :class:`LoadReport` saying per file what was
    loaded or why not.  An ENVI ``.hdr`` whose library file is also listed is
    reported as skipped (it is read with the library).
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    items = _expand(paths, recursive)
    listed = {f.resolve() for f, _ in items}
    progress = ensure_progress(progress)
    spectra: List[Spectrum] = []
    report = LoadReport()
    for path, problem in progress.iterate(items, message="reading spectrometer files"):
        if problem:
            report.entries.append(LoadEntry(str(path), "failed", reason=problem))
            continue
        if ext(path) == ".hdr":
            data = envi.data_path(path)
            if data is not None and data.resolve() in listed:
                report.entries.append(LoadEntry(str(path), "skipped", envi.FORMAT,
                                                reason=f"header of {data.name} (read with it)"))
                continue
        try:
            found = read_spectra(path)
        except AuxiliaryFileError as exc:
            report.entries.append(LoadEntry(str(path), "skipped", reason=_reason(path, exc)))
        except SpectrumFileError as exc:
            report.entries.append(LoadEntry(str(path), "failed", reason=_reason(path, exc)))
        else:
            spectra.extend(found)
            left_out = [(str(name), reason) for _, name, reason in found[0].metadata.get("skipped_records", ())]
            report.entries.append(LoadEntry(str(path), "loaded", found[0].file_format, len(found), left_out=left_out))
    return spectra, report
