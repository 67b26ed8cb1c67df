"""Builders shared by the consultation tests: consultations opened at a chosen moment."""
from datetime import datetime, timedelta

from forum.consultations import services
from forum.core.clock import frozen_at, utcnow
from forum.extensions import db
from tests.helpers.proposals import chairs

DOCUMENT = """# Borrador

Primer párrafo del borrador del plan.

Segundo párrafo: los datos se publican cada año.

Tercer párrafo: el ministerio informa al foro.

Cuarto párrafo, el último."""
PROMISE = "Les diremos cómo influyeron sus aportes en la decisión."
ANSWER = "Se acepta porque mejora la frecuencia de publicación sin costo adicional para el Estado."


def consultation(forum, *, opened_at: datetime | None = None, starts_in=timedelta(days=15),
                 lasts=timedelta(days=14), **kw) -> "services.Consultation":
    """Opened by the State co-chair at `opened_at` (default: now), starting `starts_in` later."""
    opened_at = opened_at or utcnow()
    args = dict(title="Borrador del plan de acción", starts_at=opened_at + starts_in,
                ends_at=opened_at + starts_in + lasts, audience="registered", visibility="on_submit",
                promise_level="consult", promise=PROMISE, body=DOCUMENT, accept_short_notice=True)
    args.update(kw)
    with frozen_at(opened_at):
        c = services.open_consultation(chairs(forum)["state_chair"], forum, **args)
    db.session.commit()
    return c


def running(forum, **kw):
    """Open now: started a day ago, ends in thirteen days."""
    return consultation(forum, opened_at=utcnow() - timedelta(days=1), starts_in=timedelta(0), **kw)


def closed(forum, comments=(), **kw):
    """Ended an hour ago; `comments` are (user, body, paragraph) sent while it was open."""
    now = utcnow()
    c = consultation(forum, opened_at=now - timedelta(days=20), starts_in=timedelta(days=1),
                     lasts=timedelta(days=19) - timedelta(hours=1), **kw)
    made = []
    with frozen_at(now - timedelta(days=5)):
        for user, body, paragraph in comments:
            made.append(services.comment(user, c, body, paragraph))
    db.session.commit()
    return c, made
