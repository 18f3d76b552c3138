"""Plain functions over a store, called by the command line and the HTTP API alike."""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import IO, Any

from urbankg.graph.errors import InputError
from urbankg.graph.store import GraphStore
from urbankg.network.analysis import (
    ALL,
    FAST,
    Analysis,
    AnalysisParams,
    analyse,
    build_network,
    network_from,
)
from urbankg.network.cache import NetworkCache
from urbankg.network.export import (
    CSV_TABLES,
    FORMATS,
    dump_json,
    edges_csv,
    nodes_csv,
    web_json,
    write_gexf,
    write_graphml,
)
from urbankg.network.filters import NetworkFilters
from urbankg.network.gcpause import paused_gc
from urbankg.network.rdf import stored_positions, write_metrics_graph
from urbankg.network.report import summary
from urbankg.network.subset import apply_filters


@paused_gc()
def analyse_store(
    store: GraphStore,
    filters: NetworkFilters | None = None,
    params: AnalysisParams | None = None,
    *,
    measures: Iterable[str] = ALL,
    stored_layout: bool = False,
    cache: NetworkCache | None = None,
) -> tuple[Analysis, str]:
    """Build and analyse the network; return it with where its positions came from.

    Args:
        store: the store.
        filters: which part of the data (``None``: everything).
        params: analysis parameters (``None``: defaults).
        measures: the measures to compute.
        stored_layout: use the positions stored in the metrics graph when every actor has one
            (a filtered view then keeps the whole network's positions); otherwise the layout
            is computed for this network.
        cache: take the unfiltered data and stored positions from this cache and filter in
            Python (same result, much faster for repeated views) instead of querying.

    Returns:
        (analysis, ``"stored"`` or ``"computed"``).

    Raises:
        InputError: an unknown filter value or parameter.
    """
    filters = filters or NetworkFilters()
    if cache is not None:
        t0 = time.perf_counter()
        cached = cache.get(store)
        data = apply_filters(store, cached.data, filters)
        network = network_from(data, params)
        network.timings["extract"] = time.perf_counter() - t0 - network.timings["project"]
        stored = cached.positions if stored_layout else {}
    else:
        network = build_network(store, filters, params)
        stored = stored_positions(store) if stored_layout else {}
    if stored and all(v in stored for v in network.graph.nodes):
        positions = {v: stored[v] for v in network.graph.nodes}
        return analyse(network, measures, positions=positions), "stored"
    return analyse(network, set(measures) | {"layout"}), "computed"


@paused_gc()
def network_json(
    store: GraphStore,
    filters: NetworkFilters | None = None,
    params: AnalysisParams | None = None,
    *,
    measures: Iterable[str] = FAST,
    cache: NetworkCache | None = None,
) -> dict[str, Any]:
    """Return the web-view JSON of a (filtered) network.

    By default only the :data:`~urbankg.network.analysis.FAST` measures are computed and the
    positions come from the stored whole-network layout when there is one, which keeps a
    filtered view interactive; ``meta.measures`` and ``meta.positions`` say what was done.
    Pass a long-lived :class:`~urbankg.network.cache.NetworkCache` (the API should) to serve
    repeated views from memory.

    Raises:
        InputError: an unknown filter value or parameter.
    """
    a, source = analyse_store(
        store, filters, params, measures=measures, stored_layout=True, cache=cache
    )
    return web_json(a, positions_source=source)


def metrics_summary(
    store: GraphStore,
    filters: NetworkFilters | None = None,
    params: AnalysisParams | None = None,
    *,
    measures: Iterable[str] = ALL - {"layout"},
) -> dict[str, Any]:
    """Return the network-level summary (E-I, mixing, helices, brokers, communities, years)."""
    network = build_network(store, filters, params)
    return summary(analyse(network, measures))


def export_network(
    store: GraphStore,
    fmt: str,
    out: IO[bytes],
    filters: NetworkFilters | None = None,
    params: AnalysisParams | None = None,
    *,
    table: str = "edges",
) -> None:
    """Write the network with every measure in ``fmt`` (json, gexf, graphml, csv) to ``out``.

    Args:
        store: the store.
        fmt: the format.
        out: a binary stream.
        filters: which part of the data.
        params: analysis parameters.
        table: for csv, ``edges`` or ``nodes``.

    Raises:
        InputError: an unknown format, table, filter value or parameter.
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown network format '{fmt}' (known: {', '.join(FORMATS)})")
    if fmt == "csv" and table not in CSV_TABLES:
        raise InputError(f"unknown CSV table '{table}' (known: {', '.join(CSV_TABLES)})")
    a, source = analyse_store(store, filters, params, stored_layout=True)
    if fmt == "gexf":
        write_gexf(a, out)
    elif fmt == "graphml":
        write_graphml(a, out)
    else:
        text = io.StringIO()
        if fmt == "json":
            dump_json(web_json(a, positions_source=source), text)
        else:
            text.write(edges_csv(a) if table == "edges" else nodes_csv(a))
        out.write(text.getvalue().encode("utf-8"))


def update_metrics_graph(
    store: GraphStore,
    filters: NetworkFilters | None = None,
    params: AnalysisParams | None = None,
    *,
    now: Callable[[], datetime] | None = None,
) -> Analysis:
    """Analyse the network with every measure and store the results in the metrics graph.

    Run it after each load (DESIGN.md §8: serve the stored result, not a per-request
    computation); filtered web views then reuse its layout.
    """
    clock = now or (lambda: datetime.now(UTC))
    started = clock()
    network = build_network(store, filters, params)
    a = analyse(network, ALL)
    write_metrics_graph(store, a, started=started, now=clock)
    return a
