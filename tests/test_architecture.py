"""Imports run one way: extractors ← catalog ← load ← defs ← cli; the checks depend on
the catalog only; nothing outside the extractor reaches past its public API; importing
the definitions does no work."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("extractors", "orchestration", "expectations")

# layer -> the layers it may import (besides itself)
ALLOWED = {
    "extractors": set(),
    "paths": set(),
    "locking": set(),
    "catalog": {"extractors", "paths"},
    "load": {"extractors", "catalog", "paths"},
    "checks": {"catalog"},
    "publication": {"extractors", "catalog", "paths"},  # the site reads the PDFs, hashed as the extractor hashes them
    "defs": {"extractors", "catalog", "load", "checks", "publication", "paths", "locking"},
    "definitions": {"defs"},
    "cli": {"extractors", "catalog", "load", "checks", "publication", "paths", "locking", "defs", "definitions"},
}


def _layer(module: str) -> str:
    parts = module.split(".")
    if parts[0] == "extractors":
        return "extractors"
    if parts[0] == "expectations":
        return "checks"
    if parts[0] == "orchestration":
        return parts[1] if len(parts) > 1 else "cli"
    raise ValueError(module)


def _modules() -> dict[str, Path]:
    out = {}
    for pkg in PACKAGES:
        for f in (ROOT / pkg).rglob("*.py"):
            rel = f.relative_to(ROOT).with_suffix("")
            parts = list(rel.parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            out[".".join(parts)] = f
    return out


def _imports(module: str, path: Path, known: set[str]) -> set[str]:
    """Every project module this one imports, at the top or inside a function (a lazy
    import is a dependency all the same)."""
    is_pkg = path.name == "__init__.py"
    package = module if is_pkg else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            names = [base] + [f"{base}.{a.name}" for a in node.names]
        for name in names:
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name and name != module:
                found.add(name)
    return found


def test_imports_follow_the_layers_and_make_no_cycle():
    modules = _modules()
    known = set(modules)
    graph = {m: _imports(m, p, known) for m, p in modules.items()}
    wrong = []
    for m, deps in graph.items():
        for d in deps:
            a, b = _layer(m), _layer(d)
            if a != b and b not in ALLOWED[a]:
                wrong.append(f"{m} ({a}) imports {d} ({b})")
            if b == "extractors" and a != "extractors" and d != "extractors":
                wrong.append(f"{m} reaches into the extractor's internals: {d}")
    assert not wrong, "\n".join(sorted(wrong))

    # no cycle between modules (a package's __init__ re-exporting its own modules aside)
    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(m, stack):
        state[m] = 1
        for d in graph[m]:
            if d.startswith(m + "."):
                continue  # a package importing its own submodule
            if state.get(d) == 1:
                cycle.extend(stack[stack.index(d):] + [d] if d in stack else [m, d])
                return True
            if state.get(d) is None and visit(d, stack + [d]):
                return True
        state[m] = 2
        return False

    for m in sorted(graph):
        if state.get(m) is None and visit(m, [m]):
            break
    assert not cycle, " -> ".join(cycle)


def test_importing_the_definitions_does_no_work():
    """No dbt parse, no catalog read, no heavy library at import: the definitions are
    built when Dagster loads the code location."""
    code = ("import sys, orchestration.catalog as c; "
            "c.Catalog.load = classmethod(lambda *a, **k: sys.exit('the catalog was read at import')); "
            "import orchestration.definitions, orchestration.cli; "
            "heavy = [m for m in ('dbt.cli.main', 'great_expectations') if m in sys.modules]; "
            "print(heavy)")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "[]", res.stdout
