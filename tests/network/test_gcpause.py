"""The garbage-collector pause of the network code: overlapping blocks, errors."""

from __future__ import annotations

import gc
import threading

import pytest

from urbankg.network.gcpause import paused_gc


def test_overlapping_pauses_in_two_threads_keep_the_collector_off_until_both_end() -> None:
    assert gc.isenabled()
    a_inside, b_inside, a_may_leave, b_left = (threading.Event() for _ in range(4))
    seen: dict[str, bool] = {}

    def a() -> None:
        with paused_gc():
            a_inside.set()
            a_may_leave.wait(10)
        seen["after a left, b inside"] = gc.isenabled()

    def b() -> None:
        a_inside.wait(10)
        with paused_gc():
            b_inside.set()
            a_may_leave.set()
            first.join(10)  # a has left while b is still inside
            seen["b inside"] = gc.isenabled()
        b_left.set()

    first = threading.Thread(target=a)
    second = threading.Thread(target=b)
    first.start()
    second.start()
    second.join(10)
    assert b_left.is_set()
    assert seen == {"after a left, b inside": False, "b inside": False}
    assert gc.isenabled()


def test_an_error_inside_restores_the_collector() -> None:
    with pytest.raises(RuntimeError), paused_gc():
        assert not gc.isenabled()
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_a_collector_switched_off_before_stays_off() -> None:
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
