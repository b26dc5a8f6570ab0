"""One module per algorithm; ``ALGORITHMS`` lists the classes the provider loads."""
from .band_subset import BandSubset
from .build_graphs import BuildGraphs
from .check_dependencies import CheckDependencies
from .distance import DistanceToFault, DistanceToPluton
from .evaluate_heatmap import EvaluateHeatmap
from .identify_spectra import IdentifySpectra
from .predict_heatmap import PredictHeatmap
from .sample_area import SampleArea
from .targets import ExplorationTargets
from .train_gcn import TrainGCN

ALGORITHMS = [BandSubset, DistanceToPluton, DistanceToFault, BuildGraphs, TrainGCN, PredictHeatmap, EvaluateHeatmap,
              ExplorationTargets, SampleArea, IdentifySpectra, CheckDependencies]
