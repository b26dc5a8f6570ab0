"""hyperprospect:bandsubset — keep the bands whose centre wavelength lies in given ranges."""
from __future__ import annotations

from qgis.core import QgsProcessingOutputNumber

from ...models.raster.band_subset import subset_raster
from ...models.raster.rendering import write_rgb_style
from ...models.raster.wavelengths import list_presets
from ..algorithm import HyperProspectAlgorithm
from ..styling import style_on_load


class BandSubset(HyperProspectAlgorithm):
    NAME = "bandsubset"
    DISPLAY_NAME = "Band subset by wavelength"
    GROUP = "prepare"
    SHORT_HELP = (
        "Keeps the bands of a hyperspectral raster whose centre wavelength lies in the given ranges and "
        "writes them to a GeoTIFF that keeps the CRS, transform and nodata and records the kept "
        "wavelengths in its metadata. The default ranges (782–902 nm and 2014–2400 nm) are the paper's: "
        "they avoid the water-vapour bands and cover beryl's 830 nm feature and the 2055–2207 nm features "
        "of beryl and spodumene (about 37 bands of ZY-1 02D AHSI). Wavelengths come from the file (ENVI "
        "header, GDAL band metadata); for files without them choose a sensor preset or type the list."
    )
    HELP_PARAMETERS = (
        ("Wavelength ranges", "Ranges in nm (or µm) such as '782-902; 2014-2400'; bounds are inclusive."),
        ("Sensor preset", "Band table used when the file carries no wavelengths (or always, with 'override')."),
        ("Band centre wavelengths", "Comma-separated list, one per band, used when the file carries none."),
        ("Override", "Use the preset or list even if the file has its own wavelengths."),
    )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.presets = ["(none)"] + list_presets()
        self.add_raster("INPUT", "Hyperspectral raster")
        self.add_string("RANGES", "Wavelength ranges (nm)", "782-902; 2014-2400")
        self.add_enum("PRESET", "Sensor preset (when the file has no wavelengths)", self.presets, 0)
        self.add_string("WAVELENGTHS", "Band centre wavelengths (when the file has none)", "", optional=True)
        self.add_bool("OVERRIDE", "Override the file's wavelengths with the preset or list", False)
        self.add_raster_out("OUTPUT", "Band subset")
        self.addOutput(QgsProcessingOutputNumber("BAND_COUNT", self.tr("Number of bands kept")))

    def execute(self, parameters, context, feedback):
        src = self.raster_path(parameters, "INPUT", context)
        dst = self.parameterAsOutputLayer(parameters, "OUTPUT", context)
        preset_index = self.parameterAsEnum(parameters, "PRESET", context)
        preset = self.presets[preset_index] if preset_index > 0 else None
        result = subset_raster(
            src, dst,
            ranges=self.parameterAsString(parameters, "RANGES", context),
            preset=preset,
            wavelengths=self.parameterAsString(parameters, "WAVELENGTHS", context) or None,
            override_file=self.parameterAsBool(parameters, "OVERRIDE", context),
            progress=self.progress(feedback),
        )
        feedback.pushInfo(
            f"Kept {len(result.band_numbers)} bands ({result.wavelengths_nm[0]:.1f}–{result.wavelengths_nm[-1]:.1f} nm) "
            f"of '{src}', wavelengths from {result.wavelength_source}.")
        for w in result.warnings:
            feedback.pushWarning(w)
        qml = write_rgb_style(dst, result.wavelengths_nm)  # a colour composite instead of bands 1-3 in grey
        if qml:
            style_on_load(context, dst, qml)
        return {"OUTPUT": self.keep_raster_output(dst, context), "BAND_COUNT": len(result.band_numbers)}
