"""A co-chair drafts a commitment from two proposals; the other co-chair refuses it, then
signs a revised version; an anonymous visitor follows a proposal to the adopted commitment
and sees its provenance graph."""
import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_proposal_flow import log_in, log_out

pytestmark = pytest.mark.browser


def record_influence(page, number, how, why):
    # The list is long on a real forum: typing words of the title narrows it (accents ignored).
    inputs = page.get_by_label("Input", exact=True)
    title = inputs.locator(f'option[value="proposal:{number}"]').inner_text()
    words = title.split()[1:3]  # after "#N"
    page.get_by_label("Find an input by its number or words").fill(" ".join(w.upper() for w in words))
    shown = inputs.evaluate("s => [...s.options].filter(o => o.value && !o.hidden).map(o => o.value)")
    assert f"proposal:{number}" in shown and len(shown) < inputs.locator("option").count()
    expect(page.get_by_text(re.compile(r"^\d+ inputs match\.$"))).to_be_visible()
    inputs.select_option(f"proposal:{number}")  # listed by title
    page.get_by_label("How it shaped this version").select_option(how)
    page.get_by_label("Explanation").fill(why)
    page.get_by_role("button", name="Record", exact=True).click()
    expect(page.get_by_text("The influence is recorded.")).to_be_visible()


def demo_ids(app):
    """The Environment forum and its two proposals still awaiting a response, by title."""
    from forum.extensions import db
    from forum.forums.models import Forum
    from forum.proposals.models import Proposal
    with app.app_context():
        forum = db.session.scalar(db.select(Forum).where(Forum.sector == "Ambiente"))
        ids = {p.title.split()[0]: p.id for p in db.session.scalars(db.select(Proposal).where(
            Proposal.forum_id == forum.id, Proposal.status == "awaiting"))}
        return forum.id, ids["Consulta"], ids["Publicar"]


def respond(page, base, number, reason):
    page.goto(base + f"/proposals/{number}")
    page.get_by_label("Outcome").select_option("accepted")
    page.get_by_label("Public reason", exact=True).fill(reason)
    page.get_by_role("button", name="Publish the response").click()
    expect(page.get_by_text("The response is published.")).to_be_visible()


def verifiable(page, n, indicator, baseline, target, unit, verification):
    """The parts of milestone `n` the verifiability check asks for."""
    page.get_by_label(f"Indicator {n}", exact=True).fill(indicator)
    page.get_by_label(f"Baseline value {n}", exact=True).fill(baseline)
    page.get_by_label(f"Baseline date {n}", exact=True).fill("2019-12-01")
    page.get_by_label(f"Baseline source {n}", exact=True).fill("Informe anual del SENACE 2019")
    page.get_by_label(f"Target {n}", exact=True).fill(target)
    page.get_by_label(f"Responsible unit {n}", exact=True).fill(unit)
    page.get_by_label(f"Means of verification {n}", exact=True).fill(verification)


def test_draft_refuse_revise_adopt_and_follow(live, page):
    live_server, app = live
    forum_id, consulta, eia = demo_ids(app)
    log_in(page, live_server, "rosa.quispe@minam.demo")  # State co-chair, Environment
    # Only an input with its reasoned response can shape a commitment: answer both first.
    respond(page, live_server, consulta, "Se acepta: las comunidades deben recibir la información en su lengua.")
    respond(page, live_server, eia, "Se acepta: los estudios completos se publicarán en el portal del SENACE.")
    page.goto(live_server + f"/forums/{forum_id}/commitments")
    page.get_by_role("link", name="Draft a commitment").click()
    page.get_by_label("Title").fill("Consulta previa y estudios ambientales accesibles")
    page.get_by_label("Problem addressed").fill("Los expedientes de consulta y los EIA no son accesibles.")
    page.get_by_label("Status quo").fill("Solo resúmenes en castellano técnico y en PDF.")
    page.get_by_label("Commitment description").fill("Publicar los EIA completos y resúmenes en lenguas originarias.")
    page.get_by_label("How it will contribute to solving the problem").fill("Comunidades informadas en su lengua.")
    page.get_by_label("Relevance to OGP values").fill("Transparencia y participación ciudadana.")
    page.get_by_label("Transparency").check()
    page.get_by_label("Lead agency").select_option(label="Ministerio del Ambiente")
    page.get_by_label("Start date").fill("2020-01-01")
    page.get_by_label("End date").fill("2021-06-30")
    page.get_by_label("Milestone 1", exact=True).fill("Publicación de los EIA completos en SENACE")
    page.get_by_label("Responsible 1", exact=True).select_option(label="Ministerio del Ambiente")
    page.get_by_label("Start 1", exact=True).fill("2020-02-01")
    page.get_by_label("End 1", exact=True).fill("2020-12-31")
    verifiable(page, 1, "EIA publicados completos", "0 %", "100 %", "Dirección de Evaluación del SENACE",
               "Portal del SENACE con cada EIA descargable")
    page.get_by_role("button", name="Save the version").click()
    page.wait_for_url(re.compile(r"/commitments/\d+$"))
    commitment_url = page.url
    record_influence(page, consulta, "adapted", "Los resúmenes en lenguas originarias vienen de esta propuesta.")
    record_influence(page, eia, "adopted", "La publicación completa de los EIA se adopta tal cual.")
    page.get_by_role("button", name="Sign off this version").click()
    expect(page.locator("li[data-side=state_chair] .badge")).to_have_text("signed")
    log_out(page)

    log_in(page, live_server, "lucia.mendoza@redamazonica.demo")  # civil-society co-chair
    page.goto(commitment_url)
    page.get_by_text("Refuse, with a public reason").click()
    page.get_by_label("Public reason for refusing").fill("Falta un hito para la difusión por radio en las comunidades.")
    page.get_by_role("button", name="Refuse", exact=True).click()
    expect(page.locator("li[data-side=civil_chair] .badge")).to_have_text("refused")
    page.get_by_role("link", name="Save a new version").click()
    page.get_by_label("Milestone 2", exact=True).fill("Emitir programas radiales en lenguas originarias")
    page.get_by_label("Responsible 2", exact=True).select_option(label="Red Amazónica por la Transparencia")
    page.get_by_label("Start 2", exact=True).fill("2020-06-01")
    page.get_by_label("End 2", exact=True).fill("2021-03-31")
    verifiable(page, 2, "Programas emitidos", "0 programas", "24 programas en 4 lenguas",
               "Área de comunicación de la Red", "Grabaciones y constancias de las radios")
    page.get_by_label("What changed and why").fill("Se añade la difusión radial pedida al rechazar la versión 1.")
    page.get_by_role("button", name="Save the version").click()
    expect(page.locator("p.meta")).to_contain_text("version 2 of 2")
    page.get_by_role("button", name="Sign off this version").click()
    log_out(page)

    log_in(page, live_server, "rosa.quispe@minam.demo")
    page.goto(commitment_url)
    page.get_by_role("button", name="Sign off this version").click()
    expect(page.locator("main")).to_contain_text("is adopted")
    log_out(page)

    # An anonymous visitor starts from the proposal and follows it.
    page.goto(live_server + f"/proposals/{consulta}")
    page.locator("#fate").locator("xpath=..").get_by_role("link", name=re.compile("commitment #")).first.click()
    expect(page.locator("p.meta .badge.ok")).to_have_text("adopted")
    assert page.locator("figure.graph svg .node").count() >= 6  # 2 inputs, 2 versions, 3 sign-offs
    assert page.locator("figure.graph svg .k-adopted").count() == 1
    assert "Los resúmenes en lenguas originarias vienen de esta propuesta." in page.content()
    page.goto(live_server + "/cycles/2019-2021")
    bars = page.locator("svg.bars").first  # drawn by the server: no script
    assert bars.locator("rect").count() >= 1 and bars.bounding_box()["height"] > 20
