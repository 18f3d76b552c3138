"""Fixtures of the API tests (the helpers live in ``apitest_support``)."""

from apitest_support import client, real_store, server, update_server

__all__ = ["client", "real_store", "server", "update_server"]
