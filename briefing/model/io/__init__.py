"""Reading a pack from disk: paths, YAML (read, write), the schema, building records, the load cache.

Everything that opens a pack file lives here; nothing above this package reads pack bytes itself.
"""
