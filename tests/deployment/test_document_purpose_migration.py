"""0033 gives existing documents the purpose of what links to them: a workshop's sheet becomes
private, unless the same bytes are public elsewhere (an adopted plan's instrument)."""
import io
from datetime import date

from flask_migrate import downgrade, upgrade
from sqlalchemy import text
from werkzeug.datastructures import FileStorage

from forum.extensions import db
from tests.conftest import Factory, trail_actions_since, trail_length
from tests.deployment.test_migrations import migrated_app
from tests.helpers.private_documents import record_input
from tests.helpers.proposals import chairs

PLAN = b"%PDF-1.4\n% el plan adoptado, escaneado tambien como hoja de un taller\n"
EVIDENCE = b"%PDF-1.4\n% un informe de avance publico\n"


def _purposes() -> dict[str, str | None]:
    rows = db.session.execute(text("SELECT filename, purpose FROM documents")).all()
    db.session.commit()  # end the read: on PostgreSQL a migration's DDL waits for it
    return dict(rows)


def test_existing_documents_take_the_purpose_of_what_links_to_them(tmp_path, database_url):
    from forum.plans.services import official
    from forum.uploads import store
    from forum.voice import services

    app = migrated_app(tmp_path, database_url)
    with app.app_context():
        make = Factory(app)
        forum = make.forum(open_=True)
        chair = chairs(forum)["state_chair"]
        facilitator, org = make.user("Facilitadora"), make.org()
        services.appoint_facilitator(chair, forum, facilitator)
        record_input(facilitator, forum, org)
        record_input(facilitator, forum, org, data=PLAN, name="hoja-2.pdf")
        store(chair, FileStorage(io.BytesIO(EVIDENCE), "avance.pdf"), forum)
        db.session.commit()
        before = trail_length()
        # the same bytes published as the adopted plan: the document becomes public, on the trail
        official.record(chair, "2019-2021", official.Official(
            kind="rm", number="7-2020-PCM", issuer="PCM", published_on=date(2020, 3, 1), starts_on=date(2020, 3, 1),
            ends_on=date(2021, 12, 31), url="https://www.gob.pe/rm-7"), FileStorage(io.BytesIO(PLAN), "plan.pdf"))
        db.session.commit()
        assert trail_actions_since(before) == ["document.published", "plan.instrument_recorded"]
        expected = {"asistencia-ccatca.png": "workshop_sheet", "hoja-2.pdf": None, "avance.pdf": None}
        assert _purposes() == expected
        downgrade(revision="0032")
        upgrade()
        assert _purposes() == expected
        db.session.remove()
        db.drop_all()
        db.engine.dispose()
