"""Running a user's SPARQL query on the store and formatting the result."""

from __future__ import annotations

import io
from typing import Any

import pyoxigraph as ox

from urbankg.graph.errors import InputError
from urbankg.graph.store import OxigraphStore
from urbankg.namespaces import PREFIXES

RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "xml": ox.QueryResultsFormat.XML,
}
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}


def compact(term: Any) -> str:
    """Show a term briefly: prefixed names for known namespaces, plain literal values."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, ns in PREFIXES.items():
            if term.value.startswith(ns) and len(term.value) > len(ns):
                return f"{prefix}:{term.value[len(ns) :]}"
        return term.value
    if isinstance(term, ox.Literal):
        return term.value + (f"@{term.language}" if term.language else "")
    return str(term)


def table(headers: list[str], rows: list[list[str]], *, max_width: int = 60) -> str:
    """Render rows as an aligned plain-text table."""
    cells = [[c if len(c) <= max_width else c[: max_width - 1] + "…" for c in r] for r in rows]
    widths = [len(h) for h in headers]
    for r in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, r, strict=True)]
    line = "  ".join("-" * w for w in widths)
    out = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)), line]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return "\n".join(out) + "\n"


def run_query(store: OxigraphStore, text: str, fmt: str = "table") -> bytes:
    """Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) and format its result.

    Args:
        store: the store (the query sees the union of all graphs as its default graph).
        text: the query.
        fmt: ``table``, ``csv``, ``tsv``, ``json``, ``xml`` (SELECT/ASK) or ``turtle``,
            ``ntriples``, ``jsonld``, ``rdfxml`` (CONSTRUCT/DESCRIBE; ``table`` means turtle).

    Returns:
        The formatted result.

    Raises:
        InputError: for a malformed query or a format that does not fit the query form.
    """
    try:
        result = store.raw.query(text, prefixes=PREFIXES, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise InputError(f"malformed query: {exc}", file="query") from None
    if isinstance(result, ox.QueryTriples):
        gfmt = GRAPH_FORMATS.get("turtle" if fmt == "table" else fmt)
        if gfmt is None:
            raise InputError(
                f"format '{fmt}' does not fit a CONSTRUCT/DESCRIBE query "
                f"(use one of: {', '.join(GRAPH_FORMATS)})"
            )
        return ox.serialize(list(result), format=gfmt, prefixes=PREFIXES) or b""
    if fmt == "table":
        if isinstance(result, ox.QueryBoolean):
            return b"true\n" if bool(result) else b"false\n"
        headers = [v.value for v in result.variables]
        rows = [[compact(sol[h]) for h in headers] for sol in result]
        return table(headers, rows).encode("utf-8") + f"({len(rows)} rows)\n".encode()
    rfmt = RESULT_FORMATS.get(fmt)
    if rfmt is None:
        raise InputError(
            f"format '{fmt}' does not fit a SELECT/ASK query "
            f"(use one of: table, {', '.join(RESULT_FORMATS)})"
        )
    buf = io.BytesIO()
    result.serialize(buf, format=rfmt)
    return buf.getvalue()
