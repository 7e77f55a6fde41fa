"""Where packs live: the default pack shipped in the wheel, and PACK arguments.

In a wheel the default pack sits inside the package (``briefing/default_pack``);
in a source checkout it is the repository's own ``data/`` and ``seeds/``. Both
are found relative to this file, so ``briefing`` works from any folder.
"""

from __future__ import annotations

import os
from pathlib import Path

from briefing.model.sanitize import clean_line

_PACKAGE = Path(__file__).resolve().parents[2]  # briefing/model/io/paths.py -> briefing


def default_pack_path() -> Path:
    """The pack ``briefing`` opens when no PACK is given."""
    shipped = _PACKAGE / "default_pack"
    if (shipped / "data").is_dir():
        return shipped
    return _PACKAGE.parent


def example_story_path() -> Path:
    """The example articles ``briefing init --example`` copies (in the wheel, or the checkout's fixture)."""
    shipped = _PACKAGE / "example_story"
    if shipped.is_dir():
        return shipped
    return _PACKAGE.parent / "tests" / "fixtures" / "donor_story"


def resolve_pack_root(path: str | os.PathLike[str] | None) -> tuple[Path, Path]:
    """(pack folder, data folder) for a PACK argument: the folder, its data/ or a YAML file in it.

    Raises FileNotFoundError with a one-line reason when there is no pack there.
    """
    given = default_pack_path() if path is None else Path(path)
    try:
        return _resolve(given)
    except FileNotFoundError:
        raise
    except OSError as exc:  # a name too long, a folder we may not enter, ...
        raise FileNotFoundError(f"no pack at '{shown(given)}': {exc.strerror or exc}") from None


def _resolve(given: Path) -> tuple[Path, Path]:
    if given.is_file():
        if given.parent.name != "data":
            raise FileNotFoundError(
                f"'{shown(given)}' is a file, not a pack folder (give the folder that holds data/)"
            )
        return given.parent.parent, given.parent
    if not given.is_dir():
        raise FileNotFoundError(f"no pack at '{shown(given)}': no such folder")
    if (given / "data").is_dir():
        return given, given / "data"
    if given.name == "data":
        return given.parent, given
    raise FileNotFoundError(
        f"no pack at '{shown(given)}': it has no data/ folder (create one with: briefing init)"
    )


def shown(path: Path) -> str:
    """A path the user gave, safe to echo in a message (control characters made visible)."""
    return clean_line(str(path))


def display(path: Path) -> str:
    """A path as an author wants to see it: relative to the current folder when inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # pragma: no cover - different drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative
