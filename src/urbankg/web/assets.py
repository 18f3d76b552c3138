"""Copy the browser libraries from npm into the package: ``python -m urbankg.web.assets``.

The web app serves cytoscape.js and YASGUI from the package (no CDN, nothing fetched at run
time). They are npm packages pinned in the repository's ``package.json``/``package-lock.json``;
this module runs ``npm ci`` in the repository root and copies the bundles listed in
:data:`BUNDLES` into ``src/urbankg/web/static/vendor/`` (git-ignored, shipped in the wheel).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

#: (file under ``node_modules``, name in ``static/vendor``)
BUNDLES: tuple[tuple[str, str], ...] = (
    ("cytoscape/dist/cytoscape.esm.min.mjs", "cytoscape.esm.min.mjs"),
    ("@zazuko/yasgui/build/yasgui.min.js", "yasgui.min.js"),
    ("@zazuko/yasgui/build/yasgui.min.css", "yasgui.min.css"),
)
VENDOR = Path(__file__).resolve().parent / "static" / "vendor"
REPO_ROOT = Path(__file__).resolve().parents[3]


class AssetError(RuntimeError):
    """npm is missing, failed, or a bundle is not where it is expected."""


def missing(vendor: Path = VENDOR) -> list[str]:
    """Return the vendor files that are not in ``vendor`` (empty: all there)."""
    return [name for _, name in BUNDLES if not (vendor / name).is_file()]


def build(root: Path = REPO_ROOT, vendor: Path = VENDOR, *, install: bool = True) -> list[Path]:
    """Run ``npm ci`` in ``root`` (unless ``install`` is false) and copy the bundles.

    Returns:
        The copied files.

    Raises:
        AssetError: npm is not installed or failed, or a bundle is missing.
    """
    if not (root / "package-lock.json").is_file():
        raise AssetError(f"no package-lock.json in {root}: run this from a source checkout")
    if install:
        npm = shutil.which("npm")
        if npm is None:
            raise AssetError(
                "npm is not installed: install Node.js and npm (Debian: apt-get install npm), "
                "then run python -m urbankg.web.assets again"
            )
        done = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise AssetError(f"npm ci failed ({done.returncode}):\n{done.stderr.strip()}")
    vendor.mkdir(parents=True, exist_ok=True)
    copied = []
    for source, name in BUNDLES:
        src = root / "node_modules" / source
        if not src.is_file():
            raise AssetError(f"{src} is missing after npm ci")
        shutil.copyfile(src, vendor / name)
        copied.append(vendor / name)
    return copied


def main(argv: list[str] | None = None) -> int:
    """Command line: copy the bundles; exit 1 with a message on failure."""
    p = argparse.ArgumentParser(prog="python -m urbankg.web.assets", description=__doc__)
    p.add_argument("--no-install", action="store_true", help="skip npm ci (node_modules exists)")
    args = p.parse_args(argv)
    try:
        for f in build(install=not args.no_install):
            print(f"copied {f}", file=sys.stderr)
    except AssetError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
