"""Mineral groups a geologist names when the species cannot be told apart (SWIR practice, e.g. the
Spectral Geologist / AusSpec groupings): kaolin group, smectites, white micas, silica, carbonates, …

A result reports its top species and the group holding it, with the group's summed probability, so a
kaolinite/dickite or muscovite/illite confusion still gives the right group.
"""
from __future__ import annotations

from typing import Dict, List, Optional, Sequence

import numpy as np

GROUPS: Dict[str, tuple] = {
    "kaolin group": ("Kaolinite", "Dickite", "Halloysite"),
    "smectites": ("Montmorillonite", "Nontronite", "Hectorite"),
    "white micas": ("Muscovite", "Illite", "Lepidolite", "Pyrophyllite"),
    "dark micas": ("Biotite", "Phlogopite", "Glauconite", "Vermiculite"),
    "silica": ("Quartz", "Opal"),
    "carbonates": ("Calcite", "Dolomite", "Siderite", "Rhodochrosite", "Strontianite", "Witherite"),
    "feldspars": ("K-feldspar", "Albite", "Andesine", "Labradorite", "Bytownite", "Anorthite"),
    "sulfates (alunite–jarosite)": ("Alunite", "Jarosite"),
    "iron oxides": ("Goethite", "Hematite", "Magnetite"),
    "chlorite–serpentine": ("Chlorite", "Serpentine", "Cookeite"),
    "epidote group": ("Epidote", "Zoisite", "Allanite"),
    "amphiboles": ("Actinolite", "Tremolite", "Hornblende", "Anthophyllite", "Cummingtonite", "Glaucophane",
                   "Richterite"),
    "pyroxenes": ("Augite", "Diopside", "Enstatite", "Hypersthene", "Hedenbergite", "Pigeonite", "Jadeite",
                  "Spodumene"),
    "garnets": ("Almandine", "Andradite", "Grossular", "Spessartine"),
    "zeolites": ("Clinoptilolite", "Heulandite", "Natrolite", "Stilbite"),
}
_OF = {m: g for g, members in GROUPS.items() for m in members}


def group_of(mineral: str) -> Optional[str]:
    return _OF.get(mineral)


def group_index(classes: Sequence[str]) -> np.ndarray:
    """(C,) int group number per class (its own number when in no group), for group-level accuracy."""
    names: List[str] = []
    out = np.empty(len(classes), dtype=int)
    for i, c in enumerate(classes):
        g = _OF.get(c, c)
        if g not in names:
            names.append(g)
        out[i] = names.index(g)
    return out
