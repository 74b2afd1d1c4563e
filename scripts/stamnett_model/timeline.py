"""When the modelled links came into service: the build-out years as data.

NHN's own account of the build-out: planning from 2011; in 2015 three
independent routes between the regional capitals Oslo, Bergen, Trondheim and
Tromsø; then the health regions, Helse Nord in 2017, Helse Midt-Norge in 2018,
Helse Vest in 2019 and Helse Sør-Øst from 2019 until the last hospital just
before Christmas 2021. Which link came when is not public; the model gives
each site the year its area was built and each link the later of its two ends'
years, except the 2015 core (computed by the build script), which is 2015.
"""

from __future__ import annotations

#: The year the network's core between the regional capitals was in service.
CORE_YEAR = 2015

#: A health region's year, for sites whose health trust or area has none below.
REGION_YEARS: dict[str, int] = {
    "Helse Nord": 2017,
    "Helse Midt-Norge": 2018,
    "Helse Vest": 2019,
    "Helse Sør-Øst": 2020,
}

#: Helse Sør-Øst, spread over 2019-2021: Oslo and Akershus first, around the
#: capital's core hub; Innlandet, Buskerud and Vestfold in 2020; Telemark,
#: Agder and Østfold last (Sykehuset Østfold was the last large hospital).
TRUST_YEARS: dict[str, int] = {
    "Oslo universitetssykehus HF": 2019,
    "Akershus universitetssykehus HF": 2019,
    "Lovisenberg Diakonale Sykehus": 2019,
    "Diakonhjemmet Sykehus": 2019,
    "Sunnaas sykehus HF": 2019,
    "Martina Hansens Hospital": 2019,
    "Sykehuset Telemark HF": 2021,
    "Betanien Hospital": 2021,
    "Sørlandet sykehus HF": 2021,
    "Sykehuset Østfold HF": 2021,
}

#: Junctions by the year of the area they serve (the rest: their region's year).
JUNCTION_YEARS: dict[str, int] = {
    "j-lillestrom": 2019,
    "j-nordagutu": 2021,
    "j-nelaug": 2021,
    "j-kristiansand": 2021,
    "j-ostersund": 2018,
    "j-umea": 2017,
    "j-lulea": 2017,
    "j-haparanda": 2017,
}

#: Sites that opened after the build-out began: their links are no older than this.
OPENED: dict[str, int] = {
    "ahus-gardermoen": 2022,  # Ahus took over the former LHL hospital at Gardermoen
}

#: Links on a carrier that came into service later than the rule would say: not before this.
NOT_BEFORE: dict[str, int] = {
    "L243": 2017,  # Statnett 420 kV Ofoten–Balsfjord, completed in 2017
    "L251": 2020,  # Statnett 420 kV Balsfjord–Skillemoen, in service 2020
    "L264": 2021,  # Statnett 420 kV Skillemoen–Skaidi, the last section, after Balsfjord–Skillemoen
}

#: How much dearer the 2015 core finds a link that ends at a hospital (see the build script).
HOSPITAL_DETOUR = 10

#: The capital pairs whose three shortest link-disjoint routes make the 2015 core.
CORE_PAIRS: tuple[tuple[str, str], ...] = (
    ("hub-oslo", "hub-bergen"),
    ("hub-oslo", "hub-trondheim"),
    ("hub-bergen", "hub-trondheim"),
    ("hub-trondheim", "hub-tromso"),
)
