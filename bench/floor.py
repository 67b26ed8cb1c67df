"""The floor of the HTTP benchmark (issue 17): the cheapest page a Flask + Flask-SQLAlchemy
application can serve that still does what every Traza page does — read rows from the
database and render them with a Jinja template. 20 rows of a 10,000-row table, the template
compiled once. bench/served.py mounts it beside Traza in the same processes."""
import os
from datetime import datetime

from flask import Flask, render_template, request
from flask_sqlalchemy import SQLAlchemy
from jinja2 import DictLoader
from sqlalchemy import DateTime, String, Text, func, select
from sqlalchemy.orm import Mapped, mapped_column

ROWS, PAGE = 10_000, 20
TEMPLATE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Floor</title></head>
<body><h1>Rows {{ first }}–{{ first + rows|length - 1 }} of {{ total }}</h1><ol>
{% for r in rows %}<li><a href="/floor/{{ r.id }}">{{ r.title }}</a> <time>{{ r.created_at.isoformat() }}</time>
<p>{{ r.body }}</p></li>{% endfor %}</ol></body></html>"""

db = SQLAlchemy()


class FloorRow(db.Model):  # type: ignore[name-defined]
    __tablename__ = "bench_floor_rows"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)


def create_floor(url: str | None = None) -> Flask:
    app = Flask("floor")
    app.config["SQLALCHEMY_DATABASE_URI"] = url or os.environ["TRAZA_DATABASE_URL"]
    app.jinja_loader = DictLoader({"floor.html": TEMPLATE})
    db.init_app(app)

    @app.get("/")
    def rows():
        page = request.args.get("page", 1, type=int)
        found = db.session.scalars(select(FloorRow).order_by(FloorRow.id.desc())
                                   .limit(PAGE).offset((page - 1) * PAGE)).all()
        total = db.session.scalar(select(func.count()).select_from(FloorRow))
        return render_template("floor.html", rows=found, first=(page - 1) * PAGE + 1, total=total)
    return app


def fill(app: Flask) -> None:
    """The 10,000 rows, once."""
    from sqlalchemy import insert
    with app.app_context():
        db.create_all()
        if db.session.scalar(select(func.count()).select_from(FloorRow)):
            return
        now = datetime(2026, 1, 1)
        db.session.execute(insert(FloorRow), [dict(id=i, title=f"Row {i} of the floor table",
                                                   body="Lorem ipsum dolor sit amet, " * 6, created_at=now)
                                              for i in range(1, ROWS + 1)])
        db.session.commit()
