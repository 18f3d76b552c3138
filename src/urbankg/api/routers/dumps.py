"""Dumps ``/dumps/``: the whole graph as gzipped Turtle, N-Triples, N-Quads, TriG and JSON-LD.

A dump is written once and served from disk until the data changes; the change marker is the
load provenance of the store (``graph_info()``: each graph's IRI, triple count and modified
time). Responses carry ``ETag`` and ``Last-Modified`` and answer conditional requests with 304.
"""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import shutil
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path
from typing import IO, Annotated, cast

import pyoxigraph as ox
from fastapi import APIRouter, HTTPException, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response

from urbankg.api import conneg
from urbankg.api.context import ApiContext, get_ctx
from urbankg.api.pages import render

router = APIRouter(tags=["dumps"])

DUMPS: dict[str, tuple[ox.RdfFormat, str, str]] = {
    "urbankg.ttl.gz": (ox.RdfFormat.TURTLE, "text/turtle", "Turtle (all data graphs merged)"),
    "urbankg.nt.gz": (ox.RdfFormat.N_TRIPLES, "application/n-triples", "N-Triples"),
    "urbankg.nq.gz": (ox.RdfFormat.N_QUADS, "application/n-quads", "N-Quads (named graphs)"),
    "urbankg.trig.gz": (ox.RdfFormat.TRIG, "application/trig", "TriG (named graphs)"),
    "urbankg.jsonld.gz": (ox.RdfFormat.JSON_LD, "application/ld+json", "JSON-LD"),
}


@dataclass(frozen=True)
class Marker:
    """The state of the data a dump was made from."""

    etag: str
    modified: datetime


class DumpCache:
    """Dump files in a private temporary folder, regenerated when the marker changes."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="urbankg-dumps-"))
        self.made: dict[str, str] = {}
        self.locks: dict[str, asyncio.Lock] = {name: asyncio.Lock() for name in DUMPS}

    def path(self, name: str) -> Path:
        """The file of dump ``name``."""
        return self.folder / name

    def close(self) -> None:
        """Remove the files."""
        shutil.rmtree(self.folder, ignore_errors=True)


def cache(ctx: ApiContext) -> DumpCache:
    """The app's dump cache (made on first use)."""
    found = ctx.cache.get("dumps:files")
    if found is None:
        found = ctx.cache["dumps:files"] = DumpCache()
    assert isinstance(found, DumpCache)
    return found


async def marker(ctx: ApiContext) -> Marker:
    """Compute (once per served generation) the change marker of the data."""
    key = f"dumps:marker:{ctx.pool.generation}"
    if key not in ctx.cache:
        infos = await asyncio.to_thread(ctx.store.graph_info)
        digest = hashlib.sha256()
        latest = datetime(1970, 1, 1, tzinfo=UTC)
        for info in infos:
            digest.update(f"{info.iri}|{info.triples}|{info.modified}\n".encode())
            if info.modified:
                stamp = datetime.fromisoformat(info.modified)
                latest = max(latest, stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC))
        ctx.cache[key] = Marker(digest.hexdigest()[:32], latest.replace(microsecond=0))
    found = ctx.cache[key]
    assert isinstance(found, Marker)
    return found


def _write(ctx: ApiContext, fmt: ox.RdfFormat, target: Path) -> None:
    partial = target.with_suffix(".partial")
    with partial.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as fh:
        ctx.store.dump(cast(IO[bytes], fh), fmt)
    partial.replace(target)


async def ensure(ctx: ApiContext, name: str, mark: Marker) -> Path:
    """Return the dump file ``name`` for the data state ``mark``, writing it if needed."""
    files = cache(ctx)
    async with files.locks[name]:
        target = files.path(name)
        if files.made.get(name) != mark.etag or not target.exists():
            async with ctx.write_lock:  # never dump halfway through a commit
                await asyncio.to_thread(_write, ctx, DUMPS[name][0], target)
            files.made[name] = mark.etag
    return target


def _not_modified(request: Request, etag: str, modified: datetime) -> bool:
    match = request.headers.get("if-none-match")
    if match is not None:
        return etag in [m.strip().removeprefix("W/") for m in match.split(",")] or match == "*"
    since = request.headers.get("if-modified-since")
    if since:
        try:
            return modified <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
    return False


@router.get("/dumps/", summary="The downloadable dumps")
@router.head("/dumps/", include_in_schema=False)
async def index(request: Request) -> Response:
    """List the dumps (HTML for people, JSON otherwise)."""
    ctx = get_ctx(request)
    mark = await marker(ctx)
    files = cache(ctx)
    items = [
        {
            "name": name,
            "url": str(request.url_for("dump", name=name)),
            "media_type": media,
            "encoding": "gzip",
            "description": text,
            "bytes": files.path(name).stat().st_size
            if files.made.get(name) == mark.etag and files.path(name).exists()
            else None,
        }
        for name, (_, media, text) in DUMPS.items()
    ]
    headers = {"ETag": f'"{mark.etag}"', "Last-Modified": format_datetime(mark.modified, True)}
    if conneg.prefers_html(request.headers.get("accept")):
        return HTMLResponse(
            render(request, "dumps.html", title="Dumps", items=items), headers=headers
        )
    return JSONResponse({"modified": mark.modified.isoformat(), "dumps": items}, headers=headers)


@router.get("/dumps/{name}", name="dump", summary="One dump, gzipped")
@router.head("/dumps/{name}", include_in_schema=False)
async def dump(
    request: Request,
    name: Annotated[str, PathParam(examples=["urbankg.ttl.gz"])],
) -> Response:
    """Download one dump; conditional requests (`If-None-Match`, `If-Modified-Since`) get 304."""
    if name not in DUMPS:
        raise HTTPException(404, f"no dump '{name}' (available: {', '.join(DUMPS)})")
    ctx = get_ctx(request)
    mark = await marker(ctx)
    etag = f'"{mark.etag}-{name}"'
    headers = {
        "ETag": etag,
        "Last-Modified": format_datetime(mark.modified, True),
        "Cache-Control": "public, max-age=300",
    }
    if _not_modified(request, etag, mark.modified):
        return Response(status_code=304, headers=headers)
    path = await ensure(ctx, name, mark)
    return FileResponse(path, media_type="application/gzip", filename=name, headers=headers)
