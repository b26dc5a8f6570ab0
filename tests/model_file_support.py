"""Model-file round trips for the tests of each architecture: save, load, same predictions, then tamper."""
import numpy as np

from models.gcn.model_file import KIND, load_model, save_model
from models.gcn.networks import predict_proba


def round_trip(result, path, cls, x):
    """Save ``result``, load it back as a ``cls`` of the same architecture predicting the same on ``x``;
    return (metadata, the file's tensors) for a tampered copy."""
    from safetensors.torch import load_file

    path = save_model(path, result)
    model, meta = load_model(path)
    assert isinstance(model, cls) and meta["architecture"]["name"] == result.arch
    assert np.array_equal(predict_proba(model, x), predict_proba(result.saved_model, x))
    return meta, load_file(str(path))


def write_tampered(path, tensors, meta):
    from models import container

    container.write(path, tensors, dict(meta), KIND, framework="pt")
    return path
