"""The ``urbankg`` command line: thin commands over plain functions.

Exit codes: 0 success; 1 validation found violations; 2 usage or input error.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

import pyoxigraph as ox

from urbankg import __version__
from urbankg.api import commands as api_commands
from urbankg.catalog import commands as catalog_commands
from urbankg.graph.errors import InputError, StoreError, UrbankgError
from urbankg.graph.load import (
    ValidationFailedError,
    init_store,
    load_sources,
    stage_all,
    validate_staged,
    validate_store,
)
from urbankg.graph.query import compact, run_query, table
from urbankg.graph.stats import compute_stats
from urbankg.graph.store import OxigraphStore, open_store
from urbankg.graph.validate import Report
from urbankg.network import commands as network_commands
from urbankg.resources import data_files
from urbankg.settings import Settings, load_settings

EXPORT_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
}

Handler = Callable[[argparse.Namespace, Settings], int]


class UsageError(UrbankgError):
    """A command was called wrongly."""


# ---- helpers ------------------------------------------------------------------------------------
def _progress(label: str, stream: TextIO) -> Callable[[int, int], None]:
    def report(done: int, total: int) -> None:
        if stream.isatty():
            stream.write(f"\r{label}: {done}/{total or '?'} chunks")
            if total and done >= total:
                stream.write("\n")
        elif done == total or done % 10 == 0:
            stream.write(f"{label}: {done}/{total or '?'} chunks\n")
        stream.flush()

    return report


def _open(settings: Settings) -> OxigraphStore:
    return open_store(settings.store, base=settings.base)


def print_report(report: Report, fmt: str, out: TextIO) -> None:
    """Print a validation report as a table (people) or JSON (programs)."""
    if fmt == "json":
        json.dump(report.as_dict(), out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    if report.findings:
        rows = [
            [
                f.severity,
                f.source or "",
                compact(ox.NamedNode(f.focus)) if f.focus.startswith("http") else f.focus,
                f.focus_label or "",
                compact(ox.NamedNode(f.path)) if f.path and f.path.startswith("http") else "",
                f.value or "",
                f.message,
            ]
            for f in report.findings
        ]
        out.write(table(["severity", "source", "focus", "label", "path", "value", "message"], rows))
    out.write(
        f"{len(report.violations)} violation(s), {len(report.warnings)} warning(s) in "
        f"{report.triples} triples ({report.seconds:.2f} s)\n"
    )


# ---- commands -----------------------------------------------------------------------------------
def cmd_init(args: argparse.Namespace, settings: Settings) -> int:
    """Create the store (if needed) and load the ontology and the bundled real data."""
    store = _open(settings)
    try:
        result = init_store(
            store, workers=settings.workers, progress=_progress("validating", sys.stderr)
        )
    finally:
        store.close()
    print(
        f"store {settings.store}: loaded {result.triples} triples into "
        f"{', '.join(result.graphs)} ({len(result.report.warnings)} warning(s), "
        f"{result.seconds:.1f} s)"
    )
    return 0


def cmd_load(args: argparse.Namespace, settings: Settings) -> int:
    """Load sources (validate-then-commit; nothing is written when any source is bad)."""
    if args.graph and len(args.files) != 1:
        raise UsageError("--graph names the graph of a single source; give one file or folder")
    store = _open(settings)
    try:
        result = load_sources(
            store,
            [Path(f) for f in args.files],
            names=[args.graph] if args.graph else None,
            validate=not args.no_validate,
            workers=settings.workers,
            progress=_progress("validating", sys.stderr),
        )
    except ValidationFailedError as exc:
        print_report(exc.report, args.format, sys.stdout)
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
    if args.format == "json":
        json.dump(
            {
                "graphs": result.graphs,
                "triples": result.triples,
                "seconds": round(result.seconds, 3),
                "warnings": [f.as_dict() for f in result.report.warnings],
            },
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        print()
    else:
        print(
            f"loaded {result.triples} triples into {', '.join(result.graphs)} "
            f"({len(result.report.warnings)} warning(s), {result.seconds:.2f} s)"
        )
    return 0


def cmd_validate(args: argparse.Namespace, settings: Settings) -> int:
    """Validate files (against the store as context, storing nothing) or the whole store."""
    store = _open(settings)
    progress = _progress("validating", sys.stderr)
    try:
        if args.files:
            staged = stage_all(store, [Path(f) for f in args.files])
            try:
                report = validate_staged(store, staged, workers=settings.workers, progress=progress)
            finally:
                for s in staged:
                    s.close()
        else:
            report = validate_store(store, workers=settings.workers, progress=progress)
    finally:
        store.close()
    print_report(report, args.format, sys.stdout)
    return 0 if report.conforms else 1


def cmd_query(args: argparse.Namespace, settings: Settings) -> int:
    """Run a SPARQL query given as an argument, a file (``@file.rq``) or on standard input."""
    if args.file:
        try:
            text = Path(args.file).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise InputError("no such file", file=args.file) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read the query: {exc}", file=args.file) from None
    elif args.query == "-":
        text = sys.stdin.read()
    elif args.query:
        text = args.query
    else:
        raise UsageError("give a query, --file FILE.rq, or - to read standard input")
    store = _open(settings)
    try:
        sys.stdout.buffer.write(run_query(store, text, args.format))
    finally:
        store.close()
    sys.stdout.flush()
    return 0


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    """Write the store's data graphs in an RDF format."""
    store = _open(settings)
    try:
        if args.output:
            with Path(args.output).open("wb") as fh:
                store.dump(fh, EXPORT_FORMATS[args.format], graph=args.graph)
        else:
            store.dump(sys.stdout.buffer, EXPORT_FORMATS[args.format], graph=args.graph)
    finally:
        store.close()
    return 0


def cmd_stats(args: argparse.Namespace, settings: Settings) -> int:
    """Print counts by class, theme, sector, programme and year."""
    store = _open(settings)
    try:
        stats = compute_stats(store)
    finally:
        store.close()
    if args.format == "json":
        json.dump(stats.as_dict(), sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    print(f"{stats.triples} quads in {stats.graphs} named graphs\n")
    for section, rows in stats.sections.items():
        print(f"## {section}")
        if not rows:
            print("(none)\n")
            continue
        headers = list(dict.fromkeys(k for r in rows for k in r))
        body = [
            [
                compact(ox.NamedNode(str(r[h])))
                if str(r.get(h, "")).startswith("http")
                else str(r.get(h, ""))
                for h in headers
            ]
            for r in rows
        ]
        print(table(headers, body))
    return 0


def cmd_template(args: argparse.Namespace, settings: Settings) -> int:
    """Copy the CSV templates for coordinators into a folder."""
    target = Path(args.dir)
    target.mkdir(parents=True, exist_ok=True)
    copied = []
    for f in data_files(".csv"):
        if "template" in Path(str(f)).parts:
            dest = target / f.name
            if dest.exists() and not args.force:
                raise UsageError(f"{dest} exists (use --force to overwrite)")
            with f.open("rb") as src, dest.open("wb") as fh:
                shutil.copyfileobj(src, fh)
            copied.append(f.name)
    print(f"copied {', '.join(sorted(copied))} to {target}")
    return 0


# ---- parser -------------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser of every command."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--store",
        help="store directory (env URBANKG_STORE; default ~/.local/share/urbankg/store)",
    )
    common.add_argument("--base", help="base IRI of instances (env URBANKG_BASE)")
    parser = argparse.ArgumentParser(
        prog="urbankg",
        description="The knowledge graph of urban development initiatives.",
    )
    parser.add_argument("--version", action="version", version=f"urbankg {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, handler: Handler, help_: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=help_, description=help_)
        p.set_defaults(handler=handler)
        return p

    add("init", cmd_init, "create the store and load the ontology and bundled real data")
    p = add("load", cmd_load, "load CSV folders/files or RDF files (validate, then commit)")
    p.add_argument("files", nargs="+", metavar="FILE", help="source: CSV folder or file, RDF file")
    p.add_argument("--graph", help="name of the named graph (default: file stem / folder name)")
    p.add_argument("--no-validate", action="store_true", help="skip SHACL (trusted bulk data)")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p = add("validate", cmd_validate, "validate files against the store, or the whole store")
    p.add_argument("files", nargs="*", metavar="FILE")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p = add("query", cmd_query, "run a SPARQL query on the store")
    p.add_argument("query", nargs="?", help="the query text, or - for standard input")
    p.add_argument("--file", "-f", help="read the query from a .rq file")
    p.add_argument(
        "--format",
        default="table",
        choices=["table", "csv", "tsv", "json", "xml", "turtle", "ntriples", "jsonld", "rdfxml"],
    )
    p = add("export", cmd_export, "write the data graphs as RDF")
    p.add_argument("--format", choices=sorted(EXPORT_FORMATS), default="turtle")
    p.add_argument("--output", "-o", help="file to write (default: standard output)")
    p.add_argument("--graph", help="export only this graph IRI")
    p = add("stats", cmd_stats, "counts by class, theme, sector, programme and year")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p = add("template", cmd_template, "copy the CSV templates for coordinators into DIR")
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--force", action="store_true", help="overwrite existing files")
    network_commands.register(sub, common)
    api_commands.register(sub, common)
    catalog_commands.register(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = load_settings(store=args.store, base=args.base)
    except ValueError as exc:
        print(f"error: bad setting: {exc}", file=sys.stderr)
        return 2
    handler: Handler = args.handler
    try:
        return handler(args, settings)
    except (InputError, StoreError, UsageError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
