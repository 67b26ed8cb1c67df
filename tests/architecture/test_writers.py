"""Writers are named as such: every module that changes rows lives in its area's `services/` package.

A reader opening `forum/<area>/services/` sees every way the area's state changes; a module
anywhere else (`queries.py`, `public.py`, `policy.py`, a page) only reads. The test finds writers
by what they do, not by their name: a `trail.record(...)`, a `db.session.add/add_all/delete/merge`,
an `insert`/`update`/`delete` statement, or a query's `.delete()`.
"""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORUM = ROOT / "forum"

CONVENTION = ("writers live in forum/<area>/services/ (the area's services package: `services/__init__.py` "
              "or `services/<topic>.py`); readers in queries.py or public.py, predicates in policy.py "
              "(docs/architecture.md, 'Where writes live'). Move the writing function there, or hand it in.")

# Where writing rows is the point, not a service's: each with the reason.
NOT_SERVICES = {
    "forum/trail/": "the log itself: record() appends the entry, its tree nodes and counters, nothing else may",
    "forum/demo/": "the demo builder, which fills a forum through the services and commits as it goes",
    "forum/cli.py": "command-line tasks, each its own transaction",
    "forum/migrations/": "Alembic's scripts",
}

ROW_CALLS = {"add", "add_all", "delete", "merge"}  # on a session
STATEMENTS = {"insert", "update", "delete", "pg_insert", "sqlite_insert"}  # sqlalchemy's DML constructors
DIALECTS = {"sa", "sqlalchemy", "dialect", "postgresql", "sqlite"}


def writes(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, call) for each write in a module: the trail, a row added or deleted, a DML statement."""
    record_names = {a.asname or a.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                    and node.module and node.module.lstrip(".").endswith("trail") for a in node.names
                    if a.name == "record"}
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        if isinstance(f, ast.Attribute):
            owner = ast.unparse(f.value)
            if (f.attr == "record" and owner.split(".")[-1] == "trail") or \
                    (f.attr in ROW_CALLS and owner.endswith("session")) or \
                    (f.attr in STATEMENTS and owner in DIALECTS) or \
                    (f.attr == "delete" and not node.args and ".query" in owner):
                found.append((node.lineno, ast.unparse(f)))
        elif isinstance(f, ast.Name) and (f.id in record_names or (f.id in STATEMENTS and node.args)):
            found.append((node.lineno, f.id))
    return found


def is_service(where: str) -> bool:
    parts = where.split("/")
    return len(parts) >= 4 and parts[0] == "forum" and parts[2] == "services"


def is_models(where: str) -> bool:
    return where.endswith("models.py")


def test_the_detector_sees_each_kind_of_write():
    code = ("from forum.trail import record\n"
            "def f(s):\n"
            "    trail.record('x', None)\n    record('y', None)\n    db.session.add(s)\n"
            "    db.session.execute(update(S).where(S.id == 1))\n    stmt = dialect.insert(S)\n"
            "    S.query.filter_by(id=1).delete()\n"
            "    headers.update(X)\n    d.get('x')\n")
    assert sorted(call for _, call in writes(ast.parse(code))) == sorted([
        "trail.record", "record", "db.session.add", "update", "dialect.insert", "S.query.filter_by(id=1).delete"])


def test_only_services_write():
    """Every module outside an area's services/ package, models, the trail, the demo and the CLI
    only reads: a write found elsewhere names the convention."""
    found = []
    for path in sorted(FORUM.rglob("*.py")):
        where = str(path.relative_to(ROOT))
        if is_service(where) or is_models(where) or any(where.startswith(home) for home in NOT_SERVICES):
            continue
        for line, call in writes(ast.parse(path.read_text())):
            found.append(f"{where}:{line}: {call}(...)")
    assert found == [], CONVENTION + "\n" + "\n".join(found)


def test_every_area_that_writes_has_its_services_package():
    """The convention is one shape everywhere: no area keeps a services.py beside (or instead of) the package."""
    stray = sorted(str(p.relative_to(ROOT)) for p in FORUM.glob("*/services.py"))
    assert stray == [], CONVENTION + "\n" + "\n".join(stray)
