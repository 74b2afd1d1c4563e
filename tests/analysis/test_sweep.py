"""Sweeps: N-1 impacts, the pruned N-2 equal to the blind one, ranking, progress and cancel."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_diversity_cases import net
from test_diversity_reference import random_network, random_scenario

from stamnett_gui.analysis.diversity import assess_diversity
from stamnett_gui.analysis.progress import Cancelled
from stamnett_gui.analysis.sweep import iter_sweep, run_sweep
from stamnett_gui.domain import FailureScenario, Status
from stamnett_gui.domain.sweep import ElementKind, FailureImpact, rank_impacts

KINDS = ("links", "sites", "groups")
MEASURES = ("edge", "node", "risk")


def impact_by_hand(network, base, failure, kind, elements, measure, target):
    """The impact of one failure, from two full assessments."""
    before = assess_diversity(network, base, target=target, measure=measure)
    after = assess_diversity(network, base | failure, target=target, measure=measure)
    failed, lost, below, isolated = [], [], [], []
    for old, new in zip(before.sites, after.sites, strict=True):
        if new.status is Status.FAILED:
            if old.status is not Status.FAILED:
                failed.append(new.site_id)
        elif new.diversity < old.diversity:
            lost.append(new.site_id)
            if old.diversity >= target > new.diversity:
                below.append(new.site_id)
            if new.diversity == 0:
                isolated.append(new.site_id)
    return FailureImpact(kind, elements, tuple(failed), tuple(lost), tuple(below),
                         tuple(isolated))


def test_single_link_failures_on_a_ring():
    # c–a–b–c ring plus a spur b–d: every ring link pushes a and b below target 2.
    n = net([("c", "a"), ("a", "b"), ("b", "c"), ("b", "d")])
    impacts = list(iter_sweep(n, target=2))
    assert [i.elements for i in impacts] == [("L0",), ("L1",), ("L2",), ("L3",)]
    assert impacts[0].below_target == ("a", "b")
    assert impacts[3].isolated == ("d",) and impacts[3].lost == ("d",)
    assert impacts[3].below_target == ()  # d never met target 2
    result = run_sweep(n, target=2)
    assert result.ranking[0].elements == ("L0",) and result.ranking[-1].elements == ("L3",)
    assert result.total == 4 and result.examined == 4 and len(result.critical) == 3


def test_site_and_group_sweeps_report_failed_sites_separately():
    n = net([("c", "a"), ("c", "a"), ("a", "b"), ("a", "b")], groups={0: ["g"], 1: ["g"]})
    by_site = {i.elements: i for i in iter_sweep(n, of="sites")}
    assert by_site[("a",)].failed == ("a",) and by_site[("a",)].isolated == ("b",)
    (group,) = iter_sweep(n, of="groups")
    assert group.elements == ("g",) and group.isolated == ("a", "b") and group.failed == ()


def test_pairs_that_matter_and_pairs_that_do_not():
    # a has three links straight to the core: any two of them together hurt it more than one.
    n = net([("c", "a"), ("c", "a"), ("c", "a"), ("c", "b"), ("c", "b"), ("c", "b")])
    pairs = [i.elements for i in iter_sweep(n, order=2)]
    assert pairs == [("L0", "L1"), ("L0", "L2"), ("L1", "L2"),
                     ("L3", "L4"), ("L3", "L5"), ("L4", "L5")]
    result = run_sweep(n, order=2)
    assert result.total == 15 and result.examined < 15


def test_sweep_on_top_of_a_scenario_leaves_failed_elements_out():
    n = net([("c", "a"), ("c", "a"), ("c", "a")])
    base = FailureScenario(failed_links=frozenset({"L0"}))
    impacts = list(iter_sweep(n, scenario=base))
    assert [i.elements for i in impacts] == [("L1",), ("L2",)]
    assert impacts[0].lost == ("a",) and impacts[0].below_target == ()  # 2 was below already


def test_progress_is_reported_and_cancel_stops_the_sweep():
    n = net([("c", "a"), ("a", "b"), ("b", "c"), ("b", "d")])
    seen: list[tuple[int, int]] = []
    list(iter_sweep(n, progress=lambda done, total: seen.append((done, total))))
    assert seen == [(1, 4), (2, 4), (3, 4), (4, 4)]
    seen.clear()
    list(iter_sweep(n, order=2, progress=lambda done, total: seen.append((done, total))))
    assert seen[-1] == (8, 8)
    calls = []

    def stop_after_two() -> bool:
        calls.append(1)
        return len(calls) > 2

    stream = iter_sweep(n, cancelled=stop_after_two)
    assert len([next(stream), next(stream)]) == 2
    with pytest.raises(Cancelled):
        next(stream)


def test_bad_sweep_arguments():
    n = net([("c", "a")])
    with pytest.raises(ValueError, match="order must be 1 or 2"):
        run_sweep(n, order=3)
    with pytest.raises(ValueError, match="cannot sweep 'hops'"):
        run_sweep(n, of="hops")


def test_ranking_and_serialisation():
    a = FailureImpact(ElementKind.LINK, ("L1",), lost=("x",))
    b = FailureImpact(ElementKind.LINK, ("L2",), lost=("x", "y"), isolated=("y",))
    c = FailureImpact(ElementKind.LINK, ("L3",), lost=("x",), below_target=("x",))
    assert rank_impacts([a, b, c]) == (c, b, a)
    assert c.to_dict()["below_target"] == ["x"]
    assert c.scenario() == FailureScenario(failed_links=frozenset({"L3"}))
    n = net([("c", "a"), ("c", "a")])
    data = run_sweep(n, order=2).to_dict()
    assert data["order"] == 2 and data["of"] == "links" and data["ranking"][0]["isolated"] == ["a"]


@pytest.mark.parametrize("measure", MEASURES)
@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_single_failures_equal_two_full_assessments(measure, kind, seed):
    rng = random.Random(seed)
    n = rng.randint(3, 8)
    network = random_network(rng, n, rng.randint(n, 2 * n), 3, rng.randint(1, 2))
    base = random_scenario(rng, network, p=0.05)
    target = rng.randint(1, 3)
    for impact in iter_sweep(network, of=kind, measure=measure, target=target, scenario=base):
        expected = impact_by_hand(network, base, impact.scenario(), impact.kind,
                                  impact.elements, measure, target)
        assert impact == expected


@pytest.mark.parametrize("measure", MEASURES)
@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_pruned_pairs_equal_the_blind_loop(measure, kind, seed):
    rng = random.Random(seed)
    n = rng.randint(3, 9)
    network = random_network(rng, n, rng.randint(n, 2 * n + 2), 4, rng.randint(1, 3))
    base = random_scenario(rng, network, p=0.05)
    target = rng.randint(1, 3)
    args = dict(order=2, of=kind, measure=measure, target=target, scenario=base)
    pruned = run_sweep(network, **args)
    blind = run_sweep(network, prune=False, **args)
    assert pruned.impacts == blind.impacts
    assert blind.examined == blind.total and pruned.examined <= blind.examined
    for impact in pruned.impacts[:3]:
        assert impact == impact_by_hand(network, base, impact.scenario(), impact.kind,
                                        impact.elements, measure, target)
