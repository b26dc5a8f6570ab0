"""Probability heatmaps: tile scores placed back on the grid, styled, and judged."""
