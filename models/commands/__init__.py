"""Subcommands of ``python -m models`` (one module each)."""
