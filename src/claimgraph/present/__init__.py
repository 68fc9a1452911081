"""Presentation: the argument-graph explorer page, entry pages and the static site."""
