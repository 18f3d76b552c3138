"""Operations: ``/health`` and the home page."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from urbankg import __version__
from urbankg.api.context import get_ctx
from urbankg.api.pages import render

router = APIRouter(tags=["operations"])


@router.get("/health", summary="Health of the server")
async def health(request: Request) -> dict[str, object]:
    """Report whether the query workers answer, and what they serve."""
    ctx = get_ctx(request)
    outcome = await ctx.named("graph_info")
    live = ctx.pool.live_workers
    return {
        "status": "ok" if live >= ctx.pool.size else "degraded",
        "version": __version__,
        "generation": ctx.pool.generation,
        "query_workers": live,
        "graphs": len(outcome.rows),
        "triples": sum(int(r["triples"].value) for r in outcome.rows if "triples" in r),
    }


@router.get("/", include_in_schema=False)
async def home(request: Request) -> HTMLResponse:
    """The home page for people."""
    return HTMLResponse(render(request, "index.html", title="urbankg"))
