"""The app starts on an up-to-date schema: the migrations build exactly what the models say."""
import warnings

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, select, text

from forum import create_app
from forum.extensions import _include_object, db


def migrated_app(tmp_path, database_url, **config):
    """An app whose database was emptied, then built by the migrations alone."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "x",
                      "INSTANCE_PATH": str(tmp_path / "instance"), **config})
    with app.app_context():
        db.drop_all()
        with db.engine.begin() as conn:
            conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
        upgrade()
    return app


def test_migrations_match_the_models(tmp_path, database_url):
    app = migrated_app(tmp_path, database_url)
    with app.app_context():
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"include_object": _include_object})
            with warnings.catch_warnings():
                # the full-text GIN index is an expression index, which Alembic cannot compare
                warnings.filterwarnings("ignore", "autogenerate skipping", UserWarning)
                diff = compare_metadata(context, db.metadata)
            assert diff == [], diff
            assert conn.execute(text("SELECT writes FROM trail_lock WHERE id = 1")).scalar() == 0
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        db.engine.dispose()


def test_up_command_migrates_seeds_once_and_the_trail_verifies(tmp_path):
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'demo.db'}", "SECRET_KEY": "x",
                      "INSTANCE_PATH": str(tmp_path / "instance")})
    runner = app.test_cli_runner()
    first = runner.invoke(args=["up", "--no-serve"])
    assert first.exit_code == 0, first.output
    assert "Loaded the demo data set." in first.output and "admin@traza.demo" in first.output
    second = runner.invoke(args=["up", "--no-serve"])
    assert "Loaded the demo data set." not in second.output  # an existing database is left alone
    verify = runner.invoke(args=["trail", "verify"])
    assert verify.exit_code == 0 and verify.output.startswith("OK ")
    with app.app_context():
        forums = db.session.execute(text("SELECT title, status FROM forums ORDER BY id")).all()
        # The fourth and fifth are of the previous plan: the forum whose commitment civil society left
        # alone (demo/monitoring.py) and the one with the workshop in Cusco (demo/voice.py).
        assert [f.status for f in forums] == ["open", "open", "draft", "open", "open"]
        db.engine.dispose()



def test_needs_info_stops_counting_as_the_first_answer_on_upgrade(tmp_path, database_url):
    """0009 recomputes existing proposals' first answer: a 'needs more information' response
    no longer stops the clock; downgrading restores the old reading."""
    from datetime import datetime, timedelta

    from forum.core.clock import frozen_at
    from forum.proposals import services
    from forum.proposals.models import Proposal
    from forum.proposals.services import responses
    from tests.conftest import Factory
    from tests.helpers.proposals import REASON, TEXT, chairs

    app = migrated_app(tmp_path, database_url)
    t0 = datetime(2026, 1, 1, 9, 0)
    with app.app_context():
        make = Factory(app)
        forum = make.forum(open_=True)
        user, org = make.member_of("civil_society")
        with frozen_at(t0):
            p = services.submit(user, forum, org, **TEXT)
        with frozen_at(t0 + timedelta(days=5)):
            responses.respond(chairs(forum)["state_chair"], p, "needs_info", REASON)
        with frozen_at(t0 + timedelta(days=12)):
            responses.respond(chairs(forum)["state_chair"], p, "accepted", REASON)
        db.session.commit()
        pid = p.id

        def first():
            db.session.expire_all()
            # the two columns 0009 touches, not the whole row: columns added after 0009
            # (a proposal's region and channel, 0026) do not exist once downgraded to 0008
            out = tuple(db.session.execute(select(Proposal.first_response_at, Proposal.response_seconds)
                                           .where(Proposal.id == pid)).one())
            db.session.commit()  # end the read: on PostgreSQL a migration's DDL waits for it
            return out

        assert first() == (t0 + timedelta(days=12), 12 * 86400)  # new code: the answer, not the question
        downgrade(revision="0008")
        assert first() == (t0 + timedelta(days=5), 5 * 86400)   # the old reading, restored
        upgrade()
        assert first() == (t0 + timedelta(days=12), 12 * 86400)  # 0009 recomputes what was stored
        db.session.remove()
        db.drop_all()
        db.engine.dispose()
