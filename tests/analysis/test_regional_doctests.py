"""The examples in the docstrings of the regional, survival and executor modules run as written."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "stamnett_gui.analysis.executors",
    "stamnett_gui.analysis.pairs",
    "stamnett_gui.analysis.regional",
    "stamnett_gui.analysis.survival",
    "stamnett_gui.domain.regional",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0
