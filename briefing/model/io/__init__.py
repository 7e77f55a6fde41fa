"""Reading a pack from disk: paths, YAML (read, write), the schema, building records, the load cache.

Every pack file is opened by ``files.py`` (regular file, inside the pack, size and budget checked
before a byte is read); nothing above this package reads pack bytes itself.
"""
