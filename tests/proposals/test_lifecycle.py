"""One lifecycle, one word at a time: a proposal's status, then its fate, the same on its
page, in the lists and on the home page — and merges followed to the proposal they joined."""
from forum.commitments.queries import Fate, fates, version
from forum.commitments.services import links
from forum.extensions import db
from forum.proposals.services import responses
from tests.helpers.commitments import commitment
from tests.helpers.proposals import REASON, chairs, proposal

WHY = "Se recoge en el segundo hito del compromiso."


def test_every_state_has_exactly_one_fate_word(make, client):
    c = commitment(make)
    forum = c.forum
    state = chairs(forum)["state_chair"]
    v = version(c)
    shaped, merged, pending, rejected, left_out, waiting, retracted = (proposal(make, forum) for _ in range(7))
    for p in (shaped, pending, left_out, retracted):
        responses.respond(state, p, "accepted", REASON)
    responses.respond(state, merged, "merged", REASON, merged_into=shaped)
    responses.respond(state, rejected, "rejected", REASON)
    links.link(state, v, "proposal", shaped.id, "adopted", WHY)
    links.link(state, v, "proposal", left_out.id, "not_taken_up", WHY)
    wrong = links.link(state, v, "proposal", retracted.id, "adapted", WHY)
    links.retract(state, wrong, "Se vinculó por error al compromiso equivocado.")
    db.session.commit()

    expected = {shaped.id: Fate.SHAPED, merged.id: Fate.SHAPED, pending.id: Fate.NOT_YET,
                left_out.id: Fate.NOT_TAKEN_UP, retracted.id: Fate.NOT_YET}
    everyone = (shaped, merged, pending, rejected, left_out, waiting, retracted)
    assert fates(everyone) == expected  # rejected and waiting: their status says it all

    words = {Fate.SHAPED: "Shaped a commitment", Fate.NOT_YET: "Not linked to a commitment yet",
             Fate.NOT_TAKEN_UP: "Not taken up in a commitment"}
    listing = client.get(f"/forums/{forum.id}/proposals").get_data(as_text=True)
    ledger = client.get(f"/forums/{forum.id}/ledger").get_data(as_text=True)
    for p in everyone:
        page = client.get(f"/proposals/{p.id}").get_data(as_text=True)
        meta = page[page.index('<p class="meta">'):][:600]
        for word_fate, word in words.items():
            assert (word in meta) == (expected.get(p.id) == word_fate), (p.id, word)
        assert ("Awaiting a response" in meta) == (p is waiting)  # never "awaiting" beside a fate
    assert listing.count("Shaped a commitment") == ledger.count("Shaped a commitment") == 2
    assert listing.count("Not linked to a commitment yet") == 2
    page = client.get(f"/proposals/{merged.id}").get_data(as_text=True)
    assert f"Merged into #{shaped.id}, which shaped:" in page


def test_the_list_costs_the_same_queries_whatever_its_fates(make, client, count_queries):
    c = commitment(make)
    forum = c.forum
    state = chairs(forum)["state_chair"]
    first = proposal(make, forum)
    responses.respond(state, first, "accepted", REASON)
    links.link(state, version(c), "proposal", first.id, "informed", WHY)

    def merged_into_first():
        responses.respond(state, proposal(make, forum), "merged", REASON, merged_into=first)
        db.session.commit()
    merged_into_first()
    with count_queries() as few:
        client.get(f"/forums/{forum.id}/proposals")
    for _ in range(6):
        merged_into_first()
    with count_queries() as many:
        client.get(f"/forums/{forum.id}/proposals")
    assert many.n == few.n
