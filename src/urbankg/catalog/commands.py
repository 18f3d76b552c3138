"""The ``catalog`` command (registered into the CLI by :func:`register`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from urbankg.catalog.deployment import Deployment
from urbankg.catalog.errors import CatalogError
from urbankg.catalog.generate import FORMATS, generate, serialize
from urbankg.graph.store import open_store
from urbankg.settings import Settings


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add ``catalog`` to the CLI's subcommands.

    Args:
        subparsers: the CLI's subcommand collection.
        common: the parent parser giving ``--store`` and ``--base``.
    """
    help_ = "write the DCAT-AP 3 catalogue (or the VoID description) of the graph; validate it"
    p = subparsers.add_parser("catalog", parents=[common], help=help_, description=help_)
    p.add_argument("--format", choices=sorted(FORMATS), default="turtle")
    p.add_argument("--output", "-o", help="file to write (default: standard output)")
    p.add_argument("--void", action="store_true", help="write the VoID description instead")
    p.add_argument(
        "--public-url",
        help="public URL of the deployment (setting public_url; default http://HOST:PORT)",
    )
    p.add_argument(
        "--validate",
        action="store_true",
        help="validate against the DCAT-AP 3.0.1 shapes and print the report (exit 1 on "
        "violations); the catalogue is then written only with --output",
    )
    p.add_argument(
        "--shapes",
        type=Path,
        metavar="DIR",
        help="folder of the DCAT-AP 3.0.1 SHACL shapes (setting catalog_shapes, env "
        "URBANKG_CATALOG_SHAPES)",
    )
    p.set_defaults(handler=cmd_catalog)


def cmd_catalog(args: argparse.Namespace, settings: Settings) -> int:
    """Write (and optionally validate) the catalogue; a bad setting or shapes folder exits 2."""
    try:
        return _run(args, settings)
    except CatalogError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def _run(args: argparse.Namespace, settings: Settings) -> int:
    if args.public_url:
        try:
            settings = Settings.model_validate(
                {**settings.model_dump(), "public_url": args.public_url}
            )
        except ValueError as exc:
            raise CatalogError(f"bad --public-url: {exc}") from None
    deployment = Deployment.from_settings(settings, f"http://{settings.host}:{settings.port}")
    shapes = args.shapes or settings.catalog_shapes
    if args.validate:
        from urbankg.catalog.validate import shapes_folder

        shapes_folder(shapes)  # refuse before the work when the shapes are missing
    store = open_store(settings.store, base=settings.base)
    try:
        made = generate(store, deployment)
    finally:
        store.close()
    body = serialize(made.void if args.void else made.catalog, args.format)
    if args.output:
        Path(args.output).write_bytes(body)
        print(
            f"wrote the {'VoID description' if args.void else 'catalogue'} to {args.output}",
            file=sys.stderr,
        )
    elif not args.validate:
        sys.stdout.buffer.write(body)
        sys.stdout.flush()
    if not args.validate:
        return 0
    from urbankg.catalog.validate import validate_catalog

    report = validate_catalog(made.catalog, shapes)
    sys.stdout.write(report.summary())
    return 0 if report.conforms else 1
