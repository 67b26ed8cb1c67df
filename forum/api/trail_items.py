"""The API's trail items, each built once and reused (issue 29; trail/fragments.py keeps them).

An item is the entry as hashed with the names beside its ids, which move only with SITE, and
its URL, which names the host asked: kept under those. A page of /api/v1/trail is then one
query for its rows, the items not yet built and the dump — not the names of every row again
at each write. An item whose actor is not named yet (someone who only registered) is built
again once they are: their first public act names them without moving SITE.
"""
from flask import request, url_for

from ..forums.names import public_people
from ..opendata import records
from ..trail import fragments, versions


def items(rows: list) -> list[dict]:
    view = ("api", versions.counters((versions.SITE,)), request.host_url)

    def build(missing: list) -> list[tuple[dict, frozenset, int]]:
        built = [{**r, "url": url_for("api.trail_entry", ident=r["seq"], _external=True)}
                 for r in records.trail_entries(missing)]
        return [(item, frozenset({e.actor_user_id} if e.actor_user_id and item["actor_user_name"] is None else ()),
                 len(str(item))) for e, item in zip(missing, built, strict=True)]
    return fragments.reused(rows, view, build, public_people) if rows else []
