"""The wheel carries every file urbankg reads, and the installed entry points work.

The wheel is built once per session from a copy of the repository (so the build's ``build/``
and ``*.egg-info`` never land in the working tree), with one extra probe: a query in a
subfolder of ``queries/``, which must be shipped too.
"""

from __future__ import annotations

import importlib.metadata
import shutil
import subprocess
import sys
import zipfile
from importlib.resources import files
from pathlib import Path

import pyoxigraph as ox
import pytest

from urbankg.namespaces import PREFIXES
from urbankg.resources import (
    data_files,
    ontology_files,
    query_names,
    query_text,
    shapes_files,
)

REPO_ROOT = Path(__file__).resolve().parents[1]
SRC = REPO_ROOT / "src" / "urbankg"
PROBE_QUERY = "queries/zz-packaging-probe/packaging_probe.rq"
COMMANDS = ("init", "load", "validate", "query", "export", "stats")
_SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", ".mypy_cache")


def repo_files(folder: Path, pattern: str = "*") -> list[Path]:
    return sorted(p for p in folder.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts)


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """Build the wheel; return the names of the files in it."""
    work = tmp_path_factory.mktemp("wheel")
    tree = work / "urbankg"
    tree.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE", "package.json", "package-lock.json"):
        if (REPO_ROOT / name).exists():
            shutil.copy(REPO_ROOT / name, tree / name)
    for folder in ("src", "ontology", "shapes", "_build"):
        shutil.copytree(REPO_ROOT / folder, tree / folder, ignore=_SKIP)
    probe = tree / "src" / "urbankg" / PROBE_QUERY
    probe.parent.mkdir()
    probe.write_text("# Purpose: packaging probe.\nASK {}\n", encoding="utf-8")

    out = work / "dist"
    done = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(tree)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    (built,) = out.glob("urbankg-*.whl")
    with zipfile.ZipFile(built) as zf:
        return set(zf.namelist())


@pytest.mark.slow
def test_wheel_ships_every_ontology_and_shapes_file(wheel: set[str]) -> None:
    for folder, package in (("ontology", "urbankg/ontology"), ("shapes", "urbankg/shapes")):
        ttl = repo_files(REPO_ROOT / folder, "*.ttl")
        assert ttl, folder
        missing = [
            p.name for p in ttl if f"{package}/{p.relative_to(REPO_ROOT / folder)}" not in wheel
        ]
        assert not missing, f"{folder}/: {missing} not in the wheel"
        assert f"{package}/__init__.py" in wheel


@pytest.mark.slow
def test_wheel_ships_every_file_of_the_package(wheel: set[str]) -> None:
    """Every file under src/urbankg: modules, queries (in subfolders too), data, py.typed."""
    missing = [
        str(p.relative_to(SRC.parent))
        for p in repo_files(SRC)
        if str(p.relative_to(SRC.parent)) not in wheel
    ]
    assert not missing, f"not in the wheel: {missing}"
    assert "urbankg/py.typed" in wheel
    assert (
        any(n.startswith("urbankg/data/kestava-kaupunki/") for n in wheel)
        or not (SRC / "data" / "kestava-kaupunki").exists()
    )


@pytest.mark.slow
def test_wheel_ships_queries_of_subfolders(wheel: set[str]) -> None:
    assert f"urbankg/{PROBE_QUERY}" in wheel


@pytest.mark.slow
def test_wheel_entry_points_name_the_cli(wheel: set[str]) -> None:
    (entry_points,) = [n for n in wheel if n.endswith(".dist-info/entry_points.txt")]
    assert entry_points.startswith("urbankg-")


# ---- the same files, reached in-process through urbankg.resources -------------------------------
def test_resources_reach_every_ontology_and_shapes_file() -> None:
    assert sorted(f.name for f in ontology_files()) == sorted(
        p.name for p in repo_files(REPO_ROOT / "ontology", "*.ttl")
    )
    assert sorted(f.name for f in shapes_files()) == sorted(
        p.name for p in repo_files(REPO_ROOT / "shapes", "*.ttl")
    )
    for f in [*ontology_files(), *shapes_files()]:
        assert f.read_text(encoding="utf-8").strip(), f.name


def test_resources_reach_every_query_and_each_parses() -> None:
    repo = repo_files(SRC / "queries", "*.rq")
    assert sorted(query_names()) == sorted(p.stem for p in repo)
    empty = ox.Store()
    for name in query_names():
        text = query_text(name)
        try:
            empty.query(text, prefixes=PREFIXES)
        except SyntaxError as exc:
            pytest.fail(f"queries/{name}.rq does not parse: {exc}")


def test_resources_reach_every_bundled_data_file() -> None:
    root = Path(str(files("urbankg.data")))
    reached = sorted(str(Path(str(f)).relative_to(root)) for f in data_files())
    expected = sorted(str(p.relative_to(SRC / "data")) for p in repo_files(SRC / "data"))
    assert reached == expected
    assert any(name.startswith("template/") for name in reached)


# ---- entry points -------------------------------------------------------------------------------
def test_every_console_script_target_imports_and_is_callable() -> None:
    scripts = [
        ep
        for ep in importlib.metadata.entry_points(group="console_scripts")
        if ep.dist is not None and ep.dist.name == "urbankg"
    ]
    assert "urbankg" in {ep.name for ep in scripts}
    for ep in scripts:
        target = ep.load()
        assert callable(target), ep.value


def test_installed_urbankg_help_lists_the_commands() -> None:
    script = Path(sys.executable).parent / "urbankg"
    assert script.exists(), f"the console script is not installed next to {sys.executable}"
    done = subprocess.run(
        [str(script), "--help"], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    listed = {line.split()[0] for line in done.stdout.splitlines() if line.startswith("    ")}
    assert set(COMMANDS) <= listed, done.stdout
