"""Every command pays for what the command line imports before it runs: the parser must not
pull in the heavy libraries only some commands use (networkx for the analysis and pages)."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("networkx", "pyvis", "claimgraph.analyse.analysis", "claimgraph.ingest.scaffold")


def test_building_the_parser_imports_no_analysis_library():
    probe = ("import sys, claimgraph.cli as cli; cli.build_parser(); "
             f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_the_analysis_names_still_import_from_the_package():
    from claimgraph import analyse
    assert "claim" in analyse.NODE_TYPES and callable(analyse.analyse_graph) and callable(analyse.project)
    try:
        analyse.no_such_name  # noqa: B018
    except AttributeError as err:
        assert "no_such_name" in str(err)
    else:
        raise AssertionError("an unknown name must raise AttributeError")
