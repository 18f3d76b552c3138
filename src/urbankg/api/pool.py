"""The server side of the query workers: dispatch, time limits, kills, replicas, reloads.

Every read the app makes (SPARQL, REST, linked data) runs in a worker process holding an
in-memory replica of the store (see :mod:`urbankg.api.worker` and decision 0010). A query past
its time limit is answered with :class:`QueryTimeoutError` at once and its worker is killed and
replaced by a fresh fork; other queries are never held up. After a write the pool is reloaded:
a new zygote loads a new snapshot while the old generation keeps serving, then they swap.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
import os
import pickle
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from urbankg.api.worker import Job, Outcome

log = logging.getLogger("urbankg.api.pool")
_HEADER_SIZE = 8


class PoolError(Exception):
    """A query could not be answered for a reason that is not the query's fault."""


class QueryTimeoutError(PoolError):
    """The query ran past its time limit and was stopped."""


class BusyError(PoolError):
    """No worker became free in time."""


@dataclass
class _Worker:
    pid: int
    gen: int
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    dead: bool = False

    async def ask(self, job: Job) -> Outcome:
        payload = pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)
        self.writer.write(len(payload).to_bytes(_HEADER_SIZE, "big") + payload)
        await self.writer.drain()
        size = int.from_bytes(await self.reader.readexactly(_HEADER_SIZE), "big")
        outcome: Outcome = pickle.loads(await self.reader.readexactly(size))
        return outcome

    def kill(self) -> None:
        if not self.dead:
            self.dead = True
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(self.pid, signal.SIGKILL)
            self.writer.close()


class _IdleWorkers:
    """Free workers (the most recently used first: its caches are warm) and waiting requests.

    A request waits on a plain future that :meth:`put` completes with a worker, so a busy pool
    costs no task per request (``asyncio.wait_for`` on a queue's ``get`` would make one).
    """

    def __init__(self) -> None:
        self._free: list[_Worker] = []
        self._waiting: collections.deque[asyncio.Future[_Worker]] = collections.deque()

    def put(self, worker: _Worker) -> None:
        """Hand ``worker`` to the longest-waiting request, or keep it."""
        while self._waiting:
            future = self._waiting.popleft()
            if not future.done():
                future.set_result(worker)
                return
        self._free.append(worker)

    def drain(self) -> list[_Worker]:
        """Remove and return every free worker."""
        free, self._free = self._free, []
        return free

    async def get(self, deadline: float) -> _Worker:
        """Return a free worker, waiting for one until the loop time ``deadline``.

        Raises:
            TimeoutError: none became free in time.
        """
        if self._free:
            return self._free.pop()
        future: asyncio.Future[_Worker] = asyncio.get_running_loop().create_future()
        self._waiting.append(future)
        try:
            async with asyncio.timeout_at(deadline):
                return await future
        except BaseException:
            if future.done() and not future.cancelled():
                self.put(future.result())  # handed over just as we gave up: pass it on
            raise
        finally:
            with contextlib.suppress(ValueError):
                self._waiting.remove(future)


@dataclass
class _Generation:
    number: int
    snapshot: Path
    process: subprocess.Popen[bytes]
    control: asyncio.StreamWriter | None = None

    def fork(self) -> None:
        if self.control is not None and not self.control.is_closing():
            payload = pickle.dumps("fork")
            self.control.write(len(payload).to_bytes(_HEADER_SIZE, "big") + payload)


class QueryPool:
    """A pool of query worker processes over an in-memory replica of the store."""

    def __init__(self, *, workers: int, snapshot: Callable[[Path], None]) -> None:
        """Prepare the pool (nothing runs until :meth:`start`).

        Args:
            workers: how many worker processes answer queries at once.
            snapshot: writes the store's quads as N-Quads to the given path.
        """
        self.size = workers
        self._snapshot = snapshot
        self._dir = Path(tempfile.mkdtemp(prefix="urbankg-pool-"))
        self._dir.chmod(0o700)
        self._socket = str(self._dir / "pool.sock")
        self._token = secrets.token_hex(16)
        self._server: asyncio.AbstractServer | None = None
        self._gen: _Generation | None = None
        self._pending: _Generation | None = None
        self._staged: list[_Worker] = []
        self._retiring: set[asyncio.Task[None]] = set()
        self._old: list[_Generation] = []
        self._idle = _IdleWorkers()
        self._all: dict[int, _Worker] = {}
        self._ready: dict[int, asyncio.Event] = {}
        self._counter = 0
        self._reload_lock = asyncio.Lock()

    @property
    def generation(self) -> int:
        """The number of the generation now serving."""
        return self._gen.number if self._gen else 0

    @property
    def live_workers(self) -> int:
        """Workers of the current generation that are alive."""
        return sum(1 for w in self._all.values() if not w.dead and w.gen == self.generation)

    async def start(self) -> None:
        """Start the socket, the zygote and the workers; return when they are ready."""
        self._server = await asyncio.start_unix_server(self._accept, path=self._socket)
        self._gen = await self._spawn_generation()
        for w in self._staged:
            self._idle.put(w)
        self._staged.clear()

    async def reload(self) -> None:
        """Serve a fresh snapshot of the store (after a write); old workers finish first."""
        async with self._reload_lock:
            new = await self._spawn_generation()
            old, self._gen = self._gen, new
            keep = [w for w in self._staged if w.gen == new.number]
            self._staged.clear()
            for w in self._idle.drain():
                if w.gen == new.number:
                    keep.append(w)
                else:
                    self._close(w)
            for w in keep:
                self._idle.put(w)
            if old is not None:
                # Its workers die with the old zygote: let their running queries finish first.
                task = asyncio.create_task(self._retire_when_idle(old))
                self._retiring.add(task)
                task.add_done_callback(self._retiring.discard)

    async def _retire_when_idle(self, gen: _Generation, patience: float = 120.0) -> None:
        loop = asyncio.get_running_loop()
        until = loop.time() + patience
        while loop.time() < until and any(w.gen == gen.number for w in self._all.values()):
            await asyncio.sleep(0.05)
        await self._retire(gen)

    async def _spawn_generation(self) -> _Generation:
        self._counter += 1
        number = self._counter
        snap = self._dir / f"snapshot-{number}.nq"
        await asyncio.to_thread(self._snapshot, snap)
        ready = asyncio.Event()
        self._ready[number] = ready
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "urbankg.api.zygote",
                "--socket",
                self._socket,
                "--snapshot",
                str(snap),
                "--generation",
                str(number),
            ],
            stdin=subprocess.PIPE,
        )
        assert proc.stdin is not None
        proc.stdin.write(self._token.encode() + b"\n")
        proc.stdin.close()
        gen = _Generation(number, snap, proc)
        self._pending = gen
        try:
            await asyncio.wait_for(ready.wait(), timeout=600)
        except TimeoutError as exc:
            proc.kill()
            raise PoolError("the query workers did not start") from exc
        for _ in range(self.size):
            gen.fork()
        while sum(1 for w in self._all.values() if w.gen == number) < self.size:
            if proc.poll() is not None:
                raise PoolError(f"the query zygote exited with code {proc.returncode}")
            await asyncio.sleep(0.005)
        return gen

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            size = int.from_bytes(await reader.readexactly(_HEADER_SIZE), "big")
            hello: dict[str, Any] = pickle.loads(await reader.readexactly(size))
        except (asyncio.IncompleteReadError, pickle.UnpicklingError, ValueError):
            writer.close()
            return
        if not secrets.compare_digest(str(hello.get("token")), self._token):
            writer.close()
            return
        gen_no = int(hello["gen"])
        if hello["kind"] == "zygote":
            if self._pending is not None and self._pending.number == gen_no:
                self._pending.control = writer
                self._ready[gen_no].set()
            return
        worker = _Worker(int(hello["pid"]), gen_no, reader, writer)
        self._all[worker.pid] = worker
        if gen_no == self.generation:
            self._idle.put(worker)
        else:  # a generation being prepared: it serves once it is swapped in
            self._staged.append(worker)

    async def run(self, job: Job, timeout: float) -> Outcome:
        """Run ``job`` in a worker, stopping it after ``timeout`` seconds.

        Raises:
            QueryTimeoutError: the query ran too long (its worker was killed and replaced).
            BusyError: no worker became free within ``timeout``.
            PoolError: the worker died (it is replaced).
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        job = _with_hard_limit(job, timeout)
        while True:
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise BusyError("no query worker became free in time")
            try:
                worker = await self._idle.get(deadline)
            except TimeoutError:
                raise BusyError("every query worker is busy; try again later") from None
            if worker.dead:
                continue
            if worker.gen != self.generation:
                self._close(worker)
                continue
            break
        try:
            async with asyncio.timeout_at(deadline):
                outcome = await worker.ask(job)
        except TimeoutError:
            self._replace(worker)
            raise QueryTimeoutError(
                f"the query ran longer than {timeout:g} s and was stopped"
            ) from None
        except asyncio.CancelledError:
            self._replace(worker)
            raise
        except (asyncio.IncompleteReadError, ConnectionError, OSError) as exc:
            self._replace(worker)
            raise PoolError(f"the query worker stopped unexpectedly ({exc})") from None
        self._release(worker)
        return outcome

    def _release(self, worker: _Worker) -> None:
        if worker.gen == self.generation and not worker.dead:
            self._idle.put(worker)
        else:
            self._close(worker)

    def _replace(self, worker: _Worker) -> None:
        self._close(worker)
        if worker.gen == self.generation and self._gen is not None:
            self._gen.fork()

    def _close(self, worker: _Worker) -> None:
        worker.kill()
        self._all.pop(worker.pid, None)

    async def _retire(self, gen: _Generation) -> None:
        if gen.control is not None:
            gen.control.close()
        for _ in range(500):
            if gen.process.poll() is not None:
                break
            await asyncio.sleep(0.01)
        else:
            gen.process.kill()
            await asyncio.to_thread(gen.process.wait)
        gen.snapshot.unlink(missing_ok=True)

    async def close(self) -> None:
        """Stop every process and remove the socket and snapshots."""
        for w in list(self._all.values()):
            self._close(w)
        for task in list(self._retiring):
            await task
        if self._gen is not None:
            await self._retire(self._gen)
            self._gen = None
        if self._server is not None:
            self._server.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 2)
        shutil.rmtree(self._dir, ignore_errors=True)


def _with_hard_limit(job: Job, timeout: float) -> Job:
    job.hard_limit = timeout * 2 + 5
    return job


def default_workers(setting: int) -> int:
    """Return the number of query workers for a ``query_workers`` setting (0 = automatic)."""
    return setting if setting > 0 else max(2, os.cpu_count() or 2)
