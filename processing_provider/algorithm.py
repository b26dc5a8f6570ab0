"""Base class shared by every HyperProspect algorithm.

Subclasses declare class attributes (``NAME``, ``DISPLAY_NAME``, ``GROUP``,
``SHORT_HELP``, ``HELP_PARAMETERS``, ``HELP_ANCHOR``, ``TAGS``, ``REQUIRES``) and
parameter-name constants (``INPUT = "INPUT"``) used by ``initAlgorithm``,
``execute`` and ``HELP_PARAMETERS``, and implement ``initAlgorithm`` and
``execute``; this class provides the QGIS boilerplate, parameter helpers
(expert parameters flagged advanced, numbers shown with sensible decimals),
the help text (labelled with each parameter's own description), dependency
checks, and the bridge from ``QgsProcessingFeedback`` to ``models.progress.Progress``.
"""
from __future__ import annotations

import html
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from qgis.core import (
    QgsProcessing,
    QgsProcessingUtils,
    QgsProviderRegistry,
    QgsVectorFileWriter,
    QgsProcessingAlgorithm,
    QgsProcessingParameterDefinition,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
    QgsRasterLayer,
)
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ..models.errors import CancelledError, HyperProspectError, MissingDependencyError
from ..models.progress import Progress
from ..models import dependencies
from .messages import translate_message

PLUGIN_ROOT = Path(__file__).resolve().parents[1]
ICON = PLUGIN_ROOT / "resources" / "icons" / "hyperprospect.svg"


def _homepage() -> str:
    """The project page of metadata.txt (the README is its front page)."""
    for line in (PLUGIN_ROOT / "metadata.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("homepage="):
            return line.split("=", 1)[1].strip().rstrip("/")
    return ""


HOMEPAGE = _homepage()

# group id -> display name
GROUPS = {
    "prepare": "1 · Prepare inputs",
    "graphs": "2 · Graph data set",
    "model": "3 · Train and evaluate",
    "predict": "4 · Predict",
    "spectra": "Spectra",
    "tools": "Tools",
}


class HyperProspectAlgorithm(QgsProcessingAlgorithm):
    NAME = ""
    DISPLAY_NAME = ""
    GROUP = "tools"
    SHORT_HELP = ""
    # (parameter name, explanation) pairs rendered into the help panel under the parameter's description
    HELP_PARAMETERS: Sequence[Tuple[str, str]] = ()
    # the README section (GitHub anchor) that documents the algorithm, and search words for the toolbox
    HELP_ANCHOR = "using-it-in-qgis"
    TAGS: Sequence[str] = ()
    # import names (keys of models.dependencies.DEPENDENCIES) that must be installed; checked before running
    REQUIRES: Sequence[str] = ()

    # -- identity ------------------------------------------------------------------
    def tr(self, text: str) -> str:
        return QCoreApplication.translate("HyperProspect", text)

    def name(self) -> str:
        return self.NAME

    def displayName(self) -> str:  # noqa: N802
        return self.tr(self.DISPLAY_NAME)

    def group(self) -> str:
        return self.tr(GROUPS[self.GROUP])

    def groupId(self) -> str:  # noqa: N802
        return self.GROUP

    def icon(self) -> QIcon:
        return QIcon(str(ICON))

    def createInstance(self):  # noqa: N802
        return type(self)()

    def helpUrl(self) -> str:  # noqa: N802
        return f"{HOMEPAGE}#{self.HELP_ANCHOR}" if HOMEPAGE else ""

    def tags(self) -> List[str]:
        return list(self.TAGS) + ["hyperprospect"]  # search words, as typed in the toolbox

    def help_label(self, name: str) -> str:
        """The label a parameter has in the dialog (its description), for the help text."""
        definition = self.parameterDefinition(name)
        return definition.description() if definition is not None else name

    def shortHelpString(self) -> str:  # noqa: N802
        parts = [f"<p>{self.tr(self.SHORT_HELP)}</p>"]
        if self.HELP_PARAMETERS:
            parts.append(f"<h3>{self.tr('Parameters')}</h3><dl>")
            for pname, text in self.HELP_PARAMETERS:
                parts.append(f"<dt><b>{html.escape(self.help_label(pname))}</b></dt><dd>{self.tr(text)}</dd>")
            parts.append("</dl>")
        if self.REQUIRES:
            needs = ", ".join(dependencies.REQUIRED_MODULES.get(m, m) for m in self.REQUIRES)
            parts.append("<p><i>" + self.tr("Needs: {0}").format(needs) + "</i></p>")
        return "".join(parts)

    def shortDescription(self) -> str:  # noqa: N802
        """The help's first sentence, in the user's language (the toolbox shows it as the tooltip)."""
        text = self.tr(self.SHORT_HELP)
        return text.split("。")[0] + "。" if "。" in text else text.split(". ")[0]

    # -- dependency checks -------------------------------------------------------------
    def missing_requirements(self):
        return dependencies.missing_modules(self.REQUIRES)

    def checkParameterValues(self, parameters, context):  # noqa: N802
        missing = self.missing_requirements()
        if missing:
            return False, translate_message(str(MissingDependencyError(missing, self.displayName())))
        return super().checkParameterValues(parameters, context)

    # -- parameter helpers -----------------------------------------------------------
    # Each adds the parameter and returns it; ``advanced`` hides it under "Advanced parameters".
    def add(self, p, advanced: bool = False):
        if advanced:
            p.setFlags(p.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        self.addParameter(p)
        return p

    def add_raster(self, name: str, description: str, optional: bool = False, advanced: bool = False):
        return self.add(QgsProcessingParameterRasterLayer(name, self.tr(description), optional=optional), advanced)

    def add_vector(self, name: str, description: str, types: Iterable[int] = (QgsProcessing.TypeVectorAnyGeometry,),
                   optional: bool = False, advanced: bool = False):
        return self.add(QgsProcessingParameterVectorLayer(name, self.tr(description), list(types), optional=optional),
                        advanced)

    def add_number(self, name: str, description: str, default: float, minimum: Optional[float] = None,
                   maximum: Optional[float] = None, integer: bool = False, optional: bool = False,
                   advanced: bool = False, decimals: Optional[int] = None):
        """A number; a decimal one shows ``decimals`` digits (default: as many as its default value has),
        not QGIS's six ("1.700000")."""
        kind = QgsProcessingParameterNumber.Integer if integer else QgsProcessingParameterNumber.Double
        p = QgsProcessingParameterNumber(name, self.tr(description), kind, default, optional)
        if minimum is not None:
            p.setMinimum(minimum)
        if maximum is not None:
            p.setMaximum(maximum)
        if not integer:
            digits = decimals if decimals is not None else _decimals(default)
            p.setMetadata({"widget_wrapper": {"decimals": digits}})
        return self.add(p, advanced)

    def add_enum(self, name: str, description: str, options: Sequence[str], default: int = 0,
                 advanced: bool = False):
        return self.add(QgsProcessingParameterEnum(name, self.tr(description), [self.tr(o) for o in options],
                                                   defaultValue=default), advanced)

    def add_bool(self, name: str, description: str, default: bool, advanced: bool = False):
        return self.add(QgsProcessingParameterBoolean(name, self.tr(description), default), advanced)

    def add_string(self, name: str, description: str, default: str = "", optional: bool = False,
                   advanced: bool = False):
        return self.add(QgsProcessingParameterString(name, self.tr(description), default, optional=optional),
                        advanced)

    def add_file(self, name: str, description: str, extension: str = "", optional: bool = False, folder: bool = False,
                 advanced: bool = False):
        behavior = QgsProcessingParameterFile.Folder if folder else QgsProcessingParameterFile.File
        return self.add(QgsProcessingParameterFile(name, self.tr(description), behavior, extension,
                                                   optional=optional), advanced)

    def add_raster_out(self, name: str, description: str):
        return self.add(QgsProcessingParameterRasterDestination(name, self.tr(description)))

    def add_file_out(self, name: str, description: str, file_filter: str, optional: bool = False):
        return self.add(QgsProcessingParameterFileDestination(name, self.tr(description), file_filter,
                                                              optional=optional))

    def add_folder_out(self, name: str, description: str, optional: bool = False):
        return self.add(QgsProcessingParameterFolderDestination(name, self.tr(description), optional=optional))

    # -- layers as files the compute layer can open -------------------------------
    @staticmethod
    def keep_raster_output(path: str, context) -> str:
        """Put a written raster into the run's temporary layer store and return its path.

        A model looks up each child's raster output by path for the next child's expression context
        without a layer-type hint: QGIS then tries OGR first and logs "[OGR] Cannot open …/OUTPUT.tif".
        Found in the store, the layer is not loaded again (and the GUI reuses it when it opens the output).
        """
        layer = QgsRasterLayer(str(path), Path(path).stem, "gdal")
        if layer.isValid():
            context.temporaryLayerStore().addMapLayer(layer)
        return path

    def raster_path(self, parameters, name: str, context) -> str:
        """GDAL-openable path of a raster parameter (refuses non-GDAL layers clearly)."""
        layer = self.parameterAsRasterLayer(parameters, name, context)
        if layer is None:
            raise QgsProcessingException(self.tr("No raster layer given for {0}.").format(name))
        if layer.providerType() != "gdal":
            raise QgsProcessingException(
                self.tr("{0}: the layer '{1}' is served by '{2}', not a file GDAL can read; "
                        "save it as GeoTIFF first.").format(name, layer.name(), layer.providerType()))
        return layer.source()

    def vector_source(self, parameters, name: str, context, feedback) -> Tuple[str, Optional[str]]:
        """(path, layer name) OGR can open for a vector parameter.

        File-based OGR layers are used in place (sublayer and subset kept apart); anything
        else (memory layers, databases, filtered layers) is exported to a temporary
        GeoPackage first, so the compute layer only ever sees files.
        """
        layer = self.parameterAsVectorLayer(parameters, name, context)
        if layer is None:
            raise QgsProcessingException(self.tr("No vector layer given for {0}.").format(name))
        if layer.featureCount() == 0:
            raise QgsProcessingException(self.tr("The layer '{0}' ({1}) has no features.").format(layer.name(), name))
        if layer.providerType() == "ogr" and not layer.subsetString():
            parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
            path = parts.get("path")
            if path and Path(path).exists():
                return path, parts.get("layerName") or None
        tmp = QgsProcessingUtils.generateTempFilename(f"{name.lower()}.gpkg")
        options = QgsVectorFileWriter.SaveVectorOptions()
        options.driverName = "GPKG"
        err = QgsVectorFileWriter.writeAsVectorFormatV3(layer, tmp, context.transformContext(), options)
        if err[0] != QgsVectorFileWriter.NoError:
            raise QgsProcessingException(self.tr("Could not export '{0}': {1}").format(layer.name(), err[1]))
        return tmp, None

    # -- running -------------------------------------------------------------------
    @staticmethod
    def progress(feedback: Optional[QgsProcessingFeedback]) -> Progress:
        """A ``models`` Progress that reports into ``feedback`` and honours its cancel; its texts (the compute
        layer's English: steps, epochs) are shown in the user's language."""
        if feedback is None:
            return Progress()
        last = {"text": None}

        def report(percent: float, message: str) -> None:
            feedback.setProgress(percent)
            if message and message != last["text"]:
                last["text"] = message
                feedback.setProgressText(translate_message(message))

        return Progress(report, feedback.isCanceled)

    def processAlgorithm(self, parameters: Dict[str, Any], context, feedback) -> Dict[str, Any]:  # noqa: N802
        missing = self.missing_requirements()
        if missing:
            raise QgsProcessingException(translate_message(str(MissingDependencyError(missing, self.displayName()))))
        try:
            return self.execute(parameters, context, feedback)
        except CancelledError:
            raise QgsProcessingException(self.tr("Cancelled by the user; no output was written."))
        except HyperProspectError as exc:
            # The compute layer's messages are written for users: shown as they are, in the user's language
            # where a pattern knows them (processing_provider/messages.py)
            raise QgsProcessingException(translate_message(str(exc)))

    def execute(self, parameters: Dict[str, Any], context, feedback) -> Dict[str, Any]:
        raise NotImplementedError


def _decimals(value: float) -> int:
    """Decimals needed to show ``value`` as written (1.7 -> 1, 100.0 -> 0, 0.001 -> 3), at most six."""
    text = f"{float(value):.6f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def is_temporary(path: str) -> bool:
    """True for a path in QGIS's temporary processing folder (a "temporary output" the session deletes)."""
    try:
        return Path(path).resolve().is_relative_to(Path(QgsProcessingUtils.tempFolder()).resolve())
    except (OSError, ValueError):
        return False


def unused_path(path: Path) -> Path:
    """``path``, or ``name_2.ext``, ``name_3.ext`` … when it exists: a default never replaces a user's file."""
    candidate, n = Path(path), 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}_{n}{path.suffix}")
        n += 1
    return candidate
