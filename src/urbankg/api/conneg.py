"""Content negotiation: ``Accept`` headers with q-values and wildcards, and ``format`` names."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

#: Result formats of SELECT/ASK, in the server's order of preference, with their aliases.
RESULTS_OFFERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("application/sparql-results+json", ("application/json", "text/javascript")),
    ("application/sparql-results+xml", ("application/xml", "text/xml")),
    ("text/csv", ()),
    ("text/tab-separated-values", ()),
)
#: RDF formats of CONSTRUCT/DESCRIBE results and resources, with their aliases.
GRAPH_OFFERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("text/turtle", ("application/x-turtle", "text/n3", "text/rdf+n3", "application/n3")),
    ("application/n-triples", ("text/plain",)),
    ("application/rdf+xml", ("application/xml", "text/xml")),
    ("application/ld+json", ("application/json",)),
    ("application/n-quads", ()),
    ("application/trig", ()),
)
#: ``format=`` names: (results media type, graph media type) each may be None.
FORMAT_NAMES: dict[str, tuple[str | None, str | None]] = {
    "json": ("application/sparql-results+json", "application/ld+json"),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "csv": ("text/csv", None),
    "tsv": ("text/tab-separated-values", None),
    "turtle": (None, "text/turtle"),
    "ttl": (None, "text/turtle"),
    "n3": (None, "text/turtle"),
    "rdf+xml": (None, "application/rdf+xml"),
    "ntriples": (None, "application/n-triples"),
    "nt": (None, "application/n-triples"),
    "rdfxml": (None, "application/rdf+xml"),
    "rdf": (None, "application/rdf+xml"),
    "jsonld": (None, "application/ld+json"),
    "json-ld": (None, "application/ld+json"),
    "nquads": (None, "application/n-quads"),
    "trig": (None, "application/trig"),
}


@dataclass(frozen=True)
class MediaRange:
    """One entry of an ``Accept`` header."""

    type: str
    subtype: str
    q: float

    def specificity(self, media: str) -> int:
        """Return how specifically this range matches ``media`` (-1: no match)."""
        t, _, s = media.partition("/")
        if self.type == "*" and self.subtype == "*":
            return 0
        if self.type == t and self.subtype == "*":
            return 1
        if self.type == t and self.subtype == s:
            return 2
        return -1


def parse_accept(header: str | None) -> list[MediaRange]:
    """Parse an ``Accept`` header (malformed entries are skipped)."""
    out: list[MediaRange] = []
    for part in (header or "").split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if "/" not in media:
            continue
        t, _, s = media.partition("/")
        q = 1.0
        for p in fields[1:]:
            name, _, value = p.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        out.append(MediaRange(t, s, q))
    return out


def quality(ranges: Sequence[MediaRange], media: str) -> float:
    """Return the q-value ``ranges`` give ``media`` (the most specific matching range wins)."""
    best = -1
    q = 0.0
    for r in ranges:
        spec = r.specificity(media)
        if spec > best or (spec == best and spec >= 0 and r.q > q):
            best, q = spec, r.q
    return q if best >= 0 else 0.0


@lru_cache(maxsize=512)
def negotiate(
    header: str | None, offers: Sequence[tuple[str, tuple[str, ...]]], *, wildcard: bool = True
) -> str | None:
    """Choose the offered media type the client prefers.

    Args:
        header: the ``Accept`` header (absent or empty: the first offer).
        offers: (media type, aliases), in the server's order of preference.
        wildcard: whether ``*/*`` alone may select an offer.

    Returns:
        The chosen canonical media type, or ``None`` when nothing offered is acceptable.
    """
    ranges = parse_accept(header)
    if not ranges:
        return offers[0][0]
    best: tuple[float, int, str] | None = None
    for rank, (media, aliases) in enumerate(offers):
        q = quality(ranges, media)
        for alias in aliases:  # aliases count only when named exactly
            if any(r.specificity(alias) == 2 for r in ranges):
                q = max(q, quality(ranges, alias))
        if not wildcard and all(r.specificity(m) <= 0 for r in ranges for m in (media, *aliases)):
            q = 0.0
        if q > 0 and (best is None or q > best[0]):
            best = (q, -rank, media)
    return best[2] if best else None


def prefers_html(header: str | None) -> bool:
    """True when the client asks for HTML at least as much as for any RDF format."""
    ranges = parse_accept(header)
    if not ranges:
        return False
    html = max(quality(ranges, "text/html"), quality(ranges, "application/xhtml+xml"))
    explicit_html = any(r.specificity("text/html") == 2 for r in ranges)
    rdf = max(quality(ranges, m) for m, _ in GRAPH_OFFERS)
    return explicit_html and html >= rdf
