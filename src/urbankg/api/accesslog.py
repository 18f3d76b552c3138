"""The structured access log: one JSON line per request on the ``urbankg.access`` logger."""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import logging
import sys
import time
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

access_log = logging.getLogger("urbankg.access")
_handler: BufferedHandler | None = None  # set by configure()
_json = json.JSONEncoder(ensure_ascii=False).encode
_LINE = (
    '{"time": "%s", "client": %s, "method": %s, "path": %s, "query": %s, '
    '"status": %d, "bytes": %d, "ms": %s}'
)
_clock: list[Any] = [0, ""]


def log_request(scope: Scope, status: int, size: int, start: float) -> None:
    """Write the access-log line of one answered request.

    Args:
        scope: the request's ASGI scope.
        status: the response status (0: none was sent, logged as 500).
        size: bytes of response body sent.
        start: ``time.perf_counter()`` when the request arrived.
    """
    now = int(time.time())
    if now != _clock[0]:  # the timestamp is formatted once a second
        _clock[0], _clock[1] = now, time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(now))
    client = scope.get("client")
    line = _LINE % (
        _clock[1],
        _json(client[0]) if client else "null",
        _json(scope["method"]),
        _json(scope["path"]),
        _json(scope.get("query_string", b"")[:200].decode("latin-1")),
        status or 500,
        size,
        round((time.perf_counter() - start) * 1000, 2),
    )
    if _handler is not None and _handler in access_log.handlers:  # straight into its buffer
        _handler.stream.write(line + "\n")
    elif access_log.isEnabledFor(logging.INFO):
        access_log.info(line)


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
            log_request(scope, status, size, start)


class BufferedHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes log lines to a buffered stream; :meth:`force_flush` empties it (every second)."""

    def flush(self) -> None:
        """Leave the lines in the buffer (one write a second instead of one per request)."""

    def force_flush(self) -> None:
        """Write the buffered lines out."""
        with self.lock or contextlib.nullcontext():
            self.stream.flush()


def configure() -> BufferedHandler:
    """Send the access log to stderr through one buffered handler (idempotent)."""
    global _handler
    for h in access_log.handlers:
        if isinstance(h, BufferedHandler):
            _handler = h
            return h
    stream = io.TextIOWrapper(
        io.BufferedWriter(io.FileIO(sys.stderr.fileno(), "w", closefd=False), 1 << 16),
        encoding="utf-8",
        write_through=False,
    )
    handler = BufferedHandler(stream)
    handler.setFormatter(logging.Formatter("%(message)s"))
    access_log.addHandler(handler)
    access_log.setLevel(logging.INFO)
    access_log.propagate = False
    _handler = handler
    return handler


async def flush_every_second(handler: BufferedHandler) -> None:
    """Flush ``handler`` once a second until cancelled (and once more then)."""
    try:
        while True:
            await asyncio.sleep(1)
            handler.force_flush()
    finally:
        handler.force_flush()
