"""The values of the network view's filter menus, with their fi/sv/en labels.

The labels are the vocabularies' ``skos:prefLabel`` (the ontology files bundled with the
package), so the menus show them in the page's language and fall back like every other label.
Narrower concepts follow their broader one (``depth`` 1): sub-themes under their theme, actor
types under their helix, SDG targets under their goal.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pyoxigraph as ox

from urbankg.graph.vocab import SCHEMES, concept_slugs, sdg_codes, vocab_store

_SKOS = "http://www.w3.org/2004/02/skos/core#"
_LABEL = ox.NamedNode(_SKOS + "prefLabel")
_BROADER = ox.NamedNode(_SKOS + "broader")


def _labels(iri: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for q in vocab_store().quads_for_pattern(ox.NamedNode(iri), _LABEL, None, None):
        lit = q.object
        if isinstance(lit, ox.Literal) and lit.language and lit.language not in out:
            out[lit.language] = lit.value
    return out


def _broader(iri: str) -> str | None:
    for q in vocab_store().quads_for_pattern(ox.NamedNode(iri), _BROADER, None, None):
        if isinstance(q.object, ox.NamedNode):
            return q.object.value
    return None


def _tree(scheme: str, slugs: list[str]) -> list[dict[str, Any]]:
    """Concepts of ``scheme`` in ``slugs`` order, each followed by its narrower ones."""
    prefix = SCHEMES[scheme] + "/"
    parent = {s: _broader(prefix + s) for s in slugs}
    children: dict[str, list[str]] = {}
    tops: list[str] = []
    for s in slugs:
        up = parent[s]
        if up is not None and up.startswith(prefix) and up[len(prefix) :] in parent:
            children.setdefault(up[len(prefix) :], []).append(s)
        else:
            tops.append(s)
    out: list[dict[str, Any]] = []

    def visit(slug: str, depth: int) -> None:
        out.append({"value": slug, "labels": _labels(prefix + slug), "depth": depth})
        for child in children.get(slug, []):
            visit(child, depth + 1)

    for top in tops:
        visit(top, 0)
    return out


def _sdg_key(code: str) -> tuple[tuple[int, str], ...]:
    """Sort key of an SDG code: 2 < 11, 11.7 < 11.a."""
    return tuple((int(p), "") if p.isdigit() else (1000, p) for p in code.split("."))


@cache
def filter_options() -> dict[str, list[dict[str, Any]]]:
    """Return the menu entries of the theme, SDG, sector and role filters.

    Returns:
        Filter name → entries ``{"value", "labels" ({lang: label}), "depth"}`` in menu order;
        ``sdg`` holds the 17 goals, each followed by its targets.
    """
    sdg_base = SCHEMES["sdg"] + "/"
    sdgs = [
        {
            "value": code,
            "labels": _labels(sdg_base + code),
            "depth": 0 if "." not in code else 1,
        }
        for code in sorted(sdg_codes(), key=_sdg_key)
    ]
    return {
        "theme": _tree("theme", sorted(concept_slugs("theme"))),
        "sdg": sdgs,
        "sector": _tree("sector", sorted(concept_slugs("sector"))),
        "role": _tree("role", sorted(concept_slugs("role"))),
    }
