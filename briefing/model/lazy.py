"""Lazy public faces for the model's packages (PEP 562).

Each package's ``__init__`` names what it exports, and the module each name
lives in, so callers import from the package (``from briefing.model.io import
load_pack``) rather than from deep files. The import itself is deferred to the
first use of a name: the reader imports ``briefing.model.pack`` for its first
frame and should not pay for PyYAML, rapidfuzz or the schema until its worker
thread loads the pack.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(
    package: str, where: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``, whose name N lives in module ``where[N]``.

    ``where`` values are module names relative to the package (``"load"``) or
    absolute (``"briefing.model.pack"``).
    """
    namespace = importlib.import_module(package).__dict__

    def getattr_(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        full = module if module.startswith("briefing.") else f"{package}.{module}"
        value = getattr(importlib.import_module(full), name)
        namespace[name] = value
        return value

    def dir_() -> list[str]:
        return sorted(set(namespace) | set(where))

    return getattr_, dir_
