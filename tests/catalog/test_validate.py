"""DCAT-AP 3.0.1 validity, the ``catalog`` command, and refusals of bad settings."""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from pydantic import ValidationError
from rdflib import Graph
from rdflib.compare import isomorphic

from urbankg.catalog import Deployment, generate
from urbankg.catalog.commands import register
from urbankg.catalog.errors import CatalogError
from urbankg.catalog.validate import ACCEPTED, validate_catalog
from urbankg.graph.load import init_store
from urbankg.graph.store import OxigraphStore, open_store
from urbankg.settings import Settings, load_settings

PUBLIC = "https://data.example.fi"


@pytest.fixture(scope="module")
def report(kk_store: OxigraphStore, shapes: Path):  # type: ignore[no-untyped-def]
    made = generate(kk_store, Deployment.from_settings(Settings(public_url=PUBLIC)))
    return validate_catalog(made.catalog, shapes)


def test_no_violations_against_the_official_shapes(report) -> None:  # type: ignore[no-untyped-def]
    assert report.conforms, report.summary()
    assert report.of("violation") == []


def test_warnings_are_only_the_accepted_ones(report) -> None:  # type: ignore[no-untyped-def]
    assert report.of("warning") == [], report.summary()
    accepted = Counter(f.path for f in report.of("accepted"))
    assert set(accepted) <= set(ACCEPTED)
    # places have no geometry; municipalities are not in the EU tables; the default publisher
    # is not an EU body; three programmes lack years in their sources
    assert accepted["http://purl.org/dc/terms/publisher"] == 13  # catalog, service, 11 datasets
    assert accepted["http://purl.org/dc/terms/temporal"] <= 1


def test_no_finding_is_excused_as_a_shape_defect(report) -> None:  # type: ignore[no-untyped-def]
    # The checksum algorithm is written as the official vocabulary shapes want it (https).
    assert report.of("shape-defect") == [], report.summary()


def test_an_eu_publisher_has_no_publisher_warning(kk_store: OxigraphStore, shapes: Path) -> None:
    settings = Settings(
        public_url=PUBLIC,
        publisher_iri="http://publications.europa.eu/resource/authority/corporate-body/PUBL",
        publisher_type="SupraNationalAuthority",
    )
    made = generate(kk_store, Deployment.from_settings(settings))
    found = validate_catalog(made.catalog, shapes)
    assert found.conforms
    assert not [f for f in found.findings if f.path.endswith("/publisher")]


def test_a_broken_catalogue_is_reported(kk_store: OxigraphStore, shapes: Path) -> None:
    made = generate(kk_store, Deployment.from_settings(Settings(public_url=PUBLIC)))
    broken = [t for t in made.catalog if t.predicate.value != "http://www.w3.org/ns/dcat#accessURL"]
    found = validate_catalog(broken, shapes)
    assert not found.conforms
    assert {f.path for f in found.of("violation")} == {"http://www.w3.org/ns/dcat#accessURL"}


# ---- the command ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def kk_disk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("catalog") / "store"
    store = open_store(path)
    init_store(store, workers=1)
    store.close()
    return path


Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def catalog_cli(capsys: pytest.CaptureFixture[str]) -> Run:
    """Run ``urbankg catalog`` through a parser built as cli.py builds it."""

    def run(*argv: str | Path) -> tuple[int, str, str]:
        common = argparse.ArgumentParser(add_help=False)
        common.add_argument("--store")
        common.add_argument("--base")
        parser = argparse.ArgumentParser(prog="urbankg")
        register(parser.add_subparsers(dest="command", required=True), common)
        args = parser.parse_args(["catalog", *map(str, argv)])
        capsys.readouterr()
        try:
            settings = load_settings(store=args.store, base=args.base)
        except ValueError as exc:  # as cli.main reports a bad setting
            return 2, "", f"error: bad setting: {exc}"
        code = args.handler(args, settings)
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def test_command_writes_the_catalogue(catalog_cli: Run, kk_disk: Path, tmp_path: Path) -> None:
    code, out, _ = catalog_cli("--store", kk_disk, "--public-url", PUBLIC)
    assert code == 0
    graph = Graph().parse(data=out, format="turtle")
    assert (None, None, None) in graph and len(graph) > 1000
    target = tmp_path / "catalog.nt"
    code, _, err = catalog_cli(
        "--store", kk_disk, "--public-url", PUBLIC, "--format", "ntriples", "-o", target
    )
    assert code == 0 and "wrote" in err
    assert isomorphic(Graph().parse(target, format="nt"), graph)
    code, out, _ = catalog_cli("--store", kk_disk, "--public-url", PUBLIC, "--void")
    assert code == 0 and "void:classPartition" in out


def test_command_validates(catalog_cli: Run, kk_disk: Path, shapes: Path) -> None:
    code, out, _ = catalog_cli("--store", kk_disk, "--validate", "--shapes", shapes)
    assert code == 0, out
    assert "0 violation(s), 0 unexpected warning(s)" in out


def test_command_without_shapes_says_where_to_get_them(
    catalog_cli: Run, kk_disk: Path, tmp_path: Path
) -> None:
    code, _, err = catalog_cli("--store", kk_disk, "--validate")
    assert code == 2
    assert "SEMICeu/DCAT-AP" in err and "--shapes" in err and "URBANKG_CATALOG_SHAPES" in err
    code, _, err = catalog_cli("--store", kk_disk, "--validate", "--shapes", tmp_path)
    assert code == 2 and "lacks shapes.ttl" in err


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("public_url", "data.example.fi"),
        ("public_url", "ftp://data.example.fi"),
        ("publisher_iri", "urbankg project"),
        ("publisher_name_fi", ""),
        ("publisher_name_sv", "  "),
        ("publisher_name_en", "two\nlines"),
        ("contact_email", "not-an-address"),
        ("licence", "CC-BY-4.0"),
        ("publisher_type", "Government"),
    ],
)
def test_bad_settings_are_refused_by_name(
    setting: str, value: str, catalog_cli: Run, kk_disk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ValidationError, match=setting):
        Settings(**{setting: value})  # type: ignore[arg-type]
    monkeypatch.setenv(f"URBANKG_{setting.upper()}", value)
    code, _, err = catalog_cli("--store", kk_disk)
    assert code == 2 and setting in err


def test_bad_public_url_option_is_refused(catalog_cli: Run, kk_disk: Path) -> None:
    code, _, err = catalog_cli("--store", kk_disk, "--public-url", "example.org/x")
    assert code == 2 and "public_url" in err


def test_deployment_refuses_what_validation_let_through() -> None:
    # settings copied without validation (model_copy) are checked again
    settings = Settings().model_copy(update={"publisher_name_sv": " ", "public_url": None})
    with pytest.raises(CatalogError, match="publisher_name_sv"):
        Deployment.from_settings(settings, PUBLIC)
    with pytest.raises(CatalogError, match="public_url"):
        Deployment.from_settings(Settings(), "example.org")
    none = Settings().model_copy(update={"contact_email": None, "contact_url": None})
    with pytest.raises(CatalogError, match="contact_email or contact_url"):
        Deployment.from_settings(none, PUBLIC)
