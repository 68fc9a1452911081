"""Stores: where a graph lives and is queried. ``open_store(spec)`` resolves a spec (see
``base``'s docstring) through the ``claimgraph.stores`` entry points."""

from __future__ import annotations

from importlib.metadata import entry_points

from ..errors import StoreError
from .base import DEFAULT_STORE, QueryResult, Store, available_stores

__all__ = ["DEFAULT_STORE", "QueryResult", "Store", "available_stores", "open_store", "parse_spec"]


def parse_spec(spec: str | None) -> tuple[str, str | None]:
    """``"oxigraph:/dir"`` -> ("oxigraph", "/dir"); an http(s) URL -> ("remote", URL)."""
    spec = (spec or DEFAULT_STORE).strip()
    if spec.startswith(("http://", "https://")):
        return "remote", spec
    name, sep, argument = spec.partition(":")
    return name, (argument if sep else None)


def _store_class(name: str) -> type[Store]:
    matches = [ep for ep in entry_points(group="claimgraph.stores") if ep.name == name]
    if not matches:
        raise StoreError(f"unknown store {name!r}; available: {', '.join(available_stores())}")
    return matches[0].load()


def open_store(spec: str | None = None) -> Store:
    """Open the store a spec names (default: embedded Oxigraph in memory)."""
    name, argument = parse_spec(spec)
    return _store_class(name).from_spec(argument)
