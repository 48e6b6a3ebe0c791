"""The house keeps its rooms small and its plan true (ARCHITECTURE.md).

Plain tests: they read the files, no Home Assistant runs.
"""

from __future__ import annotations

import ast
from pathlib import Path
import re

import pytest

REPO = Path(__file__).parent.parent.parent
INTEGRATION = REPO / "custom_components" / "recovery_routines"
ARCHITECTURE = (REPO / "ARCHITECTURE.md").read_text(encoding="utf-8")
MODULES = sorted(INTEGRATION.rglob("*.py"))
# "No module over about 400 lines, no class over about 300."
MOST_LINES_IN_A_MODULE = 400
MOST_LINES_IN_A_CLASS = 300


def _name(path: Path) -> str:
    return str(path.relative_to(INTEGRATION))


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_module_over_400_lines(path: Path) -> None:
    """A module that grows past 400 lines is split by what it does."""
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MOST_LINES_IN_A_MODULE, f"{_name(path)}: {lines} lines"


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_class_over_300_lines(path: Path) -> None:
    """A class that grows past 300 lines hands a concern to a collaborator."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    long = {
        node.name: (node.end_lineno or node.lineno) - node.lineno + 1
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
    }
    assert {name: n for name, n in long.items() if n > MOST_LINES_IN_A_CLASS} == {}


def test_the_plan_names_every_room() -> None:
    """ARCHITECTURE.md names every package and every rule module of the code."""
    packages = sorted(
        _name(path.parent) + "/"
        for path in INTEGRATION.rglob("__init__.py")
        if path.parent != INTEGRATION
    )
    rules = sorted(_name(path) for path in INTEGRATION.glob("*/rules/*.py"))
    rules = [name for name in rules if not name.endswith("__init__.py")]
    assert packages
    assert rules
    missing = [name for name in packages + rules if f"`{name}`" not in ARCHITECTURE]
    assert missing == []


def test_the_plan_names_no_room_that_is_gone() -> None:
    """Every path of the integration that ARCHITECTURE.md names exists."""
    named = set(re.findall(r"`([a-z_]+(?:/[a-z_]+)*(?:\.py|/))`", ARCHITECTURE))
    assert named
    gone = sorted(
        name
        for name in named
        if not (INTEGRATION / name).exists() and not (REPO / name).exists()
    )
    assert gone == []


@pytest.mark.parametrize(
    "document", ["README.md", "ARCHITECTURE.md", "docs/benchmarks.md"]
)
def test_tests_named_in_the_docs_exist(document: str) -> None:
    """A test the docs point to is where they say, under the name they give."""
    text = (REPO / document).read_text(encoding="utf-8")
    for path, names in re.findall(r"`(tests/[\w/]+\.py)((?:::\w+)?)", text):
        assert (REPO / path).is_file(), path
        if names:
            source = (REPO / path).read_text(encoding="utf-8")
            assert f"def {names.removeprefix('::')}(" in source, path + names
