"""The whole analysis: extraction → projection → measures, with its parameters and timings.

:func:`build_network` reads and projects; :func:`analyse` computes the measures it is asked for
(:data:`ALL` or the cheaper :data:`FAST` set used for interactive filtered views).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx

from urbankg.graph.errors import InputError
from urbankg.graph.store import GraphStore
from urbankg.network.extract import TwoMode, extract
from urbankg.network.filters import NetworkFilters
from urbankg.network.gcpause import paused_gc
from urbankg.network.layout import layout
from urbankg.network.metrics import (
    ArcMode,
    Arcs,
    Betweenness,
    CommunityMix,
    EIPermutation,
    EIResult,
    YearSnapshot,
    assortativity,
    betweenness,
    brokerage_arcs,
    community_mix,
    constraint_and_effective_size,
    degree_strength,
    ei_index,
    ei_permutation_test,
    gould_fernandez,
    helix_summary,
    initiative_helices,
    louvain,
    membership,
    mixing_matrices,
    modularity,
    nmi,
    undated_initiatives,
    yearly_snapshots,
)
from urbankg.network.projection import GroupBy, Weighting, group_map, project

#: Every measure, by name (the names used in ``measures`` arguments and JSON ``meta``).
MEASURES = (
    "degree",
    "holes",
    "ei",
    "mixing",
    "helix",
    "snapshots",
    "brokerage",
    "communities",
    "betweenness",
    "ei_permutation",
    "layout",
)
ALL = frozenset(MEASURES)
#: The measures cheap enough for an interactive filtered view (no betweenness, permutations,
#: communities; positions come from the stored layout or are computed separately).
FAST = frozenset({"degree", "holes", "ei", "mixing", "helix", "snapshots", "brokerage"})


@dataclass(frozen=True)
class AnalysisParams:
    """Every parameter of an analysis (recorded with its results).

    Attributes:
        weighting: tie weight: ``count``, ``newman`` (default) or ``jaccard``.
        group_by: grouping of actors for every cross-sector measure: ``helix`` or ``sector``
            (the actor type).
        seed: seed of every random step (betweenness sample, permutations, Louvain, layout).
        exact_limit: exact betweenness up to this many actors, sampled above.
        samples: number of sampled source actors for betweenness above ``exact_limit``.
        permutations: number of permutations of the E-I test.
        resolution: Louvain resolution (1.0: classic modularity).
        arcs: brokerage arcs: ``roles`` (leader → participant where roles exist) or
            ``symmetric``.
        layout_iterations: force-layout iterations (``None``: by network size).
    """

    weighting: Weighting = "newman"
    group_by: GroupBy = "helix"
    seed: int = 42
    exact_limit: int = 1000
    samples: int = 200
    permutations: int = 999
    resolution: float = 1.0
    arcs: ArcMode = "roles"
    layout_iterations: int | None = None

    def as_dict(self) -> dict[str, Any]:
        """Return the parameters as a JSON-ready dictionary."""
        return asdict(self)


@dataclass
class Network:
    """The two-mode data and its projection."""

    data: TwoMode
    graph: nx.Graph
    params: AnalysisParams
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def groups(self) -> dict[Any, str]:
        """Actor → group at the analysis's grouping level."""
        return group_map(self.graph)


def build_network(
    store: GraphStore,
    filters: NetworkFilters | None = None,
    params: AnalysisParams | None = None,
) -> Network:
    """Extract the two-mode data selected by ``filters`` and project it.

    Raises:
        InputError: an unknown filter value, weighting or grouping.
    """
    t0 = time.perf_counter()
    data = extract(store, filters)
    network = network_from(data, params)
    network.timings = {"extract": time.perf_counter() - t0, **network.timings}
    return network


def network_from(data: TwoMode, params: AnalysisParams | None = None) -> Network:
    """Project two-mode data already read (e.g. cached and filtered in Python).

    Raises:
        InputError: an unknown weighting or grouping.
    """
    params = params or AnalysisParams()
    t0 = time.perf_counter()
    graph = project(data, params.weighting, params.group_by)
    return Network(data, graph, params, {"project": time.perf_counter() - t0})


@dataclass
class Analysis:
    """The results of every measure computed (``None`` / empty for those not asked for)."""

    network: Network
    measures: frozenset[str]
    degree: dict[Any, int] = field(default_factory=dict)
    strength: dict[Any, float] = field(default_factory=dict)
    constraint: dict[Any, float | None] = field(default_factory=dict)
    effective_size: dict[Any, float] = field(default_factory=dict)
    betweenness: Betweenness | None = None
    ei: EIResult | None = None
    ei_permutation: EIPermutation | None = None
    mixing: dict[str, dict[str, float]] = field(default_factory=dict)
    mixing_weighted: dict[str, dict[str, float]] = field(default_factory=dict)
    assortativity: float | None = None
    arcs: Arcs | None = None
    brokerage: dict[Any, dict[str, int]] = field(default_factory=dict)
    communities: list[list[Any]] = field(default_factory=list)
    modularity: float | None = None
    community_mix: list[CommunityMix] = field(default_factory=list)
    nmi: float | None = None
    helix: dict[str, Any] = field(default_factory=dict)
    snapshots: list[YearSnapshot] = field(default_factory=list)
    undated: int = 0
    positions: dict[Any, tuple[float, float]] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)


def check_measures(names: Iterable[str]) -> frozenset[str]:
    """Return the measure names as a set, or raise InputError naming an unknown one."""
    chosen = frozenset(names)
    unknown = sorted(chosen - ALL)
    if unknown:
        raise InputError(f"unknown measure(s) {', '.join(unknown)} (known: {', '.join(MEASURES)})")
    return chosen


@paused_gc()
def analyse(
    network: Network,
    measures: Iterable[str] = ALL,
    *,
    positions: dict[Any, tuple[float, float]] | None = None,
) -> Analysis:
    """Compute the measures named in ``measures`` on ``network``.

    Args:
        network: the projected network.
        measures: names from :data:`MEASURES`.
        positions: precomputed positions to use instead of computing the layout.

    Returns:
        The results, with the seconds each measure took in ``timings``.
    """
    chosen = check_measures(measures)
    p = network.params
    g, data, groups = network.graph, network.data, network.groups
    out = Analysis(network, chosen, timings=dict(network.timings))

    t = out.timings
    if "degree" in chosen:
        with _timer(t, "degree"):
            out.degree, out.strength = degree_strength(g)
    if "holes" in chosen:
        with _timer(t, "holes"):
            out.constraint, out.effective_size = constraint_and_effective_size(g)
    if "ei" in chosen:
        with _timer(t, "ei"):
            out.ei = ei_index(g, groups)
    if "ei_permutation" in chosen:
        with _timer(t, "ei_permutation"):
            out.ei_permutation = ei_permutation_test(
                g, groups, permutations=p.permutations, seed=p.seed
            )
    if "mixing" in chosen:
        with _timer(t, "mixing"):
            out.mixing, out.mixing_weighted = mixing_matrices(g, groups)
            out.assortativity = assortativity(g, groups, out.mixing)
    if "helix" in chosen:
        with _timer(t, "helix"):
            out.helix = helix_summary(initiative_helices(data))
    if "snapshots" in chosen:
        with _timer(t, "snapshots"):
            first, last = data.filters.year_from, data.filters.year_to
            out.snapshots = yearly_snapshots(data, groups, first=first, last=last)
            out.undated = undated_initiatives(data)
    if "brokerage" in chosen:
        with _timer(t, "brokerage"):
            out.arcs = brokerage_arcs(data, p.arcs)
            out.brokerage = gould_fernandez(out.arcs.graph, groups)
    if "communities" in chosen:
        with _timer(t, "communities"):
            out.communities = louvain(g, resolution=p.resolution, seed=p.seed)
            out.modularity = modularity(g, out.communities)
            out.community_mix = community_mix(out.communities, groups)
            out.nmi = nmi(membership(out.communities), groups)
    if "betweenness" in chosen:
        with _timer(t, "betweenness"):
            out.betweenness = betweenness(
                g, groups, exact_limit=p.exact_limit, samples=p.samples, seed=p.seed
            )
    if positions is not None:
        out.positions = positions
    elif "layout" in chosen:
        with _timer(t, "layout"):
            out.positions = layout(g, seed=p.seed, iterations=p.layout_iterations)
    return out


@contextmanager
def _timer(timings: dict[str, float], name: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    timings[name] = time.perf_counter() - start
