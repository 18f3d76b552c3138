"""Create (once) the virtual environment with CKAN and ckanext-dcat used by test_ckan.py.

``python tests/catalog/ckan_env.py`` makes it ahead of a test run (CI does); the test makes it
itself when missing. Location: ``URBANKG_CKAN_VENV`` or ``.cache/ckan-venv`` in the repository
(the ``.cache`` folder ignores itself in git). A stamp file records the installed pins, so a
changed pin reinstalls.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

#: The versions tested (ckanext-dcat 2.4 brings the euro_dcat_ap_3 profile).
CKAN_PINS = ("ckan[requirements]==2.12.0", "ckanext-dcat==2.4.4")
REPO = Path(__file__).resolve().parents[2]


def venv_path() -> Path:
    """Where the CKAN virtual environment lives."""
    return Path(os.environ.get("URBANKG_CKAN_VENV") or REPO / ".cache" / "ckan-venv")


def ensure(venv: Path | None = None) -> Path:
    """Return the Python of the CKAN virtual environment, installing it if needed.

    Raises:
        RuntimeError: the installation failed (the message holds pip's error output).
    """
    venv = venv or venv_path()
    python = venv / "bin" / "python"
    stamp = venv / ".urbankg-pins"
    if python.exists() and stamp.exists() and stamp.read_text() == "\n".join(CKAN_PINS):
        return python
    venv.parent.mkdir(parents=True, exist_ok=True)
    ignore = venv.parent / ".gitignore"
    if venv.parent == REPO / ".cache" and not ignore.exists():
        ignore.write_text("*\n")
    steps = [
        [sys.executable, "-m", "venv", "--clear", str(venv)],
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *CKAN_PINS],
        [str(python), "-c", "import ckanext.dcat.processors"],
    ]
    for step in steps:
        try:
            done = subprocess.run(step, capture_output=True, text=True, timeout=1200, check=False)
        except subprocess.TimeoutExpired as exc:
            raise RuntimeError(f"timed out: {' '.join(step)}") from exc
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(step)} failed: {done.stderr[-2000:]}")
    stamp.write_text("\n".join(CKAN_PINS))
    return python


if __name__ == "__main__":
    print(ensure())
