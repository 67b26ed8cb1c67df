"""The header's counts across two real processes (issue 29, "Must not break"): a co-chair of one
forum who is a member of another reads the other forum's pages through one process while
someone else acts in the forum they chair through the other — a proposal that waits for their
answer, a comment on their own proposal — and on their next page the inbox and the
notifications count the new items; after their own acts (the answer, the notifications marked
read) made through one process, the other counts them gone. Each count is also the one a fresh
build of the header gives them."""
import re

from forum.core.clock import frozen_at, utcnow
from forum.extensions import db
from forum.forums import services as forums
from forum.proposals import services as proposals
from tests.helpers.proposals import REASON, TEXT, chairs
from tests.helpers.second_process import Browser, second_process
from tests.helpers.served import fresh

INBOX = re.compile(r'href="/inbox" class="notes">Inbox(?: <span class="count"[^>]*>(\d+)</span>)?</a>')
NOTES = re.compile(r'href="/notifications/" class="notes">Notifications(?: <span class="count"[^>]*>(\d+)</span>)?</a>')


def counts(html: str) -> tuple[int, int]:
    """(inbox, unread notifications) as the reader's header shows them."""
    inbox, notes = INBOX.search(html), NOTES.search(html)
    assert inbox and notes, "the header of a signed-in reader"
    return int(inbox[1] or 0), int(notes[1] or 0)


def test_the_header_counts_another_forums_acts_and_the_readers_own_in_the_other_process(app, make, new_client):
    home, chaired = make.forum(open_=True, title="Foro de Ambiente"), make.forum(open_=True, title="Foro de Educación")
    seat = next(s for s in chaired.active_seats if s.role == "civil_chair")
    reader, org = seat.user, seat.organisation
    forums.add_member(chairs(home)["state_chair"], home, reader, org)
    mine = proposals.submit(reader, chaired, org, **{**TEXT, "title": "Agenda abierta del ministerio"})
    someone, someones_org = make.member_of("civil_society")
    db.session.commit()
    pages = [f"/forums/{home.id}", f"/forums/{home.id}/proposals", "/forums/"]  # none of them about `chaired`
    at = utcnow()
    with frozen_at(at), second_process(app, at) as base:
        person, other = Browser(new_client(), base), new_client()
        person.login(reader.email)
        other.login(someone.email)

        def shown(where: str, act: str) -> list[tuple[int, int]]:
            """The counts on each page in one process, each checked against a fresh build here."""
            out = []
            for url in pages:
                html = person.get_there(url).text if where == "there" else person.here.get(url).get_data(as_text=True)
                built = counts(fresh(app, person.here, url)[1])
                assert counts(html) == built, f"after {act}, {url} in the {where} process: {counts(html)} not {built}"
                out.append(built)
            return out

        shown("there", "nothing")
        inbox, notes = shown("there", "nothing")[0]  # the second time round, each header remembered there
        assert person.get_there(pages[0]).headers.get("X-Page-Cache") == "hit"
        shown("here", "nothing")
        # Someone else, through this process: a proposal in the forum the reader chairs, then a
        # comment on the reader's own proposal (each read in both processes before the next).
        resp = other.post(f"/forums/{chaired.id}/proposals/new", {**TEXT, "organisation": someones_org.id})
        assert resp.status_code == 302, resp.get_data(as_text=True)[:500]
        theirs = int(resp.headers["Location"].rstrip("/").rsplit("/", 1)[1])
        assert shown("there", "another's proposal") == [(inbox + 1, notes)] * len(pages)
        assert shown("here", "another's proposal") == [(inbox + 1, notes)] * len(pages)
        assert other.post(f"/proposals/{mine.id}/comments", {"comment-body": "Que incluya las reuniones virtuales.",
                                                             "comment-organisation": ""}).status_code == 302
        assert shown("there", "another's comment") == [(inbox + 1, notes + 1)] * len(pages)
        assert shown("here", "another's comment") == [(inbox + 1, notes + 1)] * len(pages)
        # The reader's own acts: the answer through the other process, the notifications marked
        # read through this one; each read in the other process first.
        answer = {"respond-outcome": "accepted", "respond-reason": REASON}
        resp = person.post_there(f"/proposals/{theirs}/respond", answer)
        assert resp.status_code == 302, resp.text[:500]
        assert shown("here", "their answer") == [(inbox, notes + 1)] * len(pages)
        assert shown("there", "their answer") == [(inbox, notes + 1)] * len(pages)
        assert person.here.post("/notifications/read").status_code == 302
        assert shown("there", "marking read") == [(inbox, 0)] * len(pages)
        assert shown("here", "marking read") == [(inbox, 0)] * len(pages)
