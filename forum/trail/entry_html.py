"""Each trail entry of a list rendered once per process (issue 29): a live session page lists
its last 100 entries and is rebuilt at every vote and check-in, and rendering each entry again
(a link, a moment in the reader's language, a label, names) was most of that rebuild.

An entry never changes, but what its line shows may: the names it mentions (a person renamed,
a name made public), the reader's language and time zone, whether the forum is named. All of
these are in the key, with the entry's hash (unique to its content, whichever database), so a
remembered line is always the one a fresh render would give. What depends on the reader (the
receipt link, `is_me`) stays outside, in trail/_list.html."""
from flask import current_app, get_template_attribute
from flask_babel import get_locale, get_timezone
from markupsafe import Markup

LIMIT = 20_000  # lines kept per process (~1 KB each); past it, all are forgotten and rendered anew
_lines: dict[tuple, Markup] = {}


def key(e, names: dict, hide_forum: bool) -> tuple:
    about = names["about"].get(e.seq)
    return (e.hash, e.seq, str(get_locale()), str(get_timezone()), id(current_app),
            names["user"].get(e.actor_user_id), about, names["user"].get(about),
            names["organisation"].get(e.actor_org_id), hide_forum or names["forum"].get(e.forum_id))


def entry(e, names: dict, hide_forum=False) -> Markup:
    """The line of one entry (trail/_entry.html), rendered once per key."""
    k = key(e, names, bool(hide_forum))
    line = _lines.get(k)
    if line is None:
        if len(_lines) >= LIMIT:
            _lines.clear()
        line = _lines[k] = Markup(get_template_attribute("trail/_entry.html", "entry")(e, names, bool(hide_forum)))
    return line


def clear() -> None:
    _lines.clear()
