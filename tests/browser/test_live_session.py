"""A co-chair and a member in two browsers, and an anonymous observer in a third: check-in,
a raised hand, a motion, a vote and the close — each sees the others' actions without
reloading; the minutes draft reaches the writers alone."""
import pytest

from tests.browser.test_proposal_flow import log_in

pytestmark = pytest.mark.browser
UPCOMING = 2  # the demo's upcoming Environment session


def test_chair_member_and_observer_in_step(live_server, browser):
    contexts = [browser.new_context(locale="en-GB") for _ in range(3)]
    chair, member, observer = (c.new_page() for c in contexts)
    errors = []
    for p in (chair, member, observer):
        p.set_default_timeout(15000)
        p.on("pageerror", lambda e: errors.append(str(e)))
    url = live_server + f"/sessions/{UPCOMING}"
    log_in(chair, live_server, "rosa.quispe@minam.demo")  # State co-chair
    log_in(member, live_server, "diego.ramos@redamazonica.demo")  # member, civil society
    for p in (chair, member, observer):
        p.goto(url)
        p.locator("#conn.online").wait_for()

    chair.get_by_role("button", name="Start the session").click()
    for p in (member, observer):
        p.locator("#status.st-live").wait_for()  # no reload: pushed to every screen
    assert observer.locator(".chair-controls").count() == 0 and observer.locator("#checkin").is_hidden()

    member.get_by_role("button", name="Check in").click()
    row = observer.locator('#members li[data-user="9"]')
    row.and_(observer.locator(".present")).wait_for()
    chair.locator('#members li[data-user="9"].present').wait_for()
    assert "1 of 7 members present" in observer.locator("#quorum").inner_text()

    # By keyboard alone: Tab reaches the hand button and Enter raises it.
    for _ in range(60):
        member.keyboard.press("Tab")
        if member.evaluate("document.activeElement && document.activeElement.id") == "hand":
            break
    else:
        raise AssertionError("Tab never reached the hand button")
    member.keyboard.press("Enter")
    chair.locator("#queue li", has_text="Diego Ramos").wait_for()
    observer.locator("#queue li", has_text="Diego Ramos").wait_for()
    chair.get_by_role("button", name="Give the floor to the next speaker").click()
    member.locator("#speaking", has_text="Diego Ramos").wait_for()

    chair.locator("#motion-text").fill("Aprobar la agenda del día")
    chair.get_by_role("button", name="Open the vote").click()
    member.locator(".motion-text", has_text="Aprobar la agenda del día").wait_for()
    observer.locator(".motion-text", has_text="Aprobar la agenda del día").wait_for()
    assert observer.locator(".vote-buttons").count() == 0  # watching, not voting
    member.locator('.vote-buttons button[data-option="no"]').focus()
    member.keyboard.press("Enter")  # voting by keyboard too
    member.locator(".my-vote", has_text="No").wait_for()
    member.locator('.vote-buttons button[data-option="yes"]').click()  # changed: the last counts
    member.locator(".my-vote", has_text="Yes").wait_for()
    observer.locator('#motion .sealed[data-ballots="1"]').wait_for()  # one ballot in, its choice sealed
    assert "sealed until the vote closes" in observer.locator("#motion .sealed").inner_text()

    chair.locator("#close-motion").click()
    for p in (chair, member, observer):
        decision = p.locator("#decisions .decision").first
        decision.locator(".result.carried").wait_for()
    assert observer.locator('#decisions tr.total td[data-option="yes"]').first.inner_text() == "1"
    observer.locator("#decisions details summary").first.click()
    assert "Diego Ramos (Civil society): Yes" in observer.locator("#decisions .roll-call").inner_text()
    assert observer.locator("#motion", has_text="No motion is open.").count() == 1

    # The co-chair hands the minutes to the member, whose editor appears; what they type
    # is saved as they type and reaches the co-chair's editor, never the observer's screen:
    # a draft is sealed until both co-chairs publish it.
    assert member.locator("#minutes-editor").is_hidden()
    chair.locator("#writer").select_option(label="Diego Ramos")
    member.locator("#minutes-editor").wait_for(state="visible")
    member.locator("#minutes-editor").type("Acta: se aprobó la agenda del día.")
    member.locator("#minutes-status", has_text="Saved").wait_for()
    chair.wait_for_function("document.getElementById('minutes-editor').value === 'Acta: se aprobó la agenda del día.'")
    assert observer.locator("#minutes").inner_text() == ""
    assert observer.locator("#minutes-editor").count() == 0
    for c in contexts:
        c.close()
    assert errors == []
