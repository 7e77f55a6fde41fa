"""The user's key remapping: ``[keymap]`` in a TOML file, binding id = keys.

A bad file must never stop the reader: every problem becomes one line that the
app shows as a notification, and the entries that are fine still apply.
"""

from __future__ import annotations

import os
from pathlib import Path

from briefing.model.io import Refused, read_file
from briefing.tui.commands import COMMAND_IDS

MAX_KEYMAP_BYTES = 1024 * 1024
"""A keymap is a few lines; anything larger is not one."""


def keymap_path() -> Path:
    """``$BRIEFING_KEYMAP``, else ``$XDG_CONFIG_HOME/briefing/keymap.toml``, else ``~/.config/...``."""
    explicit = os.environ.get("BRIEFING_KEYMAP")
    if explicit:
        return Path(explicit)
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "briefing" / "keymap.toml"


def load_keymap(path: Path) -> tuple[dict[str, str], list[str]]:
    """(binding id -> keys, problems). A missing file is no problem: it means the defaults."""
    if not os.path.lexists(path):
        return {}, []
    import tomllib  # only with a keymap to read: ~2.5 ms of the reader's start otherwise

    try:  # read on the UI thread at start: a FIFO or /dev/zero must not block or fill it
        raw = read_file(path, limit=MAX_KEYMAP_BYTES)
    except Refused as exc:
        return {}, [f"keymap {path}: cannot be read ({exc.message}); using the default keys"]
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return {}, [f"keymap {path}: not valid TOML ({exc}); using the default keys"]
    table = data.get("keymap")
    if not isinstance(table, dict):
        return {}, [f"keymap {path}: no [keymap] table; using the default keys"]
    keymap: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, keys in table.items():
        if binding_id not in COMMAND_IDS:
            problems.append(f"keymap {path}: unknown binding id {binding_id!r} (see docs/keys.md)")
        elif not isinstance(keys, str) or not keys.strip(",").strip():
            problems.append(f'keymap {path}: {binding_id} must be a string of keys like "j,down"')
        else:
            keymap[binding_id] = ",".join(k.strip() for k in keys.split(",") if k.strip())
    return keymap, problems
