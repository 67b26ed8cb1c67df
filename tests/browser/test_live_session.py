"""A co-chair and a member in two browsers, and an anonymous observer in a third: check-in,
a raised hand, a motion, a vote and the close — each sees the others' actions without
reloading; the minutes draft reaches the writers alone."""
import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_proposal_flow import PASSWORD, log_in

pytestmark = pytest.mark.browser
UPCOMING = 2  # the demo's upcoming Environment session


def test_chair_member_and_observer_in_step(live_server, live, browser):
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

    chair.get_by_role("button", name="Start the session").click()  # ten days early: it asks why
    chair.locator('[data-error-for~="start"]', has_text="Give the reason to start it").wait_for()
    chair.locator("#start-reason").fill("Moved forward: the consultation closes before the 15th.")
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

    # One member of seven: both co-chairs record why they decide anyway (the other co-chair
    # through the services, this one on the page).
    _, app = live
    with app.app_context():
        from forum.accounts.models import User
        from forum.extensions import db
        from forum.sessions.models import ForumSession
        from forum.sessions.services import quorum
        quorum.override(db.session.scalar(db.select(User).where(User.email == "lucia.mendoza@redamazonica.demo")),
                        db.session.get(ForumSession, UPCOMING), "Civil society agrees to vote with those present.")
        db.session.commit()
    chair.locator("#override-reason").fill("Two delegations are stuck in the transport strike.")
    chair.get_by_role("button", name="Record my key to decide without quorum").click()
    observer.locator("#overrides li", has_text="transport strike").wait_for()
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


def _log_in_any_language(page, base, email):
    page.goto(base + "/account/login")
    page.locator('input[name="email"]').fill(email)
    page.locator('input[name="password"]').fill(PASSWORD)
    page.locator('input[name="password"]').press("Enter")
    page.wait_for_url(re.compile(r"/$"))


def _fits(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_on_a_phone_in_spanish_the_open_vote_comes_first_and_errors_sit_by_their_control(live, browser):
    """360 px layout width (no mobile emulation), a Spanish reader: the co-chair's refusal is
    Spanish and beside the button that caused it; the member sees the open vote first."""
    base, app = live
    contexts = [browser.new_context(locale="es-PE", viewport={"width": 360, "height": 640}) for _ in range(2)]
    chair, member = (c.new_page() for c in contexts)
    errors = []
    for p in (chair, member):
        p.set_default_timeout(15000)
        p.on("pageerror", lambda e: errors.append(str(e)))
    url = base + f"/sessions/{UPCOMING}"
    _log_in_any_language(chair, base, "rosa.quispe@minam.demo")
    chair.goto(url)
    chair.locator("#conn.online").wait_for()
    _fits(chair)

    start = chair.get_by_role("button", name="Iniciar la sesión")
    start.click()  # ten days early, without a reason
    refusal = chair.locator('[data-error-for~="start"]')
    refusal.wait_for()
    assert "Escribe el motivo para empezarla" in refusal.inner_text()
    assert 0 <= refusal.bounding_box()["y"] - start.bounding_box()["y"] < 200, "the reason sits by its button"
    assert chair.locator("#status").inner_text() == "Programada"
    chair.locator("#start-reason").fill("El ministerio adelantó la consulta; los miembros lo acordaron.")
    start.click()
    chair.locator("#status.st-live").wait_for()
    # The new state may be broadcast before the start's own answer clears the refusal: wait for it.
    refusal.wait_for(state="hidden")
    started = chair.locator("#started")
    assert started.inner_text().startswith("Empezó el") and "adelantó la consulta" in started.inner_text()
    assert "(hora de Perú)" in started.inner_text(), "the zone named, as every other moment on the page"

    # One member of seven: no vote opens, and the form says why.
    assert chair.locator("#motion-open").is_disabled()
    assert "salvo que ambas copresidencias" in chair.locator("#motion-blocked").inner_text()
    with app.app_context():
        from forum.accounts.models import User
        from forum.extensions import db
        from forum.sessions import services
        from forum.sessions.models import ForumSession
        from forum.sessions.services import quorum
        s = db.session.get(ForumSession, UPCOMING)
        diego = db.session.scalar(db.select(User).where(User.email == "diego.ramos@redamazonica.demo"))
        lucia = db.session.scalar(db.select(User).where(User.email == "lucia.mendoza@redamazonica.demo"))
        services.check_in(diego, s)
        quorum.override(lucia, s, "La sociedad civil acepta votar con los presentes.")
        db.session.commit()
    chair.locator("#override-reason").fill("Dos delegaciones no llegaron por el paro.")
    chair.get_by_role("button", name="Registrar mi llave para decidir sin quórum").click()
    chair.locator("#overrides li", has_text="paro").wait_for()
    assert chair.locator("#override-form").is_hidden() and chair.locator("#motion-open").is_enabled()
    chair.locator("#motion-text").fill("Aprobar la agenda del día")
    chair.locator("#motion-open").click()
    chair.locator(".motion-text", has_text="Aprobar la agenda del día").wait_for()

    _log_in_any_language(member, base, "diego.ramos@redamazonica.demo")
    member.goto(url)
    member.locator("#conn.online").wait_for()
    yes = member.locator('.vote-buttons button[data-option="yes"]')
    # The join's state and "you" redraw the motion, replacing its buttons: a box measured once
    # may be of a button already gone (None). Wait for the whole button on the unscrolled first screen.
    expect(yes).to_be_in_viewport(ratio=1)
    assert member.evaluate("window.scrollY") == 0, "the first screen, not one scrolled to"
    first = member.evaluate("""() => [...document.querySelectorAll('#live section')]
        .map(s => s.querySelector('h2').id)[0]""")
    assert first == "h-motion"
    _fits(member)
    yes.click()
    member.locator(".my-vote", has_text="Sí").wait_for()
    member.locator("#motion p.muted", has_text="1 voto emitido").wait_for()
    _fits(member)

    # The co-chair withdraws the motion instead of counting it, asked first; no result is declared.
    chair.get_by_role("button", name="Retirar la moción").click()
    assert chair.locator(".motion-text").is_visible(), "nothing happens before the confirmation"
    chair.get_by_role("button", name="Sí, retirar la moción").click()
    chair.locator("#decisions p.result.withdrawn", has_text="Retirada sin resultado").wait_for()
    member.locator("#motion p.muted", has_text="No hay ninguna moción abierta").wait_for()

    # Ending asks first; afterwards empty minutes are not offered for approval.
    chair.get_by_role("button", name="Terminar la sesión").click()
    assert chair.locator("#status").inner_text() != "Terminada"
    chair.get_by_role("button", name="Sí, terminar la sesión").click()
    chair.locator("#status.st-ended").wait_for()
    assert chair.locator("#approve").is_disabled()
    assert chair.locator("#approve-why").inner_text() == "Aún no hay nada que aprobar: el acta está vacía."
    _fits(chair)
    for c in contexts:
        c.close()
    assert errors == []
