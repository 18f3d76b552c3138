"""PEP 517 build backend: setuptools, after putting the browser bundles into the package.

A wheel (or an editable install) of urbankg must carry cytoscape.js and YASGUI, which come from
npm (``package.json``/``package-lock.json``) and are never committed. Before setuptools builds,
this runs ``src/urbankg/web/assets.py`` (``npm ci`` and a copy into
``src/urbankg/web/static/vendor/``) when the bundles are not there yet; without npm the build
stops with a message saying so.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from setuptools import build_meta as _setuptools
from setuptools.build_meta import (  # noqa: F401 - the rest of the PEP 517 interface
    build_sdist,
    get_requires_for_build_editable,
    get_requires_for_build_sdist,
    get_requires_for_build_wheel,
    prepare_metadata_for_build_editable,
    prepare_metadata_for_build_wheel,
)

ROOT = Path(__file__).resolve().parents[1]


def _bundles() -> None:
    path = ROOT / "src" / "urbankg" / "web" / "assets.py"
    spec = importlib.util.spec_from_file_location("_urbankg_web_assets", path)
    if spec is None or spec.loader is None:
        raise RuntimeError(f"cannot load {path}")
    assets = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(assets)
    if assets.missing():
        try:
            assets.build(ROOT)
        except assets.AssetError as exc:
            raise SystemExit(
                f"urbankg: cannot build the web app's browser bundles: {exc}"
            ) from None


def build_wheel(
    wheel_directory: str,
    config_settings: dict[str, Any] | None = None,
    metadata_directory: str | None = None,
) -> str:
    """Build a wheel that carries the browser bundles."""
    _bundles()
    return str(_setuptools.build_wheel(wheel_directory, config_settings, metadata_directory))


def build_editable(
    wheel_directory: str,
    config_settings: dict[str, Any] | None = None,
    metadata_directory: str | None = None,
) -> str:
    """Build an editable install whose source tree holds the browser bundles."""
    _bundles()
    return str(_setuptools.build_editable(wheel_directory, config_settings, metadata_directory))
