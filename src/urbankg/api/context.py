"""What every request handler shares: settings, the store, the query pool, the write lock."""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from fastapi import HTTPException, Request

from urbankg.api.pool import BusyError, PoolError, QueryPool, QueryTimeoutError
from urbankg.api.worker import Job, Outcome
from urbankg.graph.store import OxigraphStore
from urbankg.resources import query_text
from urbankg.settings import Settings

#: Response headers cross-origin scripts may read.
EXPOSED_HEADERS = ["Link", "ETag", "Last-Modified", "X-Total-Count", "Content-Location"]


@dataclass
class ApiContext:
    """The state of one running app."""

    settings: Settings
    store: OxigraphStore
    pool: QueryPool
    owns_store: bool = False
    write_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    cache: dict[str, Any] = field(default_factory=dict)
    results: OrderedDict[tuple[Any, ...], tuple[str, bytes]] = field(default_factory=OrderedDict)

    def cached(self, job: Job) -> tuple[str, bytes] | None:
        """A result of the same query on the data now served, if one is kept."""
        key = _key(job, self.pool.generation)
        hit = self.results.get(key)
        if hit is not None:
            self.results.move_to_end(key)
        return hit

    def remember(self, job: Job, outcome: Outcome, generation: int) -> None:
        """Keep a small result computed on data ``generation`` (if that is still served)."""
        limit = self.settings.result_cache_entries
        if (
            limit
            and generation == self.pool.generation
            and outcome.media_type
            and len(outcome.body) <= RESULT_CACHE_ENTRY_BYTES
        ):
            self.results[_key(job, generation)] = (outcome.media_type, outcome.body)
            while len(self.results) > limit:
                self.results.popitem(last=False)

    @property
    def base(self) -> str:
        """The base IRI of instances."""
        return self.settings.base

    def snapshot(self, path: Path) -> None:
        """Write the whole store as N-Quads to ``path`` (the replica the workers load)."""
        self.store.raw.dump(str(path), ox.RdfFormat.N_QUADS)

    async def run(self, job: Job, timeout: float | None = None) -> Outcome:
        """Run a job in the pool, turning pool failures into HTTP 503 errors."""
        try:
            return await self.pool.run(job, timeout or self.settings.query_timeout)
        except QueryTimeoutError as exc:
            raise HTTPException(503, str(exc)) from None
        except BusyError as exc:
            raise HTTPException(503, str(exc), headers={"Retry-After": "1"}) from None
        except PoolError as exc:
            raise HTTPException(503, str(exc)) from None

    async def named(
        self, name: str, bindings: Mapping[str, Any] | None = None, *, max_rows: int | None = None
    ) -> Outcome:
        """Run the bundled named query ``name`` with ``bindings`` (values, never text)."""
        job = Job(
            query_text(name),
            mode="python",
            bindings=dict(bindings) if bindings else None,
            max_rows=max_rows or self.settings.max_result_rows,
        )
        outcome = await self.run(job)
        if outcome.kind != "ok":
            raise HTTPException(500, f"named query {name} failed: {outcome.message}")
        return outcome

    async def after_write(self) -> None:
        """Serve the changed store: reload the replicas and forget cached pages."""
        files = self.cache.get("dumps:files")
        self.cache.clear()
        self.results.clear()
        if files is not None:
            self.cache["dumps:files"] = files
        await self.pool.reload()

    def job(self, text: str, **kwargs: Any) -> Job:
        """Build a job with this app's limits."""
        kwargs.setdefault("max_rows", self.settings.max_result_rows)
        kwargs.setdefault("max_bytes", self.settings.max_result_bytes)
        return Job(text, **kwargs)


#: Largest result kept by the result cache.
RESULT_CACHE_ENTRY_BYTES = 256 * 1024


def _key(job: Job, generation: int) -> tuple[Any, ...]:
    return (
        generation,
        job.text,
        job.base_iri,
        job.default_graph,
        job.named_graphs,
        job.union,
        job.results_format,
        job.graph_format,
    )


def get_ctx(request: Request) -> ApiContext:
    """Return the app's context (a FastAPI dependency)."""
    ctx: ApiContext = request.app.state.ctx
    return ctx
