"""Mapping coordinators' CSV tables to RDF (the model of ``docs/model.md``).

A source is a folder of CSV files (or a single file). All its tables are mapped together, so a
participation may refer to an actor defined in another table of the same source; ids not defined
in the source must already be in the store.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox

from urbankg.graph.errors import InputError
from urbankg.graph.importers.csvfile import (
    MUNICIPALITY,
    NUTS3,
    Row,
    Table,
    business_id_ok,
    read_table,
)
from urbankg.graph.vocab import SCHEMES, actor_type_slugs, concept_slugs, helix_of, sdg_codes

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_DCT = "http://purl.org/dc/terms/"
_PROV = "http://www.w3.org/ns/prov#"
_ORG = "http://www.w3.org/ns/org#"
_SCHEMA = "https://schema.org/"
_CV = "http://data.europa.eu/m8g/"
_UKG = "https://w3id.org/urbankg/def#"
_SDG = "http://metadata.un.org/sdg/"
_NUTS = "http://data.europa.eu/nuts/code/"

#: Order in which tables are mapped (definitions before references).
ORDER = ("programmes", "calls", "projects", "actors", "participations", "grants")


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _lit(value: str, *, lang: str | None = None, datatype: str | None = None) -> ox.Literal:
    if lang:
        return ox.Literal(value, language=lang)
    if datatype:
        return ox.Literal(value, datatype=_n(datatype))
    return ox.Literal(value)


def parse_sdgs(row: Row, column: str = "sdgs") -> list[str]:
    """Parse an SDG cell: goals ``11``, targets ``11.3``, goal ranges ``1-17`` or SDG KOS IRIs.

    ``https`` IRIs are normalised to the UN's ``http`` form. Unknown codes are refused.
    """
    known = sdg_codes()
    out: list[str] = []
    for value in row.many(column):
        v = value.strip()
        m = re.match(r"^https?://metadata\.un\.org/sdg/(.+)$", v)
        if m:
            v = m.group(1)
        rng = re.match(r"^([0-9]{1,2})\s*[-–]\s*([0-9]{1,2})$", v)
        codes = [str(i) for i in range(int(rng.group(1)), int(rng.group(2)) + 1)] if rng else [v]
        for code in codes:
            if code not in known:
                raise row.error(column, f"unknown SDG goal or target '{value}'")
            out.append(_SDG + code)
    return out


@dataclass
class Mapper:
    """Maps the tables of one source to quads in one named graph."""

    base: str
    graph: ox.NamedNode
    exists: Callable[[str, str], bool]
    """``exists(iri, class_local_name)``: whether the store already holds that resource."""
    origins: dict[str, str] = field(default_factory=dict)
    defined: dict[str, set[str]] = field(default_factory=dict)
    _ids: dict[tuple[str, str], str] = field(default_factory=dict)

    def iri(self, kind: str, *parts: str) -> str:
        """Return the instance IRI ``{base}{kind}/{part}/…``."""
        return f"{self.base}{kind}/{'/'.join(parts)}"

    def quad(self, s: str, p: str, o: ox.NamedNode | ox.Literal) -> ox.Quad:
        """Build a quad in this source's graph."""
        return ox.Quad(_n(s), _n(p), o, self.graph)

    # ---- checks ---------------------------------------------------------------------------------
    def concept(self, row: Row, column: str, scheme: str, value: str) -> ox.NamedNode:
        """Check that ``value`` is a slug of ``scheme`` and return its IRI."""
        allowed = actor_type_slugs() if column == "sector" else concept_slugs(scheme)
        if value not in allowed:
            what = {"project-type": "project type", "sector": "sector (actor type)"}.get(
                scheme, scheme
            )
            raise row.error(
                column, f"unknown {what} '{value}' (known: {', '.join(sorted(allowed))})"
            )
        return _n(f"{SCHEMES[scheme]}/{value}")

    def define(self, row: Row, kind: str, slug: str) -> str:
        """Record the definition of ``kind``/``slug`` from ``row`` (refusing duplicates)."""
        key = (kind, slug)
        if key in self._ids:
            raise row.error(
                "id", f"duplicate {kind} id '{slug}' (first defined at {self._ids[key]})"
            )
        self._ids[key] = f"{row.file}:{row.line}"
        self.defined.setdefault(kind, set()).add(slug)
        iri = self.iri(kind, slug)
        self.origins[iri] = f"{row.file}:{row.line}"
        return iri

    def ref(self, row: Row, column: str, kinds: tuple[str, ...], cls: tuple[str, ...]) -> str:
        """Resolve an id referring to one of ``kinds`` (in this source or in the store)."""
        slug = row.slug(column)
        found = [
            self.iri(k, slug)
            for k, c in zip(kinds, cls, strict=True)
            if slug in self.defined.get(k, set()) or self.exists(self.iri(k, slug), c)
        ]
        if not found:
            names = " or ".join(kinds)
            raise row.error(
                column,
                f"{names} '{slug}' is referenced but never defined (not in this source "
                "and not in the store)",
            )
        if len(found) > 1:
            raise row.error(column, f"'{slug}' is ambiguous: it names both {' and '.join(kinds)}")
        return found[0]

    # ---- common parts ----------------------------------------------------------------------------
    def names(self, row: Row, s: str) -> Iterator[ox.Quad]:
        """Labels in fi (required), sv and en."""
        for lang in ("fi", "sv", "en"):
            value = row.required("name_fi") if lang == "fi" else row.get(f"name_{lang}")
            if value:
                yield self.quad(s, _SKOS + "prefLabel", _lit(value, lang=lang))
        if row.get("description_en"):
            yield self.quad(s, _DCT + "description", _lit(row.get("description_en"), lang="en"))

    def sources(self, row: Row, s: str) -> Iterator[ox.Quad]:
        """``dct:source`` for every URL of the row."""
        for url in row.urls():
            yield self.quad(s, _DCT + "source", _n(url))

    def years(self, row: Row, s: str) -> Iterator[ox.Quad]:
        """Start and end years (checked: start <= end)."""
        start, end = row.year("start_year"), row.year("end_year")
        if start and end and int(start) > int(end):
            raise row.error("end_year", f"end year {end} is before start year {start}")
        if start:
            yield self.quad(s, _UKG + "startYear", _lit(start, datatype=_XSD + "gYear"))
        if end:
            yield self.quad(s, _UKG + "endYear", _lit(end, datatype=_XSD + "gYear"))

    def subjects(self, row: Row, s: str) -> Iterator[ox.Quad]:
        """Themes (``dct:subject``) and source-asserted SDGs (``ukg:sdg``)."""
        for theme in row.many("themes"):
            yield self.quad(s, _DCT + "subject", self.concept(row, "themes", "theme", theme))
        for sdg in parse_sdgs(row):
            yield self.quad(s, _UKG + "sdg", _n(sdg))

    # ---- tables ------------------------------------------------------------------------------
    def programme(self, row: Row) -> Iterator[ox.Quad]:
        """Map a row of programmes.csv."""
        s = self.define(row, "programme", row.slug("id"))
        yield self.quad(s, _RDF + "type", _n(_UKG + "Programme"))
        yield from self.names(row, s)
        yield from self.years(row, s)
        yield from self.subjects(row, s)
        for fw in row.many("frameworks"):
            yield self.quad(s, _UKG + "framework", self.concept(row, "frameworks", "framework", fw))
        yield from self.sources(row, s)

    def call(self, row: Row) -> Iterator[ox.Quad]:
        """Map a row of calls.csv."""
        s = self.define(row, "call", row.slug("id"))
        yield self.quad(s, _RDF + "type", _n(_UKG + "FundingCall"))
        yield from self.names(row, s)
        prog = self.ref(row, "programme", ("programme",), ("Programme",))
        yield self.quad(s, _DCT + "isPartOf", _n(prog))
        year = row.year("year")
        if year:
            yield self.quad(s, _UKG + "year", _lit(year, datatype=_XSD + "gYear"))
        yield from self.sources(row, s)

    def project(self, row: Row) -> Iterator[ox.Quad]:
        """Map a row of projects.csv."""
        s = self.define(row, "project", row.slug("id"))
        yield self.quad(s, _RDF + "type", _n(_UKG + "Project"))
        yield from self.names(row, s)
        ptype = self.concept(row, "project_type", "project-type", row.required("project_type"))
        yield self.quad(s, _UKG + "projectType", ptype)
        if not row.get("programme") and not row.get("call"):
            raise row.error("programme", "a project needs a programme or a call it belongs to")
        if row.get("programme"):
            prog = self.ref(row, "programme", ("programme",), ("Programme",))
            yield self.quad(s, _DCT + "isPartOf", _n(prog))
        if row.get("call"):
            call = self.ref(row, "call", ("call",), ("FundingCall",))
            yield self.quad(s, _DCT + "isPartOf", _n(call))
        yield from self.years(row, s)
        yield from self.subjects(row, s)
        for code in row.many("municipalities"):
            if not MUNICIPALITY.match(code):
                raise row.error(
                    "municipalities",
                    f"'{code}' is not a municipality code (three digits, e.g. 091)",
                )
            place = self.iri("municipality", code)
            yield self.quad(s, _DCT + "spatial", _n(place))
            yield self.quad(place, _RDF + "type", _n(_DCT + "Location"))
            yield self.quad(place, _UKG + "municipalityCode", _lit(code))
        yield from self.sources(row, s)

    def actor(self, row: Row) -> Iterator[ox.Quad]:
        """Map a row of actors.csv."""
        s = self.define(row, "actor", row.slug("id"))
        sector = row.required("sector")
        concept = self.concept(row, "sector", "sector", sector)
        yield self.quad(s, _RDF + "type", _n(_UKG + "Actor"))
        if helix_of().get(sector) == "public":
            yield self.quad(s, _RDF + "type", _n(_CV + "PublicOrganisation"))
        yield from self.names(row, s)
        yield self.quad(s, _ORG + "classification", concept)
        bid = row.get("business_id")
        if bid:
            if not business_id_ok(bid):
                raise row.error(
                    "business_id",
                    f"'{bid}' is not a valid Finnish business id (NNNNNNN-N with a correct "
                    "check digit)",
                )
            yield self.quad(s, _UKG + "businessId", _lit(bid))
        code = row.get("municipality_code")
        if code:
            if not MUNICIPALITY.match(code):
                raise row.error(
                    "municipality_code",
                    f"'{code}' is not a municipality code (three digits, e.g. 091; keep the "
                    "leading zeros)",
                )
            yield self.quad(s, _UKG + "municipalityCode", _lit(code))
        nuts = row.get("nuts3")
        if nuts:
            if not NUTS3.match(nuts):
                raise row.error("nuts3", f"'{nuts}' is not a Finnish NUTS 3 code (e.g. FI1B1)")
            yield self.quad(s, _UKG + "region", _n(_NUTS + nuts))
        yield from self.sources(row, s)

    def participation(self, row: Row) -> Iterator[ox.Quad]:
        """Map a row of participations.csv."""
        initiative = self.ref(row, "project", ("project", "programme"), ("Project", "Programme"))
        actor = self.ref(row, "actor", ("actor",), ("Actor",))
        role_slug = row.required("role")
        role = self.concept(row, "role", "role", role_slug)
        kind, init_slug = initiative[len(self.base) :].split("/", 1)
        actor_slug = actor.rsplit("/", 1)[1]
        s = self.iri("participation", init_slug, actor_slug, role_slug)
        if kind == "programme":
            s = self.iri("participation", "programme", init_slug, actor_slug, role_slug)
        key = ("participation", s)
        if key in self._ids:
            raise row.error(
                "role",
                f"duplicate participation (same project, actor and role as {self._ids[key]})",
            )
        self._ids[key] = f"{row.file}:{row.line}"
        self.origins[s] = f"{row.file}:{row.line}"
        yield self.quad(s, _RDF + "type", _n(_UKG + "Participation"))
        yield self.quad(s, _PROV + "agent", _n(actor))
        yield self.quad(s, _PROV + "hadRole", role)
        if row.get("role_wording"):
            yield self.quad(s, _UKG + "roleWording", _lit(row.get("role_wording")))
        yield from self.sources(row, s)
        yield self.quad(initiative, _PROV + "qualifiedAssociation", _n(s))
        yield self.quad(initiative, _PROV + "wasAssociatedWith", _n(actor))

    def grant(self, row: Row) -> Iterator[ox.Quad]:
        """Map a row of grants.csv (a grant or a total budget)."""
        kind = row.required("kind")
        if kind not in ("grant", "total-budget"):
            raise row.error("kind", f"kind must be 'grant' or 'total-budget', got '{kind}'")
        slug = row.slug("id")
        item = self.ref(row, "project", ("project", "programme"), ("Project", "Programme"))
        amount: Decimal = row.amount("amount_eur")
        if kind == "grant":
            s = self.define(row, "grant", slug)
            yield self.quad(s, _RDF + "type", _n(_UKG + "Grant"))
            if not row.get("funder"):
                raise row.error("funder", "a grant needs a funder")
            funder = self.ref(row, "funder", ("actor",), ("Actor",))
            yield self.quad(s, _SCHEMA + "funder", _n(funder))
            if row.get("grantee"):
                grantee = self.ref(row, "grantee", ("actor",), ("Actor",))
                yield self.quad(s, _UKG + "grantee", _n(grantee))
            yield self.quad(s, _SCHEMA + "fundedItem", _n(item))
        else:
            s = self.define(row, "budget", slug)
            yield self.quad(s, _RDF + "type", _n(_UKG + "Budget"))
            yield self.quad(s, _UKG + "budgetOf", _n(item))
        yield self.quad(s, _UKG + "amount", _lit(str(amount), datatype=_XSD + "decimal"))
        yield self.quad(s, _UKG + "currency", _lit("EUR"))
        year = row.year("year")
        if year:
            yield self.quad(s, _UKG + "year", _lit(year, datatype=_XSD + "gYear"))
        yield from self.sources(row, s)


def read_tables(paths: list[Path]) -> list[Table]:
    """Read every CSV file of a source, in mapping order."""
    tables = [read_table(p) for p in paths]
    seen: dict[str, str] = {}
    for t in tables:
        if t.kind in seen:
            raise InputError(
                f"a second {t.kind} table in the same source ({seen[t.kind]})", file=t.file
            )
        seen[t.kind] = t.file
    return sorted(tables, key=lambda t: ORDER.index(t.kind))


def map_tables(tables: list[Table], mapper: Mapper) -> Iterator[ox.Quad]:
    """Map the tables of one source to quads (refusing the first bad cell)."""
    handlers: dict[str, Callable[[Row], Iterator[ox.Quad]]] = {
        "programmes": mapper.programme,
        "calls": mapper.call,
        "projects": mapper.project,
        "actors": mapper.actor,
        "participations": mapper.participation,
        "grants": mapper.grant,
    }
    # Definitions first, so that references within the source resolve in any file order.
    for t in tables:
        for row in t.rows:
            if t.kind in ("programmes", "calls", "projects", "actors") and row.get("id"):
                mapper.defined.setdefault(t.kind[:-1], set()).add(row.get("id"))
    mapper._ids.clear()
    for t in tables:
        for row in t.rows:
            yield from handlers[t.kind](row)
