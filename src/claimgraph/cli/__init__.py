"""The `claimgraph` command: argument parsing and exit codes only; every command calls the API.

Each command group lives in its own module with a ``register(subparsers)`` function; a command
sets ``func(args) -> int``. Errors become messages and exit codes here: 0 ok, 1 findings,
2 unusable input.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from .. import __version__
from ..errors import ClaimgraphError

#: Command modules, in the order of the pipeline (model -> validate -> query/analyse -> present -> publish).
COMMAND_MODULES = ("core", "query", "analyse", "present", "serve", "publish", "maintain")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="claimgraph",
        description="Evidence about AI behaviour as a knowledge graph: validate, query, analyse, explore, publish.")
    parser.add_argument("--version", action="version", version=f"claimgraph {__version__}")
    parser.add_argument("--root", help="project directory (default: found from the current directory)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as err:
            if err.name == f"{__name__}.{name}":
                continue
            raise
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except ClaimgraphError as err:
        print(f"claimgraph: error: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("claimgraph: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
