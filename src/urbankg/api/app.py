"""The web app: ``create_app(settings, store=None)`` builds it; ``urbankg serve`` runs it."""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import logging
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from urbankg import __version__
from urbankg.api.context import ApiContext
from urbankg.api.pool import QueryPool, default_workers
from urbankg.graph.store import OxigraphStore, open_store
from urbankg.settings import Settings

access_log = logging.getLogger("urbankg.access")

DESCRIPTION = """The knowledge graph of Finland's *Kestävä kaupunki* (Sustainable City)
programme 2019-2023 and related urban programmes: projects, actors, participations, grants,
themes and SDGs. Query it with SPARQL at `/sparql`, browse it as linked data at `/id/…` and
`/def/…`, use the REST API at `/api/v1`, or download it whole at `/dumps/`."""


class AccessLog:
    """ASGI middleware writing one JSON line per request to the ``urbankg.access`` logger."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on and log its response."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 0
        size = 0

        async def sending(message: Message) -> None:
            nonlocal status, size
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                size += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            client = scope.get("client")
            access_log.info(
                json.dumps(
                    {
                        "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                        "client": client[0] if client else None,
                        "method": scope["method"],
                        "path": scope["path"],
                        "query": scope.get("query_string", b"")[:200].decode("latin-1"),
                        "status": status or 500,
                        "bytes": size,
                        "ms": round((time.perf_counter() - start) * 1000, 2),
                    },
                    ensure_ascii=False,
                )
            )


class _BufferedHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes log lines to a buffered stream; :meth:`force_flush` empties it (every second)."""

    def flush(self) -> None:
        """Leave the lines in the buffer (one write a second instead of one per request)."""

    def force_flush(self) -> None:
        """Write the buffered lines out."""
        with self.lock or contextlib.nullcontext():
            self.stream.flush()


class SparqlFastPath:
    """ASGI middleware answering ``/sparql`` queries directly, before the rest of the stack.

    The endpoint is the hot path of the server (decision 0010): skipping routing, exception and
    body-limit middleware saves a fifth of the CPU of a light query. CORS preflights and every
    other path go through the full app.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve ``GET``/``POST``/``HEAD /sparql``; pass anything else on."""
        if (
            scope["type"] != "http"
            or scope["path"] != "/sparql"
            or scope["method"] not in ("GET", "POST", "HEAD")
        ):
            await self.app(scope, receive, send)
            return
        from urbankg.api.routers.sparql import sparql

        request = Request(scope, receive)
        try:
            response = await sparql(request)
        except StarletteHTTPException as exc:
            response = Response(
                f"{exc.detail}\n", exc.status_code, exc.headers, "text/plain; charset=utf-8"
            )
        if "origin" in request.headers:
            response.headers["access-control-allow-origin"] = "*"
            response.headers["access-control-expose-headers"] = ", ".join(EXPOSED)
        await response(scope, receive, send)


EXPOSED = ["Link", "ETag", "Last-Modified", "X-Total-Count", "Content-Location"]


def _configure_access_log() -> _BufferedHandler:
    for h in access_log.handlers:
        if isinstance(h, _BufferedHandler):
            return h
    stream = io.TextIOWrapper(
        io.BufferedWriter(io.FileIO(sys.stderr.fileno(), "w", closefd=False), 1 << 16),
        encoding="utf-8",
        write_through=False,
    )
    handler = _BufferedHandler(stream)
    handler.setFormatter(logging.Formatter("%(message)s"))
    access_log.addHandler(handler)
    access_log.setLevel(logging.INFO)
    access_log.propagate = False
    return handler


async def _flush_every_second(handler: _BufferedHandler) -> None:
    try:
        while True:
            await asyncio.sleep(1)
            handler.force_flush()
    finally:
        handler.force_flush()


def create_app(settings: Settings, store: OxigraphStore | None = None) -> FastAPI:
    """Build the app.

    Args:
        settings: the settings (limits, token, allowlist, base IRI, store path).
        store: the store to serve; by default the one at ``settings.store`` is opened (and
            closed when the app stops).

    Returns:
        The FastAPI app; its lifespan starts and stops the query workers.
    """
    owns = store is None
    served = store if store is not None else open_store(settings.store, base=settings.base)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        ctx: ApiContext = app.state.ctx
        pool = QueryPool(workers=default_workers(settings.query_workers), snapshot=ctx.snapshot)
        ctx.pool = pool
        if settings.update_enabled:
            from urbankg.graph.shapes_info import shapes_graph

            shapes_graph()  # pyshacl's shapes are parsed once, never inside a request
        await pool.start()
        flusher = (
            asyncio.create_task(_flush_every_second(_configure_access_log()))
            if settings.access_log
            else None
        )
        try:
            yield
        finally:
            if flusher is not None:
                flusher.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await flusher
            await pool.close()
            files = ctx.cache.pop("dumps:files", None)
            if files is not None:
                files.close()
            if owns:
                served.close()

    app = FastAPI(
        title="urbankg",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.ctx = ApiContext(settings=settings, store=served, pool=None, owns_store=owns)  # type: ignore[arg-type]
    _mount_docs(app)
    _add_handlers(app)
    from urbankg.api.routers import dumps, linked, ops, rest, sparql, vocabularies
    from urbankg.catalog.router import router as catalog_router

    app.router.routes.append(sparql.fast_route)
    app.include_router(sparql.router)
    app.include_router(rest.router)
    app.include_router(vocabularies.router)
    app.include_router(linked.router)
    app.include_router(dumps.router)
    app.include_router(ops.router)
    app.include_router(catalog_router)
    app.mount("/static", StaticFiles(packages=[("urbankg.api", "static")]), name="static")
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_methods=["GET", "HEAD", "POST", "OPTIONS"],
        allow_headers=["Accept", "Content-Type"],
        expose_headers=EXPOSED,
    )
    app.add_middleware(SparqlFastPath)
    from urbankg.web import install as install_web

    install_web(app)
    if settings.access_log:
        _configure_access_log()
        app.add_middleware(AccessLog)
    return app


def _mount_docs(app: FastAPI) -> None:
    assets = str(files("fastapi_offline") / "static")
    app.mount("/static/docs", StaticFiles(directory=assets), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    async def swagger(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return get_swagger_ui_html(
            openapi_url=f"{root}/openapi.json",
            title="urbankg API",
            swagger_js_url=f"{root}/static/docs/swagger-ui-bundle.js",
            swagger_css_url=f"{root}/static/docs/swagger-ui.css",
            swagger_favicon_url=f"{root}/static/docs/favicon.png",
            swagger_ui_parameters={"validatorUrl": None, "tryItOutEnabled": True},
        )

    @app.get("/redoc", include_in_schema=False)
    async def redoc(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return get_redoc_html(
            openapi_url=f"{root}/openapi.json",
            title="urbankg API",
            redoc_js_url=f"{root}/static/docs/redoc.standalone.js",
            redoc_favicon_url=f"{root}/static/docs/favicon.png",
            with_google_fonts=False,
        )


def _plain_paths(path: str) -> bool:
    return path.startswith("/sparql")


def _add_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        headers: dict[str, Any] = dict(exc.headers or {})
        if _plain_paths(request.url.path):
            return Response(
                f"{exc.detail}\n", exc.status_code, headers, "text/plain; charset=utf-8"
            )
        return JSONResponse({"detail": exc.detail}, exc.status_code, headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        reasons = [
            {
                "parameter": ".".join(str(p) for p in e.get("loc", ())[1:]) or None,
                "reason": e.get("msg"),
                "input": e.get("input") if isinstance(e.get("input"), str | int) else None,
            }
            for e in exc.errors()
        ]
        return JSONResponse({"detail": "invalid parameters", "errors": reasons}, 422)
