"""The SPARQL 1.1 Protocol endpoint ``/sparql``: queries, updates, the service description."""

from __future__ import annotations

import asyncio
import hmac
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from urbankg.api import conneg
from urbankg.api.context import ApiContext, get_ctx
from urbankg.api.examples import examples
from urbankg.api.pages import render
from urbankg.api.sparql_text import RefusedError, check_load, check_service, has_from_clause
from urbankg.api.update import UpdateError, apply_update
from urbankg.graph.load import ValidationFailedError
from urbankg.namespaces import PREFIXES

router = APIRouter(tags=["SPARQL"])

FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"
_DATASET = ("default-graph-uri", "named-graph-uri")
_USING = ("using-graph-uri", "using-named-graph-uri")

_DESCRIPTION = """SPARQL 1.1 Protocol. Query with `GET ?query=`, a form `POST` or a `POST` of
`application/sparql-query`; results in SPARQL JSON, XML, CSV, TSV (SELECT/ASK) or Turtle,
N-Triples, RDF/XML, JSON-LD (CONSTRUCT/DESCRIBE), chosen by `Accept` or `format`. The default
graph is the union of all named graphs. A plain GET returns the service description."""


def error_response(status: int, message: str, headers: Mapping[str, str] | None = None) -> Response:
    """A plain-text error response (what SPARQL clients show their users)."""
    return Response(
        message.rstrip() + "\n", status, media_type="text/plain; charset=utf-8", headers=headers
    )


def one_value(params: list[tuple[str, str]], name: str) -> str | None:
    """The value of parameter ``name`` (None when absent; 400 when given more than once)."""
    values = [v for k, v in params if k == name]
    if len(values) > 1:
        raise HTTPException(400, f"give '{name}' once, not {len(values)} times")
    return values[0] if values else None


def _all(params: list[tuple[str, str]], name: str) -> list[str]:
    return [v for k, v in params if k == name]


def _media(request: Request) -> tuple[str, str | None]:
    header = request.headers.get("content-type", "")
    parts = [p.strip() for p in header.split(";")]
    charset = None
    for p in parts[1:]:
        name, _, value = p.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return parts[0].lower(), charset


async def _body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"the request body is larger than {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"the request body is larger than {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _utf8(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise HTTPException(400, f"the {what} is not valid UTF-8 ({exc.reason})") from None


async def _read(request: Request, ctx: ApiContext) -> tuple[str, str, list[tuple[str, str]]]:
    """Return (operation 'query'|'update'|'none', text, parameters) of a protocol request."""
    params = list(request.query_params.multi_items())
    if request.method in ("GET", "HEAD"):
        if one_value(params, "update") is not None:
            raise HTTPException(405, "SPARQL Update must be sent with POST", {"Allow": "POST"})
        text = one_value(params, "query")
        return ("none", "", params) if text is None else ("query", text, params)
    limit = ctx.settings.max_query_bytes * 3 + 4096
    media, charset = _media(request)
    if charset not in (None, "utf-8", "utf8"):
        raise HTTPException(415, f"the body must be UTF-8, not {charset}")
    if media == FORM:
        raw = _utf8(await _body(request, limit), "form body")
        try:
            form = parse_qsl(raw, keep_blank_values=True, strict_parsing=bool(raw), errors="strict")
        except (ValueError, UnicodeDecodeError) as exc:
            raise HTTPException(400, f"malformed form body: {exc}") from None
        params += form
        query, update = one_value(form, "query"), one_value(form, "update")
        if query is not None and update is not None:
            raise HTTPException(400, "give either 'query' or 'update', not both")
        if query is not None:
            return "query", query, params
        if update is not None:
            return "update", update, params
        raise HTTPException(400, "the form has no 'query' or 'update' field")
    if media in (QUERY, UPDATE):
        text = _utf8(await _body(request, limit), "body")
        return ("query" if media == QUERY else "update"), text, params
    raise HTTPException(
        415,
        f"POST a query as {FORM} or {QUERY}, an update as {FORM} or {UPDATE}"
        + (f", not {media}" if media else " (the Content-Type header is missing)"),
    )


def _formats(accept: str | None, params: list[tuple[str, str]]) -> tuple[str | None, str | None]:
    requested = [
        part.strip().lower()
        for k, v in params
        if k in ("format", "output")
        for part in v.split(",")
        if part.strip()
    ]
    for key in requested:  # clients such as SPARQLWrapper send several spellings
        if key in conneg.FORMAT_NAMES:
            return conneg.FORMAT_NAMES[key]
        results = key if key in dict(conneg.RESULTS_OFFERS) else None
        graph = key if key in dict(conneg.GRAPH_OFFERS) else None
        if results or graph:
            return results, graph
    if requested:
        names = ", ".join(sorted(conneg.FORMAT_NAMES))
        raise HTTPException(406, f"unknown format '{requested[0]}' (use one of: {names})")
    results = conneg.negotiate(accept, conneg.RESULTS_OFFERS)
    graph = conneg.negotiate(accept, conneg.GRAPH_OFFERS)
    if results is None and graph is None:
        raise HTTPException(406, _not_acceptable_message(accept))
    return results, graph


def _not_acceptable_message(accept: str | None) -> str:
    offered = [m for m, _ in conneg.RESULTS_OFFERS + conneg.GRAPH_OFFERS]
    return f"cannot answer in {accept!r}; available: {', '.join(offered)}"


def _endpoint(request: Request) -> str:
    return str(request.url.replace(query="", fragment="")).rstrip("?")


async def run_query(
    request: Request, ctx: ApiContext, text: str, params: list[tuple[str, str]]
) -> Response:
    """Answer a SPARQL query (checked, bounded, negotiated)."""
    return await answer_query(
        ctx, text, params, accept=request.headers.get("accept"), base=_endpoint(request)
    )


async def answer_query(
    ctx: ApiContext, text: str, params: list[tuple[str, str]], *, accept: str | None, base: str
) -> Response:
    """Answer a SPARQL query given as text with the protocol's parameters.

    Args:
        ctx: the app's context.
        text: the query.
        params: the request's parameters (``default-graph-uri``, ``format``, …).
        accept: the ``Accept`` header.
        base: the endpoint's URL, the base IRI of the query.

    Returns:
        The negotiated result, or a plain-text error.

    Raises:
        HTTPException: for a refused, empty, too long or unanswerable query.
    """
    if len(text.encode("utf-8")) > ctx.settings.max_query_bytes:
        raise HTTPException(413, f"the query is longer than {ctx.settings.max_query_bytes} bytes")
    if not text.strip():
        raise HTTPException(400, "the query is empty")
    try:
        check_service(text, ctx.settings.service_allowlist, PREFIXES, base, update=False)
    except RefusedError as exc:
        raise HTTPException(403, str(exc)) from None
    results, graph = _formats(accept, params)
    default, named = _all(params, "default-graph-uri"), _all(params, "named-graph-uri")
    job = ctx.job(
        text,
        base_iri=base,
        default_graph=tuple(default) if default or named else None,
        named_graphs=tuple(named) if default or named else None,
        union=not has_from_clause(text),
        results_format=results,
        graph_format=graph,
    )
    hit = ctx.cached(job)
    if hit is not None:
        return Response(hit[1], media_type=hit[0])
    generation = ctx.pool.generation
    outcome = await ctx.run(job)
    if outcome.kind == "ok":
        ctx.remember(job, outcome, generation)
        return Response(outcome.body, media_type=outcome.media_type)
    if outcome.kind == "syntax":
        return error_response(400, f"malformed query: {outcome.message}")
    if outcome.kind == "too_large":
        return error_response(
            400,
            f"the result is too large ({outcome.message}; limits: {ctx.settings.max_result_rows} "
            f"rows, {ctx.settings.max_result_bytes} bytes): add LIMIT/OFFSET or use /dumps/",
        )
    if outcome.kind == "not_acceptable":
        return error_response(406, _not_acceptable_message(accept))
    return error_response(400, f"the query failed: {outcome.message}")


def _authorise(request: Request, ctx: ApiContext) -> None:
    settings = ctx.settings
    if not settings.update_enabled or not settings.update_token:
        raise HTTPException(403, "SPARQL Update is disabled on this server (read-only endpoint)")
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(
            401, "SPARQL Update needs a bearer token", {"WWW-Authenticate": 'Bearer realm="sparql"'}
        )
    if not hmac.compare_digest(token.strip().encode(), settings.update_token.encode()):
        raise HTTPException(403, "wrong token for SPARQL Update")


async def run_update(
    request: Request, ctx: ApiContext, text: str, params: list[tuple[str, str]]
) -> Response:
    """Apply an authorised SPARQL update through validate-then-commit."""
    _authorise(request, ctx)
    if len(text.encode("utf-8")) > ctx.settings.max_query_bytes:
        raise HTTPException(413, f"the update is longer than {ctx.settings.max_query_bytes} bytes")
    if not text.strip():
        raise HTTPException(400, "the update is empty")
    base = _endpoint(request)
    try:
        check_load(text)
        check_service(text, ctx.settings.service_allowlist, PREFIXES, base, update=True)
    except RefusedError as exc:
        raise HTTPException(403, str(exc)) from None
    using, using_named = _all(params, "using-graph-uri"), _all(params, "using-named-graph-uri")
    async with ctx.write_lock:
        try:
            result = await asyncio.to_thread(
                apply_update,
                ctx.store,
                text,
                using=using,
                using_named=using_named,
                base_iri=base,
                workers=ctx.settings.workers,
            )
        except RefusedError as exc:
            return error_response(400, str(exc))
        except UpdateError as exc:
            return error_response(400, str(exc))
        except ValidationFailedError as exc:
            return JSONResponse({"error": str(exc), "report": exc.report.as_dict()}, 422)
        await ctx.after_write()
    return JSONResponse(result.as_dict())


async def service_description(request: Request, ctx: ApiContext) -> Response:
    """The SPARQL 1.1 Service Description (RDF), or the query page for people."""
    accept = request.headers.get("accept")
    if conneg.prefers_html(accept):
        return HTMLResponse(
            render(request, "sparql.html", title="SPARQL endpoint", examples=examples())
        )
    media = conneg.negotiate(accept, conneg.GRAPH_OFFERS)
    if media is None:
        raise HTTPException(406, _not_acceptable_message(accept))
    from urbankg.api.describe import service_description_rdf

    body = await service_description_rdf(ctx, _endpoint(request), media)
    return Response(body, media_type=media)


_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "Query results or service description"},
    400: {"description": "Malformed query or parameters"},
    403: {"description": "Refused (SERVICE not allowed, updates disabled, LOAD)"},
    406: {"description": "No acceptable result format"},
    413: {"description": "Query too long"},
    415: {"description": "Unsupported request media type"},
    503: {"description": "Query timed out or server busy"},
}


@router.get(
    "/sparql",
    operation_id="sparql_get",
    summary="SPARQL 1.1 query (GET) or service description",
    description=_DESCRIPTION,
    response_class=Response,
    responses=_RESPONSES,
)
@router.post(
    "/sparql",
    operation_id="sparql_post",
    summary="SPARQL 1.1 query or update (POST)",
    description=_DESCRIPTION,
    response_class=Response,
    responses=_RESPONSES,
)
async def sparql(request: Request) -> Response:
    """Handle one SPARQL protocol request.

    Queries are answered before routing by :mod:`urbankg.api.fastpath`; this route answers
    the rest (service description, updates, malformed requests) and documents the endpoint.
    """
    ctx = get_ctx(request)
    operation, text, params = await _read(request, ctx)
    if operation == "query":
        return await run_query(request, ctx, text, params)
    if operation == "update":
        return await run_update(request, ctx, text, params)
    return await service_description(request, ctx)
