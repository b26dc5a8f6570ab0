"""Every user-visible string is translatable and the Simplified Chinese translation is complete and loads."""
import importlib
import sys

from qgis_support import REPO


def test_every_string_has_a_chinese_translation():
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import i18n_extract
    finally:
        sys.path.pop(0)
    table = i18n_extract.translations()
    texts = i18n_extract.strings()
    assert len(texts) > 100
    missing = [t for t in texts if not table.get(t)]
    assert not missing, "untranslated (run scripts/i18n_extract.py --list-missing):\n" + "\n".join(missing)
    ts = (REPO / "i18n" / "hyperprospect_zh_CN.ts").read_text(encoding="utf-8")
    assert 'type="unfinished"' not in ts
    qm = REPO / "i18n" / "hyperprospect_zh_CN.qm"
    for source in (REPO / "i18n").glob("zh_CN*.json"):
        assert qm.stat().st_mtime >= source.stat().st_mtime - 5, f"{source.name} changed: run scripts/i18n_extract.py"


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


def test_translation_loads_for_every_spelling_of_simplified_chinese():
    """QGIS 3.22's Options dialog writes zh-Hans; older settings zh_CN; some systems just zh."""
    from hyperprospect.plugin.main import translation_file

    for locale in ("zh-Hans", "zh_CN", "zh", "zh_CN.UTF-8", "zh-Hans-CN"):
        qm = translation_file(locale)
        assert qm is not None and qm.name == "hyperprospect_zh_CN.qm", locale
    for locale in ("en_US", "de", "fr-FR"):
        assert translation_file(locale) is None, locale


def test_minerals_notes_errors_markers_and_headings_in_chinese(qgis_app, qgis_iface):
    from qgis.core import QgsApplication, QgsSettings

    from hyperprospect.processing_provider.messages import translate_message

    settings = QgsSettings()
    old = settings.value("locale/userLocale", "")
    settings.setValue("locale/userLocale", "zh-Hans")
    try:
        plugin = importlib.import_module("hyperprospect").classFactory(qgis_iface)
        plugin.initGui()
        try:
            from qgis.PyQt.QtCore import QCoreApplication

            t = lambda s: QCoreApplication.translate("HyperProspect", s)  # noqa: E731
            assert (t("Spodumene"), t("Beryl"), t("Lepidolite")) == ("锂辉石", "绿柱石", "锂云母")
            assert t("spodumene 2207") == "锂辉石 2207"
            assert translate_message("low confidence (best 0.31): the spectrum may be a mixture or none of the "
                                     "minerals the model knows").startswith("置信度低（最高 0.31）")
            assert translate_message("truncated ASD file: 23 bytes, the header alone needs 484") == \
                "ASD 文件不完整：仅 23 字节，而文件头就需要 484 字节"
            assert translate_message("an unknown text") == "an unknown text"
            model = QgsApplication.processingRegistry().algorithmById("hyperprospect:Prospectivity workflow")
            assert model.displayName() == "找矿远景工作流程" and model.group() == "工作流程"
            alg = QgsApplication.processingRegistry().algorithmById("hyperprospect:traingcn")
            assert "<h3>参数</h3>" in alg.shortHelpString() and "与基线模型比较" in alg.shortHelpString()
            assert alg.parameterDefinition("ARCH").options()[0] == "增强型 GCN（论文方法）"  # list options too
        finally:
            plugin.unload()
    finally:
        settings.setValue("locale/userLocale", old)


def test_toolbox_tooltips_in_chinese(provider):
    """The toolbox's tooltip is an algorithm's shortDescription: the first sentence of its translated help."""
    import re

    from qgis.PyQt.QtCore import QCoreApplication, QTranslator

    algorithms = [alg for alg in provider.algorithms() if getattr(alg, "SHORT_HELP", "")]  # not the model
    translator = QTranslator()
    assert translator.load(str(REPO / "i18n" / "hyperprospect_zh_CN.qm"))
    QCoreApplication.installTranslator(translator)
    try:
        tips = {alg.id(): (alg.shortDescription(), alg.shortHelpString()) for alg in algorithms}
    finally:
        QCoreApplication.removeTranslator(translator)
    english = {alg.id(): alg.shortDescription() for alg in algorithms}
    assert len(tips) >= 9
    for alg_id, (tip, help_text) in tips.items():
        assert re.search(r"[\u4e00-\u9fff]", tip) and tip != english[alg_id], (alg_id, tip)
        assert tip.rstrip("。") in help_text and len(tip) < len(help_text), (alg_id, tip)
        assert english[alg_id] and "。" not in english[alg_id]


def test_help_headings_and_list_options_in_chinese(provider):
    """Every parameter heading of every algorithm's help, the '(none)' preset and the mineral map's minerals."""
    import re

    from qgis.core import QgsApplication
    from qgis.PyQt.QtCore import QCoreApplication, QTranslator

    cjk = re.compile(r"[\u4e00-\u9fff]")
    translator = QTranslator()
    assert translator.load(str(REPO / "i18n" / "hyperprospect_zh_CN.qm"))
    QCoreApplication.installTranslator(translator)
    try:
        registry = QgsApplication.processingRegistry()
        helps = {alg.id(): registry.createAlgorithmById(alg.id()).shortHelpString() for alg in provider.algorithms()
                 if getattr(alg, "HELP_PARAMETERS", ())}
        mineral_map = registry.createAlgorithmById("hyperprospect:mineralmap")
        presets = mineral_map.parameterDefinition("PRESET").options()
        minerals = mineral_map.parameterDefinition("PROBABILITIES").options()
    finally:
        QCoreApplication.removeTranslator(translator)
    assert len(helps) >= 10
    for alg_id, text in helps.items():
        headings = re.findall(r"<dt><b>(.*?)</b></dt>", text)
        assert headings and all(cjk.search(h) for h in headings), (alg_id, headings)
    assert cjk.search(presets[0]) and "zy1_02d_ahsi" not in presets
    assert len(minerals) > 50 and all(cjk.search(m) for m in minerals)
    assert "锂辉石" in minerals and "绿柱石" in minerals


def test_workflow_dialog_in_chinese(provider):
    """The dialog runs a copy of the model (createInstance): its title, input labels, output names and
    description are Chinese; the copy still runs the same steps, and without the translation it is English."""
    import re

    from qgis.core import QgsApplication
    from qgis.PyQt.QtCore import QCoreApplication, QTranslator

    cjk = re.compile(r"[\u4e00-\u9fff]")
    registry = QgsApplication.processingRegistry()
    translator = QTranslator()
    assert translator.load(str(REPO / "i18n" / "hyperprospect_zh_CN.qm"))
    QCoreApplication.installTranslator(translator)
    try:
        model = registry.createAlgorithmById("hyperprospect:Prospectivity workflow")
        title, help_text = model.displayName(), model.shortHelpString()
        labels = {p.name(): p.description() for p in model.parameterDefinitions()}
        outputs = [o.description() for o in model.outputDefinitions()]
    finally:
        QCoreApplication.removeTranslator(translator)
    assert title == "找矿远景工作流程" and cjk.search(help_text) and "The whole workflow" not in help_text
    assert len(labels) >= 10 and all(cjk.search(d) for d in labels.values()), labels
    assert labels["cube"] == "高光谱栅格" and outputs and all(cjk.search(d) for d in outputs), outputs
    assert set(model.childAlgorithms()) == set(registry.algorithmById("hyperprospect:Prospectivity workflow")
                                               .childAlgorithms())
    english = registry.createAlgorithmById("hyperprospect:Prospectivity workflow")
    assert english.parameterDefinition("cube").description() == "Hyperspectral raster"
