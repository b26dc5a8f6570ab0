"""``python -m models``: the command-line interface (no QGIS needed)."""
import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
