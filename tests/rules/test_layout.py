"""The house rules that keep the code navigable, checked on the source itself.

Reading the source as text (``ast``), not importing it: a rule broken in a
module no test imports is still caught.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator
from pathlib import Path

from support import REPO

PACKAGE = REPO / "briefing"


@functools.cache
def parsed() -> tuple[tuple[str, Path, ast.Module], ...]:
    """Every module of the package, parsed once a session (the trees are only read)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        dotted = ".".join(path.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__")
        found.append((dotted, path, ast.parse(path.read_text(encoding="utf-8"))))
    return tuple(found)


def modules() -> Iterator[tuple[str, Path, ast.Module]]:
    yield from parsed()


def imports(
    tree: ast.Module, dotted: str, is_package: bool
) -> Iterator[tuple[str, list[str], int]]:
    """(module imported, names taken from it, line), function-level imports included."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = dotted.split(".")
                keep = len(parts) - node.level + (1 if is_package else 0)
                base = ".".join(parts[:keep] + ([base] if base else []))
            yield base, [a.name for a in node.names], node.lineno
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, [], node.lineno


def face_table(tree: ast.Module, package: str) -> dict[str, str]:
    """A package face's lazy table: exported name -> the module it lives in."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "lazy_exports":
            table = node.args[1]
            assert isinstance(table, ast.Dict)
            return {
                key.value: value.value
                if value.value.startswith("briefing.")
                else f"{package}.{value.value}"
                for key, value in zip(table.keys, table.values, strict=True)
                if isinstance(key, ast.Constant) and isinstance(value, ast.Constant)
            }
    return {}


def test_no_module_imports_another_modules_private_names() -> None:
    found = []
    for dotted, path, tree in modules():
        for module, names, line in imports(tree, dotted, path.name == "__init__.py"):
            if not module.startswith("briefing") or module == dotted:
                continue
            private = [n for n in names if n.startswith("_") and not n.startswith("__")]
            if private:
                found.append(f"{path.relative_to(REPO)}:{line}: {module} {private}")
    assert found == []


def test_no_import_cycles() -> None:
    """Between modules of the package, counting imports inside functions too.

    Package ``__init__`` faces are left out: they import lazily (PEP 562) and
    name their modules only for the type checker. An import of a face counts as
    an import of the module the name lives in, so a cycle through a face is caught.
    """
    graph: dict[str, set[str]] = {}
    files = {dotted for dotted, path, _ in modules() if path.name != "__init__.py"}
    faces = {
        dotted: face_table(tree, dotted)
        for dotted, path, tree in modules()
        if path.name == "__init__.py"
    }
    for dotted, path, tree in modules():
        if path.name == "__init__.py":
            continue
        edges = graph.setdefault(dotted, set())
        for module, names, _ in imports(tree, dotted, False):
            for name in names or [""]:
                # ``from pkg import mod`` names a module; ``from face import name`` the
                # module the face takes ``name`` from; ``from mod import name`` mod itself.
                target = f"{module}.{name}"
                if target not in files:
                    target = faces.get(module, {}).get(name, module)
                if target in files and target != dotted:
                    edges.add(target)
    cycles = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append(" -> ".join([*stack[stack.index(nxt) :], nxt]))
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    assert cycles == []


TESTS = REPO / "tests"


def test_no_folder_is_a_warehouse() -> None:
    """About a dozen modules a folder at most: past that, split it by concern.

    The tests too: helpers and conftest.py count, a folder of test data does not.
    """
    folders = [
        folder
        for top in (PACKAGE, TESTS)
        for folder in [top, *top.rglob("*")]
        if folder.is_dir() and "fixtures" not in folder.relative_to(REPO).parts
    ]
    crowded = {
        str(folder.relative_to(REPO)): count
        for folder in folders
        if (count := len([p for p in folder.glob("*.py") if p.name != "__init__.py"])) > 13
    }
    assert crowded == {}
    assert TESTS in folders and any(f.parent == TESTS for f in folders)  # the walk saw tests/


def test_every_name_imported_from_a_package_face_is_exported_by_it() -> None:
    """Package faces export lazily, so the type checker cannot see a missing name: this can.

    Every ``from briefing.model.PKG import NAME`` must name a module of PKG or a
    name in PKG's ``__all__``, and every name in ``__all__`` must resolve.
    """
    import importlib

    faces = {
        dotted: path.parent
        for dotted, path, _ in modules()
        if path.name == "__init__.py" and dotted.startswith("briefing.model")
    }
    every_import = [
        (path, module, names, line)
        for importer, path, tree in modules()
        for module, names, line in imports(tree, importer, path.name == "__init__.py")
    ]
    missing = []
    for dotted, face in faces.items():
        package = importlib.import_module(dotted)
        exported = set(getattr(package, "__all__", ()))
        missing += [f"{dotted}.{n} does not resolve" for n in exported if not hasattr(package, n)]
        faces_modules = {p.stem for p in face.iterdir() if p.suffix == ".py" or p.is_dir()}
        for path, module, names, line in every_import:
            if module != dotted:
                continue
            unknown = [n for n in names if n not in exported and n not in faces_modules]
            if unknown:
                missing.append(f"{path.relative_to(REPO)}:{line}: {dotted} has no {unknown}")
    assert missing == []
