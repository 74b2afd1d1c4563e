"""The modelled Stamnettet: site ids, core, junctions, links and risk groups as data.

NHN's real topology is not public. This package is the project's own model of
it, drawn along real corridors; ``scripts/build_network.py`` turns it and the
hospital table into ``resources/networks/stamnettet-modelled.geojson``.
"""

from __future__ import annotations

from .groups import GROUPS, SVALBARD_PAIR, VESTERALEN_60KV, VESTERALEN_CABLE
from .hospitals_2026 import ADDED, CLOSED, MOVED, NO_LONGER_HOSPITALS, TABLE_PRECISION
from .links_north import FINNMARK_AND_ABROAD, MIDT, NORD
from .links_south import BERGEN_AND_WEST, SOUTH_EAST
from .sites import CORE, EXCEPTIONS, HOSPITAL_IDS, JUNCTIONS, ModelSite
from .spec import LinkSpec

#: Every modelled link; each carries its own id (L001, L002...), which stays when others change.
LINKS: tuple[LinkSpec, ...] = SOUTH_EAST + BERGEN_AND_WEST + MIDT + NORD + FINNMARK_AND_ABROAD

#: Real events the model can replay as a failure of risk groups (kept in the file's metadata).
REFERENCE_EVENTS: tuple[dict[str, object], ...] = (
    {
        "name": "Storm in Nord-Norge, February 2024",
        "failed_groups": [VESTERALEN_CABLE, VESTERALEN_60KV],
        "what_happened": "Two of the three routes between Tromsø and Bodø were down at once: a "
                         "fibre-cable fault and a broken 60 kV power-line mast that carried fibre. "
                         "NHN named Harstad–Stokmarknes–Svolvær as the exposed area (NRK, 2024).",
        "in_this_model": "Stokmarknes keeps 1 route, Harstad 2 and Svolvær 3 of its 4+.",
    },
    {
        "name": "Svalbard cable fault",
        "failed_groups": [SVALBARD_PAIR],
        "what_happened": "One of the two Svalbard cables was damaged in January 2022; the pair "
                         "shares its landings.",
        "in_this_model": "Longyearbyen is isolated when the pair fails together.",
    },
)

__all__ = [
    "ADDED",
    "CLOSED",
    "CORE",
    "EXCEPTIONS",
    "GROUPS",
    "HOSPITAL_IDS",
    "JUNCTIONS",
    "LINKS",
    "MOVED",
    "NO_LONGER_HOSPITALS",
    "REFERENCE_EVENTS",
    "TABLE_PRECISION",
    "LinkSpec",
    "ModelSite",
]
