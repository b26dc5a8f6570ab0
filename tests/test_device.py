"""The device spec (auto / cpu / cuda[:N]): resolved once with typed errors naming what torch sees, recorded in
the model file, accepted by the CLI; the torchrun environment and the batch shares of models.distributed."""
import numpy as np
import pytest
import torch

from models.device import DEVICE_CHOICES, describe_device, resolve_device
from models.distributed import Context, env_context
from models.errors import InputError

NO_GPU = not torch.cuda.is_available()


def test_choices_and_cpu_specs():
    assert DEVICE_CHOICES == ("auto", "cpu", "cuda")
    assert resolve_device("cpu") == torch.device("cpu")
    assert resolve_device(" CPU ") == torch.device("cpu")
    assert resolve_device(torch.device("cpu")) == torch.device("cpu")
    expected_auto = "cuda" if torch.cuda.is_available() else "cpu"
    assert resolve_device("auto").type == expected_auto
    assert resolve_device().type == expected_auto and resolve_device(None).type == expected_auto


@pytest.mark.parametrize("spec", ["gpu", "cpu:0", "cuda:x", "cuda:-1", "auto:1", "tpu"])
def test_bad_spec_names_itself_and_what_there_is(spec):
    with pytest.raises(InputError) as err:
        resolve_device(spec)
    text = str(err.value)
    assert repr(spec) in text and "auto, cpu, cuda or cuda:N" in text and "cpu" in text.split("Available:")[1]


@pytest.mark.skipif(not NO_GPU, reason="this case is for a machine without a GPU")
@pytest.mark.parametrize("spec", ["cuda", "cuda:0", "cuda:3"])
def test_cuda_on_a_machine_without_gpu(spec):
    with pytest.raises(InputError) as err:
        resolve_device(spec)
    text = str(err.value)
    assert repr(spec) in text and "sees no CUDA GPU" in text and "cpu only" in text


def test_describe_cpu():
    record = describe_device(torch.device("cpu"))
    assert record["device"] == "cpu" and record["torch"] == torch.__version__ and record["name"]
    assert describe_device("cpu") == record


@pytest.mark.skipif(not NO_GPU, reason="needs a machine without a GPU")
def test_training_settings_refuse_a_missing_gpu_before_any_work():
    from models.gcn.synthetic import separable_tiles
    from models.gcn.train import train_model

    calls = []
    with pytest.raises(InputError, match="no CUDA GPU"):
        train_model(separable_tiles(), epochs=1, device="cuda", progress=None, log=calls.append)
    assert calls == []  # refused before the first epoch


def test_device_and_world_size_in_the_model_file(tmp_path):
    from models.gcn.model_file import load_model, read_metadata, save_model
    from models.gcn.report import write_report
    from models.gcn.synthetic import separable_tiles
    from models.gcn.train import as_training_data, train_model

    for arch in ("enhanced", "cnn"):
        r = train_model(as_training_data(separable_tiles()), arch=arch, epochs=2, hidden=8, threads=1, device="cpu")
        assert next(r.model.parameters()).device.type == "cpu"
        path = save_model(tmp_path / f"{arch}.hpm", r)
        training = read_metadata(path)["training"]
        assert training["device"] == describe_device("cpu")
        assert training["world_size"] == 1 and training["threads"] == 1
        load_model(path)
    write_report(tmp_path / "rep", r)
    assert "Trained on cpu" in (tmp_path / "rep" / "report.html").read_text(encoding="utf-8")


def _dataset_file(tmp_path):
    graphs = pytest.importorskip("models.graphs.dataset")
    from models.gcn.synthetic import separable_tiles

    d = separable_tiles(n_pos=20, n_neg=30)
    ds = graphs.GraphDataset(
        x=d["x"], y=d["y"], rows=d["rows"], cols=d["cols"], block=d["block"], tile_size=4, stride=4,
        edge_index=d["edge_index"], edge_threshold_m=170.0, channel_names=d["channel_names"],
        wavelengths_nm=d["wavelengths_nm"], mean=np.zeros(6, np.float32), std=np.ones(6, np.float32),
        crs_wkt="", geotransform=(0, 100, 0, 0, 0, -100), raster_size=(32, 32))
    return ds.save(tmp_path / "graphs.safetensors")


def test_cli_device(tmp_path, capsys):
    from models.cli import main
    from models.gcn.model_file import read_metadata

    path = _dataset_file(tmp_path)
    out = tmp_path / "model.hpm"
    assert main(["train", str(path), "-o", str(out), "--arch", "enhanced", "--epochs", "2", "--hidden", "8",
                 "--device", "cpu", "--quiet"]) == 0
    assert read_metadata(out)["training"]["device"]["device"] == "cpu"
    capsys.readouterr()
    bad = tmp_path / "bad.hpm"
    assert main(["train", str(path), "-o", str(bad), "--epochs", "2", "--device", "cuda:x"]) == 1
    assert "cuda:x" in capsys.readouterr().err and not bad.exists()
    if NO_GPU:
        assert main(["train", str(path), "-o", str(bad), "--epochs", "2", "--device", "cuda"]) == 1
        assert "no CUDA GPU" in capsys.readouterr().err and not bad.exists()


def test_identification_on_a_device():
    from models.geospectra.inference import Identifier, identify

    wl = np.arange(400.0, 2501.0, 10.0)
    spectrum = 0.4 + 0.1 * np.sin(wl / 200.0)
    spectrum[(wl > 2150) & (wl < 2250)] -= 0.15
    on_cpu = identify([(wl, spectrum)], top=3, device="cpu")
    default = identify([(wl, spectrum)], top=3)
    assert len(on_cpu[0]) == 3
    if NO_GPU:
        assert on_cpu == default
        with pytest.raises(InputError, match="no CUDA GPU"):
            Identifier(None, "cuda")


def test_cli_identify_device(tmp_path, capsys, shared_data):
    from models.cli import main

    files = sorted((shared_data / "spectrometer_files").rglob("*.asd"))[:1]
    if not files:
        pytest.skip("no ASD file in the shared data")
    assert main(["identify", str(files[0]), "--device", "cpu", "--top", "2"]) == 0
    assert main(["identify", str(files[0]), "--device", "gpu"]) == 1
    assert "'gpu'" in capsys.readouterr().err


def test_torchrun_environment():
    assert env_context({}) == Context() and not Context().active
    assert env_context({"WORLD_SIZE": "1", "RANK": "0"}) == Context()
    ctx = env_context({"WORLD_SIZE": "4", "RANK": "3", "LOCAL_RANK": "1", "LOCAL_WORLD_SIZE": "2"})
    assert ctx == Context(4, 3, 1, 2) and ctx.active and not ctx.is_main
    with pytest.raises(InputError, match="RANK"):
        env_context({"WORLD_SIZE": "2", "RANK": "2"})
    with pytest.raises(InputError, match="WORLD_SIZE"):
        env_context({"WORLD_SIZE": "two"})


@pytest.mark.parametrize("world,n", [(2, 32), (2, 7), (3, 10), (4, 2)])
def test_every_item_of_a_batch_is_in_exactly_one_share(world, n):
    shares = [Context(world, r, r, world).shard(n) for r in range(world)]
    items = [i for s in shares for i in range(n)[s]]
    assert items == list(range(n))  # contiguous, in order, nothing twice
    sizes = [s.stop - s.start for s in shares]
    assert max(sizes) - min(sizes) <= 1


def test_prediction_and_mineral_map_take_the_device(tmp_path):
    """cpu runs and gives the auto map; a GPU this machine lacks is refused before any output exists."""
    import numpy as np
    from osgeo import gdal

    from models.errors import InputError
    from models.geospectra.dataset import AHSI_TABLE
    from models.geospectra.grid import read_sensor_table
    from models.geospectra.mineral_map import MineralMapSettings, map_minerals
    from models.geospectra.synthetic_cube import layout_cube
    from models.heatmap.predict import predict_heatmap
    from mosaic_support import trained_area

    area = trained_area(tmp_path / "area")
    layers = {"plutons": area["plutons"], "faults": area["faults"]}
    predict_heatmap(area["model"], area["cube"], tmp_path / "auto.tif", **layers)
    predict_heatmap(area["model"], area["cube"], tmp_path / "cpu.tif", device="cpu", **layers)
    assert np.array_equal(gdal.Open(str(tmp_path / "cpu.tif")).ReadAsArray(),
                          gdal.Open(str(tmp_path / "auto.tif")).ReadAsArray())
    centres, fwhm = read_sensor_table(AHSI_TABLE)
    cube = layout_cube(tmp_path / "cube.tif", [["Kaolinite", "Alunite"], ["Calcite", None]], centres, fwhm)
    map_minerals(cube, tmp_path / "m.tif", MineralMapSettings(device="cpu"))
    if not torch.cuda.is_available():
        with pytest.raises(InputError, match="sees no CUDA GPU"):
            predict_heatmap(area["model"], area["cube"], tmp_path / "gpu.tif", device="cuda", **layers)
        with pytest.raises(InputError, match="sees no CUDA GPU"):
            map_minerals(cube, tmp_path / "gpu_m.tif", MineralMapSettings(device="cuda:0"))
        assert not (tmp_path / "gpu.tif").exists() and not (tmp_path / "gpu_m.tif").exists()
