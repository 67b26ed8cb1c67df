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


# -- read models apart from writers --------------------------------------------------------

EFFECTS = {"send_after_commit", "on_commit"}  # mail queued for after the commit: an act, not a read

# Public functions of a services/ package that do not write and still belong there, each with
# the reason. Anything else that only reads goes to the area's queries.py / <topic>_queries.py.
NOT_READERS = {
    "forum.accounts.services.authenticate": "the sign-in check: a refusal with its reason",
    "forum.accounts.services.check_password": "the fresh-login check before a sensitive change",
    "forum.accounts.services.find_by_email": "the writers' own lookup (register, reset)",
    "forum.accounts.services.normalise_email": "what register records, the rule the sign-in form applies too",
    "forum.consultations.services.notice_warnings": "the open form's warnings about the notice it records",
    "forum.forums.services.parse_cycle": "validates the cycle the forum writers record",
    "forum.forums.services.has_both_chairs": "the rule the seat writers keep (a forum never loses a co-chair side)",
    "forum.forums.services.witnesses.organisations_for": "the choices of the witness form, checked by the writer",
    "forum.organisations.services.name_key": "the key the writer records to refuse a near-duplicate name",
    "forum.sessions.services.chair_of": "the acting co-chair seat the session writers require and record",
    "forum.sessions.services.require_live": "a refusal the session writers share (the session must be live)",
    "forum.sessions.services.off_schedule": "what the start/end writers record when a session runs off its time",
    "forum.sessions.services.member_seat": "the seat the attendance and vote writers require and record",
    "forum.sessions.services.require_present": "a refusal the vote writers share (present in the room)",
    "forum.sessions.services.motions.quorum_record": "the quorum figures the motion writers record on the trail",
    "forum.uploads.services.judge": "the check `store` applies, asked by forms before they store",
    "forum.uploads.services.clean_name": "the file name `store` records",
    "forum.voice.services.require_region": "a refusal the workshop writers share",
    "forum.voice.services.recorded_comments.of_comments": "what the recorded-comment writer stored, read back",
}


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(module: str, is_package: bool, tree: ast.AST) -> dict[str, str]:
    """name -> what it stands for ("forum.x.services" or "forum.x.services.f"), every import in the module."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = module.split(".") if is_package else module.split(".")[:-1]
            if node.level:
                base = base[:len(base) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            for a in node.names:
                names[a.asname or a.name] = f"{source}.{a.name}"
        elif isinstance(node, ast.Import):
            for a in node.names:
                names[a.asname or a.name] = a.name
    return names


def _references(node: ast.AST, names: dict[str, str], local: str) -> set[str]:
    """Dotted names a body calls: a local function, an imported one, or module.function."""
    found = set()
    for call in ast.walk(node):
        if not isinstance(call, ast.Call):
            continue
        f = call.func
        if isinstance(f, ast.Name):
            found.add(names.get(f.id, f"{local}.{f.id}"))
        elif isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id in names:
            found.add(f"{names[f.value.id]}.{f.attr}")
    return found


def _sets_attribute(target: ast.AST) -> bool:
    """`row.x = ...` or `row.x[k] = ...` (also in a tuple), not `counts[k] = ...` on a local dict."""
    if isinstance(target, (ast.Tuple, ast.List)):
        return any(_sets_attribute(t) for t in target.elts)
    if isinstance(target, ast.Starred):
        return _sets_attribute(target.value)
    while isinstance(target, ast.Subscript):
        target = target.value
    return isinstance(target, ast.Attribute)


def _acts(node: ast.AST) -> bool:
    """A write of its own: the trail, rows, DML, a row's attribute set, mail queued."""
    if writes(node):
        return True
    for n in ast.walk(node):
        if isinstance(n, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = n.targets if isinstance(n, ast.Assign) else [n.target]
            if any(_sets_attribute(target) for target in targets):
                return True
        if isinstance(n, ast.Call) and ast.unparse(n.func).split(".")[-1] in EFFECTS:
            return True
    return False


def services_readers() -> dict[str, str]:
    """dotted name -> "path:line" of each public function in a services/ package that neither
    writes nor calls a function that does (followed through the package's own imports)."""
    functions, uses = {}, {}
    for path in sorted(FORUM.rglob("*.py")):
        where = str(path.relative_to(ROOT))
        if not is_service(where):
            continue
        module, tree = _module(path), ast.parse(path.read_text())
        names = _imports(module, path.name == "__init__.py", tree)
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                functions[f"{module}.{node.name}"] = (f"{where}:{node.lineno}", node)
                uses[f"{module}.{node.name}"] = _references(node, names, module)
    writing = {name for name, (_, node) in functions.items() if _acts(node)}
    while True:
        more = {name for name in functions if name not in writing and uses[name] & writing}
        if not more:
            break
        writing |= more
    return {name: at for name, (at, _) in functions.items()
            if name not in writing and not name.rsplit(".", 1)[1].startswith("_")}


def test_the_reader_finder_follows_calls_to_writers():
    readers = services_readers()
    assert "forum.proposals.services.submit" not in readers  # writes itself
    assert "forum.plans.services.agreed.sign" not in readers  # writes itself
    assert "forum.consultations.services.publish_due" not in readers  # only through publish_comments
    assert "forum.sessions.services.chair_of" in readers  # a refusal, allowed below


def test_services_hold_no_read_models():
    """A newcomer looking for how X is read opens queries.py or <topic>_queries.py, never a
    services/ module: a public function there that neither writes nor calls a writer is a
    read model (move it beside `sessions/motion_queries.py`), unless it is a helper of the
    writers listed with its reason in NOT_READERS."""
    readers = services_readers()
    stray = sorted(f"{at}: {name}" for name, at in readers.items() if name not in NOT_READERS)
    assert stray == [], ("read models live outside services/ (docs/architecture.md, 'Where writes live'):\n"
                         + "\n".join(stray))
    stale = sorted(set(NOT_READERS) - set(readers))
    assert stale == [], "no longer a non-writing function of a services/ package: drop from NOT_READERS\n" + \
        "\n".join(stale)
