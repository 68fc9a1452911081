"""Publishing: deterministic exports, releases, Graph Store uploads, formatting and diffs."""
