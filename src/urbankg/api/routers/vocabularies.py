"""The REST API's vocabulary collections: ``/api/v1/themes``, ``/sdgs``, ``/programmes``."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from urbankg.api import restutil as ru
from urbankg.api.context import get_ctx
from urbankg.api.routers.rest import FormatQ, LangQ

router = APIRouter(prefix="/api/v1", tags=["REST API"])


def _grouped(rows: list[dict[str, Any]], lang: str, fields: dict[str, str]) -> list[dict[str, Any]]:
    items: dict[str, dict[str, Any]] = {}
    labels: dict[str, dict[str, str]] = defaultdict(dict)
    texts: dict[str, dict[str, str]] = defaultdict(dict)
    for r in rows:
        iri = r["item"].value
        if "label" in r:
            labels[iri][r["label"].language or ""] = r["label"].value
        if "definition" in r:
            texts[iri][r["definition"].language or ""] = r["definition"].value
        item = items.setdefault(iri, {"id": iri, "slug": ru.slug(iri)})
        for out, var in fields.items():
            item[out] = ru.value(r.get(var))
    for iri, item in items.items():
        item["label"] = ru.pick(labels[iri], lang)
        item["labels"] = labels[iri]
        if texts[iri]:
            item["definition"] = ru.pick(texts[iri], lang)
    return list(items.values())


@router.get("/themes", summary="Themes of the programmes (with sub-themes)")
async def themes(request: Request, lang: LangQ = "en", format: FormatQ = None) -> Response:
    """The theme concepts, their broader theme and how many initiatives have each."""
    rows = (await get_ctx(request).named("api_themes")).rows
    items = _grouped(rows, lang, {"broader": "broader", "initiatives": "initiatives"})
    for i in items:
        i["broader"] = ru.slug(i["broader"])
    items.sort(key=lambda i: (i["broader"] or "", i["slug"]))
    return ru.collection(
        request,
        items,
        number=1,
        size=max(1, len(items)),
        fmt=format,
        columns=["id", "slug", "label", "broader", "initiatives"],
    )


@router.get("/sdgs", summary="SDG goals and targets linked to initiatives")
async def sdgs(request: Request, lang: LangQ = "en", format: FormatQ = None) -> Response:
    """SDG goals and targets linked to initiatives.

    With the number of initiatives linked by a source (`asserted`) and derived from themes
    (`derived`); a target counts for its goal too.
    """
    rows = (await get_ctx(request).named("api_sdgs")).rows
    items = _grouped(
        rows,
        lang,
        {
            "code": "notation",
            "goal": "broader",
            "asserted": "assertedCount",
            "derived": "derivedCount",
        },
    )
    for i in items:
        i["goal"] = ru.sdg_code(i["goal"])
    items.sort(key=lambda i: [int(p) if p.isdigit() else p for p in str(i["code"]).split(".")])
    return ru.collection(
        request,
        items,
        number=1,
        size=max(1, len(items)),
        fmt=format,
        columns=["id", "code", "label", "goal", "asserted", "derived"],
    )


@router.get("/programmes", summary="Programmes with project and actor counts")
async def programmes(request: Request, lang: LangQ = "en", format: FormatQ = None) -> Response:
    """The programmes, their years and numbers of projects and participating actors."""
    rows = (await get_ctx(request).named("api_programmes")).rows
    items = _grouped(
        rows,
        lang,
        {"start_year": "start", "end_year": "end", "projects": "projects", "actors": "actors"},
    )
    items.sort(key=lambda i: (-(i["projects"] or 0), i["slug"]))
    return ru.collection(
        request,
        items,
        number=1,
        size=max(1, len(items)),
        fmt=format,
        columns=["id", "slug", "label", "start_year", "end_year", "projects", "actors"],
    )
