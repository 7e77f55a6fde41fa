"""Commands that read a pack: open the reader, validate, export a note, search, mentions, find."""
