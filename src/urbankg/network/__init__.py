"""Partnership network analysis: two-mode actor–initiative data → actor ties → measures → exports.

The public surface:

- :class:`NetworkFilters`, :class:`AnalysisParams`: what to analyse and how;
- :func:`extract`, :func:`project`, :func:`build_network`, :func:`analyse`: the steps;
- :func:`network_json`, :func:`metrics_summary`, :func:`export_network`,
  :func:`update_metrics_graph`: plain functions over a store for the CLI and the API;
- :class:`NetworkCache`: the unfiltered data of a store kept in memory, so that filtered views
  (:func:`apply_filters`) do not query again;
- :mod:`urbankg.network.metrics`: the measures, each with its source and a hand-computed test.

``docs/network.md`` defines every measure and its values on degenerate networks.
"""

from __future__ import annotations

from urbankg.network.analysis import (
    ALL,
    FAST,
    MEASURES,
    Analysis,
    AnalysisParams,
    Network,
    analyse,
    build_network,
    network_from,
)
from urbankg.network.cache import NetworkCache
from urbankg.network.export import (
    edges_csv,
    nodes_csv,
    web_json,
    write_gexf,
    write_graphml,
)
from urbankg.network.extract import Actor, Initiative, Participation, TwoMode, extract
from urbankg.network.filters import NetworkFilters
from urbankg.network.projection import WEIGHTINGS, project, tie_weights
from urbankg.network.rdf import stored_positions, write_metrics_graph
from urbankg.network.report import node_metrics, summary
from urbankg.network.service import (
    analyse_store,
    export_network,
    metrics_summary,
    network_json,
    update_metrics_graph,
)
from urbankg.network.subset import apply_filters
from urbankg.network.text import summary_text

__all__ = [
    "ALL",
    "FAST",
    "MEASURES",
    "WEIGHTINGS",
    "Actor",
    "Analysis",
    "AnalysisParams",
    "Initiative",
    "Network",
    "NetworkCache",
    "NetworkFilters",
    "Participation",
    "TwoMode",
    "analyse",
    "analyse_store",
    "apply_filters",
    "build_network",
    "edges_csv",
    "export_network",
    "extract",
    "metrics_summary",
    "network_from",
    "network_json",
    "node_metrics",
    "nodes_csv",
    "project",
    "stored_positions",
    "summary",
    "summary_text",
    "tie_weights",
    "update_metrics_graph",
    "web_json",
    "write_gexf",
    "write_graphml",
    "write_metrics_graph",
]
