"""Deterministic synthetic study area for tests and the demo (no QGIS needed)."""
from .endmembers import ENDMEMBER_TABLE, EndmemberTable, load_endmembers
from .generator import FILES, make_sample_area

__all__ = ["ENDMEMBER_TABLE", "EndmemberTable", "load_endmembers", "FILES", "make_sample_area"]
