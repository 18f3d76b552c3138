"""Pausing Python's cyclic garbage collector while the network code builds many objects.

Extraction, projection and the measures create hundreds of thousands of small tuples, dicts and
lists, none of them in reference cycles; each allocation burst makes the collector traverse the
whole heap again (up to half the time of a projection at 1.3M triples). Reference counting
still frees everything; cycles made meanwhile are collected once the pause ends.

The collector is one switch for the whole process, and the server computes networks in worker
threads, so pauses nest: the first block to enter switches the collector off, the last to leave
switches it back on (only if it was on before the first).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_restore = False


@contextmanager
def paused_gc() -> Iterator[None]:
    """Disable the cyclic garbage collector inside the block (restored after, also on error).

    Blocks may overlap (nested, or in several threads): the collector stays off until the
    last of them ends.
    """
    global _depth, _restore
    with _lock:
        if _depth == 0:
            _restore = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _restore:
                gc.enable()
