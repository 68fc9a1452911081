"""`claimgraph diff`: statements added and removed, grouped by entry, with labels; exit 0 same,
1 different, 2 bad input; files, directories, releases and git revisions."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from claimgraph.cli import main

from support import ROOT

HEAD = """@base <https://w3id.org/claimgraph/id/> .
@prefix cg: <https://w3id.org/claimgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
"""
OLD = HEAD + """
<entry/e> a cg:Entry ; rdfs:label "The entry" ; cg:confidence <https://w3id.org/claimgraph/vocab/confidence/verified> ;
    cg:claim <entry/e/claim> .
<entry/e/claim> a cg:Claim ; schema:text "Old claim." .
<person/p> a schema:Person ; schema:name "Pat" .
<https://w3id.org/claimgraph/vocab/confidence/verified> skos:prefLabel "Verified"@en .
<https://w3id.org/claimgraph/vocab/confidence/moderate> skos:prefLabel "Moderate"@en .
"""
NEW = HEAD + """
<entry/e> a cg:Entry ; rdfs:label "The entry" ; cg:confidence <https://w3id.org/claimgraph/vocab/confidence/moderate> ;
    cg:claim <entry/e/claim> .
<entry/e/claim> a cg:Claim ; schema:text "New claim." .
<person/p> a schema:Person ; schema:name "Pat" ; schema:alternateName "P" .
<https://w3id.org/claimgraph/vocab/confidence/verified> skos:prefLabel "Verified"@en .
<https://w3id.org/claimgraph/vocab/confidence/moderate> skos:prefLabel "Moderate"@en .
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def sides(tmp_path):
    return write(tmp_path / "old" / "data.ttl", OLD), write(tmp_path / "new" / "data.ttl", NEW)


def test_text_diff_grouped_by_entry_with_labels(sides, capsys):
    old, new = sides
    assert main(["--root", str(ROOT), "diff", str(old), str(new)]) == 1
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[:2] == [f"--- {old}", f"+++ {new}"]
    entry = lines.index('entry:e  "The entry"')
    assert lines[entry + 1:entry + 5] == [
        '  - entry:e  cg:confidence  conf:verified ("Verified")',
        '  + entry:e  cg:confidence  conf:moderate ("Moderate")',
        '  - entry:e/claim  schema:text  "Old claim."',
        '  + entry:e/claim  schema:text  "New claim."',
    ]
    person = lines.index('person:p  "Pat"')
    assert lines[person + 1] == '  + person:p  schema:alternateName  "P"'
    assert entry < person  # entries first
    assert lines[-1] == "3 statement(s) added, 2 removed, in 2 resource(s) (1 entry)."


def test_json_diff(sides, capsys):
    old, new = sides
    assert main(["--root", str(ROOT), "diff", str(old), str(new), "--format", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["summary"] == {"added": 3, "removed": 2, "resources": 2, "entries": 1}
    entry = doc["groups"][0]
    assert entry["resource"] == "https://w3id.org/claimgraph/id/entry/e" and entry["entry"] is True
    assert entry["label"] == "The entry"
    assert {"subject": "https://w3id.org/claimgraph/id/entry/e/claim",
            "predicate": "https://schema.org/text",
            "object": {"type": "literal", "value": "New claim.",
                       "datatype": "http://www.w3.org/2001/XMLSchema#string"}} in entry["added"]
    assert {"type": "iri", "value": "https://w3id.org/claimgraph/vocab/confidence/verified",
            "label": "Verified"} in [c["object"] for c in entry["removed"]]


def test_no_differences_exit_0(sides, tmp_path, capsys):
    old, _ = sides
    same = write(tmp_path / "same.ttl", OLD.replace(" ;\n    cg:claim", " ; cg:claim"))
    assert main(["--root", str(ROOT), "diff", str(old), str(same)]) == 0
    assert "No differences" in capsys.readouterr().out


def test_blank_nodes_compare_by_structure(tmp_path):
    a = write(tmp_path / "a.ttl", "<http://x/s> <http://x/p> [ <http://x/q> 1 ] .\n")
    b = write(tmp_path / "b.ttl", "<http://x/s> <http://x/p> _:other . _:other <http://x/q> 1 .\n")
    c = write(tmp_path / "c.ttl", "<http://x/s> <http://x/p> [ <http://x/q> 2 ] .\n")
    assert main(["diff", str(a), str(b)]) == 0
    assert main(["diff", str(a), str(c)]) == 1


def test_release_directories_use_their_dump(tmp_path, capsys):
    for name, text in (("r1", OLD), ("r2", NEW)):
        release = tmp_path / name
        write(release / "claimgraph.ttl", text)
        write(release / "validation-report.json", '{"conforms": true}')  # not RDF: must be ignored
        write(release / "void.ttl", f"<http://x/{name}> <http://x/p> 1 .\n")  # the description is not the data
    assert main(["diff", str(tmp_path / "r1"), str(tmp_path / "r2"), "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out)["summary"]["added"] == 3


@pytest.mark.parametrize("args, words", [
    (["no-such-file-or-rev", "also-not"], "not a file, directory or git revision"),
    (["HEAD:no/such/path.ttl", "HEAD"], "does not exist at revision HEAD"),
])
def test_bad_input_exit_2(args, words, capsys):
    assert main(["--root", str(ROOT), "diff", *args]) == 2
    assert words in capsys.readouterr().err


def test_syntax_error_exit_2(tmp_path, sides, capsys):
    old, _ = sides
    bad = write(tmp_path / "bad.ttl", "<a> <b> .\n")
    assert main(["diff", str(old), str(bad)]) == 2
    assert f"{bad}:1" in capsys.readouterr().err


@pytest.fixture
def repo(tmp_path):
    """A project in a throwaway git repository with two commits of data/."""
    if shutil.which("git") is None:
        pytest.fail("git is required")
    proj = tmp_path / "proj"
    shutil.copytree(ROOT / "ontology", proj / "ontology")
    write(proj / "data" / "entries" / "e.ttl", OLD)

    def git(*args):
        subprocess.run(["git", "-C", str(proj), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                       check=True, capture_output=True)

    git("init", "-q")
    git("add", "-A")
    git("commit", "-q", "-m", "one")
    write(proj / "data" / "entries" / "e.ttl", NEW)
    git("commit", "-q", "-am", "two")
    return proj


def test_git_revisions_of_data(repo, capsys):
    assert main(["--root", str(repo), "diff", "HEAD~1", "HEAD"]) == 1
    out = capsys.readouterr().out
    assert "--- HEAD~1" in out and '  + entry:e/claim  schema:text  "New claim."' in out
    assert main(["--root", str(repo), "diff", "HEAD", str(repo / "data")]) == 0


def test_git_rev_path_syntax(repo, capsys):
    assert main(["--root", str(repo), "diff", "HEAD~1:data/entries/e.ttl", "HEAD:data/entries/e.ttl",
                 "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out)["summary"]["removed"] == 2
    assert main(["--root", str(repo), "diff", "HEAD:ontology", str(repo / "ontology")]) == 0
