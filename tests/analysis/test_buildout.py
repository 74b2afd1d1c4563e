"""The network in a year of its build-out: which links and sites, and the diversity they give."""

from __future__ import annotations

import doctest
import random
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stamnett_gui.analysis import assess_diversity, buildout
from stamnett_gui.analysis.buildout import network_in_service, service_years, undated_links
from stamnett_gui.domain import FailureScenario, Link, Network, Site, SiteKind


def staged() -> Network:
    """Two hubs joined in 2015; a hospital joined once in 2017 and twice more in 2019."""
    sites = (
        Site("oslo", "Oslo hub", 10.75, 59.91, SiteKind.HUB),
        Site("bergen", "Bergen hub", 5.33, 60.39, SiteKind.HUB),
        Site("voss", "Voss sjukehus", 6.42, 60.63),
        Site("gol", "Gol", 8.94, 60.70, SiteKind.JUNCTION),
        Site("tromso", "Tromsø hub", 18.96, 69.65, SiteKind.HUB),
    )
    links = (
        Link("C1", "oslo", "bergen", in_service=2015),
        Link("C2", "oslo", "bergen", in_service=2015),
        Link("V1", "bergen", "voss", in_service=2017),
        Link("V2", "voss", "gol", in_service=2019),
        Link("V3", "gol", "oslo", in_service=2019),
        Link("V4", "voss", "bergen", in_service=2019),
    )
    return Network("Staged", sites, links, core=frozenset({"oslo", "bergen", "tromso"}))


def test_the_years_are_each_links_year_once_in_order():
    assert service_years(staged()) == [2015, 2017, 2019]
    assert undated_links(staged()) == 0


def test_a_year_keeps_the_links_in_service_then_and_the_sites_they_reach():
    net = staged()
    in_2015 = network_in_service(net, 2015)
    assert [lk.id for lk in in_2015.links] == ["C1", "C2"]
    # the core stays even when no link reaches it yet (Tromsø); Voss and Gol are not on the network
    assert [s.id for s in in_2015.sites] == ["oslo", "bergen", "tromso"]
    assert in_2015.core == net.core and in_2015.name == net.name
    in_2018 = network_in_service(net, 2018)
    assert [s.id for s in in_2018.sites] == ["oslo", "bergen", "voss", "tromso"]
    assert network_in_service(net, 2019) is net
    assert network_in_service(net, 2030) is net


def test_a_year_before_any_link_leaves_only_the_core():
    in_2010 = network_in_service(staged(), 2010)
    assert in_2010.links == ()
    assert {s.id for s in in_2010.sites} == {"oslo", "bergen", "tromso"}


def test_the_routes_each_hospital_had_that_year():
    net = staged()
    by_year = {year: assess_diversity(network_in_service(net, year), target=3)
               for year in service_years(net)}
    assert "voss" not in by_year[2015].by_id
    assert by_year[2017]["voss"].diversity == 1
    assert by_year[2019]["voss"].diversity == 3  # V1, V4 to Bergen and V2–V3 via Gol to Oslo
    assert by_year[2019]["gol"].diversity == 2


def test_undated_links_count_in_every_year():
    net = staged()
    undated = replace(net, links=(*net.links, Link("X", "voss", "oslo")))
    assert undated_links(undated) == 1
    assert service_years(undated) == [2015, 2017, 2019]
    assert "X" in network_in_service(undated, 2015).links_by_id
    assert "voss" in network_in_service(undated, 2015).sites_by_id


def test_a_file_without_years_has_no_timeline():
    net = staged()
    plain = replace(net, links=tuple(replace(lk, in_service=None) for lk in net.links))
    assert service_years(plain) == []
    assert network_in_service(plain, 2000) is plain


def test_the_module_example_runs():
    result = doctest.testmod(buildout)
    assert result.failed == 0 and result.attempted > 0


@st.composite
def dated_networks(draw):
    seed = draw(st.integers(0, 2**32 - 1))
    rng = random.Random(seed)
    n = draw(st.integers(2, 8))
    sites = tuple(Site(f"s{i}", f"S{i}", 5 + i, 60 + i) for i in range(n))
    links = []
    for j in range(draw(st.integers(0, 14))):
        a, b = rng.sample(range(n), 2)
        year = rng.choice([None, 2015, 2016, 2017, 2018])
        links.append(Link(f"L{j}", f"s{a}", f"s{b}", in_service=year))
    core = frozenset(f"s{i}" for i in rng.sample(range(n), rng.randint(1, min(2, n))))
    return Network("random", sites, tuple(links), core=core)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(net=dated_networks(), year=st.integers(2014, 2019))
def test_diversity_that_year_equals_the_whole_network_with_later_links_down(net, year):
    """The network of a year is the whole network with every later link failed, less the sites
    that no link reached yet (which would be isolated there); once every link is in service,
    the whole network."""
    shown = network_in_service(net, year)
    later = frozenset(lk.id for lk in net.links if lk.in_service is not None and lk.in_service > year)
    whole = assess_diversity(net, FailureScenario(failed_links=later), target=2)
    that_year = assess_diversity(shown, target=2)
    if later:
        assert {s.id for s in shown.sites} == (
            {e for lk in net.links if lk.id not in later for e in lk.ends} | net.core)
    else:
        assert shown is net
    for entry in whole.sites:
        if entry.site_id in shown.sites_by_id:
            assert that_year[entry.site_id].diversity == entry.diversity, entry.site_id
        else:
            assert entry.diversity == 0
