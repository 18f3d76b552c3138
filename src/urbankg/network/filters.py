"""Filters of the partnership network and their check against the vocabularies and the store.

Theme, SDG, programme and year filters select *initiatives*; sector (an actor type or a helix)
and role filters select *participations* (so the network holds only those actors). Every value
is checked: an unknown theme slug, SDG code, programme id, sector or role raises
:class:`~urbankg.graph.errors.InputError` naming the value. Valid values that match nothing give
an empty network, not an error.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

import pyoxigraph as ox

from urbankg.graph.errors import InputError
from urbankg.graph.store import GraphStore
from urbankg.graph.terms import OxTerm
from urbankg.graph.vocab import SCHEMES, concept_slugs, sdg_codes
from urbankg.resources import query_text

_UKG = "https://w3id.org/urbankg/def#"
_SDG = "http://metadata.un.org/sdg/"
_XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
_SDG_IRI = re.compile(r"^(?:https?://metadata\.un\.org/sdg/|sdg:)(.+)$")


@dataclass(frozen=True)
class NetworkFilters:
    """Which part of the data the network covers (``None``: no filter).

    Attributes:
        theme: theme slug (``low-carbon``); matches the theme and its sub-themes.
        sdg: SDG goal or target (``11``, ``11.3``); matches it and its narrower targets.
        derived_sdgs: let ``sdg`` match SDGs derived from themes (``ukg:derivedSdg``) too;
            by default only SDGs asserted by a source (``ukg:sdg``) match.
        programme: programme id (slug); matches the programme and the projects in it, directly
            or through one of its calls.
        year_from: first year; initiatives active in or after it.
        year_to: last year; initiatives active in or before it.
        sector: actor-type slug (``university``) or helix slug (``research``); keeps only the
            participations of actors of that sector.
        role: role slug (``coordinator``); keeps only participations with that role or a
            narrower one.
    """

    theme: str | None = None
    sdg: str | None = None
    derived_sdgs: bool = False
    programme: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    sector: str | None = None
    role: str | None = None

    def is_empty(self) -> bool:
        """Return whether no filter is set."""
        return self == NetworkFilters(derived_sdgs=self.derived_sdgs)

    def as_dict(self) -> dict[str, Any]:
        """Return the filters as a JSON-ready dictionary (unset filters omitted)."""
        return {k: v for k, v in asdict(self).items() if v is not None and v is not False}

    def describe(self) -> str:
        """Return a one-line human description (``none`` when no filter is set)."""
        parts = [f"{k}={v}" for k, v in self.as_dict().items()]
        return ", ".join(parts) if parts else "none"


def _slug(value: str, scheme: str, what: str) -> str:
    prefix = SCHEMES[scheme] + "/"
    slug = value[len(prefix) :] if value.startswith(prefix) else value
    if slug not in concept_slugs(scheme):
        known = ", ".join(sorted(concept_slugs(scheme)))
        raise InputError(f"unknown {what} '{value}' (known: {known})")
    return prefix + slug


def _sdg(value: str) -> str:
    m = _SDG_IRI.match(value.strip())
    code = m.group(1) if m else value.strip()
    if code not in sdg_codes():
        raise InputError(
            f"unknown SDG '{value}' (give a goal 1-17 or a target such as 11.3)",
        )
    return _SDG + code


def _programme(store: GraphStore, value: str) -> str:
    prefix = f"{store.base}programme/"
    iri = value if value.startswith(prefix) else prefix + value
    exists = store.ask(
        query_text("resource_exists"),
        {"resource": ox.NamedNode(iri), "class": ox.NamedNode(_UKG + "Programme")},
    )
    if not exists:
        raise InputError(f"unknown programme '{value}' (no ukg:Programme {iri} in the store)")
    return iri


def _year(value: int | None, what: str) -> ox.Literal | None:
    if value is None:
        return None
    if not 1000 <= value <= 9999:
        raise InputError(f"bad {what} year '{value}' (give four digits, e.g. 2019)")
    return ox.Literal(str(value), datatype=_XSD_INTEGER)


def filter_bindings(store: GraphStore, filters: NetworkFilters) -> dict[str, OxTerm]:
    """Check the filters and turn them into the bindings of ``network_participations.rq``.

    Args:
        store: the store (programme ids are looked up in it).
        filters: the filters.

    Returns:
        Variable name → term, for the set filters only.

    Raises:
        InputError: a value is unknown (the message names it) or the year range is reversed.
    """
    b: dict[str, OxTerm] = {}
    if filters.theme:
        b["theme"] = ox.NamedNode(_slug(filters.theme, "theme", "theme"))
    if filters.sdg:
        b["sdg"] = ox.NamedNode(_sdg(filters.sdg))
        if filters.derived_sdgs:
            b["derivedSdgProperty"] = ox.NamedNode(_UKG + "derivedSdg")
    if filters.programme:
        b["programme"] = ox.NamedNode(_programme(store, filters.programme))
    if filters.sector:
        b["sector"] = ox.NamedNode(_slug(filters.sector, "sector", "sector"))
    if filters.role:
        b["roleFilter"] = ox.NamedNode(_slug(filters.role, "role", "role"))
    lo, hi = _year(filters.year_from, "first"), _year(filters.year_to, "last")
    if filters.year_from and filters.year_to and filters.year_from > filters.year_to:
        raise InputError(
            f"the year range is reversed: from {filters.year_from} to {filters.year_to}"
        )
    if lo is not None:
        b["fromYear"] = lo
    if hi is not None:
        b["toYear"] = hi
    return b
