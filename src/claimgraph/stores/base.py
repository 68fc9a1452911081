"""One interface for every place a graph can live and be queried.

Stores are plugins, registered under the ``claimgraph.stores`` entry-point group (the way rdflib
registers its stores, parsers and serializers): ``memory`` (rdflib's memory store, the reference
engine), ``oxigraph`` (embedded pyoxigraph, the default for queries; persistent when given a
directory) and ``remote`` (any SPARQL 1.1 Protocol endpoint). Only this package knows which
engine runs a query.

Store specs as users write them (``--store``):
    memory                      rdflib in memory
    oxigraph                    pyoxigraph in memory (the default)
    oxigraph:/path/to/dir       pyoxigraph persisted in a directory (created if missing; data
                                already there is queried as it is, not loaded again)
    http(s)://host/query-url    a remote endpoint (same as ``remote:http(s)://...``). Options,
                                given as query parameters and removed from the URL:
                                  update=URL  SPARQL 1.1 Update endpoint
                                  gsp=URL     SPARQL 1.1 Graph Store Protocol endpoint
                                  graph=IRI   the graph queries run on (sent as
                                              default-graph-uri); default: claimgraph's data
                                              graph; ``graph=`` (empty) = the endpoint's own
                                              default graph
                                e.g. http://h/query?update=http://h/update&gsp=http://h/store
                                Without gsp=, a query URL ending in /query (Oxigraph's layout)
                                implies /store, and one ending in /sparql (Virtuoso's) implies
                                /sparql-graph-crud; likewise /update and /sparql for updates.

Every embedded store queries the union of its graphs as the default graph (as Virtuoso does), so a
graph loaded into a named graph is still visible to the named queries.
"""

from __future__ import annotations

import abc
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal as TypingLiteral

from rdflib import Graph
from rdflib.term import Node

from ..errors import StoreError

ResultKind = TypingLiteral["select", "ask", "graph"]

#: the store used when no spec is given
DEFAULT_STORE = "oxigraph"


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

    def as_dicts(self) -> list[dict[str, Node]]:
        """Rows as {variable: term}, leaving out unbound variables (handy in tests and views)."""
        return [{v: t for v, t in zip(self.variables, row) if t is not None} for row in self.rows]


class Store(abc.ABC):
    """A graph store that can be loaded and queried with SPARQL 1.1."""

    #: entry-point name of the implementation
    name: str = "abstract"

    @classmethod
    def from_spec(cls, argument: str | None) -> Store:
        """Open a store from the part of a spec after ``NAME:`` (None when absent)."""
        if argument:
            raise StoreError(f"store {cls.name!r} takes no argument (got {argument!r})")
        return cls()

    @abc.abstractmethod
    def load(self, triples: Graph | Iterable, graph: str | None = None) -> None:
        """Add statements (an rdflib Graph or iterable of rdflib triples) to the default graph or a named graph."""

    def load_files(self, paths: Iterable[str | Path], graph: str | None = None) -> None:
        """Add the statements of RDF files (or directories of them); syntax errors name file,
        line and column. Engines with a native parser override this for speed."""
        from ..model.load import load_graph
        self.load(load_graph(paths), graph)

    @abc.abstractmethod
    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None,
              *, timeout: float | None = None) -> QueryResult:
        """Run a SPARQL query; ``bindings`` pre-bind variables to RDF terms (never pasted into text)."""

    @abc.abstractmethod
    def __len__(self) -> int:
        """Number of statements held (all graphs)."""

    def is_empty(self) -> bool:
        """True when the store holds no statement (so the project's graph should be loaded)."""
        return len(self) == 0

    @property
    def loads_project(self) -> bool:
        """Whether the project's files should be loaded into this store before querying it:
        true for embedded stores, false for remote ones (they hold what was published)."""
        return True

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release resources."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def available_stores() -> Sequence[str]:
    from importlib.metadata import entry_points
    return sorted(ep.name for ep in entry_points(group="claimgraph.stores"))
