"""The examples in the docstrings of the diversity modules run and print what they say."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "stamnett_gui.analysis.residual",
    "stamnett_gui.analysis.diversity",
    "stamnett_gui.analysis.explain",
    "stamnett_gui.analysis.progress",
    "stamnett_gui.analysis.sweep",
    "stamnett_gui.domain.explanation",
    "stamnett_gui.domain.sweep",
    "stamnett_gui.io.scenario_file",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0
