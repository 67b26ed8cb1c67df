"""The personal header of every page (the person's name, inbox and notification counts,
the administration link a policy allows, log in or out), built for each reader.

base.html asks for it through `personal_nav()`; the page cache cuts a remembered page
where it stands and puts in the reader's own on each view (forum/pagecache.py), so the
rest of the page can be shared between readers (forum/pageasks.py). What the header reads
about its reader is not a question the page asked: it is built again every time.
"""
from flask import current_app, g, request
from flask_login import current_user
from markupsafe import Markup

from . import pageasks

TEMPLATE = "_personal_nav.html"


def personal_nav() -> Markup:
    """The header for this request's reader, remembered in `g` where the page cache cuts."""
    g.personal_nav = html = render()
    return Markup(html)


def render() -> str:
    unread = waiting = 0
    with pageasks.paused():
        if current_user.is_authenticated:
            from .inbox.queries import count
            from .notifications.queries import unread_count
            unread, waiting = unread_count(current_user), count(current_user)
        return current_app.jinja_env.get_template(TEMPLATE).render(
            request=request, current_user=current_user, unread=unread, waiting=waiting)
