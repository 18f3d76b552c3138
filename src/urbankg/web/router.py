"""Routes of the web app and the network API (``/api/v1/network…``) it reads.

The network is computed once per data generation and filter set and kept in the app's cache
(:attr:`ApiContext.cache`); the unfiltered two-mode data is held by one
:class:`~urbankg.network.cache.NetworkCache`, which reloads when the store's load provenance
changes. Unknown filter values are 422 naming the value.
"""

from __future__ import annotations

import asyncio
import io
import json
from collections import OrderedDict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from urbankg.api.context import ApiContext, get_ctx
from urbankg.api.examples import examples
from urbankg.graph.errors import InputError
from urbankg.namespaces import PREFIXES
from urbankg.network.cache import NetworkCache
from urbankg.network.filters import NetworkFilters
from urbankg.network.service import export_network, metrics_summary, network_json
from urbankg.web.options import filter_options
from urbankg.web.pages import matrix_counts, render

router = APIRouter()
KEEP = 32  # filtered networks kept per generation

Theme = Annotated[str | None, Query(description="theme slug, e.g. low-carbon")]
Sdg = Annotated[str | None, Query(description="SDG goal or target, e.g. 11 or 11.3")]
Programme = Annotated[str | None, Query(description="programme id, e.g. kestava-kaupunki")]
FromYear = Annotated[int | None, Query(alias="from", description="active from this year")]
ToYear = Annotated[int | None, Query(alias="to", description="active until this year")]
Sector = Annotated[str | None, Query(description="actor type or helix slug")]
Role = Annotated[str | None, Query(description="role slug, e.g. coordinator")]
Derived = Annotated[bool, Query(description="let sdg match SDGs derived from themes")]


def network_filters(
    theme: Theme = None,
    sdg: Sdg = None,
    programme: Programme = None,
    year_from: FromYear = None,
    year_to: ToYear = None,
    sector: Sector = None,
    role: Role = None,
    derived_sdgs: Derived = False,
) -> NetworkFilters:
    """The network filters of a request's query string (one declaration for every endpoint)."""

    def clean(v: str | None) -> str | None:
        return v.strip() or None if v is not None else None

    return NetworkFilters(
        theme=clean(theme),
        sdg=clean(sdg),
        derived_sdgs=derived_sdgs,
        programme=clean(programme),
        year_from=year_from,
        year_to=year_to,
        sector=clean(sector),
        role=clean(role),
    )


Filters = Annotated[NetworkFilters, Depends(network_filters)]


def _generation(ctx: ApiContext) -> int:
    return ctx.pool.generation if ctx.pool is not None else 0


def _memo(ctx: ApiContext, kind: str) -> OrderedDict[tuple[Any, ...], Any]:
    found = ctx.cache.get(f"web:{kind}")
    if found is None:
        found = ctx.cache[f"web:{kind}"] = OrderedDict()
    memo: OrderedDict[tuple[Any, ...], Any] = found
    return memo


def network_cache(ctx: ApiContext) -> NetworkCache:
    """The app's cache of the unfiltered network data (made on first use)."""
    found = ctx.cache.get("web:network-data")
    if not isinstance(found, NetworkCache):
        found = ctx.cache["web:network-data"] = NetworkCache()
    return found


async def _cached(ctx: ApiContext, kind: str, filters: NetworkFilters, make: Any) -> Any:
    memo = _memo(ctx, kind)
    key = (_generation(ctx), filters)
    if key in memo:
        memo.move_to_end(key)
        return memo[key]
    try:
        value = await asyncio.to_thread(make)
    except InputError as exc:
        raise HTTPException(422, str(exc)) from None
    for old in [k for k in memo if k[0] != key[0]]:
        del memo[old]
    memo[key] = value
    while len(memo) > KEEP:
        memo.popitem(last=False)
    return value


async def network_document(ctx: ApiContext, filters: NetworkFilters) -> dict[str, Any]:
    """The web JSON of the filtered network, computed once per generation and filters."""
    doc: dict[str, Any] = await _cached(
        ctx,
        "json",
        filters,
        lambda: network_json(ctx.store, filters, cache=network_cache(ctx)),
    )
    return doc


@router.get("/api/v1/network", tags=["network"], summary="The partnership network (web JSON)")
async def network(
    request: Request,
    f: Filters,
) -> JSONResponse:
    """Nodes (with positions and metrics), edges, initiatives and the summary."""
    return JSONResponse(await network_document(get_ctx(request), f))


@router.get("/api/v1/network/metrics", tags=["network"], summary="Network-level metrics")
async def metrics(
    request: Request,
    f: Filters,
) -> JSONResponse:
    """E-I with baseline, assortativity, mixing, helix shares, brokers, communities, years."""
    ctx = get_ctx(request)
    doc = await _cached(ctx, "metrics", f, lambda: metrics_summary(ctx.store, f))
    return JSONResponse(doc)


EXPORTS = {
    "gexf": ("application/gexf+xml", "gexf"),
    "graphml": ("application/graphml+xml", "graphml"),
    "csv": ("text/csv; charset=utf-8", "csv"),
}


@router.get(
    "/api/v1/network.{fmt}",
    tags=["network"],
    summary="The partnership network as GEXF, GraphML or CSV",
)
async def network_file(
    request: Request,
    fmt: str,
    f: Filters,
    table: Annotated[str, Query(pattern="^(edges|nodes)$", description="csv table")] = "edges",
) -> Response:
    """The filtered network with every measure (csv: ``table=edges`` or ``nodes``)."""
    if fmt not in EXPORTS:
        raise HTTPException(404, f"unknown network format '{fmt}' (known: gexf, graphml, csv)")
    ctx = get_ctx(request)

    def make() -> bytes:
        out = io.BytesIO()
        export_network(ctx.store, fmt, out, f, table=table)
        return out.getvalue()

    body: bytes = await _cached(ctx, f"file:{fmt}:{table}", f, make)
    media, ext = EXPORTS[fmt]
    name = f"urbankg-network{'-' + table if fmt == 'csv' else ''}.{ext}"
    return Response(
        body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


def script_json(value: Any) -> str:
    """JSON safe inside a ``<script>`` element (no ``<``, ``>`` or ``&`` left as such)."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@router.get("/", include_in_schema=False)
@router.get("/network", include_in_schema=False)
async def network_page(request: Request) -> HTMLResponse:
    """The network view."""
    return HTMLResponse(
        render(request, "network.html", title="Network", options=script_json(filter_options()))
    )


@router.get("/matrix", include_in_schema=False)
async def matrix_page(request: Request) -> HTMLResponse:
    """The theme × SDG coverage matrix."""
    ctx = get_ctx(request)
    counts = await asyncio.to_thread(matrix_counts, ctx)
    return HTMLResponse(render(request, "matrix.html", title="Themes × SDGs", **counts))


async def sparql_editor(request: Request) -> HTMLResponse:
    """The SPARQL editor (YASGUI) with the example queries as tabs."""
    tabs = [{"name": e.name, "question": e.question, "query": e.text} for e in examples()]
    return HTMLResponse(
        render(
            request,
            "sparql.html",
            title="SPARQL",
            tabs=script_json(tabs),
            prefixes=script_json(dict(PREFIXES)),
        )
    )


def wants_editor(scope: Scope) -> bool:
    """A browser GET of ``/sparql`` without a query (or ``/sparql/editor``)."""
    if scope["type"] != "http" or scope["method"] != "GET":
        return False
    if scope["path"] == "/sparql/editor":
        return True
    if scope["path"] != "/sparql":
        return False
    qs = scope.get("query_string", b"").decode("latin-1")
    if any(p.split("=", 1)[0] in ("query", "update") for p in qs.split("&")):
        return False
    headers = dict(scope.get("headers") or [])
    accept = headers.get(b"accept", b"").decode("latin-1")
    from urbankg.api import conneg

    return conneg.prefers_html(accept)


class EditorFirst:
    """ASGI middleware: browser GETs of ``/sparql`` without a query get the editor page."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve the editor or pass on."""
        if wants_editor(scope):
            response = await sparql_editor(Request(scope, receive))
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


def install(app: FastAPI) -> None:
    """Add the web app to ``app``: its routes first (``/`` wins), static files, the editor."""
    if getattr(app.state, "web_installed", False):
        return
    app.state.web_installed = True
    before = len(app.router.routes)
    app.include_router(router)
    added = app.router.routes[before:]
    del app.router.routes[before:]
    app.router.routes[0:0] = added
    app.mount("/static/web", StaticFiles(packages=[("urbankg.web", "static")]), name="web-static")
    # the mount must precede the api's /static mount
    app.router.routes.insert(0, app.router.routes.pop())
    app.add_middleware(EditorFirst)
