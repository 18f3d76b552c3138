"""Templates of the web app and the data of its theme × SDG matrix page."""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from typing import Any

from fastapi import Request

from urbankg.api.context import ApiContext
from urbankg.api.pages import render as api_render
from urbankg.graph.vocab import concept_slugs
from urbankg.resources import query_text
from urbankg.web.options import filter_options

THEME = "https://w3id.org/urbankg/def/theme/"
SDG = "http://metadata.un.org/sdg/"


def render(request: Request, template: str, **values: Any) -> str:
    """Render a template of the web app (the API's environment settings, our templates)."""
    return api_render(request, template, package="urbankg.web", **values)


@cache
def _query() -> str:
    return query_text("web_theme_sdg")


def matrix_counts(ctx: ApiContext) -> dict[str, Any]:
    """Count initiatives per theme (rows) and SDG goal (columns), asserted and derived.

    Returns:
        ``themes``, ``goals``, ``cells`` (theme → goal → {asserted, derived, any}), ``max``,
        ``gaps`` (themes with no SDG at all), ``uncovered`` (goals no theme reaches),
        ``unused_themes`` and ``labels`` (theme → {lang: label}, as in the filter menus).
    """
    seen: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(
        lambda: {"asserted": set(), "derived": set()}
    )
    themes_with_items: set[str] = set()
    # store.select sees the union of the named graphs (every source has its own graph)
    for row in ctx.store.select(_query()):
        theme = str(row["theme"].value)[len(THEME) :]
        themes_with_items.add(theme)
        sdg = row.get("sdg")
        if sdg is None:
            continue
        goal = str(sdg.value)[len(SDG) :].split(".")[0]
        seen[(theme, goal)][str(row["kind"].value)].add(str(row["item"].value))
    themes = sorted(concept_slugs("theme"))
    goals = [str(n) for n in range(1, 18)]
    cells: dict[str, dict[str, dict[str, int]]] = {}
    top = 0
    for t in themes:
        cells[t] = {}
        for g in goals:
            c = seen.get((t, g), {"asserted": set(), "derived": set()})
            n = len(c["asserted"] | c["derived"])
            cells[t][g] = {"asserted": len(c["asserted"]), "derived": len(c["derived"]), "any": n}
            top = max(top, n)
    gaps = [t for t in themes if not any(cells[t][g]["any"] for g in goals)]
    uncovered = [g for g in goals if not any(cells[t][g]["any"] for t in themes)]
    return {
        "themes": themes,
        "goals": goals,
        "cells": cells,
        "max": top,
        "gaps": gaps,
        "uncovered": uncovered,
        "unused_themes": [t for t in themes if t not in themes_with_items],
        "labels": {e["value"]: e["labels"] for e in filter_options()["theme"]},
    }
