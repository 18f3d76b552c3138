"""Linked data: every ``/id/…`` and ``/def/…`` URI dereferences, with content negotiation.

The request path is mapped to an IRI under the configured base (``/id/…``) or the definitions
namespace ``https://w3id.org/urbankg/def`` (``/def…``), whatever host the app runs on. People get
an HTML page (labels in ``?lang=`` or ``Accept-Language``: fi, sv, en, with fallback); programs
get Turtle, JSON-LD, N-Triples or RDF/XML by ``Accept`` or a ``.ttl``/``.jsonld``/``.nt``/``.rdf``
suffix. Unknown resources are 404.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Annotated, Any

import pyoxigraph as ox
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from urbankg.api import conneg
from urbankg.api.context import ApiContext, get_ctx
from urbankg.api.ontodoc import DCT, DEF, compact, ontology_doc
from urbankg.api.pages import render
from urbankg.api.restutil import fallback, pick
from urbankg.api.worker import GRAPH_FORMATS, Job
from urbankg.graph.vocab import vocab_store
from urbankg.namespaces import PREFIXES
from urbankg.resources import query_text

router = APIRouter(tags=["linked data"])

SUFFIXES = {
    ".ttl": "text/turtle",
    ".jsonld": "application/ld+json",
    ".nt": "application/n-triples",
    ".rdf": "application/rdf+xml",
    ".html": "text/html",
}
LANGS = ("fi", "sv", "en")
LangParam = Annotated[str | None, Query(pattern="^(fi|sv|en)$", description="fi, sv or en")]


def _split(path: str) -> tuple[str, str | None]:
    for suffix, media in SUFFIXES.items():
        if path.endswith(suffix):
            return path[: -len(suffix)], media
    return path, None


def _choose(request: Request, media: str | None) -> str:
    if media is not None:
        return media
    accept = request.headers.get("accept")
    if conneg.prefers_html(accept):
        return "text/html"
    chosen = conneg.negotiate(accept, conneg.GRAPH_OFFERS[:4])
    if chosen is None:
        offered = ", ".join(["text/html", *(m for m, _ in conneg.GRAPH_OFFERS[:4])])
        raise HTTPException(406, f"this resource is available as {offered}")
    return chosen


def _lang(request: Request, lang: str | None) -> str:
    if lang:
        return lang
    ranges = sorted(
        (
            (float(q.split("=")[1]) if "=" in q else 1.0, tag.strip().lower()[:2])
            for part in request.headers.get("accept-language", "").split(",")
            if part.strip()
            for tag, _, q in [part.partition(";")]
        ),
        reverse=True,
    )
    return next((t for _, t in ranges if t in LANGS), "en")


def local_link(request: Request, iri: str) -> str:
    """Link ``iri`` to this server when it is one of ours, else to itself."""
    base = get_ctx(request).base
    root = str(request.base_url).rstrip("/")
    if iri.startswith(base):
        return f"{root}/id/{iri[len(base) :]}"
    if iri == DEF or iri.startswith(DEF + "/"):
        return root + "/def" + iri[len(DEF) :]
    if iri.startswith(DEF + "#"):
        return f"{root}/def#{iri[len(DEF) + 1 :]}"
    return iri


async def _triples(ctx: ApiContext, iri: str) -> list[ox.Triple]:
    job = Job(
        query_text("api_describe"),
        mode="python",
        bindings={"resource": ox.NamedNode(iri)},
        max_rows=ctx.settings.max_result_rows,
    )
    outcome = await ctx.run(job)
    if outcome.kind != "ok":
        raise HTTPException(503, f"cannot describe {iri}: {outcome.message}")
    return outcome.triples


def _alternates(request: Request) -> str:
    path = request.url.path
    base, _ = _split(path)
    return ", ".join(
        f'<{base}{s}>; rel="alternate"; type="{m}"' for s, m in SUFFIXES.items() if s != ".html"
    )


async def describe(request: Request, iri: str, media: str | None, lang: str | None) -> Response:
    """Answer a linked-data request for ``iri``."""
    ctx = get_ctx(request)
    try:
        ox.NamedNode(iri)
    except ValueError:  # e.g. /id/a"b: no resource can have it as its IRI
        raise HTTPException(404, f"no resource {iri!r}: not a valid IRI") from None
    chosen = _choose(request, media)
    triples = await _triples(ctx, iri)
    if not any(isinstance(t.subject, ox.NamedNode) and t.subject.value == iri for t in triples):
        raise HTTPException(404, f"no resource {iri} in this graph")
    headers = {"Vary": "Accept, Accept-Language", "Link": _alternates(request)}
    if chosen != "text/html":
        body = ox.serialize(triples, format=GRAPH_FORMATS[chosen], prefixes=PREFIXES)
        return Response(body, media_type=chosen, headers=headers)
    page = await _page(request, ctx, iri, triples, _lang(request, lang))
    headers["Content-Language"] = page["lang"]
    return HTMLResponse(render(request, "resource.html", **page), headers=headers)


async def _page(
    request: Request, ctx: ApiContext, iri: str, triples: list[ox.Triple], lang: str
) -> dict[str, Any]:
    rows = (await ctx.named("api_resource", {"resource": ox.NamedNode(iri)})).rows
    known = ontology_doc().labels
    value_labels: dict[str, dict[str, str]] = defaultdict(dict)
    for r in rows:
        if "label" in r and isinstance(r["o"], ox.NamedNode):
            value_labels[r["o"].value][r["label"].language or ""] = r["label"].value

    def label_of(term_iri: str) -> str | None:
        return pick(value_labels.get(term_iri) or known.get(term_iri) or {}, lang)

    own: dict[str, dict[str, str]] = defaultdict(dict)
    props: dict[str, list[dict[str, Any]]] = defaultdict(list)
    incoming: list[dict[str, Any]] = []
    for t in triples:
        p = t.predicate.value
        if isinstance(t.subject, ox.NamedNode) and t.subject.value == iri:
            o = t.object
            if isinstance(o, ox.Literal) and p in (
                "http://www.w3.org/2004/02/skos/core#prefLabel",
                "http://www.w3.org/2000/01/rdf-schema#label",
            ):
                own[p][o.language or ""] = o.value
            props[p].append(_value(request, o, label_of))
        elif isinstance(t.subject, ox.NamedNode) and isinstance(t.object, ox.NamedNode):
            incoming.append(
                {
                    "href": local_link(request, t.subject.value),
                    "iri": t.subject.value,
                    "label": label_of(t.subject.value),
                    "via": compact(p),
                }
            )
    names = next(iter(own.values()), {})
    title = pick(names, lang) or compact(iri)
    sources = [v for v in props.pop(DCT + "source", [])]
    return {
        "title": title,
        "lang": next((c for c in fallback(lang) if c in names), lang),
        "iri": iri,
        "names": {c: names[c] for c in LANGS if c in names},
        "properties": sorted(
            (
                {
                    "iri": p,
                    "name": compact(p),
                    "label": label_of(p),
                    "href": local_link(request, p),
                    "values": sorted(v, key=lambda x: (x["lang"] not in ("", lang), x["text"])),
                }
                for p, v in props.items()
            ),
            key=lambda x: (x["name"] != "rdf:type", x["name"]),
        ),
        "sources": sources,
        "incoming": sorted(incoming, key=lambda x: (x["via"], x["label"] or x["iri"]))[:500],
        "langs": LANGS,
        "current": lang,
        "formats": [(s, m) for s, m in SUFFIXES.items() if s != ".html"],
    }


def _value(request: Request, o: Any, label_of: Any) -> dict[str, Any]:
    if isinstance(o, ox.NamedNode):
        return {
            "href": local_link(request, o.value),
            "text": label_of(o.value) or compact(o.value),
            "iri": o.value,
            "lang": "",
        }
    if isinstance(o, ox.Literal):
        return {"href": None, "text": o.value, "iri": None, "lang": o.language or ""}
    return {"href": None, "text": str(o), "iri": None, "lang": ""}


@router.get("/id/{path:path}", summary="Dereference an instance URI")
async def instance(request: Request, path: str, lang: LangParam = None) -> Response:
    """The resource ``{base}{path}`` as HTML, Turtle, JSON-LD, N-Triples or RDF/XML."""
    name, media = _split(path)
    return await describe(request, get_ctx(request).base + name, media, lang)


@router.get("/def", summary="The ontology and vocabularies")
async def ontology(request: Request, lang: LangParam = None) -> Response:
    """Documentation of the ontology for people, or the ontology itself as RDF."""
    chosen = _choose(request, None)
    if chosen != "text/html":
        return _ontology_rdf(chosen)
    return _ontology_page(request, _lang(request, lang))


@router.get("/def{suffix:path}", include_in_schema=False)
async def definitions(request: Request, suffix: str, lang: LangParam = None) -> Response:
    """``/def.ttl`` and friends, and every ``/def/…`` concept or scheme."""
    name, media = _split(suffix)
    if name in ("", "/"):
        chosen = _choose(request, media)
        if chosen == "text/html":
            return _ontology_page(request, _lang(request, lang))
        return _ontology_rdf(chosen)
    if not name.startswith("/"):
        raise HTTPException(404, "no such definition")
    return await describe(request, DEF + name, media, lang)


def _ontology_rdf(media: str) -> Response:
    store = vocab_store()
    body = ox.serialize(
        (q.triple for q in store.quads_for_pattern(None, None, None, None)),
        format=GRAPH_FORMATS[media],
        prefixes=PREFIXES,
    )
    return Response(body, media_type=media, headers={"Vary": "Accept"})


def _ontology_page(request: Request, lang: str) -> HTMLResponse:
    doc = ontology_doc()

    def label(iri: str) -> str:
        return pick(doc.labels.get(iri, {}), lang) or compact(iri)

    return HTMLResponse(
        render(
            request,
            "def.html",
            title=pick(doc.ontology.labels, lang) or "urbankg ontology",
            doc=doc,
            lang=lang,
            langs=LANGS,
            pick=pick,
            label=label,
            compact=compact,
            link=lambda i: local_link(request, i),
        ),
        headers={"Vary": "Accept, Accept-Language", "Content-Language": lang},
    )
