"""The open-data front: the Data page, the bulk archives and the Atom feeds."""
from flask import Blueprint, render_template

bp = Blueprint("opendata", __name__)


@bp.get("/data")
def data():
    return render_template("opendata/data.html")
