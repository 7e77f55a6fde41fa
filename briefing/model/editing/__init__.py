"""Editing a pack's YAML in place: confirm, reject, merge and add, as minimal text edits.

- :mod:`.locate`: where records sit in a file's text (composed node positions).
- :mod:`.operations`: confirm, reject, merge as splices.
- :mod:`.additions`: new records, evidence and claim values in the file's own style.
- :mod:`.session`: checking, atomic writing, refusing stale files, undo.

Everything an edit does not touch stays byte-identical.
"""

from briefing.model.editing.locate import EditRefused, Stale
from briefing.model.editing.session import Applied, Change, EditSession

__all__ = ["Applied", "Change", "EditRefused", "EditSession", "Stale"]
