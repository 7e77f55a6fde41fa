"""Benchmarks: figures as ratios to a baseline measured in the same run (see docs/performance.md)."""
