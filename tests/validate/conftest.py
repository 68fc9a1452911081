"""Fixtures of the validation tests: a small synthetic project to edit (see validation_support)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import generate_project


@pytest.fixture(scope="session")
def synthetic_template(tmp_path_factory) -> Path:
    return generate_project(tmp_path_factory.mktemp("synthetic") / "proj", entries=24, violating=0.1)


@pytest.fixture
def synthetic(synthetic_template, tmp_path) -> Path:
    """A fresh copy of the synthetic project, free to edit."""
    return Path(shutil.copytree(synthetic_template, tmp_path / "proj"))
