"""Fixtures of the catalogue tests (the helpers live in ``catalogtest_support``)."""

from catalogtest_support import kk_server, kk_store, shapes

__all__ = ["kk_server", "kk_store", "shapes"]
