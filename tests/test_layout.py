"""The package's rooms and their one-way flow: no module imports one above it.

Layers, lowest first. A module may import from its own layer or any layer below; the
check reads every import statement (top-level and lazy ones inside functions).
"""
from __future__ import annotations

import ast
from pathlib import Path

import advisor

PACKAGE = Path(advisor.__file__).parent

# Lowest first. api sits above evaluation (it runs the pipeline) and below what presents
# or reuses its Advice; cli is the top.
LAYERS = ["_bundled", "files", "accounts", "reading", "language", "evaluation", "feedback", "api", "output", "portfolio",
          "crm", "toolkit", "cli"]


def layer_of(module: str) -> str:
    """'advisor.language.pack' -> 'language'; 'advisor.api' -> 'api'."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imports_of(path: Path, module: str) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module.rsplit(".", 1)[0] if path.name != "__init__.py" else module
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
                names = [target] if node.module else [f"{target}.{a.name}" for a in node.names]
            else:
                names = [node.module or ""]
            found.update(n for n in names if n.startswith("advisor."))
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("advisor."))
    return found


def modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        yield path, ".".join(parts)


def test_every_module_lives_in_a_known_room():
    rooms = {layer_of(m) for _, m in modules()} - {"__init__", "__main__"}
    assert rooms <= set(LAYERS), f"rooms without a layer: {sorted(rooms - set(LAYERS))}"


def test_no_module_imports_one_above_it():
    upward = []
    for path, module in modules():
        own = layer_of(module)
        if own in ("__init__", "__main__"):
            continue  # the package's public face re-exports from any layer
        for target in imports_of(path, module):
            other = layer_of(target)
            if other in LAYERS and LAYERS.index(other) > LAYERS.index(own):
                upward.append(f"{module} imports {target}")
    assert not upward, "\n".join(upward)


def test_the_check_sees_an_upward_import(tmp_path):
    """The checker itself must catch a violation (so the test above can fail)."""
    bad = tmp_path / "pack.py"
    bad.write_text("from ..output import render\n")
    assert {layer_of(t) for t in imports_of(bad, "advisor.language.pack")} == {"output"}
