"""No module wraps QCoreApplication.translate in a one-argument ``tr``/``_tr`` function.

pyside6-lupdate extracts only literal calls (``self.tr("...")``,
``QCoreApplication.translate("Context", "...")``, ``QT_TRANSLATE_NOOP``); it cannot
see through a wrapper with a fixed context, so the strings passed to one never
reach the translators. Methods named ``tr`` on a class are not such wrappers. Nor
may ``self.tr`` be called under another name (``tr = self.tr``): lupdate files such
calls under no context, so their translations would never be found.
"""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "stamnett_gui"


def _calls_translate(function: ast.FunctionDef) -> bool:
    return any(isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
               and node.func.attr == "translate" and isinstance(node.func.value, ast.Name)
               and node.func.value.id == "QCoreApplication" for node in ast.walk(function))


def _wrappers(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    methods = {id(f) for c in ast.walk(tree) if isinstance(c, ast.ClassDef) for f in c.body}
    return [f"{path.relative_to(PACKAGE.parent)}:{node.lineno} {node.name}()" for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef) and node.name in ("tr", "_tr") and id(node) not in methods
            and len(node.args.posonlyargs + node.args.args) == 1 and _calls_translate(node)]


def _aliases(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [f"{path.relative_to(PACKAGE.parent)}:{node.lineno} tr = self.tr" for node in ast.walk(tree)
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Attribute)
            and node.value.attr == "tr" and isinstance(node.value.value, ast.Name)
            and node.value.value.id == "self"]


def test_no_aliases_of_self_tr():
    found = [hit for path in sorted(PACKAGE.rglob("*.py")) for hit in _aliases(path)]
    assert not found, "call self.tr(literal) directly: " + ", ".join(found)


def test_no_translate_wrappers():
    found = [hit for path in sorted(PACKAGE.rglob("*.py")) for hit in _wrappers(path)]
    assert not found, "call QCoreApplication.translate(context, literal) instead of " + ", ".join(found)
