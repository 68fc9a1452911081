"""Exception types of claimgraph.

Library code raises these; only the edges (CLI, web server) turn them into messages and exit codes:
0 ok, 1 findings (the input is usable but does not conform), 2 unusable input.
"""

from __future__ import annotations


class ClaimgraphError(Exception):
    """Base class of every error claimgraph raises on purpose."""

    exit_code = 2


class InputError(ClaimgraphError):
    """Input that cannot be used at all: a missing file, a syntax error, a bad parameter."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 column: int | None = None) -> None:
        self.path = path
        self.line = line
        self.column = column
        where = ""
        if path:
            where = path
            if line is not None:
                where += f":{line}"
                if column is not None:
                    where += f":{column}"
            where += ": "
        super().__init__(f"{where}{message}")
        self.detail = message


class MissingFileError(InputError):
    """A named file or directory does not exist."""


class RDFSyntaxError(InputError):
    """An RDF file does not parse; carries file, line and column."""


class QueryError(InputError):
    """A SPARQL query is malformed, or a named query or parameter is unknown."""


class StoreError(ClaimgraphError):
    """A store (embedded or remote) failed or refused an operation."""


class PublishError(ClaimgraphError):
    """A release could not be written or uploaded; the previous release is untouched."""


class FindingsError(ClaimgraphError):
    """The input is usable but has findings (SHACL violations, files that would change)."""

    exit_code = 1
