"""Allow ``python -m briefing`` to behave exactly like the ``briefing`` command."""

from __future__ import annotations

import sys

from briefing.cli import main

sys.exit(main())
