"""RDF the app writes about itself: the SPARQL service description."""

from __future__ import annotations

import pyoxigraph as ox

from urbankg.api.context import ApiContext
from urbankg.api.worker import GRAPH_FORMATS

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
VOID = "http://rdfs.org/ns/void#"
DCT = "http://purl.org/dc/terms/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_RESULT_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "RDF_XML",
    "JSON-LD",
)


def _sd(name: str) -> ox.NamedNode:
    return ox.NamedNode(SD + name)


async def service_description_rdf(ctx: ApiContext, endpoint: str, media: str) -> bytes:
    """Describe the endpoint (SPARQL 1.1 Service Description) in the RDF format ``media``."""
    key = f"sd:{endpoint}:{media}:{ctx.pool.generation}"
    if key in ctx.cache:
        cached: bytes = ctx.cache[key]
        return cached
    info = await ctx.named("graph_info")
    service = ox.NamedNode(endpoint)
    triples = [
        ox.Triple(service, RDF_TYPE, _sd("Service")),
        ox.Triple(service, _sd("endpoint"), service),
        ox.Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Query")),
        ox.Triple(service, _sd("feature"), _sd("UnionDefaultGraph")),
        ox.Triple(service, ox.NamedNode(DCT + "title"), ox.Literal("urbankg SPARQL endpoint")),
    ]
    if ctx.settings.update_enabled:
        triples.append(ox.Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Update")))
    if ctx.settings.service_allowlist:
        triples.append(ox.Triple(service, _sd("feature"), _sd("BasicFederatedQuery")))
    for name in _RESULT_FORMATS:
        triples.append(ox.Triple(service, _sd("resultFormat"), ox.NamedNode(FORMATS + name)))
    dataset = ox.BlankNode()
    default = ox.BlankNode()
    triples += [
        ox.Triple(service, _sd("defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, _sd("Dataset")),
        ox.Triple(dataset, _sd("defaultGraph"), default),
        ox.Triple(default, RDF_TYPE, _sd("Graph")),
    ]
    counts = {str(r["g"].value): r.get("triples") for r in info.rows}
    for g in sorted(counts):
        named, graph = ox.BlankNode(), ox.BlankNode()
        triples += [
            ox.Triple(dataset, _sd("namedGraph"), named),
            ox.Triple(named, RDF_TYPE, _sd("NamedGraph")),
            ox.Triple(named, _sd("name"), ox.NamedNode(g)),
            ox.Triple(named, _sd("graph"), graph),
            ox.Triple(graph, RDF_TYPE, _sd("Graph")),
        ]
        count = counts[g]
        if count is not None:
            triples.append(ox.Triple(graph, ox.NamedNode(VOID + "triples"), count))
    body = ox.serialize(
        triples,
        format=GRAPH_FORMATS[media],
        prefixes={"sd": SD, "formats": FORMATS, "void": VOID, "dct": DCT},
    )
    ctx.cache[key] = body or b""
    return body or b""
