"""Query-string arguments, declared by each view and read one way.

A view says which arguments it reads and of what kind (`@query(forum=ID, q=TEXT)`) and reads
them with `arg("forum")`. One reading for every page means one answer to a number no column
can hold (9223372036854775808, -1, "abc", "١٢"): a 400 that names the argument and the range,
or a 404 for a page beyond any list — never a database overflow and a 500. The declaration
is also what the fuzz (tests/fuzz/test_fuzz.py) walks: every argument of every view, from the
code, not from a list kept beside it. Reading an undeclared name is a programming error
(LookupError), so a declaration cannot fall behind its view; tests/architecture/test_architecture.py
checks that no view reads request.args past this module.

Socket payloads use the same range (`payload_number`): an id in a live-session event is
refused with the same reason as one in a URL."""
import inspect
from collections.abc import Callable
from dataclasses import dataclass

from flask import abort, current_app, request
from flask_babel import lazy_gettext as _l

from .errors import DomainError
from .lookup import MAX_ID, whole_number

MAX_PAGE = 10_000_000  # beyond any list: a 404 before it reaches a database OFFSET


class BadArgument(DomainError):
    """An argument that cannot mean anything (400, with the argument named as the field)."""


def _range_problem(name: str, low: int, high: int) -> BadArgument:
    return BadArgument(_l("“%(name)s” must be a number from %(low)s to %(high)s.", name=name, low=low, high=high),
                       name)


@dataclass(frozen=True)
class Number:
    """A whole number in [low, high]; absent or empty is None."""
    low: int = 1
    high: int = MAX_ID

    def read(self, name: str, raw: str) -> int | None:
        if raw == "":
            return None
        number = whole_number(raw, self.low, self.high)
        if number is None:
            raise _range_problem(name, self.low, self.high)
        return number


@dataclass(frozen=True)
class Page(Number):
    """A page of a list: 1 when absent, a 404 beyond MAX_PAGE (there is no such page)."""
    high: int = MAX_PAGE

    def read(self, name: str, raw: str) -> int:
        if raw.isascii() and raw.isdigit() and (len(raw) > len(str(self.high)) or int(raw) > self.high):
            abort(404)  # digits, but more than any list has pages (never int() of a 5,000-digit text)
        return super().read(name, raw) or 1


@dataclass(frozen=True)
class Text:
    """Free text, "" when absent. Its length is the view's to cut (a search keeps 200
    characters of a 5,000-character query and answers); NULs are refused before any view."""

    def read(self, name: str, raw: str) -> str:
        return raw


@dataclass(frozen=True)
class Flag:
    """Present and not empty: true (`?unanswered=1`)."""

    def read(self, name: str, raw: str) -> bool:
        return raw != ""


ID, PAGE, TEXT, FLAG = Number(), Page(), Text(), Flag()
Kind = Number | Text | Flag


def query(**declared: Kind) -> Callable:
    """Declare the query arguments a view reads. Put it under the route decorators; a view
    that another view calls to re-render (a refused form's page) is declared on both."""
    def decorate(view):
        view.query_args = declared  # copied onto outer wrappers by functools.wraps
        return view
    return decorate


def declared(view) -> dict[str, Kind]:
    """The arguments a view function declared (through its decorators), or none."""
    found = inspect.unwrap(view, stop=lambda f: hasattr(f, "query_args"))
    return dict(getattr(found, "query_args", {}))


def _current() -> dict[str, Kind]:
    return declared(current_app.view_functions[request.endpoint]) if request.endpoint else {}


def arg(name: str):
    """The current view's declared argument `name`, read by its kind; a refusal is a
    BadArgument (the 400 page or JSON, with the reason) or a 404."""
    kinds = _current()
    if name not in kinds:
        raise LookupError(f"{request.endpoint} reads the query argument {name!r} without declaring it (@query)")
    return kinds[name].read(name, request.args.get(name, ""))


def arguments() -> dict:
    """Every declared argument of the current view, read (for a view that hands them on whole)."""
    return {name: kind.read(name, request.args.get(name, "")) for name, kind in _current().items()}


def payload_number(value, name: str, low: int = 0, high: int = MAX_ID) -> int:
    """A number in a socket payload: an int (not a bool) that a database column can hold."""
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise _range_problem(name, low, high)
    return value
