"""Benchmarks: each reports ratios to a baseline measured in the same run (`python -m benchmarks.NAME`)."""
