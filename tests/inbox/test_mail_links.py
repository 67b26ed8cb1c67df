"""An e-mail's links are built by the app that sends it, whatever request context lies underneath.

A request context of another app (a test reading sentences with a bare Flask app and Babel, left
pushed for its module) made every after-commit e-mail fail with a BuildError for `admin.index`:
url_for took that app's routes. The mail was lost and the log said "after-commit task _send_all
failed"."""
import logging

from flask import Flask

from forum.extensions import db
from forum.organisations import services as orgs
from tests.inbox.test_inbox_mail import empty, to


def test_mail_leaves_with_its_links_under_another_apps_request(app, make, caplog):
    admin = make.admin()
    db.session.commit()
    empty(app)
    bare = Flask("sentences_only")  # no blueprint at all: no admin.index to build
    with bare.test_request_context(), app.app_context(), caplog.at_level(logging.ERROR):
        founder = make.user()
        orgs.register_organisation(founder, "Colectivo Ciudadano del Cusco", "civil_society", None, "")
        db.session.commit()
    assert [r.getMessage() for r in caplog.records if "after-commit" in r.getMessage()] == []
    [told] = [m for m in to(app, admin.email) if "Colectivo Ciudadano del Cusco" in m["Subject"]]
    assert f"{app.config['PUBLIC_URL'].rstrip('/')}/admin/" in told.get_content()
