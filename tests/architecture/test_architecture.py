"""The shape of the code, checked: rules live in the domain, edges only ask.

A permission check written again in a route, a socket handler or a template is how two
answers to one question start; these tests make that hard to do by accident.
"""
import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORUM = ROOT / "forum"
AREAS = sorted(p.name for p in FORUM.iterdir()
               if (p / "__init__.py").exists() and p.name not in {"migrations", "translations", "core"})
NOT_CODE = {"migrations", "translations"}  # Alembic's scripts and the catalogues

# Who-is-who lookups that only a policy (or a service, after asking one) may use.
EDGE_FORBIDDEN = re.compile(r"abort\(403\)|\b(chair_seat|active_seat|seat_of|approved_membership|is_admin)\(")
TEMPLATE_FORBIDDEN = re.compile(r"current_user\.is_admin|current_user\.id\s*==|(?<![.\w])chair\.role|"
                                r"forum\.status\s*==\s*'open'|\bacting_orgs\b.*\bif\b|phase\s*==\s*'closed'")

# --- which modules are web edges: found by what they do, not by their name ---------------------

ROUTE_DECORATORS = {"route", "get", "post", "put", "patch", "delete"}  # @bp.get(...), @app.route(...)
REGISTERING_CALLS = {"add_url_rule", "on_event", "Blueprint"}  # bp.add_url_rule, socketio.on_event, Blueprint(...)


def registers(tree: ast.AST) -> str | None:
    """How a module registers a route or a socket event, or None: a route decorator, a socket
    handler (@socketio.on), add_url_rule, on_event or a Blueprint of its own."""
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for decorator in node.decorator_list:
                f = decorator.func if isinstance(decorator, ast.Call) else decorator
                if isinstance(f, ast.Attribute) and (f.attr in ROUTE_DECORATORS or
                                                     (f.attr == "on" and ast.unparse(f.value) == "socketio")):
                    return f"@{ast.unparse(f)}"
        if isinstance(node, ast.Call):
            f = node.func
            name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else None
            if name in REGISTERING_CALLS:
                return f"{name}(...)"
    return None


def _code():
    for path in sorted(FORUM.rglob("*.py")):
        if not NOT_CODE & set(path.relative_to(FORUM).parts):
            yield path


def defines_a_form(tree: ast.AST) -> bool:
    """A web form (a FlaskForm): the shape of what a page sends, the edge's first check."""
    return any(isinstance(node, ast.ClassDef) and any(ast.unparse(b).endswith("FlaskForm") for b in node.bases)
               for node in ast.walk(tree))


EDGES = {path: how for path in _code() if (how := registers(ast.parse(path.read_text())))}
FORMS = {path for path in _code() if defines_a_form(ast.parse(path.read_text()))}
REGISTRARS = {FORUM / "web.py", FORUM / "__init__.py"}  # the wiring: they register every edge


def _edges():
    yield from EDGES


def test_the_edges_are_found_by_what_they_do():
    """A page in a file named for its topic (import_routes.py, a language switch) is an
    edge all the same; and the wiring registers blueprints, it defines none."""
    found = {str(p.relative_to(ROOT)) for p in EDGES}
    assert {"forum/commitments/import_routes.py", "forum/commitments/assessment_routes.py",
            "forum/accounts/language_routes.py", "forum/sessions/sockets.py", "forum/api/operations.py"} <= found
    assert not REGISTRARS & set(EDGES)
    assert registers(ast.parse("@bp.post('/x')\ndef f(): pass")) and \
        registers(ast.parse("@socketio.on('join', namespace='/live')\ndef f(): pass")) and \
        registers(ast.parse("bp = Blueprint('x', __name__)")) and not registers(ast.parse("d.get('x')"))


def test_routes_and_socket_handlers_decide_nothing_themselves():
    found = [f"{p.relative_to(ROOT)}:{n}: {line.strip()}" for p in _edges()
             for n, line in enumerate(p.read_text().splitlines(), 1) if EDGE_FORBIDDEN.search(line)]
    assert found == [], "ask the area's policy.py instead:\n" + "\n".join(found)


def test_templates_ask_the_policies():
    found = [f"{p.relative_to(ROOT)}:{n}: {line.strip()}" for p in sorted((ROOT / "templates").rglob("*.html"))
             for n, line in enumerate(p.read_text().splitlines(), 1) if TEMPLATE_FORBIDDEN.search(line)]
    assert found == [], "use can.<area>.may_x(...) or a decision from the view:\n" + "\n".join(found)


# --- no template or script re-derives a predicate ------------------------------------------------

# A role, a seat or an admin flag tested in a template or a script is a rule written twice.
ROLE_CHECK = re.compile(r"\bis_admin\b|\bis_chair\b|\bco_?chair\b|\brole\s*[!=]==?|\bme\.(chair|member|writer|admin)\b|"
                        r"\bwriter\s*[!=]==?|\bseat\.(role|user_id)\s*[!=]=")
# (file, the text of the line that matches) -> why it decides nothing
ROLE_CHECK_ALLOWED = {
    ("templates/forums/show.html", "{% if s.is_chair %}, {{ roles[s.role] }}{% endif %}"):
        "names the seat's role after the person's name; the remove control asks can.forums.may_remove_seat",
    ("templates/organisations/show.html", '{% if m.is_admin %} <span class="badge">{{ _("admin") }}</span>'):
        "the organisation-admin badge beside a member's name: a fact shown, no control behind it",
}


def test_no_template_or_script_re_derives_a_predicate():
    """Templates get `can.<area>.may_x(...)` or a decision from the view; the live page's script
    gets `may` from the server (sessions.policy.may), per person."""
    files = [*sorted((ROOT / "templates").rglob("*.html")), *sorted((ROOT / "static").glob("*.js"))]
    found, used = [], set()
    for path in files:
        where = str(path.relative_to(ROOT))
        for n, line in enumerate(path.read_text().splitlines(), 1):
            for match in ROLE_CHECK.finditer(line):
                allowed = [key for key in ROLE_CHECK_ALLOWED if key[0] == where and key[1] in line]
                used.update(allowed)
                if not allowed:
                    found.append(f"{where}:{n}: {match.group(0)!r} in {line.strip()[:120]}")
    assert found == [], ("ask the policy (can.<area>.may_x, or `may` in the live state) instead, or add the "
                         "line to ROLE_CHECK_ALLOWED with the reason it decides nothing:\n" + "\n".join(found))
    assert used == set(ROLE_CHECK_ALLOWED), f"allowed lines that no longer exist: {set(ROLE_CHECK_ALLOWED) - used}"


# --- writes: one commit, in run ------------------------------------------------------------------

# Where a commit is the point, not a write's edge.
COMMITTERS = {
    "forum/core/views.py": "run and commit: the one commit of every page, API call and socket event",
    "forum/cli.py": "command-line tasks, each its own transaction",
    "forum/demo/": "the demo builder, which commits as it builds so later steps see the rows",
}


def test_only_run_commits():
    """Services never commit; every edge commits through core.views (run, or commit for a
    JSON edge), so a refusal is rolled back and mapped in one place."""
    found = []
    for path in _code():
        where = str(path.relative_to(ROOT))
        if any(where.startswith(home) for home in COMMITTERS):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "commit" \
                    and ast.unparse(node.func.value).endswith("session"):
                found.append(f"{where}:{node.lineno}: {ast.unparse(node)}")
    assert found == [], "commits outside run:\n" + "\n".join(found)


# --- the layers, as docs/architecture.md writes them --------------------------------------------

DOC = ROOT / "docs" / "architecture.md"
LAYERS_MARK = "<!-- layers:"


def documented_layers() -> list[set[str]]:
    """The order of docs/architecture.md, lowest first: the indented block after the
    `<!-- layers: ... -->` mark, `<` between layers and `,` between areas of one layer."""
    lines = DOC.read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(LAYERS_MARK)) + 1
    block = []
    for line in lines[start:]:
        if block and not line.startswith("    "):
            break
        if line.strip():
            block.append(line.strip())
    return [{name.strip() for name in layer.split(",")} for layer in " ".join(block).split("<")]


def unit_of(path: Path) -> str:
    """The area a file belongs to (forum/<area>/...), or the top-level module's own name."""
    parts = path.relative_to(FORUM).parts
    return parts[0] if len(parts) > 1 else path.stem


def _imports(path: Path):
    """(module imported, names) for every import in a file, nested ones included."""
    module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    package = module.split(".")[:-1] if path.name != "__init__.py" else module.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = [*base, *(node.module.split(".") if node.module else [])] if node.level else node.module.split(".")
            yield target, [a.name for a in node.names]
        elif isinstance(node, ast.Import):
            for a in node.names:
                yield a.name.split("."), []


def _units_imported(path: Path, units: set[str]):
    """Each forum area or top-level module a file imports."""
    for target, names in _imports(path):
        if target[:1] != ["forum"]:
            continue
        for name in [target[1]] if len(target) > 1 else names:
            if name in units:
                yield name


def test_every_area_has_its_place_in_the_order():
    layers = documented_layers()
    placed = [name for layer in layers for name in layer]
    assert len(placed) == len(set(placed)), "an area is named twice in the order of docs/architecture.md"
    units = {unit_of(p) for p in _code()}
    missing = sorted(units - set(placed))
    assert not missing, (f"{', '.join(missing)}: no place in the order of areas. Add each to the indented "
                         f"block after `{LAYERS_MARK}` in docs/architecture.md: after every area it imports "
                         "(`<` starts a higher layer, `,` adds to a layer), before every area that imports it.")
    assert not set(placed) - units, f"the order names areas that do not exist: {set(placed) - units}"


def test_imports_follow_the_documented_order():
    """An area's modules import only the areas below it in docs/architecture.md (imports inside
    functions included). The edges (modules that register routes or socket events, and the
    web forms they read) sit on top and may ask any area."""
    layers = documented_layers()
    rank = {name: i for i, layer in enumerate(layers) for name in layer}
    found = []
    for path in _code():
        if path in EDGES or path in FORMS:
            continue
        unit = unit_of(path)
        for other in _units_imported(path, set(rank)):
            if other != unit and unit in rank and rank[other] >= rank[unit]:
                found.append(f"{path.relative_to(ROOT)} ({unit}, layer {rank[unit]}) imports {other} "
                             f"(layer {rank[other]})")
    assert found == [], ("imports against the order of docs/architecture.md: hand the higher area's answer in, "
                         "or move the code down:\n" + "\n".join(sorted(set(found))))


def test_only_the_wiring_imports_an_edge():
    """Only forum/web.py and forum/__init__.py register blueprints and socket handlers: no
    area imports another area's edge (within an area, the API's description reads its
    declared operations)."""
    found = []
    edge_modules = {".".join(p.relative_to(ROOT).with_suffix("").parts): p for p in EDGES}
    for path in _code():
        if path in REGISTRARS:
            continue
        for target, names in _imports(path):
            for module in [".".join(target), *(".".join([*target, n]) for n in names)]:
                edge = edge_modules.get(module)
                if edge is not None and unit_of(path) != unit_of(edge):
                    found.append(f"{path.relative_to(ROOT)} imports {module}")
    assert found == [], "\n".join(found)


def test_core_knows_no_domain_area():
    found = []
    for path in sorted((FORUM / "core").rglob("*.py")):
        for target, names in _imports(path):
            if target[:1] == ["forum"] and len(target) > 1 and target[1] in AREAS:
                found.append(f"{path.relative_to(ROOT)} imports {'.'.join(target)}")
            if target == ["forum"] and set(names) & set(AREAS):
                found.append(f"{path.relative_to(ROOT)} imports {names}")
    assert found == []


def test_no_module_imports_another_modules_private_names():
    found = []
    for path in sorted(FORUM.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for target, names in _imports(path):
            if target[:1] != ["forum"]:
                continue
            for name in names:
                if name.startswith("_") and not name.startswith("__"):
                    found.append(f"{path.relative_to(ROOT)} imports {'.'.join(target)}.{name}")
    assert found == [], "\n".join(found)


def test_every_area_that_answers_questions_has_a_policy_or_queries_module():
    for area in ("commitments", "consultations", "forums", "organisations", "proposals", "sessions"):
        assert (FORUM / area / "policy.py").exists(), area
        assert (FORUM / area / "queries.py").exists(), area


def test_every_notification_kind_has_its_sentence():
    """Areas send notices with `notify(..., "kind", ...)`; the notifications page must be able
    to say each one."""
    from forum.notifications.routes import DESCRIBE
    sent = {m for path in FORUM.rglob("*.py") for m in re.findall(r'notify\([^,]+, "(\w+)"', path.read_text())}
    assert sent and sent <= set(DESCRIBE), sent - set(DESCRIBE)


# Where reading request.args is the point, not a view's own argument.
ARGS_READERS = {
    "forum/core/args.py": "the accessor every view reads its declared arguments through",
    "forum/web.py": "one NUL check over every argument and field, before any view",
    "forum/core/assets.py": "the static files' fingerprint (Flask's own view)",
    "forum/api/operations.py": "the API's declared argument schemas (marshmallow), the API's accessor",
    "forum/api/routes.py": "the next page's link carries the query over unread",
}


def test_no_view_reads_the_query_string_but_through_its_declaration():
    """Every query argument a view reads is declared (core.args.query) and read with its kind
    (core.args.arg): a number too big for a column is then a 400 with the reason everywhere,
    and the fuzz (tests/fuzz/test_fuzz.py) finds every argument in the declarations."""
    found = []
    for path in sorted(FORUM.rglob("*.py")):
        where = str(path.relative_to(ROOT))
        if where in ARGS_READERS:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Attribute) and node.attr in ("args", "values") and \
                    isinstance(node.value, ast.Name) and node.value.id == "request":
                found.append(f"{where}:{node.lineno}: request.{node.attr}")
    assert found == [], "declare it with core.args.query and read it with arg():\n" + "\n".join(found)
