"""The examples in the docstrings of the pure rule functions run, as networkx's do: a docstring example
that no longer holds is a failing test, not a misleading comment."""

from __future__ import annotations

import doctest
import importlib

import pytest
from builders import package_modules

WITH_EXAMPLES = sorted(name for name, path in package_modules().items() if ">>> " in path.read_text("utf-8"))


@pytest.mark.parametrize("name", WITH_EXAMPLES)
def test_docstring_examples_hold(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0
    assert result.failed == 0


def test_the_ground_floor_and_the_rules_carry_examples():
    assert {"policykg.names"} <= set(WITH_EXAMPLES)
