"""Rebuilding the model from what the load cache stored (its other half is ``io/cache_codec.py``).

Apart from ``io/building/`` on purpose: a cache hit must import none of the YAML
read, checks and anchoring that ``building`` holds (tests/rules/test_import_hygiene.py).
"""
