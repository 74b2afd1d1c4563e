"""The hospitals as of 2026: what has changed since the 2020 list of treatment places.

The hospital table is the 2020 list. Since then hospitals have moved to new
buildings, closed, stopped being hospitals or opened; these tables say so,
each with the page (a health trust's, a builder's, or news) that says it. A
position that could not be checked at the building is given at the place
(``coord_precision: "place"``). Positions are ``(lat, lon)`` as in the rest of
the model.
"""

from __future__ import annotations

from typing import NamedTuple

#: How exact a position is, for the table's ``coord_precision`` values.
TABLE_PRECISION: dict[str, str] = {
    "address-geocoded": "address",
    "bus-stop at site": "address",
    "town-level (~2 km)": "place",
}


class Move(NamedTuple):
    """A hospital that is somewhere else in 2026 than in the 2020 list."""

    lat: float
    lon: float
    coord_precision: str
    source: str
    note: str
    name: str = ""


_SYKEHUSBYGG = "Sykehusbygg HF"

#: Hospitals that moved to a new building since the 2020 list: their 2026 position.
MOVED: dict[str, Move] = {
    "vv-drammen": Move(
        59.7420, 10.2320, "place",
        "Vestre Viken HF, 'Nytt sykehus i Drammen'; Helse Sør-Øst, 'Nytt sykehus i Drammen'; "
        "Sykehusbygg HF project page",
        "The new Drammen sykehus at Brakerøya, beside Brakerøya station, in full operation from "
        "October 2025. It replaces both the old Drammen sykehus (Dronninggata) and Blakstad "
        "sykehus (psychiatry, Asker). Placed at Brakerøya by the station, not at a surveyed "
        "building point.",
    ),
    "sus-stavanger": Move(
        58.9405, 5.6955, "place",
        "Sykehusbygg HF, 'SUS Ullandhaug er offisielt åpnet' (14.01.2026); Helse Stavanger, "
        "'Nytt sykehus på Ullandhaug'",
        "Somatic beds, acute care and their support moved from Våland to the new hospital at "
        "Ullandhaug, next to the University of Stavanger, on 16 November 2025. Psychiatry stays "
        "at Våland (site sus-valand). Placed at Ullandhaug north of the university campus, not at "
        "a surveyed building point.",
        name="Stavanger universitetssjukehus, Ullandhaug",
    ),
    "hmr-molde": Move(
        62.7790, 7.4530, "place",
        "Helse Møre og Romsdal, 'Sjukehuset Nordmøre og Romsdal'; Ratio arkitekter, 'Offisiell "
        "opning av det nye Sjukehuset Nordmøre og Romsdal' (06.06.2025)",
        "Sjukehuset Nordmøre og Romsdal (SNR) at Hjelset in Molde, officially opened on 2 June "
        "2025, replaces Molde sjukehus (Parkvegen) and the in-patient functions of Kristiansund "
        "sjukehus. Placed at Hjelset, not at a surveyed building point.",
        name="Sjukehuset Nordmøre og Romsdal, Hjelset",
    ),
    "finnmark-hammerfest": Move(
        70.6700, 23.6660, "place",
        "Finnmarkssykehuset HF, 'Nye Hammerfest sykehus' and 'Et enestående sykehus' "
        "(Rossmolla, nedre Fuglenes); Sykehusbygg HF",
        "The new Hammerfest sykehus by the marina at Rossmolla on nedre Fuglenes, in use since "
        "1 January 2025; the old hospital on Sykehusveien is closed. Placed at Rossmolla, not at a "
        "surveyed building point.",
    ),
    "unn-narvik": Move(
        68.4450, 17.4550, "place",
        "Universitetssykehuset Nord-Norge HF, 'Nytt sykehus i Narvik' (Furumoen, between Narvik "
        "centre and Hålogalandsbrua)",
        "Nye UNN Narvik at Furumoen, between Narvik centre and Hålogalandsbrua: somatics, "
        "psychiatry and addiction care in one building, replacing the hospital on the "
        "'sykehushaugen' in the centre and the buildings at Håkvik. Placed at Furumoen, not at a "
        "surveyed building point.",
    ),
}

#: Hospitals of the 2020 list that are no longer hospital sites in 2026, and why.
CLOSED: dict[str, str] = {
    "vv-blakstad": "Blakstad sykehus (psychiatry, Asker) moved into the new Drammen sykehus at "
                   "Brakerøya in 2025 (Vestre Viken HF, 'Nytt sykehus i Drammen').",
}


class Hospital(NamedTuple):
    """A hospital site the 2020 list lacks: every fact the table would give."""

    id: str
    name: str
    health_trust: str
    region: str
    municipality: str
    lat: float
    lon: float
    kommunenummer: str
    county_2024: str
    type: str
    ownership: str
    coord_precision: str
    source: str
    notes: str


#: Hospital sites the 2020 list lacks and the trusts list in 2026.
ADDED: tuple[Hospital, ...] = (
    Hospital(
        "sus-valand", "Stavanger universitetssjukehus, Våland (psykisk helsevern)",
        "Helse Stavanger HF", "Helse Vest", "Stavanger", 58.95225, 5.73246, "1103", "Rogaland",
        "psychiatric", "HF", "address",
        "Position: Eurostat GISCO / helsenorge.no list of treatment places (2020-01-01), record "
        "of Stavanger universitetssjukehus at Våland; Helse Stavanger, 'Nytt sykehus på "
        "Ullandhaug' ('Det blir fortsatt drift på Våland')",
        "Psychiatry stays at Våland after somatic care moved to Ullandhaug in November 2025.",
    ),
    Hospital(
        "ahus-gardermoen", "Akershus universitetssykehus, Gardermoen",
        "Akershus universitetssykehus HF", "Helse Sør-Øst", "Ullensaker", 60.1630, 11.1580,
        "3209", "Akershus", "somatic", "HF", "place",
        "Listed by Akershus universitetssykehus as Ahus Gardermoen: the former LHL-sykehuset "
        "Gardermoen (opened 2018) at Gardermoen Campus, Jessheim nord, between E6 and "
        "Trondheimsvegen (LHL, 'Alt klart for byggestart for LHL-sykehuset Gardermoen', 2015; "
        "gardermoencampus.no)",
        "Placed at Gardermoen Campus by the E6 Jessheim nord interchange, not at a surveyed "
        "building point.",
    ),
)


class NotAHospital(NamedTuple):
    """A hospital of the 2020 list that stays in the network as another kind of site."""

    name: str
    kind: str
    note: str
    source: str


#: Sites of the 2020 list that are no longer hospitals but stay in the network.
NO_LONGER_HOSPITALS: dict[str, NotAHospital] = {
    "hmr-kristiansund": NotAHospital(
        "SNR Kristiansund (district medical centre)", "junction",
        "Kristiansund sjukehus lost its in-patient functions to Sjukehuset Nordmøre og Romsdal "
        "at Hjelset in June 2025 and becomes a district medical centre (DMS): day treatment, "
        "out-patient clinics and day surgery of Helse Møre og Romsdal with the municipality's "
        "services. It stays in the network, as a site the health network still serves and "
        "where the Trondheimsleia sea cable, Rv64 and E39 meet, but it is no longer counted as "
        "a hospital.",
        "Helse Møre og Romsdal, 'Distriktsmedisinsk senter i Kristiansund'",
    ),
}
