"""CI check: data/ and ontology/ are kept in canonical `claimgraph fmt` form."""

from claimgraph.cli import main


def test_data_and_ontology_are_canonically_formatted(root, capsys):
    code = main(["--root", str(root), "fmt", "--check", str(root / "data"), str(root / "ontology")])
    assert code == 0, capsys.readouterr().out
