"""The shape of the code, checked: rules live in the domain, edges only ask.

A permission check written again in a route, a socket handler or a template is how two
answers to one question start; these tests make that hard to do by accident.
"""
import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORUM = ROOT / "forum"
AREAS = sorted(p.name for p in FORUM.iterdir()
               if (p / "__init__.py").exists() and p.name not in {"migrations", "translations", "core"})

# Who-is-who lookups that only a policy (or a service, after asking one) may use.
EDGE_FORBIDDEN = re.compile(r"abort\(403\)|\b(chair_seat|active_seat|seat_of|approved_membership|is_admin)\(")
TEMPLATE_FORBIDDEN = re.compile(r"current_user\.is_admin|current_user\.id\s*==|(?<![.\w])chair\.role|"
                                r"forum\.status\s*==\s*'open'|\bacting_orgs\b.*\bif\b|phase\s*==\s*'closed'")


def _edges():
    for path in sorted(FORUM.rglob("*.py")):
        if path.name in {"routes.py", "sockets.py"}:
            yield path


def test_routes_and_socket_handlers_decide_nothing_themselves():
    found = [f"{p.relative_to(ROOT)}:{n}: {line.strip()}" for p in _edges()
             for n, line in enumerate(p.read_text().splitlines(), 1) if EDGE_FORBIDDEN.search(line)]
    assert found == [], "ask the area's policy.py instead:\n" + "\n".join(found)


def test_templates_ask_the_policies():
    found = [f"{p.relative_to(ROOT)}:{n}: {line.strip()}" for p in sorted((ROOT / "templates").rglob("*.html"))
             for n, line in enumerate(p.read_text().splitlines(), 1) if TEMPLATE_FORBIDDEN.search(line)]
    assert found == [], "use can.<area>.may_x(...) or a decision from the view:\n" + "\n".join(found)


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


EDGE_MODULES = {"routes.py", "forms.py", "sockets.py"}


def _area_graph() -> dict[str, dict[str, list[str]]]:
    """area -> {area it imports -> [files]}, over the domain modules (not the web edges),
    imports inside functions included."""
    graph: dict[str, dict[str, list[str]]] = {}
    for path in sorted(FORUM.rglob("*.py")):
        parts = path.relative_to(FORUM).parts
        if len(parts) < 2 or parts[0] not in AREAS or path.name in EDGE_MODULES:
            continue
        for target, names in _imports(path):
            reached = [target[1]] if target[:1] == ["forum"] and len(target) > 1 else (
                names if target == ["forum"] else [])
            for area in reached:
                if area in AREAS and area != parts[0]:
                    graph.setdefault(parts[0], {}).setdefault(area, []).append(str(path.relative_to(ROOT)))
    return graph


def test_the_areas_form_layers_without_a_cycle():
    """core < trail < accounts < organisations < forums < notifications < proposals <
    consultations < sessions < commitments < dashboards, pages, demo: an area's domain
    modules import only areas below it. The web edges (routes, forms, sockets) sit on top
    and may ask any area."""
    graph = _area_graph()
    done: set[str] = set()

    def visit(area, path):
        if area in path:
            cycle = path[path.index(area):] + [area]
            hops = [f"{a} -> {b} ({graph[a][b][0]})" for a, b in zip(cycle, cycle[1:], strict=False)]
            raise AssertionError("import cycle between areas:\n" + "\n".join(hops))
        if area not in done:
            for nxt in graph.get(area, {}):
                visit(nxt, [*path, area])
            done.add(area)

    for area in AREAS:
        visit(area, [])


def test_no_area_imports_another_areas_web_edge():
    """Only the wiring at the top of the package (web.py, __init__.py) registers blueprints
    and socket handlers."""
    found = [f"{p.relative_to(ROOT)} imports {'.'.join(t)}" for p in sorted(FORUM.glob("*/**/*.py"))
             for t, _names in _imports(p)
             if t[:1] == ["forum"] and len(t) > 2 and t[1] in AREAS and f"{t[2]}.py" in {"routes.py", "sockets.py"}
             and p.relative_to(FORUM).parts[0] != t[1]]
    assert found == []


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
    and the fuzz (tests/test_fuzz.py) finds every argument in the declarations."""
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
