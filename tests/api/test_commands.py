"""``urbankg serve``: a real process on a free port, initialising a fresh store first."""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
from apitest_support import free_port

from urbankg.api.commands import cmd_serve, register
from urbankg.graph.load import init_store
from urbankg.graph.store import open_store


def test_register_adds_serve() -> None:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--store")
    common.add_argument("--base")
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers(dest="command"), common)
    args = parser.parse_args(["serve", "--port", "8123", "--store", "/tmp/x"])
    assert args.handler is cmd_serve and args.port == 8123 and args.host is None


@contextlib.contextmanager
def _serving(store: Path, tmp_path: Path) -> Iterator[str]:
    """Run ``urbankg serve`` on ``store`` in a process; yield its URL once it answers."""
    port = free_port()
    code = (
        "import argparse, sys\n"
        "from urbankg.api.commands import cmd_serve\n"
        "from urbankg.settings import load_settings\n"
        "s = load_settings(store=sys.argv[1], access_log=False, query_workers=1)\n"
        "sys.exit(cmd_serve(argparse.Namespace(host='127.0.0.1', port=int(sys.argv[2])), s))\n"
    )
    env = {**os.environ, "URBANKG_CONFIG": str(tmp_path / "none.toml")}
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(store), str(port)],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                httpx.get(f"http://127.0.0.1:{port}/health", timeout=5)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
                assert time.monotonic() < deadline, "urbankg serve did not start"
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        if proc.stderr:
            proc.stderr.close()


def test_serve_initialises_an_empty_store_and_serves(tmp_path: Path) -> None:
    with _serving(tmp_path / "store", tmp_path) as url:
        r = httpx.get(f"{url}/health", timeout=5)
        assert r.json()["status"] == "ok" and r.json()["triples"] > 3000
        page = httpx.get(f"{url}/api/v1/projects", timeout=10).json()
        assert page["total"] > 40
    assert (tmp_path / "store").is_dir()


def test_serve_derives_the_sdgs_of_a_store_written_without_them(tmp_path: Path) -> None:
    store = open_store(tmp_path / "store")
    init_store(store, workers=1)
    store.drop_graph(store.derived_graph)  # as a store written before decision 0004
    store.close()
    ask = "ASK { ?i ukg:derivedSdg <http://metadata.un.org/sdg/11> }"
    with _serving(tmp_path / "store", tmp_path) as url:
        r = httpx.get(f"{url}/sparql", params={"query": ask}, timeout=10)
        assert r.json()["boolean"] is True
