"""Disagreements between sources: figures (counts) and stances, with the values each source gives.

The public entry point is ``detect``; the detectors share the result types in ``values``.
"""
