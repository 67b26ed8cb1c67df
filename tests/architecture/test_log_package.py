"""The log's package stands alone (issue 26.6), checked like an import-linter contract:
every import in trazalog/ — at the top of a module or inside a function, where a run-time
check of sys.modules would not look — is the standard library, `cryptography` (the one
dependency trazalog/pyproject.toml declares) or trazalog itself. So neither Flask nor
SQLAlchemy nor the app can creep in, and the traza-log wheel runs where they are absent."""
import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ALLOWED = {"cryptography", "trazalog"}


def imports(path: Path):
    """(line, top-level module) of every absolute import in a file; relative ones stay inside."""
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name.split(".")[0]) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module.split(".")[0]


def test_the_log_package_imports_only_the_standard_library_and_cryptography():
    modules = sorted((ROOT / "trazalog").glob("*.py"))
    assert len(modules) > 10
    outside = [f"trazalog/{path.name}:{line} imports {name}" for path in modules for line, name in imports(path)
               if name not in ALLOWED and name not in sys.stdlib_module_names]
    assert outside == []


def test_the_app_reaches_the_log_through_its_package():
    """forum/trail/ keeps the database and the routes; the pure parts are trazalog's, so no
    module of the app defines the entry's canonical bytes or the Merkle hashes again."""
    again = [f"{path.relative_to(ROOT)} defines {node.name}" for path in sorted((ROOT / "forum").rglob("*.py"))
             for node in ast.walk(ast.parse(path.read_text("utf-8")))
             if isinstance(node, ast.FunctionDef) and node.name in {"canonical_bytes", "entry_hash", "leaf_hash",
                                                                     "node_hash", "verify_inclusion", "make_note"}]
    assert again == []
