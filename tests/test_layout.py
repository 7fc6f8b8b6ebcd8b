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


# --- no import circles -------------------------------------------------------------------------
def import_graph(found) -> dict[str, set[str]]:
    """module -> the advisor modules it imports (``from .x import name`` counts as importing ``x``)."""
    found = list(found)
    names = {module for _, module in found}
    graph: dict[str, set[str]] = {}
    for path, module in found:
        targets = set()
        for target in imports_of(path, module):
            while target and target not in names:  # "advisor.language.pack.PackSpec" -> the module
                target = target.rpartition(".")[0]
            if target and target != module:
                targets.add(target)
        graph[module] = targets
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every group of modules that import each other (Tarjan's strongly connected components)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_circles():
    """Lazy imports inside functions count too: a circle hidden in a function is still a circle
    (issue 20: language/pack <-> language/packpath, portfolio/batch <-> portfolio/dask_run)."""
    assert circles(import_graph(modules())) == []


def test_the_check_sees_an_import_circle(tmp_path):
    (tmp_path / "pack.py").write_text("from .packpath import PackPath\n")
    (tmp_path / "packpath.py").write_text("def resolve():\n    from .pack import read_pack_spec\n")
    (tmp_path / "conditions.py").write_text("import json\n")
    found = [(tmp_path / f"{name}.py", f"advisor.language.{name}") for name in ("pack", "packpath", "conditions")]
    assert circles(import_graph(found)) == [["advisor.language.pack", "advisor.language.packpath"]]
