"""One interface for every place a graph can live and be queried.

Stores are plugins, registered under the ``claimgraph.stores`` entry-point group (the way rdflib
registers its stores, parsers and serializers): ``memory`` (rdflib's memory store, the reference
engine), ``oxigraph`` (embedded pyoxigraph, the default for queries; persistent when given a
directory) and ``remote`` (any SPARQL 1.1 Protocol endpoint). Only this package knows which
engine runs a query.

Store specs as users write them (``--store``):
    memory                      rdflib in memory
    oxigraph                    pyoxigraph in memory
    oxigraph:/path/to/dir       pyoxigraph persisted in a directory
    http(s)://host/query-url    a remote endpoint; ``update=URL`` and ``gsp=URL`` add write URLs,
                                e.g. http://h/query?update=http://h/update&gsp=http://h/store
"""

from __future__ import annotations

import abc
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal as TypingLiteral

from rdflib import Graph
from rdflib.term import Node

ResultKind = TypingLiteral["select", "ask", "graph"]


@dataclass
class QueryResult:
    """A query's answer in rdflib terms, whatever engine produced it.

    select: ``variables`` and ``rows`` (tuples aligned with variables; None = unbound);
    ask: ``boolean``; graph (CONSTRUCT/DESCRIBE): ``graph``.
    """

    kind: ResultKind
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None


class Store(abc.ABC):
    """A graph store that can be loaded and queried with SPARQL 1.1."""

    #: entry-point name of the implementation
    name: str = "abstract"

    @abc.abstractmethod
    def load(self, triples: Graph | Iterable, graph: str | None = None) -> None:
        """Add statements (an rdflib Graph or iterable of rdflib triples) to the default graph or a named graph."""

    @abc.abstractmethod
    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None,
              *, timeout: float | None = None) -> QueryResult:
        """Run a SPARQL query; ``bindings`` pre-bind variables to RDF terms (never pasted into text)."""

    @abc.abstractmethod
    def __len__(self) -> int:
        """Number of statements held (all graphs)."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release resources."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def available_stores() -> Sequence[str]:
    from importlib.metadata import entry_points
    return sorted(ep.name for ep in entry_points(group="claimgraph.stores"))
