"""The web app: ``create_app(settings, store=None)`` builds it; ``urbankg serve`` runs it."""

from __future__ import annotations

import asyncio
import contextlib
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
from starlette.types import Receive, Scope, Send

from urbankg import __version__
from urbankg.api import accesslog
from urbankg.api.context import EXPOSED_HEADERS, ApiContext
from urbankg.api.fastpath import SparqlFastPath
from urbankg.api.pool import QueryPool, default_workers
from urbankg.graph.store import OxigraphStore, open_store
from urbankg.settings import Settings

DESCRIPTION = """The knowledge graph of Finland's *Kestävä kaupunki* (Sustainable City)
programme 2019-2023 and related urban programmes: projects, actors, participations, grants,
themes and SDGs. Query it with SPARQL at `/sparql`, browse it as linked data at `/id/…` and
`/def/…`, use the REST API at `/api/v1`, or download it whole at `/dumps/`."""


class UrbankgApp(FastAPI):
    """The FastAPI app, with SPARQL queries answered before its middleware (see fastpath)."""

    fast: SparqlFastPath | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Send ``/sparql`` requests to the fast path, everything else to FastAPI."""
        if self.fast is not None and scope["type"] == "http" and scope["path"] == "/sparql":
            await self.fast(scope, receive, send)
            return
        await super().__call__(scope, receive, send)

    async def full(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The app without the fast path (what the fast path passes requests on to)."""
        await super().__call__(scope, receive, send)


def create_app(settings: Settings, store: OxigraphStore | None = None) -> UrbankgApp:
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
            asyncio.create_task(accesslog.flush_every_second(accesslog.configure()))
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

    app = UrbankgApp(
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
        expose_headers=EXPOSED_HEADERS,
    )
    from urbankg.web import install as install_web
    from urbankg.web.router import wants_editor

    install_web(app)
    if settings.access_log:
        accesslog.configure()
        app.add_middleware(accesslog.AccessLog)
    app.fast = SparqlFastPath(app.full, app.state.ctx, wants_editor)
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
