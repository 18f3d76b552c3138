#!/usr/bin/env python
"""SPARQL over HTTP: urbankg's ``/sparql`` against Oxigraph's own server and rdflib-endpoint.

All servers run side by side in one run, each in its own process on a loopback port, over the
same synthetic data (``bench/generate.py``) and the same queries (``bench/sparql/*.rq``: four
heavy aggregates and joins, the co-participation edge list, a label search, a CONSTRUCT, an ASK
and a light query). Every server sees the data as the union of its named graphs.

servers     ours       ``urbankg`` app (uvicorn), on-disk store, queries in worker processes
                       over an in-memory replica (decision 0010), result cache on (default)
            ours-nocache  the same with ``result_cache_entries = 0``: every request is
                       evaluated (the sequential figures warm up and repeat a query, so the
                       cache answers ``ours``'s repeats; ``ours-nocache`` shows evaluation)
            oxigraph   ``oxigraph serve-read-only --union-default-graph`` (PyPI ``oxigraph``),
                       on-disk store
            rdflib     ``rdflib-endpoint serve`` (rdflib's in-memory store), the usual Python
                       choice; by default only up to 100k triples (``--rdflib-max``)
            bare       "before": a bare FastAPI app querying the on-disk pyoxigraph store
                       in-process (threads), no replica, no time limit
figures     sequential  median seconds per query (``--repeat`` runs after one warm-up; the
                        servers run at once and take turns, so load from elsewhere on the
                        machine hits them alike; rdflib-endpoint runs each query once)
            throughput  ``--requests`` light queries from ``--clients`` client processes
                        (keep-alive), requests per second, median of ``--rounds`` rounds
                        taken in turns; at the smallest size only

Targets (issue 3): heavy queries at least as fast as Oxigraph's server and >= 20x faster than
rdflib-endpoint; light-query throughput >= 0.9x Oxigraph's server.

Usage::

    python bench/bench_sparql.py                        # 100k and 1m, every server
    python bench/bench_sparql.py --sizes 100k --servers ours,oxigraph
    python bench/bench_sparql.py --sizes 100k --servers ours-nocache,oxigraph --parts throughput \
        --rounds 7 --requests 400               # the light-query throughput only
    python bench/bench_sparql.py --rdflib-python bench/out/venv-rdflib-endpoint/bin/python

rdflib-endpoint is not a dependency of urbankg: install it into a separate virtualenv
(``python -m venv bench/out/venv-rdflib-endpoint && bench/out/venv-rdflib-endpoint/bin/pip
install rdflib-endpoint``) and name its Python with ``--rdflib-python`` (that path is the
default). Results go to ``bench/out/bench_sparql-<timestamp>.json``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import multiprocessing as mp
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
OUT = HERE / "out"
QUERIES = HERE / "sparql"
GRAPH = "https://w3id.org/urbankg/id/graph/bench"
HEAVY = ("01", "02", "03", "04", "05")
LIGHT = "09-light-lookup"
ACCEPT = "application/sparql-results+json, text/turtle;q=0.9"

OURS = """
import sys, uvicorn
from urbankg.api.app import create_app
from urbankg.graph.store import open_store
from urbankg.settings import Settings
path, port, timeout, cache = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
settings = Settings(store=path, port=port, query_timeout=timeout, max_result_rows=50_000_000,
                    max_result_bytes=2**31, max_query_bytes=100_000, result_cache_entries=cache)
store = open_store(path)
uvicorn.run(create_app(settings, store=store), host="127.0.0.1", port=port,
            log_level="warning", access_log=False)
"""
BARE = """
import sys, uvicorn, pyoxigraph as ox
from urllib.parse import parse_qs
from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
path, port = sys.argv[1], int(sys.argv[2])
store = ox.Store(path)
app = FastAPI()
def run(query):
    r = store.query(query, use_default_graph_as_union=True)
    if isinstance(r, ox.QueryTriples):
        return ox.serialize(r, format=ox.RdfFormat.TURTLE), "text/turtle"
    return r.serialize(format=ox.QueryResultsFormat.JSON), "application/sparql-results+json"
@app.post("/sparql")
async def sparql(request: Request):
    query = parse_qs((await request.body()).decode())["query"][0]
    body, media = await run_in_threadpool(run, query)
    return Response(body, media_type=media)
uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
"""


def _size(text: str) -> int:
    text = text.lower()
    return int(float(text[:-1]) * (1_000_000 if text.endswith("m") else 1000))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def ensure_data(size: str) -> Path:
    """Return the N-Triples file of ``size`` (made by bench/generate.py when missing)."""
    path = DATA / f"synth-{size}-s1.nt"
    if not path.exists():
        spec = importlib.util.spec_from_file_location("generate", HERE / "generate.py")
        assert spec and spec.loader
        generate = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(generate)
        DATA.mkdir(parents=True, exist_ok=True)
        generate.main(["--triples", size, "--seed", "1", "--out", str(path)])
    return path


def load_ours(nt: Path, folder: Path) -> float:
    from urbankg.graph.load import ensure_ontology, load_sources
    from urbankg.graph.store import open_store

    t0 = time.perf_counter()
    store = open_store(folder)
    ensure_ontology(store)
    load_sources(store, [nt], names=["bench"], validate=False)
    store.close()
    return time.perf_counter() - t0


def load_oxigraph(nt: Path, folder: Path) -> float:
    t0 = time.perf_counter()
    subprocess.run(
        [_oxigraph(), "load", "--location", str(folder), "--file", str(nt), "--graph", GRAPH],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - t0


def _oxigraph() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(found).exists():
        raise SystemExit("the oxigraph server is missing: pip install oxigraph")
    return found


class Server:
    """A server process and the URL of its query endpoint."""

    def __init__(self, name: str, argv: list[str], port: int, path: str, log: Path) -> None:
        self.name = name
        self.url = f"http://127.0.0.1:{port}{path}"
        self.log = log.open("wb")
        self.proc = subprocess.Popen(argv, stdout=self.log, stderr=self.log, start_new_session=True)

    def wait(self, timeout: float = 600) -> float:
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited (see {self.log.name})")
            try:
                r = httpx.post(self.url, data={"query": "ASK { ?s ?p ?o }"}, timeout=5)
                if r.status_code == 200:
                    return time.perf_counter() - t0
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} did not start in {timeout} s")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.log.close()


def start(
    name: str, size: str, nt: Path, stores: dict[str, Path], args: argparse.Namespace, logs: Path
) -> Server:
    port = free_port()
    if name == "ours":
        argv = [
            sys.executable,
            "-c",
            OURS,
            str(stores["ours"]),
            str(port),
            str(args.timeout),
            "256",
        ]
        return Server(name, argv, port, "/sparql", logs / f"ours-{size}.log")
    if name == "ours-nocache":
        copy = stores["ours"].with_name(stores["ours"].name + "-nocache")
        if not copy.exists():
            shutil.copytree(stores["ours"], copy)  # ours holds the store's lock
        argv = [sys.executable, "-c", OURS, str(copy), str(port), str(args.timeout), "0"]
        return Server(name, argv, port, "/sparql", logs / f"ours-nocache-{size}.log")
    if name == "bare":
        copy = stores["ours"].with_name(stores["ours"].name + "-bare")
        if not copy.exists():
            shutil.copytree(stores["ours"], copy)  # ours holds the store's lock
        argv = [sys.executable, "-c", BARE, str(copy), str(port)]
        return Server(name, argv, port, "/sparql", logs / f"bare-{size}.log")
    if name == "oxigraph":
        argv = [
            _oxigraph(),
            "serve-read-only",
            "--location",
            str(stores["oxigraph"]),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
            "--timeout-s",
            str(int(args.timeout)),
        ]
        return Server(name, argv, port, "/query", logs / f"oxigraph-{size}.log")
    if name == "rdflib":
        argv = [
            args.rdflib_python,
            "-m",
            "rdflib_endpoint",
            "serve",
            str(nt),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ]
        if not Path(args.rdflib_python).exists():
            raise RuntimeError(f"no rdflib-endpoint Python at {args.rdflib_python}")
        return Server(name, argv, port, "/", logs / f"rdflib-{size}.log")
    raise ValueError(name)


def timed(client: httpx.Client, url: str, query: str, timeout: float) -> tuple[float, int]:
    t0 = time.perf_counter()
    r = client.post(url, data={"query": query}, headers={"Accept": ACCEPT}, timeout=timeout)
    body = r.read()
    elapsed = time.perf_counter() - t0
    if r.status_code != 200:
        raise RuntimeError(f"{url}: {r.status_code} {body[:300]!r}")
    return elapsed, len(body)


def sequential(
    servers: list[Server], queries: dict[str, str], args: argparse.Namespace
) -> dict[str, dict[str, Any]]:
    """Median time of each query on each server, the servers taking turns on every run."""
    out: dict[str, dict[str, Any]] = {s.name: {} for s in servers}
    with httpx.Client() as client:
        for name, text in queries.items():
            times: dict[str, list[float]] = {s.name: [] for s in servers}
            sizes: dict[str, int] = {}
            failed: dict[str, str] = {}
            for run in range(args.repeat + 1):  # run 0 warms up
                for s in servers:
                    if s.name in failed or (s.name == "rdflib" and run > 0):
                        continue
                    try:
                        elapsed, size = timed(client, s.url, text, args.timeout)
                    except (httpx.TimeoutException, RuntimeError) as exc:
                        failed[s.name] = str(exc)[:300]
                        continue
                    sizes[s.name] = size
                    if run > 0 or s.name == "rdflib":  # rdflib-endpoint: one run, no warm-up
                        times[s.name].append(elapsed)
            for s in servers:
                if s.name in failed:
                    out[s.name][name] = {
                        "median_s": None,
                        "error": failed[s.name],
                        "at_least_s": args.timeout,
                    }
                else:
                    out[s.name][name] = {
                        "median_s": statistics.median(times[s.name]),
                        "bytes": sizes[s.name],
                        "runs": len(times[s.name]),
                    }
            print(
                f"  {name:30s} "
                + "  ".join(
                    f"{s.name} "
                    + (
                        f"{out[s.name][name]['median_s']:.3f}"
                        if out[s.name][name]["median_s"] is not None
                        else f">{args.timeout:.0f}"
                    )
                    for s in servers
                ),
                flush=True,
            )
    return out


def _client(job: tuple[str, str, int, Any]) -> tuple[float, int]:
    url, query, n, barrier = job
    with httpx.Client() as client:
        client.post(url, data={"query": query}, headers={"Accept": ACCEPT})
        barrier.wait()
        t0 = time.perf_counter()
        ok = 0
        for _ in range(n):
            r = client.post(url, data={"query": query}, headers={"Accept": ACCEPT})
            ok += r.status_code == 200
        return time.perf_counter() - t0, ok


def throughput(
    servers: list[Server], query: str, args: argparse.Namespace
) -> dict[str, dict[str, Any]]:
    """Light-query throughput of each server; ``--rounds`` rounds, servers taking turns."""
    ctx = mp.get_context("spawn")
    rates: dict[str, list[float]] = {s.name: [] for s in servers}
    with ctx.Manager() as manager, ctx.Pool(args.clients) as pool:
        for _ in range(args.rounds):
            for s in servers:
                barrier = manager.Barrier(args.clients + 1)
                pending = pool.map_async(
                    _client, [(s.url, query, args.requests // args.clients, barrier)] * args.clients
                )
                barrier.wait()
                t0 = time.perf_counter()
                results = pending.get(timeout=600)
                wall = time.perf_counter() - t0
                rates[s.name].append(sum(r[1] for r in results) / wall)
    out = {}
    for s in servers:
        out[s.name] = {
            "requests": args.requests,
            "clients": args.clients,
            "rounds": args.rounds,
            "rps_median": statistics.median(rates[s.name]),
            "rps": rates[s.name],
        }
        print(
            f"  throughput {s.name:9s} {out[s.name]['rps_median']:8.1f} req/s "
            f"(rounds: {', '.join(f'{r:.0f}' for r in rates[s.name])})",
            flush=True,
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100k,1m")
    parser.add_argument("--servers", default="ours,ours-nocache,oxigraph,rdflib,bare")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=120.0, help="per query, seconds")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3, help="throughput rounds per server")
    parser.add_argument(
        "--parts", default="sequential,throughput", help="which figures to take (comma-separated)"
    )
    parser.add_argument("--rdflib-python", default=str(OUT / "venv-rdflib-endpoint/bin/python"))
    parser.add_argument("--rdflib-max", default="100k", help="largest size for rdflib-endpoint")
    args = parser.parse_args(argv)
    servers = args.servers.split(",")
    queries = {p.stem: p.read_text() for p in sorted(QUERIES.glob("*.rq"))}
    OUT.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="bench-sparql-", dir=OUT))
    results: dict[str, Any] = {
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "sizes": {},
    }
    try:
        for i, size in enumerate(args.sizes.split(",")):
            nt = ensure_data(size)
            stores = {"ours": work / f"ours-{size}", "oxigraph": work / f"oxigraph-{size}"}
            res: dict[str, Any] = {"load_s": {}, "startup_s": {}, "queries": {}, "throughput": {}}
            res["load_s"]["ours"] = load_ours(nt, stores["ours"])
            if "oxigraph" in servers:
                res["load_s"]["oxigraph"] = load_oxigraph(nt, stores["oxigraph"])
            print(f"== {size}: loaded {res['load_s']}", flush=True)
            running: list[Server] = []
            try:
                for name in servers:
                    if name == "rdflib" and _size(size) > _size(args.rdflib_max):
                        continue
                    running.append(start(name, size, nt, stores, args, work))
                for server in running:
                    res["startup_s"][server.name] = server.wait()
                if "sequential" in args.parts:
                    res["queries"] = sequential(running, queries, args)
                if i == 0 and "throughput" in args.parts:
                    res["throughput"] = throughput(running, queries[LIGHT], args)
            finally:
                for server in running:
                    server.stop()
            res["ratios"] = ratios(res)
            results["sizes"][size] = res
            print(json.dumps(res["ratios"], indent=1), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = OUT / f"bench_sparql-{stamp}.json"
    target.write_text(json.dumps(results, indent=2))
    print(f"results: {target}")
    return 0


def ratios(res: dict[str, Any]) -> dict[str, Any]:
    """Speed-ups of ours (with and without the result cache) over each peer (>1: ours faster)."""
    out: dict[str, Any] = {}
    for me in ("ours", "ours-nocache"):
        mine_all = res["queries"].get(me)
        if not mine_all:
            continue
        for peer in ("oxigraph", "rdflib", "bare"):
            theirs = res["queries"].get(peer)
            if not theirs:
                continue
            per: dict[str, Any] = {}
            for q, mine in mine_all.items():
                t = theirs.get(q, {})
                if mine.get("median_s") and t.get("median_s"):
                    per[q] = round(t["median_s"] / mine["median_s"], 2)
                elif mine.get("median_s") and t.get("at_least_s"):
                    per[q] = f">= {t['at_least_s'] / mine['median_s']:.0f}"
            out[f"speedup_{me}_vs_{peer}"] = per
    tp = res.get("throughput", {})
    for me in ("ours", "ours-nocache"):
        if me in tp and "oxigraph" in tp:
            out[f"light_throughput_{me}_vs_oxigraph"] = round(
                tp[me]["rps_median"] / tp["oxigraph"]["rps_median"], 3
            )
    return out


if __name__ == "__main__":
    sys.exit(main())
