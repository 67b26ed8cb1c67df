"""Extensions are created once here and bound to the app in ``create_app``."""
from typing import TYPE_CHECKING

from flask_babel import Babel
from flask_login import LoginManager
from flask_mail import Mail
from flask_migrate import Migrate
from flask_socketio import SocketIO
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData

# Named constraints so Alembic migrations are identical on SQLite and PostgreSQL.
naming = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

db = SQLAlchemy(metadata=MetaData(naming_convention=naming))

if TYPE_CHECKING:  # a type checker cannot follow `class X(db.Model)`: tell it what db.Model is
    from sqlalchemy.orm import DeclarativeBase

    class Model(DeclarativeBase):
        pass
else:
    Model = db.Model


def _include_object(obj, name, type_, reflected, compare_to):
    """Alembic leaves the full-text search objects alone (FTS5's tables on SQLite, the GIN
    expression index on PostgreSQL): the migration that made them owns them."""
    if type_ == "table" and name and name.startswith("proposals_fts"):
        return False
    return not (type_ == "index" and name == "ix_proposals_fulltext")


migrate = Migrate(include_object=_include_object)
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
mail = Mail()
socketio = SocketIO()
