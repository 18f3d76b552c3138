"""The ``urbankg serve`` command (registered into the CLI by :func:`register`)."""

from __future__ import annotations

import argparse
import gc
import sys

from urbankg.graph.load import init_store
from urbankg.graph.store import open_store
from urbankg.settings import Settings


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add ``serve`` to the CLI's subcommands.

    Args:
        subparsers: the CLI's subcommand collection.
        common: the parent parser giving ``--store`` and ``--base``.
    """
    help_ = "serve the SPARQL endpoint, linked data, REST API and dumps over HTTP"
    p = subparsers.add_parser("serve", parents=[common], help=help_, description=help_)
    p.add_argument("--host", help="address to bind (env URBANKG_HOST; default 127.0.0.1)")
    p.add_argument("--port", type=int, help="port to bind (env URBANKG_PORT; default 8000)")
    p.set_defaults(handler=cmd_serve)


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    """Serve the store; a fresh or empty store first gets the ontology and the bundled data."""
    import uvicorn

    from urbankg.api.app import create_app
    from urbankg.graph.derive import refresh_derived

    updates = {k: v for k, v in (("host", args.host), ("port", args.port)) if v is not None}
    if updates:
        settings = settings.model_copy(update=updates)
    store = open_store(settings.store, base=settings.base)
    try:
        if not store.data_graph_iris():
            print(f"store {settings.store} is empty: loading the bundled data", file=sys.stderr)
            init_store(store, workers=settings.workers)
            # Free, on this thread, the pyoxigraph iterators that validation left in reference
            # cycles: collected later on a server thread, each would print "QuadIter is
            # unsendable" (pyoxigraph iterators belong to the thread that made them).
            gc.collect()
        elif store.derived_graph not in store.graph_iris():
            refresh_derived(store)  # a store written before derived SDGs existed (decision 0004)
        app = create_app(settings, store=store)
        print(
            f"serving {settings.store} at http://{settings.host}:{settings.port}/", file=sys.stderr
        )
        uvicorn.run(
            app,
            host=settings.host,
            port=settings.port,
            log_level="warning",
            access_log=False,
            lifespan="on",
        )
    finally:
        store.close()
    return 0
