"""The web app: SPARQL 1.1 endpoint, linked data, REST API and dumps (``urbankg serve``).

``create_app`` is imported lazily so that the query worker processes, which live in this
package, start without loading the web framework.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from urbankg.api.app import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from urbankg.api.app import create_app

        return create_app
    raise AttributeError(f"module 'urbankg.api' has no attribute {name!r}")
