"""The network and metrics commands, registered on a parser like cli.py does."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import networkx as nx
import pytest

from urbankg.graph.errors import InputError
from urbankg.graph.load import load_sources
from urbankg.graph.store import open_store
from urbankg.network import commands
from urbankg.settings import Settings

MINI = Path(__file__).parent / "data" / "mini"


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--store")
    common.add_argument("--base")
    parser = argparse.ArgumentParser(prog="urbankg")
    sub = parser.add_subparsers(dest="command", required=True)
    commands.register(sub, common)
    return parser


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    store = open_store(tmp_path / "store")
    load_sources(store, [MINI])
    store.close()
    return Settings(store=tmp_path / "store")


def _run(settings: Settings, *argv: str) -> int:
    args = _parser().parse_args(list(argv))
    return int(args.handler(args, settings))


def test_network_json_to_stdout(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(settings, "network", "--theme", "low-carbon") == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["meta"]["filters"] == {"theme": "low-carbon"}
    assert len(doc["nodes"]) == 3


def test_network_gexf_to_file(settings: Settings, tmp_path: Path) -> None:
    out = tmp_path / "net.gexf"
    assert _run(settings, "network", "--format", "gexf", "--output", str(out)) == 0
    assert nx.read_gexf(out).number_of_nodes() == 6


def test_network_csv_nodes(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        _run(settings, "network", "--format", "csv", "--table", "nodes", "--weighting", "count")
        == 0
    )
    assert capsys.readouterr().out.startswith("iri,label,")


def test_metrics_text_summary(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(settings, "metrics") == 0
    text = capsys.readouterr().out
    assert "observed 0.200" in text
    assert "complete-graph baseline 0.733" in text
    assert "Assortativity by helix" in text
    assert "gatekeeper (total 2): Yliopisto 3 (2)" in text
    assert "Ties per year" in text


def test_metrics_json_and_save(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(settings, "metrics", "--format", "json", "--save", "--permutations", "9") == 0
    s = json.loads(capsys.readouterr().out)
    assert s["ei"]["permutation"]["permutations"] == 9
    store = open_store(settings.store)
    try:
        assert store.graph_iri("metrics") in store.graph_iris()
    finally:
        store.close()


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["network", "--theme", "nope"], "nope"),
        (["metrics", "--sdg", "42"], "42"),
        (["metrics", "--programme", "nope-prog"], "nope-prog"),
        (["network", "--sector", "guild"], "guild"),
        (["network", "--role", "king"], "king"),
    ],
)
def test_bad_filter_values_raise_input_error(
    settings: Settings, argv: list[str], named: str
) -> None:
    with pytest.raises(InputError, match=named):
        _run(settings, *argv)


def test_empty_result_is_not_an_error(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(settings, "metrics", "--theme", "open-data") == 0
    assert "no participations match the filters" in capsys.readouterr().out
