"""What bench/http.py has the stack's app processes serve: Traza, with the floor mounted at
/__floor/ in the same processes, behind the same nginx (TRAZA_STACK_WSGI=bench.served:app), so
the floor and every page are measured through exactly the same path."""
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from bench.floor import create_floor
from forum.wsgi import app as traza

app = DispatcherMiddleware(traza, {"/__floor": create_floor()})
