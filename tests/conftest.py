"""Shared fixtures: Qt runs offscreen; networks are built by hand where a test needs exact counts."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
