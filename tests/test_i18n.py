"""Every user-visible string is translatable and the Simplified Chinese translation is complete and loads."""
import importlib
import json
import sys

from qgis_support import REPO


def test_every_string_has_a_chinese_translation():
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import i18n_extract
    finally:
        sys.path.pop(0)
    table = json.loads((REPO / "i18n" / "zh_CN.json").read_text(encoding="utf-8"))
    texts = i18n_extract.strings()
    assert len(texts) > 100
    missing = [t for t in texts if not table.get(t)]
    assert not missing, "untranslated (run scripts/i18n_extract.py --list-missing):\n" + "\n".join(missing)
    ts = (REPO / "i18n" / "hyperprospect_zh_CN.ts").read_text(encoding="utf-8")
    assert 'type="unfinished"' not in ts
    qm = REPO / "i18n" / "hyperprospect_zh_CN.qm"
    assert qm.stat().st_mtime >= (REPO / "i18n" / "zh_CN.json").stat().st_mtime - 5


def test_plugin_speaks_chinese_under_a_chinese_locale(qgis_app, qgis_iface):
    from qgis.core import QgsApplication, QgsSettings
    from qgis.PyQt.QtCore import QCoreApplication

    settings = QgsSettings()
    old = settings.value("locale/userLocale", "")
    settings.setValue("locale/userLocale", "zh_CN")
    try:
        plugin = importlib.import_module("hyperprospect").classFactory(qgis_iface)
        plugin.initGui()
        try:
            assert QCoreApplication.translate("HyperProspect", "Train GCN") == "训练 GCN"
            alg = QgsApplication.processingRegistry().algorithmById("hyperprospect:traingcn")
            assert alg.displayName() == "训练 GCN"
            assert alg.group() == "3 · 训练与评估"
            assert "图数据集" in alg.shortHelpString()
        finally:
            plugin.unload()
        assert QCoreApplication.translate("HyperProspect", "Train GCN") == "Train GCN"
    finally:
        settings.setValue("locale/userLocale", old)
