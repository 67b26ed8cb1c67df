"""The archive's tables of whose voice reached the plan: the workshops recorded away from
the platform, and the figures by region, channel and invited or self-joined organisation
for each forum (a group of fewer than 5 people has its figures left empty)."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..core.clock import iso
from ..extensions import db
from ..voice import figures
from ..voice.models import Workshop
from .tables import C, Table

ID = C("id", "integer", _l("Stable number of the record, as in its URL"), True)
FORUM = C("forum_id", "integer", _l("Forum it belongs to"), True)


def _workshops(ids):
    for w in db.session.scalars(select(Workshop).options(selectinload(Workshop.organisations))
                                .where(Workshop.forum_id.in_(ids)).order_by(Workshop.id)):
        yield {"id": w.id, "forum_id": w.forum_id, "place": w.place, "held_on": w.held_on.isoformat(),
               "region": w.region, "attendance": w.attendance, "recorded_by": w.recorded_by_id,
               "organisations": ";".join(str(o.organisation_id) for o in w.organisations),
               "created_at": iso(w.created_at)}


def _voice(ids):
    for forum_id in ids:
        v = figures.for_forums([forum_id], with_targets=False)
        for dim, rows in v.by.items():
            for r in rows:
                shown = r.public()
                yield {"forum_id": forum_id, "dimension": dim, "group": r.group, "fewer_than_5": r.small,
                       "people": shown["people"], "received": shown["received"], "answered": shown["answered"],
                       "shaped": shown["shaped"], "adopted_commitments": v.adopted}


VOICE_TABLES = (
    Table("workshops", _l("Workshops held away from the platform, as their facilitators recorded them"), (
        ID, FORUM, C("place", "string", _l("Place"), True), C("held_on", "date", _l("Date held"), True),
        C("region", "string", _l("INEI ubigeo code of its region (1501: Lima Metropolitana)"), True),
        C("attendance", "integer", _l("How many people attended"), True),
        C("recorded_by", "integer", _l("Facilitator who recorded it")),
        C("organisations", "string", _l("Organisations present, separated by ;")),
        C("created_at", "datetime", _l("When, in UTC")),
    ), _workshops, foreign_keys=(("forum_id", "forums", "id"),)),
    Table("voice", _l("Whose voice reached the plan, by region, channel and invited or self-joined organisation"), (
        FORUM, C("dimension", "string", _l("region, channel or admission"), True),
        C("group", "string", _l("The group: a ubigeo code, a channel, invited or self_joined"), True),
        C("fewer_than_5", "boolean", _l("Fewer than 5 people: its figures are left empty")),
        C("people", "integer", _l("People behind its inputs")),
        C("received", "integer", _l("Inputs received")), C("answered", "integer", _l("Inputs answered")),
        C("shaped", "integer", _l("Adopted commitments shaped by at least one of its inputs")),
        C("adopted_commitments", "integer", _l("Adopted commitments of the forum")),
    ), _voice, primary_key=("forum_id", "dimension", "group"), foreign_keys=(("forum_id", "forums", "id"),)),
)
