"""Command-line entry points; thin callers of the same services as the pages."""
import os
import sys

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from .extensions import db

users = AppGroup("users", help="Accounts.")
trail_cli = AppGroup("trail", help="The public trail.")
demo = AppGroup("demo", help="The demo data set.")


@users.command("create-admin")
@click.argument("email")
@click.option("--name", help="Display name (default: the part before @).")
def create_admin(email, name):
    """Create a platform admin (or promote an account). The password is prompted, or read
    from TRAZA_ADMIN_PASSWORD for scripts."""
    from .accounts.services import create_admin as create
    from .core.errors import DomainError

    password = os.environ.get("TRAZA_ADMIN_PASSWORD") or click.prompt(
        "Password", hide_input=True, confirmation_prompt=True)
    try:
        user = create(email, password, name)
        db.session.commit()
    except DomainError as err:
        db.session.rollback()
        raise click.ClickException(f"{err.field or 'error'}: {err.message}") from None
    click.echo(f"admin {user.email} (id {user.id})")


@trail_cli.command("verify")
@click.option("--file", "path", type=click.Path(exists=True, dir_okay=False),
              help="Verify an exported traza-trail.jsonl instead of the database.")
def verify(path):
    """Recompute the whole chain; print OK <count> <head>, or the first bad entry and exit 1."""
    if path:
        from .trail.chain import verify as verify_entries
        from .trail.export import read_lines
        with open(path, encoding="utf-8") as fh:
            verdict = verify_entries(read_lines(fh))
    else:
        from .trail.queries import verify_database
        verdict = verify_database()
    click.echo(verdict.line())
    if not verdict.ok:
        sys.exit(1)


@trail_cli.command("checkpoint")
def checkpoint_cmd():
    """Sign a checkpoint over the trail now (run it from a timer too); print it."""
    from .trail import checkpoints
    cp = checkpoints.make()
    db.session.commit()
    latest = cp or checkpoints.latest()
    if latest is None:
        raise click.ClickException("the trail is empty: nothing to sign")
    click.echo(latest.note, nl=False)
    click.echo(f"verifier key: {checkpoints.log_verifier()}", err=True)


@demo.command("seed")
def seed_cmd():
    """Load the demo data set into an empty database."""
    from .demo import seed
    if not seed():
        raise click.ClickException("the database is not empty; demo data not loaded")
    _print_logins()


def _print_logins():
    from .demo import DEMO_PASSWORD, LOGINS
    click.echo(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
    for email, role in LOGINS:
        click.echo(f"  {email:34} {role}")


opendata_cli = AppGroup("opendata", help="Bulk open-data archives.")


@opendata_cli.command("build")
@click.argument("names", nargs=-1)
def opendata_build(names):
    """Rebuild the archives (all of them, or the cycles named; "all" is the whole platform).
    Run it from a timer so downloads never wait for a build."""
    from .opendata import package
    for name in names or package.scopes():
        try:
            a = package.build(name)
        except LookupError:
            raise click.ClickException(f"no forum belongs to the cycle {name!r}") from None
        click.echo(f"{a.path}  {a.size} bytes  ({a.trail_size} trail entries)")


inbox_cli = AppGroup("inbox", help="What waits for people.")


@inbox_cli.command("digest")
def inbox_digest():
    """Mail the daily digest to everyone who chose it and had none in the last 20 hours.
    Run it once a day from a timer (docs/deploy.md)."""
    from .inbox.mail import digest
    n = digest()
    db.session.commit()
    click.echo(f"{n} digests sent")


consultations_cli = AppGroup("consultations", help="Consultations.")


@consultations_cli.command("publish")
def consultations_publish():
    """Write the trail entry that unseals each consultation whose comments were withheld
    until a close now past. Run it from a timer (with the checkpoint) so the trail says it
    even when nobody acts on the consultation."""
    from .consultations.services import publish_due
    n = publish_due()
    db.session.commit()
    click.echo(f"{n} consultations unsealed")


@click.command("up")
@with_appcontext
@click.option("--host", default="127.0.0.1")
@click.option("--port", default=5000, type=int)
@click.option("--no-serve", is_flag=True, help="Only migrate and seed.")
def up(host, port, no_serve):
    """Migrate, seed the demo data if the database is empty, print the logins, and serve."""
    from flask_migrate import upgrade

    from .demo import seed
    from .extensions import socketio

    upgrade(directory=current_app.extensions["migrate"].directory)
    if seed():
        click.echo("Loaded the demo data set.")
    _print_logins()
    if no_serve:
        return
    if host in ("127.0.0.1", "localhost") and not os.environ.get("TRAZA_SECRET_KEY"):
        # A local demo over plain HTTP: Safari and older browsers drop Secure cookies there.
        current_app.config["SESSION_COOKIE_SECURE"] = current_app.config["REMEMBER_COOKIE_SECURE"] = False
    # Nothing is mailed from the demo: each message is printed here as well as kept as a file.
    current_app.config["MAIL_ECHO"] = True
    outbox = os.path.join(current_app.instance_path, "outbox")
    banner = (f"\nE-mail is not sent: each message is printed here and saved in {outbox}{os.sep}\n"
              f"Traza is running on http://{host}:{port}/  (Ctrl+C to stop)")
    if current_app.config["SOCKETIO_ASYNC_MODE"] != "threading":
        click.echo(banner)
        socketio.run(current_app, host=host, port=port, debug=False, use_reloader=False)
        return
    # Werkzeug's make_server (its public API for running a server yourself) rather than
    # socketio.run -> app.run -> run_simple: run_simple prints a red "do not use it in a production
    # deployment" banner, which tells a newcomer trying the demo that they did something wrong.
    # This is the demo on one machine; deployments run gunicorn (deploy/systemd/traza@.service).
    # The server is the same one (threaded, WebSocket through simple-websocket) without the banner.
    from werkzeug.serving import make_server
    server = make_server(host, port, current_app._get_current_object(), threaded=True)
    click.echo(banner)  # listening already: the address printed answers
    server.serve_forever()


absorbed_cli = AppGroup("absorbed", help="Contributions absorbed without credit.")


@absorbed_cli.command("check")
@click.argument("forum_id", type=int)
def absorbed_check(forum_id):
    """Re-check every version of every commitment of a forum against every earlier input
    (after a plan import, or a change of the detector's rules). Adds only new suggestions."""
    from .commitments.services.absorbed import recheck
    from .forums.models import Forum
    forum = db.session.get(Forum, forum_id)
    if forum is None:
        raise click.ClickException(f"There is no forum {forum_id}.")
    n = len(recheck(forum))
    db.session.commit()
    click.echo(f"{n} new suggestions")


def init_app(app) -> None:
    app.cli.add_command(users)
    app.cli.add_command(trail_cli)
    app.cli.add_command(demo)
    app.cli.add_command(up)
    app.cli.add_command(opendata_cli)
    app.cli.add_command(inbox_cli)
    app.cli.add_command(consultations_cli)
    app.cli.add_command(absorbed_cli)
