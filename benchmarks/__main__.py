"""``python -m benchmarks [--quick] [--json FILE]``: run every benchmark (see run.py)."""

from __future__ import annotations

import sys

from benchmarks.run import main

sys.exit(main())
