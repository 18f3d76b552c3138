"""Extraction of the two-mode actor–initiative data with one named query.

``network_participations.rq`` yields one row per participation with everything the analysis
needs: the initiative's kind, labels, years, themes, SDGs and programmes, and the actor's
labels, sector (actor type) and helix. The network module reads the store only through this
query, so it works the same on a remote SPARQL store.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, NamedTuple, TypeVar, cast

from urbankg.graph.store import GraphStore
from urbankg.graph.terms import OxTerm
from urbankg.network.filters import NetworkFilters, filter_bindings
from urbankg.network.gcpause import paused_gc

_SECTOR = "https://w3id.org/urbankg/def/sector/"
_ROLE = "https://w3id.org/urbankg/def/role/"

#: Group value of an actor whose sector is not known (partial data).
UNKNOWN = "unknown"

#: The four helices in their usual order (public = government, research = university,
#: business = industry, civil society = the fourth helix).
HELICES = ("public", "research", "business", "civil-society")

T = TypeVar("T")


@dataclass(frozen=True)
class Actor:
    """A node of the one-mode network."""

    iri: str
    labels: dict[str, str]
    sector: str
    helix: str

    @property
    def label(self) -> str:
        """The best label: Finnish, else English, else Swedish, else the IRI."""
        for lang in ("fi", "en", "sv"):
            if lang in self.labels:
                return self.labels[lang]
        return self.iri


@dataclass(frozen=True)
class Initiative:
    """A project or a programme with participations."""

    iri: str
    kind: str
    labels: dict[str, str]
    start: int | None
    end: int | None
    themes: tuple[str, ...] = ()
    sdgs: tuple[str, ...] = ()
    derived_sdgs: tuple[str, ...] = ()
    programmes: tuple[str, ...] = ()

    def years(self) -> range:
        """The years the initiative is active (empty when it has no years)."""
        if self.start is None or self.end is None:
            return range(0)
        return range(self.start, self.end + 1)


class Participation(NamedTuple):
    """An actor taking part in an initiative in a role (``leading``: coordinator or narrower)."""

    actor: str
    initiative: str
    role: str
    leading: bool


@dataclass
class TwoMode:
    """The two-mode actor–initiative data of one (filtered) network."""

    actors: dict[str, Actor] = field(default_factory=dict)
    initiatives: dict[str, Initiative] = field(default_factory=dict)
    participations: list[Participation] = field(default_factory=list)
    filters: NetworkFilters = field(default_factory=NetworkFilters)

    _cache: dict[str, tuple[int, Any]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def cached(self, name: str, compute: Callable[[], T]) -> T:
        """Return ``compute()``, computed once while the participations stay the same.

        Args:
            name: the name the value is kept under.
            compute: computes the value from this data.

        Returns:
            The value kept under ``name``, computed now if missing or out of date.
        """
        key = hash((id(self.participations), len(self.participations)))
        hit = self._cache.get(name)
        if hit is not None and hit[0] == key:
            return cast(T, hit[1])
        value = compute()
        self._cache[name] = (key, value)
        return value

    def members(self) -> dict[str, list[str]]:
        """Initiative IRI → its distinct actors, sorted, in a stable order of initiatives.

        Computed once and kept while the participations stay the same (do not change the
        returned lists).
        """
        return self.cached("members", self._members)

    def _members(self) -> dict[str, list[str]]:
        out: dict[str, set[str]] = {}
        for p in self.participations:
            out.setdefault(p.initiative, set()).add(p.actor)
        return {i: sorted(out[i]) for i in sorted(out)}

    @property
    def note(self) -> str | None:
        """A note for the reader when the network is empty, else ``None``."""
        if self.participations:
            return None
        if self.filters.is_empty():
            return "the store holds no initiatives with participations: the network is empty"
        return f"no participations match the filters ({self.filters.describe()}): empty network"


def _text(row: dict[str, OxTerm], key: str) -> str | None:
    term = row.get(key)
    return term.value if term is not None else None


def _int(row: dict[str, OxTerm], key: str) -> int | None:
    value = _text(row, key)
    return int(value) if value else None


def _words(row: dict[str, OxTerm], key: str) -> tuple[str, ...]:
    value = _text(row, key)
    return tuple(sorted(value.split())) if value else ()


def _labels(row: dict[str, OxTerm]) -> dict[str, str]:
    out = {}
    for lang in ("fi", "sv", "en"):
        value = _text(row, lang)
        if value:
            out[lang] = value
    return out


def _local(iri: str | None, namespace: str) -> str:
    if not iri:
        return UNKNOWN
    return iri[len(namespace) :] if iri.startswith(namespace) else iri


@paused_gc()
def extract(store: GraphStore, filters: NetworkFilters | None = None) -> TwoMode:
    """Read the two-mode data of the network selected by ``filters`` (one query).

    The query returns initiative, participation and actor rows; they are joined here
    (participations of the selected initiatives, initiatives with a selected participation,
    actors of those participations), which Oxigraph does far slower inside the query.

    Args:
        store: the store.
        filters: the filters (``None``: the whole network).

    Returns:
        The actors, initiatives and participations (one per initiative, actor and role).

    Raises:
        InputError: a filter value is unknown.
    """
    filters = filters or NetworkFilters()
    bindings = filter_bindings(store, filters)
    data = TwoMode(filters=filters)
    actors: dict[str, Actor] = {}
    seen: set[tuple[str, str, str]] = set()
    parts: list[Participation] = []
    roles: dict[str, str] = {}  # role IRI -> local name
    for row in store.select_named("network_participations", bindings):
        kind = _text(row, "row")
        if kind == "initiative":
            i = row["i"].value
            kind_of = _text(row, "kind") or "project"
            data.initiatives[i] = Initiative(
                iri=i,
                kind=kind_of,
                labels=_labels(row),
                start=_int(row, "start"),
                end=_int(row, "end"),
                themes=_words(row, "themes"),
                sdgs=_words(row, "sdgs"),
                derived_sdgs=_words(row, "derivedSdgs"),
                programmes=(i,) if kind_of == "programme" else _words(row, "programmes"),
            )
        elif kind == "actor":
            a = row["a"].value
            actors[a] = Actor(
                iri=a,
                labels=_labels(row),
                sector=_local(_text(row, "type"), _SECTOR),
                helix=_local(_text(row, "helix"), _SECTOR),
            )
        elif kind == "participations":
            i = row["i"].value
            words = (_text(row, "participants") or "").split()
            for k in range(0, len(words) - 2, 3):
                a, role_iri = words[k], words[k + 1]
                role = roles.get(role_iri) or roles.setdefault(role_iri, _local(role_iri, _ROLE))
                if (i, a, role) not in seen:
                    seen.add((i, a, role))
                    parts.append(Participation(a, i, role, words[k + 2] == "1"))
    # The query's three kinds of rows are joined here: participations of the selected
    # initiatives, and the actors taking part in them.
    data.participations = [p for p in parts if p.initiative in data.initiatives]
    used = {p.initiative for p in data.participations}
    data.initiatives = {i: x for i, x in data.initiatives.items() if i in used}
    for a in {p.actor for p in data.participations}:
        data.actors[a] = actors.get(a) or Actor(a, {}, UNKNOWN, UNKNOWN)
    data.participations.sort(key=itemgetter(1, 0, 2))  # (initiative, actor, role): stable output
    data.actors = dict(sorted(data.actors.items()))
    data.initiatives = dict(sorted(data.initiatives.items()))
    return data
