"""The floors of docs/architecture.md, beyond what import-linter checks: no cycle of
imports made when a module loads. A cycle is allowed only through an import inside a
function (a model's get_context importing its page_context, an AppConfig.ready()), which
runs once every module has loaded."""

import ast
from pathlib import Path

from django.conf import settings

APPS = ("core", "home", "directory", "offers", "stories", "logins", "insights", "demo", "vitrine")
ROOT = Path(settings.BASE_DIR)


def module_name(path):
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def top_level_imports(path, modules):
    """The project's modules that `path` imports when it loads: the imports of its body
    and of its class bodies and `if`/`try` blocks, not those inside functions."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()

    def visit(nodes):
        for node in nodes:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                    base = f"{base}.{node.module}" if node.module else base
                targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
            else:
                visit(ast.iter_child_nodes(node))
                continue
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    found.add(target)

    visit(ast.parse(path.read_text()).body)
    return found


def import_graph():
    paths = [
        path
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts
    ]
    modules = {module_name(path): path for path in paths}
    return {name: top_level_imports(path, modules) for name, path in modules.items()}


def find_cycle(graph):
    """One cycle of `graph` ({module: imported modules}) as a list, or None."""
    state = {}

    def walk(node, trail):
        state[node] = "open"
        trail.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                return trail[trail.index(nxt) :] + [nxt]
            if nxt not in state and (cycle := walk(nxt, trail)):
                return cycle
        state[node] = "done"
        trail.pop()
        return None

    for node in sorted(graph):
        if node not in state and (cycle := walk(node, [])):
            return cycle
    return None


def test_no_module_imports_itself_back_when_it_loads():
    cycle = find_cycle(import_graph())
    assert cycle is None, " -> ".join(cycle)


def test_a_cycle_is_found_when_there_is_one():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None
