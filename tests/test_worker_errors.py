"""Every user error raised inside the worker reaches the user as its own message, never a traceback.

Each worker job (train, predict, identify) is driven through its algorithm, in QGIS and through
``qgis_process``: the message names the problem, no Python traceback and no "worker stopped"
text reach the user, and no output is left behind.
"""
import pickle

import pytest

from heatmap_support import box, train_tiny_model, write_polygons, write_scene
from models.errors import InputError
from models.worker import run_in_worker
from qgis_support import run_qgis_process
from spectra_support import QPS

NOT_A_CRASH = ("Traceback", "worker process stopped", "worker process failed", "_emit()")


def assert_clean(message: str, expected: str) -> None:
    assert expected in message, message
    for bad in NOT_A_CRASH:
        assert bad not in message, message


def test_worker_user_error_is_typed_and_has_no_traceback():
    with pytest.raises(InputError) as info:
        run_in_worker("diagnostics:count", {"steps": 4, "fail_at": 2})
    assert_clean(str(info.value), "step 2 refused")


@pytest.fixture()
def bad_models(tmp_path):
    good = train_tiny_model(tmp_path / "tiny.hpm", epochs=2).read_bytes()
    truncated = tmp_path / "trunc.hpm"
    truncated.write_bytes(good[: len(good) // 3])
    pickled = tmp_path / "pickled.hpm"
    pickled.write_bytes(pickle.dumps({"tile_size": 5}))
    return {"truncated": truncated, "pickled": pickled, "good": tmp_path / "tiny.hpm"}


@pytest.mark.parametrize("which,expected", [("truncated", "trunc.hpm"), ("pickled", "pickle")])
def test_predict_with_a_bad_model_file_names_the_file(provider, bad_models, tmp_path, which, expected):
    import processing
    from qgis.core import QgsProcessingException

    scene = write_scene(tmp_path / "scene.tif")
    plutons = write_polygons(tmp_path / "pl.gpkg", [box(1, 1, 5, 5)])
    with pytest.raises(QgsProcessingException) as info:
        processing.run("hyperprospect:predictheatmap", {"MODEL": str(bad_models[which]), "INPUT": str(scene),
                                                        "PLUTONS": str(plutons), "OUTPUT": str(tmp_path / "h.tif")})
    assert_clean(str(info.value), expected)
    assert not (tmp_path / "h.tif").exists()


def test_predict_on_other_bands_through_qgis_process(provider, qgis_profile, bad_models, tmp_path):
    other = write_scene(tmp_path / "vis.tif", wavelengths=[450.0, 550.0, 650.0, 750.0])
    plutons = write_polygons(tmp_path / "pl.gpkg", [box(1, 1, 5, 5)])
    for model, expected in ((bad_models["good"], "cannot provide"), (bad_models["truncated"], "trunc.hpm")):
        proc = run_qgis_process(["run", "hyperprospect:predictheatmap", "--", f"MODEL={model}",
                                 f"INPUT={other}", f"PLUTONS={plutons}", f"OUTPUT={tmp_path / 'h.tif'}"],
                                qgis_profile)
        assert proc.returncode != 0
        assert_clean(proc.stdout + proc.stderr, expected)
        assert not (tmp_path / "h.tif").exists()


def test_train_on_a_corrupt_data_set_names_the_file(provider, tmp_path):
    import processing
    from qgis.core import QgsProcessingException

    bad = tmp_path / "broken.hpg"
    bad.write_bytes(b"\x10\x00\x00\x00\x00\x00\x00\x00{not json at all")
    with pytest.raises(QgsProcessingException) as info:
        processing.run("hyperprospect:traingcn", {"DATASET": str(bad), "EPOCHS": 2, "HIDDEN": 16,
                                                  "OUTPUT": str(tmp_path / "m.hpm")})
    assert_clean(str(info.value), "broken.hpg")
    assert not (tmp_path / "m.hpm").exists()


def test_identify_with_a_bad_model_names_the_file(provider, tmp_path):
    import processing
    from qgis.core import QgsProcessingException

    bad = tmp_path / "weights.safetensors"
    bad.write_bytes(b"\x00" * 64)
    spectrum = QPS / "asd" / "bin" / "ribb00001.asd"
    with pytest.raises(QgsProcessingException) as info:
        processing.run("hyperprospect:identifyspectra", {"INPUT": [str(spectrum)], "MODEL": str(bad),
                                                         "OUTPUT": str(tmp_path / "out.gpkg")})
    assert_clean(str(info.value), "weights.safetensors")
    assert not (tmp_path / "out.gpkg").exists()
