"""HTTP routes of the catalogue, the VoID description and the files they describe.

Paths: ``/catalog``, ``/catalog.{ttl,rdf,jsonld,nt}``, ``/.well-known/void`` and the files
of the datasets under ``/catalog/files/``.

The app includes :data:`router`; handlers find the store and settings in
``request.app.state.ctx`` (the app's context, as every router of the app does), without
importing the web app (DESIGN §1: ``api`` calls ``catalog``, never the other way round).

The catalogue is made once per data state and kept: it is made again only when the store's
load history (:func:`urbankg.catalog.marker`) or the deployment changes. Responses carry an
``ETag`` and answer ``If-None-Match`` with 304.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Annotated, Protocol

from fastapi import APIRouter, HTTPException, Request
from fastapi import Path as PathParam
from fastapi.responses import Response

from urbankg.catalog.deployment import Deployment
from urbankg.catalog.errors import CatalogError
from urbankg.catalog.generate import FORMATS, Generated, generate, marker, serialize
from urbankg.graph.store import GraphStore
from urbankg.settings import Settings

router = APIRouter(tags=["catalogue"])

_SUFFIXES = {suffix: name for name, (_, _, suffix) in FORMATS.items()}
_ALIASES = {
    "application/x-turtle": "turtle",
    "application/json": "jsonld",
    "text/plain": "ntriples",
}


class _Context(Protocol):
    settings: Settings
    store: GraphStore
    write_lock: asyncio.Lock


@dataclass
class _Holder:
    """What the app keeps for the catalogue: the last result and the lock that guards it."""

    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    generated: Generated | None = None
    fingerprint: str = ""


def _context(request: Request) -> _Context:
    ctx: _Context = request.app.state.ctx
    return ctx


def _holder(request: Request) -> _Holder:
    found = getattr(request.app.state, "urbankg_catalog", None)
    if not isinstance(found, _Holder):
        found = _Holder()
        request.app.state.urbankg_catalog = found
    return found


def _negotiate(accept: str | None) -> str | None:
    """The catalogue format the ``Accept`` header prefers (turtle when anything goes)."""
    offers = {media: name for name, (_, media, _) in FORMATS.items()} | _ALIASES
    best: tuple[float, int, str] | None = None
    for rank, part in enumerate((accept or "*/*").split(",")):
        fields = [f.strip().lower() for f in part.split(";")]
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        media = fields[0]
        name = offers.get(media) or (
            "turtle" if media in ("*/*", "text/*", "application/*") else None
        )
        if name is None and media.endswith("/*"):
            name = next((n for m, n in offers.items() if m.startswith(media[:-1])), None)
        if name and q > 0 and (best is None or q > best[0]):
            best = (q, -rank, name)
    return best[2] if best else None


async def current(request: Request) -> Generated:
    """The catalogue of the data as it is now (made again only when the data changed).

    Raises:
        HTTPException: 500 naming the setting to fix when the deployment is misconfigured.
    """
    ctx = _context(request)
    try:
        dep = Deployment.from_settings(ctx.settings, str(request.base_url).rstrip("/"))
    except CatalogError as exc:
        raise HTTPException(500, f"the catalogue cannot be made: {exc}") from None
    holder = _holder(request)
    async with holder.lock:
        mark = await asyncio.to_thread(marker, ctx.store)  # the load history: milliseconds
        made = holder.generated
        if made is None or made.marker != mark or holder.fingerprint != dep.fingerprint():
            async with ctx.write_lock:  # never read the store halfway through a commit
                try:
                    made = await asyncio.to_thread(generate, ctx.store, dep)
                except CatalogError as exc:
                    raise HTTPException(500, f"the catalogue cannot be made: {exc}") from None
            holder.generated, holder.fingerprint = made, dep.fingerprint()
        return made


def _conditional(request: Request, etag: str, body: bytes, media: str, **headers: str) -> Response:
    quoted = f'"{etag}"'
    common = {"ETag": quoted, "Cache-Control": "no-cache", **headers}
    match = request.headers.get("if-none-match")
    if match and (
        match.strip() == "*" or quoted in [m.strip().removeprefix("W/") for m in match.split(",")]
    ):
        return Response(status_code=304, headers=common)
    return Response(body if request.method != "HEAD" else b"", media_type=media, headers=common)


async def _rdf(request: Request, what: str, fmt: str, negotiated: bool) -> Response:
    made = await current(request)
    triples = made.catalog if what == "catalog" else made.void
    body = await asyncio.to_thread(serialize, triples, fmt)
    headers = {"Vary": "Accept"} if negotiated else {}
    if negotiated and what == "catalog":
        headers["Content-Location"] = f"/catalog.{FORMATS[fmt][2]}"
    media = FORMATS[fmt][1]
    response = _conditional(request, made.etag(what, fmt), body, media, **headers)
    if request.method == "HEAD":
        response.headers["content-length"] = str(len(body))
    return response


def _chosen(request: Request) -> str:
    fmt = _negotiate(request.headers.get("accept"))
    if fmt is None:
        offered = ", ".join(media for _, media, _ in FORMATS.values())
        raise HTTPException(406, f"the catalogue is available as {offered}")
    return fmt


@router.get("/catalog", summary="The DCAT-AP 3 catalogue (Turtle, RDF/XML, JSON-LD, N-Triples)")
@router.head("/catalog", include_in_schema=False)
async def catalog(request: Request) -> Response:
    """The catalogue in the RDF format the ``Accept`` header asks for (default Turtle)."""
    return await _rdf(request, "catalog", _chosen(request), negotiated=True)


@router.get("/catalog.{suffix}", summary="The DCAT-AP 3 catalogue in one format")
@router.head("/catalog.{suffix}", include_in_schema=False)
async def catalog_as(
    request: Request, suffix: Annotated[str, PathParam(examples=["ttl", "rdf", "jsonld", "nt"])]
) -> Response:
    """The catalogue as ``ttl``, ``rdf`` (RDF/XML), ``jsonld`` or ``nt``."""
    if suffix not in _SUFFIXES:
        raise HTTPException(404, f"no catalogue format '{suffix}' (try {', '.join(_SUFFIXES)})")
    return await _rdf(request, "catalog", _SUFFIXES[suffix], negotiated=False)


@router.get("/.well-known/void", summary="The VoID description of the knowledge graph")
@router.head("/.well-known/void", include_in_schema=False)
async def void(request: Request) -> Response:
    """VoID statistics, partitions, dumps and linksets (format by ``Accept``, default Turtle)."""
    return await _rdf(request, "void", _chosen(request), negotiated=True)


async def _file(request: Request, path: str) -> Response:
    made = await current(request)
    data = made.blobs.get(path)
    if data is None:
        raise HTTPException(404, f"no file '{path}' in the catalogue")
    name = path.rsplit("/", 1)[-1]
    media = "text/csv; charset=utf-8" if name.endswith(".csv") else "application/gzip"
    response = _conditional(
        request,
        made.etag(path, "file"),
        data,
        media,
        **{"Content-Disposition": f'attachment; filename="{name}"'},
    )
    if request.method == "HEAD":
        response.headers["content-length"] = str(len(data))
    return response


@router.get("/catalog/files/{name}", summary="A CSV table of the whole graph")
@router.head("/catalog/files/{name}", include_in_schema=False)
async def whole_file(request: Request, name: str) -> Response:
    """``initiatives.csv``, ``actors.csv`` or ``participations.csv`` of the whole graph."""
    return await _file(request, name)


@router.get("/catalog/files/{key}/{name}", summary="A file of one programme's dataset")
@router.head("/catalog/files/{key}/{name}", include_in_schema=False)
async def programme_file(request: Request, key: str, name: str) -> Response:
    """The programme's extract (``{key}.ttl.gz`` …) or CSV table (``actors.csv`` …)."""
    return await _file(request, f"{key}/{name}")
