"""benchmarks/generate.py: deterministic, predictable size, conforming (or violating exactly
where the manifest says)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from claimgraph import api


def generate(root, out, *args):
    subprocess.run([sys.executable, str(root / "benchmarks" / "generate.py"), "--out", str(out), *args],
                   check=True, capture_output=True, timeout=600)
    return json.loads((out / "manifest.json").read_text())


def files(out):
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.ttl"))}


def test_deterministic_and_seeded(root, tmp_path):
    a = generate(root, tmp_path / "a", "--entries", "120", "--seed", "4")
    b = generate(root, tmp_path / "b", "--entries", "120", "--seed", "4")
    c = generate(root, tmp_path / "c", "--entries", "120", "--seed", "5")
    assert files(tmp_path / "a") == files(tmp_path / "b")
    assert files(tmp_path / "a") != files(tmp_path / "c")
    assert a["triples"] == c["triples"]  # the seed changes content, not size


def test_triple_count_is_exact_and_selectable(root, tmp_path):
    m = generate(root, tmp_path / "n", "--entries", "240", "--format", "nt")
    lines = sum(1 for p in (tmp_path / "n").rglob("*.nt") for line in p.read_text().splitlines()
                if line and not line.startswith("#"))
    assert lines == m["triples"] == sum(m["files"].values())
    graph = api.load([tmp_path / "n"], with_ontology=False)
    assert len(graph) == m["triples"]  # no duplicate statements
    # per-entry size is a constant of the generator: 20 more entries, 20 x triples_per_entry more
    m2 = generate(root, tmp_path / "n2", "--entries", "260", "--format", "nt")
    assert m2["triples"] - m["triples"] == round(20 * m["triples_per_entry"])
    # --triples picks the entry count whose size is nearest
    t = generate(root, tmp_path / "t", "--triples", "20000")
    assert abs(t["triples"] - 20000) <= m["triples_per_entry"] * 2


def test_violating_fraction_is_exact_and_found_by_the_shapes(root, tmp_path):
    ok = generate(root, tmp_path / "ok", "--entries", "40", "--seed", "2")
    bad = generate(root, tmp_path / "bad", "--entries", "40", "--seed", "2", "--violating-fraction", "0.25")
    assert bad["triples"] == ok["triples"]  # violations swap values, they do not add statements
    assert bad["violating"]["count"] == 10
    clean = api.validate_data([tmp_path / "ok"], root=root, use_cache=False)
    assert clean.conforms, clean.to_text()
    report = api.validate_data([tmp_path / "bad"], root=root, use_cache=False)
    assert {f.entry for f in report.violations} == set(bad["violating"]["entries"])


def test_refuses_to_replace_a_foreign_directory(root, tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me")
    with pytest.raises(subprocess.CalledProcessError):
        generate(root, tmp_path / "mine", "--entries", "5")
    assert (tmp_path / "mine" / "notes.txt").read_text() == "keep me"
