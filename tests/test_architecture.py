"""The house rules a reader relies on: no import cycles, no module past 400 lines.

The layers between the apps (alliance > registration | proposals | organisers >
speakers > outbox > events) and the rule that no app imports ``bench`` are
import-linter contracts in pyproject.toml, checked by ``make lint``. This test
adds what a contract cannot say: that no two modules of the apps import each
other, even through others or inside a function (grimp, import-linter's engine,
sees those imports too).
"""

from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = (
    "alliance",
    "events",
    "outbox",
    "speakers",
    "registration",
    "proposals",
    "organisers",
    "webhooks",
)
MAX_LINES = 400


def import_cycles(graph: grimp.ImportGraph, modules: set[str]) -> list[list[str]]:
    """Each group of modules that import one another, as one cycle through them.

    Tarjan's strongly connected components, iteratively; a group of one module
    is no cycle. Each group is reported as a chain ``a -> b -> ... -> a``.
    """
    edges = {
        module: sorted(graph.find_modules_directly_imported_by(module) & modules)
        for module in sorted(modules)
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []
    for start in edges:
        if start in index:
            continue
        work = [(start, iter(edges[start]))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            module, targets = work[-1]
            target = next(targets, None)
            if target is None:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[module])
                if low[module] == index[module]:
                    group = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.add(member)
                        if member == module:
                            break
                    if len(group) > 1:
                        groups.append(group)
            elif target not in index:
                index[target] = low[target] = len(index)
                stack.append(target)
                on_stack.add(target)
                work.append((target, iter(edges[target])))
            elif target in on_stack:
                low[module] = min(low[module], index[target])
    return sorted(_cycle_through(group, edges) for group in groups)


def _cycle_through(group: set[str], edges: dict[str, list[str]]) -> list[str]:
    """The shortest way from the group's first module back to itself."""
    start = min(group)
    paths = {start: [start]}
    queue = [start]
    while queue:
        module = queue.pop(0)
        for target in edges[module]:
            if target == start:
                return [*paths[module], start]
            if target in group and target not in paths:
                paths[target] = [*paths[module], target]
                queue.append(target)
    raise AssertionError(f"no cycle in {sorted(group)}")  # pragma: no cover


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    """Every import that runs, at module level or inside a function.

    Imports under ``if TYPE_CHECKING`` never run: a validator may name the model it
    checks in an annotation while the model imports the validator.
    """
    return grimp.build_graph(
        *APPS,
        include_external_packages=False,
        exclude_type_checking_imports=True,
        cache_dir=None,
    )


def test_no_import_cycle_between_modules_of_the_apps(graph):
    modules = {module for module in graph.modules if ".migrations" not in module}

    cycles = [" -> ".join(cycle) for cycle in import_cycles(graph, modules)]

    assert cycles == [], "import cycles:\n" + "\n".join(cycles)


def test_the_cycle_finder_reports_a_readable_chain():
    graph = grimp.ImportGraph()
    for importer, imported in [("a.x", "a.y"), ("a.y", "a.z"), ("a.z", "a.x")]:
        graph.add_import(importer=importer, imported=imported)
    graph.add_import(importer="a.z", imported="a.w")

    cycles = import_cycles(graph, {"a.x", "a.y", "a.z", "a.w"})

    assert cycles == [["a.x", "a.y", "a.z", "a.x"]]


def test_no_app_module_is_over_400_lines():
    too_long = {
        str(path.relative_to(ROOT)): lines
        for app in APPS
        for path in sorted((ROOT / app).rglob("*.py"))
        if "migrations" not in path.parts
        and (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }

    assert too_long == {}, "over 400 lines:\n" + "\n".join(
        f"{path}: {lines}" for path, lines in too_long.items()
    )
