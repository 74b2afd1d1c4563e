"""Site ids, the core and the junctions of the modelled network.

Hospitals come from the hospital table; here they only get a stable id (what
has changed since the table's 2020 list is in ``hospitals_2026``). The
core (four hubs and NHN's two data centres) and the junctions (where corridors
meet or sea cables land) are modelled: a town or station, not a known NHN site.
Positions are ``(lat, lon)`` in degrees, north first as a map reader says them.
"""

from __future__ import annotations

from typing import NamedTuple

#: The hospital table's ``name`` -> the site id (stable, readable ASCII).
HOSPITAL_IDS: dict[str, str] = {
    "Akershus universitetssykehus, Nordbyhagen": "ahus-nordbyhagen",
    "Akershus universitetssykehus, Kongsvinger": "ahus-kongsvinger",
    "Akershus universitetssykehus, Ski sykehus": "ahus-ski",
    "Oslo universitetssykehus, Rikshospitalet": "ous-rikshospitalet",
    "Oslo universitetssykehus, Ullevål": "ous-ulleval",
    "Oslo universitetssykehus, Radiumhospitalet": "ous-radiumhospitalet",
    "Oslo universitetssykehus, Aker": "ous-aker",
    "Oslo universitetssykehus, Gaustad": "ous-gaustad",
    "Oslo universitetssykehus, Dikemark": "ous-dikemark",
    "Sunnaas sykehus": "sunnaas",
    "Lovisenberg Diakonale Sykehus": "lovisenberg",
    "Diakonhjemmet Sykehus": "diakonhjemmet",
    "Martina Hansens Hospital": "martina-hansens",
    "Sykehuset Innlandet, Hamar": "si-hamar",
    "Sykehuset Innlandet, Elverum": "si-elverum",
    "Sykehuset Innlandet, Gjøvik": "si-gjovik",
    "Sykehuset Innlandet, Lillehammer": "si-lillehammer",
    "Sykehuset Innlandet, Tynset": "si-tynset",
    "Sykehuset Innlandet, Granheim lungesykehus": "si-granheim",
    "Sykehuset Innlandet, Ottestad (fysikalsk medisin og rehabilitering)": "si-ottestad",
    "Sykehuset Innlandet, Reinsvoll": "si-reinsvoll",
    "Sykehuset Innlandet, Sanderud": "si-sanderud",
    "Revmatismesykehuset Lillehammer": "revmatismesykehuset",
    "Sykehuset i Vestfold, Tønsberg": "siv-tonsberg",
    "Sykehuset i Vestfold, Larvik": "siv-larvik",
    "Sykehuset i Vestfold, Stavern": "siv-stavern",
    "Sykehuset Telemark, Skien": "sthf-skien",
    "Sykehuset Telemark, Porsgrunn": "sthf-porsgrunn",
    "Sykehuset Telemark, Notodden": "sthf-notodden",
    "Sykehuset Telemark, Kragerø": "sthf-kragero",
    "Sykehuset Telemark, Rjukan": "sthf-rjukan",
    "Betanien Hospital, Skien": "betanien-skien",
    "Sykehuset Østfold, Kalnes": "so-kalnes",
    "Sykehuset Østfold, Moss": "so-moss",
    "Sørlandet sykehus, Kristiansand": "sshf-kristiansand",
    "Sørlandet sykehus, Arendal": "sshf-arendal",
    "Sørlandet sykehus, Flekkefjord": "sshf-flekkefjord",
    "Vestre Viken, Drammen sykehus": "vv-drammen",
    "Vestre Viken, Bærum sykehus": "vv-baerum",
    "Vestre Viken, Kongsberg sykehus": "vv-kongsberg",
    "Vestre Viken, Ringerike sykehus": "vv-ringerike",
    "Vestre Viken, Hallingdal sjukestugu": "vv-hallingdal",
    "Vestre Viken, Blakstad": "vv-blakstad",
    "Modum Bad": "modum-bad",
    "Haukeland universitetssjukehus": "haukeland",
    "Voss sjukehus": "voss",
    "Helse Bergen, Sandviken (psykiatrisk klinikk)": "sandviken",
    "Kysthospitalet i Hagevik": "hagevik",
    "Haraldsplass Diakonale Sykehus": "haraldsplass",
    "NKS Olaviken alderspsykiatriske sykehus": "olaviken",
    "Solli sykehus": "solli",
    "Haugesund sjukehus": "haugesund",
    "Stord sjukehus": "stord",
    "Odda sjukehus": "odda",
    "Valen sjukehus": "valen",
    "Haugesund Sanitetsforenings Revmatismesykehus": "haugesund-revmatisme",
    "Førde sentralsjukehus": "forde",
    "Lærdal sjukehus": "laerdal",
    "Nordfjord sjukehus": "nordfjord",
    "Stavanger universitetssjukehus": "sus-stavanger",
    "St. Olavs hospital, Øya (Trondheim)": "stolav-oya",
    "St. Olavs hospital, Orkdal sjukehus": "stolav-orkdal",
    "St. Olavs hospital, Røros sykehus": "stolav-roros",
    "St. Olavs hospital, Østmarka": "stolav-ostmarka",
    "Sykehuset Levanger": "hnt-levanger",
    "Sykehuset Namsos": "hnt-namsos",
    "Ålesund sjukehus": "hmr-alesund",
    "Volda sjukehus": "hmr-volda",
    "Molde sjukehus": "hmr-molde",
    "Kristiansund sjukehus": "hmr-kristiansund",
    "Universitetssykehuset Nord-Norge, Tromsø": "unn-tromso",
    "Universitetssykehuset Nord-Norge, Åsgård": "unn-asgard",
    "Universitetssykehuset Nord-Norge, Harstad": "unn-harstad",
    "Universitetssykehuset Nord-Norge, Narvik": "unn-narvik",
    "Universitetssykehuset Nord-Norge, Longyearbyen sykehus": "unn-longyearbyen",
    "Nordlandssykehuset, Bodø": "nlsh-bodo",
    "Nordlandssykehuset, Bodø psykiatri (Rønvik)": "nlsh-ronvik",
    "Nordlandssykehuset, Lofoten (Gravdal)": "nlsh-gravdal",
    "Nordlandssykehuset, Vesterålen (Stokmarknes)": "nlsh-stokmarknes",
    "Helgelandssykehuset, Mo i Rana": "hsyk-mo-i-rana",
    "Helgelandssykehuset, Mosjøen": "hsyk-mosjoen",
    "Helgelandssykehuset, Sandnessjøen": "hsyk-sandnessjoen",
    "Finnmarkssykehuset, Hammerfest": "finnmark-hammerfest",
    "Finnmarkssykehuset, Kirkenes": "finnmark-kirkenes",
    "Finnmarkssykehuset, Klinikk Alta": "finnmark-alta",
    "Finnmarkssykehuset, Karasjok (SANKS psykisk helsevern)": "finnmark-karasjok",
}

class ModelSite(NamedTuple):
    """A modelled site: a core hub, a data centre or a junction."""

    id: str
    name: str
    kind: str
    lat: float
    lon: float
    municipality: str
    region: str
    note: str


def _site(id: str, name: str, kind: str, lat: float, lon: float, municipality: str,
          region: str, note: str = "") -> ModelSite:
    return ModelSite(id, name, kind, lat, lon, municipality, region, note)


_HUB = "modelled: the city's main exchange area; NHN's core sites are not public"
_DC = "NHN runs a data centre here (public); its position is modelled"

#: The core: the four regional capitals and NHN's two data centres.
CORE: tuple[ModelSite, ...] = (
    _site("hub-oslo", "Oslo core hub", "hub", 59.9111, 10.7528, "Oslo", "Helse Sør-Øst", _HUB),
    _site("hub-bergen", "Bergen core hub", "hub", 60.3920, 5.3240, "Bergen", "Helse Vest", _HUB),
    _site("hub-trondheim", "Trondheim core hub", "hub", 63.4305, 10.3951, "Trondheim",
          "Helse Midt-Norge", _HUB),
    _site("dc-trondheim", "NHN data centre Trondheim", "datacentre", 63.3650, 10.3700,
          "Trondheim", "Helse Midt-Norge", _DC),
    _site("hub-tromso", "Tromsø core hub", "hub", 69.6489, 18.9551, "Tromsø", "Helse Nord", _HUB),
    _site("dc-tromso", "NHN data centre Tromsø", "datacentre", 69.6280, 18.9150, "Tromsø",
          "Helse Nord", _DC),
)

_SE, _FI = "Sweden (outside Stamnettet's regions)", "Finland/Sweden (outside Stamnettet's regions)"

#: Where corridors meet or sea cables land.
JUNCTIONS: tuple[ModelSite, ...] = (
    _site("j-lillestrom", "Lillestrøm", "junction", 59.9560, 11.0490, "Lillestrøm", "Helse Sør-Øst",
          "rail hub: Hovedbanen, Gardermobanen, Kongsvingerbanen"),
    _site("j-hamar", "Hamar", "junction", 60.7945, 11.0680, "Hamar", "Helse Sør-Øst",
          "Dovrebanen meets Rørosbanen; Mjøsa crossing"),
    _site("j-honefoss", "Hønefoss", "junction", 60.1660, 10.2580, "Ringerike", "Helse Sør-Øst",
          "Bergensbanen, Randsfjordbanen and E16 meet"),
    _site("j-asker", "Asker", "junction", 59.8336, 10.4347, "Asker", "Helse Sør-Øst",
          "Drammenbanen (Lieråsen tunnel) and E18 meet; Blakstad sykehus, the node here until "
          "2025, moved to Drammen"),
    _site("j-drammen", "Drammen", "junction", 59.7440, 10.2045, "Drammen", "Helse Sør-Øst",
          "Drammenbanen, Sørlandsbanen, Vestfoldbanen, Randsfjordbanen, E18 and E134 meet"),
    _site("j-nordagutu", "Nordagutu", "junction", 59.4170, 9.3220, "Midt-Telemark", "Helse Sør-Øst",
          "Sørlandsbanen meets Bratsbergbanen"),
    _site("j-nelaug", "Nelaug", "junction", 58.6570, 8.6330, "Åmli", "Helse Sør-Øst",
          "Sørlandsbanen meets Arendalsbanen"),
    _site("j-kristiansand", "Kristiansand", "junction", 58.1460, 7.9950, "Kristiansand",
          "Helse Sør-Øst", "Sørlandsbanen, E18, E39 and Statnett meet"),
    _site("j-stavanger", "Stavanger", "junction", 58.9700, 5.7330, "Stavanger", "Helse Vest",
          "Sørlandsbanen ends; Boknafjorden crossings; Rv13 Ryfylke"),
    _site("j-haugesund", "Haugesund", "junction", 59.4130, 5.2680, "Haugesund", "Helse Vest",
          "E39 and E134 meet; sea cables south"),
    _site("j-roldal", "Røldal", "junction", 59.8316, 6.8200, "Ullensvang", "Helse Vest",
          "E134 meets Rv13"),
    _site("j-alesund", "Ålesund", "junction", 62.4720, 6.1540, "Ålesund", "Helse Midt-Norge",
          "coastal sea cables land; Statnett Ørskog nearby"),
    _site("j-dombas", "Dombås", "junction", 62.0747, 9.1247, "Dovre", "Helse Sør-Øst",
          "Dovrebanen meets Raumabanen; E6 meets E136"),
    _site("j-storen", "Støren", "junction", 63.0340, 10.2870, "Midtre Gauldal", "Helse Midt-Norge",
          "Dovrebanen meets Rørosbanen; E6 meets Rv3"),
    _site("j-hell", "Hell (Stjørdal)", "junction", 63.4453, 10.9000, "Stjørdal", "Helse Midt-Norge",
          "Nordlandsbanen meets Meråkerbanen towards Sweden"),
    _site("j-steinkjer", "Steinkjer", "junction", 64.0140, 11.4950, "Steinkjer", "Helse Midt-Norge",
          "E6 and Nordlandsbanen; Fv17 to Namsos"),
    _site("j-grong", "Grong", "junction", 64.4630, 12.3120, "Grong", "Helse Midt-Norge",
          "E6 and Nordlandsbanen; road to Namsos"),
    _site("j-mo-i-rana", "Mo i Rana", "junction", 66.3128, 14.1428, "Rana", "Helse Nord",
          "Nordlandsbanen, E6, E12 to Sweden and Statnett Rana meet"),
    _site("j-fauske", "Fauske (Salten)", "junction", 67.2590, 15.3930, "Fauske", "Helse Nord",
          "Nordlandsbanen to Bodø, E6 north and Statnett Salten meet"),
    _site("j-bodo", "Bodø", "junction", 67.2800, 14.4050, "Bodø", "Helse Nord",
          "exchange; Vestfjorden and Helgeland sea cables land"),
    _site("j-svolvaer", "Svolvær", "junction", 68.2342, 14.5683, "Vågan", "Helse Nord",
          "Lofoten: E10, Vestfjorden sea cable, 60 kV line from Vesterålen"),
    _site("j-sortland", "Sortland", "junction", 68.6975, 15.4130, "Sortland", "Helse Nord",
          "Vesterålen: cable and 60 kV line from Harstad, road to Andøya"),
    _site("j-andoya", "Andøya, Breivika (Svalbard cable landing)", "junction", 69.2620, 15.9400,
          "Andøy", "Helse Nord", "Breivika: landing station of the two Svalbard cables, which go on "
          "to Harstad (position approximate: Breivika on the west side of Andøya, facing the "
          "trawl-free Bleiksdjupet)"),
    _site("j-bjerkvik", "Bjerkvik", "junction", 68.5500, 17.5600, "Narvik", "Helse Nord",
          "E6 meets E10 (Lofast) towards Harstad and Lofoten"),
    _site("j-narvik", "Narvik (Ofoten)", "junction", 68.4300, 17.4300, "Narvik", "Helse Nord",
          "Ofotbanen to Sweden, E6 and Statnett Ofoten substation"),
    _site("j-bardufoss", "Bardufoss", "junction", 69.0640, 18.5220, "Målselv", "Helse Nord",
          "E6 meets Rv86 to Finnsnes"),
    _site("j-finnsnes", "Finnsnes", "junction", 69.2296, 17.9811, "Senja", "Helse Nord",
          "sea cables to Tromsø, Harstad and Andøya"),
    _site("j-nordkjosbotn", "Nordkjosbotn (Balsfjord)", "junction", 69.2190, 19.5500, "Balsfjord",
          "Helse Nord", "E6 meets E8; Statnett Balsfjord substation"),
    _site("j-skibotn", "Skibotn", "junction", 69.3900, 20.2700, "Storfjord", "Helse Nord",
          "E6 meets E8 from Finland"),
    _site("j-alta", "Alta (Skillemoen)", "junction", 69.9420, 23.3300, "Alta", "Helse Nord",
          "Statnett Skillemoen substation and exchange"),
    _site("j-skaidi", "Skaidi", "junction", 70.4300, 24.4900, "Hammerfest", "Helse Nord",
          "E6 meets Rv94 to Hammerfest; Statnett Skaidi"),
    _site("j-lakselv", "Lakselv", "junction", 70.0510, 24.9710, "Porsanger", "Helse Nord",
          "E6 meets Rv98"),
    _site("j-tana", "Tana bru", "junction", 70.1970, 28.1870, "Tana", "Helse Nord",
          "E6 meets E75 towards Vadsø"),
    _site("j-ostersund", "Östersund", "junction", 63.1792, 14.6357, "Östersund", _SE,
          "leased routes through Sweden meet"),
    _site("j-umea", "Umeå", "junction", 63.8258, 20.2630, "Umeå", _SE,
          "E12 from Mo i Rana meets the Swedish main line"),
    _site("j-lulea", "Luleå", "junction", 65.5848, 22.1547, "Luleå", _SE,
          "Malmbanan from Narvik meets E4"),
    _site("j-haparanda", "Haparanda–Tornio", "junction", 65.8355, 24.1368, "Haparanda", _FI,
          "E4 meets E8 and the Finnish route to Kirkenes"),
)

#: Sites below the target in the intact network, and why (written into the file's metadata).
#: ``edge_disjoint_paths`` is given where the site has fewer than three routes at all;
#: ``risk_disjoint_paths`` where its routes share risks so that fewer than three risk groups
#: cut it off. Both are the finding, not a fault of the model: no link is invented to hide them.
EXCEPTIONS: tuple[dict[str, object], ...] = (
    {
        "site": "unn-longyearbyen",
        "edge_disjoint_paths": 2,
        "risk_disjoint_paths": 1,
        "shared_risks": ["Svalbard sea cable pair", "Andøya sea cable landing (Breivika)"],
        "reason": "Svalbard is reached only by the two Svalbard sea cables (Longyearbyen–Andøya); "
                  "a third route would be satellite or radio, which this model leaves out. The "
                  "two cables share their landings at Hotellneset and Breivika, so one landing "
                  "fault cuts Longyearbyen off.",
    },
    {
        "site": "finnmark-kirkenes",
        "risk_disjoint_paths": 2,
        "shared_risks": ["E6 Tana bru–Varangerbotn", "E6 Neiden–Kirkenes"],
        "reason": "Kirkenes has three routes: E6 by Neiden, E75 with the Varangerfjorden sea "
                  "cable, and the Finland route. E6 and E75 leave Tana bru in one road as far as "
                  "Varangerbotn, and the Finland route runs in E6 from Kirkenes to Neiden: a "
                  "fault on E6 Neiden–Kirkenes and a cut of the sea cable route isolate it.",
    },
    {
        "site": "olaviken",
        "risk_disjoint_paths": 2,
        "shared_risks": ["Askøy bridge"],
        "reason": "Askøy has two land routes and both cross Askøybrua; the third is the Byfjorden "
                  "sea cable. The bridge and the sea cable together isolate Olaviken.",
    },
    {
        "site": "j-andoya",
        "risk_disjoint_paths": 2,
        "shared_risks": ["Andøya sea cable landing (Breivika)"],
        "reason": "The junction at Breivika has Rv82 to Sortland and four sea cables, and the "
                  "sea cables all come ashore at the one landing: the landing and Rv82 together "
                  "cut it off. No hospital depends on it but Longyearbyen.",
    },
)
