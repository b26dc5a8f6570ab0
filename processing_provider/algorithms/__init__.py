"""One module per algorithm; ``ALGORITHMS`` lists the classes the provider loads."""
from .band_subset import BandSubset
from .build_graphs import BuildGraphs
from .check_dependencies import CheckDependencies
from .distance import DistanceToFault, DistanceToPluton
from .sample_area import SampleArea

ALGORITHMS = [BandSubset, DistanceToPluton, DistanceToFault, BuildGraphs, SampleArea, CheckDependencies]
