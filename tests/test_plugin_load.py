"""The plugin loads in a real QGIS through classFactory, registers its provider, unloads cleanly."""
import importlib

from qgis.core import QgsApplication


def _registry():
    return QgsApplication.processingRegistry()


def test_metadata_is_complete(repo):
    import configparser

    cp = configparser.ConfigParser()
    cp.read(repo / "metadata.txt")
    g = cp["general"]
    assert g["name"] == "HyperProspect"
    assert g["qgisMinimumVersion"] == "3.22"
    assert g["hasProcessingProvider"] == "yes"
    for key in ("description", "about", "tags", "category", "version", "author", "email", "repository"):
        assert g.get(key, "").strip(), key
    assert (repo / g["icon"]).is_file()
    assert g["category"] == "Plugins"  # the entries are under Plugins ▸ HyperProspect (addPluginToMenu)


def test_menu_entries_have_their_own_icons(qgis_app, qgis_iface):
    from qgis.PyQt.QtGui import QImage, QPainter
    from qgis.PyQt.QtSvg import QSvgRenderer

    from hyperprospect.plugin import main

    plugin = importlib.import_module("hyperprospect").classFactory(qgis_iface)
    plugin.initGui()
    try:
        actions = {a.objectName(): a for a in plugin.actions}
        for name, icon in (("hyperprospectDependencies", main.DEPENDENCY_ICON),
                           ("hyperprospectSpectraPanel", main.PANEL_ICON), ("hyperprospectPickPixel", main.PICK_ICON)):
            assert icon.is_file() and icon != main.ICON and not actions[name].icon().isNull()
            renderer = QSvgRenderer(str(icon))
            image = QImage(32, 32, QImage.Format_ARGB32)
            image.fill(0)
            painter = QPainter(image)
            renderer.render(painter)
            painter.end()
            assert renderer.isValid() and sum(image.pixel(x, y) != 0 for x in range(32) for y in range(32)) > 100
        assert len({main.DEPENDENCY_ICON, main.PANEL_ICON, main.PICK_ICON, main.ICON}) == 4
    finally:
        plugin.unload()


def test_class_factory_load_and_unload(qgis_app, qgis_iface):
    hyperprospect = importlib.import_module("hyperprospect")
    plugin = hyperprospect.classFactory(qgis_iface)
    plugin.initGui()
    try:
        provider = _registry().providerById("hyperprospect")
        assert provider is not None
        assert provider.name() == "HyperProspect"
        assert not provider.icon().isNull()
        alg = _registry().algorithmById("hyperprospect:checkdependencies")
        assert alg is not None and alg.group()
        assert "Python" in alg.shortHelpString()
    finally:
        plugin.unload()
    assert _registry().providerById("hyperprospect") is None
    assert plugin.actions == []


def test_headless_init_processing_registers_provider(qgis_app):
    """Under qgis_process only classFactory(None) + initProcessing() are called."""
    hyperprospect = importlib.import_module("hyperprospect")
    plugin = hyperprospect.classFactory(None)
    plugin.initProcessing()
    try:
        assert _registry().providerById("hyperprospect") is not None
    finally:
        plugin.unload()
    assert _registry().providerById("hyperprospect") is None


def test_check_dependencies_algorithm_runs(qgis_app, qgis_processing):
    import processing

    hyperprospect = importlib.import_module("hyperprospect")
    plugin = hyperprospect.classFactory(None)
    plugin.initProcessing()
    try:
        result = processing.run("hyperprospect:checkdependencies", {})
        assert result["MISSING"] == ""  # the test environment has everything
        assert "torch:" in result["REPORT"]
    finally:
        plugin.unload()
