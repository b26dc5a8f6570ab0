"""Graph tiling: k×k tiles of a raster stack as graphs, with labels from known bodies."""
from .dataset import CLASS_NAMES, GraphDataset, datasets_equal
from .tiling import build_edges, build_graph_dataset, open_stack, write_footprints

__all__ = ["CLASS_NAMES", "GraphDataset", "datasets_equal", "build_edges", "build_graph_dataset",
           "open_stack", "write_footprints"]
