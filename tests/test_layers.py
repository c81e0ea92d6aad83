"""The package layout is the architecture: a lower layer never imports a higher one, no circles.

Every import counts, including those inside functions (the lazy imports for start-up speed must
still point downwards). See docs/architecture.md for what each layer holds.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "lintreport"

# Lowest first. A module may import its own layer and any layer before it.
LAYERS = ["base", "text", "document", "checks", "pack", "formats", "run", "policy", "cli", "api"]
BASE = {"model", "errors", "messages", "fingerprint", "version", "record"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1 or parts[1] == "__main__":
        return "api"  # the package facade: lintreport.lint_text and friends
    return "base" if parts[1] in BASE else parts[1]


def imports(path: Path) -> set[str]:
    """The project modules `path` imports, resolved to module names (a package's __init__ when a
    name is not a module of its own)."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "lintreport":
                continue
            for alias in node.names:
                candidate = f"{target}.{alias.name}"
                found.add(candidate if _exists(candidate) else target)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "lintreport"}
    found.discard(module)
    return found


def _exists(module: str) -> bool:
    rel = Path(*module.split("."))
    return (PACKAGE.parent / rel).with_suffix(".py").is_file() or (
        PACKAGE.parent / rel / "__init__.py"
    ).is_file()


GRAPH = {module_name(p): imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def test_every_module_is_in_a_known_layer() -> None:
    unknown = sorted(m for m in GRAPH if layer(m) not in LAYERS)
    assert not unknown, f"modules outside the layers of docs/architecture.md: {unknown}"


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_no_import_upwards(module: str) -> None:
    rank = LAYERS.index(layer(module))
    upward = sorted(t for t in GRAPH[module] if LAYERS.index(layer(t)) > rank)
    assert not upward, f"{module} ({layer(module)}) imports a higher layer: {upward}"


def test_no_import_circles() -> None:
    # A package __init__ that only re-exports is an edge to its modules; importing the package
    # from inside it is not a circle of modules, so those edges are dropped.
    graph = {
        m: {t for t in deps if not (m.startswith(t + ".") and t in GRAPH)}
        for m, deps in GRAPH.items()
    }
    state: dict[str, int] = {}
    stack: list[str] = []
    circles: list[list[str]] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for dep in sorted(graph.get(node, ())):
            if state.get(dep) == 1:
                circles.append([*stack[stack.index(dep) :], dep])
            elif dep not in state:
                visit(dep)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    assert not circles, "import circles: " + "; ".join(" -> ".join(c) for c in circles)


def test_the_check_catches_an_upward_import(tmp_path: Path) -> None:
    # The test itself must be able to fail: a document module importing a check is upward.
    assert LAYERS.index(layer("lintreport.document.structure")) < LAYERS.index(
        layer("lintreport.checks.base")
    )
    assert layer("lintreport.model") == "base" and layer("lintreport") == "api"
