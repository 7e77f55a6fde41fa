"""Anchoring quotes in articles: exact and normalised matching, the closest passage, drift.

A quote is only evidence once it is found, once, in its article; this package finds it or says why not.
"""
