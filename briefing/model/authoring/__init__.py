"""Authoring a pack: the init scaffold, candidate actors, source hygiene and coverage.

What helps an analyst build or grow a pack; the reader never needs it.
"""
