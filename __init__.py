"""HyperProspect QGIS plugin: entry point called by QGIS."""


def classFactory(iface):  # noqa: N802 (QGIS API name)
    """Create the plugin. ``iface`` is ``None`` under ``qgis_process``."""
    from .plugin.main import HyperProspectPlugin

    return HyperProspectPlugin(iface)
