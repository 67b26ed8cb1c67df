"""The OGP minimum requirements in the open data (issue 28): the archive's `requirements`
table validates as part of the Frictionless package and reads in pandas with each forum's
verdict, its cycle's, the thresholds, figures and the trail entries of its evidence; the
cycle's Atom feed gives an auditor one entry per requirement whose id changes only with the
verdict and whose time comes from the record, not from when the feed was fetched."""
import io
import json
import zipfile
from datetime import timedelta

import feedparser
import pandas
from frictionless import validate
from sqlalchemy import select

from forum.core.clock import frozen_at
from forum.dashboards import requirements
from forum.dashboards.thresholds import Thresholds
from forum.extensions import db
from forum.proposals.models import Proposal
from forum.proposals.services import responses
from forum.trail.models import TrailEntry
from tests.dashboards.test_minimum_requirements import CYCLE, NOW, cycle  # noqa: F401  (the fixture)
from tests.helpers.proposals import REASON, chairs


def _archive(client, tmp_path):
    with frozen_at(NOW):
        r = client.get(f"/data/traza-{CYCLE}.zip")
    assert r.status_code == 200
    z = zipfile.ZipFile(io.BytesIO(r.data))
    r.close()
    z.extractall(tmp_path)
    return z


def test_the_archive_holds_each_forums_verdicts_and_its_cycles(ctx, cycle, client, tmp_path):  # noqa: F811
    a, b = cycle["a"], cycle["b"]
    z = _archive(client, tmp_path)
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    resource = next(r for r in json.loads(z.read("datapackage.json"))["resources"] if r["name"] == "requirements")
    assert resource["schema"]["primaryKey"] == ["forum_id", "requirement"]
    verdict = next(f for f in resource["schema"]["fields"] if f["name"] == "verdict")
    assert verdict["description_es"] and verdict["description_es"] != verdict["description"]

    rows = pandas.read_csv(tmp_path / "data/requirements.csv").set_index(["forum_id", "requirement"])
    assert len(rows) == 2 * 6
    assert rows.loc[(a.id, "forum"), "verdict"] == "met" and rows.loc[(b.id, "forum"), "verdict"] == "not_met"
    assert set(rows["cycle_verdict"].groupby(level="requirement").first().items()) == {
        ("forum", "not_met"), ("repository", "met"), ("timeline", "not_met"), ("channels", "not_met"),
        ("response", "not_met"), ("reviews", "met")}
    assert (rows["cycle"] == CYCLE).all()
    assert (rows["channel_days"] == 14).all() and (rows["reviews_per_year"] == 2).all()
    assert json.loads(rows.loc[(b.id, "forum"), "figures"])["longest_gap_days"] == 181
    assert "six" in rows.loc[(a.id, "forum"), "rule"] and "seis" in rows.loc[(a.id, "forum"), "rule_es"]

    # The evidence numbers are the forum's own trail entries, the same the page lists.
    expected = requirements.evaluate([a, b], Thresholds(), now=NOW)
    for forum in (a, b):
        for req in expected.by_forum[forum.id]:
            cell = rows.loc[(forum.id, req.key), "evidence_seqs"]
            seqs = [int(s) for s in str(cell).split(";")] if isinstance(cell, str) or cell == cell else []
            assert seqs == [e.seq for e in req.evidence if e.seq is not None], req.key
            entries = db.session.scalars(select(TrailEntry.forum_id).where(TrailEntry.seq.in_(seqs or [0])))
            assert set(entries) <= {forum.id}


def _feed(client, at):
    with frozen_at(at):
        r = client.get(f"/cycles/{CYCLE}/requirements.atom")
    assert r.status_code == 200 and r.mimetype == "application/atom+xml"
    feed = feedparser.parse(r.data)
    assert feed.bozo == 0 and feed.version == "atom10"
    return {e.id.rsplit("#", 1)[1]: e for e in feed.entries}


def test_the_feed_has_an_entry_per_verdict_stable_until_the_verdict_changes(ctx, cycle, client):  # noqa: F811
    first = _feed(client, NOW)
    assert set(first) == {"forum-not_met", "repository-met", "timeline-not_met", "channels-not_met",
                          "response-not_met", "reviews-met"}
    # An hour later nothing was recorded and no verdict moved: the same ids and the same times.
    later = _feed(client, NOW + timedelta(hours=1))
    assert {k: e.updated for k, e in later.items()} == {k: e.updated for k, e in first.items()}
    # The time is the newest evidence on the trail: forum A's third session started on 26 July.
    assert first["forum-not_met"].updated.startswith("2031-07-26T10:00:00")
    assert first["forum-not_met"].link.endswith(f"/cycles/{CYCLE}/requirements#req-forum")

    # Forum B answers its overdue proposal: the cycle's reasoned-response verdict becomes met,
    # a new entry; every other entry keeps its id.
    p = db.session.scalars(select(Proposal).where(Proposal.forum_id == cycle["b"].id)).one()
    with frozen_at(NOW + timedelta(hours=2)):
        responses.respond(chairs(cycle["b"])["state_chair"], p, "accepted", REASON)
    db.session.commit()
    after = _feed(client, NOW + timedelta(hours=3))
    assert set(after) == set(first) - {"response-not_met"} | {"response-met"}


def test_the_feed_is_in_spanish_and_an_unknown_cycle_is_a_404(ctx, cycle, client):  # noqa: F811
    with frozen_at(NOW):
        es = client.get(f"/cycles/{CYCLE}/requirements.atom?lang=es", headers={"Accept-Language": "es"})
        page = client.get(f"/cycles/{CYCLE}/requirements").get_data(as_text=True)
    assert "Requisitos mínimos, ciclo" in es.get_data(as_text=True) and "No se cumple" in es.get_data(as_text=True)
    assert f'href="/cycles/{CYCLE}/requirements.atom"' in page
    assert client.get("/cycles/1900-1901/requirements.atom").status_code == 404
