"""Commands that edit a pack's YAML in place: confirm, reject, merge (the reader's edit engine)."""
