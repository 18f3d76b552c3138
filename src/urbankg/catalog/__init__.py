"""The DCAT-AP 3 catalogue and the VoID description of the knowledge graph (docs/catalog.md).

``generate`` computes both from a store; ``urbankg.catalog.router`` serves them at ``/catalog``
and ``/.well-known/void``; ``urbankg catalog`` prints and validates them.
"""

from __future__ import annotations

from urbankg.catalog.deployment import Deployment
from urbankg.catalog.errors import CatalogError
from urbankg.catalog.generate import FORMATS, Generated, generate, marker, serialize

__all__ = ["FORMATS", "CatalogError", "Deployment", "Generated", "generate", "marker", "serialize"]
