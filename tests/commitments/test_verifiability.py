"""Milestones that can be verified (issue 27, item 5): the check's word lists and rules, the
warning beside the field, sign-off held to a passing check or a two-key override, the
at-a-glance count, old milestones left unchecked, and the fields in the API and the archive."""
import csv
import io
import zipfile
from datetime import date

import pytest
from sqlalchemy import select, update

from forum.commitments import queries, services
from forum.commitments.models import CheckOverride, Milestone
from forum.commitments.services import MilestoneInput, signoff
from forum.commitments.verifiability import Finding, Verdict, check, tally, vague_verb, verdict
from forum.core.errors import DomainError, PermissionDenied
from forum.extensions import db
from forum.trail.models import TrailEntry
from tests.conftest import trail_length
from tests.helpers.commitments import VERIFIABLE, milestones, template
from tests.helpers.proposals import chairs

CYCLE = "2019-2021"


def ms(description="Publicar el registro de contratos", **fields):
    return MilestoneInput(description, 1, date(2020, 2, 1), date(2020, 12, 31), **{**VERIFIABLE, **fields})


@pytest.mark.parametrize("text,verb", [
    ("Fortalecer las capacidades de los funcionarios", "fortalecer"),
    ("Se fortalecerán las capacidades regionales", "fortalecer"),
    ("Fortalecimiento de capacidades", "fortalecer"),
    ("FORTALEZCAN los comités", "fortalecer"),
    ("Promover la participación ciudadana", "promover"),
    ("Promoción de la transparencia", "promover"),
    ("Se promueve el acceso", "promover"),
    ("Impulsar el gobierno abierto", "impulsar"),
    ("Sensibilización a funcionarios públicos", "sensibilizar"),
    ("Sensibilizar a la población", "sensibilizar"),
    ("Fomentar la rendición de cuentas", "fomentar"),
    ("Articulación con los gobiernos regionales", "articular"),
    ("Articular esfuerzos", "articular"),
    ("Coordinar con el MEF", "coordinar"),
    ("Coordinación interinstitucional", "coordinar"),
    ("Difundir la norma", "difundir"),
    ("Difusión de la política de datos", "difundir"),
    ("DIFUSIÓN de la política", "difundir"),
    ("Apoyar a las municipalidades", "apoyar"),
    ("Strengthen the capacities of officials", "strengthen"),
    ("Strengthening civil society", "strengthen"),
    ("The ministry will promote participation", None),  # the subject comes first: not the opening verb
    ("Will promote participation", "promote"),
    ("To promote open data", "promote"),
    ("Foster collaboration", "foster"),
    ("Raise awareness among officials", "raise awareness"),
    ("Raising awareness of the law", "raise awareness"),
    ("Awareness-raising campaign", "raise awareness"),
    ("Coordinate with the ministry", "coordinate"),
    ("Coordination meetings", "coordinate"),
    ("Disseminate the results", "disseminate"),
    ("Dissemination of the report", "disseminate"),
    ("Support municipalities", "support"),
    ("Encourage participation", "encourage"),
    ("Publicar el informe de coordinación", None),
    ("Aprobar el reglamento de la ley", None),
    ("Artículo 5 del reglamento publicado", None),
    ("Publish 12 monthly datasets", None),
    ("Raise the budget to 2 million", None),
])
def test_the_opening_verb_is_read_in_both_languages_any_form_any_accent(text, verb):
    assert vague_verb(text) == verb


def test_a_complete_milestone_passes_and_each_missing_part_is_named():
    assert check(ms(), CYCLE).passes
    cases = {Finding.VAGUE_VERB: dict(description="Fortalecer capacidades"),
             Finding.NO_INDICATOR: dict(indicator=" "),
             Finding.NO_BASELINE: dict(baseline_source=None),
             Finding.NO_TARGET: dict(target=""),
             Finding.NO_OWNER: dict(unit=None),
             Finding.NO_VERIFICATION: dict(verification=None)}
    for finding, change in cases.items():
        assert check(ms(**change), CYCLE).findings == (finding,), finding
    no_date = ms()
    no_date.end_date = None
    assert check(no_date, CYCLE).findings == (Finding.NO_DATE,)
    late = ms()
    late.end_date = date(2022, 3, 1)
    assert check(late, CYCLE).findings == (Finding.OUTSIDE_CYCLE,)
    assert check(late, None).passes  # no cycle, nothing to fall outside


def test_milestones_drafted_before_the_check_are_not_checked_and_not_failed():
    class Old:
        description, indicator, check_rules = "Fortalecer capacidades", None, None
        end_date = date(2020, 1, 1)

    class New(Old):
        check_rules = 1

    assert verdict(Old(), CYCLE) == Verdict.NOT_CHECKED
    assert verdict(New(), CYCLE) == Verdict.NOT_VERIFIABLE


def _draft(make, **fields):
    forum = make.forum(open_=True)
    c = services.create(chairs(forum)["state_chair"], forum, template(forum), milestones(forum, **fields))
    db.session.commit()
    return c


@pytest.mark.parametrize("baseline", [date(2021, 1, 1), date(2024, 1, 1)])
def test_a_baseline_after_the_target_date_is_refused_and_nothing_is_written(make, baseline):
    forum = make.forum(open_=True)
    before, rows = trail_length(), db.session.scalar(select(db.func.count(Milestone.id)))
    with pytest.raises(DomainError, match="baseline date must come before") as err:
        services.create(chairs(forum)["state_chair"], forum, template(forum),
                        milestones(forum, baseline_date=baseline))
    assert err.value.field == "milestones"
    db.session.rollback()
    assert trail_length() == before and db.session.scalar(select(db.func.count(Milestone.id))) == rows


def test_the_form_shows_the_check_beside_the_field(make, new_client):
    c = _draft(make, description="Sensibilizar a los funcionarios", verification=None)
    chair = chairs(c.forum)["state_chair"]
    client = new_client()
    client.login(chair.email)
    page = client.get(f"/commitments/{c.id}/edit").get_data(as_text=True)
    cell = page.split('name="milestones-0-description"')[1].split("</td>")[0]
    assert 'data-check="description"' in cell and "sensibilizar" in cell and "vague verb" in cell
    cell = page.split('name="milestones-0-verification"')[1].split("</td>")[0]
    assert "No means of verification" in cell
    assert 'data-check="indicator"' not in page  # what is there is not warned about
    client.raw.environ_base["HTTP_ACCEPT_LANGUAGE"] = "es"
    page = client.get(f"/commitments/{c.id}/edit").get_data(as_text=True)
    assert "verbo vago" in page and "Sin medio de verificación" in page


def test_a_bad_date_is_refused_beside_the_milestones_on_the_form(make, new_client):
    c = _draft(make)
    chair = chairs(c.forum)["state_chair"]
    client = new_client()
    client.login(chair.email)
    lead = queries.version(c).lead_agency_id
    before = trail_length()
    r = client.post(f"/commitments/{c.id}/edit", {
        **{k: v for k, v in template(c.forum).items() if k not in ("values", "start_date", "end_date")},
        "values": "transparency", "lead_agency_id": lead, "start_date": "2020-01-01", "end_date": "2021-12-31",
        "change_note": "Se corrige la línea de base.", "milestones-0-description": "Publicar el registro",
        "milestones-0-responsible_id": lead, "milestones-0-start_date": "2020-02-01",
        "milestones-0-end_date": "2020-12-31", "milestones-0-baseline_date": "2021-03-01"})
    assert r.status_code == 400
    assert 'id="milestones-error"' in r.get_data(as_text=True)
    assert "baseline date must come before" in r.get_data(as_text=True)
    assert trail_length() == before and db.session.get(type(c), c.id).latest == 1


def test_sign_off_needs_a_passing_check_or_both_co_chairs_override(make):
    c = _draft(make, description="Promover la publicación de contratos")
    v = queries.version(c)
    state, civil = chairs(c.forum)["state_chair"], chairs(c.forum)["civil_chair"]
    before = trail_length()
    with pytest.raises(DomainError, match="cannot be verified as drafted"):
        signoff.sign(state, v)
    db.session.rollback()
    with pytest.raises(DomainError, match="required"):
        signoff.override_check(state, v, "")
    db.session.rollback()
    assert trail_length() == before and not db.session.scalars(select(CheckOverride)).all()
    signoff.override_check(state, v, "La forma de medirlo se acuerda en la primera sesión del foro.")
    db.session.commit()
    with pytest.raises(DomainError, match="cannot be verified as drafted"):  # one key is not enough
        signoff.sign(state, v)
    db.session.rollback()
    with pytest.raises(DomainError, match="already recorded"):
        signoff.override_check(state, v, "Otra razón cualquiera, bastante larga para pasar.")
    db.session.rollback()
    with pytest.raises(PermissionDenied):
        signoff.override_check(make.user(), v, "Una persona ajena al foro no puede hacerlo.")
    db.session.rollback()
    signoff.override_check(civil, v, "Aceptamos el hito y pediremos su indicador en el primer informe.")
    db.session.commit()
    assert signoff.sign(state, v) is False and signoff.sign(civil, v) is True
    db.session.commit()
    actions = db.session.scalars(select(TrailEntry.action).where(TrailEntry.subject_id == str(c.id))
                                 .where(TrailEntry.subject_type == "commitment")).all()
    assert actions.count("commitment.check_overridden") == 2 and "commitment.adopted" in actions


def test_a_passing_version_needs_no_override_and_refuses_one(make):
    c = _draft(make)
    v = queries.version(c)
    with pytest.raises(DomainError, match="no override is needed"):
        signoff.override_check(chairs(c.forum)["state_chair"], v, "Una razón pública suficientemente larga.")
    db.session.rollback()
    assert signoff.sign(chairs(c.forum)["state_chair"], v) is False


def test_the_at_a_glance_count_and_old_milestones(make, client):
    forum = make.forum(open_=True)
    rows = milestones(forum, 4)
    rows[1].description = "Fortalecer la articulación regional"
    rows[2].target = None
    c = services.create(chairs(forum)["state_chair"], forum, template(forum), rows)
    db.session.commit()
    v = queries.version(c)
    # As a milestone written before the check is stored: none of the new fields.
    db.session.execute(update(Milestone).where(Milestone.id == v.milestones[3].id).values(
        check_rules=None, indicator=None, baseline_value=None, baseline_date=None, baseline_source=None,
        target=None, unit=None, verification=None))
    db.session.commit()
    db.session.expire_all()
    v = queries.version(c)
    # By hand: milestone 1 passes; 2 opens with a vague verb; 3 has no target; 4 is old.
    t = tally(v.milestones, forum.cycle)
    assert (t.verifiable, t.checked, t.not_checked) == (1, 3, 1)
    page = client.get(f"/commitments/{c.id}").get_data(as_text=True)
    figure = page.split('data-figure="verifiable"')[1].split("</div>")[0]
    assert "1 of 3" in figure
    assert "1</dd>" in page.split('data-figure="not-checked"')[1].split("</div>")[0]
    assert 'data-milestone="4" data-verdict="not_checked"' in page
    assert "not checked: drafted before the check" in page
    assert 'data-milestone="2" data-verdict="not_verifiable"' in page
    irm = page.split('data-figure="irm"')[1].split("</div>")[0]
    assert "No assessment in force yet." in irm
    # An old milestone does not block its version's sign-off.
    state = chairs(forum)["state_chair"]
    with pytest.raises(DomainError, match="cannot be verified"):
        signoff.sign(state, v)


def test_the_api_and_the_archive_carry_the_fields(make, client):
    c = _draft(make, verification=None)
    body = client.get(f"/api/v1/commitments/{c.id}").get_json()
    m = body["versions"][0]["milestones"][0]
    assert m["indicator"] == VERIFIABLE["indicator"] and m["baseline_date"] == "2019-12-01"
    assert m["verification"] is None and m["verifiability"] == "not_verifiable"
    assert m["findings"] == ["no_verification"]
    r = client.get("/data/traza-all.zip")
    z = zipfile.ZipFile(io.BytesIO(r.data))
    r.close()
    row = next(csv.DictReader(io.StringIO(z.read("data/milestones.csv").decode("utf-8-sig"))))
    assert row["target"] == "100 %" and row["unit"] == "Dirección de Compras"
    assert row["verifiability"] == "not_verifiable" and row["findings"] == "no_verification"
    import json
    fields = next(r for r in json.loads(z.read("datapackage.json"))["resources"]
                  if r["name"] == "milestones")["schema"]["fields"]
    verification = next(f for f in fields if f["name"] == "verification")
    assert verification["description_es"] and verification["description"] != verification["description_es"]


def test_the_page_reads_as_many_statements_with_twelve_milestones_as_with_one(make, client, count_queries):
    from forum import pagecache
    from forum.trail import cache

    def statements(n) -> int:
        forum = make.forum(open_=True)
        c = services.create(chairs(forum)["state_chair"], forum, template(forum), milestones(forum, n))
        db.session.commit()
        pagecache.clear()
        cache.clear()
        with count_queries() as q:
            assert client.get(f"/commitments/{c.id}").status_code == 200
        return q.n
    assert statements(12) == statements(1)



def test_the_dashboard_counts_milestones_verifiable_as_drafted(make, client):
    forum = make.forum(open_=True)
    state, civil = chairs(forum)["state_chair"], chairs(forum)["civil_chair"]
    good = services.create(state, forum, template(forum), milestones(forum, 3))
    rows = milestones(forum, 2)
    rows[0].unit = None
    vague = services.create(state, forum, template(forum), rows)
    services.create(state, forum, template(forum), milestones(forum, 4, target=None))  # a draft: not counted
    for c in (good, vague):
        v = queries.version(c)
        if c is vague:
            signoff.override_check(state, v, "El foro acordó precisar la unidad en el primer informe.")
            signoff.override_check(civil, v, "Aceptamos y pediremos la unidad responsable por escrito.")
        signoff.sign(state, v)
        signoff.sign(civil, v)
    db.session.execute(update(Milestone).where(Milestone.id == queries.version(good).milestones[0].id)
                       .values(check_rules=None))
    db.session.commit()
    # By hand, adopted versions only: good has 2 checked and verifiable + 1 drafted before the
    # check; vague has 1 failing (no unit) and 1 verifiable. 3 of 4 checked, 1 not checked.
    figures = client.get(f"/api/v1/forums/{forum.id}/figures").get_json()["glance"]
    assert (figures["milestones_verifiable"], figures["milestones_checked"],
            figures["milestones_not_checked"]) == (3, 4, 1)
    page = client.get(f"/forums/{forum.id}/dashboard").get_data(as_text=True)
    figure = page.split('data-figure="milestones-verifiable"')[1].split("</div>")[0]
    assert "3 of 4" in figure and "1 not checked" in figure
