"""Small rooms: no module of policykg over 300 lines and no function over 50.

A module that outgrows this holds unrelated work (five input formats, or styles beside a layout algorithm);
a function that does, several steps a reader cannot name.  Rules that are data live in extract/data/, so no
Python data table needs an exception.
"""

from __future__ import annotations

import ast

import pytest
from builders import package_modules

MODULES = package_modules()
MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 50


@pytest.mark.parametrize("name", sorted(MODULES))
def test_module_and_its_functions_are_small(name):
    text = MODULES[name].read_text("utf-8")
    assert len(text.splitlines()) <= MAX_MODULE_LINES
    long = [f"{node.name} ({node.end_lineno - node.lineno + 1} lines)" for node in ast.walk(ast.parse(text))
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES]
    assert long == []
