"""A deterministic force-directed layout: the same data gives the same positions.

Fruchterman, T. M. J. & Reingold, E. M., 1991, "Graph drawing by force-directed placement",
Software: Practice and Experience 21(11), 1129–1164, with the paper's grid variant: repulsion
k²/d only within 2k, found through a grid of cells of side 2k, attraction d²/k along ties, a
temperature that cools linearly, positions kept in the unit square. Nodes of the same cell repel
each other one by one; a neighbouring cell repels as one body of its mass at its centre (the
cell-level version of Barnes, J. & Hut, P., 1986, "A hierarchical O(N log N) force-calculation
algorithm", Nature 324, 446–449), which keeps crowded cores of hub-dominated networks cheap.

Starting positions are not drawn from a shared random stream but hashed from each node's IRI and
the seed, so adding an actor does not move the others' starting points; nodes are visited in IRI
order; coordinates are rounded. Pure Python (no numpy): about O(iterations × (n + m)).
"""

from __future__ import annotations

import hashlib
import math
from typing import Any

import networkx as nx


def _start(node: Any, seed: int) -> tuple[float, float]:
    digest = hashlib.blake2b(f"{seed}:{node}".encode(), digest_size=8).digest()
    return (
        int.from_bytes(digest[:4], "big") / 2**32,
        int.from_bytes(digest[4:], "big") / 2**32,
    )


def default_iterations(n: int) -> int:
    """Return the default number of iterations: 100 up to 500 nodes, 50 up to 2,000, else 25."""
    return 100 if n <= 500 else 50 if n <= 2000 else 25


def layout(
    g: nx.Graph, *, seed: int = 42, iterations: int | None = None
) -> dict[Any, tuple[float, float]]:
    """Return positions in [−1, 1]² (rounded to 4 decimals) for every node of ``g``.

    Args:
        g: the network (ties are unweighted for the layout).
        seed: changes the starting positions.
        iterations: number of force iterations (default: :func:`default_iterations`).

    Returns:
        node → (x, y); a single node sits at (0, 0).
    """
    nodes = sorted(g.nodes, key=str)
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    idx = {v: i for i, v in enumerate(nodes)}
    xs, ys = zip(*(_start(v, seed) for v in nodes), strict=True)
    x, y = list(xs), list(ys)
    edges = sorted((min(idx[u], idx[v]), max(idx[u], idx[v])) for u, v in g.edges if u != v)
    k = math.sqrt(1.0 / n)
    k2 = k * k
    inv_k = 1.0 / k
    cell = 2 * k
    cutoff = cell * cell
    steps = iterations if iterations is not None else default_iterations(n)
    for step in range(steps):
        temperature = 0.1 * (1.0 - step / steps)
        dx = [0.0] * n
        dy = [0.0] * n
        grid: dict[tuple[int, int], list[int]] = {}
        for i in range(n):
            grid.setdefault((int(x[i] / cell), int(y[i] / cell)), []).append(i)
        # Each cell's mass and centre: neighbouring cells repel as one body at their centre.
        centre = {
            c: (len(m), sum(x[j] for j in m) / len(m), sum(y[j] for j in m) / len(m))
            for c, m in grid.items()
        }
        for (cx, cy), members in grid.items():
            others = [
                centre[c]
                for c in ((cx + ax, cy + ay) for ax in (-1, 0, 1) for ay in (-1, 0, 1))
                if c != (cx, cy) and c in centre
            ]
            near = [(j, x[j], y[j]) for j in members]
            for i in members:
                xi, yi = x[i], y[i]
                fx = fy = 0.0
                for j, xj, yj in near:
                    if j == i:
                        continue
                    ddx, ddy = xi - xj, yi - yj
                    d2 = ddx * ddx + ddy * ddy
                    if d2 < 1e-18:
                        ddx, ddy, d2 = (1e-6, 0.0, 1e-12) if i < j else (-1e-6, 0.0, 1e-12)
                    f = k2 / d2
                    fx += ddx * f
                    fy += ddy * f
                for mass, xj, yj in others:
                    ddx, ddy = xi - xj, yi - yj
                    d2 = ddx * ddx + ddy * ddy
                    if 1e-18 < d2 < cutoff:
                        f = mass * k2 / d2
                        fx += ddx * f
                        fy += ddy * f
                dx[i] += fx
                dy[i] += fy
        for u, v in edges:
            ddx, ddy = x[u] - x[v], y[u] - y[v]
            d = math.sqrt(ddx * ddx + ddy * ddy)
            f = d * inv_k
            dx[u] -= ddx * f
            dy[u] -= ddy * f
            dx[v] += ddx * f
            dy[v] += ddy * f
        for i in range(n):
            length = math.sqrt(dx[i] * dx[i] + dy[i] * dy[i])
            if length > 0:
                move = min(length, temperature) / length
                x[i] = min(1.0, max(0.0, x[i] + dx[i] * move))
                y[i] = min(1.0, max(0.0, y[i] + dy[i] * move))
    return _normalise(nodes, x, y)


def _normalise(nodes: list[Any], x: list[float], y: list[float]) -> dict[Any, tuple[float, float]]:
    lo_x, hi_x, lo_y, hi_y = min(x), max(x), min(y), max(y)
    span = max(hi_x - lo_x, hi_y - lo_y) or 1.0
    mid_x, mid_y = (lo_x + hi_x) / 2, (lo_y + hi_y) / 2
    return {
        v: (round(2 * (x[i] - mid_x) / span, 4) + 0.0, round(2 * (y[i] - mid_y) / span, 4) + 0.0)
        for i, v in enumerate(nodes)
    }
