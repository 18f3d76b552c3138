"""Gould and Fernandez's brokerage roles on coordinator → partner arcs.

Gould, R. V. & Fernandez, R. M., 1989, "Structures of mediation: a formal approach to brokerage
in transaction networks", Sociological Methodology 19, 89–126. A node b brokers when a → b → c
with no arc a → c (a ≠ c). By the groups of a, b and c the brokerage is

- coordinator (A A A): all three in one group;
- itinerant (A B A; "consultant"): a and c in one group, the broker outside it;
- representative (A A B): the broker in a's group passes to another group;
- gatekeeper (A B B): the broker in c's group admits from another group;
- liaison (A B C): three different groups.

Arcs come from the roles of the participations: in an initiative with a leading role
(``role:coordinator`` or a narrower one) every leader has an arc to every other participant
(co-leaders to each other both ways); an initiative without a leading role gives arcs both ways
between all its participants (the symmetric graph). On symmetric arcs every path is counted in
both directions, so representative and gatekeeper counts mirror each other there. With
``arcs="symmetric"`` every initiative is treated as having no leader.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import networkx as nx

from urbankg.network.extract import TwoMode

ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")

ArcMode = Literal["roles", "symmetric"]


@dataclass(frozen=True)
class Arcs:
    """The directed graph of brokerage and where its arcs came from."""

    graph: nx.DiGraph
    directed_initiatives: int
    symmetric_initiatives: int

    @property
    def mode(self) -> str:
        """``directed``, ``symmetric``, ``mixed`` or ``none`` (no initiative with 2+ actors)."""
        d, s = self.directed_initiatives, self.symmetric_initiatives
        if d and s:
            return "mixed"
        return "directed" if d else "symmetric" if s else "none"

    def describe(self) -> str:
        """One line saying which arcs the brokerage counts rest on."""
        return (
            f"{self.mode}: {self.directed_initiatives} initiative(s) with a leading role give "
            f"leader -> participant arcs, {self.symmetric_initiatives} without one give "
            "symmetric arcs"
        )


def brokerage_arcs(data: TwoMode, arcs: ArcMode = "roles") -> Arcs:
    """Build the arcs of the brokerage analysis from the participations.

    Args:
        data: the two-mode data.
        arcs: ``roles`` (leader → participant where an initiative has a leader) or
            ``symmetric`` (every co-participation both ways).

    Returns:
        The directed graph on every actor of ``data`` and the number of initiatives of each kind.
    """
    dg = nx.DiGraph()
    dg.add_nodes_from(data.actors)
    leaders: dict[str, set[str]] = {}
    for p in data.participations:
        if p.leading and arcs == "roles":
            leaders.setdefault(p.initiative, set()).add(p.actor)
    directed = symmetric = 0
    for initiative, members in data.members().items():
        if len(members) < 2:
            continue
        lead = leaders.get(initiative, set())
        if lead:
            directed += 1
            dg.add_edges_from((a, b) for a in sorted(lead) for b in members if a != b)
        else:
            symmetric += 1
            dg.add_edges_from((a, b) for a in members for b in members if a != b)
    return Arcs(dg, directed, symmetric)


def role_of(source: str, broker: str, target: str) -> str:
    """Return the Gould–Fernandez role of ``broker`` on a path source → broker → target."""
    if source == broker == target:
        return "coordinator"
    if source == target:
        return "itinerant"
    if source == broker:
        return "representative"
    if broker == target:
        return "gatekeeper"
    return "liaison"


def gould_fernandez(dg: nx.DiGraph, groups: Mapping[Hashable, str]) -> dict[Any, dict[str, int]]:
    """Count the brokerage of every node in each Gould–Fernandez role.

    Args:
        dg: the directed graph (arcs a → b).
        groups: node → group.

    Returns:
        node → role → number of brokered (a, c) pairs; every node has every role (0 if none).
    """
    nodes = sorted(dg.nodes, key=str)
    idx = {v: i for i, v in enumerate(nodes)}
    bit = [1 << i for i in range(len(nodes))]
    out = [sum(bit[idx[u]] for u in dg.succ[v] if u != v) for v in nodes]
    names = sorted({groups[v] for v in nodes})
    gmask = dict.fromkeys(names, 0)
    for v in nodes:
        gmask[groups[v]] |= bit[idx[v]]
    result: dict[Any, dict[str, int]] = {}
    for b in nodes:
        counts = dict.fromkeys(ROLES, 0)
        ib, gb = idx[b], groups[b]
        for a in dg.pred[b]:
            if a == b:
                continue
            ia = idx[a]
            cand = out[ib] & ~out[ia] & ~bit[ia]
            if not cand:
                continue
            for gc in names:
                k = (cand & gmask[gc]).bit_count()
                if k:
                    counts[role_of(groups[a], gb, gc)] += k
        result[b] = counts
    return result
