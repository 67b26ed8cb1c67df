"""Sealed until published, everywhere, as an outsider finds it: a unique marker written into
each sealed thing (a minutes draft, a comment and its suggested text in a consultation that
publishes comments at its close, a comment hidden by the co-chairs) is looked for, with the
plain SHA-256 of each text (which would confirm a guess) and the hidden comment's nonce, in
every page, JSON answer, API record, feed, archive, search, trail page, export, entry
bundle, tile, receipt and socket event an anonymous reader can reach — by links from the
places an outsider is pointed to, and by a walk of every GET endpoint of the URL map with
every id of the world and every query argument the view declares, so a page added later (or
one only a script fetches, like the decisions fragment) is read whether or not a link leads
to it; and after the close and the approval, the published ones are where they should be,
with openings that check the commitments written before."""
import hashlib
import io
import itertools
import json
import re
import zipfile
from datetime import timedelta
from pathlib import Path

from flask import current_app

from forum import pagecache
from forum.commitments import services
from forum.consultations import services as consultations
from forum.core.clock import frozen_at, utcnow
from forum.extensions import db
from forum.forums import services as forums
from forum.sessions.services import minutes
from forum.trail import checkpoints, seal
from forum.voice import services as voice
from forum.voice.services import recorded_comments
from tests.helpers.commitments import milestones, template
from tests.helpers.consultations import running
from tests.helpers.live import Live, live
from tests.helpers.proposals import chairs, proposal
from tests.helpers.voice_sheet import sheet

MINUTES, LATER = "actaselladaQ4Z7", "actaselladaW8M2"
COMMENT, SUGGESTION, HIDDEN = "comentarioselladoK2VX", "sugerenciaselladaP9RD", "ocultoselladoH5TN"
RECORDED, WITNESS = "papelselladoJ3QF", "TestigoselladaZ6LB"
ECHOED = ("Publicar cada contrato de obra pública en datos abiertos dentro de los cinco días hábiles "
          "siguientes a su firma, con el expediente completo y las adendas.")
NOT_FOLLOWED = re.compile(r"/logout|/lang|/static/|/unsubscribe|/witness/|/reset/|/confirm/|/account/|/new\b|"
                          r"/answer\b|/hide\b|\?.*(?:cursor|page)=")


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def texts(resp) -> list[bytes]:
    """What a response carries, with every member of a zip archive opened."""
    data = resp.data
    if data[:2] == b"PK":
        z = zipfile.ZipFile(io.BytesIO(data))
        return [z.read(name) for name in z.namelist()]
    return [data]


def links(resp) -> list[str]:
    if resp.mimetype != "text/html":
        return []
    return [x.replace("&amp;", "&") for x in re.findall(r'href="(/[^"#]*)', resp.get_data(as_text=True))]


def everything(client, start, limit=700) -> dict[str, list[bytes]]:
    """Every same-site address reachable by links from `start`, and every answer, as bytes."""
    seen, queue, out = set(), list(start), {}
    while queue and len(out) < limit:
        url = queue.pop(0)
        if url in seen or NOT_FOLLOWED.search(url):
            continue
        seen.add(url)
        resp = client.get(url)
        resp.close()  # a download streams from a file
        if resp.status_code != 200:
            continue
        out[url] = texts(resp)
        queue.extend(x for x in links(resp) if x not in seen)
    assert len(out) < limit, "the crawl stopped before it saw everything"
    return out


def found(pages: dict[str, list[bytes]], needles: list[str]) -> list[tuple[str, str]]:
    return [(url, n) for url, bodies in pages.items() for body in bodies for n in needles if n.encode() in body]


def outsider_urls(s, c) -> list[str]:
    checkpoints.make()  # over every entry: receipts with proofs, tiles and bundles all the way
    db.session.commit()
    size = checkpoints.latest().size
    per_entry = [u for seq in range(1, size + 1) for u in (f"/trail/{seq}", f"/trail/{seq}/receipt.json",
                                                          f"/api/v1/trail/{seq}")]
    return ["/", f"/sessions/{s.id}", f"/sessions/{s.id}.json", f"/sessions/{s.id}/minutes",
            f"/forums/{s.forum_id}/sessions.ics", f"/consultations/{c.id}", f"/consultations/{c.id}/report",
            f"/consultations/{c.id}/report.json", f"/consultations/{c.id}/report.csv",
            f"/api/v1/sessions/{s.id}", "/api/v1/sessions", f"/api/v1/consultations/{c.id}",
            "/api/v1/consultations", "/api/v1/trail?limit=100", "/trail/export.jsonl", "/trail/",
            f"/trail/tile/entries/000.p/{size}", f"/trail/tile/0/000.p/{size}", "/feeds/atom.xml",
            f"/forums/{s.forum_id}/feed.atom", "/data", "/data/traza-all.zip", f"/forums/{s.forum_id}",
            # Another word of each sealed text: a search page repeats its query.
            *(f"/search?q={word}" for word in ("Borrador", "Proponemos", "nuevo", "insulto")), *per_entry]


# Path arguments that are not ids: each gets a value that names something in this world or
# nothing at all (a token, a file): what the view answers is searched all the same.
NOT_IDS = {"cycle": None, "token": "x", "sha256": "0" * 64, "level": "0", "index": "000", "name": "all"}


def url_map_addresses(app, ids: list[int], cycle: str) -> dict[str, list[str]]:
    """Every GET endpoint of the URL map, each path argument filled with every id of the world
    (or the cycle, or a value naming nothing), and once more with each query argument the view
    declares (core.args) or the API's schema reads: a page added later is walked whether or not
    any link leads to it."""
    from forum.api.operations import OPERATIONS
    from forum.core.args import FLAG, Number, declared
    out: dict[str, list[str]] = {}
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        choices = [[(name, v) for v in ((NOT_IDS[name] or cycle,) if name in NOT_IDS else ids)]
                   for name in sorted(rule.arguments)]
        paths = [rule.build(dict(values), append_unknown=False)[1] for values in itertools.product(*choices)]
        kinds = dict(declared(app.view_functions[rule.endpoint]))
        for op in OPERATIONS:
            if op.endpoint == rule.endpoint and op.args is not None:
                kinds.update({f.data_key or name: None for name, f in op.args().fields.items()})
        queries = [f"?{name}={v}" for name, kind in kinds.items()
                   for v in (ids if isinstance(kind, Number) else ["1"] if kind is FLAG else ["Proponemos", "1"])]
        out[rule.endpoint] = [path + q for path in paths for q in ["", *queries]]
    return out


def walk(client, addresses: dict[str, list[str]]) -> tuple[dict[str, list[bytes]], dict[str, set[int]]]:
    """Every answer, whatever its status (a refusal's page is read too), and the statuses per endpoint."""
    pages, statuses = {}, {}
    for endpoint, urls in addresses.items():
        for url in urls:
            resp = client.get(url)
            pages[url] = texts(resp)
            resp.close()
            statuses.setdefault(endpoint, set()).add(resp.status_code)
    return pages, statuses


# Endpoints with nothing to show an anonymous reader in this world, and why; any other endpoint
# must answer 200 somewhere in the walk or redirect (to log in, or to a page walked itself), so
# a page added later cannot pass by answering 404 to every address the walk makes.
NOTHING_HERE = {
    "absorbed.show_claim": "no claim is made", "absorbed.suggestion": "nothing is suggested while sealed",
    "api.adopted_text": "no plan adopted", "clusters.show": "no cluster", "plans.instrument": "no instrument",
    "documents.download": "no upload", "documents.metadata": "no upload", "voice.workshop": "no workshop",
    "monitoring.cycle_list": "no adopted plan to monitor", "monitoring.forum_list": "no adopted plan to monitor",
    "trail.checkpoint_at": "no checkpoint at these sizes (the latest is read)",
    "trail.tile": "outsider_urls reads the tiles", "trail.entry_bundle": "outsider_urls reads the bundles",
    "trail.consistency": "hashes only, sizes asked", "trail.inclusion": "hashes only, sizes asked",
    "trail.log_wheel": "a built package", "accounts.reset": "a token", "inbox.unsubscribe": "a token"}


def trail_of(pages) -> list[dict]:
    """The entries of the trail export (after its header line)."""
    return [e for e in map(json.loads, pages["/trail/export.jsonl"][0].splitlines()) if "action" in e]


def cached_pages() -> list[bytes]:
    return pagecache.stored_parts()


def socket_events(received) -> list[bytes]:
    return [json.dumps(body).encode() for _name, body in received]


def test_sealed_things_appear_nowhere_an_outsider_looks_until_published(app, make, new_client):
    forum = make.forum(open_=True)
    people = chairs(forum)
    writer = people["state_chair"]
    s = live(forum)
    minutes.save(writer, s, f"Borrador del acta: {MINUTES}.")
    c = running(forum, visibility="at_close")
    author, org = make.member_of("civil_society")
    rude = make.user()
    comment = consultations.comment(author, c, f"Proponemos {COMMENT} cada mes. {ECHOED}", 2,
                                    f"Texto nuevo: {SUGGESTION}.", organisation=org)
    hidden = consultations.comment(rude, c, f"Un insulto con {HIDDEN} dentro. {ECHOED}", 3)
    consultations.hide_comment(people["civil_chair"], hidden, "Contiene un insulto a una persona del foro.")
    # A comment made on paper at a workshop, recorded by the forum's facilitator (issue 28).
    facilitator = make.user("Facilitadora Cusco")
    voice.appoint_facilitator(people["state_chair"], forum, facilitator)
    paper = recorded_comments.record_comment(
        facilitator, c, None, text=f"En el taller pedimos {RECORDED} en quechua.", made_on=utcnow().date(),
        region="08", witness=f"Juana {WITNESS} Quispe", channel="paper", sheet=sheet(), paragraph=4)
    # A proposal and a commitment whose version repeats the sealed words around the markers, so
    # the pages added since (absorbed contributions, clusters, voice, plans, monitoring) have
    # something to show, and the detector of absorbed contributions something to find.
    proposal(make, forum)
    services.create(people["state_chair"], forum, template(forum, description=ECHOED), milestones(forum))
    checkpoints.make()
    db.session.commit()
    comment_id, hidden_id, hidden_nonce = comment.id, hidden.id, hidden.nonce
    paper_text, paper_nonce = paper.body, paper.nonce
    body, suggestion, hidden_body = comment.body, comment.suggestion, hidden.body
    sealed_forever = [HIDDEN, sha(hidden_body), hidden_nonce]
    draft = f"Borrador del acta: {LATER}."
    needles = [MINUTES, LATER, COMMENT, SUGGESTION, sha(f"Borrador del acta: {MINUTES}."), sha(draft), sha(body),
               sha(suggestion), comment.nonce, RECORDED, WITNESS, sha(paper_text), paper_nonce, *sealed_forever]

    # Sockets: an anonymous watcher and a member who may not write the minutes join, and the
    # writer types a new draft while they listen.
    watcher, member = Live(app), new_client()
    member_user, academia = make.member_of("academia")
    forums.add_member(writer, forum, member_user, academia)
    db.session.commit()
    member.login(member_user.email)
    listener = Live(app, member)
    pen_http = new_client()
    pen_http.login(writer.email)
    pen = Live(app, pen_http)
    for sock in (watcher, listener, pen):
        assert sock.emit("join", session=s.id) == {"ok": True}
    assert pen.emit("minutes", session=s.id, text=f"Borrador del acta: {LATER}.", revision=1) == {"ok": True}
    # One key of two: the text is approved by one side, not yet published.
    assert pen.emit("end", session=s.id, confirm=True) == {"ok": True}
    assert pen.emit("approve_minutes", session=s.id, confirm=True) == {"ok": True}
    pen_got = socket_events(pen.received())
    assert any(MINUTES.encode() in e for e in pen_got) and any(LATER.encode() in e for e in pen_got), \
        "the writer has the draft, on joining and after each save"

    anonymous = new_client()
    urls = outsider_urls(s, c)
    pages = everything(anonymous, urls)
    pages.update(everything(anonymous, urls))  # the second time from the page cache
    pages["socket: anonymous"] = socket_events(watcher.received())
    pages["socket: member"] = socket_events(listener.received())
    pages["page cache"] = cached_pages()
    assert set(urls) - pages.keys() == set(), "every address an outsider is pointed to answers"
    ids = sorted({1, 2, 3, forum.id, s.id, c.id, comment_id, hidden_id})
    walked, statuses = walk(anonymous, url_map_addresses(app, ids, forum.cycle))
    assert {e: st for e, st in statuses.items() if not st & {200, 302} and e not in NOTHING_HERE} == {}
    assert len(walked) > 450 and sum(200 in st for st in statuses.values()) > 80, (len(walked), statuses)
    pages.update(walked)
    # A member of the forum who may not write the minutes, signed in, walks the same addresses,
    # and every e-mail the platform wrote so far (the outbox) is read.
    member_walked, _statuses = walk(member, url_map_addresses(app, ids, forum.cycle))
    pages.update({f"member {url}": bodies for url, bodies in member_walked.items()})
    pages.update({f"mail {f.name}": [f.read_bytes()] for f in (Path(app.instance_path) / "outbox").glob("*.eml")})
    assert len(pages) > 150, len(pages)
    assert found(pages, needles) == []
    entries = trail_of(pages)
    commented = [e for e in entries if e["action"] == "consultation.commented"]
    assert len(commented) == 3
    for e in commented:  # who, for whom and where stay sealed with the words
        assert e["actor_user"] is None and e["actor_org"] is None and "paragraph" not in e["payload"]

    # Published: the minutes once both co-chairs approved them, the comments at the close.
    civil_http = new_client()
    civil_http.login(people["civil_chair"].email)
    assert Live(app, civil_http).emit("approve_minutes", session=s.id, confirm=True) == {"ok": True}
    assert any(LATER.encode() in e for e in socket_events(watcher.received())), "the room hears the published text"
    with frozen_at(c.ends_at + timedelta(minutes=1)):
        result = current_app.test_cli_runner().invoke(args=["consultations", "publish"])
        assert result.output.startswith("1 ")
        # The published comment may now be found absorbed; the hidden one never.
        result = current_app.test_cli_runner().invoke(args=["absorbed", "check", str(forum.id)])
        assert result.output.startswith("1 ")
        after = everything(anonymous, outsider_urls(s, c))
        walked, _statuses = walk(anonymous, url_map_addresses(app, ids, forum.cycle))
        after.update(walked)
    assert found(after, sealed_forever) == [], "a hidden comment is sealed for good"
    for url in (f"/sessions/{s.id}/minutes", f"/sessions/{s.id}.json", f"/api/v1/sessions/{s.id}"):
        assert LATER.encode() in after[url][0], url
    for url in (f"/consultations/{c.id}", f"/api/v1/consultations/{c.id}", f"/consultations/{c.id}/report.json"):
        assert COMMENT.encode() in after[url][0] and SUGGESTION.encode() in after[url][0], url
        assert RECORDED.encode() in after[url][0], url
    assert COMMENT.encode() in after["/search?q=Proponemos"][0]
    record = next(x for x in json.loads(after[f"/api/v1/consultations/{c.id}"][0])["comments"]
                  if x["id"] == comment_id)
    entries = trail_of(after)
    (unsealed,) = [e for e in entries if e["action"] == "consultation.comments_published"]
    opening, on_paper = unsealed["payload"]["openings"]  # none for the hidden comment
    assert (on_paper["paragraph"], on_paper["nonce"]) == (4, paper_nonce)
    assert opening == {"comment": comment_id, "author": author.id, "organisation": org.id, "paragraph": 2,
                       "nonce": record["nonce"]}
    made = next(e for e in commented if e["payload"]["comment"] == comment_id)
    assert seal.commitment(comment_id, author.id, org.id, 2, sha(record["body"]), sha(record["suggestion"]),
                           nonce=opening["nonce"]) == made["payload"]["commitment_sha256"]
    approved = [e["payload"] for e in entries if e["action"] == "session.minutes_approved"]
    (published,) = [e["payload"] for e in entries if e["action"] == "session.minutes_published"]
    assert published["text_sha256"] == sha(draft)
    assert [p["text_commitment_sha256"] for p in approved] == \
        [seal.commitment(s.id, sha(draft), nonce=published["nonce"])] * 2, "both keys sealed the text published"
    for sock in (watcher, listener, pen):
        sock.disconnect()

