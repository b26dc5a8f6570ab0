"""The algorithms' dialogs: help labels are the parameters' own descriptions, expert parameters are advanced,
numbers show without trailing zeros, lists show names, every algorithm links to its README section and has
search tags, the workflow model lists its inputs in workflow order."""
import html
import re

import pytest

ALGORITHM_IDS = ["bandsubset", "distancetopluton", "distancetofault", "buildgraphs", "traingcn", "predictheatmap",
                 "identifyspectra", "samplearea", "checkdependencies", "mineralmap", "evaluateheatmap", "targets"]
EXPERT = {
    "traingcn": {"LR", "HIDDEN", "BATCH", "SEED", "GRID", "BALANCE", "FINAL_FIT", "DEVICE"},
    "buildgraphs": {"STRIDE", "THRESHOLD_FACTOR", "MIN_POSITIVE_FRACTION", "NEGATIVE_RATIO", "KEEP_OUT", "SEED"},
    "predictheatmap": {"STRIDE", "TARGET_PERCENT", "SCHEDULER", "DEVICE"},
    "mineralmap": {"SCHEDULER", "DEVICE"},
    "bandsubset": {"WAVELENGTHS", "OVERRIDE"},
    "identifyspectra": {"INSTRUMENT", "MODEL", "DEVICE"},
    "samplearea": {"SEED"},
}


def _alg(name):
    from qgis.core import QgsApplication

    alg = QgsApplication.processingRegistry().algorithmById(f"hyperprospect:{name}")
    assert alg is not None, name
    return alg


def _readme_anchors(repo):
    """GitHub's anchors of the README's headings."""
    anchors = set()
    for line in (repo / "README.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            title = line.lstrip("#").strip().lower()
            anchors.add(re.sub(r"[^\w\- ]", "", title).replace(" ", "-"))
    return anchors


@pytest.mark.parametrize("name", ALGORITHM_IDS)
def test_help_labels_are_the_parameter_descriptions(provider, name):
    alg = _alg(name)
    help_text = alg.shortHelpString()
    for pname, _ in type(alg).HELP_PARAMETERS:
        definition = alg.parameterDefinition(pname)
        assert definition is not None, f"{name}: help names the unknown parameter {pname!r}"
        assert f"<dt><b>{html.escape(definition.description())}</b></dt>" in help_text
        assert getattr(type(alg), pname) == pname  # the name is the class constant initAlgorithm used


@pytest.mark.parametrize("name", ALGORITHM_IDS)
def test_help_url_and_tags(provider, repo, name):
    alg = _alg(name)
    url = alg.helpUrl()
    assert url.startswith("https://github.com/hyperprospect/hyperprospect#")
    assert url.split("#", 1)[1] in _readme_anchors(repo)
    assert len(alg.tags()) >= 3 and "hyperprospect" in alg.tags()


def test_expert_parameters_are_advanced(provider):
    from qgis.core import QgsProcessingParameterDefinition

    for name, expert in EXPERT.items():
        alg = _alg(name)
        advanced = {p.name() for p in alg.parameterDefinitions()
                    if p.flags() & QgsProcessingParameterDefinition.FlagAdvanced}
        assert advanced == expert, name


def test_decimal_numbers_show_without_trailing_zeros(provider):
    from qgis.core import QgsProcessingParameterNumber

    seen = 0
    for name in ALGORITHM_IDS:
        for p in _alg(name).parameterDefinitions():
            if p.type() != "number" or p.dataType() != QgsProcessingParameterNumber.Double:
                continue
            decimals = p.metadata()["widget_wrapper"]["decimals"]
            shown = f"{p.defaultValue():.{decimals}f}"
            # at most one spare zero (the learning rate shows 0.0010 so that 0.0001 can be typed), not QGIS's six
            spare = len(shown) - len(f"{p.defaultValue():g}")
            assert decimals < 6 and (spare <= 1 or p.defaultValue() == 0), (name, p.name(), shown)
            seen += 1
    assert seen >= 6
    assert _alg("buildgraphs").parameterDefinition("THRESHOLD_FACTOR").metadata()["widget_wrapper"]["decimals"] == 1


@pytest.mark.parametrize("name", ["bandsubset", "predictheatmap", "mineralmap"])
def test_sensor_presets_are_names_not_codes(provider, name):
    presets = _alg(name).parameterDefinition("PRESET").options()
    assert "zy1_02d_ahsi" not in presets and any("ZY-1 02D" in o for o in presets), presets
    assert presets[0] == "(none)"


def test_list_options_are_names_not_codes(provider):
    instruments = _alg("identifyspectra").parameterDefinition("INSTRUMENT").options()
    assert not {"BECK", "NIC4", "OTHER"} & set(instruments)
    assert len(instruments) == 7 and any("Beckman" in o for o in instruments)


def test_identify_checks_its_inputs_before_running(provider, tmp_path):
    from qgis.core import QgsProcessingContext

    alg = _alg("identifyspectra")
    ok, message = alg.checkParameterValues({"OUTPUT": str(tmp_path / "o.gpkg")}, QgsProcessingContext())
    assert not ok and message == "Give spectrometer files, a folder, or both."
    ok, message = alg.checkParameterValues({"FOLDER": str(tmp_path / "nowhere"), "OUTPUT": str(tmp_path / "o.gpkg")},
                                           QgsProcessingContext())
    assert not ok and "does not exist" in message
    ok, _ = alg.checkParameterValues({"FOLDER": str(tmp_path), "OUTPUT": str(tmp_path / "o.gpkg")},
                                     QgsProcessingContext())
    assert ok


def test_workflow_inputs_in_workflow_order(provider):
    model = _alg("Prospectivity workflow")
    inputs = [p.name() for p in model.parameterDefinitions() if not p.isDestination()]
    assert inputs == ["cube", "ranges", "plutons", "faults", "known", "stride", "epochs", "baselines", "evaluation",
                      "evaluation_field"]


def test_algorithms_initialise_without_log_messages(provider):
    """Creating an algorithm (as every dialog open does) writes nothing to QGIS's message log: a duplicate
    output, for one, is logged there each time."""
    from qgis.core import QgsApplication

    logged = []
    log = QgsApplication.messageLog()

    def keep(message, tag, level):
        logged.append(f"{tag}: {message}")

    log.messageReceived.connect(keep)
    try:
        for alg in provider.algorithms():
            assert QgsApplication.processingRegistry().createAlgorithmById(alg.id()) is not None, alg.id()
    finally:
        log.messageReceived.disconnect(keep)
    assert len(provider.algorithms()) >= len(ALGORITHM_IDS)
    assert logged == []
