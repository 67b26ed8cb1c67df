"""Every family of translated labels the code holds, found in the code and not listed by hand.

A family is a dict of lazy strings that a forum/<area>/labels.py hands out: a public function
of that module that takes no argument and says it returns a dict (read without calling it, so
outside a request), or a module-level constant. Functions that need an argument
(``gap_help(days)``, ``group_labels(dimension)``) build from these or are sentences.
Named ``<area>.<name>`` so a test can declare each one."""
import importlib
import inspect
from collections.abc import Callable
from pathlib import Path

from flask_babel.speaklater import LazyString

FORUM = Path(__file__).resolve().parents[2] / "forum"


def _is_labels(value: object) -> bool:
    return isinstance(value, dict) and any(isinstance(v, LazyString) for v in value.values())


def _families_of(module) -> dict[str, Callable[[], dict]]:
    found: dict[str, Callable[[], dict]] = {}
    for name, value in vars(module).items():
        if name.startswith("_"):
            continue
        if inspect.isfunction(value) and value.__module__ == module.__name__:
            signature = inspect.signature(value)
            if all(p.default is not p.empty for p in signature.parameters.values()) \
                    and signature.return_annotation in (dict, "dict"):
                found[name] = value
        elif name.isupper() and _is_labels(value):
            found[name] = lambda value=value: value
    return found


def label_families() -> dict[str, Callable[[], dict]]:
    """``{"<area>.<name>": the family's maker}`` for every labels.py under forum/."""
    return {f"{path.parent.name}.{name}": make
            for path in sorted(FORUM.glob("*/labels.py"))
            for name, make in _families_of(importlib.import_module(f"forum.{path.parent.name}.labels")).items()}
