"""The ``network`` and ``metrics`` commands; ``cli.py`` calls :func:`register`.

Each handler parses its arguments into :class:`NetworkFilters` and :class:`AnalysisParams` and
calls a plain function of :mod:`urbankg.network.service`. Bad filter values raise
:class:`~urbankg.graph.errors.InputError` (exit code 2).
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path
from typing import Any

from urbankg.graph.store import open_store
from urbankg.network.analysis import AnalysisParams
from urbankg.network.export import CSV_TABLES, FORMATS, dump_json
from urbankg.network.filters import NetworkFilters
from urbankg.network.projection import (
    GROUP_LEVELS,
    WEIGHTINGS,
    check_group_by,
    check_weighting,
)
from urbankg.network.report import summary
from urbankg.network.service import export_network, metrics_summary, update_metrics_graph
from urbankg.network.text import summary_text
from urbankg.settings import Settings


def add_filter_arguments(p: argparse.ArgumentParser) -> None:
    """Add the filter and parameter options shared by ``network`` and ``metrics``."""
    f = p.add_argument_group("filters (all optional; combined with AND)")
    f.add_argument("--theme", help="theme slug, e.g. low-carbon (sub-themes included)")
    f.add_argument("--sdg", help="SDG goal or target, e.g. 11 or 11.3 (narrower targets included)")
    f.add_argument(
        "--derived-sdgs",
        action="store_true",
        help="let --sdg match SDGs derived from themes too (default: asserted SDGs only)",
    )
    f.add_argument("--programme", help="programme id, e.g. kestava-kaupunki (its projects too)")
    f.add_argument("--from-year", type=int, metavar="YEAR", help="initiatives active from YEAR")
    f.add_argument("--to-year", type=int, metavar="YEAR", help="initiatives active until YEAR")
    f.add_argument("--sector", help="actor type or helix slug, e.g. university or research")
    f.add_argument("--role", help="role slug, e.g. coordinator (narrower roles included)")
    a = p.add_argument_group("analysis")
    a.add_argument("--weighting", choices=WEIGHTINGS, default="newman", help="tie weight")
    a.add_argument(
        "--group-by",
        choices=GROUP_LEVELS,
        default="helix",
        help="grouping of cross-sector measures",
    )
    a.add_argument("--seed", type=int, default=42, help="seed of every random step")
    a.add_argument(
        "--exact-limit",
        type=int,
        default=1000,
        metavar="N",
        help="exact betweenness up to N actors, sampled above",
    )
    a.add_argument("--permutations", type=int, default=999, help="E-I permutation test size")


def filters_from_args(args: argparse.Namespace) -> NetworkFilters:
    """Build the filters from parsed arguments."""
    return NetworkFilters(
        theme=args.theme,
        sdg=args.sdg,
        derived_sdgs=args.derived_sdgs,
        programme=args.programme,
        year_from=args.from_year,
        year_to=args.to_year,
        sector=args.sector,
        role=args.role,
    )


def params_from_args(args: argparse.Namespace) -> AnalysisParams:
    """Build the analysis parameters from parsed arguments."""
    return AnalysisParams(
        weighting=check_weighting(args.weighting),
        group_by=check_group_by(args.group_by),
        seed=args.seed,
        exact_limit=args.exact_limit,
        permutations=args.permutations,
    )


def cmd_network(args: argparse.Namespace, settings: Settings) -> int:
    """Write the partnership network (json, gexf, graphml or csv)."""
    filters, params = filters_from_args(args), params_from_args(args)
    store = open_store(settings.store, base=settings.base)
    try:
        buf = io.BytesIO()
        export_network(store, args.format, buf, filters, params, table=args.table)
    finally:
        store.close()
    if args.output:
        Path(args.output).write_bytes(buf.getvalue())
        print(f"wrote {args.format} network to {args.output}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(buf.getvalue())
        sys.stdout.flush()
    return 0


def cmd_metrics(args: argparse.Namespace, settings: Settings) -> int:
    """Print the network-level metrics; with --save also store them in the metrics graph."""
    filters, params = filters_from_args(args), params_from_args(args)
    store = open_store(settings.store, base=settings.base)
    try:
        result: dict[str, Any]
        if args.save:
            result = summary(update_metrics_graph(store, filters, params))
            print(f"stored the metrics in {store.graph_iri('metrics')}", file=sys.stderr)
        else:
            result = metrics_summary(store, filters, params)
    finally:
        store.close()
    if args.format == "json":
        dump_json(result, sys.stdout)
    else:
        sys.stdout.write(summary_text(result))
    return 0


def register(
    subparsers: argparse._SubParsersAction,  # type: ignore[type-arg]
    common: argparse.ArgumentParser,
) -> None:
    """Add the ``network`` and ``metrics`` subcommands.

    Args:
        subparsers: the object returned by ``parser.add_subparsers()``.
        common: the parent parser with the common options (``--store``, ``--base``).
    """
    help_ = "write the partnership network (actors tied by shared initiatives)"
    p = subparsers.add_parser("network", parents=[common], help=help_, description=help_)
    add_filter_arguments(p)
    p.add_argument("--format", choices=FORMATS, default="json")
    p.add_argument("--output", "-o", help="file to write (default: standard output)")
    p.add_argument(
        "--table", choices=CSV_TABLES, default="edges", help="with --format csv: which table"
    )
    p.set_defaults(handler=cmd_network)
    help_ = "summarise the network: E-I, mixing, helices, brokers, communities, years"
    p = subparsers.add_parser("metrics", parents=[common], help=help_, description=help_)
    add_filter_arguments(p)
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument(
        "--save",
        action="store_true",
        help="also store every metric in the metrics graph (with PROV) for SPARQL",
    )
    p.set_defaults(handler=cmd_metrics)
