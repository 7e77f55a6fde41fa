"""The Textual reader. Imported only when the reader opens (the CLI's other commands never load it)."""
