"""What the sources do not spell out: dates resolved, corroboration, grades, disagreements.

Derived from a loaded pack on first use, never stored in the YAML.
"""
