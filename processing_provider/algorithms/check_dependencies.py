"""hyperprospect:checkdependencies — report which Python packages are available."""
from __future__ import annotations

from qgis.core import QgsProcessingOutputString

from ...models import dependencies
from ..algorithm import HyperProspectAlgorithm


class CheckDependencies(HyperProspectAlgorithm):
    NAME = "checkdependencies"
    DISPLAY_NAME = "Check Python dependencies"
    GROUP = "tools"
    HELP_ANCHOR = "python-dependencies"
    TAGS = ("dependencies", "packages", "install", "pip", "torch")
    SHORT_HELP = (
        "Lists the Python packages HyperProspect needs and whether QGIS's Python can find them. "
        "Missing packages can be installed from the Plugins menu (HyperProspect ▸ Python dependencies…)."
    )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addOutput(QgsProcessingOutputString("MISSING", self.tr("Missing packages (comma separated)")))
        self.addOutput(QgsProcessingOutputString("REPORT", self.tr("Report")))

    def execute(self, parameters, context, feedback):
        missing = dependencies.missing_modules()
        lines = dependencies.report_lines()
        for line in lines:
            feedback.pushInfo(line)
        if missing:
            feedback.reportError(dependencies.describe_missing(missing) + " "
                                 + dependencies.install_hint(missing), fatalError=False)
        return {"MISSING": ",".join(missing), "REPORT": "\n".join(lines)}
