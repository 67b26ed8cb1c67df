"""Read-after-write across two real processes (issue 29, "Must not break"): a person who acts
through one app process sees the result on their next page in the other — signed in or not —
and that page is the one a fresh build gives them, never the copy the other process remembered
from before the change. The second process is a real one (tests/helpers/second_process.py):
two Flask apps in one Python process share every remembered page and memo."""
from forum.core.clock import frozen_at, utcnow
from forum.extensions import db
from tests.helpers.live import Live, live, motion, seated_forum
from tests.helpers.proposals import chairs, proposal
from tests.helpers.second_process import Browser, second_process
from tests.helpers.served import difference, fresh, normal
from tests.permissions.test_permissions import REASON


def _warm(readers: dict, pages: list[str]) -> dict:
    """Each page read twice by each reader in the second process; the second read is served from
    memory there (so a stale copy could be served after the write). Returns what each was shown."""
    shown = {}
    for role, browser in readers.items():
        for url in pages:
            browser.get_there(url)
            resp = browser.get_there(url)
            assert resp.headers.get("X-Page-Cache") == "hit", (role, url)
            shown[role, url] = normal(resp.text)
            browser.here.get(url)  # remembered in this process too
    return shown


def _differences(app, readers: dict, pages: list[str], before: dict, act: str, changed: set) -> list:
    """Each reader's next view of each page in the other process against a fresh build for them."""
    out = []
    for role, browser in readers.items():
        for url in pages:
            served = normal(browser.get_there(url).text)
            status, built = fresh(app, browser.here, url)
            if status != 200 or served != built:
                out.append(f"{act}: {role} was served a stale {url} by the other process: {difference(built, served)}")
            elif url in changed and served == before[role, url]:
                out.append(f"{act}: {url} shows nothing new to {role}")
    return out


def test_a_vote_and_a_response_show_on_the_next_page_in_the_other_process(app, make, new_client):
    forum, members = seated_forum(make)
    voter = members["civil_society"]
    s = live(forum, present=[voter, members["government"], members["academia"]])
    m = motion(s, forum)
    p = proposal(make, forum, title="Registro abierto de vertimientos")
    chair = chairs(forum)["civil_chair"]
    db.session.commit()
    busy = [f"/sessions/{s.id}", f"/sessions/{s.id}.json"]  # with the live tally (the API's record is read too)
    record = [f"/proposals/{p.id}", f"/forums/{forum.id}/proposals", f"/api/v1/proposals/{p.id}",
              f"/forums/{forum.id}/ledger"]
    pages = [*busy, f"/api/v1/sessions/{s.id}", *record]
    at = utcnow()
    with frozen_at(at), second_process(app, at) as base:
        readers = {"visitor": Browser(new_client(), base), "voter": Browser(new_client(), base),
                   "chair": Browser(new_client(), base)}
        readers["voter"].login(voter.email)
        readers["chair"].login(chair.email)
        before = _warm(readers, pages)
        # A vote through this process, over the socket as the live page sends it.
        sock = Live(app, readers["voter"].here)
        assert sock.emit("vote", session=s.id, motion=m.id, option="yes") == {"ok": True}
        sock.disconnect()
        wrong = _differences(app, readers, pages, before, "vote", set(busy))
        before = _warm(readers, pages)
        # A response through the other process, read in this one and in the other.
        resp = readers["chair"].post_there(f"/proposals/{p.id}/respond",
                                           {"respond-outcome": "accepted", "respond-reason": REASON})
        assert resp.status_code == 302, resp.text[:500]
        for role, browser in readers.items():
            for url in record:
                served = normal(browser.here.get(url).get_data(as_text=True))
                built = fresh(app, browser.here, url)[1]
                if served != built or served == before[role, url]:
                    wrong.append(f"response: {role} was served a stale {url} by this process: "
                                 f"{difference(built, served)}")
        wrong += _differences(app, readers, pages, before, "response", set(record))
    assert wrong == [], "\n".join(wrong)
