"""hyperprospect:bandsubset — keep the bands whose centre wavelength lies in given ranges."""
from __future__ import annotations

from qgis.core import QgsProcessingOutputNumber

from ...models.raster.band_subset import subset_raster
from ...models.raster.rendering import write_rgb_style
from ...models.raster.wavelengths import list_presets, preset_title
from ..algorithm import HyperProspectAlgorithm
from ..messages import translate_message
from ..styling import style_on_load


class BandSubset(HyperProspectAlgorithm):
    NAME = "bandsubset"
    DISPLAY_NAME = "Band subset by wavelength"
    GROUP = "prepare"
    TAGS = ("hyperspectral", "bands", "wavelength", "subset", "spectral", "AHSI", "EnMAP", "AVIRIS")
    # parameter names
    INPUT = "INPUT"
    RANGES = "RANGES"
    PRESET = "PRESET"
    WAVELENGTHS = "WAVELENGTHS"
    OVERRIDE = "OVERRIDE"
    OUTPUT = "OUTPUT"
    SHORT_HELP = (
        "Keeps the bands of a hyperspectral raster whose centre wavelength lies in the given ranges and "
        "writes them to a GeoTIFF that keeps the CRS, transform and nodata and records the kept "
        "wavelengths in its metadata. The default ranges (782–902 nm and 2014–2400 nm) are the paper's: "
        "they avoid the water-vapour bands and cover beryl's 830 nm feature and the 2055–2207 nm features "
        "of beryl and spodumene (about 37 bands of ZY-1 02D AHSI). Wavelengths come from the file (ENVI "
        "header, GDAL band metadata); for files without them choose a sensor preset or type the list."
    )
    HELP_PARAMETERS = (
        (RANGES, "Ranges in nm (or µm) such as '782-902; 2014-2400'; bounds are inclusive."),
        (PRESET, "Band table used when the file carries no wavelengths (or always, with 'override')."),
        (WAVELENGTHS, "Comma-separated list, one per band, used when the file carries none."),
        (OVERRIDE, "Use the preset or list even if the file has its own wavelengths."),
    )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.presets = [None] + list_presets()
        self.add_raster(self.INPUT, "Hyperspectral raster")
        self.add_string(self.RANGES, "Wavelength ranges (nm)", "782-902; 2014-2400")
        self.add_enum(self.PRESET, "Sensor preset (when the file has no wavelengths)",
                      ["(none)"] + [preset_title(p) for p in self.presets[1:]], 0)
        self.add_string(self.WAVELENGTHS, "Band centre wavelengths (when the file has none)", "", optional=True,
                        advanced=True)
        self.add_bool(self.OVERRIDE, "Override the file's wavelengths with the preset or list", False, advanced=True)
        self.add_raster_out(self.OUTPUT, "Band subset")
        self.addOutput(QgsProcessingOutputNumber("BAND_COUNT", self.tr("Number of bands kept")))

    def execute(self, parameters, context, feedback):
        src = self.raster_path(parameters, self.INPUT, context)
        dst = self.parameterAsOutputLayer(parameters, self.OUTPUT, context)
        preset = self.presets[self.parameterAsEnum(parameters, self.PRESET, context)]
        result = subset_raster(
            src, dst,
            ranges=self.parameterAsString(parameters, self.RANGES, context),
            preset=preset,
            wavelengths=self.parameterAsString(parameters, self.WAVELENGTHS, context) or None,
            override_file=self.parameterAsBool(parameters, self.OVERRIDE, context),
            progress=self.progress(feedback),
        )
        feedback.pushInfo(self.tr("Kept {0} bands ({1}–{2} nm) of '{3}', wavelengths from {4}.").format(
            len(result.band_numbers), f"{result.wavelengths_nm[0]:.1f}", f"{result.wavelengths_nm[-1]:.1f}", src,
            translate_message(result.wavelength_source)))
        for w in result.warnings:
            feedback.pushWarning(translate_message(w))
        qml = write_rgb_style(dst, result.wavelengths_nm)  # a colour composite instead of bands 1-3 in grey
        if qml:
            style_on_load(context, dst, qml)
        return {self.OUTPUT: self.keep_raster_output(dst, context), "BAND_COUNT": len(result.band_numbers)}
