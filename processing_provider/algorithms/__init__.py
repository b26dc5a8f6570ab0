"""One module per algorithm; ``ALGORITHMS`` lists the classes the provider loads."""
from .check_dependencies import CheckDependencies

ALGORITHMS = [CheckDependencies]
