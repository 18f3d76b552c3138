"""Errors of the catalogue."""

from __future__ import annotations

from urbankg.graph.errors import UrbankgError


class CatalogError(UrbankgError):
    """The catalogue cannot be made: a setting is missing or malformed, or the result is invalid.

    The message names the setting (or the missing property) to fix.
    """
