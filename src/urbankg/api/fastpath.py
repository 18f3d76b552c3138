"""The hot path of ``/sparql``: protocol queries answered straight from the ASGI messages.

A light query costs Oxigraph a tenth of a millisecond; FastAPI's middleware, routing and
request objects cost several times that. So the app sends ``/sparql`` requests here before
anything else (:class:`urbankg.api.app.UrbankgApp`). Only *queries* are answered here, by the
same :func:`urbankg.api.routers.sparql.answer_query` the routed endpoint uses; anything else
(service descriptions, updates, the editor page for browsers, unusual content types, bodies over
the limit) goes on to the full app unchanged, with the body replayed if it was read.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import parse_qsl

from starlette.datastructures import URL
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from urbankg.api.accesslog import log_request
from urbankg.api.context import EXPOSED_HEADERS, ApiContext
from urbankg.api.routers.sparql import FORM, QUERY, answer_query, error_response, one_value

_WANTED = (b"accept", b"content-type", b"content-length", b"origin", b"host")
_CORS = [
    (b"access-control-allow-origin", b"*"),
    (b"access-control-expose-headers", ", ".join(EXPOSED_HEADERS).encode()),
]


class _PassOnError(Exception):
    """The request is not a plain query: the full app answers it."""

    def __init__(self, body: bytes | None = None) -> None:
        super().__init__()
        self.body = body


class SparqlFastPath:
    """Answers SPARQL protocol queries at ``/sparql``; passes everything else to ``app``."""

    def __init__(
        self,
        app: ASGIApp,
        ctx: ApiContext,
        wants_editor: Callable[[Scope], bool],
    ) -> None:
        """Wrap ``app``.

        Args:
            app: the full app (FastAPI with its middleware).
            ctx: the app's context (settings, query pool).
            wants_editor: whether a request is a browser asking for the editor page.
        """
        self.app = app
        self.ctx = ctx
        self.wants_editor = wants_editor
        self._bases: dict[tuple[object, ...], str] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer a query request, or pass the request on."""
        if scope["method"] not in ("GET", "HEAD", "POST") or self.wants_editor(scope):
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        ctx = self.ctx
        headers = {k.decode(): v.decode("latin-1") for k, v in scope["headers"] if k in _WANTED}
        try:
            text, params = await self._read(scope, receive, headers, ctx)
        except _PassOnError as fallback:
            await self.app(scope, _replay(fallback.body, receive), send)
            return
        except HTTPException as exc:
            response = error_response(exc.status_code, str(exc.detail), exc.headers)
        else:
            try:
                response = await answer_query(
                    ctx, text, params, accept=headers.get("accept"), base=self._base(scope, headers)
                )
            except HTTPException as exc:
                response = error_response(exc.status_code, str(exc.detail), exc.headers)
            except Exception:
                if ctx.settings.access_log:  # uvicorn answers 500 and logs the traceback
                    log_request(scope, 500, 0, start)
                raise
        raw = response.raw_headers + _CORS if "origin" in headers else response.raw_headers
        await send({"type": "http.response.start", "status": response.status_code, "headers": raw})
        await send({"type": "http.response.body", "body": response.body})
        if ctx.settings.access_log:
            log_request(scope, response.status_code, len(response.body), start)

    async def _read(
        self, scope: Scope, receive: Receive, headers: dict[str, str], ctx: ApiContext
    ) -> tuple[str, list[tuple[str, str]]]:
        raw_qs: bytes = scope.get("query_string", b"")
        params = parse_qsl(raw_qs.decode("latin-1"), keep_blank_values=True) if raw_qs else []
        names = {k for k, _ in params}
        if scope["method"] != "POST":
            if "query" not in names or "update" in names:
                raise _PassOnError
            return one_value(params, "query") or "", params
        media, _, rest = headers.get("content-type", "").partition(";")
        media = media.strip().lower()
        if media not in (FORM, QUERY) or (rest.strip() and "charset=utf-8" not in rest.lower()):
            raise _PassOnError
        limit = ctx.settings.max_query_bytes * 3 + 4096
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise _PassOnError
        body = await _body(receive, limit)
        try:
            decoded = body.decode("utf-8")
        except UnicodeDecodeError:
            raise _PassOnError(body) from None
        if media == QUERY:
            return decoded, params
        try:
            form = parse_qsl(
                decoded, keep_blank_values=True, strict_parsing=bool(decoded), errors="strict"
            )
        except (ValueError, UnicodeDecodeError):
            raise _PassOnError(body) from None
        if any(k == "update" for k, _ in form) or not any(k == "query" for k, _ in form):
            raise _PassOnError(body)
        return one_value(form, "query") or "", params + form

    def _base(self, scope: Scope, headers: dict[str, str]) -> str:
        """The endpoint's URL (the base IRI of queries), as Starlette would build it."""
        key = (scope.get("scheme"), headers.get("host"), scope.get("server"), scope["path"])
        base = self._bases.get(key)
        if base is None:
            bare = {**scope, "query_string": b""}
            base = str(URL(scope=bare)).rstrip("?")
            if len(self._bases) > 256:  # the Host header is the client's: keep few
                self._bases.clear()
            self._bases[key] = base
        return base


async def _body(receive: Receive, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"the request body is larger than {limit} bytes")
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes | None, receive: Receive) -> Receive:
    """A ``receive`` that gives ``body`` first (when it was already read), then ``receive``'s."""
    if body is None:
        return receive
    pending = [body]

    async def replay() -> Message:
        if pending:
            return {"type": "http.request", "body": pending.pop(), "more_body": False}
        return await receive()

    return replay
