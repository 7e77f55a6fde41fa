"""Dates as written ("on Tuesday", "the 28th") found in text, resolved against publication, and tensed.

The rules are documented in docs/analysis.md.
"""
