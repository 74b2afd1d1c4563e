"""The modelled network's risk groups, named so a planner understands them.

A group is one physical thing whose failure takes down every link in it: a
cable trench along a stretch of railway or road, a power line carrying fibre,
a sea cable (or a pair landing together), a bridge, a mountain pass or flood
zone where a road and a railway run side by side. Stretches are cut at
junctions, because a slide north of a town does not cut the cables south of it.

The helpers return a group's name and record its kind and description in
:data:`GROUPS`; the link tables call them, so every group used is described.
"""

from __future__ import annotations

#: name -> (kind, description); kinds are the values of ``stamnett_gui.domain.RiskKind``.
GROUPS: dict[str, tuple[str, str]] = {}


def _add(name: str, kind: str, description: str) -> str:
    known = GROUPS.setdefault(name, (kind, description))
    if known != (kind, description):
        raise ValueError(f"risk group {name!r} described twice, differently")
    return name


def rail(line: str, a: str, b: str) -> str:
    """The cable trench along a railway between two places (Bane NOR's, leased)."""
    return _add(
        f"{line} corridor {a}–{b}",
        "railway",
        f"The cable trench along {line} between {a} and {b}: a landslide, washout or digging "
        "here cuts every cable in it.",
    )


def road(name: str, a: str, b: str) -> str:
    """The ducts along a road between two places."""
    return _add(
        f"{name} {a}–{b}",
        "road",
        f"Cable ducts along {name} between {a} and {b}: roadworks, a slide or a washout cut "
        "every cable that runs here, whoever owns it.",
    )


def power(name: str, description: str) -> str:
    """A power line with fibre on its masts (OPGW or wrapped cable)."""
    return _add(name, "power line", description)


def sea(name: str, description: str) -> str:
    """A sea (or lake) cable, or cables that land together."""
    return _add(name, "sea cable", description)


def bridge(name: str, description: str) -> str:
    """A bridge that carries cables."""
    return _add(name, "bridge", description)


def zone(name: str, description: str) -> str:
    """A stretch where different routes share one hazard (a pass, a flood plain, a foreign route)."""
    return _add(name, "corridor", description)


# The groups the February 2024 storm in Nord-Norge took down together (see the docs).
VESTERALEN_CABLE = sea(
    "Vesterålen fibre cable Harstad–Sortland–Stokmarknes",
    "One fibre cable (land and short fjord crossings) from Harstad via Sortland to Stokmarknes. "
    "Modelled on the fibre-cable fault of the February 2024 storm.",
)
VESTERALEN_60KV = power(
    "60 kV power line Harstad–Sortland–Stokmarknes–Svolvær",
    "Regional 60 kV line with fibre on its masts through Vesterålen to Lofoten. Modelled on "
    "the broken 60 kV mast of the February 2024 storm.",
)
SVALBARD_PAIR = sea(
    "Svalbard sea cable pair",
    "The two Svalbard cables (Longyearbyen–Andøya). They follow separate tracks at sea but "
    "land at the same beaches at both ends: one landing fault or one anchor drag near shore "
    "takes both.",
)
HAUKELI = zone(
    "E134 Haukelifjell mountain pass",
    "E134 over Haukelifjell: winter closures and avalanches. Two modelled routes (from "
    "Notodden and from Rjukan) both cross it.",
)
GUDBRANDSDALEN = zone(
    "Gudbrandsdalen flood zone",
    "The valley floor Lillehammer–Otta–Dombås where Dovrebanen, E6 and Rv15 run side by side; "
    "the August 2023 storm Hans washed out railway and road here.",
)
DOVREFJELL = zone(
    "Dovrefjell mountain pass",
    "Dovrebanen and E6 cross Dovrefjell from Dombås over Hjerkinn to Kongsvoll a few hundred "
    "metres apart; Rv29 from Folldal joins E6 at Hjerkinn.",
)
SALTFJELLET = zone(
    "Saltfjellet mountain pass",
    "Nordlandsbanen and E6 cross Saltfjellet side by side; storms close both. The Statnett "
    "420 kV line takes another track.",
)
ARNA_VOSS = zone(
    "Bolstadøyri–Dale landslide zone",
    "E16 and Bergensbanen share the narrow valley Arna–Dale–Voss, closed by slides most winters.",
)
ASKOY_BRIDGE = bridge(
    "Askøy bridge",
    "Askøybrua: both land routes to Askøy cross it, whoever owns the cable.",
)
E18_WEST = road("E18", "Oslo", "Drammen")

# Stretches where two modelled links share one road or track (a shared trench).
DRAMMEN_HOKKSUND = rail("Sørlandsbanen", "Drammen", "Hokksund")
HAUGESUND_AKSDAL = road("E134", "Haugesund", "Aksdal")
BORLAUG_LAERDAL = road("E16", "Borlaug", "Lærdal")
FORDE_SKEI = road("E39/Rv5", "Førde", "Skei")
ALESUND_ORSKOG = road("E39", "Ålesund", "Ørskog")
NEIDEN_KIRKENES = road("E6", "Neiden", "Kirkenes")
BJERKVIK_EVENES = road("E10", "Bjerkvik", "Evenes")
GARDERMOBANEN = rail("Gardermobanen", "Lillestrøm", "Gardermoen")
E6_GARDERMOEN_HAMAR = road("E6", "Gardermoen", "Hamar")

# Sea cables that land at the same beach share the landing (see SVALBARD_PAIR).
BODO_LANDING = sea(
    "Bodø sea cable landing",
    "The Helgeland and Vestfjorden sea cables come ashore at the same landing in Bodø: one "
    "fault at the landing or one anchor near shore takes them all.",
)
ANDOYA_LANDING = sea(
    "Andøya sea cable landing (Breivika)",
    "The sea cables to Senja and Tromsø come ashore at the Svalbard cables' landing at "
    "Breivika on Andøya: one fault there takes them all.",
)
