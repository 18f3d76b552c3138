"""The coordinators' web app: network view at ``/``, SPARQL editor, theme × SDG matrix.

:func:`install` adds it to an app made by :func:`urbankg.api.create_app`.
"""

from urbankg.web.router import install, router

__all__ = ["install", "router"]
