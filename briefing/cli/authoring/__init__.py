"""Commands that build or grow a pack: init, add, and the checks an author runs (coverage, hygiene)."""
