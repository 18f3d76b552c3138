"""Helpers of the REST API: languages, slugs, terms to JSON, paging, CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from typing import Any, Literal
from urllib.parse import urlencode

import pyoxigraph as ox
from fastapi import HTTPException, Request
from fastapi.responses import JSONResponse, Response

from urbankg.api import conneg

Lang = Literal["fi", "sv", "en"]
DEF = "https://w3id.org/urbankg/def"
SDG = "http://metadata.un.org/sdg/"
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")


def fallback(lang: str) -> list[str]:
    """Languages to try for ``lang``: itself, then English, Finnish, Swedish, untagged."""
    return list(dict.fromkeys([lang, "en", "fi", "sv", ""]))


def pick(labels: Mapping[str, str], lang: str) -> str | None:
    """Choose the label in ``lang``, falling back as :func:`fallback` says."""
    for code in fallback(lang):
        if labels.get(code):
            return labels[code]
    return next(iter(labels.values()), None)


def value(term: Any) -> Any:
    """Turn a pyoxigraph term into JSON: IRIs and strings as str, numbers and years as int."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value.rsplit("#", 1)[-1]
        if dt in ("integer", "gYear", "int", "long"):
            try:
                return int(term.value)
            except ValueError:
                return term.value
        if dt == "decimal":
            return float(term.value)
        return term.value
    return str(term.value)


def slug(iri: str | None) -> str | None:
    """The last path segment of an IRI (the stable slug of a resource or concept)."""
    return iri.rstrip("/").rsplit("/", 1)[-1] if iri else None


def sdg_code(iri: str | None) -> str | None:
    """The SDG notation (``11``, ``11.3``) of an SDG IRI."""
    return iri[len(SDG) :] if iri and iri.startswith(SDG) else None


def concept(scheme: str, name: str) -> ox.NamedNode:
    """The IRI of concept ``name`` of one of our schemes."""
    return ox.NamedNode(f"{DEF}/{scheme}/{name}")


def year(n: int) -> ox.Literal:
    """An ``xsd:integer`` literal of a year."""
    return ox.Literal(str(n), datatype=XSD_INTEGER)


def page(items: Sequence[Any], number: int, size: int) -> list[Any]:
    """Return page ``number`` (from 1) of ``items``."""
    start = (number - 1) * size
    return list(items[start : start + size])


def links(request: Request, number: int, size: int, total: int) -> dict[str, str]:
    """First/prev/next/last URLs of a paged collection."""
    last = max(1, -(-total // size))
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "page"]

    def url(n: int) -> str:
        return str(request.url.replace(query=urlencode([*params, ("page", str(n))])))

    out = {"first": url(1), "last": url(last)}
    if number > 1:
        out["prev"] = url(min(number - 1, last))
    if number < last:
        out["next"] = url(number + 1)
    return out


def wants_csv(request: Request, fmt: str | None) -> bool:
    """True when ``format=csv`` or the ``Accept`` header prefers CSV to JSON."""
    if fmt is not None:
        return fmt == "csv"
    accept = request.headers.get("accept")
    chosen = conneg.negotiate(accept, (("application/json", ()), ("text/csv", ())))
    if chosen is None:
        raise HTTPException(406, "this resource is available as application/json or text/csv")
    return chosen == "text/csv"


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, list | tuple):
        return "|".join(_cell(x) for x in v)
    if isinstance(v, dict):
        return "|".join(f"{k}:{_cell(x)}" for k, x in v.items())
    return str(v)


def to_csv(rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> bytes:
    """Rows as CSV (lists joined with ``|``)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(columns)
    for r in rows:
        writer.writerow([_cell(r.get(c)) for c in columns])
    return buf.getvalue().encode("utf-8")


def collection(
    request: Request,
    items: Sequence[Mapping[str, Any]],
    *,
    number: int,
    size: int,
    fmt: str | None,
    columns: Sequence[str],
) -> Response:
    """Answer one page of a collection as JSON or CSV, with total count and ``Link`` headers."""
    total = len(items)
    rows = page(items, number, size)
    nav = links(request, number, size, total)
    headers = {
        "X-Total-Count": str(total),
        "Link": ", ".join(f'<{u}>; rel="{rel}"' for rel, u in nav.items()),
    }
    if wants_csv(request, fmt):
        return Response(to_csv(rows, columns), media_type="text/csv", headers=headers)
    body = {"total": total, "page": number, "per_page": size, "links": nav, "items": rows}
    return JSONResponse(body, headers=headers)


def sort_items(
    items: list[dict[str, Any]], key: str, allowed: Sequence[str]
) -> list[dict[str, Any]]:
    """Sort by ``key`` (``-key`` descending); missing values last; ties by label then id."""
    name = key.lstrip("-")
    if name not in allowed:
        raise HTTPException(422, f"cannot sort by '{name}' (use one of: {', '.join(allowed)})")
    reverse = key.startswith("-")
    present = [i for i in items if i.get(name) is not None]
    missing = [i for i in items if i.get(name) is None]
    present.sort(key=lambda i: (str(i.get("label") or "").casefold(), i["id"]))
    present.sort(key=lambda i: _sortable(i[name]), reverse=reverse)
    return present + missing


def _sortable(v: Any) -> Any:
    return v.casefold() if isinstance(v, str) else v
