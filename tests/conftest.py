"""Fixtures shared by every test: isolated settings, stores, the fixture files, the CLI."""

from __future__ import annotations

import os
import shutil
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import Dataset

from urbankg.graph.store import OxigraphStore, open_store

FIXTURES = Path(__file__).resolve().parent / "data" / "fixtures"


@pytest.fixture(autouse=True)
def _isolated_settings(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """No test reads the user's URBANKG_* variables or config, or writes to their home."""
    for name in list(os.environ):
        if name.startswith("URBANKG_"):
            monkeypatch.delenv(name)
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "share"))
    monkeypatch.setenv("URBANKG_CONFIG", str(home / "no-such-urbankg.toml"))


@pytest.fixture
def fixtures() -> Path:
    """The folder of fixture files (see tests/data/fixtures/README.md)."""
    return FIXTURES


@pytest.fixture
def csv_source(tmp_path: Path) -> Path:
    """A writable copy of the good CSV source; its graph name is ``testiohjelma``."""
    return Path(shutil.copytree(FIXTURES / "csv-good", tmp_path / "testiohjelma"))


@pytest.fixture
def store() -> Iterator[OxigraphStore]:
    """An empty in-memory store."""
    s = open_store(None)
    yield s
    s.close()


@pytest.fixture
def disk_store(tmp_path: Path) -> Iterator[OxigraphStore]:
    """An empty store on disk, in ``tmp_path / "store"``."""
    s = open_store(tmp_path / "store")
    yield s
    s.close()


@pytest.fixture(scope="session")
def _store_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed on-disk store holding only the ontology (creating one takes ~0.5 s)."""
    from urbankg.graph.load import ensure_ontology

    path = tmp_path_factory.mktemp("template") / "store"
    s = open_store(path)
    ensure_ontology(s)
    s.close()
    return path


@pytest.fixture
def store_path(tmp_path: Path, _store_template: Path) -> Path:
    """The directory of an on-disk store that holds the ontology and nothing else yet."""
    return Path(shutil.copytree(_store_template, tmp_path / "store"))


@dataclass
class CliResult:
    """What a command printed and returned."""

    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run ``urbankg`` in-process with string arguments; return exit code, stdout, stderr."""

    from urbankg.cli import main  # here: a broken CLI module must not stop other tests

    def run(*args: str | Path) -> CliResult:
        capsys.readouterr()
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse: --help, --version, usage errors
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


#: urbankg's format names → rdflib's parser names.
RDFLIB_FORMATS = {
    "turtle": "turtle",
    "ntriples": "nt",
    "nquads": "nquads",
    "trig": "trig",
    "jsonld": "json-ld",
    "rdfxml": "xml",
}


@pytest.fixture
def parse_rdf() -> Callable[[bytes, str], Dataset]:
    """Parse RDF bytes with rdflib (an independent parser) into a Dataset.

    ``fmt`` is one of urbankg's format names (``turtle``, ``ntriples``, ``nquads``, ``trig``,
    ``jsonld``, ``rdfxml``). Triples of triple formats land in the default graph.
    """

    def parse(data: bytes, fmt: str) -> Dataset:
        ds = Dataset()
        with warnings.catch_warnings():
            # rdflib 7.6's own parsers use its deprecated Dataset.default_context and
            # ConjunctiveGraph; these two warnings are rdflib's business, not ours.
            warnings.filterwarnings(
                "ignore",
                r"(Dataset\.default_context|ConjunctiveGraph) is deprecated",
                DeprecationWarning,
            )
            ds.parse(data=data, format=RDFLIB_FORMATS[fmt])
        return ds

    return parse
