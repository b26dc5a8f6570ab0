"""One module per algorithm; ``ALGORITHMS`` lists the classes the provider loads."""
from .band_subset import BandSubset
from .check_dependencies import CheckDependencies

ALGORITHMS = [BandSubset, CheckDependencies]
