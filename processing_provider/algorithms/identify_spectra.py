"""hyperprospect:identifyspectra — name the mineral of spectrometer files with GeoSpectra."""
from __future__ import annotations

from pathlib import Path

from qgis.core import (QgsCoordinateReferenceSystem, QgsFeature, QgsFeatureSink, QgsField, QgsFields, QgsGeometry,
                       QgsPointXY, QgsProcessing, QgsProcessingException, QgsProcessingOutputNumber,
                       QgsProcessingParameterFeatureSink, QgsProcessingParameterMultipleLayers, QgsWkbTypes)
from qgis.PyQt.QtCore import QVariant

from ...models.geospectra.jobs import spectrum_payload
from ...models.geospectra.results import NUMERIC, records_from, table_columns, table_row
from ...models.spectra import load_folder
from ...models.worker import run_in_worker
from ..algorithm import HyperProspectAlgorithm
from ..messages import left_out_text, translate_message

# the network's instrument codes (models.geospectra.network.INSTRUMENTS), in the order of the dialog's names
INSTRUMENTS = [None, "ASD", "BECK", "NIC4", "AVIRIS", "AHSI", "OTHER"]


class IdentifySpectra(HyperProspectAlgorithm):
    NAME = "identifyspectra"
    DISPLAY_NAME = "Identify minerals in spectra"
    GROUP = "spectra"
    REQUIRES = ("torch", "safetensors", "scipy", "pywt")
    SHORT_HELP = (
        "Reads spectrometer files (ASD FieldSpec, Spectra Vista .sig, Spectral Evolution .sed, ENVI spectral "
        "libraries, USGS/ECOSTRESS/RELAB ASCII, JCAMP-DX, CSV) and names the mineral of every spectrum with the "
        "GeoSpectra cross-instrument network shipped with the plugin. The output table has one row per spectrum: "
        "the file, the spectrum's name, the instrument, the top candidates with their probabilities, notes (low "
        "confidence, vegetation, partial wavelength coverage) and, where the file records a GPS fix, a point. "
        "Files that cannot be read get a row with the reason. The model knows a closed list of minerals: a "
        "spectrum of something else still gets the nearest names, flagged as low confidence. The log shows the "
        "reasons and notes in your language; the table keeps them in English, so that scripts can read it."
    )
    TAGS = ("spectra", "spectrometer", "mineral", "identification", "ASD", "SVC", "spectral library", "GeoSpectra",
            "spodumene", "beryl")
    # parameter names
    INPUT = "INPUT"
    FOLDER = "FOLDER"
    RECURSIVE = "RECURSIVE"
    TOP = "TOP"
    INSTRUMENT = "INSTRUMENT"
    MODEL = "MODEL"
    DEVICE = "DEVICE"
    OUTPUT = "OUTPUT"
    HELP_PARAMETERS = (
        (INPUT, "Any number of files; combine with a folder or use either."),
        (INSTRUMENT, "'From the file' uses the instrument the file names (ASD, Beckman, Nicolet, AVIRIS, "
                     "AHSI); choose one to override it for every spectrum."),
        (MODEL, "Empty = the shipped model. A GeoSpectra .safetensors file describes its own classes and grid."),
        (DEVICE, "Where the network runs: auto = a CUDA GPU when torch sees one, else the CPU; cpu; cuda or "
                 "cuda:N for a given GPU. The results are the same within float precision."),
    )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterMultipleLayers(
            self.INPUT, self.tr("Spectrometer files"), QgsProcessing.TypeFile, optional=True))
        self.add_file(self.FOLDER, "Folder of spectrometer files", optional=True, folder=True)
        self.add_bool(self.RECURSIVE, "Include sub-folders", True)
        self.add_number(self.TOP, "Candidates per spectrum", 5, 1, 20, integer=True)
        self.add_enum(self.INSTRUMENT, "Instrument",
                      ["From the file", "ASD FieldSpec (field or lab)", "Beckman spectrophotometer (USGS lab)",
                       "Nicolet FTIR (USGS lab)", "AVIRIS (airborne)", "ZY-1 02D AHSI (satellite)",
                       "Other instrument"], 0, advanced=True)
        self.add_file(self.MODEL, "GeoSpectra model (empty = shipped)", "safetensors", optional=True, advanced=True)
        self.add_string(self.DEVICE, "Device (auto, cpu, cuda or cuda:N)", "auto", advanced=True)
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Identified spectra"), QgsProcessing.TypeVectorPoint))
        self.addOutput(QgsProcessingOutputNumber("IDENTIFIED", self.tr("Spectra identified")))
        self.addOutput(QgsProcessingOutputNumber("FAILED", self.tr("Files or spectra not identified")))

    @staticmethod
    def fields(top: int) -> QgsFields:
        """The columns of ``models.geospectra.results`` (the CLI's JSON and the dock's CSV use the same)."""
        fields = QgsFields()
        for name in table_columns(top):
            if name in NUMERIC or name.startswith("prob_"):
                kind = QVariant.Double
            elif name == "diagnostic":
                kind = QVariant.Bool
            else:
                kind = QVariant.String
            fields.append(QgsField(name, kind))
        return fields

    def input_paths(self, parameters, context):
        """(files and folder to read, or None; the problem with them, or None)."""
        # an unset optional list can come back as [""], which would mean "the current folder"
        paths = [p for p in (self.parameterAsFileList(parameters, self.INPUT, context) or []) if p and p.strip()]
        folder = self.parameterAsFile(parameters, self.FOLDER, context)
        if folder and folder.strip():
            if not Path(folder).is_dir():
                return None, self.tr("The folder {0} does not exist.").format(folder)
            paths.append(folder)
        if not paths:
            return None, self.tr("Give spectrometer files, a folder, or both.")
        return paths, None

    def checkParameterValues(self, parameters, context):  # noqa: N802
        _, problem = self.input_paths(parameters, context)
        if problem:
            return False, problem
        return super().checkParameterValues(parameters, context)

    def execute(self, parameters, context, feedback):
        paths, problem = self.input_paths(parameters, context)
        if problem:  # checkParameterValues refuses this before a run; a direct call still gets the message
            raise QgsProcessingException(problem)
        top = self.parameterAsInt(parameters, self.TOP, context)
        instrument = INSTRUMENTS[self.parameterAsEnum(parameters, self.INSTRUMENT, context)]
        model = self.parameterAsFile(parameters, self.MODEL, context) or None
        device = (self.parameterAsString(parameters, self.DEVICE, context) or "auto").strip()
        progress = self.progress(feedback)

        spectra, report = load_folder(paths, recursive=self.parameterAsBool(parameters, self.RECURSIVE, context),
                                      progress=progress.span(0.0, 0.2))
        for entry in report.failed:
            feedback.reportError(f"{entry.path}: {translate_message(entry.reason)}", fatalError=False)
        if not spectra:
            raise QgsProcessingException(
                self.tr("No spectrum could be read from the given files ({0} failed).").format(len(report.failed)))
        feedback.pushInfo(self.tr("Spectra read: {0}, from {1} file(s)").format(
            len(spectra), len(report.entries) - len(report.failed)))
        for entry in report.loaded:
            if entry.left_out:
                feedback.pushInfo(left_out_text(entry))
        payload = [spectrum_payload(s, i, instrument) for i, s in enumerate(spectra)]
        results = run_in_worker("geospectra.jobs:identify_arrays", {"spectra": payload, "top": top, "model": model,
                                                                      "device": device},
                                progress.span(0.2, 1.0))

        # the sink is created only now: a cancelled or failed run leaves no output behind
        fields = self.fields(top)
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT, context, fields, QgsWkbTypes.Point,
                                          QgsCoordinateReferenceSystem("EPSG:4326"))
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        records = records_from(spectra, results, [(e.path, e.reason) for e in report.failed], top)
        self.log_results(records[:len(spectra)], feedback)  # the unreadable files were reported above
        identified = 0
        for record in records:
            f = QgsFeature(fields)
            for name, value in table_row(record, top).items():
                f[name] = value
            if record["latitude"] is not None:
                f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(record["longitude"], record["latitude"])))
            identified += bool(record["candidates"])
            sink.addFeature(f, QgsFeatureSink.FastInsert)
        failed = len(results) - identified + len(report.failed)
        feedback.pushInfo(self.tr("Spectra identified: {0}; files or spectra not identified: {1}").format(
            identified, failed))
        return {self.OUTPUT: dest, "IDENTIFIED": identified, "FAILED": failed}

    @staticmethod
    def log_results(records, feedback) -> None:
        """Each spectrum's error and caution notes in the user's language (the table keeps the English)."""
        for record in records:
            label = record["file"] if not record["name"] else f"{record['file']} ({record['name']})"
            if record["error"]:
                feedback.reportError(f"{label}: {translate_message(record['error'])}", fatalError=False)
            for note in record["notes"]:
                feedback.pushWarning(f"{label}: {translate_message(note)}")
