"""Checks on a user's SPARQL text before it runs: SERVICE endpoints, LOAD, USING clauses.

Oxigraph reaches out over HTTP for ``SERVICE`` and ``LOAD``, so the public endpoint lets a query
name only endpoints on the operator's allowlist and refuses ``LOAD`` (use ``urbankg load``). A
small lexer (comments, strings, IRIs, words, braces) finds the keywords; when a keyword-like word
occurs only where the lexer sees none, rdflib's parser confirms it before the text may run.

The lexer also places ``USING`` clauses in an update for the protocol's ``using-graph-uri`` /
``using-named-graph-uri`` parameters (and to give updates the union default graph that queries
see). Only IRIs that are valid ``pyoxigraph.NamedNode`` values are written, in ``<…>`` form.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urljoin

import pyoxigraph as ox

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][^\s{}()<>,;."'=!&|+*/\[\]^]+)
  | (?P<word>[^\s{}()<>,;"'=!&|+*/\[\]^?$\#][^\s{}()<>,;"'=!&|+*/\[\]^]*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


class RefusedError(ValueError):
    """The text asks for something this endpoint does not do."""


@dataclass(frozen=True)
class Token:
    """One lexical token: its kind, text and start offset."""

    kind: str
    text: str
    start: int


def decode_escapes(text: str) -> str:
    r"""Replace SPARQL codepoint escapes (``\\uXXXX``, ``\\UXXXXXXXX``) by their characters."""

    def repl(m: re.Match[str]) -> str:
        try:
            return chr(int(m.group(1) or m.group(2), 16))
        except ValueError:
            return m.group(0)

    return _ESCAPE.sub(repl, text) if "\\" in text else text


def tokens(text: str) -> Iterator[Token]:
    """Yield the significant tokens of ``text`` (no whitespace or comments)."""
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "other"
        if kind not in ("ws", "comment"):
            yield Token(kind, m.group(), m.start())


def _keyword(tok: Token, *words: str) -> bool:
    return tok.kind == "word" and tok.text.upper() in words


def _prefixes(toks: Sequence[Token], defaults: Mapping[str, str]) -> tuple[dict[str, str], str]:
    found = dict(defaults)
    base = ""
    for i, t in enumerate(toks):
        if _keyword(t, "PREFIX") and i + 2 < len(toks) and toks[i + 2].kind == "iri":
            found[toks[i + 1].text.rstrip(":")] = toks[i + 2].text[1:-1]
        elif _keyword(t, "BASE") and i + 1 < len(toks) and toks[i + 1].kind == "iri":
            base = toks[i + 1].text[1:-1]
    return found, base


def service_endpoints(text: str, defaults: Mapping[str, str], base: str) -> list[str | None]:
    """Return the endpoint IRI of every SERVICE clause (``None``: a variable endpoint)."""
    toks = list(tokens(decode_escapes(text)))
    prefixes, declared_base = _prefixes(toks, defaults)
    base = urljoin(base, declared_base) if declared_base else base
    out: list[str | None] = []
    for i, t in enumerate(toks):
        if not _keyword(t, "SERVICE"):
            continue
        j = i + 1
        if j < len(toks) and _keyword(toks[j], "SILENT"):
            j += 1
        target = toks[j] if j < len(toks) else None
        if target is None or target.kind == "var":
            out.append(None)
        elif target.kind == "iri":
            out.append(urljoin(base, target.text[1:-1]))
        else:
            prefix, _, local = target.text.partition(":")
            out.append(prefixes[prefix] + local if prefix in prefixes else None)
    return out


_WORDS = {w: re.compile(rf"\b{w}\b", re.IGNORECASE) for w in ("SERVICE", "LOAD", "FROM")}


def _mentions(text: str, word: str) -> bool:
    if "\\" not in text and word.lower() not in text.lower():
        return False  # the usual case, without a regular expression
    return _WORDS[word].search(decode_escapes(text)) is not None


def _rdflib_has(text: str, name: str, *, update: bool) -> bool:
    """Ask rdflib's parser whether the parse tree holds a node called ``name``."""
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        tree = parseUpdate(text) if update else parseQuery(text)
    except Exception:
        return True
    return name in repr(tree)


def check_service(
    text: str, allowlist: Sequence[str], defaults: Mapping[str, str], base: str, *, update: bool
) -> None:
    """Refuse a SERVICE clause whose endpoint is not on ``allowlist``.

    Raises:
        RefusedError: naming the endpoint and the setting that would allow it.
    """
    if not _mentions(text, "SERVICE"):
        return
    endpoints = service_endpoints(text, defaults, base)
    if not endpoints and _rdflib_has(text, "ServiceGraphPattern_{", update=update):
        raise RefusedError("the query seems to use SERVICE in a form that could not be checked")
    allowed = set(allowlist)
    for e in endpoints:
        if e is None:
            raise RefusedError("SERVICE with a variable endpoint is not allowed")
        if e not in allowed:
            raise RefusedError(
                f"SERVICE <{e}> is not allowed: this server only calls endpoints on its "
                "allowlist (setting service_allowlist)"
            )


def check_load(text: str) -> None:
    """Refuse SPARQL Update ``LOAD`` (the server reads no files or URLs on a user's behalf).

    Raises:
        RefusedError: if the update contains LOAD.
    """
    if not _mentions(text, "LOAD"):
        return
    found = any(_keyword(t, "LOAD") for t in tokens(decode_escapes(text)))
    if found or _rdflib_has(text, "Load_{", update=True):
        raise RefusedError("LOAD is not allowed over HTTP; load sources with `urbankg load`")


def has_from_clause(text: str) -> bool:
    """Return True when a query names its dataset itself (``FROM`` / ``FROM NAMED``)."""
    if not _mentions(text, "FROM"):
        return False
    depth = 0
    for t in tokens(decode_escapes(text)):
        if t.text == "{":
            depth += 1
        elif t.text == "}":
            depth -= 1
        elif depth == 0 and _keyword(t, "FROM"):
            return True
    return False


def has_dataset_clause(text: str) -> bool:
    """Return True when an update names its dataset itself (``USING`` or ``WITH``)."""
    depth = 0
    for t in tokens(decode_escapes(text)):
        if t.text == "{":
            depth += 1
        elif t.text == "}":
            depth -= 1
        elif depth == 0 and _keyword(t, "USING", "WITH"):
            return True
    return False


def inject_using(text: str, default: Sequence[str], named: Sequence[str]) -> str:
    """Add ``USING <g>`` / ``USING NAMED <g>`` to every DELETE/INSERT … WHERE operation.

    Operations that have their own ``USING`` or ``WITH`` are left as they are.

    Args:
        text: the update.
        default: graphs making up the default graph of each WHERE.
        named: graphs available to ``GRAPH`` in each WHERE.

    Returns:
        The update with the clauses inserted before each operation's ``WHERE``.
    """
    clause = " ".join(
        [f"USING {ox.NamedNode(g)}" for g in default]
        + [f"USING NAMED {ox.NamedNode(g)}" for g in named]
    )
    if not clause:
        return text
    out: list[str] = []
    last = 0
    depth = 0
    prev: Token | None = None
    own_dataset = False
    for t in tokens(text):
        if t.text == "{":
            depth += 1
        elif t.text == "}":
            depth -= 1
        elif depth == 0:
            if t.text == ";":
                own_dataset = False
            elif _keyword(t, "USING", "WITH"):
                own_dataset = True
            elif (
                _keyword(t, "WHERE")
                and not own_dataset
                and prev is not None
                and not _keyword(prev, "DELETE")
            ):
                out.append(text[last : t.start])
                out.append(clause + " ")
                last = t.start
        prev = t
    out.append(text[last:])
    return "".join(out)
