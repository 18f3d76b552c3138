"""Entry point of the query zygote process (``python -m urbankg.api.zygote``)."""

from __future__ import annotations

import sys

from urbankg.api.worker import main

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
