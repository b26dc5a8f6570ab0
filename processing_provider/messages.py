"""Translation of the compute layer's messages (file-reading reasons, identification notes) for display.

``models/`` is Qt-free and speaks English (the CLI, logs and tests read it); the dock and the algorithms' log
show its messages in the user's language by matching them against English patterns. A message no pattern
matches is shown as it is.  The table lives here, not in plugin/, because processing_provider may not import
plugin (tests/test_architecture_guardrails.py) and both layers use it.
``scripts/i18n_extract.py`` collects the templates below; ``scripts/message_inventory.py`` lists the messages
of ``models/`` that tests/test_message_translation.py requires a pattern for.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Optional, Sequence, Tuple

from qgis.PyQt.QtCore import QCoreApplication

# (regular expression on the English message — None: the template itself, exactly — English template with
# {0}, {1}… for the groups).  Named groups are translated too: msgN through these patterns (a message part:
# "a JPEG image", a covered range), minN as "/"-separated mineral names, lstN as "; "-separated message parts
# (the differences of two grids).  Specific patterns come before the generic ones that would also match
# (", not a spectrum file", "file: reason").
MESSAGE_PATTERNS: Sequence[Tuple[Optional[str], str]] = (
    # -- identification notes and errors (models/geospectra) --------------------------------------------------
    (r"low confidence \(best ([\d.]+)\): the spectrum may be a mixture or none of the minerals the model knows",
     "low confidence (best {0}): the spectrum may be a mixture or none of the minerals the model knows"),
    (None, "shows the red edge of green vegetation (near-infrared much brighter than red): the mineral names are "
           "unreliable"),
    (r"covers only (?P<msg0>.+) of the model's 400–2500 nm; candidates are limited to minerals with a diagnostic "
     r"feature there, and minerals told apart outside it may be confused",
     "covers only {0} of the model's 400–2500 nm; candidates are limited to minerals with a diagnostic feature "
     "there, and minerals told apart outside it may be confused"),
    (r"no diagnostic feature in (?P<msg0>.+?): (?P<min0>.+)-like; thermal infrared needed",
     "no diagnostic feature in {0}: {1}-like; thermal infrared needed"),
    (r"no diagnostic feature in (?P<msg0>.+?): (?P<min0>.+)-like; a wider range \(VNIR–SWIR\) or thermal infrared "
     r"needed",
     "no diagnostic feature in {0}: {1}-like; a wider range (VNIR–SWIR) or thermal infrared needed"),
    (r"values are (?P<msg0>\S+), not reflectance; the result is unreliable",
     "values are {0}, not reflectance; the result is unreliable"),
    (r"spectrum (.*) \((\S+)–(\S+) nm\) has fewer than (\d+) valid samples inside the model's "
     r"(\S+)–(\S+) nm range; it cannot be identified",
     "spectrum {0} ({1}–{2} nm) has fewer than {3} valid samples inside the model's {4}–{5} nm range; "
     "it cannot be identified"),
    (None, "spectrum outside the model's range"),
    (r"spectrum (.*): (\d+) wavelengths but (\d+) values", "spectrum {0}: {1} wavelengths but {2} values"),
    (r"(\d+) wavelengths but (\d+) values per spectrum", "{0} wavelengths but {1} values per spectrum"),
    (None, "a spectrum dict needs 'wavelengths_nm' (or 'wavelengths') and 'values'"),
    (r"cannot identify an object of type (\S+): give a Spectrum, a dict with wavelengths_nm/values, or a "
     r"\(wavelengths, values\) pair",
     "cannot identify an object of type {0}: give a Spectrum, a dict with wavelengths_nm/values, or a "
     "(wavelengths, values) pair"),
    (r"(.+): the model's wavelength grid differs from this software's",
     "{0}: the model's wavelength grid differs from this software's"),
    (r"(.+): unknown wavelet threshold rule (.*)", "{0}: unknown wavelet threshold rule {1}"),
    (None, "top must be at least 1"),
    # -- fast mineral mapping (models/geospectra/fast_map.py, models/mosaic/minerals.py) ------------------------
    (r"the fast network agreed with GeoSpectra on (\S+) of held-out pixels \(< (\S+)\); every pixel mapped "
     r"exactly",
     "the fast network agreed with GeoSpectra on {0} of held-out pixels (< {1}); every pixel mapped exactly"),
    (None, "too few valid pixels to teach and check a fast network; every pixel mapped exactly"),
    (r"the fast network was sure of only (\S+) of held-out pixels \(< (\S+)\); every pixel mapped exactly",
     "the fast network was sure of only {0} of held-out pixels (< {1}); every pixel mapped exactly"),
    (None, "fast mapping runs on one machine; on a cluster every pixel is mapped by GeoSpectra"),
    (None, "Teaching the fast network on a sample of the image"),
    # -- a spectrum that cannot be built (models/spectra/spectrum.py) ------------------------------------------
    (r"spectrum (.*): values (.+?) and wavelengths (.+?) must be 1-D arrays of the same length",
     "spectrum {0}: values {1} and wavelengths {2} must be 1-D arrays of the same length"),
    (r"spectrum (.*): needs at least 2 samples", "spectrum {0}: needs at least 2 samples"),
    (r"spectrum (.*): wavelengths must be finite and strictly increasing",
     "spectrum {0}: wavelengths must be finite and strictly increasing"),
    (r"spectrum (.*): unknown quantity (.*)", "spectrum {0}: unknown quantity {1}"),
    (r"spectrum (.*): unknown wavelength unit (.*)", "spectrum {0}: unknown wavelength unit {1}"),
    (r"spectrum (.*): fwhm must match the wavelengths", "spectrum {0}: fwhm must match the wavelengths"),
    (r"spectrum (.*): auxiliary (.*) must match the wavelengths", "spectrum {0}: auxiliary {1} must match the "
                                                                 "wavelengths"),
    # -- GPS positions ------------------------------------------------------------------------------------------
    (None, "ASD longitude sign inverted on reading (ASD writes east as negative; not documented by ASD): check the "
           "position on a map"),
    (r"stored DDMM\.MMMM latitude (.+?), longitude (.+?); the longitude's sign was inverted \(ASD writes east as "
     r"negative\)",
     "stored DDMM.MMMM latitude {0}, longitude {1}; the longitude's sign was inverted (ASD writes east as negative)"),
    # -- any file (models/spectra/_common.py, registry.py) --------------------------------------------------------
    (None, "no such file"),
    (None, "no such file or folder"),
    (None, "is a folder, not a file"),
    (None, "is a folder (use load_folder for folders)"),
    (None, "file is empty"),
    (r"file is too large for a spectrum file \((\d+) bytes\)", "file is too large for a spectrum file ({0} bytes)"),
    (r"cannot read the file \((.+)\)", "cannot read the file ({0})"),
    (r"cannot list the folder \((.+)\)", "cannot list the folder ({0})"),
    (None, "binary content where a text file was expected"),
    (r"malformed (.+?) file \((.+)\)", "malformed {0} file ({1})"),
    (r"header of (.+) \(read with it\)", "header of {0} (read with it)"),
    (None, "text without a recognised spectrum layout (no table of wavelength and value columns)"),
    (r"has the extension (\S+) of (.+) files, but its content \(binary data\) is not one",
     "has the extension {0} of {1} files, but its content (binary data) is not one"),
    (r"has the extension (\S+) of (.+) files, but its content \(text\) is not one",
     "has the extension {0} of {1} files, but its content (text) is not one"),
    (None, "binary data of an unknown format (not ASD, ENVI library, or any supported format)"),
    (r"a Spectral Evolution binary \.raw file \(undocumented format, not supported\); read (.+), the text file "
     r"written beside it",
     "a Spectral Evolution binary .raw file (undocumented format, not supported); read {0}, the text file written "
     "beside it"),
    (None, "a Spectral Evolution binary .raw file (undocumented format, not supported); export the spectrum as .sed"),
    (None, "an HTML page, not a spectrum file"),
    (None, "an XML document, not a spectrum file"),
    (r"(?P<msg0>.+), not a spectrum file", "{0}, not a spectrum file"),
    # -- wavelength axis and values (models/spectra/_axis.py) ----------------------------------------------------
    (r"wavelengths are declared in nm but run (\S+)–(\S+), which looks like µm \(unit mix-up\)",
     "wavelengths are declared in nm but run {0}–{1}, which looks like µm (unit mix-up)"),
    (r"wavelengths are declared in µm but run (\S+)–(\S+), which looks like nm \(unit mix-up\)",
     "wavelengths are declared in µm but run {0}–{1}, which looks like nm (unit mix-up)"),
    (r"wavenumbers must be positive \(found (\S+) cm⁻¹\)", "wavenumbers must be positive (found {0} cm⁻¹)"),
    (r"wavelength column mixes units: (\d+) values run (\S+)–(\S+) \(µm-like\) and (\d+) run (\S+)–(\S+) "
     r"\(nm-like\)",
     "wavelength column mixes units: {0} values run {1}–{2} (µm-like) and {3} run {4}–{5} (nm-like)"),
    (r"duplicate wavelength (\S+) nm \(samples (\d+) and (\d+)\)", "duplicate wavelength {0} nm (samples {1} and {2})"),
    (r"wavelengths are not monotonic: (\S+) nm follows (\S+) nm \(sample (\d+)\)",
     "wavelengths are not monotonic: {0} nm follows {1} nm (sample {2})"),
    (r"needs at least 2 spectral samples \(found (\d+)\)", "needs at least 2 spectral samples (found {0})"),
    (r"wavelength of sample (\d+) is missing or not a number", "wavelength of sample {0} is missing or not a number"),
    (r"wavelengths (\S+)–(\S+) (\S+) are outside any spectrometer's range",
     "wavelengths {0}–{1} {2} are outside any spectrometer's range"),
    (None, "all values are missing or NaN"),
    (r"all values of (?P<msg0>.+) are missing or NaN", "all values of {0} are missing or NaN"),
    # -- ASD FieldSpec -----------------------------------------------------------------------------------------
    (r"truncated ASD file: (\d+) bytes, the header alone needs (\d+)",
     "truncated ASD file: {0} bytes, the header alone needs {1}"),
    (r"truncated ASD file: the (?P<msg0>.+) needs bytes (\d+)–(\d+), the file has (\d+)",
     "truncated ASD file: the {0} needs bytes {1}–{2}, the file has {3}"),
    (None, "truncated ASD file: the reference header is missing"),
    (None, "not an ASD FieldSpec file (no ASD/asN signature at its start)"),
    (r"corrupt ASD header: (\S+) channels", "corrupt ASD header: {0} channels"),
    (r"corrupt ASD header: unknown data format code (\S+)", "corrupt ASD header: unknown data format code {0}"),
    (r"corrupt ASD header: unknown data type code (\S+)", "corrupt ASD header: unknown data type code {0}"),
    (r"corrupt ASD header: first wavelength (\S+) nm, step (\S+) nm",
     "corrupt ASD header: first wavelength {0} nm, step {1} nm"),
    (None, "saved in raw mode with a white reference: reflectance = target counts / reference counts"),
    (r"saved in (?P<msg0>.+?) mode: values are raw detector counts \(DN\), not (?P<msg1>.+?); the ASD radiometric "
     r"calibration stored in the file is not applied",
     "saved in {0} mode: values are raw detector counts (DN), not {1}; the ASD radiometric calibration stored in "
     "the file is not applied"),
    # -- Spectral Evolution .sed, Spectra Vista .sig ------------------------------------------------------------
    (None, "not a Spectral Evolution .sed file (no 'Comment:'/'Version:' header)"),
    (None, "no 'Data:' section (file truncated?)"),
    (None, "the line after 'Data:' must name the columns (Wvl, ...)"),
    (r"data row (\d+) has (\d+) columns, expected (\d+) \(truncated or corrupt\)",
     "data row {0} has {1} columns, expected {2} (truncated or corrupt)"),
    (r"data row (\d+) holds a non-numeric entry: (.*)", "data row {0} holds a non-numeric entry: {1}"),
    (r"header says (\d+) channels but the table has (\d+) rows \(truncated or corrupt\)",
     "header says {0} channels but the table has {1} rows (truncated or corrupt)"),
    (None, "not an SVC .sig file (no 'Spectra Vista SIG Data' signature)"),
    (None, "no 'data=' section (file truncated?)"),
    (None, "the data section has fewer than 2 rows"),
    (None, "the last data line is incomplete (file truncated?)"),
    (None, "data rows need a wavelength and at least one value"),
    # -- ASTER/ECOSTRESS, RELAB, USGS libraries ----------------------------------------------------------------
    (None, "ancillary information of an ASTER/ECOSTRESS library spectrum, not a spectrum"),
    (None, "not an ECOSTRESS/ASTER library file (no 'Name:'/'X Units:' header)"),
    (None, "no data after the header (file truncated?)"),
    (r"data row (\d+) has (\d+) column\(s\), expected 2 \(truncated or corrupt\)",
     "data row {0} has {1} column(s), expected 2 (truncated or corrupt)"),
    (r"header says (\d+) values but the file has only (\d+) rows \(truncated\)",
     "header says {0} values but the file has only {1} rows (truncated)"),
    (r"header says (\d+) values but the file has (\d+) rows \(two tables joined, or a corrupt header\)",
     "header says {0} values but the file has {1} rows (two tables joined, or a corrupt header)"),
    (r"header says (\d+) values, the file has (\d+); all rows kept", "header says {0} values, the file has {1}; "
                                                                    "all rows kept"),
    (r"X Units (.*) is not a wavelength or wavenumber unit", "X Units {0} is not a wavelength or wavenumber unit"),
    (r"line (\d+) is not a 'wavelength value' row: (.*)", "line {0} is not a 'wavelength value' row: {1}"),
    (r"RELAB \.asc announces (\S+) points", "RELAB .asc announces {0} points"),
    (r"RELAB \.asc announces (\S+) points but holds (\d+) \(truncated\?\)",
     "RELAB .asc announces {0} points but holds {1} (truncated?)"),
    (None, "RELAB .txt without data rows"),
    (None, "not a RELAB spectrum (no point count or 'Relab Spectrum' title)"),
    (None, "not a USGS spectral library file (no 'splibNN Record=N:' title line)"),
    (r"line (\d+) is not a number: (.*)", "line {0} is not a number: {1}"),
    (None, "file holds only blank lines"),
    (r"(\S+) (.+) table \(used to read the library's spectra\), not a spectrum",
     "{0} {1} table (used to read the library's spectra), not a spectrum"),
    (None, "fewer than 2 values after the title line"),
    (r"title names no known instrument code \(ASDFR, ASDNG, BECK, NIC4, AVIRIS\): (.*)",
     "title names no known instrument code (ASDFR, ASDNG, BECK, NIC4, AVIRIS): {0}"),
    (r"no (\S+) wavelength table with (\d+) channels in this folder or the (\d+) above it \(the file is truncated, "
     r"or not in the library's folder layout\)",
     "no {0} wavelength table with {1} channels in this folder or the {2} above it (the file is truncated, or not "
     "in the library's folder layout)"),
    (None, "all channels are missing (-1.23e34)"),
    (None, "relative reflectance (RREF), not absolute"),
    # -- CSV/text tables -----------------------------------------------------------------------------------------
    (None, "no table of numbers found (needs rows of a wavelength and at least one value)"),
    (r"line (\d+) has (\d+) field\(s\) where the table above it has (\d+) \(truncated or corrupt\)",
     "line {0} has {1} field(s) where the table above it has {2} (truncated or corrupt)"),
    (r"line (\d+) holds numbers before the table starting at line (\d+) \(a broken row or a second table\)",
     "line {0} holds numbers before the table starting at line {1} (a broken row or a second table)"),
    # -- ENVI spectral libraries ---------------------------------------------------------------------------------
    (None, "not an ENVI header (does not start with 'ENVI')"),
    (r"ENVI header lacks '(.+)'", "ENVI header lacks '{0}'"),
    (r"ENVI header: '(.+?) = (.*)' is not a whole number", "ENVI header: '{0} = {1}' is not a whole number"),
    (r"ENVI header: '(.+)' holds a non-numeric entry", "ENVI header: '{0}' holds a non-numeric entry"),
    (None, "ENVI spectral library without its .hdr header"),
    (None, "a text file, not the binary data of an ENVI spectral library"),
    (r"an ENVI image \((?P<msg0>.+), (\d+) band\(s\)\), not a spectral library: open it as a raster layer",
     "an ENVI image ({0}, {1} band(s)), not a spectral library: open it as a raster layer"),
    (r"ENVI library needs samples ≥ 2 and lines ≥ 1 \(has (\S+), (\S+)\)",
     "ENVI library needs samples ≥ 2 and lines ≥ 1 (has {0}, {1})"),
    (None, "ENVI header without its data file (.sli) beside it"),
    (r"unsupported ENVI data type (\S+)", "unsupported ENVI data type {0}"),
    (r"corrupt ENVI header \(byte order (\S+), header offset (\S+)\)",
     "corrupt ENVI header (byte order {0}, header offset {1})"),
    (r"truncated ENVI library: (\d+)×(\d+) values need (\d+) bytes, the file has (\d+)",
     "truncated ENVI library: {0}×{1} values need {2} bytes, the file has {3}"),
    (r"ENVI header needs a 'wavelength' list of (\d+) values \(has (\d+)\)",
     "ENVI header needs a 'wavelength' list of {0} values (has {1})"),
    (None, "the library holds no spectrum with valid values"),
    (r"attribute table of the ENVI spectral library (.+) \(read with it\), not a spectrum",
     "attribute table of the ENVI spectral library {0} (read with it), not a spectrum"),
    (None, "axis table stored as a library row"),
    (None, "channel numbers stored as a library row"),
    (None, "resolution (FWHM) table stored as a library row"),
    (None, "error bars of the preceding spectrum"),
    (None, "all values missing"),
    (None, "the spread of the values (standard deviation or error), not a spectrum"),
    # -- JCAMP-DX ---------------------------------------------------------------------------------------------
    (None, "JCAMP-DX file without a complete block (no ##END=; truncated?)"),
    (None, "JCAMP-DX block without its closing ##END= (file truncated?)"),
    (None, "not a JCAMP-DX file (does not start with ##TITLE= or ##JCAMP-DX=)"),
    (None, "JCAMP-DX file holds no XYDATA, XYPOINTS or PEAK TABLE"),
    (r"unexpected characters in JCAMP-DX data: (.*)", "unexpected characters in JCAMP-DX data: {0}"),
    (r"invalid JCAMP-DX compressed data near (.*)", "invalid JCAMP-DX compressed data near {0}"),
    (r"JCAMP-DX data line (\d+) does not start with an X value", "JCAMP-DX data line {0} does not start with an X "
                                                                 "value"),
    (r"JCAMP-DX line (\d+): difference without a start value", "JCAMP-DX line {0}: difference without a start value"),
    (r"JCAMP-DX line (\d+): repeat count without a value", "JCAMP-DX line {0}: repeat count without a value"),
    (r"JCAMP-DX line (\d+): repeat count (\d+) takes the data past ##NPOINTS=(\S+) \(corrupt data\)",
     "JCAMP-DX line {0}: repeat count {1} takes the data past ##NPOINTS={2} (corrupt data)"),
    (r"Y-check failed at data line (\d+) \((\S+) ≠ (\S+)\)", "Y-check failed at data line {0} ({1} ≠ {2})"),
    (r"JCAMP-DX block lacks ##(.+)=", "JCAMP-DX block lacks ##{0}="),
    (r"JCAMP-DX ##DATA TYPE=(.*) is not an optical \(UV, visible or infrared\) spectrum; its abscissa is not a "
     r"wavelength",
     "JCAMP-DX ##DATA TYPE={0} is not an optical (UV, visible or infrared) spectrum; its abscissa is not a "
     "wavelength"),
    (r"JCAMP-DX ##XUNITS=(.*) is not a wavelength or wavenumber unit",
     "JCAMP-DX ##XUNITS={0} is not a wavelength or wavenumber unit"),
    (r"JCAMP-DX ##([^=]+)=(.*) is not a usable number", "JCAMP-DX ##{0}={1} is not a usable number"),
    (r"JCAMP-DX ##NTUPLES=(.*) \(n-dimensional pages\) is not supported; export the spectrum as ##XYDATA or "
     r"##XYPOINTS",
     "JCAMP-DX ##NTUPLES={0} (n-dimensional pages) is not supported; export the spectrum as ##XYDATA or ##XYPOINTS"),
    (r"unsupported JCAMP-DX XYDATA form (.*)", "unsupported JCAMP-DX XYDATA form {0}"),
    (r"JCAMP-DX (?P<msg0>.+) and ##NPOINTS=(\S+) but the data hold (\d+) values: corrupt data",
     "JCAMP-DX {0} and ##NPOINTS={1} but the data hold {2} values: corrupt data"),
    (r"JCAMP-DX ##NPOINTS=(\S+) but the data hold (\d+) values \(truncated or corrupt\)",
     "JCAMP-DX ##NPOINTS={0} but the data hold {1} values (truncated or corrupt)"),
    (r"(?P<msg0>.+); the data hold the ##NPOINTS=(\S+) values and were kept",
     "{0}; the data hold the ##NPOINTS={1} values and were kept"),
    (r"JCAMP-DX (.+?) holds an odd number of values \(truncated\?\)",
     "JCAMP-DX {0} holds an odd number of values (truncated?)"),
    (r"JCAMP-DX ##NPOINTS=(\S+) but (\d+) points found", "JCAMP-DX ##NPOINTS={0} but {1} points found"),
    (r"##YUNITS=(.*) without '%' but values run up to (\S+): read as percent",
     "##YUNITS={0} without '%' but values run up to {1}: read as percent"),
    # -- what the other algorithms relay from models/: progress texts, warnings, notes, summaries -------------
    # training (models/gcn): the epoch lines, the steps, the poor-model warning
    (r"Node GCN epoch (\d+)/(\d+): train loss (\S+), val loss (\S+), val pixel ROC AUC (\S+), val tile F1 (\S+)",
     "Node GCN epoch {0}/{1}: train loss {2}, val loss {3}, val pixel ROC AUC {4}, val tile F1 {5}"),
    (r"(?P<msg0>.+?) epoch (\d+)/(\d+): train loss (\S+), val loss (\S+), val acc (\S+), val F1 (\S+)",
     "{0} epoch {1}/{2}: train loss {3}, val loss {4}, val acc {5}, val F1 {6}"),
    (r"WARNING: this model is poor — validation ROC AUC (\S+) \(below (\S+)\)\. Its map is not much better than "
     r"chance on held-out ground: add known bodies, check the labels and the bands, and do not rank targets with "
     r"it\.",
     "WARNING: this model is poor — validation ROC AUC {0} (below {1}). Its map is not much better than chance on "
     "held-out ground: add known bodies, check the labels and the bands, and do not rank targets with it."),
    (None, "reading the stack"),
    (r"reading (.+)", "reading {0}"),
    (None, "writing the model file"), (None, "writing the report"), (None, "permutation importance of the channels"),
    (None, "fitting the SVM (spectral channels only)"), (None, "SVM fitted"), (None, "predicting"), (None, "done"),
    # prediction, mineral map, identification (models/heatmap, models/geospectra, models/mosaic)
    (r"Scored tile row (\d+) of (\d+)", "Scored tile row {0} of {1}"),
    (r"Mapped row (\d+) of (\d+)", "Mapped row {0} of {1}"),
    (r"Finished (?P<msg0>\S+) (\d+) of (\d+)", "Finished {0} {1} of {2}"),
    (None, "Wrote the Cloud-Optimized GeoTIFF"),
    (None, "identifying spectra"),
    (None, "No uncertainty map: it needs a node-level model (Node GCN); this model scores whole tiles."),
    (None, "No uncertainty map: it comes from Monte-Carlo dropout, which gradient boosting does not have."),
    (None, "fitting gradient boosting on the pixels of the training tiles"), (None, "gradient boosting fitted"),
    (None, "fitting gradient boosting again on every labelled tile (training and validation)"),
    (None, "ranking both models' pixels on the training area"), (None, "blend ready"),
    (r"Node GCN final fit on every labelled tile, epoch (\d+)/(\d+): train loss (\S+)",
     "Node GCN final fit on every labelled tile, epoch {0}/{1}: train loss {2}"),
    # distance rasters (models/raster/distance.py)
    (r"(\d+) feature\(s\), (\d+) segment\(s\)", "{0} feature(s), {1} segment(s)"),
    (None, "Sampling exact distances on the IDW lattice"),
    (r"Rows (\d+)/(\d+)", "Rows {0}/{1}"),
    (r"(?P<msg0>.+) has no CRS; its coordinates are taken to be in the raster's CRS \((.+)\)\.",
     "{0} has no CRS; its coordinates are taken to be in the raster's CRS ({1})."),
    (r"(\d+) invalid polygon\(s\) \(e\.g\. self-intersecting\) were repaired before use\.",
     "{0} invalid polygon(s) (e.g. self-intersecting) were repaired before use."),
    # band subset (models/raster/band_subset.py)
    (r"Copied window (\d+)/(\d+)", "Copied window {0}/{1}"),
    (r"The kept bands have different nodata values; the output uses (\S+) for all of them\.",
     "The kept bands have different nodata values; the output uses {0} for all of them."),
    # graph data set (models/graphs): the steps and the summary's lines
    (None, "labels"), (None, "tiles"), (None, "statistics"), (None, "writing"),
    (r"Graph data set: (\d+) tiles of (\d+)×(\d+) px \(stride (\d+)\) on a (\d+)×(\d+) px grid, pixel (\S+)×(\S+)",
     "Graph data set: {0} tiles of {1}×{2} px (stride {3}) on a {4}×{5} px grid, pixel {6}×{7}"),
    (r"  labels: (\d+) (?P<msg0>\S+), (\d+) (?P<msg1>\S+), (\d+) unlabelled; (\d+) spatial blocks",
     "  labels: {0} {1}, {2} {3}, {4} unlabelled; {5} spatial blocks"),
    (r"  graph: (\d+) nodes, (\d+) directed edges \(ground distance < (\S+) m\)",
     "  graph: {0} nodes, {1} directed edges (ground distance < {2} m)"),
    (r"  channels \((\d+)\):", "  channels ({0}):"),
    (r"(.*?)(?P<msg0>geology|\S+ nm|\S+)  mean (\S+)  std (\S+)", "{0}{1}  mean {2}  std {3}"),  # a channel's row
    (r"  tiles skipped for nodata: (\d+)", "  tiles skipped for nodata: {0}"),
    # exploration targets (models/heatmap/targets.py)
    (None, "Read the rasters"), (None, "Polygonised the targets"), (None, "Wrote the targets"),
    (r"(\d+) target\(s\)", "{0} target(s)"),
    (r"(\d+) target\(s\), (\S+) km² in all, probability ≥ (\S+) \((\S+) % of the valid area\); (\d+) smaller than "
     r"the minimum area dropped",
     "{0} target(s), {1} km² in all, probability ≥ {2} ({3} % of the valid area); {4} smaller than the minimum area "
     "dropped"),
    (r"(\S+) % of the valid area shares the highest value (\S+), more than the (\S+) % asked for; all of it is "
     r"selected",
     "{0} % of the valid area shares the highest value {1}, more than the {2} % asked for; all of it is selected"),
    # scoring a heatmap against deposits (models/evaluation)
    (None, "Scoring bodies"), (None, "Read the raster"), (None, "Pixel ROC"), (None, "Scored"),
    (r"fertile status\(es\) (.+) not found \(values present: (.*)\)",
     "fertile status(es) {0} not found (values present: {1})"),
    (r"no barren bodies \(status (.+?)\) among (.*): fertile-vs-barren is not measured",
     "no barren bodies (status {0}) among {1}: fertile-vs-barren is not measured"),
    (r"(\d+) of (\d+) '(.*)' bodies have no valid pixel on the raster and are left out of their curve",
     "{0} of {1} '{2}' bodies have no valid pixel on the raster and are left out of their curve"),
    # sample area (models/sample_area)
    (None, "abundances"), (None, "spectra"), (None, "scene description"),
    # -- what stops the other algorithms: typed errors of models/ (rasters, graphs, training, prediction,
    # evaluation, sample area, mosaics, model files, worker, devices); scripts/message_inventory.py
    # error_messages() lists them
    (r"Cannot read the wavelength ranges '(.+?)'; write them like '782-902; 2014-2400' \(nm\)\.",
     "Cannot read the wavelength ranges '{0}'; write them like '782-902; 2014-2400' (nm)."),
    (r"Wavelength ranges must be numbers: (.+)", "Wavelength ranges must be numbers: {0}"),
    (None, "Wavelength ranges need pairs of numbers (minimum, maximum); an odd count was given."),
    (None, "Wavelength ranges must be pairs of numbers (minimum, maximum)."),
    (None, "No wavelength range given."),
    (None, "Wavelength ranges must be positive numbers."),
    (r"The wavelength range (.+?)–(.+?) has its minimum above its maximum\.",
     "The wavelength range {0}–{1} has its minimum above its maximum."),
    (r"The wavelength ranges (.+?) select no band: the raster's (.+?) bands span (.+?)–(.+?) nm\.",
     "The wavelength ranges {0} select no band: the raster's {1} bands span {2}–{3} nm."),
    (None, "The output file must not be the input raster."),
    (r"(?P<msg0>.+?) holds (?P<msg1>.+?), but distance to plutons needs a polygon layer\.",
     "{0} holds {1}, but distance to plutons needs a polygon layer."),
    (r"(?P<msg0>.+?) holds (?P<msg1>.+?), but distance to faults needs a line layer\.",
     "{0} holds {1}, but distance to faults needs a line layer."),
    (r"(?P<msg0>.+?) is a table without geometries\.", "{0} is a table without geometries."),
    (r"Feature (.+?) of (?P<msg0>.+?) cannot be reprojected from (.+?) to (.+?): (.+)",
     "Feature {0} of {1} cannot be reprojected from {2} to {3}: {4}"),
    (r"Feature (.+?) of (?P<msg0>.+?) falls outside the area where (.+?) is defined\.",
     "Feature {0} of {1} falls outside the area where {2} is defined."),
    (r"(?P<msg0>.+?) is empty: it has no features\.", "{0} is empty: it has no features."),
    (r"(?P<msg0>.+?) has (.+?) feature\(s\) but none has a geometry\.",
     "{0} has {1} feature(s) but none has a geometry."),
    (r"The polygons cannot be merged \((.+?)\); run 'Fix geometries' on the layer first\.",
     "The polygons cannot be merged ({0}); run 'Fix geometries' on the layer first."),
    (None, "The features have no vertices."),
    (None, "No segments to measure distances to."),
    (None, "The output file must not be the reference raster."),
    (r"Unknown feature kind '(.+?)'; use one of: (.+?)\.", "Unknown feature kind '{0}'; use one of: {1}."),
    (r"Unknown distance method '(.+?)'; use one of: (.+?)\.", "Unknown distance method '{0}'; use one of: {1}."),
    (None, "Signed distance (negative inside) needs polygons; faults are lines."),
    (None, "IDW needs a lattice spacing ≥ 1 pixel, at least 1 neighbour and a positive power."),
    (r"'(.+?)' has (.+?) band\(s\); there is no band (.+?)\.", "'{0}' has {1} band(s); there is no band {2}."),
    (r"(?P<msg0>.+?) cannot be reprojected onto the raster's CRS: (.+)",
     "{0} cannot be reprojected onto the raster's CRS: {1}"),
    (r"(?P<msg0>.+?) \('(.+?)'\) has no field '(.+?)'; its fields are: none\.",
     "{0} ('{1}') has no field '{2}'; its fields are: none."),
    (r"(?P<msg0>.+?) \('(.+?)'\) has no field '(.+?)'; its fields are: (.+?)\.",
     "{0} ('{1}') has no field '{2}'; its fields are: {3}."),
    (r"'(.+?)' is an ENVI header; choose the data file it describes \(for example '(.+?)'\) instead\.",
     "'{0}' is an ENVI header; choose the data file it describes (for example '{1}') instead."),
    (r"Raster file not found: '(.+?)'\.", "Raster file not found: '{0}'."),
    (r"Cannot read '(.+?)' as a raster: it has no raster bands\.",
     "Cannot read '{0}' as a raster: it has no raster bands."),
    (r"Cannot read '(.+?)' as a raster: (.+)", "Cannot read '{0}' as a raster: {1}"),
    (r"Cannot read the pixels of 'the raster': the file is truncated or corrupt \((.+?)\)\.",
     "Cannot read the pixels of 'the raster': the file is truncated or corrupt ({0})."),
    (r"Cannot read the pixels of '(.+?)': the file is truncated or corrupt \((.+?)\)\.",
     "Cannot read the pixels of '{0}': the file is truncated or corrupt ({1})."),
    (r"Vector file not found: '(.+?)'\.", "Vector file not found: '{0}'."),
    (r"Cannot read '(.+?)' as a vector layer: it holds no layers\.",
     "Cannot read '{0}' as a vector layer: it holds no layers."),
    (r"Cannot read '(.+?)' as a vector layer: (.+)", "Cannot read '{0}' as a vector layer: {1}"),
    (r"'(.+?)' has (.+?) layer\(s\); there is no layer number (.+?)\.",
     "'{0}' has {1} layer(s); there is no layer number {2}."),
    (r"'(.+?)' has no layer named '(.+?)'; its layers are: (.+?)\.",
     "'{0}' has no layer named '{1}'; its layers are: {2}."),
    (r"The grid's CRS \((.+?)\) has no linear unit\.", "The grid's CRS ({0}) has no linear unit."),
    (r"(?P<msg0>.+?) has no coordinate reference system, so its pixel size in metres is unknown\. Assign its CRS "
     r"\(Raster ▸ Projections ▸ Assign Projection\) and try again\.",
     "{0} has no coordinate reference system, so its pixel size in metres is unknown. Assign its CRS (Raster ▸ "
     "Projections ▸ Assign Projection) and try again."),
    (r"(?P<msg0>.+?) is in a geographic CRS \((.+?)\) whose units are degrees, so distances in metres cannot be "
     r"measured on its grid\. Reproject it to (?P<msg1>.+?) \(Raster ▸ Projections ▸ Warp\) and try again\.",
     "{0} is in a geographic CRS ({1}) whose units are degrees, so distances in metres cannot be measured on its "
     "grid. Reproject it to {2} (Raster ▸ Projections ▸ Warp) and try again."),
    (r"The rasters are not on the same grid: (?P<lst0>.+?)\. (?P<msg0>.+)",
     "The rasters are not on the same grid: {0}. {1}"),
    (r"Rasters are not on one grid: (?P<lst0>.+?)\. (?P<msg0>.+)", "Rasters are not on one grid: {0}. {1}"),
    (r"Raster '(.+?)' has a degenerate geotransform (.+?) \(zero pixel size\)\.",
     "Raster '{0}' has a degenerate geotransform {1} (zero pixel size)."),
    (r"Raster '(.+?)' has no coordinate reference system: ground distances \(edge threshold, label buffer\) need a "
     r"projected CRS in metres\.",
     "Raster '{0}' has no coordinate reference system: ground distances (edge threshold, label buffer) need a "
     "projected CRS in metres."),
    (r"Raster '(.+?)' has a sheared grid \(geotransform (.+?): pixel rows and columns are not perpendicular\); warp "
     r"it to a north-up or rotated grid first \(e\.g\. gdalwarp\)\.",
     "Raster '{0}' has a sheared grid (geotransform {1}: pixel rows and columns are not perpendicular); warp it to "
     "a north-up or rotated grid first (e.g. gdalwarp)."),
    (None, "No input raster given: pass the hyperspectral (subset) raster and any geology rasters."),
    (r"Raster '(.+?)' has no georeferencing \(geotransform\)\.", "Raster '{0}' has no georeferencing (geotransform)."),
    (r"Could not read rows (.+?)–(.+?) of '(.+?)'\.", "Could not read rows {0}–{1} of '{2}'."),
    (r"(?P<msg0>.+?): (.+?) centre wavelengths but (.+?) FWHM values\.",
     "{0}: {1} centre wavelengths but {2} FWHM values."),
    (r"'(.+?)' in the wavelength list is not a number\.", "'{0}' in the wavelength list is not a number."),
    (None, "The wavelength list is empty."),
    (None, "Wavelengths must be positive numbers; the list holds zero, negative or missing values."),
    (r"Wavelength units '(.+?)' are not a wavelength; give centres in nanometres or micrometres\.",
     "Wavelength units '{0}' are not a wavelength; give centres in nanometres or micrometres."),
    (r"Unknown sensor preset '(.+?)'\. Available presets: none; or give the path of a CSV band table\.",
     "Unknown sensor preset '{0}'. Available presets: none; or give the path of a CSV band table."),
    (r"Unknown sensor preset '(.+?)'\. Available presets: (.+?); or give the path of a CSV band table\.",
     "Unknown sensor preset '{0}'. Available presets: {1}; or give the path of a CSV band table."),
    (r"(.+?) holds no band rows\.", "{0} holds no band rows."),
    (r"(.+?): no wavelength column \(expected a header such as 'center_nm' or 'wavelength'\)\.",
     "{0}: no wavelength column (expected a header such as 'center_nm' or 'wavelength')."),
    (r"(.+?): a row is incomplete or not numeric \((.+?)\)\.", "{0}: a row is incomplete or not numeric ({1})."),
    (r"Cannot read band table '(.+?)': (.+)", "Cannot read band table '{0}': {1}"),
    (r"The (?P<msg0>.+?) lists (.+?) wavelengths but the raster has (.+?) bands; fix the header or choose a "
     r"preset/list and override the file\.",
     "The {0} lists {1} wavelengths but the raster has {2} bands; fix the header or choose a preset/list and "
     "override the file."),
    (r"'(.+?)' carries no band wavelengths \(no ENVI header 'wavelength', no GDAL band metadata\) and no sensor "
     r"preset or wavelength list was given\. Choose a sensor preset \(available: none\) or enter the band centre "
     r"wavelengths\.",
     "'{0}' carries no band wavelengths (no ENVI header 'wavelength', no GDAL band metadata) and no sensor preset "
     "or wavelength list was given. Choose a sensor preset (available: none) or enter the band centre wavelengths."),
    (r"'(.+?)' carries no band wavelengths \(no ENVI header 'wavelength', no GDAL band metadata\) and no sensor "
     r"preset or wavelength list was given\. Choose a sensor preset \(available: (.+?)\) or enter the band centre "
     r"wavelengths\.",
     "'{0}' carries no band wavelengths (no ENVI header 'wavelength', no GDAL band metadata) and no sensor preset "
     "or wavelength list was given. Choose a sensor preset (available: {1}) or enter the band centre wavelengths."),
    (r"The (?P<msg0>.+?) describes (.+?) bands but '(.+?)' has (.+?) bands; choose the preset of the sensor that "
     r"recorded this image, or a list with one wavelength per band\.",
     "The {0} describes {1} bands but '{2}' has {3} bands; choose the preset of the sensor that recorded this "
     "image, or a list with one wavelength per band."),
    (r"Graph data set: x has shape (.+?), expected \((.+?), (.+?), (.+?)\)\.",
     "Graph data set: x has shape {0}, expected ({1}, {2}, {3})."),
    (r"Graph data set: (.+?) has shape (.+?), expected \((.+?),\)\.",
     "Graph data set: {0} has shape {1}, expected ({2},)."),
    (r"Graph data set: edge_index has shape (.+?), expected \(2, E\)\.",
     "Graph data set: edge_index has shape {0}, expected (2, E)."),
    (None, "Graph data set: edge_index refers to nodes outside the tile."),
    (None, "Graph data set: channel names, wavelengths and statistics disagree in length."),
    (None, "Graph data set: labels must be -1, 0 or 1."),
    (r"Graph data set: node_y has shape (.+?), expected \((.+?), (.+?)\)\.",
     "Graph data set: node_y has shape {0}, expected ({1}, {2})."),
    (None, "Graph data set: node labels must be -1, 0 or 1."),
    (None, "val_fraction must lie between 0 and 1."),
    (r"Unknown graph data set format '(.+?)' \(use 'safetensors' or 'npz'\)\.",
     "Unknown graph data set format '{0}' (use 'safetensors' or 'npz')."),
    (r"(.+?) is not a usable HyperProspect graph data set \(corrupt description: (.+?): (.+?)\)\.",
     "{0} is not a usable HyperProspect graph data set (corrupt description: {1}: {2})."),
    (r"Graph data set (.+?) does not exist\.", "Graph data set {0} does not exist."),
    (r"Tile size must be at least (.+?) pixel \(got (.+?)\)\.", "Tile size must be at least {0} pixel (got {1})."),
    (r"Pixel size must be positive \(got (.+?)\)\.", "Pixel size must be positive (got {0})."),
    (r"Edge threshold (.+?) m is not above the pixel spacing \((.+?) m\): the graphs would have no edges\. Use a "
     r"threshold factor above 1 \(paper: 1\.7\)\.",
     "Edge threshold {0} m is not above the pixel spacing ({1} m): the graphs would have no edges. Use a threshold "
     "factor above 1 (paper: 1.7)."),
    (r"The label layer '(.+?)' in '(.+?)' is empty \(no features with a geometry\): it must hold the known "
     r"mineralised bodies\.",
     "The label layer '{0}' in '{1}' is empty (no features with a geometry): it must hold the known mineralised "
     "bodies."),
    (r"Tile size (.+?)×(.+?) px is larger than the raster \((.+?)×(.+?) px\): use a smaller tile size or a larger "
     r"area\.",
     "Tile size {0}×{1} px is larger than the raster ({2}×{3} px): use a smaller tile size or a larger area."),
    (r"No tiles produced: (.+?) tile positions, (.+?) skipped for nodata, none left after labelling\. Check the "
     r"nodata areas of the inputs and the tile size\.",
     "No tiles produced: {0} tile positions, {1} skipped for nodata, none left after labelling. Check the nodata "
     "areas of the inputs and the tile size."),
    (r"No tiles produced: (.+?) tile positions, (.+?) skipped for nodata\. Check the nodata areas of the inputs and "
     r"the tile size\.",
     "No tiles produced: {0} tile positions, {1} skipped for nodata. Check the nodata areas of the inputs and the "
     "tile size."),
    (r"Stride must be at least (.+?) pixel \(got (.+?)\)\.", "Stride must be at least {0} pixel (got {1})."),
    (r"Minimum positive fraction must lie between 0 and 1 \(got (.+?)\)\.",
     "Minimum positive fraction must lie between 0 and 1 (got {0})."),
    (r"Negative ratio must be positive \(got (.+?)\)\.", "Negative ratio must be positive (got {0})."),
    (None, "Label buffer and keep-out distance must not be negative."),
    (r"Block size must be at least one tile \(got (.+?)\)\.", "Block size must be at least one tile (got {0})."),
    (None, "The stack has no valid pixel (every pixel is nodata in at least one channel)."),
    (r"None of the (.+?) bodies of the label layer '(.+?)' meets a tile of the raster: check that the layer covers "
     r"the raster area \(and its CRS\)\.",
     "None of the {0} bodies of the label layer '{1}' meets a tile of the raster: check that the layer covers the "
     "raster area (and its CRS)."),
    (r"(.+?): the channel record lists (.+?) channels for (.+?) channel names\.",
     "{0}: the channel record lists {1} channels for {2} channel names."),
    (r"Cannot save a model of unknown architecture '(.+?)'\.", "Cannot save a model of unknown architecture '{0}'."),
    (r"(.+?): malformed model description \(the (.+?) section is not a mapping\)\.",
     "{0}: malformed model description (the {1} section is not a mapping)."),
    (r"(.+?): (.+?) is not a list of numbers\.", "{0}: {1} is not a list of numbers."),
    (r"(.+?): the model cannot be rebuilt: (.+)", "{0}: the model cannot be rebuilt: {1}"),
    (r"(.+?): (.+?) has (.+?) values for (.+?) channels\.", "{0}: {1} has {2} values for {3} channels."),
    (r"(.+?): the graph \(adjacency or edge_index\) is missing\.",
     "{0}: the graph (adjacency or edge_index) is missing."),
    (None, "The node-level model needs at least three spectral channels with wavelengths."),
    (r"Graph data sets cannot be read: the graph tiling module is missing \((.+?)\)\.",
     "Graph data sets cannot be read: the graph tiling module is missing ({0})."),
    (r"Graph data set not found: (.+)", "Graph data set not found: {0}"),
    (r"Unknown architecture '(.+?)'; choose one of (.+?)\.", "Unknown architecture '{0}'; choose one of {1}."),
    (r"Unknown architecture '(.+?)'\.", "Unknown architecture '{0}'."),
    (r"Unknown training setting\(s\): (.+?)\.", "Unknown training setting(s): {0}."),
    (None, "monitor must be 'val_loss' or 'val_f1'."),
    (r"final_fit must be one of (.+), not (.+)\.", "final_fit must be one of {0}, not {1}."),
    (None, "At least one epoch is needed."),
    (None, "Batch size, learning rate and hidden size must be positive."),
    (r"Unknown split guard '(.+?)'; use 'touch', 'overlap' or 'none'\.",
     "Unknown split guard '{0}'; use 'touch', 'overlap' or 'none'."),
    (None, "The block ids and the labels differ in length."),
    (None, "The validation fraction must be between 0 and 1."),
    (None, "At least two labelled tiles are needed to split into training and validation."),
    (None, "All labelled tiles are in one spatial block: they cannot be split without leakage."),
    (r"Tiles must have shape \[tiles, nodes, channels\]; got (.+?)\.",
     "Tiles must have shape [tiles, nodes, channels]; got {0}."),
    (None, "No tiles given (x or x_normalised)."),
    (None, "The tiles contain NaN or infinite values after normalisation; fill or mask no-data first."),
    (None, "Labels y are missing or do not match the number of tiles."),
    (r"(.+?) nodes per tile is not a (.+?)×(.+?) tile\.", "{0} nodes per tile is not a {1}×{2} tile."),
    (r"edge_index must have shape \[2, E\]; got (.+?)\.", "edge_index must have shape [2, E]; got {0}."),
    (None, "edge_index refers to nodes outside the tile."),
    (None, "Spatial blocks are needed for a leak-free split: give block ids or tile rows/cols."),
    (None, "Block ids do not match the number of tiles."),
    (r"Channel names/wavelengths list (.+?)/(.+?) entries for (.+?) channels\.",
     "Channel names/wavelengths list {0}/{1} entries for {2} channels."),
    (r"Node labels have shape (.+?), expected \((.+?), (.+?)\)\.", "Node labels have shape {0}, expected ({1}, {2})."),
    (r"Unknown class weighting '(.+?)'; use 'balanced' or two numbers\.",
     "Unknown class weighting '{0}'; use 'balanced' or two numbers."),
    (None, "Class weights must be two non-negative numbers."),
    (None, "The training or validation set is empty."),
    (None, "Unlabelled tiles (label -1) cannot be used for training or validation."),
    (None, "The training set has only one class; label more mineralised or barren tiles."),
    (None, "The node-level model needs pixel labels: rebuild the graph data set with this version of Build graph "
           "data set (it records them with the tile labels)."),
    (None, "Gradient boosting per pixel needs pixel labels: rebuild the graph data set with this version of Build "
           "graph data set (it records them with the tile labels)."),
    (None, "Gradient boosting needs labelled pixels of both classes in the training tiles: add known bodies or "
           "ground away from them."),
    (None, "The grid search needs at least one hidden size and one learning rate."),
    (r"The model has no channel named (.+?) \(its channels: (.+?)\)\.",
     "The model has no channel named {0} (its channels: {1})."),
    (r"The model uses the mineral-probability channel '(.+?)' \((.+?)\): give the mineral map of this area for it "
     r"\((channel_rasters=\{.+?\}|.+?), one band on the grid of the raster to map, made the same way as for "
     r"training\)\.",
     "The model uses the mineral-probability channel '{0}' ({1}): give the mineral map of this area for it ({2}, "
     "one band on the grid of the raster to map, made the same way as for training)."),
    (r"The model uses the mineral-probability channel '(.+?)': give the mineral map of this area for it "
     r"\((channel_rasters=\{.+?\}|.+?), one band on the grid of the raster to map, made the same way as for "
     r"training\)\.",
     "The model uses the mineral-probability channel '{0}': give the mineral map of this area for it ({1}, one band "
     "on the grid of the raster to map, made the same way as for training)."),
    (r"The model uses channels this version cannot rebuild on a new area: (.+?)\. Give a raster for it "
     r"\(channel_rasters, by channel name\) on the grid of the raster to map\.",
     "The model uses channels this version cannot rebuild on a new area: {0}. Give a raster for it "
     "(channel_rasters, by channel name) on the grid of the raster to map."),
    (r"(?P<msg0>.+?) cannot provide (.+?) of the model's spectral channels \(no band within tolerance of (.+?) nm; "
     r"its bands span (.+?)–(.+?) nm\)\. Use imagery from a sensor that covers the model's wavelengths, or train a "
     r"model on this sensor\.",
     "{0} cannot provide {1} of the model's spectral channels (no band within tolerance of {2} nm; its bands span "
     "{3}–{4} nm). Use imagery from a sensor that covers the model's wavelengths, or train a model on this sensor."),
    (None, "The stride must be at least one pixel."),
    (r"The raster \((.+?)×(.+?) px\) is smaller than one (.+?)×(.+?) tile\.",
     "The raster ({0}×{1} px) is smaller than one {2}×{3} tile."),
    (r"The model uses the channel '(.+?)': give the (?P<msg0>.+?) layer\.",
     "The model uses the channel '{0}': give the {1} layer."),
    (r"No tile could be scored: every (.+?)×(.+?) tile at stride (.+?) px of the (.+?)×(.+?) px raster touches "
     r"nodata \((.+?) skipped\)\. Use a smaller stride or a raster with more valid pixels\.",
     "No tile could be scored: every {0}×{1} tile at stride {2} px of the {3}×{4} px raster touches nodata ({5} "
     "skipped). Use a smaller stride or a raster with more valid pixels."),
    (None, "Choose either a probability threshold or a top share of the area for the targets."),
    (r"The top share of the area must lie in \(0, 1\]; got (.+?)\.",
     "The top share of the area must lie in (0, 1]; got {0}."),
    (r"Connectivity must be 4 or 8; got (.+?)\.", "Connectivity must be 4 or 8; got {0}."),
    (None, "The minimum target area cannot be negative."),
    (r"Targets are written as a GeoPackage; give a \.gpkg file name instead of '(.+?)'\.",
     "Targets are written as a GeoPackage; give a .gpkg file name instead of '{0}'."),
    (r"The known-deposit layer '(.+?)' has no features with a geometry\.",
     "The known-deposit layer '{0}' has no features with a geometry."),
    (r"'(.+?)' has no valid pixels \(all nodata\)\.", "'{0}' has no valid pixels (all nodata)."),
    (r"None of the fertile statuses \((.+?)\) occurs in the field '(.+?)'; its values are: (.+?)\.",
     "None of the fertile statuses ({0}) occurs in the field '{1}'; its values are: {2}."),
    (r"A status cannot be both fertile and barren: (.+?)\.", "A status cannot be both fertile and barren: {0}."),
    (r"Area shares must lie in \(0, 1\]; got (.+?)\.", "Area shares must lie in (0, 1]; got {0}."),
    (None, "The background buffer cannot be negative."),
    (r"The deposit layer '(.+?)' has no features with a geometry\.",
     "The deposit layer '{0}' has no features with a geometry."),
    (r"Endmember table (.+?) not found; regenerate it with `python scripts/derive_endmembers\.py`\.",
     "Endmember table {0} not found; regenerate it with `python scripts/derive_endmembers.py`."),
    (r"(.+?): expected columns band,center_nm,fwhm_nm,<endmembers\.\.\.>",
     "{0}: expected columns band,center_nm,fwhm_nm,<endmembers...>"),
    (r"Sample area too small \((.+?)×(.+?) px\); use at least 20×20\.",
     "Sample area too small ({0}×{1} px); use at least 20×20."),
    (r"Sample area too large \((.+?)×(.+?) px\): the generator holds the scene in memory and is meant for up to "
     r"about (.+?)×(.+?) px\.",
     "Sample area too large ({0}×{1} px): the generator holds the scene in memory and is meant for up to about "
     "{2}×{3} px."),
    (r"EPSG:(.+?) is not a projected CRS; the sample area needs metres\.",
     "EPSG:{0} is not a projected CRS; the sample area needs metres."),
    (r"The output folder '(.+?)' is an existing file, not a folder\.",
     "The output folder '{0}' is an existing file, not a folder."),
    (r"unknown mineral\(s\) for probability bands: (.+?); the model knows (.+)",
     "unknown mineral(s) for probability bands: {0}; the model knows {1}"),
    (r"the mineral map is written as GeoTIFF: give a \.tif output, not '(.+?)'",
     "the mineral map is written as GeoTIFF: give a .tif output, not '{0}'"),
    (r"the raster's bands \((.+?)–(.+?) nm\) cover fewer than (.+?) samples of the model's 400–2500 nm range",
     "the raster's bands ({0}–{1} nm) cover fewer than {2} samples of the model's 400–2500 nm range"),
    (r"(.+?): class list does not match the network's output size",
     "{0}: class list does not match the network's output size"),
    (r"(.+?): the class list is not a list of mineral names\.", "{0}: the class list is not a list of mineral names."),
    (r"(.+?): architecture settings do not fit (.+?) \((.+?)\)", "{0}: architecture settings do not fit {1} ({2})"),
    (r"(.+?): reference spectra not found \(run scripts/train_geospectra\.py\)",
     "{0}: reference spectra not found (run scripts/train_geospectra.py)"),
    (r"(.+?): not a GeoSpectra reference file", "{0}: not a GeoSpectra reference file"),
    (r"(.+?) wavelengths but (.+?) values", "{0} wavelengths but {1} values"),
    (r"Cannot reach the Dask scheduler at '(.+?)': (.+)", "Cannot reach the Dask scheduler at '{0}': {1}"),
    (None, "A local cluster needs at least one worker."),
    (r"The mosaic '(.+?)' does not exist\.", "The mosaic '{0}' does not exist."),
    (r"The folder '(.+?)' holds no scenes \((.+?)\)\.", "The folder '{0}' holds no scenes ({1})."),
    (r"The scenes of a mosaic must agree in (?P<msg0>.+?): '(.+?)' differs from '(.+?)'\.",
     "The scenes of a mosaic must agree in {0}: '{1}' differs from '{2}'."),
    (r"The scenes of a mosaic must share one CRS: '(.+?)' differs from '(.+?)' \(reproject it first\)\.",
     "The scenes of a mosaic must share one CRS: '{0}' differs from '{1}' (reproject it first)."),
    (r"(.+?): the (?P<msg0>.+?) has no '(.+?)'\.", "{0}: the {1} has no '{2}'."),
    (r"(.+?): '(.+?)' in the (?P<msg0>.+?) is malformed \('(.+?)'\)\.", "{0}: '{1}' in the {2} is malformed ('{3}')."),
    (r"(.+?): unknown architecture '(.+?)'\.", "{0}: unknown architecture '{1}'."),
    (r"(.+?): malformed model description \(the architecture configuration is not a mapping\)\.",
     "{0}: malformed model description (the architecture configuration is not a mapping)."),
    (r"(.+?): implausible (?P<msg0>.+?): (.+?) = '(.+?)' \(whole numbers up to (.+?)\)\.",
     "{0}: implausible {1}: {2} = '{3}' (whole numbers up to {4})."),
    (r"(.+?) is not a (?P<msg0>.+?) \(it has no 'hyperprospect' description\)\.",
     "{0} is not a {1} (it has no 'hyperprospect' description)."),
    (r"The description in (.+?) is not valid JSON \((.+?)\)\.", "The description in {0} is not valid JSON ({1})."),
    (r"(.+?) is not a (?P<msg0>.+?) \(its description has format '(.+?)'\)\.",
     "{0} is not a {1} (its description has format '{2}')."),
    (r"(.+?): the (?P<msg0>.+?) has a malformed format version\.", "{0}: the {1} has a malformed format version."),
    (r"(.+?) was written by a newer HyperProspect \((?P<msg0>.+?) format (.+?), this version reads up to (.+?)\); "
     r"update the plugin\.",
     "{0} was written by a newer HyperProspect ({1} format {2}, this version reads up to {3}); update the plugin."),
    (r"(?P<msg0>.+?) not found: (.+?) \(no such file\)\.", "{0} not found: {1} (no such file)."),
    (r"(.+?) is a pickle-based PyTorch checkpoint \(torch\.save\)\. HyperProspect refuses to load pickles because "
     r"loading one can run arbitrary code\. (?P<msg0>.+)",
     "{0} is a pickle-based PyTorch checkpoint (torch.save). HyperProspect refuses to load pickles because loading "
     "one can run arbitrary code. {1}"),
    (r"(.+?) is not a (?P<msg0>.+?) \(too short\)\.", "{0} is not a {1} (too short)."),
    (r"(.+?) is not a (?P<msg0>.+?) \(not a safetensors container\)\.",
     "{0} is not a {1} (not a safetensors container)."),
    (r"(.+?) is not a (?P<msg0>.+?) \(corrupt safetensors header: (.+?)\)\.",
     "{0} is not a {1} (corrupt safetensors header: {2})."),
    (r"(.+?) is not a (?P<msg0>.+?) \(corrupt safetensors header\)\.",
     "{0} is not a {1} (corrupt safetensors header)."),
    (r"(.+?) is not a (?P<msg0>.+?) \(unreadable safetensors data: (.+?)\)\.",
     "{0} is not a {1} (unreadable safetensors data: {2})."),
    (r"(.+?): the arrays do not match the (?P<msg0>.+?) \(missing (.+?), unexpected (.+?)\)\.",
     "{0}: the arrays do not match the {1} (missing {2}, unexpected {3})."),
    (r"(.+?): tensor (.+?) has shape (.+?) (.+?), expected any shape (.+?)\.",
     "{0}: tensor {1} has shape {2} {3}, expected any shape {4}."),
    (r"(.+?): tensor (.+?) has shape (.+?) (.+?), expected (.+?) (.+?)\.",
     "{0}: tensor {1} has shape {2} {3}, expected {4} {5}."),
    (r"Cannot read (.+?): (.+)", "Cannot read {0}: {1}"),
    (r"(.+?) is not a HyperProspect graph data set \((.+?)\)\.", "{0} is not a HyperProspect graph data set ({1})."),
    (r"Unknown device '(.+?)': use auto, cpu, cuda or cuda:N\. Available: (.+?)\.",
     "Unknown device '{0}': use auto, cpu, cuda or cuda:N. Available: {1}."),
    (r"Device '(.+?)' asked for, but torch (.+?) sees no CUDA GPU here \(available: (.+?)\)\. Use --device cpu or "
     r"auto\.",
     "Device '{0}' asked for, but torch {1} sees no CUDA GPU here (available: {2}). Use --device cpu or auto."),
    (r"Device '(.+?)' asked for, but there are only (.+?) GPU\(s\): (.+?)\.",
     "Device '{0}' asked for, but there are only {1} GPU(s): {2}."),
    (r"The environment variable (.+?)='(.+?)' is not a whole number \(torchrun sets WORLD_SIZE, RANK and "
     r"LOCAL_RANK\)\.",
     "The environment variable {0}='{1}' is not a whole number (torchrun sets WORLD_SIZE, RANK and LOCAL_RANK)."),
    (r"RANK=(.+?) / LOCAL_RANK=(.+?) do not fit WORLD_SIZE=(.+?) / LOCAL_WORLD_SIZE=(.+?)\.",
     "RANK={0} / LOCAL_RANK={1} do not fit WORLD_SIZE={2} / LOCAL_WORLD_SIZE={3}."),
    (r"Rank (.+?) wants GPU cuda:(.+?), but this node has (.+?): start at most that many processes per node\.",
     "Rank {0} wants GPU cuda:{1}, but this node has {2}: start at most that many processes per node."),
    (None, "HP_DIST_TIMEOUT_S must be a number of seconds."),
    (None, "HP_DIST_TIMEOUT_S must be positive."),
    (r"Not a valid worker job name: (.+)", "Not a valid worker job name: {0}"),
    (None, "No Python interpreter found to run the worker process."),
    (r"The worker process stopped unexpectedly \(exit status (.+?)\)\. QGIS is unaffected\. Last "
     r"messages:\n([\s\S]*)",
     "The worker process stopped unexpectedly (exit status {0}). QGIS is unaffected. Last messages:\n{1}"),
    (r"The worker process failed: ([\s\S]*)", "The worker process failed: {0}"),
    (r"Missing Python package\(s\) for (?P<msg0>.+?): (.+?)\. (?P<msg1>.+?)\.",
     "Missing Python package(s) for {0}: {1}. {2}."),
    (r"Missing Python package\(s\): (.+?)\. (?P<msg0>.+?)\.", "Missing Python package(s): {0}. {1}."),
    # -- message parts (msgN groups) ------------------------------------------------------------------------------
    (None, "a JPEG image"), (None, "a PNG image"), (None, "a GIF image"), (None, "a PDF document"),
    (None, "a ZIP archive (extract it first)"), (None, "a gzip archive (extract it first)"),
    (None, "a TIFF image (open it as a raster layer)"), (None, "an XML document"), (None, "no file type"),
    (None, "nothing"),  # the covered range of a spectrum with no sample on the model grid
    (r"(\S+)–(\S+) nm", "{0}–{1} nm"),
    (r"(\S+)–(\S+) nm with (\d+) gap", "{0}–{1} nm with {2} gap"),
    (r"(\S+)–(\S+) nm with (\d+) gaps", "{0}–{1} nm with {2} gaps"),
    (None, "featureless"),  # the likeness of a spectrum the model finds no mineral in
    (None, "spectrum"), (None, "reference spectrum"),  # ASD blocks
    (None, "the ASD spectrum"), (None, "the reflectance column"), (None, "the target column"),
    (None, "the value column"), (r"column (.*)", "column {0}"),  # columns of values
    (None, "radiance"), (None, "irradiance"), (None, "DN"), (None, "absorbance"), (None, "emissivity"),
    (None, "transmittance"),  # quantities that are not reflectance
    (None, "Enhanced GCN"), (None, "Node GCN (pixels)"), (None, "window"),  # models, cluster work items
    (None, "mineralised"), (None, "barren"), (None, "geology"),  # classes of a graph data set, geology channels
    (None, "fertile"), (None, "other"), (None, "background"),  # roles of deposit statuses, pixels outside bodies
    (None, "nodata"), (None, "no diagnostic feature"), (None, "green vegetation"),  # the mineral map's other classes
    (r"Layer '(.+)' of '(.+)'", "Layer '{0}' of '{1}'"),  # a vector layer (distance rasters)
    # where a raster's wavelengths come from (models/raster/wavelengths.py)
    (None, "GDAL band metadata"), (None, "GDAL IMAGERY metadata"), (None, "user wavelength list"),
    (None, "ENVI header"), (None, "dataset metadata"),
    (r"ENVI header of '(.+)'", "ENVI header of '{0}'"), (r"dataset metadata of '(.+)'", "dataset metadata of '{0}'"),
    (r"ENVI header '(.+)'", "ENVI header '{0}'"), (r"sensor preset '(.+)'", "sensor preset '{0}'"),
    (r"band table '(.+)'", "band table '{0}'"),
    # message parts of the errors above: names of rasters and layers, geometry types, file kinds, purposes
    (r"Install them with Plugins ▸ HyperProspect ▸ Python dependencies…, or run: python -m pip install (.+?) "
     r"--extra-index-url (\S+)",
     "Install them with Plugins ▸ HyperProspect ▸ Python dependencies…, or run: python -m pip install {0} "
     "--extra-index-url {1}"),
    (r"Install them with Plugins ▸ HyperProspect ▸ Python dependencies…, or run: python -m pip install (.+)",
     "Install them with Plugins ▸ HyperProspect ▸ Python dependencies…, or run: python -m pip install {0}"),
    (r"writing (.+)", "writing {0}"),
    (None, "distance rasters"),
    (None, "exploration targets"),
    (None, "mosaic work on a Dask cluster"),
    (None, "HyperProspect model file"),
    (None, "HyperProspect graph data set"),
    (None, "GeoSpectra model"),
    (None, "Use a HyperProspect model file (.hpm, safetensors with JSON metadata) written by the Train GCN "
           "algorithm."),
    (None, "Use a graph data set written by the Build graph data set algorithm."),
    (None, "GeoSpectra models are .safetensors files written by `make train-geospectra`."),
    (None, "architecture sizes"),
    (None, "architecture settings"),
    (None, "graph data set contract"),
    (r"(\S+) network", "{0} network"),
    (r"(\S+) architecture", "{0} architecture"),
    (r"The reference raster '(.+?)'", "The reference raster '{0}'"),
    (None, "The reference raster"),
    (None, "The raster to map"),
    (r"The raster '(.+?)'", "The raster '{0}'"),
    (None, "The raster"),
    (None, "The probability raster"),
    (r"Raster '(.+?)'", "Raster '{0}'"),
    (None, "The deposit layer"),
    (None, "The known-deposit layer"),
    (r"layer '(.+?)' of '(.+?)'", "layer '{0}' of '{1}'"),
    (r"Feature (\S+) of (?P<msg0>.+)", "Feature {0} of {1}"),
    (None, "points"),
    (None, "lines"),
    (None, "polygons"),
    (r"(.+?) geometries", "{0} geometries"),
    (None, "Wavelength table"),
    (r"a projected CRS such as WGS 84 / UTM zone (\S+) \(EPSG:(\S+)\)",
     "a projected CRS such as WGS 84 / UTM zone {0} (EPSG:{1})"),
    (None, "a projected CRS such as UTM"),
    (None, "pluton"),
    (None, "fault"),
    (r"(?P<msg0>.+?) is (.+?)×(.+?) pixels but (?P<msg1>.+?) is (.+?)×(.+)",
     "{0} is {1}×{2} pixels but {3} is {4}×{5}"),
    (r"(?P<msg0>.+?) is in CRS (.+?) but (?P<msg1>.+?) is in (.+)", "{0} is in CRS {1} but {2} is in {3}"),
    (r"their geotransform origins differ: \((.+?), (.+?)\) vs \((.+?), (.+?)\)",
     "their geotransform origins differ: ({0}, {1}) vs ({2}, {3})"),
    (r"their pixel sizes/rotations differ: (.+?)×(.+?) vs (.+?)×(.+)",
     "their pixel sizes/rotations differ: {0}×{1} vs {2}×{3}"),
    (None, "the first raster"),
    (None, "the second raster"),
    (None, "the probability raster"),
    (None, "the uncertainty raster"),
    (None, "Resample one onto the other (e.g. Raster ▸ Projections ▸ Warp with the other as the target extent and "
           "resolution)."),
    (None, "Compute the geology rasters on the grid of the hyperspectral raster (or resample) before stacking."),
    (None, "band count"),
    (None, "pixel size"),
    (None, "rotation"),
    (None, "band wavelengths"),
    (None, "data type"),
)
_COMPILED = [(re.compile(re.escape(t) if p is None else p), t) for p, t in MESSAGE_PATTERNS]


def tr(text: str) -> str:
    return QCoreApplication.translate("HyperProspect", text)


def match(text: str):
    """(match, English template) of the first pattern matching all of ``text``, or None."""
    for pattern, template in _COMPILED:
        m = pattern.fullmatch(text)
        if m:
            return m, template
    return None


def mineral_names(text: str) -> str:
    """"beryl/spodumene" in the user's language (the mineral names are the GeoSpectra classes, capitalised);
    also the mineral map's "no diagnostic feature" and "nodata" classes.  The identification notes, the mineral
    map's log and its legend (.qml) name minerals through this, with the dock's names (i18n/zh_CN.minerals.json)."""
    names = []
    for name in text.split("/"):
        translated = tr(name.capitalize())
        names.append(translated if translated != name.capitalize() else translate_message(name))
    return "/".join(names)


def _group(name: Optional[str], value: Optional[str]) -> str:
    if value is None:
        return ""
    if name and name.startswith("msg"):
        return translate_message(value)
    if name and name.startswith("min"):
        return mineral_names(value)
    if name and name.startswith("lst"):
        return tr("; ").join(translate_message(part) for part in value.split("; "))
    return value


def left_out_text(entry) -> str:
    """"table.csv: left out 1 record that is not a spectrum — sample_std: the spread of the values …" in the
    user's language, for a loaded file (``models.spectra.LoadEntry``) whose reader set records aside."""
    parts = []
    for reason, records in entry.left_out_by_reason():
        more = tr(" (and {0} more)").format(len(records) - 3) if len(records) > 3 else ""
        parts.append(tr(", ").join(records[:3]) + more + tr(": ") + translate_message(reason))
    n = len(entry.left_out)
    head = tr("left out 1 record that is not a spectrum") if n == 1 else \
        tr("left out {0} records that are not spectra").format(n)
    return f"{Path(entry.path).name}{tr(': ')}{head} — {tr('; ').join(parts)}"


def translate_message(text: str) -> str:
    """The message in the user's language when a pattern knows it; else unchanged (a "file: reason" prefix
    is kept)."""
    if not text:
        return text
    found = match(text)
    if found:
        m, template = found
        names = {index: name for name, index in m.re.groupindex.items()}
        groups = [_group(names.get(i), v) for i, v in enumerate(m.groups(), start=1)]
        return tr(template).format(*groups)
    head, sep, rest = text.partition(": ")
    if sep and "/" not in head and " " not in head.strip() and rest:  # "companion.hdr: reason"
        translated = translate_message(rest)
        if translated != rest:
            return f"{head}: {translated}"
    return text
