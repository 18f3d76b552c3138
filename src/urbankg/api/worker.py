"""Query worker processes: a zygote holding an in-memory replica, and the workers it forks.

The zygote (``python -m urbankg.api.worker``) loads a snapshot of the store (N-Quads) into an
in-memory Oxigraph store, connects to the server's Unix socket and waits for ``fork`` commands.
Each forked worker shares the replica copy-on-write, connects to the same socket and answers
one :class:`Job` at a time with an :class:`Outcome`. The server kills a worker whose query runs
past its time limit and asks the zygote for a new one (a fork takes milliseconds), so a runaway
query costs one process, never the server. Frames are a 8-byte length and a pickle.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import io
import json
import os
import pickle
import signal
import socket
import struct
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import pyoxigraph as ox

from urbankg.namespaces import PREFIXES

_HEADER = struct.Struct("!Q")

RESULTS_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
}

Form = Literal["select", "ask", "graph"]


@dataclass
class Job:
    """One query for a worker.

    ``mode`` is ``serialize`` (answer with the result serialised in ``results_format`` or
    ``graph_format``, media types) or ``python`` (answer with rows, a boolean or triples).
    """

    text: str
    mode: Literal["serialize", "python"] = "serialize"
    bindings: dict[str, Any] | None = None
    base_iri: str | None = None
    default_graph: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    union: bool = True
    results_format: str | None = "application/sparql-results+json"
    graph_format: str | None = "text/turtle"
    max_rows: int = 100_000
    max_bytes: int = 256 * 2**20
    hard_limit: float = 0.0


@dataclass
class Outcome:
    """A worker's answer. ``kind`` is ``ok`` or the kind of failure."""

    kind: Literal["ok", "syntax", "too_large", "not_acceptable", "error"]
    form: Form | None = None
    media_type: str | None = None
    body: bytes = b""
    rows: list[dict[str, Any]] = field(default_factory=list)
    variables: list[str] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)
    message: str = ""


class _TooLargeError(Exception):
    """The result went over a limit."""


class _CappedBuffer(io.BytesIO):
    """A binary buffer that refuses to grow past ``cap`` bytes."""

    def __init__(self, cap: int) -> None:
        super().__init__()
        self.cap = cap

    def write(self, data: Any) -> int:
        """Append ``data``, or raise when the cap would be passed."""
        if self.tell() + len(data) > self.cap:
            raise _TooLargeError(f"the result is larger than {self.cap} bytes")
        return super().write(data)


def count_rows(body: bytes, media_type: str) -> int:
    """Count the solutions in a serialised SELECT result (exactly).

    Cheap counts are exact for XML (``<result>`` cannot occur escaped) and TSV (newlines in
    values are escaped); for CSV and JSON a cheap upper bound is refined by parsing only when
    the bound is large.
    """
    if media_type == "application/sparql-results+xml":
        return body.count(b"<result>")
    if media_type == "text/tab-separated-values":
        return max(0, body.count(b"\n") - 1)
    if media_type == "text/csv":
        return max(0, body.count(b"\r\n") - 1)
    return max(0, body.count(b"{") - 2)


def _exact_rows(body: bytes, media_type: str) -> int:
    if media_type == "text/csv":
        import csv

        return max(0, sum(1 for _ in csv.reader(io.StringIO(body.decode("utf-8")))) - 1)
    if media_type == "application/sparql-results+json":
        return len(json.loads(body)["results"]["bindings"])
    return count_rows(body, media_type)


def _limited(triples: Iterable[ox.Triple], limit: int) -> Iterator[ox.Triple]:
    for i, t in enumerate(triples):
        if i >= limit:
            raise _TooLargeError(f"the result has more than {limit} triples")
        yield t


def _query(store: ox.Store, job: Job) -> Any:
    """Run the job's query; the default prefixes are passed only when the query needs them.

    Converting the prefix table costs every query about a sixth of a light query's time, and
    most queries declare their prefixes, so the query is parsed without them first.
    """
    try:
        return _evaluate(store, job, None)
    except SyntaxError as exc:
        if "Prefix not found" not in str(exc):
            raise
    return _evaluate(store, job, PREFIXES)


def _evaluate(store: ox.Store, job: Job, prefixes: dict[str, str] | None) -> Any:
    kwargs: dict[str, Any] = {"base_iri": job.base_iri, "prefixes": prefixes}
    if job.default_graph is not None or job.named_graphs is not None:
        if job.default_graph is not None:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in job.default_graph]
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs or ()]
    elif job.union:
        kwargs["use_default_graph_as_union"] = True
    if job.bindings:
        kwargs["substitutions"] = {ox.Variable(k): v for k, v in job.bindings.items()}
    return store.query(job.text, **kwargs)


def execute(store: ox.Store, job: Job) -> Outcome:
    """Run one job on ``store`` and describe the result (never raises for a bad query)."""
    try:
        result = _query(store, job)
        if job.mode == "python":
            return _as_python(result, job)
        return _serialised(result, job)
    except SyntaxError as exc:
        return Outcome("syntax", message=str(exc))
    except _TooLargeError as exc:
        return Outcome("too_large", message=str(exc))
    except (OSError, RuntimeError, ValueError, TypeError) as exc:
        cause = exc.__context__
        if isinstance(cause, _TooLargeError):
            return Outcome("too_large", message=str(cause))
        return Outcome("error", message=f"{type(exc).__name__}: {exc}")


def _as_python(result: Any, job: Job) -> Outcome:
    if isinstance(result, ox.QueryBoolean):
        return Outcome("ok", form="ask", boolean=bool(result))
    if isinstance(result, ox.QueryTriples):
        return Outcome("ok", form="graph", triples=list(_limited(result, job.max_rows)))
    names = [v.value for v in result.variables]
    rows: list[dict[str, Any]] = []
    for solution in result:
        if len(rows) >= job.max_rows:
            raise _TooLargeError(f"the result has more than {job.max_rows} rows")
        rows.append({n: solution[n] for n in names if solution[n] is not None})
    return Outcome("ok", form="select", rows=rows, variables=names)


def _serialised(result: Any, job: Job) -> Outcome:
    buf = _CappedBuffer(job.max_bytes)
    if isinstance(result, ox.QueryTriples):
        media = job.graph_format
        if media is None:
            return Outcome("not_acceptable", form="graph")
        ox.serialize(_limited(result, job.max_rows), buf, GRAPH_FORMATS[media], prefixes=PREFIXES)
        return Outcome("ok", form="graph", media_type=media, body=buf.getvalue())
    form: Form = "ask" if isinstance(result, ox.QueryBoolean) else "select"
    media = job.results_format
    if media is None:
        return Outcome("not_acceptable", form=form)
    result.serialize(buf, RESULTS_FORMATS[media])
    body = buf.getvalue()
    if (
        form == "select"
        and count_rows(body, media) > job.max_rows
        and _exact_rows(body, media) > job.max_rows
    ):
        return Outcome("too_large", form=form, message=f"more than {job.max_rows} rows")
    return Outcome("ok", form=form, media_type=media, body=body)


# ---- framing -------------------------------------------------------------------------------------
def send_frame(sock: socket.socket, payload: bytes) -> None:
    """Send one length-prefixed frame (one write when small, so the reader wakes once)."""
    if len(payload) < 1 << 20:
        sock.sendall(_HEADER.pack(len(payload)) + payload)
    else:
        sock.sendall(_HEADER.pack(len(payload)))
        sock.sendall(payload)


class FrameReader:
    """Reads length-prefixed frames from a socket, a large ``recv`` at a time."""

    def __init__(self, sock: socket.socket) -> None:
        """Read from ``sock``."""
        self.sock = sock
        self.buffer = bytearray()

    def next(self) -> bytes | None:
        """Return the next frame; ``None`` when the peer closed the connection."""
        while True:
            if len(self.buffer) >= _HEADER.size:
                (size,) = _HEADER.unpack_from(self.buffer)
                end = _HEADER.size + size
                if len(self.buffer) >= end:
                    frame = bytes(self.buffer[_HEADER.size : end])
                    del self.buffer[:end]
                    return frame
            chunk = self.sock.recv(1 << 16)
            if not chunk:
                return None
            self.buffer += chunk


def _connect(path: str, hello: dict[str, Any]) -> socket.socket:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.connect(path)
    send_frame(sock, pickle.dumps(hello))
    return sock


# ---- processes -----------------------------------------------------------------------------------
def _die_with_parent() -> None:
    """Ask Linux to kill this process when its parent (the zygote) exits."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def worker_loop(store: ox.Store, path: str, token: str, generation: int) -> None:
    """Answer jobs from the server until it closes the connection."""
    sock = _connect(path, {"kind": "worker", "token": token, "gen": generation, "pid": os.getpid()})
    frames = FrameReader(sock)
    while True:
        frame = frames.next()
        if frame is None:
            return
        job: Job = pickle.loads(frame)
        if job.hard_limit > 0:
            # Backstop: if the server is gone and nobody kills us, SIGALRM's default action does.
            signal.setitimer(signal.ITIMER_REAL, job.hard_limit)
        outcome = execute(store, job)
        signal.setitimer(signal.ITIMER_REAL, 0)
        send_frame(sock, pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL))


def zygote_main(path: str, token: str, snapshot: str, generation: int) -> int:
    """Load the snapshot, then fork a worker for every ``fork`` command from the server."""
    store = ox.Store()
    if Path(snapshot).stat().st_size:
        store.load(path=snapshot, format=ox.RdfFormat.N_QUADS)
    control = _connect(path, {"kind": "zygote", "token": token, "gen": generation})
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped automatically
    commands = FrameReader(control)
    while True:
        frame = commands.next()
        if frame is None:
            return 0
        if pickle.loads(frame) != "fork":
            continue
        if os.fork() == 0:  # the new worker
            control.close()
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            _die_with_parent()
            code = 0
            try:
                worker_loop(store, path, token, generation)
            except BaseException:
                code = 1
            os._exit(code)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the zygote process (run by ``python -m urbankg.api.zygote``)."""
    parser = argparse.ArgumentParser(prog="urbankg-query-zygote")
    parser.add_argument("--socket", required=True)
    parser.add_argument("--snapshot", required=True)
    parser.add_argument("--generation", type=int, required=True)
    args = parser.parse_args(argv)
    token = sys.stdin.readline().strip()  # never on the command line (visible in ps)
    return zygote_main(args.socket, token, args.snapshot, args.generation)
