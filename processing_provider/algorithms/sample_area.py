"""hyperprospect:samplearea — generate the synthetic study area used by the demo and the tests."""
from __future__ import annotations

from qgis.core import QgsProcessingOutputFile, QgsProcessingOutputRasterLayer, QgsProcessingOutputVectorLayer

from ..algorithm import HyperProspectAlgorithm


class SampleArea(HyperProspectAlgorithm):
    NAME = "samplearea"
    DISPLAY_NAME = "Generate sample study area"
    GROUP = "tools"
    REQUIRES = ("scipy",)
    SHORT_HELP = (
        "Builds a small synthetic but geologically plausible study area to try the workflow on: a ZY-1 02D AHSI "
        "reflectance cube (166 bands, 30 m, UTM 44N near Dahongliutan) whose pixels are mixtures of real USGS "
        "mineral spectra convolved to the sensor, granite plutons, faults, and pegmatite dykes near pluton contacts "
        "and along faults, split into known (for training) and hidden (for judging the map) bodies. Deterministic "
        "for a given seed."
    )

    TAGS = ("sample", "synthetic", "demo", "test data", "Dahongliutan", "AHSI")
    # parameter names
    WIDTH = "WIDTH"
    HEIGHT = "HEIGHT"
    SEED = "SEED"
    OUTPUT = "OUTPUT"

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_number(self.WIDTH, "Width (pixels)", 300, 50, 4000, integer=True)
        self.add_number(self.HEIGHT, "Height (pixels)", 300, 50, 4000, integer=True)
        self.add_number(self.SEED, "Random seed", 0, 0, integer=True, advanced=True)
        self.add_folder_out(self.OUTPUT, "Output folder")
        self.addOutput(QgsProcessingOutputRasterLayer("CUBE", self.tr("Hyperspectral cube")))
        self.addOutput(QgsProcessingOutputVectorLayer("PLUTONS", self.tr("Plutons")))
        self.addOutput(QgsProcessingOutputVectorLayer("FAULTS", self.tr("Faults")))
        self.addOutput(QgsProcessingOutputVectorLayer("KNOWN", self.tr("Known pegmatites")))
        self.addOutput(QgsProcessingOutputVectorLayer("HIDDEN", self.tr("Hidden pegmatites")))
        self.addOutput(QgsProcessingOutputVectorLayer("ALL", self.tr("All pegmatites (status field)")))
        self.addOutput(QgsProcessingOutputFile("SCENE", self.tr("Scene description (JSON)")))

    def execute(self, parameters, context, feedback):
        from ...models.sample_area.generator import make_sample_area  # needs scipy: imported when run

        folder = self.parameterAsString(parameters, self.OUTPUT, context)
        paths = make_sample_area(
            folder,
            size=(self.parameterAsInt(parameters, self.WIDTH, context),
                  self.parameterAsInt(parameters, self.HEIGHT, context)),
            seed=self.parameterAsInt(parameters, self.SEED, context),
            progress=self.progress(feedback),
        )
        feedback.pushInfo(self.tr("Sample area written to {0}").format(folder))
        return {self.OUTPUT: folder, "CUBE": paths["cube"], "PLUTONS": paths["plutons"], "FAULTS": paths["faults"],
                "KNOWN": paths["pegmatites_known"], "HIDDEN": paths["pegmatites_hidden"],
                "ALL": paths["pegmatites_all"], "SCENE": paths["scene"]}
