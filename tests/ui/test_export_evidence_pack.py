"""The evidence pack: a PDF whose text a risk report can quote, page by page."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from pypdf import PdfReader

from stamnett_gui.analysis import assess_diversity
from stamnett_gui.domain import FailureScenario, Link, Measure, Network, Site, SiteKind, Status
from stamnett_gui.domain.content_hash import network_hash
from stamnett_gui.ui.evidence_pack import (
    EvidencePack,
    PackSection,
    export_evidence_pack,
    prepare_pack,
    render_pack,
)
from stamnett_gui.ui.export import ExportError

STORM = FailureScenario(failed_groups=frozenset({"E39 corridor"}))
DATE = datetime.date(2026, 2, 3)


def page_texts(data: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


@pytest.fixture
def storm_pack(west_coast):
    section = PackSection("E39 storm", STORM, notes="Both E39 cables cut by one slide.")
    return EvidencePack(west_coast, (section,), date=DATE)


def test_the_pack_quotes_every_affected_site_with_its_values_before_and_after(qapp, storm_pack, west_coast):
    data = render_pack(storm_pack, prepare_pack(storm_pack))
    assert data.startswith(b"%PDF-")
    text = " ".join(page_texts(data))
    for expected in ("Evidence: E39 storm", "E39 storm", "Both E39 cables cut by one slide.",
                     network_hash(west_coast), "2026-02-03", "Failed elements", "E39 corridor",
                     "Method", "Modelled links"):
        assert expected in text, expected
    report = assess_diversity(west_coast, STORM)
    affected = [s for s in report.sites if s.lost]
    assert {s.site_id for s in affected} >= {"forde", "alesund"}
    for entry in affected:
        assert entry.name in text
        now = ("no route" if entry.diversity == 0 else
               f"{entry.diversity} independent route" + ("s" if entry.diversity > 1 else ""))
        before = f"{entry.baseline} or more" if entry.baseline >= report.cap else str(entry.baseline)
        sentence = f"Now {now} to the core, {before} in the intact network (target 3): {entry.status.value}."
        assert sentence in text, sentence
    # Førde is isolated: no route left, and the cut is the E39 pair by name.
    assert report["forde"].status is Status.ISOLATED


def test_each_remaining_route_and_minimum_cut_is_in_words(qapp, west_coast):
    scenario = FailureScenario(failed_links=frozenset({"L1"}))
    pack = EvidencePack(west_coast, (PackSection("Bergen–Førde cable cut", scenario),), date=DATE)
    text = re.sub(r"\s+:", ":", " ".join(page_texts(render_pack(pack, prepare_pack(pack)))))
    # Førde keeps one route, over Ålesund and Dombås; losing L2 alone isolates it.
    assert "Førde sentralsjukehus → Ålesund sjukehus → Dombås →" in text
    assert "Minimum cut: link L2 (Førde sentralsjukehus – Ålesund sjukehus). Losing it alone" in text


def test_pages_are_numbered_and_fonts_embedded_and_maps_are_vector(qapp, storm_pack):
    data = render_pack(storm_pack, prepare_pack(storm_pack))
    reader = PdfReader(io.BytesIO(data))
    total = len(reader.pages)
    assert total >= 4  # cover, maps, words, method
    for number, text in enumerate(page_texts(data), start=1):
        assert f"Page {number} of {total}" in text
    for page in reader.pages:
        assert not page.images
        box = page.mediabox
        assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor or "/FontFile" in descriptor or "/FontFile3" in descriptor


def ladder(count: int) -> Network:
    """Two hubs and ``count`` hospitals, each linked to both; every link to the north in one trench."""
    hubs = (Site("north", "North hub", 14.0, 67.0, SiteKind.HUB),
            Site("south", "South hub", 10.0, 60.0, SiteKind.HUB))
    sites = tuple(Site(f"s{i}", f"Hospital {i:02d}", 8.0 + i * 0.15, 60.5 + i * 0.2) for i in range(count))
    links = tuple(Link(f"N{i}", f"s{i}", "north", risk_groups=frozenset({"Trench"})) for i in range(count))
    links += tuple(Link(f"S{i}", f"s{i}", "south") for i in range(count))
    return Network("Ladder", hubs + sites, links, core=frozenset({"north", "south"}))


def test_words_longer_than_a_page_flow_on_with_nothing_twice(qapp):
    """Each site's words stay whole on a page; nothing drawn clipped at a page's top is there twice."""
    cut_trench = PackSection("Trench cut", FailureScenario(failed_groups=frozenset({"Trench"})))
    pack = EvidencePack(ladder(40), (cut_trench,), date=DATE)
    results = prepare_pack(pack)
    assert len(results[0].affected) == 42  # every hospital, and the two hubs cut apart
    texts = page_texts(render_pack(pack, results))
    text = re.sub(r"\s+:", ":", " ".join(texts))
    for i in range(40):
        cut = (f"Minimum cut: link S{i} (Hospital {i:02d} – South hub). "
               "Losing it alone would isolate the site.")
        assert text.count(cut) == 1, cut
    assert len(texts) >= 5


def test_a_workshop_pack_has_one_numbered_section_per_scenario(qapp, west_coast):
    sections = (PackSection("Storm", STORM, measure=Measure.RISK),
                PackSection("Dovre", FailureScenario(failed_groups=frozenset({"Dovrebanen corridor"})),
                            measure=Measure.NODE, target=2))
    pack = EvidencePack(west_coast, sections, title="Workshop Vestland", notes="For the board", date=DATE)
    text = " ".join(page_texts(render_pack(pack, prepare_pack(pack))))
    assert "Workshop Vestland" in text and "For the board" in text
    assert "1. Storm" in text and "2. Dovre" in text
    assert "risk-disjoint" in text and "node-disjoint" in text


def test_export_writes_a_pdf_atomically_or_refuses(qapp, storm_pack, tmp_path):
    with pytest.raises(ExportError, match="is a PDF"):
        export_evidence_pack(tmp_path / "pack.docx", storm_pack)
    with pytest.raises(ExportError, match="cannot write"):
        export_evidence_pack(tmp_path / "missing" / "pack.pdf", storm_pack)
    assert list(tmp_path.iterdir()) == []
    export_evidence_pack(tmp_path / "pack.pdf", storm_pack)
    assert (tmp_path / "pack.pdf").read_bytes().startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir()] == ["pack.pdf"]


def test_a_hazard_area_is_named_with_its_shape_and_what_it_takes_down(qapp, west_coast):
    from stamnett_gui.domain import HazardArea

    fire = HazardArea("Fire at Førde", center=(5.85, 61.45), radius_km=10)
    pack = EvidencePack(west_coast, (PackSection("Fire", FailureScenario(hazard_areas=(fire,))),),
                        date=DATE)
    text = " ".join(page_texts(render_pack(pack, prepare_pack(pack))))
    assert "Fire at Førde" in text
    assert "circle of 10 km around 5.85° E 61.45° N; sites inside: Førde sentralsjukehus" in text
    assert "Down in this scenario" in text  # Førde itself
