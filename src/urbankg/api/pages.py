"""HTML pages for people, rendered from the package's Jinja templates (autoescaped)."""

from __future__ import annotations

from functools import cache
from typing import Any

from fastapi import Request
from jinja2 import BaseLoader, ChoiceLoader, Environment, PackageLoader, select_autoescape

from urbankg import __version__


@cache
def environment(package: str = "urbankg.api") -> Environment:
    """Return the template environment of ``package`` (its ``templates/`` are package data).

    The web app (``urbankg.web``) renders its own templates through the same settings; a name
    it does not have (``base.html``, the one base of every page) comes from this package.
    """
    loader: BaseLoader = PackageLoader(package, "templates")
    if package != "urbankg.api":
        loader = ChoiceLoader([loader, PackageLoader("urbankg.api", "templates")])
    env = Environment(
        loader=loader,
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["version"] = __version__
    return env


def render(request: Request, template: str, *, package: str = "urbankg.api", **values: Any) -> str:
    """Render ``template`` of ``package`` with ``values`` and the request's root path."""
    root = request.scope.get("root_path", "")
    return environment(package).get_template(template).render(root=root, request=request, **values)
