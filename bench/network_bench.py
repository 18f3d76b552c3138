#!/usr/bin/env python
"""Benchmark of the partnership network analysis (urbankg.network) on synthetic data.

For each size the data of ``bench/generate.py`` (generated once into ``bench/data/`` if
missing) is bulk-loaded into an in-memory store, then every step is timed:

- extraction (the one query) and projection;
- each measure (betweenness exact up to 1,000 actors, sampled above), the layout;
- writing the metrics graph;
- the web JSON of a filtered view (one theme, one year range) with the stored layout, filtered
  by the query and from a warm NetworkCache (the way the API serves it; median of ``--repeat``
  runs, wall and CPU seconds);
- optionally (``--exact``) exact betweenness.

Targets (issue 4): extraction + projection + all measures except exact betweenness under 60 s
at about 5,000 actors / 33,000 initiatives (``1330k`` triples with generate.py's proportions);
the filtered web JSON under 1 s. Each size records the 1/5/15-minute load average at its start
and end (``load_average``): the machine may be shared, so read every figure with it.

Usage::

    python bench/network_bench.py                      # 10k,100k,1m,1330k
    python bench/network_bench.py --sizes 10k,100k --exact
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import pyoxigraph as ox

from urbankg.graph.load import ensure_ontology
from urbankg.graph.store import OxigraphStore, open_store
from urbankg.network import (
    ALL,
    AnalysisParams,
    NetworkCache,
    NetworkFilters,
    analyse,
    build_network,
    network_json,
    write_metrics_graph,
)
from urbankg.network.metrics import betweenness

HERE = Path(__file__).resolve().parent
MEASURES = [
    m
    for m in (
        "degree",
        "holes",
        "ei",
        "ei_permutation",
        "mixing",
        "helix",
        "snapshots",
        "brokerage",
        "communities",
        "betweenness",
    )
]
VIEW = NetworkFilters(theme="low-carbon", year_from=2020, year_to=2021)


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate", HERE / "generate.py")
    if spec is None or spec.loader is None:
        raise SystemExit("bench/generate.py is missing")
    module = importlib.util.module_from_spec(spec)
    sys.modules["generate"] = module
    spec.loader.exec_module(module)
    return module


def _data(gen: ModuleType, triples: int, seed: int) -> Path:
    path: Path = gen.default_path(triples, seed, "nt")
    if not path.exists():
        print(f"generating {path.name} …", file=sys.stderr, flush=True)
        gen.generate(triples, seed, path, "nt")
    return path


def _store(path: Path) -> OxigraphStore:
    store = open_store(None)
    ensure_ontology(store)
    graph = ox.NamedNode(store.graph_iri("synthetic"))
    store.raw.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
    return store


def _load() -> list[float]:
    """The 1, 5 and 15 minute load averages (the machine may be shared: read figures with it)."""
    return [round(x, 2) for x in os.getloadavg()]


def bench_size(gen: ModuleType, label: str, seed: int, exact: bool, repeat: int) -> dict[str, Any]:
    triples = gen.parse_size(label)
    store = _store(_data(gen, triples, seed))
    row: dict[str, Any] = {"size": label, "quads": len(store), "load_average": {}}
    row["load_average"]["start"] = _load()
    params = AnalysisParams()
    network = build_network(store, None, params)
    g = network.graph
    row.update(
        actors=g.number_of_nodes(),
        ties=g.number_of_edges(),
        initiatives=len(network.data.initiatives),
        participations=len(network.data.participations),
    )
    t = {"extract": network.timings["extract"], "project": network.timings["project"]}
    a = analyse(network, ALL)
    t.update({m: a.timings[m] for m in MEASURES})
    t["layout"] = a.timings["layout"]
    row["betweenness_exact"] = a.betweenness.exact if a.betweenness else None
    t0 = time.perf_counter()
    write_metrics_graph(store, a)
    t["store metrics"] = time.perf_counter() - t0
    t["TOTAL extract+project+measures"] = sum(t[k] for k in ("extract", "project", *MEASURES))

    def median_view(cache: NetworkCache | None) -> tuple[float, float, dict[str, Any]]:
        runs, cpu, doc = [], [], {}
        for _ in range(repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            doc = network_json(store, VIEW, params, cache=cache)
            runs.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        return statistics.median(runs), statistics.median(cpu), doc

    t["web JSON, filtered view (query)"], _, _ = median_view(None)
    cache = NetworkCache()
    t0 = time.perf_counter()
    cache.get(store)
    t["cache load (once per store change)"] = time.perf_counter() - t0
    t["web JSON, filtered view (cache)"], cpu, doc = median_view(cache)
    # CPU seconds of the same runs: on a loaded machine the wall time includes waiting for a core.
    t["web JSON, filtered view (cache), CPU"] = cpu
    row["view"] = {
        "actors": doc["meta"]["nodes"],
        "ties": doc["meta"]["edges"],
        "positions": doc["meta"]["positions"],
    }
    if exact:
        t0 = time.perf_counter()
        betweenness(g, network.groups, exact_limit=g.number_of_nodes())
        t["betweenness (exact)"] = time.perf_counter() - t0
    row["seconds"] = {k: round(v, 3) for k, v in t.items()}
    row["load_average"]["end"] = _load()
    store.close()
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10k,100k,1m,1330k")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--exact", action="store_true", help="also time exact betweenness")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the filtered web JSON")
    args = parser.parse_args(argv)
    gen = _generator()
    rows = []
    for label in args.sizes.split(","):
        print(f"== {label}", file=sys.stderr, flush=True)
        rows.append(bench_size(gen, label.strip(), args.seed, args.exact, args.repeat))
    steps = list(dict.fromkeys(k for r in rows for k in r["seconds"]))
    width = max(len(s) for s in steps) + 2
    print("seconds".ljust(width) + "".join(r["size"].rjust(10) for r in rows))
    for key in ("quads", "actors", "ties", "initiatives", "participations"):
        print(key.ljust(width) + "".join(str(r[key]).rjust(10) for r in rows))
    for end in ("start", "end"):
        cells = "".join(f"{r['load_average'][end][0]:.2f}".rjust(10) for r in rows)
        print(f"load average ({end})".ljust(width) + cells)
    for step in steps:
        cells = "".join(
            (f"{r['seconds'][step]:.2f}" if step in r["seconds"] else "-").rjust(10) for r in rows
        )
        print(step.ljust(width) + cells)
    out = HERE / "out" / f"network_bench-{datetime.now(UTC):%Y%m%d-%H%M%S}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    print(f"wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
