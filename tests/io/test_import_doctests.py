"""The examples in the import and validation modules' docstrings hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "stamnett_gui.io.fields", "stamnett_gui.io.encodings", "stamnett_gui.io.coordinates",
    "stamnett_gui.io.csv.reader", "stamnett_gui.io.geojson.mapping", "stamnett_gui.io.site_index",
    "stamnett_gui.analysis.core_proposal",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    failed, attempted = doctest.testmod(importlib.import_module(name))
    assert attempted > 0 and failed == 0
