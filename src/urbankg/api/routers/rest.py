"""The REST API ``/api/v1``: projects, actors, themes, SDGs and programmes as JSON or CSV.

Every query is a named ``.rq`` file whose parameters are bound as RDF terms; request values
are checked (slug patterns, known vocabulary terms, year ranges) and refused with 422 otherwise.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Annotated, Any, Literal

import pyoxigraph as ox
from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import Response

from urbankg.api import restutil as ru
from urbankg.api.context import get_ctx
from urbankg.graph.vocab import concept_slugs, helix_of, sdg_codes


def reject_unknown_parameters(request: Request) -> None:
    """Refuse query parameters the endpoint does not define (422 naming them).

    A misspelt filter (``?tema=low-carbon``) must not silently return everything.
    """
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    known = {p.alias for p in dependant.query_params}
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        raise HTTPException(
            status_code=422,
            detail=f"unknown query parameter(s): {', '.join(unknown)} "
            f"(known: {', '.join(sorted(known)) or 'none'})",
        )


router = APIRouter(
    prefix="/api/v1", tags=["REST API"], dependencies=[Depends(reject_unknown_parameters)]
)

#: "No filter" for an IRI-valued filter variable of the list queries.
ANY = ox.NamedNode("urn:urbankg:any")
SLUG = r"^[a-z0-9][a-z0-9._-]{0,119}$"
SDG_CODE = r"^[0-9]{1,2}(\.[0-9a-z]{1,2})?$"
LangQ = Annotated[ru.Lang, Query(description="Language of labels (falls back to en, fi, sv).")]
PageQ = Annotated[int, Query(ge=1, le=100_000, description="Page number, from 1.")]
SizeQ = Annotated[int, Query(ge=1, le=500, description="Items per page.")]
FormatQ = Annotated[
    Literal["json", "csv"] | None, Query(description="json or csv (default: by Accept).")
]
SlugQ = Annotated[str | None, Query(pattern=SLUG, max_length=120, examples=["helsinki"])]
TextQ = Annotated[
    str | None,
    Query(
        min_length=1,
        max_length=200,
        description="Text in a label, any language.",
        examples=["kestävä"],
    ),
]
PROJECT_COLUMNS = ["id", "slug", "label", "type", "part_of", "themes", "start_year", "end_year"]
ACTOR_COLUMNS = ["id", "slug", "label", "type", "helix", "initiatives"]


def _check(value: str | None, known: frozenset[str] | set[str], name: str) -> str | None:
    if value is not None and value not in known:
        raise HTTPException(
            422, f"unknown {name} '{value}' (known: {', '.join(sorted(known)[:40])})"
        )
    return value


def _labels(row: dict[str, Any]) -> dict[str, str]:
    return {k: row[k].value for k in ("fi", "sv", "en") if k in row}


def _instance(request: Request, kind: str, slug: str) -> ox.NamedNode:
    return ox.NamedNode(f"{get_ctx(request).base}{kind}/{slug}")


@router.get("/projects", summary="Projects, filtered, sorted and paged")
async def projects(
    request: Request,
    theme: Annotated[
        str | None, Query(examples=["low-carbon"], description="Theme slug (sub-themes match).")
    ] = None,
    sdg: Annotated[
        str | None,
        Query(
            pattern=SDG_CODE,
            examples=["11", "11.3"],
            description="SDG goal or target (asserted or derived).",
        ),
    ] = None,
    sector: Annotated[
        str | None,
        Query(examples=["university"], description="Actor type or helix of a participant."),
    ] = None,
    helix: Annotated[
        Literal["public", "research", "business", "civil-society"] | None,
        Query(description="Helix of a participant."),
    ] = None,
    actor: SlugQ = None,
    programme: Annotated[str | None, Query(pattern=SLUG, examples=["kestava-kaupunki"])] = None,
    year_from: Annotated[int | None, Query(ge=1900, le=2100, examples=[2020])] = None,
    year_to: Annotated[int | None, Query(ge=1900, le=2100, examples=[2022])] = None,
    q: TextQ = None,
    sort: Annotated[str, Query(pattern=r"^-?[a-z_]+$", examples=["-start_year"])] = "label",
    lang: LangQ = "en",
    page: PageQ = 1,
    per_page: SizeQ = 50,
    format: FormatQ = None,
) -> Response:
    """List projects; filters combine with AND. Total count in `X-Total-Count`, pages in `Link`."""
    if year_from is not None and year_to is not None and year_from > year_to:
        raise HTTPException(422, "year_from must not be after year_to")
    bindings: dict[str, Any] = dict.fromkeys(
        ("f_theme", "f_sdg", "f_sector", "f_actor", "f_programme"), ANY
    )
    bindings.update(f_q=ox.Literal(""), f_from=ru.year(0), f_to=ru.year(9999))
    if _check(theme, concept_slugs("theme"), "theme"):
        bindings["f_theme"] = ru.concept("theme", theme)  # type: ignore[arg-type]
    if _check(sdg, sdg_codes(), "SDG goal or target"):
        bindings["f_sdg"] = ox.NamedNode(ru.SDG + sdg)  # type: ignore[operator]
    if _check(sector, concept_slugs("sector"), "sector"):
        bindings["f_sector"] = ru.concept("sector", sector)  # type: ignore[arg-type]
    if helix:
        if sector:
            raise HTTPException(422, "give either sector or helix, not both")
        bindings["f_sector"] = ru.concept("sector", helix)
    if actor:
        bindings["f_actor"] = _instance(request, "actor", actor)
    if programme:
        bindings["f_programme"] = _instance(request, "programme", programme)
    if year_from is not None:
        bindings["f_from"] = ru.year(year_from)
    if year_to is not None:
        bindings["f_to"] = ru.year(year_to)
    if q:
        bindings["f_q"] = ox.Literal(q)
    outcome = await get_ctx(request).named("api_projects", bindings, max_rows=1_000_000)
    items = [_project_item(request, r, lang) for r in outcome.rows]
    items = ru.sort_items(items, sort, ["label", "slug", "start_year", "end_year", "type"])
    return ru.collection(
        request, items, number=page, size=per_page, fmt=format, columns=PROJECT_COLUMNS
    )


def _project_item(request: Request, r: dict[str, Any], lang: str) -> dict[str, Any]:
    iri = r["item"].value
    labels = _labels(r)
    themes = r["themes"].value.split() if "themes" in r else []
    return {
        "id": iri,
        "slug": ru.slug(iri),
        "label": ru.pick(labels, lang),
        "labels": labels,
        "type": ru.slug(ru.value(r.get("type"))),
        "part_of": ru.slug(ru.value(r.get("programme"))),
        "themes": sorted(ru.slug(t) or "" for t in themes),
        "start_year": ru.value(r.get("start")),
        "end_year": ru.value(r.get("end")),
        "url": str(request.url_for("project", slug=ru.slug(iri))),
    }


async def _resource(request: Request, iri: ox.NamedNode, lang: str) -> dict[str, Any]:
    ctx = get_ctx(request)
    rows = (await ctx.named("api_resource", {"resource": iri})).rows
    if not rows:
        raise HTTPException(404, f"no resource {iri.value}")
    props: dict[str, dict[str, Any]] = defaultdict(dict)
    labels: dict[str, dict[str, str]] = defaultdict(dict)
    for r in rows:
        p, o = r["p"].value, r["o"]
        key = ru.value(o)
        if isinstance(o, ox.Literal) and o.language:
            props[p].setdefault(o.language, []).append(o.value)
            continue
        props[p].setdefault("", [])
        if key not in props[p][""]:
            props[p][""].append(key)
        if "label" in r:
            labels[str(key)][r["label"].language or ""] = r["label"].value
    return {"props": props, "labels": {k: ru.pick(v, lang) for k, v in labels.items()}}


def _values(res: dict[str, Any], prop: str) -> list[Any]:
    return list(res["props"].get(prop, {}).get("", []))


def _texts(res: dict[str, Any], prop: str) -> dict[str, str]:
    return {k: v[0] for k, v in res["props"].get(prop, {}).items() if k}


def _ref(res: dict[str, Any], iri: Any) -> dict[str, Any]:
    return {"id": iri, "slug": ru.slug(str(iri)), "label": res["labels"].get(str(iri))}


SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
UKG = "https://w3id.org/urbankg/def#"
ORG = "http://www.w3.org/ns/org#"


@router.get("/projects/{slug}", name="project", summary="One project with its participants")
async def project(
    request: Request,
    slug: Annotated[str, Path(pattern=SLUG, examples=["circularhoodfood"])],
    lang: LangQ = "en",
) -> dict[str, Any]:
    """A project with its participants and grants.

    Labels, description, type, programme, themes, SDGs, years, participants, grants and the
    public web pages it was read from.
    """
    iri = _instance(request, "project", slug)
    res = await _resource(request, iri, lang)
    ctx = get_ctx(request)
    parts = (await ctx.named("api_participants", {"initiative": iri})).rows
    grants = (await ctx.named("api_grants", {"about": iri})).rows
    labels = _texts(res, SKOS + "prefLabel")
    return {
        "id": iri.value,
        "slug": slug,
        "label": ru.pick(labels, lang),
        "labels": labels,
        "description": ru.pick(_texts(res, DCT + "description"), lang),
        "type": _ref(res, next(iter(_values(res, UKG + "projectType")), None)),
        "part_of": [_ref(res, v) for v in _values(res, DCT + "isPartOf")],
        "themes": [_ref(res, v) for v in _values(res, DCT + "subject") if "/theme/" in str(v)],
        "sdgs": sorted(ru.sdg_code(v) or "" for v in _values(res, UKG + "sdg")),
        "derived_sdgs": sorted(ru.sdg_code(v) or "" for v in _values(res, UKG + "derivedSdg")),
        "start_year": next(iter(_values(res, UKG + "startYear")), None),
        "end_year": next(iter(_values(res, UKG + "endYear")), None),
        "municipalities": _values(res, DCT + "spatial"),
        "participants": _participants(parts, lang),
        "grants": [_grant(g) for g in grants],
        "sources": _values(res, DCT + "source"),
    }


def _participants(rows: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    by_key: dict[tuple[str, str], dict[str, Any]] = {}
    names: dict[str, dict[str, str]] = defaultdict(dict)
    for r in rows:
        actor, role = r["actor"].value, r["role"].value
        if "label" in r:
            names[actor][r["label"].language or ""] = r["label"].value
        by_key[(actor, role)] = {
            "actor": {"id": actor, "slug": ru.slug(actor)},
            "role": ru.slug(role),
            "role_wording": ru.value(r.get("wording")),
            "actor_type": ru.slug(ru.value(r.get("type"))),
        }
    for (actor, _), item in by_key.items():
        item["actor"]["label"] = ru.pick(names[actor], lang)
    return list(by_key.values())


def _grant(r: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": r["grant"].value,
        "kind": "grant" if r["class"].value.endswith("Grant") else "budget",
        "amount": ru.value(r.get("amount")),
        "currency": ru.value(r.get("currency")),
        "year": ru.value(r.get("year")),
        "funder": ru.slug(ru.value(r.get("funder"))),
        "grantee": ru.slug(ru.value(r.get("grantee"))),
        "funded": ru.slug(ru.value(r.get("item"))),
    }


@router.get("/actors", summary="Actors, filtered, sorted and paged")
async def actors(
    request: Request,
    sector: Annotated[
        str | None, Query(examples=["city"], description="Actor type or helix.")
    ] = None,
    helix: Annotated[
        Literal["public", "research", "business", "civil-society"] | None, Query()
    ] = None,
    programme: Annotated[str | None, Query(pattern=SLUG, examples=["kestava-kaupunki"])] = None,
    theme: Annotated[str | None, Query(examples=["healthy"])] = None,
    q: TextQ = None,
    sort: Annotated[str, Query(pattern=r"^-?[a-z_]+$", examples=["-initiatives"])] = "label",
    lang: LangQ = "en",
    page: PageQ = 1,
    per_page: SizeQ = 50,
    format: FormatQ = None,
) -> Response:
    """List actors with their type, helix and number of initiatives."""
    bindings: dict[str, Any] = dict.fromkeys(("f_sector", "f_programme", "f_theme"), ANY)
    bindings["f_q"] = ox.Literal("")
    if sector and helix:
        raise HTTPException(422, "give either sector or helix, not both")
    if _check(sector, concept_slugs("sector"), "sector") or helix:
        bindings["f_sector"] = ru.concept("sector", sector or helix)  # type: ignore[arg-type]
    if programme:
        bindings["f_programme"] = _instance(request, "programme", programme)
    if _check(theme, concept_slugs("theme"), "theme"):
        bindings["f_theme"] = ru.concept("theme", theme)  # type: ignore[arg-type]
    if q:
        bindings["f_q"] = ox.Literal(q)
    outcome = await get_ctx(request).named("api_actors", bindings, max_rows=1_000_000)
    items = []
    for r in outcome.rows:
        iri = r["item"].value
        labels = _labels(r)
        items.append(
            {
                "id": iri,
                "slug": ru.slug(iri),
                "label": ru.pick(labels, lang),
                "labels": labels,
                "type": ru.slug(ru.value(r.get("type"))),
                "helix": ru.slug(ru.value(r.get("helix"))),
                "initiatives": ru.value(r.get("initiatives")) or 0,
                "url": str(request.url_for("actor", slug=ru.slug(iri))),
            }
        )
    items = ru.sort_items(items, sort, ["label", "slug", "type", "helix", "initiatives"])
    return ru.collection(
        request, items, number=page, size=per_page, fmt=format, columns=ACTOR_COLUMNS
    )


@router.get("/actors/{slug}", name="actor", summary="One actor with its initiatives and grants")
async def actor(
    request: Request,
    slug: Annotated[str, Path(pattern=SLUG, examples=["ymparistoministerio"])],
    lang: LangQ = "en",
) -> dict[str, Any]:
    """An actor with its initiatives and grants.

    Names, type, identifiers, the initiatives it takes part in (with roles) and grants it gave
    or received.
    """
    iri = _instance(request, "actor", slug)
    res = await _resource(request, iri, lang)
    ctx = get_ctx(request)
    rows = (await ctx.named("api_actor_initiatives", {"actor": iri})).rows
    grants = (await ctx.named("api_grants", {"about": iri})).rows
    names = _texts(res, SKOS + "prefLabel")
    initiatives: dict[tuple[str, str], dict[str, Any]] = {}
    titles: dict[str, dict[str, str]] = defaultdict(dict)
    for r in rows:
        i = r["initiative"].value
        if "label" in r:
            titles[i][r["label"].language or ""] = r["label"].value
        initiatives[(i, r["role"].value)] = {
            "id": i,
            "slug": ru.slug(i),
            "kind": (ru.slug(r["class"].value.replace("#", "/")) or "").lower(),
            "role": ru.slug(r["role"].value),
            "start_year": ru.value(r.get("start")),
            "end_year": ru.value(r.get("end")),
        }
    for (i, _), item in initiatives.items():
        item["label"] = ru.pick(titles[i], lang)
    type_iri = next(iter(_values(res, ORG + "classification")), None)
    return {
        "id": iri.value,
        "slug": slug,
        "label": ru.pick(names, lang),
        "labels": names,
        "type": ru.slug(type_iri),
        "helix": helix_of().get(ru.slug(type_iri) or ""),
        "business_id": next(iter(_values(res, UKG + "businessId")), None),
        "municipality_code": next(iter(_values(res, UKG + "municipalityCode")), None),
        "region": next(iter(_values(res, UKG + "region")), None),
        "initiatives": list(initiatives.values()),
        "grants": [_grant(g) for g in grants],
        "sources": _values(res, DCT + "source"),
    }
