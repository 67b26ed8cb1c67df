"""Outgoing mail. In development every message is a .eml file in instance/outbox/ (and, in the
demo that `flask up` serves, printed to the console too: MAIL_ECHO).

Services never call `send` themselves: they call `send_after_commit`, so nobody is mailed
about an account or a decision whose transaction then rolled back."""
import os
from email.message import EmailMessage
from email.utils import make_msgid

from flask import current_app
from flask_mail import Message

from ..core.aftercommit import on_commit
from ..core.clock import utcnow
from ..extensions import mail


def header_text(value: str) -> str:
    """A header value on one line: titles written by users may hold CR, LF or other control
    characters, which would break the header (the message then fails) or add another."""
    return " ".join("".join(c if c.isprintable() else " " for c in value).split())[:250]


def send_after_commit(to: str, subject: str, body: str) -> None:
    on_commit(send, to, subject, body)


def send(to: str, subject: str, body: str, headers: dict[str, str] | None = None) -> None:
    """`headers` carry e.g. List-Unsubscribe (RFC 2369) and List-Unsubscribe-Post (RFC 8058)."""
    to, subject = header_text(to), header_text(subject)
    headers = {k: header_text(v) for k, v in (headers or {}).items()}
    app = current_app
    if app.config["MAIL_BACKEND"] == "smtp":
        mail.send(Message(subject=subject, recipients=[to], body=body, extra_headers=headers))
        return
    msg = EmailMessage()
    msg["From"] = app.config["MAIL_DEFAULT_SENDER"]
    msg["To"] = to
    msg["Subject"] = subject
    msg["Message-ID"] = make_msgid(domain="traza.local")
    for name, value in headers.items():
        msg[name] = value
    msg.set_content(body)
    outbox = os.path.join(app.instance_path, "outbox")
    os.makedirs(outbox, exist_ok=True)
    stamp = utcnow().strftime("%Y%m%dT%H%M%S%f")
    path = os.path.join(outbox, f"{stamp}-{os.getpid()}.eml")
    with open(path, "wb") as fh:
        fh.write(bytes(msg))
    if app.config.get("MAIL_ECHO"):  # `flask up`, the demo: the console is where a newcomer looks
        print(f"\n--- e-mail to {to}: {subject}\n{body}\n--- saved as {path}\n", flush=True)
